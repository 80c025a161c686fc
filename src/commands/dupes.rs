//! `attache dupes [QUERY]`: clusters of syndicated copies among the matching articles.

use std::io::Write;
use std::path::Path;

use tantivy::collector::DocSetCollector;
use tantivy::TantivyDocument;

use crate::cli::{DupesArgs, SummaryFormat};
use crate::index;
use crate::output::{rfc3339, style::Style, Cluster, ClusterMember, DupesOutput};
use crate::search::stories;
use crate::search::{Engine, Request};

pub fn run(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[std::path::PathBuf],
    args: DupesArgs,
) -> anyhow::Result<u8> {
    let (idx, outlets) = super::open_for_queries(index_dir, config_path)?;
    let mut engine = Engine::new(&idx, &outlets)?;
    engine.names = Some(super::search::field_names(config_path, gazetteers));
    let query = args.query.clone().unwrap_or_else(|| "*".into());
    let req = Request::matching(
        &query,
        &super::search::filters(&args.filters, config_path, gazetteers)?,
    );
    let (q, _) = engine.query(&req)?;
    let docs: Vec<_> = engine
        .searcher
        .search(&q, &DocSetCollector)?
        .into_iter()
        .collect();
    let found = stories::of(&idx.dir, &engine.searcher, &docs, args.threshold)?;
    let mut clusters = Vec::new();
    for c in &found.clusters {
        let mut members = Vec::new();
        for m in c {
            let doc: TantivyDocument = engine.searcher.doc(m.addr)?;
            let a = index::article_from_doc(&idx.fields, &doc);
            members.push(ClusterMember {
                id: a.id,
                outlet: a.outlet,
                date: a.date.map(rfc3339),
                title: a.title,
                similarity: (m.similarity * 100.0).round() / 100.0,
            });
        }
        clusters.push(Cluster {
            articles: members.len(),
            members,
        });
    }
    let out_doc = DupesOutput {
        query,
        articles: docs.len(),
        clusters,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        SummaryFormat::Json => crate::output::write_json(&mut out, &out_doc)?,
        SummaryFormat::Text => crate::output::text::dupes(&mut out, &out_doc, Style::detect())?,
    }
    // Flush here so a write error is reported, not lost when the buffer drops.
    out.flush()?;
    Ok(if out_doc.clusters.is_empty() {
        super::NO_RESULTS
    } else {
        super::SUCCESS
    })
}
