//! Bad input: every broken file or record is reported on stderr as `PATH[:LINE]: reason`,
//! counted in the summary under its reason, and everything else is indexed
//! (`records_seen == indexed + skipped`); `--strict` turns any skip into exit code 2.
//!
//! Each test builds its own corpus in a fresh temp dir, next to 1–3 good articles, and indexes
//! it into its own index.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{
    index_json, index_measured, run_ix, skipped, skipped_for, tempdir, write, Rng, Run,
};

// ---------------------------------------------------------------------------------------------
// Helpers

/// Three good articles, each with one word no other file in these tests uses.
const GOOD: [(&str, &str, &str); 3] = [
    (
        "good-1.txt",
        "albatross",
        "Envoys meet in Geneva\n\nDiplomats from both delegations met in Geneva on Tuesday to discuss \
         the albatross clause of the draft agreement, which covers prisoner exchanges and the \
         reopening of grain corridors, officials said after the talks ended late in the evening.\n",
    ),
    (
        "good-2.txt",
        "marmalade",
        "Ministers weigh new sanctions\n\nForeign ministers gathered in Brussels weighed a fresh round \
         of sanctions on Wednesday, while one delegate joked that the marmalade diplomacy of the \
         summer had produced more breakfasts than results for the negotiators involved.\n",
    ),
    (
        "good-3.txt",
        "zeppelin",
        "Summit venue announced\n\nThe organisers announced that the summit would take place in a \
         former zeppelin hangar outside the capital, citing security and the need for a large \
         neutral space where both delegations could meet without the press corps nearby.\n",
    ),
];

/// Writes the first `n` good articles into `dir` and returns their search words.
fn good(dir: &Path, n: usize) -> Vec<&'static str> {
    GOOD[..n]
        .iter()
        .map(|(name, word, text)| {
            write(dir, name, text);
            *word
        })
        .collect()
}

/// A temp dir with an empty `corpus` folder; the index goes to `idx` beside it.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempdir();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let idx = tmp.path().join("idx");
    (tmp, corpus, idx)
}

fn u(summary: &Value, key: &str) -> u64 {
    summary[key]
        .as_u64()
        .unwrap_or_else(|| panic!("summary has no number `{key}`: {summary}"))
}

/// `search QUERY --count`.
fn hits(cwd: &Path, idx: &Path, query: &str) -> u64 {
    let r = run_ix(cwd, idx, &["search", query, "--count"]);
    let n: u64 = r.stdout.trim().parse().unwrap_or_else(|e| {
        panic!(
            "search {query:?} --count printed {:?} ({e}); stderr: {}",
            r.stdout, r.stderr
        )
    });
    assert_eq!(
        r.code,
        if n > 0 { 0 } else { 1 },
        "search {query:?} --count exit code; stderr: {}",
        r.stderr
    );
    n
}

/// stderr lines starting with `what: ` (`skipped` or `warning`).
fn lines<'a>(r: &'a Run, what: &str) -> Vec<&'a str> {
    let prefix = format!("{what}: ");
    r.stderr
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .collect()
}

/// The stderr line `what: …/NAME[:LINE]: reason`, e.g. `reported(&r, "skipped", "feed.jsonl:3")`.
fn reported<'a>(r: &'a Run, what: &str, name: &str) -> &'a str {
    let needle = format!("/{name}: ");
    lines(r, what)
        .into_iter()
        .find(|l| l.contains(&needle))
        .unwrap_or_else(|| panic!("stderr has no `{what}: …{needle}` line:\n{}", r.stderr))
}

/// What every run must satisfy, whatever the input.
fn invariants(r: &Run, s: &Value) {
    let ctx = format!("summary: {s}\nstderr:\n{}", r.stderr);
    assert_eq!(
        u(s, "records_seen"),
        u(s, "indexed") + skipped(s),
        "records_seen = indexed + skipped; {ctx}"
    );
    assert_eq!(u(s, "indexed"), u(s, "new") + u(s, "updated"), "{ctx}");
    assert_eq!(
        lines(r, "skipped").len() as u64,
        skipped(s),
        "each skipped record is reported once on stderr; {ctx}"
    );
    assert_eq!(
        lines(r, "warning").len() as u64,
        u(s, "warnings"),
        "each warning is reported once on stderr; {ctx}"
    );
    for e in s["skipped"].as_array().expect("skipped is a list") {
        assert!(
            e["records"].as_u64().unwrap() >= e["files"].as_u64().unwrap()
                && e["files"].as_u64().unwrap() > 0,
            "{ctx}"
        );
    }
}

/// Indexes `corpus` into `idx`, checks the invariants and the exit code (0: skips are not errors
/// without `--strict`), and returns the run and its summary.
fn index_ok(cwd: &Path, idx: &Path, corpus: &Path) -> (Run, Value) {
    let (r, s) = index_json(cwd, idx, &[corpus], &[]);
    assert_eq!(
        r.code, 0,
        "index exit code; stdout: {}\nstderr: {}",
        r.stdout, r.stderr
    );
    invariants(&r, &s);
    (r, s)
}

/// The same corpus with `--strict` into a fresh index: exit 2, the same counts, and the good
/// articles still indexed and committed.
fn strict_fails(cwd: &Path, corpus: &Path, expect: &Value, word: &str) {
    let idx = cwd.join("idx-strict");
    let (r, s) = index_json(cwd, &idx, &[corpus], &["--strict"]);
    assert_eq!(
        r.code, 2,
        "--strict with skipped records must exit 2; stderr: {}",
        r.stderr
    );
    invariants(&r, &s);
    assert!(
        r.stderr.contains("--strict"),
        "the --strict error says why: {}",
        r.stderr
    );
    for key in ["indexed", "records_seen", "warnings"] {
        assert_eq!(s[key], expect[key], "`{key}` with --strict");
    }
    assert_eq!(s["skipped"], expect["skipped"], "skips with --strict");
    assert_eq!(
        hits(cwd, &idx, word),
        1,
        "good articles are indexed (and committed) under --strict too"
    );
}

fn assert_skips(s: &Value, expected: &[(&str, u64)]) {
    for (reason, n) in expected {
        assert_eq!(
            skipped_for(s, reason),
            *n,
            "skipped records for {reason:?}: {s}"
        );
    }
    let total: u64 = expected.iter().map(|e| e.1).sum();
    assert_eq!(skipped(s), total, "no other skips: {s}");
}

// ---------------------------------------------------------------------------------------------
// 1. Binary files

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x5c\x72\xa8\x66\0\0\0\x04sBIT\x08\x08\x08\x08\x7c\x08\x64\x88\0\0\0\x19tEXtSoftware\0www.inkscape.org\x9b\xee\x3c\x1a\0\0 \0IDATx\x9c\xec\xbdy\x9c\x1c\x57\x99";

#[test]
fn binary_file_with_txt_extension_and_without_extension() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    write(&corpus, "x.txt", PNG);
    write(&corpus, "noext", PNG);

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}");
    assert_skips(&s, &[("binary", 2)]);
    assert_eq!(s["skipped"][0]["files"], 2);
    assert_eq!(u(&s, "records_seen"), 4);
    assert_eq!(u(&s, "warnings"), 0);
    assert!(
        reported(&r, "skipped", "x.txt").contains("binary"),
        "{}",
        r.stderr
    );
    assert!(
        reported(&r, "skipped", "noext").contains("binary"),
        "{}",
        r.stderr
    );
    for w in &words {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    assert_eq!(
        hits(tmp.path(), &idx, "inkscape"),
        0,
        "nothing of the binary is indexed"
    );
    strict_fails(tmp.path(), &corpus, &s, words[0]);
}

// ---------------------------------------------------------------------------------------------
// 2. Invalid UTF-8 and legacy encodings

#[test]
fn stray_invalid_byte_in_utf8_article_is_indexed_with_a_warning() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    let mut bytes =
        "Talks resume in Montreux\n\nNegotiators returned to Montreux on Thursday — the \
        third round since the Geneva summit — and said the “humanitarian pause” agreed last week \
        was holding. Kyiv’s delegation brought a revised map; Moscow’s envoy called it “a basis”. "
            .as_bytes()
            .to_vec();
    bytes.push(0xC3); // a lone lead byte, then ASCII: invalid UTF-8
    bytes.extend_from_slice(
        b" The mediators expect a communique about the lighthouse corridor by Friday.\n",
    );
    write(&corpus, "stray.txt", &bytes);

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(
        u(&s, "indexed"),
        2,
        "repaired text is indexed, not skipped: {s}"
    );
    assert_skips(&s, &[]);
    assert_eq!(u(&s, "warnings"), 1, "{s}");
    let w = reported(&r, "warning", "stray.txt");
    assert!(w.contains("UTF-8"), "{w}");
    // Text before and after the bad byte is searchable, and the UTF-8 around it decoded right.
    assert_eq!(hits(tmp.path(), &idx, "montreux"), 1);
    assert_eq!(hits(tmp.path(), &idx, "lighthouse"), 1);
    assert_eq!(hits(tmp.path(), &idx, "\"humanitarian pause\""), 1);
    assert_eq!(hits(tmp.path(), &idx, words[0]), 1);
    // A warning is not a skip: --strict passes.
    let (r2, s2) = index_json(
        tmp.path(),
        &tmp.path().join("idx-strict"),
        &[&corpus],
        &["--strict"],
    );
    assert_eq!(
        r2.code, 0,
        "a repaired file is not a skip; stderr: {}",
        r2.stderr
    );
    assert_eq!(u(&s2, "warnings"), 1);
}

/// A typical mix-up: UTF-8 text with one Windows-1252 curly apostrophe (0x92) pasted in, and
/// only a few other non-ASCII characters. The UTF-8 characters must survive (not become
/// mojibake such as `â€™`), and the damage must be reported.
#[test]
fn utf8_article_with_a_stray_cp1252_quote_keeps_its_utf8() {
    let (tmp, corpus, idx) = setup();
    good(&corpus, 1);
    let mut bytes =
        "Kyiv’s envoy — speaking in Ankara — said the talks on the Zaporizhzhia plant would \
        continue next week. "
            .as_bytes()
            .to_vec();
    bytes.extend_from_slice(
        b"The IAEA\x92s inspectors are expected to visit the turbine halls on Monday.\n",
    );
    write(&corpus, "mixed.txt", &bytes);

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}");
    assert_skips(&s, &[]);
    assert_eq!(hits(tmp.path(), &idx, "Ankara"), 1);
    assert_eq!(
        hits(tmp.path(), &idx, "Kyiv"),
        1,
        "`Kyiv’s` is found as Kyiv"
    );
    assert_eq!(
        u(&s, "warnings"),
        1,
        "the invalid byte is reported as a warning: {s}\nstderr: {}",
        r.stderr
    );
    reported(&r, "warning", "mixed.txt");
    let out = run_ix(tmp.path(), &idx, &["search", "turbine", "--format", "json"]);
    let hit = &out.json()["hits"][0];
    let snippet = hit["snippet"].as_str().unwrap_or_default();
    let shown = run_ix(
        tmp.path(),
        &idx,
        &["show", hit["id"].as_str().unwrap(), "--format", "json"],
    );
    let body = shown.json()["body"].as_str().unwrap().to_string();
    assert!(
        body.contains("Kyiv’s envoy — speaking"),
        "UTF-8 decoded as UTF-8: {body:?} (snippet {snippet:?})"
    );
}

fn encoded(enc: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = enc.encode(text);
    assert_eq!(used, enc, "{} can encode", enc.name());
    assert!(!unmappable, "{} can encode the text", enc.name());
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the bytes are not UTF-8"
    );
    bytes.into_owned()
}

#[test]
fn windows_1251_and_koi8r_russian_articles_are_decoded() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    let cp1251 =
        "Переговоры в Анкоридже\n\nПрезидент России заявил, что переговоры на Аляске были \
        полезными и откровенными. По его словам, стороны обсудили гарантии безопасности, обмен \
        пленными и восстановление зернового коридора. Следующая встреча может пройти в Москве.\n";
    let koi8 =
        "Министры встретились в Женеве\n\nМинистры иностранных дел провели переговоры в Женеве \
        и договорились продолжить консультации. Дипломаты отметили, что вопрос о перемирии \
        остаётся главным, а санкции будут обсуждаться отдельно на следующей неделе.\n";
    write(
        &corpus,
        "ru-cp1251.txt",
        encoded(encoding_rs::WINDOWS_1251, cp1251),
    );
    write(&corpus, "ru-koi8r.txt", encoded(encoding_rs::KOI8_R, koi8));

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 3, "{s}\nstderr: {}", r.stderr);
    assert_skips(&s, &[]);
    assert_eq!(
        u(&s, "warnings"),
        0,
        "a legacy encoding decoded cleanly is not a warning: {}",
        r.stderr
    );
    assert_eq!(
        hits(tmp.path(), &idx, "переговоры"),
        2,
        "shared word in both encodings"
    );
    assert_eq!(hits(tmp.path(), &idx, "Аляске"), 1, "Windows-1251 article");
    assert_eq!(hits(tmp.path(), &idx, "Женеве"), 1, "KOI8-R article");
    assert_eq!(hits(tmp.path(), &idx, "перемирии"), 1, "KOI8-R article");
    assert_eq!(hits(tmp.path(), &idx, words[0]), 1);
    let stats = run_ix(tmp.path(), &idx, &["stats", "--format", "json"]).json();
    let ru = stats["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["lang"] == "ru");
    assert_eq!(
        ru.map(|l| l["articles"].clone()),
        Some(2.into()),
        "both detected as Russian: {stats}"
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Empty files

#[test]
fn empty_files_are_skipped_as_empty() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    write(&corpus, "empty.txt", "");
    write(&corpus, "blank.jsonl", " \n\n\t\n");
    write(&corpus, "empty.md", "");

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}");
    assert_skips(&s, &[("empty", 3)]);
    assert_eq!(s["skipped"][0]["files"], 3);
    for name in ["empty.txt", "blank.jsonl", "empty.md"] {
        assert!(
            reported(&r, "skipped", name).contains("empty"),
            "{}",
            r.stderr
        );
    }
    for w in &words {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    strict_fails(tmp.path(), &corpus, &s, words[0]);
}

// ---------------------------------------------------------------------------------------------
// 4. Truncated JSON

#[test]
fn truncated_json_is_malformed() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    write(&corpus, "trunc.json", r#"{"title": "x", "body": "abc"#);

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}");
    assert_skips(&s, &[("malformed", 1)]);
    assert_eq!(u(&s, "records_seen"), 3);
    let line = reported(&r, "skipped", "trunc.json:1");
    assert!(line.contains("invalid JSON"), "{line}");
    for w in &words {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    assert_eq!(hits(tmp.path(), &idx, "abc"), 0);
    strict_fails(tmp.path(), &corpus, &s, words[0]);
}

// ---------------------------------------------------------------------------------------------
// 5. JSON Lines with broken lines among good ones

#[test]
fn jsonl_broken_lines_are_reported_by_line_and_the_rest_indexed() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    let rec = |title: &str, body: &str| {
        serde_json::json!({"title": title, "body": body, "date": "2025-08-17"}).to_string()
    };
    let feed = [
        rec("Ceasefire holds", "The ceasefire along the river held overnight, observers with the pelican mission said."), // 1
        rec("Grain ships sail", "Two grain ships left the port at dawn under the watch of the cormorant patrol."), // 2
        r#"{"title": "Cut off", "body": "this line was trunc"#.to_string(), // 3: broken
        rec("Talks in Doha", "Mediators in Doha said the heron proposal would be tabled on Friday."), // 4
        String::new(), // 5: blank, not a record
        "[1, 2, 3]".to_string(), // 6: JSON, but not an object
        r#"{"title": "A title and nothing else"}"#.to_string(), // 7: no text
        rec("Sanctions extended", "The council extended sanctions for six months, the flamingo memo showed."), // 8
    ]
    .join("\n")
        + "\n";
    write(&corpus, "feed.jsonl", feed);

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(
        u(&s, "indexed"),
        5,
        "4 good lines + 1 good article: {s}\nstderr: {}",
        r.stderr
    );
    assert_skips(&s, &[("malformed", 2), ("no text", 1)]);
    assert_eq!(u(&s, "records_seen"), 8);
    assert!(
        reported(&r, "skipped", "feed.jsonl:3").contains("invalid JSON"),
        "{}",
        r.stderr
    );
    reported(&r, "skipped", "feed.jsonl:6");
    assert!(
        reported(&r, "skipped", "feed.jsonl:7").contains("no article text"),
        "{}",
        r.stderr
    );
    for w in ["pelican", "cormorant", "heron", "flamingo", words[0]] {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    assert_eq!(hits(tmp.path(), &idx, "trunc"), 0);
    strict_fails(tmp.path(), &corpus, &s, "heron");
}

// ---------------------------------------------------------------------------------------------
// 6. CSV with a short (and a long) row

#[test]
fn csv_rows_with_wrong_column_count_are_reported_by_line() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    let csv = "title,date,body\n\
        Envoy visits Kyiv,2025-08-20,\"The envoy arrived by train; the walrus\n\
        talks begin tomorrow.\"\n\
        Short row,2025-08-21\n\
        Summit postponed,2025-08-22,The summit was postponed because of the narwhal dispute.\n\
        Too,many,columns,here\n\
        Prisoners exchanged,2025-08-23,Both sides exchanged prisoners at the manatee crossing.\n";
    // line 1 header; 2–3 a row with a quoted line break; 4 short; 5 good; 6 long; 7 good
    write(&corpus, "rows.csv", csv);

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(
        u(&s, "indexed"),
        4,
        "3 good rows + 1 good article: {s}\nstderr: {}",
        r.stderr
    );
    assert_skips(&s, &[("malformed", 2)]);
    assert_eq!(u(&s, "records_seen"), 6);
    let short = reported(&r, "skipped", "rows.csv:4");
    assert!(
        short.contains("2 fields") && short.contains("header has 3"),
        "{short}"
    );
    reported(&r, "skipped", "rows.csv:6");
    for w in ["walrus", "narwhal", "manatee", words[0]] {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    strict_fails(tmp.path(), &corpus, &s, "narwhal");
}

// ---------------------------------------------------------------------------------------------
// 7. HTML with no article text

const ARTICLE_PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Envoy says Russia agreed to guarantees | The Harbour Chronicle</title>
<meta property="og:site_name" content="The Harbour Chronicle">
<meta property="article:published_time" content="2025-08-17T16:00:00+01:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Envoy says Russia agreed to guarantees</h1>
<p>The US special envoy said on Sunday that Russia had agreed the United States and its European allies could offer Ukraine a security guarantee resembling the kestrel formula.</p>
<p>“It was the first time we had heard the Russians agree to that,” he told a television interviewer, calling it a game-changing concession.</p>
<p>Officials in Kyiv welcomed the remarks but said the details of any guarantee remained unclear and would be discussed in Washington on Monday.</p>
</article>
<footer>© The Harbour Chronicle. All rights reserved.</footer>
</body></html>"#;

#[test]
fn html_with_only_navigation_is_no_text() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    write(&corpus, "story.html", ARTICLE_PAGE);
    write(
        &corpus,
        "nav.html",
        r#"<!doctype html><html><head><title>Home | The Harbour Chronicle</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
<footer><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a> · © The Harbour Chronicle</footer>
</body></html>"#,
    );
    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}\nstderr: {}", r.stderr);
    assert_skips(&s, &[("no text", 1)]);
    assert!(
        reported(&r, "skipped", "nav.html").contains("no article text"),
        "{}",
        r.stderr
    );
    assert_eq!(hits(tmp.path(), &idx, "kestrel"), 1);
    assert_eq!(hits(tmp.path(), &idx, words[0]), 1);
    assert_eq!(hits(tmp.path(), &idx, "subscribe"), 0);
    strict_fails(tmp.path(), &corpus, &s, "kestrel");
}

/// A page that is nothing but a menu of section links, written as plain `<div>`s (no `<nav>`
/// element), as on many older sites: it holds no article either.
#[test]
fn html_menu_of_links_without_nav_element_is_no_text() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    write(&corpus, "story.html", ARTICLE_PAGE);
    // A menu made of plain divs of links (no <nav>), as on many older sites.
    let menu: String = [
        "Home",
        "World",
        "Europe",
        "Americas",
        "Asia",
        "Africa",
        "Middle East",
        "Politics",
        "Business",
        "Markets",
        "Technology",
        "Science",
        "Health",
        "Sport",
        "Culture",
        "Opinion",
        "Weather",
        "Podcasts",
    ]
    .iter()
    .map(|s| {
        format!(
            "<div class=\"menu-item\"><a href=\"/{}\">{s}</a></div>\n",
            s.to_lowercase().replace(' ', "-")
        )
    })
    .collect();
    write(
        &corpus,
        "menu.html",
        format!("<html><head><title>Sections</title></head><body><div id=\"header\">\n{menu}</div></body></html>"),
    );

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(
        hits(tmp.path(), &idx, "podcasts"),
        0,
        "the menu is not indexed as text"
    );
    assert_eq!(u(&s, "indexed"), 2, "{s}\nstderr: {}", r.stderr);
    assert_skips(&s, &[("no text", 1)]);
    assert!(
        reported(&r, "skipped", "menu.html").contains("no article text"),
        "{}",
        r.stderr
    );
    assert_eq!(hits(tmp.path(), &idx, "kestrel"), 1);
    assert_eq!(hits(tmp.path(), &idx, words[0]), 1);
}

// ---------------------------------------------------------------------------------------------
// 8. Markdown front matter that is not valid YAML

#[test]
fn markdown_with_invalid_front_matter_is_malformed() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    write(
        &corpus,
        "ok.md",
        "---\ntitle: Gipfel in Alaska\ndate: 2025-08-15\noutlet: Abendpost\n---\nDer Gipfel in Anchorage endete ohne \
         Einigung, aber mit einer Einladung nach Moskau, sagte der Sprecher der Delegation am Abend.\n",
    );
    write(
        &corpus,
        "bad-yaml.md",
        "---\ntitle: [unclosed\n  date: : :\n---\nThis body mentions the quokka accord but must not be indexed.\n",
    );
    write(
        &corpus,
        "unclosed.md",
        "---\ntitle: Never closed\ndate: 2025-08-16\nThe wombat report.\n",
    );

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}\nstderr: {}", r.stderr);
    assert_skips(&s, &[("malformed", 2)]);
    assert!(
        reported(&r, "skipped", "bad-yaml.md").contains("YAML"),
        "{}",
        r.stderr
    );
    assert!(
        reported(&r, "skipped", "unclosed.md").contains("never closed"),
        "{}",
        r.stderr
    );
    assert_eq!(hits(tmp.path(), &idx, "Anchorage"), 1);
    assert_eq!(hits(tmp.path(), &idx, words[0]), 1);
    assert_eq!(hits(tmp.path(), &idx, "quokka"), 0);
    strict_fails(tmp.path(), &corpus, &s, "Anchorage");
}

// ---------------------------------------------------------------------------------------------
// 9. A ~100 MB JSON Lines file, streamed with bounded memory

const VOCAB: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "on",
    "that",
    "for",
    "with",
    "was",
    "as",
    "by",
    "at",
    "minister",
    "foreign",
    "talks",
    "ceasefire",
    "sanctions",
    "summit",
    "delegation",
    "envoy",
    "treaty",
    "border",
    "security",
    "guarantee",
    "negotiations",
    "officials",
    "government",
    "president",
    "council",
    "agreement",
    "proposal",
    "withdrawal",
    "troops",
    "region",
    "humanitarian",
    "corridor",
    "grain",
    "export",
    "prisoners",
    "exchange",
    "statement",
    "spokesman",
    "embassy",
    "ambassador",
    "parliament",
    "vote",
    "referendum",
    "election",
    "coalition",
    "opposition",
    "protest",
    "capital",
    "ministry",
    "defence",
    "energy",
    "pipeline",
    "gas",
    "oil",
    "prices",
    "markets",
    "inflation",
    "budget",
    "aid",
    "package",
    "reconstruction",
    "infrastructure",
    "drone",
    "missile",
    "strike",
    "overnight",
    "village",
    "city",
    "residents",
    "evacuation",
    "monitors",
    "observers",
    "mission",
    "inspectors",
    "nuclear",
    "plant",
    "reactor",
    "power",
    "shelling",
    "front",
    "line",
    "offensive",
    "counteroffensive",
    "artillery",
    "alliance",
    "partners",
    "allies",
    "leaders",
    "meeting",
    "conference",
    "press",
    "reporters",
    "interview",
    "television",
    "radio",
    "newspaper",
    "correspondent",
    "analysts",
    "experts",
    "diplomats",
    "sources",
    "familiar",
    "matter",
    "condition",
    "anonymity",
    "week",
    "month",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "morning",
    "evening",
    "late",
    "early",
    "earlier",
    "later",
    "would",
    "could",
    "might",
    "should",
    "must",
    "will",
    "has",
    "have",
    "had",
    "not",
    "no",
    "yet",
    "still",
    "again",
    "further",
    "new",
    "fresh",
    "second",
    "third",
    "final",
    "draft",
    "text",
    "clause",
    "article",
    "paragraph",
    "annex",
    "map",
    "territory",
    "sovereignty",
    "integrity",
    "independence",
    "neutrality",
    "membership",
    "accession",
    "application",
    "bid",
    "request",
    "demand",
    "condition",
    "concession",
    "compromise",
    "breakthrough",
    "deadlock",
    "stalemate",
    "impasse",
    "progress",
    "setback",
    "delay",
];

fn random_word(rng: &mut Rng) -> String {
    let len = 4 + rng.below(6);
    (0..len)
        .map(|_| (b'a' + rng.below(26) as u8) as char)
        .collect()
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.below(14);
    for i in 0..n {
        let w: String = match rng.below(12) {
            0 => random_word(rng),
            1 => format!("{}", rng.below(100_000)),
            _ => VOCAB[rng.below(VOCAB.len())].to_string(),
        };
        if i == 0 {
            let mut cs = w.chars();
            out.extend(cs.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(cs.as_str());
        } else {
            out.push(' ');
            out.push_str(&w);
        }
    }
    out.push_str(". ");
}

/// Writes `n` JSON Lines records of ~2.5 KB each to `out`, plus one broken line after record
/// `broken_after` (if any). Record `marker_at` alone contains the word "zeugmatronic". With
/// `distinct_bodies`, bodies cycle through that many texts (cheap to gzip); else each is new.
fn write_records(
    out: &mut dyn Write,
    n: usize,
    broken_after: Option<usize>,
    marker_at: usize,
    distinct_bodies: Option<usize>,
) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let make_body = |rng: &mut Rng| {
        let mut body = String::with_capacity(4096);
        while body.len() < 2400 {
            sentence(rng, &mut body);
        }
        body
    };
    let cycle: Vec<String> = (0..distinct_bodies.unwrap_or(0))
        .map(|_| make_body(&mut rng))
        .collect();
    for i in 1..=n {
        let mut body = if cycle.is_empty() {
            make_body(&mut rng)
        } else {
            cycle[i % cycle.len()].clone()
        };
        if i == marker_at {
            body.push_str(" The zeugmatronic clause was mentioned only once.");
        }
        let day = 1 + i % 28;
        let title = format!(
            "Dispatch {i}: {} {} {}",
            VOCAB[rng.below(VOCAB.len())],
            random_word(&mut rng),
            VOCAB[rng.below(VOCAB.len())]
        );
        let line = serde_json::json!({
            "title": title,
            "date": format!("2025-08-{day:02}"),
            "outlet": format!("Wire {}", i % 7),
            "url": format!("https://wire{}.example/2025/08/{day:02}/dispatch-{i}", i % 7),
            "body": body,
        });
        writeln!(out, "{line}").unwrap();
        if Some(i) == broken_after {
            writeln!(
                out,
                r#"{{"title": "Dispatch cut off", "body": "the connection dropped while"#
            )
            .unwrap();
        }
    }
}

const ONE_GB_KB: u64 = 1 << 20;

#[test]
fn hundred_megabyte_jsonl_is_streamed_with_bounded_memory() {
    const N: usize = 40_000;
    const BROKEN_AFTER: usize = 20_000; // the broken line is line 20001
    const MARKER_AT: usize = 12_345;
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    let t0 = Instant::now();
    let path = corpus.join("big.jsonl");
    let mut f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).unwrap());
    write_records(&mut f, N, Some(BROKEN_AFTER), MARKER_AT, None);
    f.flush().unwrap();
    drop(f);
    let size = std::fs::metadata(&path).unwrap().len();
    eprintln!("generated {} MB in {:.1?}", size >> 20, t0.elapsed());
    assert!(size > 95 << 20 && size < 130 << 20, "~100 MB: {size}");
    assert!(
        size > attache::ingest::STREAM_ABOVE,
        "large enough to be streamed"
    );

    let (r, kb) = index_measured(tmp.path(), &idx, &corpus, &["--strict"]);
    assert_eq!(
        r.code, 2,
        "--strict with one broken line exits 2; stderr: {}",
        r.stderr
    );
    let s = r.json();
    invariants(&r, &s); // /usr/bin/time's lines start with a tab: not counted as reports
    assert_eq!(
        u(&s, "indexed"),
        N as u64 + 1,
        "every good record is indexed: {s}"
    );
    assert_skips(&s, &[("malformed", 1)]);
    assert_eq!(u(&s, "records_seen"), N as u64 + 2);
    assert_eq!(u(&s, "total_articles"), N as u64 + 1);
    assert_eq!(u(&s, "outlets"), 7, "{s}");
    assert!(
        reported(&r, "skipped", &format!("big.jsonl:{}", BROKEN_AFTER + 1))
            .contains("invalid JSON"),
        "{}",
        r.stderr
    );

    assert_eq!(hits(tmp.path(), &idx, "Dispatch"), N as u64);
    assert_eq!(hits(tmp.path(), &idx, "zeugmatronic"), 1);
    assert_eq!(hits(tmp.path(), &idx, words[0]), 1);

    if let Some(kb) = kb {
        eprintln!("peak RSS {} MB for a {} MB file", kb >> 10, size >> 20);
        assert!(
            kb < ONE_GB_KB,
            "peak RSS {} MB must stay under 1 GB",
            kb >> 10
        );
    }
}

/// A `.jsonl.gz` is JSON Lines too: a large one must be streamed like a plain one, whatever its
/// compressed size. Here 160,000 records (~420 MB of JSON Lines; bodies repeat so it gzips to a
/// few MB quickly — a real 60 MB export at 5:1 is the same case) must index in under 1 GB.
#[test]

fn large_gzipped_jsonl_is_streamed_with_bounded_memory() {
    const N: usize = 160_000;
    let (tmp, corpus, idx) = setup();
    let path = corpus.join("big.jsonl.gz");
    let t0 = Instant::now();
    let mut gz = flate2::write::GzEncoder::new(
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).unwrap()),
        flate2::Compression::default(),
    );
    write_records(&mut gz, N, None, 77, Some(4));
    gz.finish().unwrap().flush().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    eprintln!(
        "generated {} MB of gzip in {:.1?}",
        size >> 20,
        t0.elapsed()
    );
    assert!(
        size < attache::ingest::STREAM_ABOVE,
        "the case under test: compressed size under the streaming threshold ({size})"
    );

    let (r, kb) = index_measured(tmp.path(), &idx, &corpus, &[]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let s = r.json();
    invariants(&r, &s);
    assert_eq!(u(&s, "indexed"), N as u64, "{s}");
    assert_skips(&s, &[]);
    assert_eq!(hits(tmp.path(), &idx, "zeugmatronic"), 1);
    if let Some(kb) = kb {
        eprintln!("peak RSS {} MB for a {} MB .jsonl.gz", kb >> 10, size >> 20);
        assert!(
            kb < ONE_GB_KB,
            "peak RSS {} MB must stay under 1 GB",
            kb >> 10
        );
    }
}

/// Makes a JSON Lines file large enough to be streamed (> STREAM_ABOVE) by appending one line
/// of spaces, which the reader skips as blank: the records before it are what is tested.
fn pad_past_stream_threshold(path: &Path) {
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    let chunk = vec![b' '; 1 << 20];
    let mut left = attache::ingest::STREAM_ABOVE + (1 << 20);
    while left > 0 {
        f.write_all(&chunk).unwrap();
        left = left.saturating_sub(chunk.len() as u64);
    }
    f.write_all(b"\n").unwrap();
    assert!(std::fs::metadata(path).unwrap().len() > attache::ingest::STREAM_ABOVE);
}

/// Streamed JSON Lines get the same repair-and-warn as small files (case 2, large).
#[test]

fn large_jsonl_with_invalid_utf8_is_indexed_with_a_warning() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    let mut bytes = Vec::new();
    bytes.extend_from_slice(
        br#"{"title": "Heron mission", "body": "Observers of the heron mission reported a calm night along the river."}"#,
    );
    bytes.push(b'\n');
    bytes.extend_from_slice(
        "{\"title\": \"Café talks\", \"body\": \"At the café in Genève the envoys’ aides — tired — met again; "
            .as_bytes(),
    );
    bytes.push(0xFF); // invalid in UTF-8
    bytes.extend_from_slice(b" the lighthouse plan was discussed.\"}\n");
    let path = write(&corpus, "big.jsonl", &bytes);
    pad_past_stream_threshold(&path);

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 3, "{s}\nstderr: {}", r.stderr);
    assert_skips(&s, &[]);
    for w in ["heron", "lighthouse", "Genève", words[0]] {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    assert_eq!(u(&s, "warnings"), 1, "the replaced byte is a warning: {s}");
    assert!(
        reported(&r, "warning", "big.jsonl:2").contains("UTF-8"),
        "{}",
        r.stderr
    );
}

/// A UTF-8 byte-order mark is not part of the first record, streamed or not.
#[test]

fn large_jsonl_with_a_byte_order_mark_keeps_its_first_record() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    let text =
        "\u{feff}{\"title\": \"First\", \"body\": \"The heron mission reported a calm night.\"}\n\
        {\"title\": \"Second\", \"body\": \"The lighthouse plan was discussed again.\"}\n";
    let path = write(&corpus, "big.jsonl", text);
    pad_past_stream_threshold(&path);
    // The same records in a small file: the BOM is dropped.
    write(
        &corpus,
        "small.jsonl",
        text.replace("heron", "egret")
            .replace("lighthouse", "windmill"),
    );

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_skips(&s, &[]);
    assert_eq!(u(&s, "indexed"), 5, "{s}\nstderr: {}", r.stderr);
    for w in ["heron", "lighthouse", "egret", "windmill", words[0]] {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
}

/// Binary and blank files are reported once, under their reason, however large (cases 1 and 3).
#[test]

fn large_binary_or_blank_jsonl_is_reported_once() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    let big = attache::ingest::STREAM_ABOVE as usize + (1 << 20);
    let mut png = PNG.to_vec();
    png.resize(big, 0);
    write(&corpus, "image.jsonl", &png);
    write(&corpus, "blank.jsonl", vec![b' '; big]);

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}");
    for w in &words {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    assert_skips(&s, &[("binary", 1), ("empty", 1)]);
    assert!(
        reported(&r, "skipped", "image.jsonl").contains("binary"),
        "{}",
        r.stderr
    );
    assert!(
        reported(&r, "skipped", "blank.jsonl").contains("empty"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// 10. Unreadable files

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn unreadable_file_is_reported_unless_running_as_root() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    let locked = write(
        &corpus,
        "locked.txt",
        "Locked article\n\nThe ocelot memorandum was never published by the ministry.\n",
    );
    chmod(&locked, 0o000);
    let root = std::fs::read(&locked).is_ok();

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    chmod(&locked, 0o644);
    for w in &words {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    if root {
        eprintln!(
            "skipping the permission assertions: running as root, which reads a chmod 000 file"
        );
        assert_eq!(u(&s, "indexed"), 3, "{s}");
        assert_skips(&s, &[]);
        return;
    }
    assert_eq!(u(&s, "indexed"), 2, "{s}");
    assert_skips(&s, &[("unreadable", 1)]);
    assert!(
        reported(&r, "skipped", "locked.txt").contains("permission denied"),
        "{}",
        r.stderr
    );
    assert_eq!(hits(tmp.path(), &idx, "ocelot"), 0);
}

#[test]
fn unreadable_folder_is_reported_unless_running_as_root() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    write(
        &corpus,
        "locked/inside.txt",
        "Inside\n\nThe lynx dossier sits in a folder nobody can open.\n",
    );
    let folder = corpus.join("locked");
    chmod(&folder, 0o000);
    let root = std::fs::read_dir(&folder).is_ok();

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    chmod(&folder, 0o755);
    assert_eq!(hits(tmp.path(), &idx, words[0]), 1);
    if root {
        eprintln!(
            "skipping the permission assertions: running as root, which reads a chmod 000 folder"
        );
        assert_eq!(u(&s, "indexed"), 2, "{s}");
        return;
    }
    assert_eq!(u(&s, "indexed"), 1, "{s}");
    assert_skips(&s, &[("unreadable", 1)]);
    assert!(
        reported(&r, "skipped", "locked").contains("permission denied"),
        "{}",
        r.stderr
    );
}

#[test]
fn dangling_symlink_is_unreadable() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    std::os::unix::fs::symlink(corpus.join("gone.txt"), corpus.join("dangling.txt")).unwrap();

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}");
    assert_skips(&s, &[("unreadable", 1)]);
    assert_eq!(u(&s, "records_seen"), 3);
    let line = reported(&r, "skipped", "dangling.txt");
    assert!(
        line.contains("dangling symlink") || line.contains("not found"),
        "{line}"
    );
    for w in &words {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    strict_fails(tmp.path(), &corpus, &s, words[0]);
}

// ---------------------------------------------------------------------------------------------
// 11. Symlink loops

/// Runs `index` with a deadline so that a loop the walker follows fails instead of hanging.
fn index_with_deadline(
    cwd: &Path,
    idx: &Path,
    corpus: &Path,
    extra: &[&str],
    deadline: Duration,
) -> (Run, Value) {
    let out = cwd.join("out.json");
    let err = cwd.join("err.txt");
    let mut child = crate::util::attache(cwd)
        .args(crate::util::index_args(idx, &[corpus], extra))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("attache runs");
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "index did not finish within {deadline:?} (symlink loop followed?); stderr so far:\n{}",
                std::fs::read_to_string(&err).unwrap_or_default().chars().take(4000).collect::<String>()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let r = Run {
        code: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(&out).unwrap(),
        stderr: std::fs::read_to_string(&err).unwrap(),
    };
    let v = r.json();
    (r, v)
}

#[test]
fn symlink_loops_are_reported_and_do_not_hang() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    write(
        &corpus,
        "sub/nested.txt",
        "Nested\n\nThe pangolin protocol was signed in a side room.\n",
    );
    std::os::unix::fs::symlink(".", corpus.join("self")).unwrap();
    std::os::unix::fs::symlink("..", corpus.join("sub/up")).unwrap();

    let (r, s) = index_with_deadline(tmp.path(), &idx, &corpus, &[], Duration::from_secs(60));
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    invariants(&r, &s);
    assert_eq!(
        u(&s, "indexed"),
        3,
        "each article once, not once per path through the loop: {s}"
    );
    assert_skips(&s, &[("unreadable", 2)]);
    assert!(
        reported(&r, "skipped", "self").contains("symlink loop"),
        "{}",
        r.stderr
    );
    assert!(
        reported(&r, "skipped", "sub/up").contains("symlink loop"),
        "{}",
        r.stderr
    );
    for w in [words[0], words[1], "pangolin"] {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w} indexed exactly once");
    }
    let (r2, s2) = index_with_deadline(
        tmp.path(),
        &tmp.path().join("idx-strict"),
        &corpus,
        &["--strict"],
        Duration::from_secs(60),
    );
    assert_eq!(
        r2.code, 2,
        "a loop is a skip under --strict; stderr: {}",
        r2.stderr
    );
    assert_eq!(s2["skipped"], s["skipped"]);
}

// ---------------------------------------------------------------------------------------------
// Unsupported formats, --strict, README, gzip

#[test]
fn unsupported_extensions_are_skipped_as_unsupported_format() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    write(&corpus, "photo.png", PNG);
    write(
        &corpus,
        "report.pdf",
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nThe tapir annex.\n",
    );

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}");
    assert_skips(&s, &[("unsupported format", 2)]);
    assert_eq!(s["skipped"][0]["files"], 2);
    assert!(
        reported(&r, "skipped", "photo.png").contains(".png"),
        "{}",
        r.stderr
    );
    assert!(
        reported(&r, "skipped", "report.pdf").contains(".pdf"),
        "{}",
        r.stderr
    );
    assert_eq!(hits(tmp.path(), &idx, "tapir"), 0);
    for w in &words {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    strict_fails(tmp.path(), &corpus, &s, words[0]);
}

/// A folder with one of each problem: `--strict` exits 2, prints the summary, and the good
/// articles are committed; `stats` reports the same file-level skips.
#[test]
fn strict_exits_2_but_indexes_the_good_files() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 3);
    write(&corpus, "x.txt", PNG);
    write(&corpus, "empty.txt", "");
    write(&corpus, "trunc.json", r#"{"title": "x", "body": "abc"#);
    write(&corpus, "photo.png", PNG);
    write(
        &corpus,
        "feed.jsonl",
        "{\"body\": \"The gecko line is fine.\"}\n{\"body\": \"broken\n{\"title\": \"no body\"}\n",
    );

    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &["--strict"]);
    assert_eq!(r.code, 2, "stderr: {}", r.stderr);
    invariants(&r, &s);
    assert_eq!(u(&s, "indexed"), 4, "{s}");
    assert_skips(
        &s,
        &[
            ("binary", 1),
            ("empty", 1),
            ("malformed", 2),
            ("unsupported format", 1),
            ("no text", 1),
        ],
    );
    assert_eq!(u(&s, "records_seen"), 10);
    assert_eq!(u(&s, "total_articles"), 4);
    assert!(r.stderr.contains("6 records skipped"), "{}", r.stderr);
    reported(&r, "skipped", "feed.jsonl:2");
    reported(&r, "skipped", "feed.jsonl:3");
    for w in words.iter().chain(&["gecko"]) {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    let stats = run_ix(tmp.path(), &idx, &["stats", "--format", "json"]);
    assert_eq!(stats.code, 0, "{}", stats.stderr);
    let stats = stats.json();
    assert_eq!(stats["articles"], 4);
    assert_eq!(
        stats["skipped"], s["skipped"],
        "stats remembers the skips of the run"
    );
}

#[test]
fn readme_and_hidden_files_are_ignored_not_skipped() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    write(
        &corpus,
        "README.md",
        "# About this corpus\n\nScraped in August 2025 by the capybara team. Licence: CC-BY.\n",
    );
    write(
        &corpus,
        "LICENSE",
        "Permission is hereby granted to the axolotl foundation, free of charge.\n",
    );
    write(&corpus, ".DS_Store", b"\0\0\0\x01Bud1\0\0\x10\0\0\0\x08\0");
    write(
        &corpus,
        ".hidden/secret.txt",
        "Hidden\n\nThe chinchilla cable.\n",
    );

    let (r, s) = index_json(tmp.path(), &idx, &[&corpus], &["--strict"]);
    assert_eq!(
        r.code, 0,
        "nothing skipped, so --strict passes; stderr: {}",
        r.stderr
    );
    invariants(&r, &s);
    assert_eq!(u(&s, "indexed"), 2, "{s}");
    assert_skips(&s, &[]);
    assert_eq!(u(&s, "records_seen"), 2);
    assert_eq!(
        u(&s, "files_seen"),
        2,
        "README, LICENSE and hidden files are not counted: {s}"
    );
    if let Some(n) = s.get("files_ignored").and_then(Value::as_u64) {
        assert!(n >= 2, "README and LICENSE are counted as ignored: {s}");
    }
    assert_eq!(r.stderr.trim(), "", "nothing reported");
    for w in ["capybara", "axolotl", "chinchilla"] {
        assert_eq!(hits(tmp.path(), &idx, w), 0, "{w} is not indexed");
    }
    for w in &words {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn gzipped_jsonl_is_indexed() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 1);
    let jsonl = [
        r#"{"title": "Truce talks", "body": "Negotiators discussed the toucan truce in Istanbul.", "date": "2025-08-18"}"#,
        r#"{"title": "Aid convoy", "body": "An aid convoy reached the iguana valley overnight.", "date": "2025-08-19"}"#,
        r#"{"title": "Broken", "body": "cut"#,
        r#"{"title": "Grain deal", "body": "The grain deal was extended after the jaguar meeting.", "date": "2025-08-20"}"#,
    ]
    .join("\n");
    write(&corpus, "feed.jsonl.gz", gzip(jsonl.as_bytes()));
    write(
        &corpus,
        "article.txt.gz",
        gzip("Gzipped text\n\nThe okapi statement was released at noon.\n".as_bytes()),
    );

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 5, "{s}\nstderr: {}", r.stderr);
    assert_skips(&s, &[("malformed", 1)]);
    reported(&r, "skipped", "feed.jsonl.gz:3");
    for w in ["toucan", "iguana", "jaguar", "okapi", words[0]] {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
}

#[test]
fn corrupt_gzip_is_reported() {
    let (tmp, corpus, idx) = setup();
    let words = good(&corpus, 2);
    let full = gzip(
        r#"{"title": "Lost", "body": "The meerkat file was damaged in transit and cannot be read back at all."}"#
            .repeat(50)
            .as_bytes(),
    );
    write(&corpus, "truncated.jsonl.gz", &full[..full.len() / 2]);
    write(
        &corpus,
        "notgzip.jsonl.gz",
        "{\"body\": \"this is plain text, not gzip\"}\n",
    );
    let mut flipped = gzip(b"{\"body\": \"The damaged stream about the mongoose.\"}\n");
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0xFF;
    flipped[mid + 1] ^= 0xFF;
    write(&corpus, "flipped.txt.gz", &flipped);

    let (r, s) = index_ok(tmp.path(), &idx, &corpus);
    assert_eq!(u(&s, "indexed"), 2, "{s}\nstderr: {}", r.stderr);
    assert_skips(&s, &[("malformed", 3)]);
    for name in ["truncated.jsonl.gz", "notgzip.jsonl.gz", "flipped.txt.gz"] {
        assert!(
            reported(&r, "skipped", name).contains("gzip"),
            "{name}: {}",
            r.stderr
        );
    }
    assert_eq!(hits(tmp.path(), &idx, "meerkat"), 0);
    assert_eq!(hits(tmp.path(), &idx, "mongoose"), 0);
    for w in &words {
        assert_eq!(hits(tmp.path(), &idx, w), 1, "{w}");
    }
    strict_fails(tmp.path(), &corpus, &s, words[0]);
}

/// A bug of ours that one article triggers (here a panic injected through the hidden
/// `ATTACHE_TEST_PANIC_ON`) costs that article its annotations, not the run: it is indexed and
/// searchable, reported as `PATH: record N: …` and counted as a warning; the other articles
/// keep theirs. `--retag` recovers the same way.
#[test]
fn a_panic_in_enrichment_keeps_the_article_and_the_run() {
    let tmp = tempdir();
    let (corpus, idx) = (tmp.path().join("c"), tmp.path().join("ix"));
    write(
        &corpus,
        "good.txt",
        "Talks\n\nThe ceasefire talks with Sergei Lavrov went on in Geneva on Monday.\n",
    );
    write(
        &corpus,
        "koala.txt",
        "Zoo\n\nA wombat watched the ceasefire talks with Sergei Lavrov in Geneva.\n",
    );
    write(
        &corpus,
        "bad.txt",
        "Broken\n\nThis one carries ZZPANICZZ, Sergei Lavrov and a wombat to a ceasefire.\n",
    );
    write(
        &corpus,
        "mixed.jsonl",
        "{\"title\":\"x\",\"body\":\"A third on the ceasefire with Sergei Lavrov in Geneva.\"}\n\
         {\"title\":\"y\",\"body\":\"A fourth with ZZPANICZZ, Sergei Lavrov and a numbat at the ceasefire.\"}\n",
    );
    // `attache --index IDX GLOBAL… index ARGS…` with the panic switched on (it fires after
    // the entities are found, so they must be cleared).
    let index = |global: &[&str], args: &[&str]| -> Run {
        crate::util::attache(tmp.path())
            .env("ATTACHE_TEST_PANIC_ON", "ZZPANICZZ")
            .args(["--index", idx.to_str().unwrap()])
            .args(global)
            .arg("index")
            .args(args)
            .output()
            .expect("attache runs")
            .into()
    };
    // `attache --index IDX GLOBAL… search * --count ARGS…`
    let count = |global: &[&str], args: &[&str]| -> String {
        let r = run_ix(
            tmp.path(),
            &idx,
            &[global, &["search", "*", "--count"], args].concat(),
        );
        assert!(r.stderr.is_empty(), "{}", r.stderr);
        r.stdout.trim().to_string()
    };
    let r = index(&[], &["--format", "json", corpus.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    assert_eq!(u(&s, "indexed"), 5, "{s}");
    assert_eq!(u(&s, "warnings"), 2, "{s}");
    assert!(
        reported(&r, "warning", "bad.txt").contains("record 1: enrichment failed"),
        "{}",
        r.stderr
    );
    assert!(
        reported(&r, "warning", "mixed.jsonl").contains("record 2: enrichment failed"),
        "{}",
        r.stderr
    );
    // Every article is searchable; only the broken ones lost their annotations.
    assert_eq!(hits(tmp.path(), &idx, "ceasefire"), 5);
    assert_eq!(hits(tmp.path(), &idx, "numbat"), 1);
    assert_eq!(count(&[], &["--person", "sergei-lavrov"]), "3");
    assert_eq!(count(&[], &["--topic", "ceasefire"]), "3");

    // --retag with a new topic meets the same bug, keeps every article, tags the good ones
    // and leaves the stored entities of all of them as they were.
    let cfg = write(tmp.path(), "topic.toml", "[[topic]]\nid = \"marsupials\"\nlabel = \"Marsupials\"\n[topic.patterns]\nen = [\"numbat\", \"wombat\"]\n");
    let r = index(
        &["--config", cfg.to_str().unwrap()],
        &["--retag", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(u(&r.json(), "warnings"), 2, "{}", r.stdout);
    for needle in [
        "bad.txt: record 1: enrichment failed",
        "mixed.jsonl: record 2: enrichment failed",
    ] {
        assert!(r.stderr.contains(needle), "{needle}: {}", r.stderr);
    }
    assert_eq!(hits(tmp.path(), &idx, "ceasefire"), 5);
    assert_eq!(
        count(
            &["--config", cfg.to_str().unwrap()],
            &["--topic", "marsupials"]
        ),
        "1"
    );
    assert_eq!(count(&[], &["--person", "sergei-lavrov"]), "3");
}

/// A `--config` or `--gazetteer` that cannot be read or parsed is an error (exit 2) for every
/// command, also those that do not need it.
#[test]
fn a_bad_config_or_gazetteer_path_is_an_error_for_every_command() {
    let tmp = crate::util::tempdir();
    let bad = crate::util::write(tmp.path(), "bad.toml", "this is = = not toml");
    let missing = tmp.path().join("missing.toml");
    for flag in ["--config", "--gazetteer"] {
        for path in [&bad, &missing] {
            for cmd in [
                &["stats"][..],
                &["search", "putin", "--count"],
                &["show", "x"],
            ] {
                let mut args = vec![flag, path.to_str().unwrap()];
                args.extend_from_slice(cmd);
                let r = crate::util::run(tmp.path(), &args);
                assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
                assert!(
                    r.stderr.contains(path.to_str().unwrap()),
                    "{args:?}: {}",
                    r.stderr
                );
            }
        }
    }
}

/// A misspelled option before the query is named, with the option it resembles (clap had
/// blamed the query word after it).
#[test]
fn a_misspelled_option_before_the_query_is_named() {
    let tmp = crate::util::tempdir();
    for (args, bad, hint) in [
        (
            &["search", "--cuont", "ceasefire"][..],
            "--cuont",
            "--count",
        ),
        (
            &["kwic", "--widht", "20", "ceasefire"],
            "--widht",
            "--width",
        ),
        (&["search", "ceasefire", "--cuont"], "--cuont", "--count"),
    ] {
        let r = crate::util::run(tmp.path(), args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains(bad) && r.stderr.contains(hint),
            "{args:?}: {}",
            r.stderr
        );
    }
}

/// Values that can only be mistakes are refused, and a folder with nothing to read says so.
#[test]
fn zero_counts_are_refused_and_an_empty_folder_is_reported() {
    let tmp = crate::util::tempdir();
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let e = empty.to_str().unwrap();
    let ix = tmp.path().join("ix");
    let ix = ix.to_str().unwrap();
    for args in [
        &["--index", ix, "index", "--threads", "0", e][..],
        &["--index", ix, "entities", "--top", "0"],
    ] {
        let r = crate::util::run(tmp.path(), args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("'0'"), "{args:?}: {}", r.stderr);
    }
    let r = crate::util::run(tmp.path(), &["--index", ix, "index", e]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("no articles in the index"),
        "{}",
        r.stderr
    );
    let r = crate::util::run(tmp.path(), &["extract", e]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no articles found"), "{}", r.stderr);
}
