//! Bare-tantivy baseline for `attache index`: the same title + body text, the same analyzer,
//! the same writer (2 threads, same heap), but no file walking, parsing or enrichment. Texts are
//! loaded first; only indexing (to the final commit and merge) is timed.
//!
//! usage: cargo run --release --example baseline -- ../shared/corpora/allsides [INDEX_DIR]

use std::time::Instant;

use attache::index::tokenizer::{self, MarkedTokenizer, TOKENIZER};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED};
use tantivy::{doc, Index};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let corpus = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("../shared/corpora/allsides");
    let dir = match args.get(2) {
        Some(d) => std::path::PathBuf::from(d),
        None => std::env::temp_dir().join("attache-baseline-index"),
    };
    let mut texts: Vec<(String, String)> = Vec::new();
    // AllSides files (one JSON object each) or JSON Lines shards (bench/gen_corpus.py).
    let pair = |v: &serde_json::Value| {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let body = if v.get("content_original").is_some() {
            s("content_original")
        } else {
            s("body")
        };
        (s("title"), body)
    };
    for entry in walkdir::WalkDir::new(corpus).sort_by_file_name() {
        let entry = entry?;
        match entry.path().extension().and_then(|e| e.to_str()) {
            Some("json") => {
                let v: serde_json::Value = serde_json::from_slice(&std::fs::read(entry.path())?)?;
                texts.push(pair(&v));
            }
            Some("jsonl") => {
                for line in std::fs::read_to_string(entry.path())?.lines() {
                    if !line.trim().is_empty() {
                        texts.push(pair(&serde_json::from_str(line)?));
                    }
                }
            }
            _ => {}
        }
    }
    let bytes: usize = texts.iter().map(|(t, b)| t.len() + b.len()).sum();

    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let title = b.add_text_field("title", text.clone());
    let body = b.add_text_field("body", text);
    let title_text = b.add_text_field("title_text", STORED);
    let body_text = b.add_text_field("body_text", STORED);
    let index = Index::create_in_dir(&dir, b.build())?;
    index
        .tokenizers()
        .register(TOKENIZER, MarkedTokenizer::default());

    let start = Instant::now();
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(2, 400 << 20)?;
    for (t, bd) in &texts {
        writer.add_document(doc!(
            title => tokenizer::mark(Some("en"), t),
            body => tokenizer::mark(Some("en"), bd),
            title_text => t.as_str(),
            body_text => bd.as_str(),
        ))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "baseline: {} articles, {:.1} MB in {:.2} s = {:.0} articles/s, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        secs,
        texts.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}
