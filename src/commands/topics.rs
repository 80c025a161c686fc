//! `attache topics [QUERY]`: how many matching articles each topic tags, overall or per outlet.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{TableFormat, TopicsArgs};
use crate::compare::entities::GroupedTermCounter;
use crate::config;
use crate::output::{TopicCount, TopicsOutput};
use crate::search::{Engine, Request};

pub fn run(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
    args: TopicsArgs,
) -> anyhow::Result<u8> {
    let (idx, outlets) = super::open_for_queries(index_dir, config_path)?;
    let mut engine = Engine::new(&idx, &outlets)?;
    engine.names = Some(super::search::field_names(config_path, gazetteers));
    let query = args.query.clone().unwrap_or_else(|| "*".into());
    let filters = super::search::filters(&args.filters, config_path, gazetteers)?;
    let (q, _) = engine.query(&Request::matching(&query, &filters))?;
    let counts = engine.searcher.search(
        &q,
        &GroupedTermCounter {
            group: "outlet",
            field: "topics",
        },
    )?;
    let lexicon = config::topics(&config::load(config_path)?)?;
    let label = |id: &str| {
        lexicon
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_string(), |t| t.label.clone())
    };
    let share = crate::compare::share;
    let articles: u64 = counts.values().map(|(n, _)| n).sum();
    let mut rows: Vec<TopicCount> = Vec::new();
    if args.by_outlet {
        for (outlet, (n, terms)) in &counts {
            for (t, c) in terms {
                rows.push(TopicCount {
                    outlet: Some(if outlet.is_empty() {
                        "(unknown)".into()
                    } else {
                        outlet.clone()
                    }),
                    topic: t.clone(),
                    label: label(t),
                    articles: *c,
                    share: share(*c, *n),
                });
            }
        }
    } else {
        let mut all: std::collections::HashMap<&str, u64> = Default::default();
        for (_, terms) in counts.values() {
            for (t, c) in terms {
                *all.entry(t.as_str()).or_default() += c;
            }
        }
        for (t, c) in all {
            rows.push(TopicCount {
                outlet: None,
                topic: t.to_string(),
                label: label(t),
                articles: c,
                share: share(c, articles),
            });
        }
    }
    rows.sort_by(|a, b| {
        a.outlet
            .cmp(&b.outlet)
            .then(b.articles.cmp(&a.articles))
            .then(a.topic.cmp(&b.topic))
    });
    let out_doc = TopicsOutput {
        query,
        articles,
        topics: rows,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        TableFormat::Json => crate::output::write_json(&mut out, &out_doc)?,
        TableFormat::Csv => crate::output::write_csv(
            &mut out,
            &out_doc.topics,
            &["outlet", "topic", "label", "articles", "share"],
        )?,
        TableFormat::Text => {
            writeln!(out, "{} matching articles; topics:", out_doc.articles)?;
            let mut last: Option<&str> = None;
            for t in &out_doc.topics {
                if let Some(o) = t.outlet.as_deref() {
                    if last != Some(o) {
                        writeln!(out, "{o}")?;
                        last = Some(o);
                    }
                }
                writeln!(
                    out,
                    "{}{:>7}  {:>5.1}%  {:<20} {}",
                    if t.outlet.is_some() { "  " } else { "" },
                    t.articles,
                    t.share * 100.0,
                    t.topic,
                    t.label
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if out_doc.topics.is_empty() {
        super::NO_RESULTS
    } else {
        super::SUCCESS
    })
}
