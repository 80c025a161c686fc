//! `attache search`: query + filters → hits, as text, JSON, JSON Lines or CSV.

use std::io::Write;
use std::path::Path;

use crate::cli::{FilterArgs, HitFormat, SearchArgs, SortArg};
use crate::output::{self, style::Style, text, HitOut, HitRow, SearchOutput};
use crate::search::{Engine, Filters, Request, Sort};

/// Snippet length in characters.
const SNIPPET_CHARS: usize = 200;

pub fn filters(f: &FilterArgs) -> Filters {
    Filters {
        outlets: f.outlet.clone(),
        since: f.since.clone(),
        until: f.until.clone(),
        langs: f.lang.clone(),
        persons: f.person.clone(),
        orgs: f.org.clone(),
        places: f.place.clone(),
        topics: f.topic.clone(),
    }
}

pub fn run(index_dir: &Path, config_path: Option<&Path>, args: SearchArgs) -> anyhow::Result<u8> {
    let (idx, outlets) = super::open_for_queries(index_dir, config_path)?;
    let engine = Engine::new(&idx, &outlets)?;
    let req = Request {
        query: args.query.clone(),
        filters: filters(&args.filters),
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        limit: args.limit,
        offset: args.offset,
        snippet_chars: SNIPPET_CHARS,
        dedupe: args.dedupe.then_some(args.threshold),
    };
    if args.limit == 0 {
        anyhow::bail!("--limit must be at least 1 (use --count for the number of matches)");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.count {
        let n = engine.count(&req)?;
        writeln!(out, "{n}")?;
        return Ok(if n > 0 {
            super::SUCCESS
        } else {
            super::NO_RESULTS
        });
    }
    let results = engine.search(&req)?;
    let result = SearchOutput {
        query: args.query,
        total: results.total,
        stories: results.stories,
        hits: results.hits.iter().map(HitOut::from).collect(),
    };
    match args.format {
        HitFormat::Text => text::search(&mut out, &result, args.offset, Style::detect())?,
        HitFormat::Json => output::write_json(&mut out, &result)?,
        HitFormat::Jsonl => output::write_jsonl(&mut out, &result.hits)?,
        HitFormat::Csv => output::write_csv(
            &mut out,
            result.hits.iter().map(HitRow::from),
            &output::HIT_COLUMNS,
        )?,
    }
    out.flush()?;
    Ok(if result.total > 0 {
        super::SUCCESS
    } else {
        super::NO_RESULTS
    })
}
