//! The real corpora in ../shared: every one indexes with nothing lost (issue 2's checks).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::util::*;

/// All hits of `*` as JSON objects (one per article).
fn all_hits(cwd: &Path, idx: &Path) -> Vec<serde_json::Value> {
    let r = run_ix(
        cwd,
        idx,
        &["search", "*", "--limit", "100000", "--format", "jsonl"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn basil_has_300_articles_from_exactly_3_outlets() {
    let Some(shared) = shared() else { return };
    let tmp = tempdir();
    let idx = tmp.path().join("idx");
    let (r, s) = index_json(tmp.path(), &idx, &[&shared.join("corpora/basil")], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(s["indexed"], 300);
    assert_eq!(skipped(&s), 0, "{}", r.stderr);
    let stats = run_ix(tmp.path(), &idx, &["stats", "--format", "json"]).json();
    let outlets: BTreeSet<&str> = stats["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        outlets,
        BTreeSet::from(["Fox News", "HuffPost", "The New York Times"])
    );
    for o in stats["outlets"].as_array().unwrap() {
        assert_eq!(o["articles"], 100, "{o}");
    }
    assert_eq!(stats["without_date"], 0);
}

/// Accepts the two date shapes AllSides uses (ISO and US M/D/YY), independently of the
/// product; a valid date lies between 1900 and today.
fn allsides_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let parts: Vec<u32> = raw.split('/').filter_map(|p| p.parse().ok()).collect();
    let date = match parts[..] {
        [m, d, y] => {
            chrono::NaiveDate::from_ymd_opt(if y < 100 { 2000 + y as i32 } else { y as i32 }, m, d)
        }
        _ => chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok(),
    }?;
    let today = chrono::Utc::now().date_naive();
    (date >= chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() && date <= today)
        .then(|| date.to_string())
}

#[test]
fn allsides_every_article_accounted_for_with_dates_and_outlets() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpora/allsides/articles");
    let tmp = tempdir();
    let idx = tmp.path().join("idx");
    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = std::fs::read_dir(&corpus).unwrap().count() as u64;
    assert_eq!(files, 25_072);
    assert_eq!(
        s["indexed"].as_u64().unwrap() + skipped(&s),
        files,
        "indexed + skipped = files"
    );
    assert_eq!(
        s["total_articles"].as_u64().unwrap(),
        s["indexed"].as_u64().unwrap()
    );

    // Every article whose `date` field is a valid date has exactly that date.
    let mut by_path: HashMap<String, (Option<String>, String)> = HashMap::new();
    let mut raw_sources = BTreeSet::new();
    for e in std::fs::read_dir(&corpus).unwrap() {
        let p = std::fs::canonicalize(e.unwrap().path()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        let date = v["date"].as_str().and_then(allsides_date);
        let source = v["source"].as_str().unwrap_or("").to_string();
        raw_sources.insert(source.clone());
        by_path.insert(p.display().to_string(), (date, source));
    }
    let hits = all_hits(tmp.path(), &idx);
    assert_eq!(hits.len() as u64, files);
    let (mut valid, mut wrong) = (0, Vec::new());
    let mut outlets = BTreeSet::new();
    for h in &hits {
        let (want, _) = &by_path[h["path"].as_str().unwrap()];
        outlets.insert(h["outlet"].as_str().unwrap_or("").to_string());
        if let Some(want) = want {
            valid += 1;
            let got = h["date"].as_str().map(|d| &d[..10]);
            if got != Some(want.as_str()) {
                wrong.push(format!("{}: want {want}, got {got:?}", h["path"]));
            }
        }
    }
    assert!(valid > 22_000, "{valid}");
    assert!(
        wrong.is_empty(),
        "{} dates wrong, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
    eprintln!(
        "allsides: {} raw source names → {} outlets after normalisation",
        raw_sources.len(),
        outlets.len()
    );
    assert!(outlets.len() < raw_sources.len());
    for merged in ["Fox News", "CNN", "The New York Times"] {
        assert!(outlets.contains(merged), "{merged}");
    }
    for raw in ["Fox Online News", "CNN (Web News)", "New York Times - News"] {
        assert!(!outlets.contains(raw), "{raw} should be normalised");
    }
}

#[test]
fn ukraine_gdelt_dates_come_from_file_names() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpora/ukraine-gdelt-2022");
    let tmp = tempdir();
    let idx = tmp.path().join("idx");
    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(s["indexed"].as_u64().unwrap() + skipped(&s), 447);
    assert_eq!(s["indexed"], 447, "{}", r.stderr);
    for h in all_hits(tmp.path(), &idx) {
        let path = h["path"].as_str().unwrap();
        let name = Path::new(path).file_name().unwrap().to_str().unwrap();
        // 20220125T090000Z_GB_en_… → 2022-01-25T09:00:00Z
        let want = format!(
            "{}-{}-{}T{}:{}:{}Z",
            &name[0..4],
            &name[4..6],
            &name[6..8],
            &name[9..11],
            &name[11..13],
            &name[13..15]
        );
        assert_eq!(h["date"].as_str(), Some(want.as_str()), "{path}");
    }
}

#[test]
fn bbc_titles_come_from_the_first_line() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpora/bbc-news-2005");
    let tmp = tempdir();
    let idx = tmp.path().join("idx");
    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(s["indexed"], 2223, "{}", r.stderr);
    let mut checked = 0;
    for h in all_hits(tmp.path(), &idx) {
        let text = std::fs::read(h["path"].as_str().unwrap()).unwrap();
        let text = String::from_utf8_lossy(&text);
        let first = text
            .lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(h["title"].as_str(), Some(first.as_str()), "{}", h["path"]);
        assert_eq!(h["outlet"].as_str(), Some("BBC News"));
        checked += 1;
    }
    assert_eq!(checked, 2223);
}

#[test]
fn the_seed_is_found_by_its_key_terms() {
    let Some(shared) = shared() else { return };
    let tmp = tempdir();
    let idx = tmp.path().join("idx");
    let (r, s) = index_json(tmp.path(), &idx, &[&shared.join("seed")], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(s["indexed"], 1);
    for q in [
        "\"security guarantee\"",
        "ceasefire",
        "sanctions",
        "Vitkoff",
        "\"safety guarantee\"",
        "Kiev",
    ] {
        let r = run_ix(tmp.path(), &idx, &["search", q, "--count"]);
        assert_eq!((r.code, r.stdout.trim()), (0, "1"), "{q}: {}", r.stderr);
    }
    let hit =
        &run_ix(tmp.path(), &idx, &["search", "Vitkoff", "--format", "json"]).json()["hits"][0];
    assert_eq!(
        hit["title"],
        serde_json::Value::Null,
        "the seed has no title line"
    );
    assert_eq!(hit["outlet"], serde_json::Value::Null);
    assert_eq!(hit["date"], serde_json::Value::Null, "never invent a date");
    assert_eq!(hit["lang"], "en");
}
