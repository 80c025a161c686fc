//! `attache compare`: coverage of one or more queries per outlet (language, country) and over
//! calendar time.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context};

use crate::cli::{ByArg, CompareArgs, CompareFormat, IntervalArg};
use crate::compare::{self, By, CompareRequest, Interval, LabelledQuery};
use crate::output::{self, chart, report, style::Style, text, CompareOutput};
use crate::search::Engine;

pub fn run(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[std::path::PathBuf],
    args: CompareArgs,
) -> anyhow::Result<u8> {
    let queries = queries(&args)?;
    let (idx, outlets) = super::open_for_queries(index_dir, config_path)?;
    let mut engine = Engine::new(&idx, &outlets)?;
    engine.names = Some(super::search::field_names(config_path, gazetteers));
    let req = CompareRequest {
        queries: queries.clone(),
        filters: super::search::filters(&args.filters, config_path, gazetteers)?,
        by: match args.by {
            ByArg::Outlet => By::Outlet,
            ByArg::Lang => By::Lang,
            ByArg::Country => By::Country,
        },
        interval: match args.interval {
            IntervalArg::Day => Interval::Day,
            IntervalArg::Week => Interval::Week,
            IntervalArg::Month => Interval::Month,
        },
        threshold: args.threshold,
        keyness: args.keyness.unwrap_or(0),
        entities: args.entities.unwrap_or(0),
    };
    let mut result = compare::compare(&engine, &req)?;
    let mut output = CompareOutput::new(&queries, &req, &mut result);
    if req.entities > 0 {
        // Ids → canonical names (the gazetteer is only loaded when asked).
        let gaz = crate::config::gazetteer(&crate::config::load(config_path)?, gazetteers)?;
        for row in &mut output.rows {
            for e in &mut row.entities {
                if let Some(g) = e.id.as_deref().and_then(|id| gaz.get(id)) {
                    e.name = g.name.clone();
                }
            }
        }
    }
    // Undated matches count in the table but have no place on the timeline: say so, or an
    // empty timeline (a corpus without dates) looks like a bug.
    for q in &output.queries {
        let dated: u64 = output
            .timeline
            .iter()
            .filter(|p| p.query == q.label)
            .map(|p| p.matches)
            .sum();
        if q.matches > dated {
            let undated = q.matches - dated;
            eprintln!(
                "note: {undated} of the {} articles matching {:?} {} no date: {} in the table but not in the timeline or first mentions",
                q.matches,
                q.label,
                if undated == 1 { "has" } else { "have" },
                if undated == 1 { "it counts" } else { "they count" },
            );
        }
    }
    if let Some(path) = &args.chart {
        chart::render(path, &output, &result)?;
        eprintln!("chart written to {}", path.display());
    }
    if let Some(path) = &args.report {
        let html = report::html(&output, &result)?;
        std::fs::write(path, html)
            .with_context(|| format!("writing --report {}", path.display()))?;
        eprintln!("report written to {}", path.display());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        CompareFormat::Text => text::compare(&mut out, &output, &result, Style::detect())?,
        CompareFormat::Json => output::write_json(&mut out, &output)?,
        CompareFormat::Csv => output::write_csv(
            &mut out,
            &output.timeline,
            &["bucket", "group", "query", "matches", "total", "share"],
        )?,
    }
    // Flush here so a write error is reported, not lost when the buffer drops.
    out.flush()?;
    let any = output.rows.iter().any(|r| r.matches > 0);
    Ok(if any {
        super::SUCCESS
    } else {
        super::NO_RESULTS
    })
}

/// Queries from the command line (`QUERY`, `-q LABEL=QUERY`) and from `--queries FILE`.
fn queries(args: &CompareArgs) -> anyhow::Result<Vec<LabelledQuery>> {
    let mut out: Vec<LabelledQuery> = args
        .queries
        .iter()
        .chain(&args.query)
        .map(|q| labelled(q))
        .collect();
    if let Some(path) = &args.queries_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading --queries {}", path.display()))?;
        for (n, line) in text.lines().enumerate() {
            let line = strip_comment(line);
            if line.is_empty() {
                continue;
            }
            let q = labelled(line);
            // Checked here, so a mistake names its line.
            crate::search::parser::parse(&q.query)
                .with_context(|| format!("{}:{}", path.display(), n + 1))?;
            out.push(q);
        }
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = out.iter().find(|q| !seen.insert(q.label.as_str())) {
        bail!(
            "the label {:?} is used for two queries; give each query its own label",
            dup.label
        );
    }
    if out.is_empty() {
        bail!("no query: give one or more, as in `attache compare ceasefire -q guarantees='\"security guarantee\"'`");
    }
    Ok(out)
}

/// A line of a queries file without its comment: `#` at the start, or after a space outside
/// quotes.
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted && prev_space => return line[..i].trim(),
            _ => {}
        }
        prev_space = c.is_whitespace();
    }
    line.trim()
}

/// `label=query` when the part before `=` is a plain label; otherwise the query is its label.
fn labelled(raw: &str) -> LabelledQuery {
    if let Some((label, query)) = raw.split_once('=') {
        let plain = !label.is_empty()
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.'));
        if plain && !query.trim().is_empty() {
            return LabelledQuery {
                label: label.trim().to_string(),
                query: query.trim().to_string(),
            };
        }
    }
    LabelledQuery {
        label: raw.to_string(),
        query: raw.to_string(),
    }
}
