//! `attache show ID`: one stored article with its metadata.

use std::io::Write;
use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::cli::{ShowArgs, SummaryFormat};
use crate::enrich::entities::EntityType;
use crate::index::{self, AttacheIndex};
use crate::ingest::fields::canonical_url;
use crate::output::{style::Style, text, ArticleOut, StoryOut};

/// The id as given, then the forms a URL of the same page may have been stored under.
fn candidates(id: &str) -> Vec<String> {
    let canonical = canonical_url(id);
    let mut out = vec![id.trim().to_string(), canonical.clone()];
    if let Some((scheme, rest)) = canonical.split_once("://") {
        if matches!(scheme, "http" | "https") {
            let rest = rest.strip_prefix("www.").unwrap_or(rest);
            for scheme in ["https", "http"] {
                for www in ["", "www."] {
                    let url = format!("{scheme}://{www}{rest}");
                    let other = match url.strip_suffix('/') {
                        Some(bare) => bare.to_string(),
                        None => format!("{url}/"),
                    };
                    out.extend([url, other]);
                }
            }
        }
    }
    // (The exact id first, then the canonical URL; each form tried once.)
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(c.clone()));
    out
}

pub fn run(index_dir: &Path, args: ShowArgs) -> anyhow::Result<u8> {
    let idx = AttacheIndex::open_read_only(index_dir)?;
    let searcher = idx.reader()?.searcher();
    let f = &idx.fields;
    // Accept the id as printed, or a URL spelled with tracking parameters, the other scheme,
    // with or without "www." or a final slash.
    let mut found = Vec::new();
    for candidate in candidates(&args.id) {
        let q = TermQuery::new(
            Term::from_field_text(f.id, &candidate),
            IndexRecordOption::Basic,
        );
        found = searcher.search(&q, &TopDocs::with_limit(1000).order_by_score())?;
        if !found.is_empty() {
            break;
        }
    }
    // Different articles can share an id: a live page scraped twice under one URL. The first
    // in file order is shown (not in index order, which depends on the indexing threads).
    let mut sharing = Vec::new();
    for (_, addr) in &found {
        let a = index::article_from_doc(f, &searcher.doc::<TantivyDocument>(*addr)?);
        sharing.push(((a.path.clone(), a.record), *addr, a.title));
    }
    sharing.sort();
    if sharing.len() > 1 {
        // (Without a URL the id is a hash of outlet, title, date and text.)
        let why = if args.id.contains("://") || args.id.starts_with("www.") {
            "the same URL"
        } else {
            "the same outlet, title, date and text"
        };
        eprintln!(
            "note: {} articles share this id ({why}); showing the first. The others:",
            sharing.len()
        );
        for ((path, record), _, title) in &sharing[1..] {
            eprintln!(
                "  {path} record {record}: {}",
                title.as_deref().unwrap_or("(no title)")
            );
        }
    }
    let Some(&(_, addr, _)) = sharing.first() else {
        // Nothing found, like a search without hits: exit 1, not an error.
        eprintln!(
            "no article with id {:?} (ids are shown by `attache search`; URLs work too)",
            args.id
        );
        return Ok(super::NO_RESULTS);
    };

    let mut doc: TantivyDocument = searcher.doc(addr)?;
    index::FastFlags::of(searcher.segment_reader(addr.segment_ord)).copy_into(
        f,
        addr.doc_id,
        &mut doc,
    );
    let article = index::article_from_doc(f, &doc);
    let mut out_article = ArticleOut::new(
        &article,
        index::entity_names(&article, EntityType::Person),
        index::entity_names(&article, EntityType::Org),
        index::entity_names(&article, EntityType::Place),
        index::multi(&doc, f.topics),
    );
    let story =
        crate::search::stories::Table::load(&idx.dir, &searcher).and_then(|t| t.story_of(addr));
    if let Some((root, similarity, articles)) = story {
        let original: TantivyDocument = searcher.doc(root)?;
        out_article.story = Some(StoryOut {
            original: index::article_from_doc(f, &original).id,
            similarity: (f64::from(similarity) * 100.0).round() / 100.0,
            articles,
        });
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        SummaryFormat::Text => text::article(&mut out, &out_article, Style::detect())?,
        SummaryFormat::Json => crate::output::write_json(&mut out, &out_article)?,
    }
    // Flush here so a write error is reported, not lost when the buffer drops.
    out.flush()?;
    Ok(super::SUCCESS)
}
