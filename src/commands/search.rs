//! `attache search`: query + filters → hits, as text, JSON, JSON Lines or CSV.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::cli::{FilterArgs, HitFormat, SearchArgs, SortArg};
use crate::enrich::entities::{EntityType, Method, Resolver};
use crate::output::{self, style::Style, text, HitOut, HitRow, SearchOutput};
use crate::search::{Engine, Filters, Request, Sort};

/// Snippet length in characters.
const SNIPPET_CHARS: usize = 200;

/// Flags → filters. Entity names in any spelling are resolved to gazetteer ids here; an
/// unknown or ambiguous name is an error that lists the closest entities.
pub fn filters(
    f: &FilterArgs,
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
) -> anyhow::Result<Filters> {
    let mut out = Filters {
        outlets: f.outlet.clone(),
        since: f.since.clone(),
        until: f.until.clone(),
        langs: f.lang.clone(),
        topics: f.topic.clone(),
        all_topics: f.all_topics,
        ..Filters::default()
    };
    if !f.topic.is_empty() {
        let file = crate::config::load(config_path)?;
        let known = crate::config::topics(&file)?;
        for t in &f.topic {
            if !known.iter().any(|k| &k.id == t) {
                let mut close: Vec<(f64, &str)> = known
                    .iter()
                    .map(|k| (strsim::jaro_winkler(t, &k.id), k.id.as_str()))
                    .collect();
                close.sort_by(|a, b| b.0.total_cmp(&a.0));
                let ids: Vec<&str> = known.iter().map(|k| k.id.as_str()).collect();
                bail!(
                    "--topic {t:?}: no such topic; did you mean {:?}? Topics: {}",
                    close.first().map(|c| c.1).unwrap_or(""),
                    ids.join(", ")
                );
            }
        }
    }
    if f.person.is_empty() && f.org.is_empty() && f.place.is_empty() && f.quote_by.is_empty() {
        return Ok(out);
    }
    // Only entity filters need the gazetteer (parsing it costs a few milliseconds).
    let gaz = crate::config::gazetteer(&crate::config::load(config_path)?, gazetteers)?;
    let resolver = Resolver::new(&gaz);
    for (flag, names, etype) in [
        ("--person", &f.person, EntityType::Person),
        ("--org", &f.org, EntityType::Org),
        ("--place", &f.place, EntityType::Place),
    ] {
        for name in names {
            let r = resolver.resolve(name, Some(etype), f.exact);
            let Some(e) = r.entity else {
                let list: Vec<String> = r
                    .alternatives
                    .iter()
                    .map(|a| format!("{} ({})", a.name, a.id))
                    .collect();
                if r.ambiguous {
                    bail!("{flag} {name:?} is ambiguous: it could be {}; give the full name or the id", list.join(", "));
                }
                let hint = if list.is_empty() {
                    format!("add it to your gazetteer (attache.toml [[entity]] or --gazetteer FILE); `attache resolve {name:?}` shows what it matches")
                } else {
                    format!("did you mean {}?", list.join(", "))
                };
                bail!(
                    "{flag} {name:?}: no such {} in the gazetteer; {hint}",
                    etype.label()
                );
            };
            if matches!(r.method, Some(Method::Fuzzy)) {
                eprintln!(
                    "note: {flag} {name:?} taken as {} ({}), the closest spelling in the gazetteer",
                    e.name, e.id
                );
            }
            if f.exact {
                out.phrases.push(name.clone());
            }
            match etype {
                EntityType::Person => out.persons.push(e.id),
                EntityType::Org => out.orgs.push(e.id),
                EntityType::Place => out.places.push(e.id),
            }
        }
    }
    out.quote_by = speakers(&resolver, &f.quote_by);
    Ok(out)
}

/// Speakers as the index stores them: the entity id when the name resolves to a person or
/// an organisation, else the name as written.
pub fn speakers(resolver: &Resolver, names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            let person = resolver.resolve(n, Some(EntityType::Person), false);
            let r = if person.entity.is_some() {
                person
            } else {
                resolver.resolve(n, Some(EntityType::Org), false)
            };
            r.entity.map_or_else(|| n.trim().to_string(), |e| e.id)
        })
        .collect()
}

pub fn run(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
    args: SearchArgs,
) -> anyhow::Result<u8> {
    let (idx, outlets) = super::open_for_queries(index_dir, config_path)?;
    let engine = Engine::new(&idx, &outlets)?;
    let req = Request {
        query: args.query.clone(),
        filters: Filters {
            same_sentence: args.same_sentence,
            ..filters(&args.filters, config_path, gazetteers)?
        },
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        limit: args.limit,
        offset: args.offset,
        snippet_chars: SNIPPET_CHARS,
        dedupe: args.dedupe.then_some(args.threshold),
        scope: Default::default(),
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
