//! In-process search latency over the benchmark query list: opens the index once, checks every
//! query, warms up, then runs the whole list RUNS times (interleaved: query 1, 2, …, n, then
//! again) through `Engine::search` with snippets, 10 hits, and prints p50/p95/p99 over all
//! timings.
//!
//! usage: cargo run --release --example search_latency -- [INDEX_DIR] [QUERIES_FILE]
//!        [--runs N] [--warmup N] [--per-query]
//! INDEX_DIR defaults to $ATTACHE_BENCH_INDEX or /tmp/attache-bench-index; QUERIES_FILE to
//! $ATTACHE_BENCH_QUERIES or bench/queries.txt. The last line is machine-readable.

#[path = "../bench/queries.rs"]
mod queries;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use attache::config;
use attache::index::AttacheIndex;
use attache::search::Engine;

fn main() -> anyhow::Result<()> {
    let mut positional = Vec::new();
    let mut runs = 20usize;
    let mut warmup = 3usize;
    let mut per_query = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().context("--runs N")?.parse()?,
            "--warmup" => warmup = args.next().context("--warmup N")?.parse()?,
            "--per-query" => per_query = true,
            "-h" | "--help" => {
                println!("usage: search_latency [INDEX_DIR] [QUERIES_FILE] [--runs N] [--warmup N] [--per-query]");
                return Ok(());
            }
            _ if a.starts_with("--") => bail!("unknown option {a}"),
            _ => positional.push(PathBuf::from(a)),
        }
    }
    let dir = positional
        .first()
        .cloned()
        .unwrap_or_else(queries::index_dir);
    let file = positional
        .get(1)
        .cloned()
        .unwrap_or_else(queries::queries_file);
    let list = queries::load(&file).map_err(anyhow::Error::msg)?;

    let opened = Instant::now();
    let idx = AttacheIndex::open(&dir)?;
    let outlets = config::outlets(&config::load(None)?);
    let engine = Engine::new(&idx, &outlets)?;
    let open_ms = ms(opened.elapsed());

    // Every query must run; a query that matches nothing is suspicious in a benchmark list.
    let mut totals = Vec::with_capacity(list.len());
    for q in &list {
        let r = engine
            .search(&q.request)
            .with_context(|| format!("line {}: {}", q.line_no, q.line))?;
        if r.total == 0 {
            eprintln!("warning: line {}: no hits: {}", q.line_no, q.line);
        }
        totals.push(r.total);
    }
    for _ in 0..warmup {
        for q in &list {
            black_box(engine.search(&q.request)?);
        }
    }
    let mut samples: Vec<Vec<Duration>> = vec![Vec::with_capacity(runs); list.len()];
    for _ in 0..runs {
        for (i, q) in list.iter().enumerate() {
            let t = Instant::now();
            let r = engine.search(black_box(&q.request))?;
            let d = t.elapsed();
            black_box(r);
            samples[i].push(d);
        }
    }

    let mut all: Vec<Duration> = samples.iter().flatten().copied().collect();
    all.sort();
    let mut per: Vec<(Duration, Duration, usize)> = samples
        .iter_mut()
        .enumerate()
        .map(|(i, s)| {
            s.sort();
            (pct(s, 0.50), *s.last().unwrap_or(&Duration::ZERO), i)
        })
        .collect();
    per.sort_by_key(|p| std::cmp::Reverse(p.0));

    println!(
        "index {} opened in {open_ms:.1} ms; {} queries from {}, {warmup} warm-up passes, {runs} runs each",
        dir.display(),
        list.len(),
        file.display()
    );
    let shown = if per_query {
        per.len()
    } else {
        per.len().min(5)
    };
    println!(
        "{} (p50 / max ms, hits, query):",
        if per_query {
            "per query, slowest first"
        } else {
            "slowest queries"
        }
    );
    for &(p50, max, i) in per.iter().take(shown) {
        println!(
            "  {:>8.3} {:>8.3} {:>7}  {}",
            ms(p50),
            ms(max),
            totals[i],
            list[i]
        );
    }
    let mean = all.iter().sum::<Duration>() / all.len().max(1) as u32;
    println!(
        "search_latency: queries={} runs={} samples={} p50_ms={:.3} p95_ms={:.3} p99_ms={:.3} max_ms={:.3} mean_ms={:.3}",
        list.len(),
        runs,
        all.len(),
        ms(pct(&all, 0.50)),
        ms(pct(&all, 0.95)),
        ms(pct(&all, 0.99)),
        ms(*all.last().unwrap_or(&Duration::ZERO)),
        ms(mean)
    );
    Ok(())
}

/// Nearest-rank percentile of sorted samples.
fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
