//! `attache resolve NAME…`: how names resolve to gazetteer entities.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{EntityTypeArg, ResolveArgs, SummaryFormat};
use crate::config;
use crate::enrich::entities::{EntityType, Resolver};

pub fn entity_type(t: EntityTypeArg) -> EntityType {
    match t {
        EntityTypeArg::Person => EntityType::Person,
        EntityTypeArg::Org => EntityType::Org,
        EntityTypeArg::Place => EntityType::Place,
    }
}

pub fn run(
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
    args: ResolveArgs,
) -> anyhow::Result<u8> {
    let file = config::load(config_path)?;
    let gaz = config::gazetteer(&file, gazetteers)?;
    let resolver = Resolver::new(&gaz);
    let want = args.etype.map(entity_type);
    let results: Vec<_> = args
        .names
        .iter()
        .map(|n| resolver.resolve(n, want, args.exact))
        .collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &results)?;
            writeln!(out)?;
        }
        SummaryFormat::Text => {
            for r in &results {
                match (&r.entity, r.method) {
                    (Some(e), Some(m)) => writeln!(
                        out,
                        "{} → {} ({}, {}) via {} (score {:.2})",
                        r.query,
                        e.name,
                        e.id,
                        e.etype.label(),
                        serde_json::to_value(m)?.as_str().unwrap_or("?"),
                        e.score
                    )?,
                    _ if r.ambiguous => writeln!(out, "{} → ambiguous:", r.query)?,
                    _ => writeln!(out, "{} → no entity", r.query)?,
                }
                for a in &r.alternatives {
                    writeln!(
                        out,
                        "    {} {} ({}, {}) {:.2}",
                        if r.ambiguous { "-" } else { "also:" },
                        a.name,
                        a.id,
                        a.etype.label(),
                        a.score
                    )?;
                }
            }
        }
    }
    Ok(if results.iter().all(|r| r.entity.is_some()) {
        super::SUCCESS
    } else {
        super::NO_RESULTS
    })
}
