//! Time each enrichment stage alone, single-threaded, over the bodies of a corpus of JSON
//! files (allsides by default): where does indexing CPU go, and how many MB/s per core does
//! each stage reach (issue 3 asks ≥ 5 MB/s per core for entity extraction).
//!
//! usage: cargo run --release --example enrich_stages -- [CORPUS] [MAX_ARTICLES]
//! (DUMP=FILE writes the entities found, QDUMP=FILE the quotes, one article per line;
//! REPEAT=topics|quotes runs that pass three times and stops, for a profiler.)

use std::time::Instant;

use attache::enrich::entities::{Extractor, Gazetteer};
use attache::enrich::{lang, minhash, quotes, topics};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let corpus = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("../shared/corpora/allsides");
    let max: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let mut bodies: Vec<String> = Vec::new();
    for entry in walkdir::WalkDir::new(corpus).sort_by_file_name() {
        let entry = entry?;
        if bodies.len() >= max {
            break;
        }
        if entry.path().extension().and_then(|e| e.to_str()) == Some("json") {
            let v: serde_json::Value = serde_json::from_slice(&std::fs::read(entry.path())?)?;
            let body = ["content_original", "body", "text"]
                .iter()
                .find_map(|k| v.get(k).and_then(|x| x.as_str()))
                .unwrap_or("");
            bodies.push(body.to_string());
        }
    }
    let mb = bodies.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("{} bodies, {mb:.1} MB", bodies.len());

    let t = Instant::now();
    let ex = Extractor::new(Gazetteer::builtin());
    let tm = topics::TopicMatcher::new(topics::lexicon(&[]));
    println!("build: {:.2} s", t.elapsed().as_secs_f64());

    let report = |name: &str, secs: f64| {
        println!("{name:<10} {secs:7.2} s  {:7.1} MB/s", mb / secs);
    };
    let time = |f: &mut dyn FnMut(&str)| {
        let t = Instant::now();
        for b in &bodies {
            f(b);
        }
        t.elapsed().as_secs_f64()
    };
    let mut n = 0usize;
    report(
        "lang",
        time(&mut |b| n += lang::detect(None, b).is_some() as usize),
    );
    report("minhash", time(&mut |b| n += minhash::signature(b).len()));
    let mut found = Vec::with_capacity(bodies.len());
    report("entities", time(&mut |b| found.push(ex.extract(b))));
    // REPEAT=topics|quotes repeats that pass three times and stops: a clean profile of it.
    match std::env::var("REPEAT").as_deref() {
        Ok("topics") => {
            for _ in 0..3 {
                report("topics", time(&mut |b| n += tm.tag(b).len()));
            }
            return Ok(());
        }
        Ok("quotes") => {
            for _ in 0..3 {
                let mut i = 0;
                report(
                    "quotes",
                    time(&mut |b| {
                        n += quotes::extract(b, &found[i], &ex.gaz).len();
                        i += 1;
                    }),
                );
            }
            return Ok(());
        }
        _ => {}
    }
    let mut tagged = Vec::with_capacity(bodies.len());
    report("topics", time(&mut |b| tagged.push(tm.tag(b))));
    let ht = checksum(&tagged, None)?;
    println!(
        "topics checksum: {} {ht:x}",
        tagged.iter().map(Vec::len).sum::<usize>()
    );
    let mut i = 0;
    let mut said = Vec::with_capacity(bodies.len());
    report(
        "quotes",
        time(&mut |b| {
            said.push(quotes::extract(b, &found[i], &ex.gaz));
            i += 1;
        }),
    );
    // Quotes get their own checksum: speed work on attribution must not change its output.
    let hq = checksum(&said, Some("QDUMP"))?;
    println!(
        "quotes checksum: {} {hq:x}",
        said.iter().map(Vec::len).sum::<usize>()
    );
    // A checksum of what was found, to compare runs of two builds.
    let h = checksum(&found, Some("DUMP"))?;
    println!("checksum: {n} {h:x}");
    Ok(())
}

/// xxh3 of the JSON of every article's results; with `dump_var` set in the environment, the
/// JSON lines are also written to the file it names.
fn checksum<T: serde::Serialize>(per_article: &[T], dump_var: Option<&str>) -> anyhow::Result<u64> {
    use std::io::Write;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut dump = dump_var
        .and_then(|v| std::env::var(v).ok())
        .map(std::fs::File::create)
        .transpose()?;
    for a in per_article {
        let line = serde_json::to_string(a)?;
        h.update(line.as_bytes());
        if let Some(d) = dump.as_mut() {
            writeln!(d, "{line}")?;
        }
    }
    Ok(h.digest())
}
