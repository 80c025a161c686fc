//! Test harness: run the built `attache` binary in a temp dir and read its output.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}): {}\nstderr: {}",
                self.stdout, self.stderr
            )
        })
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// A command on the built binary, run from `cwd` (a temp dir unless given), with no config
/// file picked up by accident.
pub fn attache(cwd: &Path) -> Command {
    isolated(Command::new(env!("CARGO_BIN_EXE_attache")), cwd)
}

/// Runs in `cwd` with no index, config or colour picked up from the environment.
fn isolated(mut c: Command, cwd: &Path) -> Command {
    c.current_dir(cwd)
        .env_remove("ATTACHE_INDEX")
        .env_remove("ATTACHE_CONFIG")
        .env("NO_COLOR", "1");
    c
}

/// `--index IDX index --format json EXTRA… CORPUS…`
pub fn index_args(idx: &Path, corpus: &[&Path], extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = vec![
        "--index".into(),
        idx.display().to_string(),
        "index".into(),
        "--format".into(),
        "json".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(corpus.iter().map(|p| p.display().to_string()));
    args
}

pub fn run(cwd: &Path, args: &[&str]) -> Run {
    attache(cwd)
        .args(args)
        .output()
        .expect("attache runs")
        .into()
}

/// Runs with `--index IDX` first.
pub fn run_ix(cwd: &Path, idx: &Path, args: &[&str]) -> Run {
    let mut full: Vec<&str> = vec!["--index", idx.to_str().unwrap()];
    full.extend_from_slice(args);
    run(cwd, &full)
}

/// Index `paths` into `idx` and return the JSON summary.
pub fn index_json(
    cwd: &Path,
    idx: &Path,
    paths: &[&Path],
    extra: &[&str],
) -> (Run, serde_json::Value) {
    let r: Run = attache(cwd)
        .args(index_args(idx, paths, extra))
        .output()
        .expect("attache runs")
        .into();
    let v = if r.stdout.trim().is_empty() {
        serde_json::Value::Null
    } else {
        r.json()
    };
    (r, v)
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` (or $ATTACHE_SHARED); `None`, with a printed reason, when absent.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("ATTACHE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    if p.join("corpora").is_dir() {
        Some(p)
    } else {
        eprintln!(
            "skipping: shared data not found at {} (set ATTACHE_SHARED)",
            p.display()
        );
        None
    }
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("attache-test-")
        .tempdir()
        .expect("temp dir")
}

pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

/// A temp dir holding `files` in its folder `c/`, indexed into its `ix/`: (dir, index).
pub fn indexed(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempdir();
    let corpus = tmp.path().join("c");
    for (name, content) in files {
        write(&corpus, name, content);
    }
    let idx = tmp.path().join("ix");
    let (r, _) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (tmp, idx)
}

/// Sum of `records` over the summary's skipped reasons.
pub fn skipped(summary: &serde_json::Value) -> u64 {
    summary["skipped"]
        .as_array()
        .map(|a| a.iter().map(|s| s["records"].as_u64().unwrap()).sum())
        .unwrap_or(0)
}

pub fn skipped_for(summary: &serde_json::Value, reason: &str) -> u64 {
    summary["skipped"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|s| s["reason"] == reason)
                .map(|s| s["records"].as_u64().unwrap())
                .sum()
        })
        .unwrap_or(0)
}

/// xorshift64*: deterministic, varied choices without a dependency.
pub struct Rng(pub u64);

impl Rng {
    /// Seeded from `var` in the environment when set, else `default`; returns the seed too.
    pub fn from_env(var: &str, default: u64) -> (Rng, u64) {
        let seed = std::env::var(var)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
            | 1;
        (Rng(seed), seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// "Maximum resident set size (kbytes): N" from `/usr/bin/time -v`.
pub fn max_rss_kb(stderr: &str) -> Option<u64> {
    stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
}

/// `index --format json EXTRA… CORPUS` under `/usr/bin/time -v` when it exists, with the
/// child's peak RSS in kB (`None`, with a printed reason, without /usr/bin/time).
pub fn index_measured(cwd: &Path, idx: &Path, corpus: &Path, extra: &[&str]) -> (Run, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    let have_time = time.exists();
    let mut cmd = if have_time {
        let mut c = isolated(Command::new(time), cwd);
        c.arg("-v").arg(env!("CARGO_BIN_EXE_attache"));
        c
    } else {
        eprintln!("note: /usr/bin/time not found; peak memory is not checked");
        attache(cwd)
    };
    cmd.args(index_args(idx, &[corpus], extra));
    let t = Instant::now();
    let r: Run = cmd.output().expect("attache runs").into();
    eprintln!("index took {:.1?}", t.elapsed());
    let kb = have_time.then(|| {
        max_rss_kb(&r.stderr)
            .unwrap_or_else(|| panic!("no peak RSS in /usr/bin/time -v output:\n{}", r.stderr))
    });
    (r, kb)
}

/// `search Q --count` on `idx`: the number of matching articles.
pub fn count(cwd: &Path, idx: &Path, q: &str) -> u64 {
    let r = run_ix(cwd, idx, &["search", q, "--count"]);
    assert!(r.code <= 1, "search {q} failed: {}", r.stderr);
    r.stdout.trim().parse().unwrap()
}
