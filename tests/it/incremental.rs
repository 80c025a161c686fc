//! Incremental indexing, rebuilds, interrupted runs, schema versions, configuration.

use std::time::Duration;

use crate::util::*;

fn article(title: &str, body: &str, date: &str) -> String {
    serde_json::json!({"title": title, "body": body, "date": date, "outlet": "Atlantic Wire"})
        .to_string()
}

#[test]
fn reindexing_adds_updates_removes_and_skips_unchanged() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    let idx = tmp.path().join("idx");
    write(
        &corpus,
        "a.json",
        article(
            "Truce talks",
            "The ceasefire proposal was discussed in Geneva.",
            "2025-08-17",
        ),
    );
    write(
        &corpus,
        "b.json",
        article(
            "Sanctions",
            "New sanctions on oil exports were announced.",
            "2025-08-18",
        ),
    );
    write(
        &corpus,
        "c.jsonl",
        format!(
            "{}\n{}\n",
            article("One", "Prisoner exchange agreed.", "2025-08-19"),
            article("Two", "Security guarantees debated.", "2025-08-20")
        ),
    );
    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        (s["new"].as_u64(), s["total_articles"].as_u64()),
        (Some(4), Some(4))
    );

    // Nothing changed: nothing read.
    let (_, s) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(
        (s["indexed"].as_u64(), s["files_unchanged"].as_u64()),
        (Some(0), Some(3))
    );

    // Change one record of the JSONL, delete a file, add a file.
    std::thread::sleep(Duration::from_millis(20));
    write(
        &corpus,
        "c.jsonl",
        format!(
            "{}\n{}\n",
            article("One", "Prisoner exchange agreed.", "2025-08-19"),
            article("Two", "Reassurance force debated.", "2025-08-20")
        ),
    );
    std::fs::remove_file(corpus.join("b.json")).unwrap();
    write(
        &corpus,
        "d.md",
        "---\ntitle: Waffenruhe\ndate: 2025-08-21\n---\nDie Waffenruhe hält.\n",
    );
    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(s["new"], 1, "{s}");
    assert_eq!(s["updated"], 2, "{s}");
    assert_eq!(s["removed"], 1, "{s}");
    assert_eq!(s["files_removed"], 1, "{s}");
    assert_eq!(s["files_unchanged"], 1, "{s}");
    assert_eq!(s["total_articles"], 4, "{s}");
    assert_eq!(count(tmp.path(), &idx, "sanctions"), 0);
    assert_eq!(count(tmp.path(), &idx, "\"security guarantees\""), 0);
    assert_eq!(count(tmp.path(), &idx, "reassurance"), 1);
    assert_eq!(count(tmp.path(), &idx, "Waffenruhe"), 1);

    // Touched but identical content: read, hashed, left alone.
    std::thread::sleep(Duration::from_millis(20));
    write(
        &corpus,
        "a.json",
        article(
            "Truce talks",
            "The ceasefire proposal was discussed in Geneva.",
            "2025-08-17",
        ),
    );
    let (_, s) = index_json(tmp.path(), &idx, &[], &[]);
    assert_eq!(
        (s["indexed"].as_u64(), s["files_unchanged"].as_u64()),
        (Some(0), Some(3)),
        "no paths = the previous run's folders"
    );

    // Rebuild starts over with the same result.
    let (_, s) = index_json(tmp.path(), &idx, &[&corpus], &["--rebuild"]);
    assert_eq!(
        (s["new"].as_u64(), s["total_articles"].as_u64()),
        (Some(4), Some(4))
    );
}

#[test]
fn an_interrupted_run_leaves_the_previous_index_searchable() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    let idx = tmp.path().join("idx");
    write(
        &corpus,
        "first.json",
        article("Summit", "The Alaska summit ended.", "2025-08-15"),
    );
    let (r, _) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0);
    // Enough new text that indexing takes a while, then kill -9 part-way.
    let mut big = String::new();
    for i in 0..60_000 {
        big.push_str(&article(&format!("Report {i}"), &format!("Diplomats number{i} discussed ceasefire lines and sanctions relief for the {i}th time in a long communique about guarantees."), "2025-08-20"));
        big.push('\n');
    }
    write(&corpus, "big.jsonl", big);
    let mut child = attache(tmp.path())
        .args([
            "--index",
            idx.to_str().unwrap(),
            "index",
            corpus.to_str().unwrap(),
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the run should have been killed part-way; make the fixture larger"
    );
    assert_eq!(
        count(tmp.path(), &idx, "*"),
        1,
        "previous index intact and searchable"
    );
    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        s["total_articles"], 60_001,
        "the next run completes the work"
    );
}

#[test]
fn an_index_from_another_schema_version_is_refused_with_the_fix() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    let idx = tmp.path().join("idx");
    write(
        &corpus,
        "a.json",
        article("Truce", "Ceasefire now.", "2025-08-17"),
    );
    index_json(tmp.path(), &idx, &[&corpus], &[]);
    let meta_path = idx.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    meta["payload"] = serde_json::Value::String(r#"{"schema_version":0}"#.into());
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    let r = run_ix(tmp.path(), &idx, &["search", "ceasefire"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("incompatible") && r.stderr.contains("--rebuild"),
        "{}",
        r.stderr
    );
    let r = run_ix(tmp.path(), &idx, &["index", corpus.to_str().unwrap()]);
    assert_eq!(r.code, 2, "a plain re-index must not touch it");
    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &["--rebuild"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(s["total_articles"], 1);
    assert_eq!(count(tmp.path(), &idx, "ceasefire"), 1);
}

#[test]
fn an_index_from_older_extraction_code_is_reread_in_full() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    let idx = tmp.path().join("idx");
    write(
        &corpus,
        "a.json",
        article("Truce", "Ceasefire now.", "2025-08-17"),
    );
    write(
        &corpus,
        "b.json",
        article("Sanctions", "Oil price cap.", "2025-08-18"),
    );
    index_json(tmp.path(), &idx, &[&corpus], &[]);
    // Simulate an index written before the extractor version existed.
    let meta_path = idx.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let mut payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    payload.as_object_mut().unwrap().remove("extractor");
    meta["payload"] = serde_json::Value::String(payload.to_string());
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert!(r.stderr.contains("re-reading every file"), "{}", r.stderr);
    assert_eq!(
        (s["indexed"].as_u64(), s["total_articles"].as_u64()),
        (Some(2), Some(2)),
        "{s}"
    );
    assert_eq!(count(tmp.path(), &idx, "ceasefire"), 1);
}

#[test]
fn missing_index_and_missing_folder_are_clear_errors() {
    let tmp = tempdir();
    let r = run_ix(tmp.path(), &tmp.path().join("nope"), &["search", "x"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no index at") && r.stderr.contains("attache index"),
        "{}",
        r.stderr
    );
    // Without folders there is nothing to index, and no empty index is made either.
    let r = run_ix(tmp.path(), &tmp.path().join("idx"), &["index"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!tmp.path().join("idx").exists());
    let r = run_ix(
        tmp.path(),
        &tmp.path().join("idx"),
        &["index", "does-not-exist"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("does-not-exist") && r.stderr.contains("no such file or folder"),
        "{}",
        r.stderr
    );
    // No empty index is left behind to look like a search without hits.
    assert!(!tmp.path().join("idx").exists());
    // An --index that is a file says so, for writing and for reading.
    let file = write(tmp.path(), "not-a-folder", "x");
    for args in [vec!["index", "."], vec!["search", "x"]] {
        let r = run_ix(tmp.path(), &file, &args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains("is a file"), "{args:?}: {}", r.stderr);
    }
}

/// An index built from several folders, one run each, remembers them all: a run without
/// folders (or a rebuild) covers every one, and a missing one keeps its articles.
#[test]
fn folders_indexed_in_separate_runs_are_all_kept() {
    let tmp = tempdir();
    let (c, d) = (tmp.path().join("c"), tmp.path().join("d"));
    let idx = tmp.path().join("idx");
    for (dir, n) in [(&c, 3), (&d, 2)] {
        for i in 0..n {
            write(
                dir,
                &format!("{i}.json"),
                article(
                    &format!("Talks {i}"),
                    "The ceasefire talks went on.",
                    "2025-08-17",
                ),
            );
        }
    }
    let total = |s: &serde_json::Value| s["total_articles"].as_u64();
    let (_, s) = index_json(tmp.path(), &idx, &[&c], &[]);
    assert_eq!(total(&s), Some(3));
    let (_, s) = index_json(tmp.path(), &idx, &[&d], &[]);
    assert_eq!(total(&s), Some(5));
    // A change in the first folder is seen by a run without folders.
    std::fs::remove_file(c.join("0.json")).unwrap();
    let (_, s) = index_json(tmp.path(), &idx, &[], &[]);
    assert_eq!(
        (s["removed"].as_u64(), total(&s)),
        (Some(1), Some(4)),
        "{s}"
    );
    let (_, s) = index_json(tmp.path(), &idx, &[], &["--rebuild"]);
    assert_eq!(total(&s), Some(4), "a rebuild covers every folder: {s}");
    // A folder that went missing (an unmounted disk) keeps its articles, with a warning.
    std::fs::rename(&d, tmp.path().join("d-moved")).unwrap();
    let (r, s) = index_json(tmp.path(), &idx, &[], &[]);
    assert_eq!(total(&s), Some(4), "{s}");
    assert!(r.stderr.contains("is missing"), "{}", r.stderr);
    // A rebuild attache decides on (here: another gazetteer) would drop the missing folder's
    // articles: it is refused, and the index stays as it was.
    let gaz = write(
        tmp.path(),
        "extra.toml",
        "[[entity]]\nid = \"miriam-osei\"\ntype = \"person\"\nname = \"Miriam Osei\"\n",
    );
    let (r, _) = index_json(
        tmp.path(),
        &idx,
        &[],
        &["--gazetteer", gaz.to_str().unwrap()],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("is missing"), "{}", r.stderr);
    let n = run_ix(tmp.path(), &idx, &["search", "*", "--count"]);
    assert_eq!(n.stdout.trim(), "4");
    // A folder that is still there but empty (an unmounted disk's mount point) keeps its
    // articles too.
    std::fs::rename(tmp.path().join("d-moved"), &d).unwrap();
    for f in std::fs::read_dir(&d).unwrap() {
        std::fs::remove_file(f.unwrap().path()).unwrap();
    }
    let (r, s) = index_json(tmp.path(), &idx, &[], &[]);
    assert_eq!(
        (s["removed"].as_u64(), total(&s)),
        (Some(0), Some(4)),
        "{s}"
    );
    assert!(r.stderr.contains("has no files now"), "{}", r.stderr);
    // Folders named with --rebuild start over with just those.
    let (_, s) = index_json(tmp.path(), &idx, &[&c], &["--rebuild"]);
    assert_eq!(total(&s), Some(2), "{s}");
}

/// `attache index .` run where the index lives (./index) does not read the index's files.
#[test]
fn an_index_inside_the_corpus_folder_is_not_read() {
    let tmp = tempdir();
    for i in 0..2 {
        write(
            tmp.path(),
            &format!("{i}.json"),
            article(
                &format!("Talks {i}"),
                "The ceasefire talks went on.",
                "2025-08-17",
            ),
        );
    }
    for _ in 0..2 {
        let r = run(tmp.path(), &["index", "--format", "json", "."]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let s = r.json();
        assert_eq!(
            (s["total_articles"].as_u64(), skipped(&s)),
            (Some(2), 0),
            "{s}\n{}",
            r.stderr
        );
        assert!(!r.stderr.contains("index/"), "{}", r.stderr);
    }
}

#[test]
fn field_overrides_from_flags_and_config_and_outlets_from_folders() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    let rec = serde_json::json!({"headline": "H", "summary": "short", "content_original": "The long armistice text.", "pubDate": "Sun, 17 Aug 2025 14:02:00 GMT"});
    write(&corpus, "harbour-chronicle/x.json", rec.to_string());
    write(
        &corpus,
        "articles/y.txt",
        "Plain\n\nNo outlet anywhere for this armistice.",
    );

    let idx = tmp.path().join("idx1");
    let (_, s) = index_json(tmp.path(), &idx, &[&corpus], &["--field", "body=summary"]);
    assert_eq!(s["indexed"], 2);
    assert_eq!(count(tmp.path(), &idx, "short"), 1);
    assert_eq!(
        count(tmp.path(), &idx, "armistice"),
        1,
        "only the txt: the JSON body now comes from summary"
    );
    let r = run_ix(
        tmp.path(),
        &idx,
        &["index", "--field", "nonsense=x", corpus.to_str().unwrap()],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown field"), "{}", r.stderr);

    let idx = tmp.path().join("idx2");
    let cfg = write(tmp.path(), "attache.toml", "[fields]\nbody = \"summary\"\n\n[[outlet]]\nname = \"The Harbour Chronicle\"\naliases = [\"harbour chronicle\"]\n");
    let (_, s) = index_json(tmp.path(), &idx, &[&corpus], &["--outlet", "Unknown Wire"]);
    assert_eq!(s["indexed"], 2);
    assert_eq!(
        count(tmp.path(), &idx, "short"),
        1,
        "attache.toml in the current folder is read"
    );
    let stats = run_ix(tmp.path(), &idx, &["stats", "--format", "json"]).json();
    let names: Vec<&str> = stats["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["The Harbour Chronicle", "Unknown Wire"],
        "folder name → outlet table; generic folder → --outlet"
    );
    let hit = &run_ix(tmp.path(), &idx, &["search", "short", "--format", "json"]).json()["hits"][0];
    assert_eq!(hit["date"], "2025-08-17T14:02:00Z");
    assert_eq!(hit["title"], "H");
    drop(cfg);
}

/// Two articles with one URL (a live page scraped twice) share an id: `show` prints the first
/// and names the other on stderr.
#[test]
fn show_says_when_articles_share_an_id() {
    let tmp = tempdir();
    let corpus = tmp.path().join("c");
    let idx = tmp.path().join("idx");
    let rec = |title: &str, day: &str| {
        serde_json::json!({"title": title, "body": "Live page text.", "date": day,
            "outlet": "Axios", "url": "https://example.com/live"})
        .to_string()
    };
    write(
        &corpus,
        "live.jsonl",
        format!(
            "{}\n{}\n",
            rec("Morning updates", "2020-03-01"),
            rec("Evening updates", "2020-03-02")
        ),
    );
    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(s["total_articles"].as_u64(), Some(2), "{}", r.stderr);
    let r = run_ix(tmp.path(), &idx, &["show", "https://example.com/live"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Morning updates"), "{}", r.stdout);
    assert!(
        r.stderr.contains("2 articles share this id") && r.stderr.contains("Evening updates"),
        "{}",
        r.stderr
    );
}

/// A run with another `--field` mapping re-reads every file: a wrong mapping that skipped
/// records does not stay in the index after the mapping is put right (without --rebuild).
#[test]
fn a_changed_field_mapping_reads_every_file_again() {
    let tmp = crate::util::tempdir();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    crate::util::write(
        &corpus,
        "a.jsonl",
        "{\"title\":\"One\",\"body\":\"Talks on a ceasefire resumed in Geneva.\",\"notes\":\"x\"}\n\
         {\"title\":\"Two\",\"body\":\"New sanctions were announced on Monday.\",\"notes\":\"y\"}\n",
    );
    let idx = tmp.path().join("ix");
    let (r, _) = index_json(tmp.path(), &idx, &[&corpus], &["--field", "body=notes"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(count(tmp.path(), &idx, "ceasefire"), 0);
    let (r, v) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(v["total_articles"].as_u64(), Some(2), "{v}");
    assert_eq!(count(tmp.path(), &idx, "ceasefire"), 1);
    // The same mapping again: nothing to read.
    let (_, v) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(v["files_unchanged"].as_u64(), Some(1), "{v}");
}
