//! Search latency per query (divan): the index is opened once, then every query of
//! bench/queries.txt runs through `Engine::search` with snippets and 10 hits, as
//! `attache search` does, minus process start and printing.
//!
//! Needs a built index: $ATTACHE_BENCH_INDEX, default /tmp/attache-bench-index, e.g.
//!   attache --index /tmp/attache-bench-index index ../shared/corpora/allsides
//!   cargo bench --bench search
//! Without one it prints a message and exits successfully. For p50/p95/p99 over all queries
//! run `cargo run --release --example search_latency`; bench/run.sh runs both.

#[path = "../bench/queries.rs"]
mod queries;

use std::sync::OnceLock;

use attache::config;
use attache::index::{self, AttacheIndex};
use attache::search::{Engine, Results};
use divan::Bencher;
use queries::BenchQuery;

static ENGINE: OnceLock<Engine<'static>> = OnceLock::new();

fn engine() -> &'static Engine<'static> {
    ENGINE.get_or_init(|| {
        let dir = queries::index_dir();
        let idx: &'static AttacheIndex = Box::leak(Box::new(
            AttacheIndex::open(&dir).unwrap_or_else(|e| panic!("{e}")),
        ));
        let cfg = config::load(None).unwrap_or_else(|e| panic!("{e}"));
        let outlets = Box::leak(Box::new(config::outlets(&cfg)));
        Engine::new(idx, outlets).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn query_list() -> Vec<BenchQuery> {
    queries::load(&queries::queries_file()).unwrap_or_else(|e| panic!("{e}"))
}

#[divan::bench(args = query_list())]
fn search(bencher: Bencher, q: &BenchQuery) {
    let engine = engine();
    bencher.bench(|| -> Results {
        engine
            .search(divan::black_box(&q.request))
            .unwrap_or_else(|e| panic!("line {}: {e}", q.line_no))
    });
}

/// The cost of an entity filter inside one search: the same query with and without
/// `--person putin` (the name already resolved; resolving it is measured apart).
#[divan::bench(args = ["sanctions", "ceasefire", "\"security guarantee\"", "trump"])]
fn person_filter(bencher: Bencher, query: &str) {
    let engine = engine();
    let mut filters = attache::search::Filters::default();
    filters.persons.push("vladimir-putin".into());
    let mut req = attache::search::Request::matching(query, &filters);
    req.limit = 10;
    req.snippet_chars = 200;
    bencher.bench(|| engine.search(divan::black_box(&req)).unwrap());
}

#[divan::bench(args = ["sanctions", "ceasefire", "\"security guarantee\"", "trump"])]
fn no_filter(bencher: Bencher, query: &str) {
    let engine = engine();
    let mut req = attache::search::Request::matching(query, &attache::search::Filters::default());
    req.limit = 10;
    req.snippet_chars = 200;
    bencher.bench(|| engine.search(divan::black_box(&req)).unwrap());
}

/// Resolving a typed name with a resolver built once (as a long-running process would).
#[divan::bench(args = ["Putin", "Selenskyj", "Зеленского", "Vitkoff"])]
fn resolve_name(bencher: Bencher, name: &str) {
    static GAZ: OnceLock<attache::enrich::entities::Gazetteer> = OnceLock::new();
    let gaz = GAZ.get_or_init(attache::enrich::entities::Gazetteer::builtin);
    let resolver = attache::enrich::entities::Resolver::new(gaz);
    bencher.bench(|| resolver.resolve(divan::black_box(name), None, false));
}

fn main() {
    let dir = queries::index_dir();
    if !index::exists(&dir) {
        println!(
            "skipping search benchmarks: no index at {} (build one with `attache --index {} index ../shared/corpora/allsides`, or set ATTACHE_BENCH_INDEX)",
            dir.display(),
            dir.display()
        );
        return;
    }
    engine();
    divan::main();
}
