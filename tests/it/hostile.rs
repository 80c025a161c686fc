//! Hostile and odd input: a 1 GB line, deep nesting, gzip bombs, a 10 MB CSV field, megabytes
//! of scripts, names that are not UTF-8, many tiny files. Each bad file or record is skipped
//! with `path[:line]: reason`, memory stays bounded, everything else is indexed.

use std::io::Write;

use crate::util::*;

fn good(title: &str) -> String {
    serde_json::json!({
        "title": title,
        "body": format!("{title}: envoys met in Geneva to discuss a ceasefire and the sanctions relief that might follow it."),
        "date": "2025-08-15", "outlet": "Atlantic Wire"
    })
    .to_string()
}

#[test]
fn a_one_gigabyte_line_is_skipped_in_bounded_memory() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut f = std::fs::File::create(corpus.join("dump.jsonl")).unwrap();
    writeln!(f, "{}", good("Before the long line")).unwrap();
    f.write_all(br#"{"title": "endless", "body": ""#).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..1024 {
        f.write_all(&chunk).unwrap();
    }
    f.write_all(b"\"}\n").unwrap();
    writeln!(f, "{}", good("After the long line")).unwrap();
    drop(f);
    // And the same line as a plain-text file (read whole: above the file limit).
    let mut t = std::fs::File::create(corpus.join("dump.txt")).unwrap();
    for _ in 0..300 {
        t.write_all(&chunk).unwrap();
    }
    drop(t);

    let idx = tmp.path().join("idx");
    let (r, rss) = index_measured(tmp.path(), &idx, &corpus, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "dump.jsonl:2: line of 1 GB is above the record limit of 8 MB; raise --max-record-size"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("dump.txt: file of 300 MB is above the limit of 256 MB for files read whole"),
        "{}",
        r.stderr
    );
    assert_eq!(count(tmp.path(), &idx, "ceasefire"), 2);
    if let Some(mb) = rss.map(|kb| kb / 1024) {
        eprintln!("peak RSS with a 1 GB line: {mb} MB");
        assert!(mb < 400, "memory not bounded: {mb} MB for a 1 GB line");
    }
}

#[test]
fn gzip_bombs_deep_nesting_and_huge_fields_are_skipped_and_the_rest_indexed() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let gz = |name: &str, parts: &mut dyn FnMut(&mut dyn Write)| {
        let f = std::fs::File::create(corpus.join(name)).unwrap();
        let mut e = flate2::write::GzEncoder::new(f, flate2::Compression::best());
        parts(&mut e);
        e.finish().unwrap();
    };
    let spaces = vec![b' '; 1 << 20];
    // 1 GB of spaces in a JSON string: read whole, it would unpack past the file limit.
    gz("bomb.json.gz", &mut |w| {
        w.write_all(br#"{"title": "bomb", "body": ""#).unwrap();
        for _ in 0..1024 {
            w.write_all(&spaces).unwrap();
        }
        w.write_all(b"\"}").unwrap();
    });
    // A streamed one: a good record, a 1 GB line, a good record.
    gz("bomb.jsonl.gz", &mut |w| {
        writeln!(w, "{}", good("Before the bomb")).unwrap();
        w.write_all(br#"{"title": "bomb", "body": ""#).unwrap();
        for _ in 0..1024 {
            w.write_all(&spaces).unwrap();
        }
        w.write_all(b"\"}\n").unwrap();
        writeln!(w, "{}", good("After the bomb")).unwrap();
    });
    // Nesting far past any parser's recursion limit, as a file and as one JSON Lines record.
    write(
        &corpus,
        "deep.json",
        format!("{}{}", "[".repeat(200_000), "]".repeat(200_000)),
    );
    write(
        &corpus,
        "deep-line.jsonl",
        format!(
            "{}\n{{\"body\": {}\"x\"{}}}\n{}\n",
            good("First line"),
            "[".repeat(100_000),
            "]".repeat(100_000),
            good("Third line")
        ),
    );
    // Reasonable nesting (paragraph lists) is still read.
    write(
        &corpus,
        "nested.json",
        serde_json::json!({"title": "Nested paragraphs", "outlet": "Atlantic Wire",
            "body": [["Envoys discussed a ceasefire in Geneva."], ["Sanctions relief was on the table."]]})
        .to_string(),
    );
    // A CSV with a 10 MB field between two good rows.
    let mut csv = String::from("title,body,date\n");
    csv.push_str("Row one,Envoys met to discuss a ceasefire in Geneva on Monday.,2025-08-01\n");
    csv.push_str(&format!(
        "Huge row,\"{}\",2025-08-02\n",
        "word ".repeat(2 << 20)
    ));
    csv.push_str("Row three,Diplomats said the ceasefire talks would resume.,2025-08-03\n");
    write(&corpus, "wide.csv", csv);
    // Ten megabytes of scripts around a short article.
    let mut html = String::from("<html><head><title>Scripted page</title>");
    for i in 0..200 {
        html.push_str(&format!(
            "<script>var blob{i} = '{}';</script>",
            "q".repeat(50_000)
        ));
    }
    html.push_str("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": \"2025-08-15\"}</script>");
    html.push_str("</head><body><nav><a href='/'>Home</a></nav><article><h1>Scripted page</h1>");
    for _ in 0..4 {
        html.push_str("<p>Envoys met in Geneva on Monday to discuss a ceasefire, and the talks ran late into the night as both delegations argued over the sequence of steps.</p>");
    }
    html.push_str("</article></body></html>");
    write(&corpus, "scripted.html", html);

    let idx = tmp.path().join("idx");
    let (r, rss) = index_measured(tmp.path(), &idx, &corpus, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    for needle in [
        "bomb.json.gz: unpacks to more than 256 MB (a gzip bomb, or a file to split); raise --max-file-size",
        "bomb.jsonl.gz:2: line of 1 GB is above the record limit of 8 MB",
        "deep.json:1: invalid JSON: recursion limit exceeded",
        "deep-line.jsonl:2: invalid JSON: recursion limit exceeded",
        "wide.csv:3: article text of 10 MB is above the record limit of 8 MB; raise --max-record-size",
    ] {
        assert!(r.stderr.contains(needle), "missing {needle:?} in:\n{}", r.stderr);
    }
    assert_eq!(skipped_for(&v, "too large"), 3, "{v}");
    assert_eq!(skipped_for(&v, "malformed"), 2, "{v}");
    // bomb.jsonl.gz 2, deep-line 2, nested 1, wide.csv 2, scripted 1.
    assert_eq!(v["indexed"], 8, "{v}");
    assert_eq!(count(tmp.path(), &idx, "title:\"scripted page\""), 1);
    assert_eq!(
        count(tmp.path(), &idx, "qqqqqqqqqq*"),
        0,
        "script text indexed"
    );
    assert_eq!(count(tmp.path(), &idx, "\"sanctions relief\""), 5);
    if let Some(mb) = rss.map(|kb| kb / 1024) {
        eprintln!("peak RSS: {mb} MB");
        assert!(mb < 800, "memory not bounded: {mb} MB");
    }

    // Raised limits apply on the next run without --rebuild: the CSV row is read now.
    let (r, v) = index_json(tmp.path(), &idx, &[&corpus], &["--max-record-size", "16M"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(v["total_articles"], 9, "{v}");
    assert_eq!(count(tmp.path(), &idx, "title:\"huge row\""), 1);
}

#[test]
fn size_flags_are_checked_and_documented_in_the_message() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    write(&corpus, "a.json", good("Small enough"));
    write(
        &corpus,
        "b.txt",
        format!("Too big\n\n{}", "Envoys met again. ".repeat(200)),
    );
    let idx = tmp.path().join("idx");
    let (r, v) = index_json(tmp.path(), &idx, &[&corpus], &["--max-file-size", "2K"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("b.txt: file of 3.5 KB is above the limit of 2 KB for files read whole"),
        "{}",
        r.stderr
    );
    assert_eq!(v["total_articles"], 1);
    // Same limits, unchanged files: not read again, still reported by stats.
    let (r, v) = index_json(tmp.path(), &idx, &[&corpus], &["--max-file-size", "2K"]);
    assert_eq!(
        (r.code, v["indexed"].as_u64()),
        (0, Some(0)),
        "{}",
        r.stderr
    );
    // Default limits: the text file is read.
    let (r, v) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(v["total_articles"], 2, "{v}");
    for bad in ["lots", "0", "-3M"] {
        let r = run_ix(
            tmp.path(),
            &idx,
            &[
                "index",
                &format!("--max-record-size={bad}"),
                corpus.to_str().unwrap(),
            ],
        );
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("invalid size"), "{}", r.stderr);
    }
    // HTML has its own, lower limit: a page's DOM takes many times its size.
    let mut page = String::from("<html><head><title>Div soup</title></head><body>");
    for i in 0..40_000 {
        page.push_str(&format!(
            "<div class=\"c{}\"><span>cell {i}</span></div>",
            i % 50
        ));
    }
    page.push_str("<article><p>Envoys met in Geneva to discuss a ceasefire on Monday, and the talks ran late into the night as both delegations argued.</p></article></body></html>");
    write(&corpus, "soup.html", &page);
    let (r, v) = index_json(tmp.path(), &idx, &[&corpus], &["--max-html-size", "1M"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("soup.html: HTML page of 1.7 MB is above the limit of 1 MB for HTML"),
        "{}",
        r.stderr
    );
    assert_eq!(v["total_articles"], 2, "{v}");
    let (_, v) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(v["total_articles"], 3, "the default limit reads it: {v}");
    std::fs::remove_file(corpus.join("soup.html")).unwrap();
    // attache.toml [limits] works like the flags.
    write(
        tmp.path(),
        "attache.toml",
        "[limits]\nmax_file_size = \"1K\"\n",
    );
    let idx2 = tmp.path().join("idx2");
    let (r, v) = index_json(tmp.path(), &idx2, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(v["total_articles"], 1, "{v}: {}", r.stderr);
    assert!(r.stderr.contains("above the limit of 1 KB"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_indexed_and_reported() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-latin1.json");
    std::fs::write(corpus.join(name), good("Latin-1 name")).unwrap();
    let bad = std::ffi::OsStr::from_bytes(b"r\xe9sum\xe9.json");
    std::fs::write(corpus.join(bad), "{ not json").unwrap();
    let idx = tmp.path().join("idx");
    let (r, v) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(v["indexed"], 1, "{v}");
    assert!(
        r.stderr.contains("r\u{FFFD}sum\u{FFFD}.json"),
        "{}",
        r.stderr
    );
    // Unchanged on the next run (the lossy name is a stable key).
    let (_, v) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(v["files_unchanged"], 2, "{v}");
}

#[test]
fn many_tiny_files() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    let n = 20_000;
    for i in 0..n {
        write(
            &corpus,
            &format!("d{}/{i}.txt", i % 100),
            format!("Note {i}\n\nShort item {i} about the ceasefire."),
        );
    }
    let idx = tmp.path().join("idx");
    let (r, rss) = index_measured(tmp.path(), &idx, &corpus, &["--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(count(tmp.path(), &idx, "ceasefire"), n);
    if let Some(mb) = rss.map(|kb| kb / 1024) {
        eprintln!("peak RSS for {n} tiny files: {mb} MB");
    }
    let (_, v) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(v["files_unchanged"], n, "{v}");
}

/// Texts dense with entity mentions, quotes, quote marks, topic words and lines: the extractors
/// stay linear. Before, a list of 600,000 names took minutes, 80,000 quoted lines 20 s and dense
/// topic words 6 s: each new item was checked against every earlier one.
#[test]
fn mention_dense_and_quote_dense_texts_are_indexed() {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    write(
        &corpus,
        "names.txt",
        format!(
            "Names\n\n{}",
            "Zelensky Putin Trump Witkoff NATO Kyiv said ".repeat(40_000)
        ),
    );
    write(
        &corpus,
        "quotes.txt",
        format!(
            "Quotes\n\n{}",
            "\"We will not accept this proposal today,\" said Putin. ".repeat(20_000)
        ),
    );
    write(
        &corpus,
        "marks.txt",
        format!("Marks\n\n{}", "«„“‘".repeat(100_000)),
    );
    write(
        &corpus,
        "topics.txt",
        format!(
            "Topics\n\n{}",
            "ceasefire sanctions security guarantees peace talks truce embargo ".repeat(40_000)
        ),
    );
    write(
        &corpus,
        "lines.txt",
        format!(
            "Lines\n\n{}",
            "Putin said \"we will see about that soon enough\" he added.\n".repeat(40_000)
        ),
    );
    let idx = tmp.path().join("idx");
    let (r, v) = index_json(tmp.path(), &idx, &[&corpus], &[]);
    assert_eq!(
        (r.code, v["indexed"].as_u64()),
        (0, Some(5)),
        "{}",
        r.stderr
    );
    let r = run_ix(
        tmp.path(),
        &idx,
        &["search", "*", "--person", "vladimir-putin", "--count"],
    );
    assert_eq!(r.stdout.trim(), "3", "{}", r.stderr);
    let r = run_ix(
        tmp.path(),
        &idx,
        &["search", "*", "--topic", "ceasefire", "--count"],
    );
    assert_eq!(r.stdout.trim(), "1", "{}", r.stderr);
    let r = run_ix(
        tmp.path(),
        &idx,
        &["quotes", "--speaker", "putin", "--format", "json"],
    );
    assert_eq!(r.code, 0, "no quote by Putin found: {}", r.stderr);
}
