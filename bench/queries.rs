//! The benchmark query list, `bench/queries.txt`, shared by `benches/search.rs` (divan) and
//! `examples/search_latency.rs` (p50/p95/p99). Included by both with `#[path]`.
//!
//! Format: one query a line, as typed after `attache search`; optionally a TAB and then filters
//! as `key=value` pairs separated by `;`: `outlet`, `since`, `until`, `lang` (repeatable, like
//! the flags), `sort` (`relevance` or `date`), `limit`, and `person`, `org`, `place`, `topic`
//! (ids, repeatable). Blank lines and lines starting with
//! `#` are ignored.
//!
//! For example `"border wall"<TAB>outlet=fox;since=2017`.

use std::fmt;
use std::path::{Path, PathBuf};

use attache::search::{Filters, Request, Sort};

/// Snippet length, as `attache search` uses.
pub const SNIPPET_CHARS: usize = 200;
/// Hits per query, as `attache search` shows by default.
pub const LIMIT: usize = 10;
/// Where the benchmarks look for the index unless ATTACHE_BENCH_INDEX says otherwise.
pub const DEFAULT_INDEX: &str = "/tmp/attache-bench-index";

#[derive(Clone, Debug)]
pub struct BenchQuery {
    /// 1-based line in the file.
    pub line_no: usize,
    pub line: String,
    pub request: Request,
}

impl fmt::Display for BenchQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line.split_once('\t') {
            Some((q, filters)) => write!(f, "{q} [{filters}]"),
            None => f.write_str(&self.line),
        }
    }
}

/// The index folder: $ATTACHE_BENCH_INDEX, else /tmp/attache-bench-index.
#[allow(dead_code)]
pub fn index_dir() -> PathBuf {
    std::env::var_os("ATTACHE_BENCH_INDEX")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

/// The query file: $ATTACHE_BENCH_QUERIES, else bench/queries.txt in this package.
#[allow(dead_code)]
pub fn queries_file() -> PathBuf {
    std::env::var_os("ATTACHE_BENCH_QUERIES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/queries.txt"))
}

pub fn load(path: &Path) -> Result<Vec<BenchQuery>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let request = parse_line(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        out.push(BenchQuery {
            line_no: i + 1,
            line: line.to_string(),
            request,
        });
    }
    if out.is_empty() {
        return Err(format!("{}: no queries", path.display()));
    }
    Ok(out)
}

pub fn parse_line(line: &str) -> Result<Request, String> {
    let (query, spec) = line.split_once('\t').unwrap_or((line, ""));
    let mut req = Request {
        query: query.trim().to_string(),
        filters: Filters::default(),
        sort: Sort::Relevance,
        limit: LIMIT,
        offset: 0,
        snippet_chars: SNIPPET_CHARS,
        dedupe: None,
        scope: Default::default(),
    };
    for pair in spec.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| format!("filter {pair:?} is not key=value"))?;
        let v = v.trim().to_string();
        match k.trim() {
            "outlet" => req.filters.outlets.push(v),
            "lang" => req.filters.langs.push(v),
            "since" => req.filters.since = Some(v),
            "until" => req.filters.until = Some(v),
            "sort" => {
                req.sort = match v.as_str() {
                    "relevance" => Sort::Relevance,
                    "date" => Sort::Date,
                    _ => return Err(format!("sort={v}: expected relevance or date")),
                }
            }
            "limit" => req.limit = v.parse().map_err(|_| format!("limit={v}: not a number"))?,
            // Entity and topic filters take gazetteer and lexicon ids, as the index stores them.
            "person" => req.filters.persons.push(v),
            "org" => req.filters.orgs.push(v),
            "place" => req.filters.places.push(v),
            "topic" => req.filters.topics.push(v),
            other => return Err(format!("unknown filter {other:?}")),
        }
    }
    if req.query.is_empty() {
        return Err("empty query".into());
    }
    Ok(req)
}
