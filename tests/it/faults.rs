//! Faults: `attache index` killed with SIGKILL at random moments, a full disk, a second writer,
//! searches during a run. The index must always open, hold only whole files, and a re-run must
//! end with exactly the expected article count.
//!
//! Short form by default (a few kill trials); the long form runs more:
//! `ATTACHE_CRASH_TRIALS=25 cargo test --release --test it faults`. `ATTACHE_CRASH_SEED`
//! replays a run (the seed is printed).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

const FILES: usize = 240;
const PER_FILE: usize = 20;
const SINGLES: usize = 120;

/// Articles in the crash corpus: every JSONL file has PER_FILE, every JSON file one.
const EXPECTED: u64 = (FILES * PER_FILE + SINGLES) as u64;

fn body(i: usize) -> String {
    // Varied words so the index has real postings; every article says "ceasefire".
    let words = [
        "envoys",
        "sanctions",
        "Geneva",
        "guarantees",
        "talks",
        "Kyiv",
        "Moscow",
        "Brussels",
        "delegation",
        "proposal",
        "summit",
        "frontline",
        "prisoners",
        "reconstruction",
    ];
    let mut s = format!("Dispatch {i}: the ceasefire was discussed again. ");
    for k in 0..90 {
        s.push_str(words[(i * 7 + k * 13) % words.len()]);
        s.push_str(if k % 11 == 10 { ". " } else { " " });
    }
    s
}

fn crash_corpus(dir: &Path) {
    let mut n = 0;
    for f in 0..FILES {
        let mut text = String::new();
        for _ in 0..PER_FILE {
            let outlet = ["Atlantic Wire", "Baltic Herald", "Danube Post"][n % 3];
            text.push_str(
                &serde_json::json!({
                    "title": format!("Report {n}"), "body": body(n),
                    "date": format!("2025-0{}-1{}", 1 + n % 9, n % 10),
                    "outlet": outlet,
                })
                .to_string(),
            );
            text.push('\n');
            n += 1;
        }
        write(dir, &format!("shard-{f:03}.jsonl"), text);
    }
    for _ in 0..SINGLES {
        let a = serde_json::json!({"title": format!("Single {n}"), "body": body(n),
            "date": "2025-08-15", "outlet": "Capitol Ledger"});
        write(dir, &format!("single/{n}.json"), a.to_string());
        n += 1;
    }
}

/// The index opens and agrees with itself: `*`, a word every article has, `stats` and the
/// per-outlet counts give one number, and only whole files are in it.
fn check_consistent(cwd: &Path, idx: &Path) -> u64 {
    let all = count(cwd, idx, "*");
    assert_eq!(count(cwd, idx, "ceasefire"), all, "term and * disagree");
    let stats = run_ix(cwd, idx, &["stats", "--format", "json"]);
    assert_eq!(stats.code, 0, "stats after a kill: {}", stats.stderr);
    let v = stats.json();
    assert_eq!(
        v["articles"].as_u64(),
        Some(all),
        "stats disagrees with search"
    );
    let per_outlet: u64 = v["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(per_outlet, all, "outlet counts do not add up");
    // Commits happen at file boundaries: the JSONL articles come in whole files.
    let singles = count(cwd, idx, "title:single");
    assert_eq!(
        (all - singles) % PER_FILE as u64,
        0,
        "a partly indexed file was committed ({all} articles, {singles} singles)"
    );
    all
}

fn index_cmd(cwd: &Path, idx: &Path, corpus: &Path, extra: &[&str]) -> Command {
    let mut c = attache(cwd);
    c.args(["--index", idx.to_str().unwrap(), "index", "--quiet"])
        .args(extra)
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

#[test]
fn sigkill_at_random_moments_never_breaks_the_index() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    crash_corpus(&corpus);
    let trials: usize = std::env::var("ATTACHE_CRASH_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let (mut rng, seed) = Rng::from_env("ATTACHE_CRASH_SEED", clock);
    eprintln!("crash trials: {trials}, ATTACHE_CRASH_SEED={seed}");

    // How long an uninterrupted run takes, so the kills land anywhere in it (and a little after).
    let full = tmp.path().join("full");
    let t = Instant::now();
    let status = index_cmd(tmp.path(), &full, &corpus, &[]).status().unwrap();
    let run_ms = t.elapsed().as_millis() as u64;
    assert!(status.success());
    assert_eq!(check_consistent(tmp.path(), &full), EXPECTED);

    let mut landed_mid_run = 0;
    for trial in 0..trials {
        // Three situations: a first run into an empty folder, a run continuing an interrupted
        // one (frequent commits), and a rebuild of a complete index.
        let mode = trial % 3;
        let idx = tmp.path().join(format!("idx-{trial}"));
        if mode == 2 {
            let st = index_cmd(tmp.path(), &idx, &corpus, &[]).status().unwrap();
            assert!(st.success());
        }
        let extra: &[&str] = match mode {
            0 => &[],
            1 => &["--commit-every", "300"],
            _ => &["--rebuild"],
        };
        let delay = rng.below((run_ms * 12 / 10 + 1) as usize) as u64;
        let mut child = index_cmd(tmp.path(), &idx, &corpus, extra).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL on Unix
        let st = child.wait().unwrap();
        let killed = !st.success();
        landed_mid_run += killed as usize;

        if idx.join("meta.json").exists() {
            let n = check_consistent(tmp.path(), &idx);
            if mode == 2 {
                assert_eq!(
                    n, EXPECTED,
                    "trial {trial}: a killed rebuild lost the old index"
                );
            }
            if !killed {
                assert_eq!(n, EXPECTED);
            }
            eprintln!(
                "trial {trial}: mode {mode}, killed after {delay} ms (run {run_ms} ms), killed={killed}, {n} articles committed"
            );
        } else {
            eprintln!("trial {trial}: killed after {delay} ms, before the index existed");
        }
        // A re-run (without --rebuild) ends with exactly the corpus.
        let st = index_cmd(tmp.path(), &idx, &corpus, &[]).status().unwrap();
        assert!(st.success(), "trial {trial}: re-run failed");
        assert_eq!(
            check_consistent(tmp.path(), &idx),
            EXPECTED,
            "trial {trial}: re-run after a kill at {delay} ms (mode {mode})"
        );
        let _ = std::fs::remove_dir_all(&idx);
    }
    eprintln!("{landed_mid_run} of {trials} kills landed before the run ended");
}

#[test]
fn a_second_writer_fails_at_once_and_searches_see_the_last_commit() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    crash_corpus(&corpus);
    let small = tmp.path().join("small");
    write(
        &small,
        "one.json",
        serde_json::json!({"title": "Single 0", "body": body(0), "outlet": "Capitol Ledger"})
            .to_string(),
    );
    let idx = tmp.path().join("idx");
    let (r, _) = index_json(tmp.path(), &idx, &[&small], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // The probe runs once the first run should hold the writer lock; if the probe was first
    // after all (a slow start), the first run is the one refused: try again.
    let mut checked = false;
    for _attempt in 0..3 {
        let mut first = index_cmd(tmp.path(), &idx, &corpus, &["--rebuild", "--threads", "1"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let t = Instant::now();
        let second = run_ix(tmp.path(), &idx, &["index", &small.to_string_lossy()]);
        let waited = t.elapsed();
        let during = count(tmp.path(), &idx, "*");
        let running = first.try_wait().unwrap().is_none();
        let first_ok = first.wait().unwrap().success();
        if second.code == 2 && running {
            assert!(waited < Duration::from_secs(3), "the second writer waited");
            assert!(
                second.stderr.contains("another `attache index` is writing"),
                "{}",
                second.stderr
            );
            // The rebuild commits only at its end: searches meanwhile see the old index.
            assert_eq!(during, 1, "a search during the run saw uncommitted work");
            assert!(first_ok);
            checked = true;
            break;
        }
        eprintln!(
            "note: the probe did not overlap the run (second exit {}, running {running}); again",
            second.code
        );
    }
    assert!(checked, "could not make two runs overlap in three attempts");
    assert_eq!(count(tmp.path(), &idx, "*"), EXPECTED);
}

/// A tmpfs too small for the second corpus: clear message, exit 2, previous index intact, and
/// the disk left as before the failed run. Needs root (mount); skipped with a reason otherwise.
#[test]
fn a_full_disk_fails_clearly_and_keeps_the_previous_index() {
    let tmp = tempdir();
    let mnt = tmp.path().join("small-disk");
    std::fs::create_dir_all(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipping: cannot mount a small tmpfs here (needs root)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&mnt);

    let idx = mnt.join("idx");
    let (r, s) = index_json(tmp.path(), &idx, &[&repo().join("corpus")], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = s["total_articles"].as_u64().unwrap();
    let used_before = dir_size(&idx);

    let corpus = tmp.path().join("corpus");
    crash_corpus(&corpus);
    let (r, _) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 2, "a full disk must fail the run: {}", r.stderr);
    assert!(
        r.stderr.contains("disk holding the index is full")
            && r.stderr.contains("still searchable"),
        "unclear message: {}",
        r.stderr
    );
    assert_eq!(count(tmp.path(), &idx, "*"), before, "previous index lost");
    assert!(
        dir_size(&idx) <= used_before + (64 << 10),
        "uncommitted segment files were left behind ({} → {} bytes)",
        used_before,
        dir_size(&idx)
    );
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum()
}
