//! Near-duplicate detection on the bundled corpus, whose README lists the known copies: one
//! Atlantic Wire story republished by three outlets (new headline, trimmed ending, an added
//! sentence), and independent write-ups of the same event that must stay apart.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::util::*;

const ORIGINAL: &str = "atlantic-wire/20250817T140200Z_witkoff-article5.txt";
const COPIES: [&str; 3] = [
    "harbour-chronicle/russia-agreed-nato-style-protection.html",
    "capitol-ledger/witkoff-putin-article-5-guarantee.json",
    "feeds/syndication-export.csv",
];
const SAME_EVENT_NOT_COPIES: [&str; 3] = [
    "courrier-de-l-est/2025-08-17-witkoff-garanties.md",
    "kyivskyi-kurier/2025-08-17-vitkoff-stattia-5.json",
    "rheinische-abendpost/2025-08-17_bruessel-selenskyj.txt",
];

fn corpus_index(tmp: &Path) -> std::path::PathBuf {
    let idx = tmp.join("idx");
    let (r, _) = index_json(tmp, &idx, &[&repo().join("corpus")], &["--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    idx
}

/// id → path relative to corpus/ (with the record number for multi-record files).
fn paths(tmp: &Path, idx: &Path) -> HashMap<String, (String, u64)> {
    let r = run_ix(
        tmp,
        idx,
        &["search", "*", "--limit", "1000", "--format", "jsonl"],
    );
    let corpus = std::fs::canonicalize(repo().join("corpus")).unwrap();
    r.stdout
        .lines()
        .map(|l| {
            let h: serde_json::Value = serde_json::from_str(l).unwrap();
            let p = Path::new(h["path"].as_str().unwrap())
                .strip_prefix(&corpus)
                .unwrap()
                .display()
                .to_string();
            (
                h["id"].as_str().unwrap().to_string(),
                (p, h["record"].as_u64().unwrap()),
            )
        })
        .collect()
}

#[test]
fn the_wire_story_and_its_three_copies_cluster_exactly() {
    let tmp = tempdir();
    let idx = corpus_index(tmp.path());
    let ids = paths(tmp.path(), &idx);
    let r = run_ix(
        tmp.path(),
        &idx,
        &[
            "--config",
            repo().join("attache.toml").to_str().unwrap(),
            "dupes",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d = r.json();
    let clusters = d["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 1, "{d}");
    let members: Vec<&(String, u64)> = clusters[0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &ids[m["id"].as_str().unwrap()])
        .collect();
    assert_eq!(members[0].0, ORIGINAL, "the wire original comes first");
    let got: BTreeSet<&str> = members.iter().map(|(p, _)| p.as_str()).collect();
    let want: BTreeSet<&str> = std::iter::once(ORIGINAL).chain(COPIES).collect();
    assert_eq!(got, want);
    let csv_row = members.iter().find(|(p, _)| p.ends_with(".csv")).unwrap();
    assert_eq!(csv_row.1, 1, "the first CSV row is the copy");
    for m in clusters[0]["members"].as_array().unwrap() {
        assert!(m["similarity"].as_f64().unwrap() >= 0.7, "{m}");
    }
    for p in SAME_EVENT_NOT_COPIES {
        assert!(!got.contains(p), "{p} is an independent write-up");
    }
}

#[test]
fn a_strict_threshold_splits_and_a_loose_one_still_keeps_rewrites_apart() {
    let tmp = tempdir();
    let idx = corpus_index(tmp.path());
    let ids = paths(tmp.path(), &idx);
    let r = run_ix(
        tmp.path(),
        &idx,
        &["dupes", "--threshold", "0.3", "--format", "json"],
    );
    let d = r.json();
    let clustered: BTreeSet<&str> = d["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["members"].as_array().unwrap())
        .map(|m| ids[m["id"].as_str().unwrap()].0.as_str())
        .collect();
    for p in SAME_EVENT_NOT_COPIES {
        assert!(!clustered.contains(p), "{p} clustered even at 0.3");
    }
    let r = run_ix(tmp.path(), &idx, &["dupes", "--threshold", "1.01"]);
    assert_eq!(r.code, 1, "nothing is that similar: {}", r.stdout);
}

#[test]
fn dedupe_and_compare_count_the_copies_once() {
    let tmp = tempdir();
    let idx = corpus_index(tmp.path());
    let cfg = repo().join("attache.toml");
    let cfg = cfg.to_str().unwrap();
    let all = run_ix(
        tmp.path(),
        &idx,
        &[
            "--config", cfg, "search", "Witkoff", "--limit", "100", "--format", "json",
        ],
    )
    .json();
    let dd = run_ix(
        tmp.path(),
        &idx,
        &[
            "--config", cfg, "search", "Witkoff", "--dedupe", "--limit", "100", "--format", "json",
        ],
    )
    .json();
    let total = all["total"].as_u64().unwrap();
    assert_eq!(dd["total"].as_u64().unwrap(), total);
    assert_eq!(dd["stories"].as_u64().unwrap(), total - 3);
    assert_eq!(dd["hits"].as_array().unwrap().len() as u64, total - 3);
    // `--count` with `--dedupe` counts what `--dedupe` lists: stories.
    let n = run_ix(
        tmp.path(),
        &idx,
        &["--config", cfg, "search", "Witkoff", "--dedupe", "--count"],
    );
    assert_eq!(n.stdout.trim(), (total - 3).to_string(), "{}", n.stderr);
    let with_copies: Vec<&serde_json::Value> = dd["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h.get("copies").is_some())
        .collect();
    assert_eq!(with_copies.len(), 1);
    assert_eq!(with_copies[0]["copies"].as_array().unwrap().len(), 3);

    let c = run_ix(
        tmp.path(),
        &idx,
        &["--config", cfg, "compare", "Witkoff", "--format", "json"],
    )
    .json();
    assert_eq!(c["queries"][0]["matches"].as_u64().unwrap(), total);
    assert_eq!(c["queries"][0]["stories"].as_u64().unwrap(), total - 3);
    let copies: u64 = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["copies"].as_u64().unwrap())
        .sum();
    assert_eq!(copies, 3);
    let wire = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["group"] == "Atlantic Wire")
        .unwrap();
    assert_eq!(wire["copies"], 0, "the original is not a copy");
}

/// Keyness (in this file because it runs on the same bundled index): the German group's key
/// terms are German content words, never stop words, and their counts agree with a scan of
/// the stored texts.
#[test]
fn keyness_finds_each_languages_content_words() {
    let tmp = tempdir();
    let idx = corpus_index(tmp.path());
    let q = "\"security guarantees\" OR Sicherheitsgarantien OR \"garanties de sécurité\"";
    let c = run_ix(
        tmp.path(),
        &idx,
        &[
            "compare",
            q,
            "--by",
            "lang",
            "--keyness",
            "8",
            "--format",
            "json",
        ],
    )
    .json();
    let de = c["keyness"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["group"] == "de")
        .expect("a German group");
    let terms: Vec<&str> = de["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(terms.contains(&"sicherheitsgarantien"), "{terms:?}");
    for stop in ["und", "der", "die", "fur", "mit"] {
        assert!(!terms.contains(&stop), "{stop} is a stop word: {terms:?}");
    }
    // Count by brute force: occurrences of the term in the titles and bodies of the German matches.
    let hits = run_ix(
        tmp.path(),
        &idx,
        &[
            "search", q, "--lang", "de", "--limit", "100", "--format", "jsonl",
        ],
    );
    let mut count = 0u64;
    for line in hits.stdout.lines() {
        let h: serde_json::Value = serde_json::from_str(line).unwrap();
        let a = run_ix(
            tmp.path(),
            &idx,
            &["show", h["id"].as_str().unwrap(), "--format", "json"],
        )
        .json();
        for text in [
            a["title"].as_str().unwrap_or(""),
            a["body"].as_str().unwrap(),
        ] {
            count += attache::index::tokenizer::terms(None, text)
                .iter()
                .filter(|t| *t == "sicherheitsgarantien")
                .count() as u64;
        }
    }
    let t = de["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["term"] == "sicherheitsgarantien")
        .unwrap();
    assert_eq!(t["count"].as_u64().unwrap(), count);
    assert!(t["g2"].as_f64().unwrap() > 0.0);
}

/// Every `index` run stores the clusters of the whole index (`stories.bin`); with it,
/// `dupes`, `compare` and `search --dedupe` give what clustering at query time gives.
#[test]
fn the_stored_story_table_agrees_with_clustering_at_query_time() {
    let tmp = tempdir();
    let idx = corpus_index(tmp.path());
    let table = idx.join("stories.bin");
    assert!(table.is_file(), "index wrote no story table");
    let commands: [&[&str]; 4] = [
        &["dupes", "--format", "json"],
        &["compare", "Witkoff", "--format", "json"],
        &["compare", "*", "--by", "lang", "--format", "json"],
        &[
            "search", "Witkoff", "--dedupe", "-n", "100", "--format", "json",
        ],
    ];
    let stored: Vec<String> = commands
        .iter()
        .map(|a| run_ix(tmp.path(), &idx, a).stdout)
        .collect();
    std::fs::rename(&table, tmp.path().join("away")).unwrap();
    for (a, want) in commands.iter().zip(&stored) {
        let r = run_ix(tmp.path(), &idx, a);
        assert_eq!(&r.stdout, want, "{a:?} differs without the table");
    }
    assert!(stored[0].contains("Atlantic Wire"), "{}", stored[0]);
}

/// The stored table is the whole index's: an outlet's copy stays a copy when a filter leaves
/// its original out. Clustering only the matches (another threshold) cannot know that.
#[test]
fn a_copy_is_a_copy_even_when_its_original_does_not_match() {
    let tmp = tempdir();
    let idx = corpus_index(tmp.path());
    let copies = |extra: &[&str]| {
        // Indexed without the repository's attache.toml, this outlet's copy is named so.
        let mut args = vec![
            "compare",
            "*",
            "--outlet",
            "Harbour Chronicle",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let c = run_ix(tmp.path(), &idx, &args).json();
        // (`--outlet` also takes "The Harbour Chronicle", the same name but for "The", from
        // the metadata of another file: a row of its own.)
        let rows = c["rows"].as_array().unwrap().clone();
        let row = rows.iter().find(|r| r["group"] == "Harbour Chronicle");
        assert!(rows.len() <= 2 && row.is_some(), "{c}");
        row.unwrap()["copies"].as_u64().unwrap()
    };
    assert_eq!(copies(&[]), 1, "the Atlantic Wire republication");
    assert_eq!(
        copies(&["--threshold", "0.69"]),
        0,
        "clustered among its matches only"
    );
}

/// A table that no longer describes the index (a run interrupted after its commit, a copy of
/// an old file, garbage) is ignored, and the next run replaces it.
#[test]
fn a_stale_story_table_is_ignored_and_the_next_run_replaces_it() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    let place = |rel: &str| {
        let to = corpus.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo().join("corpus").join(rel), to).unwrap();
    };
    place(ORIGINAL);
    place(COPIES[0]);
    let idx = tmp.path().join("idx");
    let members = || {
        let d = run_ix(tmp.path(), &idx, &["dupes", "--format", "json"]).json();
        d["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["articles"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    let (r, _) = index_json(tmp.path(), &idx, &[&corpus], &["--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(members(), vec![2]);
    let old = std::fs::read(idx.join("stories.bin")).unwrap();

    place(COPIES[1]);
    let (r, _) = index_json(tmp.path(), &idx, &[&corpus], &["--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_ne!(
        std::fs::read(idx.join("stories.bin")).unwrap(),
        old,
        "table not refreshed"
    );
    assert_eq!(members(), vec![3]);

    std::fs::write(idx.join("stories.bin"), &old).unwrap();
    assert_eq!(members(), vec![3], "a stale table was believed");
    std::fs::write(idx.join("stories.bin"), b"attache stories 1\n{not json").unwrap();
    assert_eq!(members(), vec![3], "a broken table was believed");
    let (r, _) = index_json(tmp.path(), &idx, &[&corpus], &["--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read(idx.join("stories.bin"))
        .unwrap()
        .starts_with(b"attache stories 1\n{\""));
}

/// `show` names the story of an article that has copies: its original, the similarity and the
/// story's size; an article without copies has no `story`.
#[test]
fn show_names_the_story_of_a_copy() {
    let tmp = tempdir();
    let idx = corpus_index(tmp.path());
    let ids = paths(tmp.path(), &idx);
    let id_of = |rel: &str| {
        ids.iter()
            .find(|(_, (p, rec))| p == rel && *rec == 1)
            .map(|(id, _)| id.clone())
            .unwrap_or_else(|| panic!("{rel} not indexed"))
    };
    let original = id_of(ORIGINAL);
    let show = |id: &str| run_ix(tmp.path(), &idx, &["show", id, "--format", "json"]).json();
    for copy in COPIES {
        let s = show(&id_of(copy));
        assert_eq!(
            s["story"]["original"],
            original.as_str(),
            "{copy}: {}",
            s["story"]
        );
        assert_eq!(s["story"]["articles"], 4);
        assert!(s["story"]["similarity"].as_f64().unwrap() >= 0.7);
    }
    let s = show(&original);
    assert_eq!(s["story"]["original"], original.as_str());
    assert_eq!(s["story"]["similarity"], 1.0);
    for other in SAME_EVENT_NOT_COPIES {
        let s = show(&id_of(other));
        assert!(s.get("story").is_none(), "{other}: {}", s["story"]);
    }
}

/// Two versions of one live page (same URL, text changed in between) are listed as the same
/// URL, not as a copy of low similarity.
#[test]
fn dupes_lists_a_page_scraped_twice_as_the_same_url() {
    let (tmp, idx) = crate::util::indexed(&[(
        "a.jsonl",
        "{\"url\":\"https://example.com/live\",\"title\":\"Live: talks\",\"body\":\"Delegations met in Geneva on Monday to discuss a ceasefire along the front line.\"}\n\
         {\"url\":\"https://example.com/live\",\"title\":\"Live: talks end\",\"body\":\"The talks ended without agreement late on Tuesday, officials from both sides said.\"}\n",
    )]);
    let r = crate::util::run_ix(tmp.path(), &idx, &["dupes"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("same URL"), "{}", r.stdout);
}
