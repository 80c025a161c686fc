//! The short form of the fuzz targets in `fuzz/` (which need nightly), on the stable toolchain:
//! random mutations of real files through every format parser, of real queries through the
//! query parser, and of real text through the extractors. Any panic fails the test.
//! `ATTACHE_FUZZ_CASES` (default 10,000 per target) and `ATTACHE_FUZZ_SEED` control the run.

use std::io::Write;

use attache::ingest::{Ingest, SourceFile};

use crate::util::{repo, Rng};

const NAMES: &[&str] = &[
    "a.txt",
    "a.md",
    "a.json",
    "a.jsonl",
    "a.csv",
    "a.tsv",
    "a.html",
    "a.json.gz",
    "a.jsonl.gz",
    "a.txt.gz",
    "noextension",
];

/// Pieces that parsers treat specially.
const TOKENS: &[&str] = &[
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\\",
    "\\u",
    "\n",
    "\r\n",
    "\t",
    "---\n",
    "+++\n",
    "<script>",
    "</script>",
    "<p>",
    "<html>",
    "<!--",
    "&amp;",
    "&#x",
    "\u{0}",
    "\u{feff}",
    "«",
    "»",
    "„",
    "“",
    "”",
    "‘",
    "’",
    "—",
    "Зеленский",
    "ë",
    "\u{301}",
    "𝕏",
    "\u{200b}",
    "said",
    "сказал",
    "\"title\":",
    "\"body\":",
    "\"date\":",
    "2025-13-45",
    "99999999999999999999",
    "(",
    ")",
    "AND",
    "OR",
    "NOT",
    "~",
    "*",
    "^",
    "title:",
    "[2020 TO",
    "\"\"",
];

fn cases() -> usize {
    std::env::var("ATTACHE_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000)
}

/// A few random edits: flips, inserted tokens, deleted, duplicated or truncated ranges.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let len = v.len();
        let at = rng.below(len + 1);
        match rng.below(6) {
            0 if len > 0 => v[at.min(len - 1)] ^= 1 << rng.below(8),
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            2 if len > 0 => {
                let end = (at + rng.below(64)).min(len);
                v.drain(at.min(end)..end);
            }
            3 if len > 0 => {
                let end = (at + rng.below(256)).min(len);
                let piece: Vec<u8> = v[at.min(end)..end].to_vec();
                let to = rng.below(len + 1);
                v.splice(to..to, piece);
            }
            4 => v.truncate(at),
            _ => {
                let b = rng.next() as u8;
                v.insert(at, b);
            }
        }
    }
    v
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn corpus_files() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(repo().join("corpus")).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let name = e.file_name().to_string_lossy().into_owned();
            let mut bytes = std::fs::read(e.path()).unwrap();
            if name.ends_with(".gz") {
                use std::io::Read;
                let mut plain = Vec::new();
                flate2::read::MultiGzDecoder::new(&bytes[..])
                    .read_to_end(&mut plain)
                    .unwrap();
                bytes = plain;
            }
            bytes.truncate(16 << 10);
            out.push((name.trim_end_matches(".gz").to_string(), bytes));
        }
    }
    assert!(out.len() > 20, "bundled corpus missing");
    out
}

#[test]
fn every_format_parser_survives_mutated_files() {
    let files = corpus_files();
    let ingest = Ingest::default();
    let mut rng = Rng::from_env("ATTACHE_FUZZ_SEED", 0x9E37_79B9_7F4A_7C15).0;
    let mut articles = 0usize;
    for _ in 0..cases() {
        let (own, bytes) = &files[rng.below(files.len())];
        let data = mutate(&mut rng, bytes);
        // Mostly the file's own format (deep paths), sometimes any reader.
        let name = if rng.below(3) == 0 {
            NAMES[rng.below(NAMES.len())].to_string()
        } else {
            own.clone()
        };
        let data = if name.ends_with(".gz") && rng.below(4) != 0 {
            gzip(&data)
        } else {
            data
        };
        let file = SourceFile::virtual_file(&name);
        ingest.parse_bytes(&file, data, &mut |ev| {
            if let attache::ingest::Event::Article(_) = ev {
                articles += 1
            }
        });
    }
    // The mutations are small: most files still give articles (the test reached the parsers).
    assert!(articles > cases() / 3, "only {articles} articles came out");
}

#[test]
fn the_query_parser_survives_mutated_queries() {
    let text = std::fs::read_to_string(repo().join("bench/queries.txt")).unwrap();
    let queries: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    let mut rng = Rng::from_env("ATTACHE_FUZZ_SEED", 0x9E37_79B9_7F4A_7C15).0;
    let (mut ok, mut err) = (0, 0);
    for _ in 0..cases() * 5 {
        let q = queries[rng.below(queries.len())];
        let m = mutate(&mut rng, q.as_bytes());
        match attache::search::parser::parse(&String::from_utf8_lossy(&m)) {
            Ok(_) => ok += 1,
            Err(_) => err += 1,
        }
    }
    assert!(
        ok > 0 && err > 0,
        "mutations never (or always) broke the syntax: {ok} / {err}"
    );
}

#[test]
fn the_extractors_survive_mutated_text() {
    let enricher = attache::config::enricher(&Default::default(), &[]).unwrap();
    let mut texts: Vec<Vec<u8>> = corpus_files()
        .into_iter()
        .filter(|(n, _)| n.ends_with(".txt") || n.ends_with(".md"))
        .map(|(_, b)| b)
        .collect();
    if let Some(shared) = crate::util::shared() {
        for e in std::fs::read_dir(shared.join("seed")).unwrap() {
            texts.push(std::fs::read(e.unwrap().path()).unwrap());
        }
    }
    let mut rng = Rng::from_env("ATTACHE_FUZZ_SEED", 0x9E37_79B9_7F4A_7C15).0;
    let mut entities = 0usize;
    for _ in 0..cases() / 3 {
        let pick = rng.below(texts.len());
        let t = mutate(&mut rng, &texts[pick]);
        let mut a = attache::ingest::Article {
            body: String::from_utf8_lossy(&t).into_owned(),
            ..Default::default()
        };
        enricher.enrich(&mut a);
        entities += a.entities.len();
        for q in &a.quotes {
            // Offsets must point into the text at character boundaries.
            assert!(q.start <= q.end && (q.end as usize) <= a.body.chars().count());
        }
    }
    assert!(entities > 0);
}
