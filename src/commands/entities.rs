//! `attache entities [QUERY]`: which people, organisations and places the matching articles
//! name, and how many articles name each (or the unknown-name candidates with `--unknown`).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{EntitiesArgs, TableFormat};
use crate::compare::entities::TermCounter;
use crate::config;
use crate::enrich::entities::EntityType;
use crate::output::{EntitiesOutput, EntityCount};
use crate::search::{Engine, Request};

pub fn run(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
    args: EntitiesArgs,
) -> anyhow::Result<u8> {
    let (idx, outlets) = super::open_for_queries(index_dir, config_path)?;
    let mut engine = Engine::new(&idx, &outlets)?;
    engine.names = Some(super::search::field_names(config_path, gazetteers));
    let query = args.query.clone().unwrap_or_else(|| "*".into());
    let filters = super::search::filters(&args.filters, config_path, gazetteers)?;
    let (q, _) = engine.query(&Request::matching(&query, &filters))?;
    let want = args.etype.map(super::resolve::entity_type);
    let fields: Vec<(&'static str, EntityType)> = if args.unknown {
        vec![
            ("persons_unknown", EntityType::Person),
            ("orgs_unknown", EntityType::Org),
        ]
    } else {
        vec![
            ("persons", EntityType::Person),
            ("orgs", EntityType::Org),
            ("places", EntityType::Place),
        ]
    };
    let fields: Vec<_> = fields
        .into_iter()
        .filter(|(_, t)| want.is_none_or(|w| w == *t))
        .collect();
    let (articles, counts) = engine.searcher.search(
        &q,
        &TermCounter {
            fields: fields.iter().map(|(f, _)| *f).collect(),
        },
    )?;
    let gaz = if args.unknown {
        None
    } else {
        Some(config::gazetteer(&config::load(config_path)?, gazetteers)?)
    };
    let mut rows: Vec<EntityCount> = Vec::new();
    for ((_, etype), per_term) in fields.iter().zip(counts) {
        for (term, n) in per_term {
            let (id, name) = match &gaz {
                Some(g) => {
                    let name = g.get(&term).map(|e| e.name.clone()).unwrap_or(term.clone());
                    (Some(term), name)
                }
                None => (None, term),
            };
            rows.push(EntityCount {
                id,
                name,
                etype: *etype,
                articles: n,
                share: crate::compare::share(n, articles),
            });
        }
    }
    rows.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    rows.truncate(args.top);
    let out_doc = EntitiesOutput {
        query,
        articles,
        unknown: args.unknown,
        entities: rows,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        TableFormat::Json => crate::output::write_json(&mut out, &out_doc)?,
        TableFormat::Csv => crate::output::write_csv(
            &mut out,
            &out_doc.entities,
            &["id", "name", "type", "articles", "share"],
        )?,
        TableFormat::Text => {
            writeln!(
                out,
                "{} matching articles; {} named most often:",
                out_doc.articles,
                if args.unknown {
                    "unknown names"
                } else {
                    "entities"
                }
            )?;
            let width = out_doc
                .entities
                .iter()
                .map(|e| e.name.chars().count())
                .max()
                .unwrap_or(0);
            for e in &out_doc.entities {
                let pad = width - e.name.chars().count();
                writeln!(
                    out,
                    "{:>7}  {:>5.1}%  {}{}  {:<6} {}",
                    e.articles,
                    e.share * 100.0,
                    e.name,
                    " ".repeat(pad),
                    e.etype.label(),
                    e.id.as_deref().unwrap_or("")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if out_doc.entities.is_empty() {
        super::NO_RESULTS
    } else {
        super::SUCCESS
    })
}
