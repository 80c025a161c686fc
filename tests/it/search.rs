//! `attache search`: query syntax, filters and the output contract on the bundled corpus, and
//! agreement with a brute-force scan of the stored articles (bundled corpus, and basil from
//! ../shared when present).
//!
//! Expected sets are always computed from the data (the ids and fields the binary returns, or
//! the stored title/body analysed with the product's own analyzer), never copied from a run.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;
use tantivy::tokenizer::TokenStream;

use attache::index::tokenizer;
use attache::output::HIT_COLUMNS;

use crate::util::{self, Run};

type Ids = BTreeSet<String>;
/// (position, term) pairs of one analysed field.
type Tokens = Vec<(usize, String)>;

/// Facts of the bundled corpus (corpus/README.md: 53 articles, 9 outlets after normalisation).
const CORPUS_ARTICLES: usize = 53;
const CORPUS_OUTLETS: usize = 9;

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// An index in a temp dir, plus the config passed to every command.
struct Ix {
    dir: tempfile::TempDir,
    idx: PathBuf,
    config: Option<PathBuf>,
}

impl Ix {
    fn build(paths: &[&Path], config: Option<PathBuf>) -> (Ix, Value) {
        let dir = util::tempdir();
        Self::build_in(dir, paths, config)
    }

    fn build_in(dir: tempfile::TempDir, paths: &[&Path], config: Option<PathBuf>) -> (Ix, Value) {
        let idx = dir.path().join("index");
        let cfg = config.as_ref().map(|c| c.display().to_string());
        let mut extra: Vec<&str> = Vec::new();
        if let Some(c) = &cfg {
            extra.extend(["--config", c.as_str()]);
        }
        let (r, summary) = util::index_json(dir.path(), &idx, paths, &extra);
        assert_eq!(
            r.code, 0,
            "indexing failed\nstdout: {}\nstderr: {}",
            r.stdout, r.stderr
        );
        (Ix { dir, idx, config }, summary)
    }

    /// The bundled corpus, with the repo's attache.toml (cwd is a temp dir).
    fn corpus() -> Ix {
        let repo = util::repo();
        let (ix, summary) = Ix::build(&[&repo.join("corpus")], Some(repo.join("attache.toml")));
        assert_eq!(
            summary["total_articles"].as_u64(),
            Some(CORPUS_ARTICLES as u64),
            "summary: {summary}"
        );
        assert_eq!(
            summary["outlets"].as_u64(),
            Some(CORPUS_OUTLETS as u64),
            "summary: {summary}"
        );
        ix
    }

    fn run(&self, args: &[&str]) -> Run {
        let idx = self.idx.display().to_string();
        let cfg = self.config.as_ref().map(|c| c.display().to_string());
        let mut full: Vec<&str> = vec!["--index", idx.as_str()];
        if let Some(c) = &cfg {
            full.extend(["--config", c.as_str()]);
        }
        full.extend_from_slice(args);
        util::run(self.dir.path(), &full)
    }

    /// `search FLAGS -- QUERY` (the `--` lets queries start with '-').
    fn search(&self, query: &str, flags: &[&str]) -> Run {
        let mut args = vec!["search"];
        args.extend_from_slice(flags);
        args.extend(["--", query]);
        self.run(&args)
    }

    /// All hits as JSON (limit 1000); checks the exit code agrees with `total`, and that every
    /// matching article came back.
    fn json(&self, query: &str, flags: &[&str]) -> Value {
        let mut f = vec!["--format", "json", "--limit", "1000"];
        f.extend_from_slice(flags);
        let r = self.search(query, &f);
        assert!(
            r.code == 0 || r.code == 1,
            "search {query:?} {flags:?} failed ({}): {}",
            r.code,
            r.stderr
        );
        let v = r.json();
        let total = v["total"].as_u64().expect("total") as usize;
        let hits = v["hits"].as_array().expect("hits");
        assert_eq!(
            r.code,
            if total > 0 { 0 } else { 1 },
            "exit code vs total for {query:?}"
        );
        assert_eq!(
            hits.len(),
            total,
            "limit 1000 returns every hit for {query:?}"
        );
        v
    }

    fn hits(&self, query: &str, flags: &[&str]) -> Vec<Value> {
        self.json(query, flags)["hits"].as_array().unwrap().clone()
    }

    fn ids(&self, query: &str, flags: &[&str]) -> Ids {
        let hits = self.hits(query, flags);
        let ids: Ids = hits
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids.len(), hits.len(), "ids are unique in {query:?}");
        ids
    }

    fn count(&self, query: &str, flags: &[&str]) -> Run {
        let mut f = vec!["--count"];
        f.extend_from_slice(flags);
        self.search(query, &f)
    }

    fn languages(&self) -> Vec<String> {
        let r = self.run(&["stats", "--format", "json"]);
        assert_eq!(r.code, 0, "stats: {}", r.stderr);
        r.json()["languages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["lang"].as_str().unwrap().to_string())
            .collect()
    }

    /// Every stored article, read back with `show ID --format json` (once each, in parallel).
    fn articles(&self) -> BTreeMap<String, Doc> {
        let ids: Vec<String> = self.ids("*", &[]).into_iter().collect();
        let chunk = ids.len().div_ceil(8).max(1);
        let docs: Vec<Doc> = std::thread::scope(|s| {
            let handles: Vec<_> = ids
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|id| {
                                let r = self.run(&["show", "--format", "json", "--", id]);
                                assert_eq!(r.code, 0, "show {id}: {}", r.stderr);
                                let v = r.json();
                                assert_eq!(
                                    v["id"].as_str(),
                                    Some(id.as_str()),
                                    "show returns the article asked for"
                                );
                                Doc::from_json(&v)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        let map: BTreeMap<String, Doc> = docs.into_iter().map(|d| (d.id.clone(), d)).collect();
        assert_eq!(map.len(), ids.len());
        map
    }
}

#[derive(Clone, Debug)]
struct Doc {
    id: String,
    title: Option<String>,
    body: String,
    lang: Option<String>,
}

impl Doc {
    fn from_json(v: &Value) -> Doc {
        let s = |k: &str| v[k].as_str().map(str::to_string);
        Doc {
            id: s("id").unwrap(),
            title: s("title"),
            body: s("body").unwrap_or_default(),
            lang: s("lang"),
        }
    }
    fn text_lower(&self) -> String {
        format!("{}\n{}", self.title.as_deref().unwrap_or(""), self.body).to_lowercase()
    }
}

fn id_set(hits: &[Value]) -> Ids {
    hits.iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

fn ids_where(hits: &[Value], pred: impl Fn(&Value) -> bool) -> Ids {
    hits.iter()
        .filter(|h| pred(h))
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

fn and(a: &Ids, b: &Ids) -> Ids {
    a.intersection(b).cloned().collect()
}
fn or(a: &Ids, b: &Ids) -> Ids {
    a.union(b).cloned().collect()
}
fn minus(a: &Ids, b: &Ids) -> Ids {
    a.difference(b).cloned().collect()
}

/// Set equality with the first differences spelled out.
#[track_caller]
fn assert_same(what: &str, got: &Ids, want: &Ids) {
    if got != want {
        let missing: Vec<_> = want.difference(got).take(8).collect();
        let extra: Vec<_> = got.difference(want).take(8).collect();
        panic!(
            "{what}: got {} ids, expected {}\n  missing (expected, not returned): {missing:?}\n  extra (returned, not expected): {extra:?}",
            got.len(),
            want.len()
        );
    }
}

#[track_caller]
fn assert_subset(what: &str, small: &Ids, big: &Ids) {
    let extra: Vec<_> = small.difference(big).take(8).collect();
    assert!(
        extra.is_empty(),
        "{what}: {} ids not in the larger set: {extra:?}",
        small.difference(big).count()
    );
}

/// UTC day (YYYY-MM-DD) of a hit, from its RFC 3339 date.
fn day(h: &Value) -> Option<String> {
    h["date"].as_str().map(|d| {
        assert!(
            d.ends_with('Z') && d.len() == 20,
            "dates are RFC 3339 UTC: {d}"
        );
        d[..10].to_string()
    })
}

// ---------------------------------------------------------------------------------------------
// Brute force: the stored title/body analysed with the product's analyzer
// ---------------------------------------------------------------------------------------------

/// (position, term) for every token, as the `attache` tokenizer indexes it for this language.
fn analyse(lang: Option<&str>, text: &str) -> Vec<(usize, String)> {
    let mut a = tokenizer::analyzer(lang);
    let mut s = a.token_stream(text);
    let mut out = Vec::new();
    while s.advance() {
        let t = s.token();
        out.push((t.position, t.text.clone()));
    }
    out
}

fn has_sequence(tokens: &[(usize, String)], seq: &[String]) -> bool {
    if seq.is_empty() {
        return false;
    }
    let at: HashMap<usize, &str> = tokens.iter().map(|(p, t)| (*p, t.as_str())).collect();
    tokens.iter().any(|(p, t)| {
        t == &seq[0]
            && seq[1..]
                .iter()
                .enumerate()
                .all(|(i, s)| at.get(&(p + 1 + i)) == Some(&s.as_str()))
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Both,
    Title,
    Body,
}

struct Brute {
    langs: Vec<String>,
    docs: BTreeMap<String, (Tokens, Tokens)>,
}

impl Brute {
    fn new(ix: &Ix, articles: &BTreeMap<String, Doc>) -> Brute {
        let langs = ix.languages();
        assert!(!langs.is_empty());
        let docs = articles
            .iter()
            .map(|(id, d)| {
                let l = d.lang.as_deref();
                (
                    id.clone(),
                    (
                        d.title
                            .as_deref()
                            .map(|t| analyse(l, t))
                            .unwrap_or_default(),
                        analyse(l, &d.body),
                    ),
                )
            })
            .collect();
        Brute { langs, docs }
    }

    /// The analyses the product tries for a query word or phrase: one per language in the
    /// index, plus unstemmed.
    fn variants(&self, text: &str) -> BTreeSet<Vec<String>> {
        self.langs
            .iter()
            .map(|l| Some(l.as_str()))
            .chain([None])
            .map(|l| tokenizer::terms(l, text))
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Articles where some analysis of `text` occurs contiguously in the title or the body.
    fn matching(&self, text: &str, scope: Scope) -> Ids {
        let variants = self.variants(text);
        assert!(!variants.is_empty(), "{text:?} has words");
        self.docs
            .iter()
            .filter(|(_, (title, body))| {
                variants.iter().any(|v| {
                    (scope != Scope::Body && has_sequence(title, v))
                        || (scope != Scope::Title && has_sequence(body, v))
                })
            })
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Articles with an indexed term (title or body) that a word starting with `prefix` can
    /// have been indexed as: a term starting with the prefix as written or as stemmed in an
    /// index language, or a stem that is the prefix cut by one to three characters (never
    /// shorter than five).
    fn prefixed(&self, prefix: &str) -> Ids {
        let mut forms: BTreeSet<String> = BTreeSet::new();
        forms.insert(
            tokenizer::terms(None, prefix)
                .into_iter()
                .next()
                .expect("prefix has a word"),
        );
        for l in &self.langs {
            if let [t] = tokenizer::terms(Some(l), prefix).as_slice() {
                forms.insert(t.clone());
            }
        }
        let mut exact: BTreeSet<String> = BTreeSet::new();
        for f in &forms {
            let ends: Vec<usize> = f.char_indices().map(|(i, _)| i).skip(5).collect();
            for e in ends.iter().rev().take(3) {
                exact.insert(f[..*e].to_string());
            }
        }
        self.docs
            .iter()
            .filter(|(_, (title, body))| {
                title.iter().chain(body.iter()).any(|(_, t)| {
                    forms.iter().any(|f| t.starts_with(f.as_str())) || exact.contains(t)
                })
            })
            .map(|(id, _)| id.clone())
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Query syntax on the bundled corpus
// ---------------------------------------------------------------------------------------------

#[test]
fn default_operator_is_and() {
    let ix = Ix::corpus();
    let pairs = [
        ("ceasefire", "guarantee"),
        ("Witkoff", "Putin"),
        ("sanctions", "India"),
        ("summit", "Zelensky"),
    ];
    let mut strict = false;
    let mut nonempty = false;
    for (a, b) in pairs {
        let (sa, sb) = (ix.ids(a, &[]), ix.ids(b, &[]));
        assert!(
            !sa.is_empty() && !sb.is_empty(),
            "{a} and {b} both have hits"
        );
        let want = and(&sa, &sb);
        let got = ix.ids(&format!("{a} {b}"), &[]);
        assert_subset(&format!("'{a} {b}' ⊆ '{a}'"), &got, &sa);
        assert_subset(&format!("'{a} {b}' ⊆ '{b}'"), &got, &sb);
        assert_same(&format!("'{a} {b}' = '{a}' ∩ '{b}'"), &got, &want);
        assert_same(
            &format!("'{a} AND {b}'"),
            &ix.ids(&format!("{a} AND {b}"), &[]),
            &want,
        );
        assert_same(
            &format!("'{a} && {b}'"),
            &ix.ids(&format!("{a} && {b}"), &[]),
            &want,
        );
        assert_same(
            &format!("'+{a} +{b}'"),
            &ix.ids(&format!("+{a} +{b}"), &[]),
            &want,
        );
        strict |= want != sa || want != sb;
        nonempty |= !want.is_empty();
    }
    assert!(strict && nonempty, "the pairs exercise a real intersection");
}

#[test]
fn or_is_union() {
    let ix = Ix::corpus();
    for (a, b) in [
        ("ceasefire", "sanctions"),
        ("Witkoff", "Lavrov"),
        ("перемирие", "Sicherheitsgarantien"),
    ] {
        let (sa, sb) = (ix.ids(a, &[]), ix.ids(b, &[]));
        assert!(
            !sa.is_empty() && !sb.is_empty(),
            "{a} and {b} both have hits"
        );
        assert_ne!(sa, sb);
        let want = or(&sa, &sb);
        assert_same(
            &format!("'{a} OR {b}'"),
            &ix.ids(&format!("{a} OR {b}"), &[]),
            &want,
        );
        assert_same(
            &format!("'{a} || {b}'"),
            &ix.ids(&format!("{a} || {b}"), &[]),
            &want,
        );
        assert!(want.len() > sa.len().max(sb.len()) || sa.is_subset(&sb) || sb.is_subset(&sa));
    }
    let three = or(
        &or(&ix.ids("Witkoff", &[]), &ix.ids("Lavrov", &[])),
        &ix.ids("Peskov", &[]),
    );
    assert_same(
        "three-way OR",
        &ix.ids("Witkoff OR Lavrov OR Peskov", &[]),
        &three,
    );
}

#[test]
fn not_is_difference() {
    let ix = Ix::corpus();
    let all = ix.ids("*", &[]);
    for (a, b) in [
        ("ceasefire", "guarantee"),
        ("Witkoff", "Rubio"),
        ("sanctions", "India"),
    ] {
        let (sa, sb) = (ix.ids(a, &[]), ix.ids(b, &[]));
        let want = minus(&sa, &sb);
        assert!(
            !want.is_empty() && want != sa,
            "{a} minus {b} removes some and keeps some"
        );
        for q in [
            format!("{a} -{b}"),
            format!("{a} NOT {b}"),
            format!("{a} AND NOT {b}"),
            format!("-{b} {a}"),
        ] {
            assert_same(&format!("'{q}'"), &ix.ids(&q, &[]), &want);
        }
        // A query that is only a negation matches everything else.
        assert_same(
            &format!("'-{b}'"),
            &ix.ids(&format!("-{b}"), &[]),
            &minus(&all, &sb),
        );
        assert_same(
            &format!("'NOT {b}'"),
            &ix.ids(&format!("NOT {b}"), &[]),
            &minus(&all, &sb),
        );
    }
}

/// A query may start with `-` without `--` before it, and flags may follow it.
#[test]
fn a_query_starting_with_a_minus_needs_no_double_dash() {
    let ix = Ix::corpus();
    let want = ix.ids("ceasefire -guarantee", &[]).len();
    assert!(want > 0);
    for args in [
        vec!["search", "-guarantee ceasefire", "--count"],
        vec!["search", "--count", "-guarantee ceasefire"],
    ] {
        let r = ix.run(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout.trim(), want.to_string(), "{args:?}");
    }
    // Misspelled flags are still errors, also where the query would be.
    for args in [
        vec!["search", "--cuont", "ceasefire"],
        vec!["search", "--cuont"],
    ] {
        let r = ix.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
    }
    assert!(ix.run(&["search", "--cuont"]).stderr.contains("option"));
}

#[test]
fn bang_is_not() {
    let ix = Ix::corpus();
    let want = minus(&ix.ids("ceasefire", &[]), &ix.ids("guarantee", &[]));
    assert_same(
        "'ceasefire ! guarantee'",
        &ix.ids("ceasefire ! guarantee", &[]),
        &want,
    );
    assert_same(
        "'ceasefire !guarantee'",
        &ix.ids("ceasefire !guarantee", &[]),
        &want,
    );
}

#[test]
fn parentheses_group_and_or_binds_looser() {
    let ix = Ix::corpus();
    let all = ix.ids("*", &[]);
    let (a, b, c) = (
        ix.ids("ceasefire", &[]),
        ix.ids("sanctions", &[]),
        ix.ids("Witkoff", &[]),
    );
    let grouped = and(&or(&a, &b), &c);
    let loose = or(&a, &and(&b, &c));
    assert_ne!(grouped, loose, "the words chosen make grouping matter");
    assert_same(
        "(ceasefire OR sanctions) Witkoff",
        &ix.ids("(ceasefire OR sanctions) Witkoff", &[]),
        &grouped,
    );
    assert_same(
        "Witkoff (ceasefire OR sanctions)",
        &ix.ids("Witkoff (ceasefire OR sanctions)", &[]),
        &grouped,
    );
    assert_same(
        "ceasefire OR sanctions Witkoff",
        &ix.ids("ceasefire OR sanctions Witkoff", &[]),
        &loose,
    );
    assert_same(
        "ceasefire OR (sanctions Witkoff)",
        &ix.ids("ceasefire OR (sanctions Witkoff)", &[]),
        &loose,
    );
    assert_same(
        "-(ceasefire OR sanctions)",
        &ix.ids("-(ceasefire OR sanctions)", &[]),
        &minus(&all, &or(&a, &b)),
    );
    assert_same(
        "((ceasefire OR sanctions) AND NOT Witkoff)",
        &ix.ids("((ceasefire OR sanctions) AND NOT Witkoff)", &[]),
        &minus(&or(&a, &b), &c),
    );
}

#[test]
fn phrases_are_narrower_than_words_and_slop_widens() {
    let ix = Ix::corpus();
    let mut strict = false;
    for p in [
        "security guarantee",
        "peace deal",
        "Witkoff said",
        "coalition of the willing",
        "said Witkoff",
    ] {
        let words = ix.ids(p, &[]);
        let exact = ix.ids(&format!("\"{p}\""), &[]);
        assert_subset(&format!("\"{p}\" ⊆ {p}"), &exact, &words);
        strict |= exact.len() < words.len();
        // --count agrees with the sets.
        let c = ix.count(&format!("\"{p}\""), &[]);
        assert_eq!(
            c.stdout.trim().parse::<usize>().unwrap(),
            exact.len(),
            "--count of \"{p}\""
        );
        let mut prev = exact.clone();
        for n in [1, 2, 3, 5, 10] {
            let sloppy = ix.ids(&format!("\"{p}\"~{n}"), &[]);
            assert_subset(&format!("\"{p}\"~{} ⊆ \"{p}\"~{n}", n - 1), &prev, &sloppy);
            assert_subset(&format!("\"{p}\"~{n} ⊆ {p}"), &sloppy, &words);
            prev = sloppy;
        }
        assert!(prev.len() >= exact.len());
    }
    assert!(strict, "some phrase matches fewer articles than its words");
    // Word order matters without slop; a transposition costs 2 (Lucene semantics).
    let wit_said = ix.ids("\"Witkoff said\"", &[]);
    let said_wit = ix.ids("\"said Witkoff\"", &[]);
    assert_ne!(
        wit_said, said_wit,
        "\"Witkoff said\" and \"said Witkoff\" differ in this corpus"
    );
    assert_subset(
        "\"Witkoff said\" ⊆ \"said Witkoff\"~2",
        &wit_said,
        &ix.ids("\"said Witkoff\"~2", &[]),
    );
    assert_subset(
        "\"peace deal\" ⊆ \"deal peace\"~2",
        &ix.ids("\"peace deal\"", &[]),
        &ix.ids("\"deal peace\"~2", &[]),
    );
}

#[test]
fn field_queries() {
    let ix = Ix::corpus();
    let articles = ix.articles();
    let brute = Brute::new(&ix, &articles);
    let all_hits = ix.hits("*", &[]);
    for w in ["Witkoff", "ceasefire", "Selenskyj", "Lavrov"] {
        let any = ix.ids(w, &[]);
        let title = ix.ids(&format!("title:{w}"), &[]);
        let body = ix.ids(&format!("body:{w}"), &[]);
        assert_same(
            &format!("title:{w}"),
            &title,
            &brute.matching(w, Scope::Title),
        );
        assert_same(&format!("body:{w}"), &body, &brute.matching(w, Scope::Body));
        assert_same(
            &format!("title:{w} ∪ body:{w} = {w}"),
            &or(&title, &body),
            &any,
        );
        assert_same(
            &format!("text:{w}"),
            &ix.ids(&format!("text:{w}"), &[]),
            &any,
        );
        assert_same(
            &format!("TITLE:{w}"),
            &ix.ids(&format!("TITLE:{w}"), &[]),
            &title,
        );
    }
    let tw = ix.ids("title:Witkoff", &[]);
    assert!(
        !tw.is_empty() && tw.len() < ix.ids("Witkoff", &[]).len(),
        "title: narrows the search"
    );
    assert_same(
        "title:(Witkoff OR ceasefire)",
        &ix.ids("title:(Witkoff OR ceasefire)", &[]),
        &or(
            &ix.ids("title:Witkoff", &[]),
            &ix.ids("title:ceasefire", &[]),
        ),
    );
    assert_same(
        "title:\"security guarantees\"",
        &ix.ids("title:\"security guarantees\"", &[]),
        &brute.matching("security guarantees", Scope::Title),
    );

    // outlet:"…" with any spelling of the same outlet.
    for (canonical, spellings) in outlet_spellings() {
        let want = ids_where(&all_hits, |h| h["outlet"] == canonical);
        assert!(!want.is_empty(), "{canonical} has articles");
        for s in spellings {
            let q = format!("outlet:\"{}\"", s.replace('"', "\\\""));
            assert_same(&q, &ix.ids(&q, &[]), &want);
        }
    }
    // lang:
    let de = ids_where(&all_hits, |h| h["lang"] == "de");
    assert!(!de.is_empty());
    for q in ["lang:de", "lang:DE", "lang:German", "language:de"] {
        assert_same(q, &ix.ids(q, &[]), &de);
    }
    assert_same(
        "lang:de ceasefire",
        &ix.ids("lang:de Waffenruhe", &[]),
        &and(&de, &ix.ids("Waffenruhe", &[])),
    );
    // field:* — articles with any value in the field (one article has no outlet).
    let with_outlet = ids_where(&all_hits, |h| h["outlet"].is_string());
    assert!(
        with_outlet.len() < all_hits.len(),
        "corpus/README.md: one article has no outlet"
    );
    assert_same("outlet:*", &ix.ids("outlet:*", &[]), &with_outlet);
    // An unknown field is an error, not an empty result.
    let r = ix.search("colour:red", &[]);
    assert_eq!(r.code, 2, "unknown field: {}", r.stderr);
    assert!(
        r.stderr.contains("unknown field 'colour'") && r.stderr.contains("title"),
        "{}",
        r.stderr
    );
}

#[test]
fn prefix_sanction_star() {
    let ix = Ix::corpus();
    let articles = ix.articles();
    let brute = Brute::new(&ix, &articles);
    let star = ix.ids("sanction*", &[]);
    let plural = ix.ids("sanctions", &[]);
    assert!(!plural.is_empty());
    assert_subset("sanctions ⊆ sanction*", &plural, &star);
    assert_subset("sanction ⊆ sanction*", &ix.ids("sanction", &[]), &star);
    assert_same(
        "sanction* = articles with an indexed term sanction…",
        &star,
        &brute.prefixed("sanction"),
    );
    assert_same(
        "Sanktion* (German)",
        &ix.ids("Sanktion*", &[]),
        &brute.prefixed("sanktion"),
    );

    // A small English fixture with the inflections the bundled corpus lacks.
    let dir = util::tempdir();
    let filler =
        "The measures were discussed by ministers in Brussels on Tuesday, and officials said \
                  further steps would follow later this month after consultations with partners.";
    let docs = [
        (
            "sanctioned.md",
            "EU sanctioned three banks",
            "The European Union sanctioned three banks today.",
        ),
        (
            "sanctions.md",
            "New sanctions announced",
            "New sanctions were announced against the shipping firms.",
        ),
        (
            "sanctioning.md",
            "Sanctioning body meets",
            "The sanctioning committee met to review the list.",
        ),
        (
            "sanitation.md",
            "Sanitation workers strike",
            "Sanitation workers went on strike in the capital.",
        ),
    ];
    for (i, (file, title, body)) in docs.iter().enumerate() {
        util::write(
            dir.path(),
            &format!("docs/{file}"),
            format!("---\ntitle: {title}\noutlet: Test Wire\ndate: 2025-08-0{}\nlang: en\n---\n\n{body} {filler}\n", i + 1),
        );
    }
    let docs_dir = dir.path().join("docs");
    let (fx, summary) = Ix::build_in(dir, &[&docs_dir], None);
    assert_eq!(summary["total_articles"].as_u64(), Some(4), "{summary}");
    let titles = |q: &str| -> BTreeSet<String> {
        fx.hits(q, &[])
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_string())
            .collect()
    };
    let want: BTreeSet<String> = docs[..3].iter().map(|d| d.1.to_string()).collect();
    assert_eq!(
        titles("sanction*"),
        want,
        "sanction* finds sanctioned, sanctions, sanctioning but not sanitation"
    );
    assert_eq!(titles("Sanction*"), want, "prefixes are case-insensitive");
    assert_eq!(
        titles("sani*"),
        BTreeSet::from(["Sanitation workers strike".to_string()])
    );
}

#[test]

fn prefix_includes_the_word_itself() {
    let ix = Ix::corpus();
    let mut failures = Vec::new();
    for w in [
        "ceasefire",
        "peace",
        "talks",
        "guarantee",
        "sanctions",
        "summit",
        "Russia",
        "Zelensky",
    ] {
        let plain = ix.ids(w, &[]);
        assert!(!plain.is_empty(), "{w} has hits");
        let star = ix.ids(&format!("{w}*"), &[]);
        if !plain.is_subset(&star) {
            failures.push(format!("{w}: {} hits, {w}*: {}", plain.len(), star.len()));
        }
    }
    assert!(
        failures.is_empty(),
        "w* misses articles that match w: {failures:?}"
    );
}

#[test]
fn fuzzy_finds_misspelled_names() {
    let ix = Ix::corpus();
    let witkoff = ix.ids("Witkoff", &[]);
    assert!(!witkoff.is_empty());
    let fuzzy = ix.ids("witkof~1", &[]);
    assert_subset("Witkoff ⊆ witkof~1", &witkoff, &fuzzy);
    assert!(
        ix.ids("witkof", &[]).len() < fuzzy.len(),
        "the misspelling alone finds less than its fuzzy form"
    );
    assert_subset("witkof~1 ⊆ witkof~2", &fuzzy, &ix.ids("witkof~2", &[]));
    assert_subset(
        "witkof~ (default distance 1)",
        &fuzzy,
        &ix.ids("witkof~", &[]),
    );
    // The unattributed article spells the name Witcoff/Vitkoff only (corpus/README.md).
    let articles = ix.articles();
    let variant_only: Ids = articles
        .values()
        .filter(|d| {
            let t = d.text_lower();
            (t.contains("witcoff") || t.contains("vitkoff")) && !t.contains("witkoff")
        })
        .map(|d| d.id.clone())
        .collect();
    assert!(
        !variant_only.is_empty(),
        "corpus has Witcoff/Vitkoff-only articles"
    );
    assert_subset(
        "Witcoff/Vitkoff-only articles ⊆ witkoff~2",
        &variant_only,
        &ix.ids("witkoff~2", &[]),
    );
    assert!(variant_only.is_disjoint(&witkoff));
}

#[test]
fn star_matches_every_article() {
    let ix = Ix::corpus();
    let v = ix.json("*", &[]);
    assert_eq!(v["total"].as_u64(), Some(CORPUS_ARTICLES as u64));
    assert_eq!(ix.ids("*", &[]).len(), CORPUS_ARTICLES);
    let c = ix.count("*", &[]);
    assert_eq!(
        (c.code, c.stdout.trim()),
        (0, CORPUS_ARTICLES.to_string().as_str())
    );
    let stats = ix.run(&["stats", "--format", "json"]).json();
    assert_eq!(stats["articles"].as_u64(), Some(CORPUS_ARTICLES as u64));
    assert_eq!(stats["outlets"].as_array().unwrap().len(), CORPUS_OUTLETS);
}

#[test]
fn date_ranges() {
    let ix = Ix::corpus();
    let all = ix.hits("*", &[]);
    let between = |lo: &str, hi: &str| {
        ids_where(&all, |h| {
            day(h).is_some_and(|d| d.as_str() >= lo && d.as_str() <= hi)
        })
    };
    let want = between("2025-08-17", "2025-08-18");
    // The inclusive upper day has articles late in the day and at midnight.
    assert!(all.iter().any(|h| day(h).as_deref() == Some("2025-08-18")
        && !h["date"].as_str().unwrap().ends_with("00:00:00Z")));
    assert!(all.iter().any(|h| day(h).as_deref() == Some("2025-08-17")));
    assert_same(
        "date:[2025-08-17 TO 2025-08-18]",
        &ix.ids("date:[2025-08-17 TO 2025-08-18]", &[]),
        &want,
    );
    assert_same(
        "date:2025-08-18",
        &ix.ids("date:2025-08-18", &[]),
        &between("2025-08-18", "2025-08-18"),
    );
    assert_same(
        "date:[2025-08-17 TO *]",
        &ix.ids("date:[2025-08-17 TO *]", &[]),
        &between("2025-08-17", "9999"),
    );
    assert_same(
        "date:[* TO 2025-08-16]",
        &ix.ids("date:[* TO 2025-08-16]", &[]),
        &between("0000", "2025-08-16"),
    );
    assert_same(
        "date:[2025-08 TO 2025-08]",
        &ix.ids("date:[2025-08 TO 2025-08]", &[]),
        &between("2025-08-01", "2025-08-31"),
    );
    assert_same(
        "date:2025-09",
        &ix.ids("date:2025-09", &[]),
        &between("2025-09-01", "2025-09-30"),
    );
    assert_same(
        "date:[2025-08-17 TO 2025-08-18}",
        &ix.ids("date:[2025-08-17 TO 2025-08-18}", &[]),
        &between("2025-08-17", "2025-08-17"),
    );
    // Undated articles are outside every range.
    let undated = ids_where(&all, |h| h["date"].is_null());
    assert!(
        !undated.is_empty(),
        "corpus has an undated article (corpus/README.md)"
    );
    assert!(ix.ids("date:[2000 TO 2100]", &[]).is_disjoint(&undated));
    assert_same(
        "date:[2000 TO 2100]",
        &ix.ids("date:[2000 TO 2100]", &[]),
        &minus(&id_set(&all), &undated),
    );
    let r = ix.search("date:[garbage TO *]", &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("garbage"), "{}", r.stderr);
}

#[test]
fn open_ranges_do_not_crash() {
    let ix = Ix::corpus();
    let all = ix.hits("*", &[]);
    let dated = ids_where(&all, |h| !h["date"].is_null());
    assert!(dated.len() < all.len(), "the corpus has an undated article");
    for q in ["date:*", "date:[* TO *]"] {
        let r = ix.count(q, &[]);
        assert_ne!(r.code, 101, "{q} panics: {}", r.stderr);
        assert_same(q, &ix.ids(q, &[]), &dated);
    }
    for q in ["words:*", "words:[* TO *]"] {
        let r = ix.count(q, &[]);
        assert_ne!(r.code, 101, "{q} panics: {}", r.stderr);
        assert_same(q, &ix.ids(q, &[]), &id_set(&all));
    }
}

#[test]

fn exclusive_lower_date_bound_keeps_next_midnight() {
    let ix = Ix::corpus();
    let all = ix.hits("*", &[]);
    let on_18 = ids_where(&all, |h| day(h).as_deref() == Some("2025-08-18"));
    assert!(
        all.iter().any(|h| h["date"] == "2025-08-18T00:00:00Z"),
        "a midnight article exists"
    );
    assert_same(
        "date:{2025-08-17 TO 2025-08-19}",
        &ix.ids("date:{2025-08-17 TO 2025-08-19}", &[]),
        &on_18,
    );
    assert_same(
        "date:{2025-08-17 TO 2025-08-18]",
        &ix.ids("date:{2025-08-17 TO 2025-08-18]", &[]),
        &on_18,
    );
}

#[test]
fn cyrillic_queries_hit_russian_and_ukrainian_articles() {
    let ix = Ix::corpus();
    let articles = ix.articles();
    let lang_of = |id: &String| articles[id].lang.clone().unwrap_or_default();
    // (query, lower-case stems that any inflection in the text starts with, language of those)
    for (q, stem, lang) in [
        ("перемирие", "перемири", "ru"),
        ("Зеленский", "зеленск", "ru"),
        ("Зеленський", "зеленськ", "uk"),
    ] {
        let got = ix.ids(q, &[]);
        assert!(!got.is_empty(), "{q} has hits");
        for id in &got {
            assert!(
                ["ru", "uk"].contains(&lang_of(id).as_str()),
                "{q} hit {id} in {}",
                lang_of(id)
            );
        }
        // Russian is stemmed: every Russian article with any inflection is found.
        let inflected: Ids = articles
            .values()
            .filter(|d| d.lang.as_deref() == Some(lang) && d.text_lower().contains(stem))
            .map(|d| d.id.clone())
            .collect();
        assert!(
            !inflected.is_empty(),
            "corpus has {lang} articles with {stem}…"
        );
        if lang == "ru" {
            assert_subset(
                &format!("{lang} articles with {stem}… ⊆ {q}"),
                &inflected,
                &got,
            );
        }
    }
    // Inflected query forms find the same Russian articles as the dictionary form.
    assert_same(
        "Зеленским = Зеленский",
        &ix.ids("Зеленским", &["--lang", "ru"]),
        &ix.ids("Зеленский", &["--lang", "ru"]),
    );
    assert_same(
        "перемирии = перемирие",
        &ix.ids("перемирии", &["--lang", "ru"]),
        &ix.ids("перемирие", &["--lang", "ru"]),
    );
}

#[test]
fn german_stemming() {
    let ix = Ix::corpus();
    let articles = ix.articles();
    let plural = ix.ids("Sicherheitsgarantien", &[]);
    let singular = ix.ids("Sicherheitsgarantie", &[]);
    assert_same(
        "Sicherheitsgarantie = Sicherheitsgarantien",
        &singular,
        &plural,
    );
    // The corpus only has the plural; the singular finds every article that has it.
    let with_plural: Ids = articles
        .values()
        .filter(|d| d.text_lower().contains("sicherheitsgarantien"))
        .map(|d| d.id.clone())
        .collect();
    assert!(!with_plural.is_empty());
    assert!(articles.values().all(|d| !d
        .text_lower()
        .replace("sicherheitsgarantien", "")
        .contains("sicherheitsgarantie")));
    assert_same(
        "Sicherheitsgarantie = articles with Sicherheitsgarantien",
        &singular,
        &with_plural,
    );
    assert!(singular
        .iter()
        .all(|id| articles[id].lang.as_deref() == Some("de")));
    assert_same(
        "Sanktion = Sanktionen",
        &ix.ids("Sanktion", &[]),
        &ix.ids("Sanktionen", &[]),
    );
    assert_same(
        "Brüssel = brussel (accents folded)",
        &ix.ids("Brüssel", &[]),
        &ix.ids("brussel", &[]),
    );
    assert!(!ix.ids("Brüssel", &[]).is_empty());
}

/// Queries of every kind agree with the analysed stored text of all 53 bundled articles.
#[test]
fn bundled_corpus_agrees_with_brute_force() {
    let ix = Ix::corpus();
    let articles = ix.articles();
    assert_eq!(articles.len(), CORPUS_ARTICLES);
    let brute = Brute::new(&ix, &articles);
    let words = [
        "Witkoff",
        "ceasefire",
        "sanctions",
        "guarantees",
        "Putin",
        "Путина",
        "Trump",
        "Zelenskyy",
        "Selenskyj",
        "Київ",
        "Kyiv",
        "Lavrov",
        "Lawrow",
        "Лавров",
        "garanties",
        "cessez",
        "Alaska",
        "Аляске",
        "Anchorage",
        "garantías",
        "tariffs",
        "India",
        "prisoner",
        "Waffenstillstand",
        "Poutine",
    ];
    let phrases = [
        "security guarantees",
        "coalition of the willing",
        "Article 5",
        "peace deal",
        "mutual defence",
        "garanties de sécurité",
    ];
    let mut failures = Vec::new();
    let mut nonempty = 0;
    for w in words.iter().chain(phrases.iter()) {
        let q = if w.contains(' ') {
            format!("\"{w}\"")
        } else {
            w.to_string()
        };
        let want = brute.matching(w, Scope::Both);
        nonempty += !want.is_empty() as usize;
        let got = ix.ids(&q, &[]);
        if got != want {
            failures.push(format!("{q}: got {:?} want {:?}", got.len(), want.len()));
        }
    }
    for (a, b) in [
        ("Witkoff", "Rubio"),
        ("Putin", "Alaska"),
        ("sanctions", "India"),
        ("Selenskyj", "Merz"),
    ] {
        let want = and(
            &brute.matching(a, Scope::Both),
            &brute.matching(b, Scope::Both),
        );
        let got = ix.ids(&format!("{a} {b}"), &[]);
        if got != want {
            failures.push(format!("{a} {b}: got {} want {}", got.len(), want.len()));
        }
    }
    assert!(
        failures.is_empty(),
        "search disagrees with the brute-force scan:\n{}",
        failures.join("\n")
    );
    assert!(
        nonempty >= words.len() + phrases.len() - 2,
        "most queries match something ({nonempty})"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Filters
// ---------------------------------------------------------------------------------------------

/// Spellings of outlets from corpus/README.md and attache.toml.
fn outlet_spellings() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "The Harbour Chronicle",
            vec![
                "The Harbour Chronicle",
                "Harbour Chronicle",
                "the harbour chronicle",
                "THE HARBOUR CHRONICLE",
                "harbourchronicle.example",
                "www.harbourchronicle.example",
                "Harbour Chronicle - World",
            ],
        ),
        (
            "Capitol Ledger",
            vec![
                "Capitol Ledger",
                "CAPITOL LEDGER",
                "capitol ledger",
                "Capitol Ledger - Politics",
                "capitolledger.example",
            ],
        ),
        (
            "Rheinische Abendpost",
            vec![
                "Rheinische Abendpost",
                "Rheinische Abendpost Online",
                "abendpost.example",
                "www.abendpost.example",
                "Abendpost",
            ],
        ),
        (
            "Le Courrier de l'Est",
            vec![
                "Le Courrier de l'Est",
                "Courrier de l’Est",
                "courrierdelest.example",
            ],
        ),
        (
            "Vestnik Severa",
            vec!["Vestnik Severa", "Вестник Севера", "vestnik-severa.example"],
        ),
        (
            "Kyivskyi Kurier",
            vec![
                "Kyivskyi Kurier",
                "Київський кур'єр",
                "kurier.example.ua",
                "kk",
            ],
        ),
        (
            "El Diario Global",
            vec!["El Diario Global", "diarioglobal.example"],
        ),
        (
            "Atlantic Wire",
            vec!["Atlantic Wire", "AW", "atlanticwire.example"],
        ),
    ]
}

#[test]
fn outlet_filter_accepts_any_spelling() {
    let ix = Ix::corpus();
    let all = ix.hits("*", &[]);
    let ceasefire = ix.ids("ceasefire OR Waffenruhe OR перемирие", &[]);
    for (canonical, spellings) in outlet_spellings() {
        let want = ids_where(&all, |h| h["outlet"] == canonical);
        assert!(!want.is_empty(), "{canonical} has articles");
        for s in spellings {
            assert_same(
                &format!("--outlet {s:?}"),
                &ix.ids("*", &["--outlet", s]),
                &want,
            );
            assert_same(
                &format!("ceasefire… --outlet {s:?}"),
                &ix.ids("ceasefire OR Waffenruhe OR перемирие", &["--outlet", s]),
                &and(&ceasefire, &want),
            );
        }
    }
}

#[test]
fn unknown_outlet_is_an_error_with_a_hint() {
    let ix = Ix::corpus();
    let r = ix.search("*", &["--outlet", "Nonexistent Times"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "no hits printed: {}", r.stdout);
    assert!(
        r.stderr.contains("--outlet") && r.stderr.contains("Nonexistent Times"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("attache stats"),
        "points at stats for the outlet list: {}",
        r.stderr
    );
    // A near miss suggests the outlet it probably means.
    let r = ix.search("*", &["--outlet", "Harbour"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("did you mean") && r.stderr.contains("The Harbour Chronicle"),
        "{}",
        r.stderr
    );
    // One unknown outlet among known ones is still an error (not silently dropped).
    let r = ix.search(
        "*",
        &[
            "--outlet",
            "kk",
            "--outlet",
            "Nonexistent Times",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = ix.count("*", &["--outlet", "Nonexistent Times"]);
    assert_eq!(r.code, 2, "--count too: {}", r.stderr);
}

#[test]
fn repeated_outlet_is_any_of() {
    let ix = Ix::corpus();
    let (kk, aw, cl) = (
        ix.ids("*", &["--outlet", "kk"]),
        ix.ids("*", &["--outlet", "AW"]),
        ix.ids("*", &["--outlet", "Capitol Ledger"]),
    );
    assert!(!kk.is_empty() && !aw.is_empty() && !cl.is_empty() && kk.is_disjoint(&aw));
    assert_same(
        "--outlet kk --outlet AW",
        &ix.ids("*", &["--outlet", "kk", "--outlet", "AW"]),
        &or(&kk, &aw),
    );
    assert_same(
        "three outlets",
        &ix.ids(
            "*",
            &[
                "--outlet",
                "kk",
                "--outlet",
                "AW",
                "--outlet",
                "capitolledger.example",
            ],
        ),
        &or(&or(&kk, &aw), &cl),
    );
    assert_same(
        "same outlet twice",
        &ix.ids("*", &["--outlet", "kk", "--outlet", "Kyivskyi Kurier"]),
        &kk,
    );
    // Different flags combine with AND.
    let en = ix.ids("*", &["--lang", "en"]);
    assert_same(
        "--outlet AW --outlet kk --lang en",
        &ix.ids("*", &["--outlet", "AW", "--outlet", "kk", "--lang", "en"]),
        &and(&or(&kk, &aw), &en),
    );
}

#[test]
fn since_until_are_inclusive() {
    let ix = Ix::corpus();
    let all = ix.hits("*", &[]);
    let between = |lo: &str, hi: &str| {
        ids_where(&all, |h| {
            day(h).is_some_and(|d| d.as_str() >= lo && d.as_str() <= hi)
        })
    };
    // An article late on the --until day, and one at midnight on the --since day, exist.
    assert!(all.iter().any(|h| day(h).as_deref() == Some("2025-08-17")
        && h["date"].as_str().unwrap() > "2025-08-17T20"));
    assert!(all.iter().any(|h| h["date"] == "2025-08-18T00:00:00Z"));
    assert_same(
        "--until 2025-08-17",
        &ix.ids("*", &["--until", "2025-08-17"]),
        &between("0000", "2025-08-17"),
    );
    assert_same(
        "--since 2025-08-18",
        &ix.ids("*", &["--since", "2025-08-18"]),
        &between("2025-08-18", "9999"),
    );
    assert_same(
        "--since 2025-08-17 --until 2025-08-18",
        &ix.ids("*", &["--since", "2025-08-17", "--until", "2025-08-18"]),
        &between("2025-08-17", "2025-08-18"),
    );
    assert_same(
        "--since = --until (one day)",
        &ix.ids("*", &["--since", "2025-08-17", "--until", "2025-08-17"]),
        &ix.ids("date:2025-08-17", &[]),
    );
    assert_same(
        "--since 2025-09",
        &ix.ids("*", &["--since", "2025-09"]),
        &between("2025-09-01", "9999"),
    );
    assert_same(
        "--until 2025-08",
        &ix.ids("*", &["--until", "2025-08"]),
        &between("0000", "2025-08-31"),
    );
    assert_same(
        "--since 2025",
        &ix.ids("*", &["--since", "2025"]),
        &between("0000", "9999"),
    );
    assert_same(
        "Witkoff --until 2025-08-17",
        &ix.ids("Witkoff", &["--until", "2025-08-17"]),
        &and(&ix.ids("Witkoff", &[]), &between("0000", "2025-08-17")),
    );
    // Before the first article: nothing, exit 1.
    let r = ix.count("*", &["--until", "2025-08-01"]);
    assert_eq!((r.code, r.stdout.trim()), (1, "0"));
    // A date that cannot be read is an error naming the flag.
    let r = ix.search("*", &["--since", "garbage"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--since") && r.stderr.contains("garbage"),
        "{}",
        r.stderr
    );
}

#[test]
fn lang_filter() {
    let ix = Ix::corpus();
    let all = ix.hits("*", &[]);
    let by = |l: &str| ids_where(&all, |h| h["lang"] == l);
    let langs: BTreeSet<&str> = all.iter().filter_map(|h| h["lang"].as_str()).collect();
    assert_eq!(
        langs,
        BTreeSet::from(["de", "en", "es", "fr", "ru", "uk"]),
        "corpus/README.md languages"
    );
    for l in &langs {
        assert_same(&format!("--lang {l}"), &ix.ids("*", &["--lang", l]), &by(l));
    }
    assert_same("--lang DE", &ix.ids("*", &["--lang", "DE"]), &by("de"));
    assert_same(
        "--lang de --lang fr",
        &ix.ids("*", &["--lang", "de", "--lang", "fr"]),
        &or(&by("de"), &by("fr")),
    );
    assert_same(
        "Putin --lang ru",
        &ix.ids("Putin OR Путин", &["--lang", "ru"]),
        &and(&ix.ids("Putin OR Путин", &[]), &by("ru")),
    );
    let r = ix.count("*", &["--lang", "it"]);
    assert_eq!((r.code, r.stdout.trim()), (1, "0"), "no Italian articles");
    // A name or code that is no language is a mistake, not a question with the answer 0.
    for bad in ["Klingon", "xx"] {
        let r = ix.count("*", &["--lang", bad]);
        assert_eq!(r.code, 2, "--lang {bad}: {}", r.stdout);
        assert!(r.stderr.contains("--lang"), "{}", r.stderr);
    }
    // So is a date range that ends before it starts.
    let r = ix.count("*", &["--since", "2025-08-20", "--until", "2025-08-19"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("before --since"), "{}", r.stderr);
    let r = ix.count("*", &["--since", "2025-08-19", "--until", "2025-08-19"]);
    assert!(r.code <= 1, "one day is a range: {}", r.stderr);
}

#[test]
fn entity_filters_resolve_any_spelling_and_match_the_hits_entities() {
    let ix = Ix::corpus();
    let all = ix.hits("*", &[]);
    // Hits list canonical names; filters take any spelling and resolve it.
    for (flag, key, value, canonical) in [
        ("--person", "persons", "Zelensky", "Volodymyr Zelensky"),
        ("--person", "persons", "Selenskyj", "Volodymyr Zelensky"),
        ("--person", "persons", "Зеленский", "Volodymyr Zelensky"),
        ("--org", "orgs", "OTAN", "NATO"),
        ("--place", "places", "Kiev", "Kyiv"),
        ("--topic", "topics", "ceasefire", "ceasefire"),
    ] {
        let want = ids_where(&all, |h| {
            h[key].as_array().unwrap().iter().any(|v| v == canonical)
        });
        let r = ix.search("*", &[flag, value, "--format", "json", "-n", "1000"]);
        assert!(
            !r.stderr.contains("error"),
            "{flag} is accepted: {}",
            r.stderr
        );
        assert_eq!(
            r.code,
            if want.is_empty() { 1 } else { 0 },
            "{flag}: {}",
            r.stderr
        );
        if flag != "--topic" {
            assert!(
                !want.is_empty(),
                "{value}: the bundled corpus names {canonical}"
            );
        }
        assert_same(
            &format!("{flag} {value}"),
            &id_set(r.json()["hits"].as_array().unwrap()),
            &want,
        );
    }
    // Two people: both must be named (all-of).
    let both = ids_where(&all, |h| {
        let p = h["persons"].as_array().unwrap();
        p.iter().any(|v| v == "Vladimir Putin") && p.iter().any(|v| v == "Marco Rubio")
    });
    let r = ix.search(
        "*",
        &[
            "--person", "putin", "--person", "Rubio", "--format", "json", "-n", "1000",
        ],
    );
    assert_same(
        "putin and rubio",
        &id_set(r.json()["hits"].as_array().unwrap()),
        &both,
    );
    // An unknown name is an error that suggests entities.
    let r = ix.search("*", &["--person", "Zelenskky Volodimir Nobody"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = ix.search("*", &["--person", "Rubioo"]);
    assert!(r.code != 2 || r.stderr.contains("Rubio"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// 3. Output contract
// ---------------------------------------------------------------------------------------------

const HIT_KEYS: [&str; 15] = [
    "id",
    "title",
    "outlet",
    "date",
    "url",
    "lang",
    "path",
    "record",
    "score",
    "snippet",
    "highlights",
    "persons",
    "orgs",
    "places",
    "topics",
];

#[test]
fn json_shape() {
    let ix = Ix::corpus();
    let r = ix.search("Witkoff OR Путин", &["--format", "json", "-n", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    let top: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top, BTreeSet::from(["query", "total", "hits"]));
    assert_eq!(v["query"], "Witkoff OR Путин");
    let total = v["total"].as_u64().unwrap() as usize;
    assert_eq!(
        total,
        ix.ids("Witkoff OR Путин", &[]).len(),
        "total counts every match, not the page"
    );
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), total.min(3));
    for h in ix.hits("*", &[]).iter().chain(hits.iter()) {
        let keys: BTreeSet<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            HIT_KEYS.iter().copied().collect::<BTreeSet<_>>(),
            "hit keys: {h}"
        );
        assert!(h["id"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(h["path"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(h["record"].is_u64() && h["score"].is_number() && h["snippet"].is_string());
        for k in ["title", "outlet", "date", "url", "lang"] {
            assert!(
                h[k].is_string() || h[k].is_null(),
                "{k} is a string or null: {h}"
            );
        }
        if let Some(d) = h["date"].as_str() {
            chrono::DateTime::parse_from_rfc3339(d).unwrap_or_else(|e| panic!("date {d}: {e}"));
        }
        for k in ["persons", "orgs", "places", "topics"] {
            assert!(
                h[k].as_array()
                    .is_some_and(|a| a.iter().all(Value::is_string)),
                "{k} is a list of strings: {h}"
            );
        }
        for pair in h["highlights"].as_array().expect("highlights is a list") {
            let p = pair.as_array().unwrap();
            assert!(
                p.len() == 2 && p[0].as_u64() < p[1].as_u64(),
                "highlight is [start, end): {pair}"
            );
        }
    }
    // Relevance order: scores do not increase.
    let scores: Vec<f64> = ix
        .hits("Witkoff OR Путин", &[])
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "scores non-increasing: {scores:?}"
    );
    // No hits: still the same shape.
    let r = ix.search("zzqxvq", &["--format", "json"]);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_eq!(
        (v["total"].as_u64(), v["hits"].as_array().map(Vec::len)),
        (Some(0), Some(0))
    );
}

#[test]
fn jsonl_is_one_hit_per_line() {
    let ix = Ix::corpus();
    for q in [
        "Witkoff",
        "*",
        "\"security guarantees\" OR Sicherheitsgarantien",
    ] {
        let json = ix.json(q, &[]);
        let r = ix.search(q, &["--format", "jsonl", "--limit", "1000"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let lines: Vec<Value> = r
            .stdout
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l)
                    .unwrap_or_else(|e| panic!("line is JSON ({e}): {l}"))
            })
            .collect();
        assert!(lines.iter().all(Value::is_object));
        assert_eq!(
            &lines,
            json["hits"].as_array().unwrap(),
            "jsonl lines == json hits for {q}"
        );
    }
    let r = ix.search("zzqxvq", &["--format", "jsonl"]);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
}

#[test]
fn csv_header_and_rows() {
    let ix = Ix::corpus();
    for q in ["Witkoff", "*"] {
        let hits = ix.hits(q, &[]);
        let r = ix.search(q, &["--format", "csv", "--limit", "1000"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let mut rd = csv::Reader::from_reader(r.stdout.as_bytes());
        let header: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, HIT_COLUMNS.to_vec(), "csv header");
        let rows: Vec<csv::StringRecord> =
            rd.records().map(|x| x.expect("valid csv row")).collect();
        assert_eq!(rows.len(), hits.len(), "one row per hit for {q}");
        let col = |name: &str| HIT_COLUMNS.iter().position(|c| *c == name).unwrap();
        for (row, h) in rows.iter().zip(&hits) {
            assert_eq!(row.len(), HIT_COLUMNS.len());
            assert_eq!(&row[col("id")], h["id"].as_str().unwrap());
            assert_eq!(&row[col("title")], h["title"].as_str().unwrap_or(""));
            assert_eq!(&row[col("outlet")], h["outlet"].as_str().unwrap_or(""));
            assert_eq!(&row[col("date")], h["date"].as_str().unwrap_or(""));
            assert_eq!(&row[col("snippet")], h["snippet"].as_str().unwrap());
            assert_eq!(
                row[col("record")].parse::<u64>().unwrap(),
                h["record"].as_u64().unwrap()
            );
            let joined = h["persons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(";");
            assert_eq!(&row[col("persons")], joined.as_str());
        }
    }
    // No hits: the header alone, exit 1.
    let r = ix.search("zzqxvq", &["--format", "csv"]);
    assert_eq!(r.code, 1);
    let mut rd = csv::Reader::from_reader(r.stdout.as_bytes());
    assert_eq!(
        rd.headers().unwrap().iter().collect::<Vec<_>>(),
        HIT_COLUMNS.to_vec()
    );
    assert_eq!(rd.records().count(), 0);
}

#[test]
fn count_prints_the_total() {
    let ix = Ix::corpus();
    for (q, flags) in [
        ("*", vec![]),
        ("ceasefire", vec![]),
        ("\"security guarantees\"", vec![]),
        ("Witkoff", vec!["--outlet", "AW"]),
        ("sanction*", vec!["--since", "2025-08-20"]),
        ("zzqxvq", vec![]),
    ] {
        let total = ix.json(q, &flags)["total"].as_u64().unwrap();
        let r = ix.count(q, &flags);
        assert_eq!(r.stdout.lines().count(), 1, "one line: {:?}", r.stdout);
        assert_eq!(
            r.stdout.trim().parse::<u64>().expect("an integer"),
            total,
            "--count of {q} {flags:?}"
        );
        assert_eq!(r.code, if total > 0 { 0 } else { 1 });
        // --count ignores paging.
        let r = ix.count(
            q,
            &[&flags[..], &["--limit", "1", "--offset", "2"]].concat(),
        );
        assert_eq!(r.stdout.trim().parse::<u64>().unwrap(), total);
    }
}

#[test]
fn exit_codes() {
    let ix = Ix::corpus();
    for fmt in ["text", "json", "jsonl", "csv"] {
        assert_eq!(
            ix.search("Witkoff", &["--format", fmt]).code,
            0,
            "hits, {fmt}"
        );
        assert_eq!(
            ix.search("zzqxvq", &["--format", fmt]).code,
            1,
            "no hits, {fmt}"
        );
        assert_eq!(
            ix.search("a (b", &["--format", fmt]).code,
            2,
            "syntax error, {fmt}"
        );
    }
    // Paging past the end still found matches: 0.
    let r = ix.search("Witkoff", &["--offset", "1000", "--format", "json"]);
    assert_eq!(r.code, 0);
    assert!(r.json()["hits"].as_array().unwrap().is_empty());
    // A missing index is an error.
    let tmp = util::tempdir();
    let r = util::run(
        tmp.path(),
        &[
            "--index",
            tmp.path().join("none").to_str().unwrap(),
            "search",
            "x",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("error"), "{}", r.stderr);
}

#[test]
fn syntax_errors_name_the_column() {
    let ix = Ix::corpus();
    // (query, 1-based column, words of the message)
    let cases: &[(&str, usize, &str)] = &[
        ("\"unclosed", 1, "unclosed quote"),
        ("a (b", 3, "unclosed parenthesis"),
        ("a (b OR c", 3, "unclosed parenthesis"),
        ("a OR", 3, "OR needs something"),
        ("ceasefire AND", 11, "AND needs something"),
        ("a b)", 4, "unmatched closing parenthesis"),
        ("title:", 7, "nothing after 'title:'"),
        ("wild*card", 1, "wildcards"),
        ("x~5", 2, "fuzzy distance"),
        ("\"a b\"~x", 7, "expected a number"),
        ("date:[2025-08-01 2025-08-31]", 18, "expected TO"),
        ("()", 1, "empty parentheses"),
        ("   ", 1, "empty"),
    ];
    for (q, col, msg) in cases {
        let r = ix.search(q, &[]);
        assert_eq!(r.code, 2, "{q:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{q:?} prints no hits");
        let head = format!("query syntax error at column {col}: ");
        assert!(
            r.stderr.contains(&head),
            "{q:?}: want {head:?} in\n{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(msg),
            "{q:?}: want {msg:?} in\n{}",
            r.stderr
        );
        let caret = format!("\n  {}^", " ".repeat(col - 1));
        assert!(
            r.stderr.contains(&caret),
            "{q:?}: caret under column {col} in\n{}",
            r.stderr
        );
        // --count reports the same error.
        let c = ix.count(q, &[]);
        assert_eq!(c.code, 2);
        assert!(c.stderr.contains(&head), "{q:?} --count: {}", c.stderr);
    }
}

#[test]
fn limit_and_offset_page_without_overlap() {
    let ix = Ix::corpus();
    let page = |q: &str, extra: &[&str], limit: usize, offset: usize| -> (u64, Vec<String>) {
        let (l, o) = (limit.to_string(), offset.to_string());
        let mut f = vec![
            "--format",
            "json",
            "--limit",
            l.as_str(),
            "--offset",
            o.as_str(),
        ];
        f.extend_from_slice(extra);
        let v = ix.search(q, &f).json();
        (
            v["total"].as_u64().unwrap(),
            v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["id"].as_str().unwrap().to_string())
                .collect(),
        )
    };
    for (q, extra) in [
        ("*", vec![]),
        (
            "Witkoff OR ceasefire OR Путин OR Sicherheitsgarantien",
            vec![],
        ),
        ("*", vec!["--sort", "date"]),
    ] {
        let n = 5;
        let (t0, first) = page(q, &extra, 2 * n, 0);
        let (t1, p1) = page(q, &extra, n, 0);
        let (t2, p2) = page(q, &extra, n, n);
        assert!(t0 as usize > 2 * n, "{q} has more than two pages");
        assert_eq!((t0, t0), (t1, t2), "total is the same on every page");
        assert_eq!((p1.len(), p2.len()), (n, n));
        assert!(
            p1.iter().all(|id| !p2.contains(id)),
            "pages overlap for {q}: {p1:?} {p2:?}"
        );
        assert_eq!(
            [p1, p2].concat(),
            first,
            "pages concatenate to the first 2N for {q} {extra:?}"
        );
        // Walking every page visits every hit once.
        let mut seen = Vec::new();
        let mut off = 0;
        while off < t0 as usize {
            seen.extend(page(q, &extra, 7, off).1);
            off += 7;
        }
        assert_eq!(seen.len(), t0 as usize);
        assert_eq!(
            seen.iter().collect::<BTreeSet<_>>().len(),
            t0 as usize,
            "no duplicates across pages"
        );
        // -n is --limit.
        let v = ix
            .search(q, &[&extra[..], &["-n", "3", "--format", "json"]].concat())
            .json();
        assert_eq!(v["hits"].as_array().unwrap().len(), 3);
    }
}

#[test]
fn sort_by_date_is_newest_first() {
    let ix = Ix::corpus();
    for q in ["*", "Witkoff OR Путин OR Sicherheitsgarantien", "ceasefire"] {
        let by_date = ix.hits(q, &["--sort", "date"]);
        assert_same(
            &format!("{q}: same hits either order"),
            &id_set(&by_date),
            &ix.ids(q, &[]),
        );
        let dates: Vec<Option<&str>> = by_date.iter().map(|h| h["date"].as_str()).collect();
        let dated: Vec<&str> = dates.iter().flatten().copied().collect();
        assert!(
            dated.windows(2).all(|w| w[0] >= w[1]),
            "{q}: dates non-increasing: {dated:?}"
        );
        // Undated articles come last.
        if let Some(first_none) = dates.iter().position(Option::is_none) {
            assert!(
                dates[first_none..].iter().all(Option::is_none),
                "{q}: undated articles after dated ones"
            );
        }
    }
    // Relevance differs from date order somewhere (so the flag is doing something).
    let rel: Vec<String> = ix
        .hits("Witkoff", &[])
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    let dat: Vec<String> = ix
        .hits("Witkoff", &["--sort", "date"])
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    assert_ne!(rel, dat);
}

#[test]
fn snippets_highlight_the_query_words() {
    let ix = Ix::corpus();
    let langs = ix.languages();
    for q in [
        "Witkoff",
        "ceasefire",
        "Зеленский",
        "Sicherheitsgarantie",
        "Київ",
        "garanties",
    ] {
        let forms: BTreeSet<String> = langs
            .iter()
            .map(|l| Some(l.as_str()))
            .chain([None])
            .flat_map(|l| tokenizer::terms(l, q))
            .collect();
        let hits = ix.hits(q, &[]);
        assert!(!hits.is_empty(), "{q} has hits");
        let mut highlighted = 0;
        for h in &hits {
            let snippet = h["snippet"].as_str().unwrap();
            assert!(!snippet.is_empty(), "{q}: every hit has a snippet");
            assert!(!snippet.contains('\n'), "snippets are one line");
            let lang = h["lang"].as_str();
            for pair in h["highlights"].as_array().unwrap() {
                let (s, e) = (
                    pair[0].as_u64().unwrap() as usize,
                    pair[1].as_u64().unwrap() as usize,
                );
                assert!(
                    s < e && e <= snippet.len(),
                    "{q}: highlight {s}..{e} inside snippet of {} bytes",
                    snippet.len()
                );
                assert!(
                    snippet.is_char_boundary(s) && snippet.is_char_boundary(e),
                    "{q}: byte offsets on char boundaries"
                );
                let word = &snippet[s..e];
                let analysed = tokenizer::terms(lang, word);
                assert!(
                    analysed.len() == 1 && forms.contains(&analysed[0]),
                    "{q}: highlighted {word:?} (→ {analysed:?}) is not a query word {forms:?}\nsnippet: {snippet}"
                );
                highlighted += 1;
            }
        }
        assert!(highlighted > 0, "{q}: some snippet highlights the word");
        // Articles whose body has the word get a highlighted snippet.
        let body_hits = ix.ids(&format!("body:{q}"), &[]);
        for h in &hits {
            if body_hits.contains(h["id"].as_str().unwrap()) {
                assert!(
                    !h["highlights"].as_array().unwrap().is_empty(),
                    "{q}: body match {} has highlights",
                    h["id"]
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Brute-force agreement on basil (300 articles from ../shared)
// ---------------------------------------------------------------------------------------------

#[test]
fn basil_agrees_with_brute_force() {
    let Some(shared) = util::shared() else { return };
    let basil = shared.join("corpora/basil");
    if !basil.is_dir() {
        eprintln!("skipping: {} not found", basil.display());
        return;
    }
    let (ix, summary) = Ix::build(&[&basil], None);
    let n = summary["total_articles"].as_u64().unwrap() as usize;
    assert_eq!(
        n, 300,
        "basil has 300 articles (shared/README.md): {summary}"
    );
    let articles = ix.articles();
    assert_eq!(articles.len(), n);
    let brute = Brute::new(&ix, &articles);

    let words = [
        "Trump",
        "Obama",
        "president",
        "Congress",
        "Republicans",
        "Democrats",
        "immigration",
        "election",
        "voters",
        "investigation",
        "Russia",
        "said",
        "tax",
        "healthcare",
        "senate",
        "police",
        "shooting",
        "border",
        "climate",
        "impeachment",
        "Clinton",
        "emails",
        "running",
        "abortion",
        "Mueller",
        "nuclear",
        "Iran",
        "Kavanaugh",
        "O'Rourke",
        "Trump-Russia",
        "zzqxvq",
    ];
    let pairs = [
        ("Trump", "Russia"),
        ("Obama", "healthcare"),
        ("border", "wall"),
        ("Senate", "Republicans"),
        ("Iran", "nuclear"),
        ("Clinton", "emails"),
        ("police", "shooting"),
        ("tax", "cuts"),
        ("Supreme", "Court"),
        ("North", "Korea"),
        ("gun", "control"),
    ];
    let phrases = [
        "White House",
        "Supreme Court",
        "North Korea",
        "health care",
        "border wall",
        "Affordable Care Act",
        "tax cuts",
    ];

    let mut failures: Vec<String> = Vec::new();
    let mut checked = 0;
    let mut nonempty = 0;
    let mut compare = |label: String, got: Ids, want: Ids| {
        checked += 1;
        nonempty += !want.is_empty() as usize;
        if got != want {
            let missing: Vec<String> = want
                .difference(&got)
                .take(3)
                .map(|id| title_of(&articles, id))
                .collect();
            let extra: Vec<String> = got
                .difference(&want)
                .take(3)
                .map(|id| title_of(&articles, id))
                .collect();
            failures.push(format!(
                "{label}: search {} vs brute force {}; missing {missing:?}; extra {extra:?}",
                got.len(),
                want.len()
            ));
        }
    };
    for w in words {
        compare(
            w.to_string(),
            ix.ids(w, &[]),
            brute.matching(w, Scope::Both),
        );
    }
    for (a, b) in pairs {
        let want = and(
            &brute.matching(a, Scope::Both),
            &brute.matching(b, Scope::Both),
        );
        compare(format!("{a} {b}"), ix.ids(&format!("{a} {b}"), &[]), want);
    }
    for p in phrases {
        compare(
            format!("\"{p}\""),
            ix.ids(&format!("\"{p}\""), &[]),
            brute.matching(p, Scope::Both),
        );
    }
    for w in ["Trump", "immigration", "Clinton"] {
        compare(
            format!("title:{w}"),
            ix.ids(&format!("title:{w}"), &[]),
            brute.matching(w, Scope::Title),
        );
    }
    for p in ["impeach", "immigra", "nuclea"] {
        compare(
            format!("{p}*"),
            ix.ids(&format!("{p}*"), &[]),
            brute.prefixed(p),
        );
    }
    eprintln!(
        "basil: {checked} queries checked against the brute-force scan, {nonempty} with matches"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} queries disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        nonempty >= checked - 3,
        "the queries mostly match something ({nonempty}/{checked})"
    );
}

fn title_of(articles: &BTreeMap<String, Doc>, id: &str) -> String {
    format!(
        "{id} ({})",
        articles
            .get(id)
            .and_then(|d| d.title.clone())
            .unwrap_or_default()
    )
}

/// `kwic` shows every occurrence of a word, a phrase, a prefix (`sanktion*`) and a fuzzy word
/// (`witkof~1`) in the articles `search` finds for the same query, and nothing else.
#[test]
fn kwic_lines_match_their_query_and_cover_every_article_found() {
    let ix = Ix::corpus();
    let fold = |s: &str| -> String {
        use unicode_normalization::UnicodeNormalization;
        s.to_lowercase()
            .nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .collect()
    };
    type Check = Box<dyn Fn(&str) -> bool>;
    let cases: Vec<(&str, Check)> = vec![
        ("ceasefire", Box::new(|m: &str| m.starts_with("ceasefire"))),
        (
            "\"security guarantees\"",
            Box::new(|m: &str| m.starts_with("security guarantee")),
        ),
        ("sanktion*", Box::new(|m: &str| m.starts_with("sanktion"))),
        (
            "witkof~1",
            Box::new(|m: &str| strsim::osa_distance(m, "witkoff") <= 2),
        ),
    ];
    for (q, fits) in cases {
        let r = ix.run(&["kwic", q, "--format", "json", "-n", "1000"]);
        assert_eq!(r.code, 0, "kwic {q}: {}", r.stderr);
        let v = r.json();
        let lines = v["lines"].as_array().unwrap();
        assert!(!lines.is_empty(), "kwic {q} found nothing");
        assert_eq!(v["total"].as_u64(), Some(lines.len() as u64), "{q}");
        for l in lines {
            let m = fold(l["match"].as_str().unwrap());
            assert!(fits(&m), "kwic {q}: {m:?} does not fit");
        }
        let with_lines: Ids = lines
            .iter()
            .map(|l| l["id"].as_str().unwrap().to_string())
            .collect();
        assert_same(&format!("kwic {q}"), &with_lines, &ix.ids(q, &[]));
    }
}

/// `-n` shows the first lines of the whole concordance (only those are built), `total` counts
/// them all, `--by date` puts undated articles last, and a proximity query shows its words in
/// any order, as `search` matches them.
#[test]
fn kwic_limits_orders_and_finds_proximity_matches() {
    let ix = Ix::corpus();
    for by in ["outlet", "date"] {
        let kwic = |n: &str| {
            ix.run(&["kwic", "ceasefire", "--by", by, "--format", "json", "-n", n])
                .json()
        };
        let all = kwic("1000");
        let all_lines = all["lines"].as_array().unwrap().clone();
        assert!(all_lines.len() > 5, "{by}: {}", all_lines.len());
        let some = kwic("3");
        assert_eq!(some["total"], all["total"], "{by}");
        assert_eq!(
            some["lines"].as_array().unwrap()[..],
            all_lines[..3],
            "{by}"
        );
        if by == "date" {
            let dates: Vec<Option<&str>> = all_lines.iter().map(|l| l["date"].as_str()).collect();
            let first_undated = dates
                .iter()
                .position(Option::is_none)
                .unwrap_or(dates.len());
            assert!(
                dates[first_undated..].iter().all(Option::is_none),
                "undated lines last: {dates:?}"
            );
            let dated: Vec<&str> = dates[..first_undated].iter().map(|d| d.unwrap()).collect();
            assert!(dated.windows(2).all(|w| w[0] <= w[1]), "by date: {dated:?}");
        }
    }
    // "guarantees for security" is within two words of "security guarantees" in either order.
    let near = ix
        .run(&[
            "kwic",
            "\"guarantees security\"~2",
            "--format",
            "json",
            "-n",
            "1000",
        ])
        .json();
    let lines = near["lines"].as_array().unwrap();
    let ids: Ids = lines
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    assert_same(
        "kwic proximity",
        &ids,
        &ix.ids("\"guarantees security\"~2", &[]),
    );
    assert!(lines.iter().any(|l| l["match"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .starts_with("security")));
}

/// `person:`, `org:`, `place:` and `topic:` in a query take names in any spelling, as the
/// flags do, and an unknown one is an error with a suggestion, not an empty result.
#[test]
fn entity_and_topic_fields_in_a_query_resolve_names_like_the_flags() {
    let ix = Ix::corpus();
    let count = |args: &[&str]| -> String {
        let r = ix.run(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r.stdout.trim().to_string()
    };
    let by_flag = count(&["search", "*", "--person", "putin", "--count"]);
    assert_ne!(by_flag, "0");
    for q in ["person:putin", "person:vladimir-putin", "person:Путин"] {
        assert_eq!(count(&["search", q, "--count"]), by_flag, "{q}");
    }
    assert_eq!(
        count(&["search", "place:Kiev", "--count"]),
        count(&["search", "*", "--place", "kyiv", "--count"])
    );
    for (q, hint) in [
        ("topic:cesefire", "ceasefire"),
        ("person:nobodyxyz", "no such person"),
    ] {
        let r = ix.run(&["search", q, "--count"]);
        assert_eq!(r.code, 2, "{q}: {}", r.stdout);
        assert!(r.stderr.contains(hint), "{q}: {}", r.stderr);
    }
}

/// `show` finds an article by its URL whatever the scheme, "www." or final slash of the copy
/// pasted, and says so when nothing has that id.
#[test]
fn show_finds_an_article_by_any_form_of_its_url() {
    let ix = Ix::corpus();
    let url = "https://www.abendpost.example/politik/ausland/videoschalte-trump-merz-selenskyj-a-20250813.html";
    let title = |id: &str| {
        let r = ix.run(&["show", "--format", "json", "--", id]);
        assert_eq!(r.code, 0, "{id}: {}", r.stderr);
        r.json()["title"].as_str().map(str::to_string)
    };
    let want = title(url);
    assert!(want.is_some());
    for other in [
        "http://abendpost.example/politik/ausland/videoschalte-trump-merz-selenskyj-a-20250813.html/",
        "http://www.abendpost.example/politik/ausland/videoschalte-trump-merz-selenskyj-a-20250813.html?utm_source=x",
    ] {
        assert_eq!(title(other), want, "{other}");
    }
    let r = ix.run(&[
        "show",
        "https://www.abendpost.example/politik/nothing-here.html",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

/// One outlet spelled from its folder ("courrier-du-nord") and from metadata ("Courrier du
/// Nord") is one outlet, and `--outlet` in any case finds both articles (it had found the
/// folder's one only).
#[test]
fn an_outlet_from_its_folder_and_its_metadata_is_one_outlet() {
    let (tmp, idx) = crate::util::indexed(&[
        (
            "courrier-du-nord/a.txt",
            "Trêve\n\nLe cessez-le-feu tient.\n",
        ),
        (
            "courrier-du-nord/b.md",
            "---\ntitle: Trêve\noutlet: Courrier du Nord\n---\nLe cessez-le-feu tient toujours.\n",
        ),
        (
            "other/c.md",
            "---\ntitle: X\noutlet: COURRIER DU NORD\n---\nLe cessez-le-feu tient bien.\n",
        ),
    ]);
    let stats = crate::util::run_ix(tmp.path(), &idx, &["stats", "--format", "json"]).json();
    let outlets = stats["outlets"].to_string();
    assert!(outlets.contains("\"Courrier du Nord\""), "{outlets}");
    assert!(!outlets.contains("Courrier Du Nord"), "{outlets}");
    for spelling in ["courrier du nord", "COURRIER DU NORD", "Courrier du Nord"] {
        let r = crate::util::run_ix(
            tmp.path(),
            &idx,
            &["search", "*", "--outlet", spelling, "--count"],
        );
        assert_eq!(r.stdout.trim(), "3", "{spelling}: {}", r.stderr);
    }
}

/// `--topic` and `topic:` take a word of a topic in any language of the lexicon, with a note
/// (`--topic Waffenstillstand` had suggested "sanctions").
#[test]
fn a_topic_word_in_any_language_names_its_topic() {
    let (tmp, idx) = crate::util::indexed(&[
        ("a.txt", "Truce\n\nThe ceasefire held along the front.\n"),
        ("b.txt", "Aid\n\nThe convoy brought food.\n"),
        (
            "c.txt",
            "Sanktionen\n\nDie EU verhängte neue Sanktionen gegen Russland.\n",
        ),
    ]);
    for args in [
        &["search", "*", "--topic", "Waffenstillstand", "--count"][..],
        &["search", "topic:перемирие", "--count"],
        // (A word only a longer pattern holds.)
        &["search", "*", "--topic", "Sanktionen", "--count"],
        &["search", "*", "--topic", "ceasefire", "--count"],
    ] {
        let r = crate::util::run_ix(tmp.path(), &idx, args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout.trim(), "1", "{args:?}: {}", r.stderr);
    }
    let r = crate::util::run_ix(
        tmp.path(),
        &idx,
        &["search", "*", "--topic", "Waffenstillstand"],
    );
    assert!(
        r.stderr.contains("taken as the topic \"ceasefire\""),
        "{}",
        r.stderr
    );
}

/// A ".csv" with semicolons (a spreadsheet where the comma is the decimal mark) is read, not
/// skipped; a TSV title wrapped in double quotes loses them.
#[test]
fn semicolon_csv_and_quoted_tsv_fields() {
    let (tmp, idx) = crate::util::indexed(&[
        (
            "a.csv",
            "title;date;outlet;body\nTruce holds;17.08.2025;Le Soir;\"Le cessez-le-feu tient; dit-on.\"\n",
        ),
        ("b.tsv", "title\tdate\tbody\n\"Talks resume\"\t2025-08-17\tThe talks resumed in Geneva.\n"),
        // Field names in another language (Spanish headers).
        (
            "c.csv",
            "titulo;fecha;medio;texto\nAlto el fuego;17 de agosto de 2025;El País;\"El alto el fuego se mantiene.\"\n",
        ),
    ]);
    let r = crate::util::run_ix(tmp.path(), &idx, &["search", "*", "--format", "json"]);
    let hits = r.json()["hits"].clone();
    let titles: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert_eq!(hits.as_array().unwrap().len(), 3, "{}", r.stderr);
    assert!(
        titles.contains(&"Truce holds") && titles.contains(&"Talks resume"),
        "{titles:?}"
    );
    let titled = |t: &str| {
        let hit = hits.as_array().unwrap().iter().find(|h| h["title"] == t);
        hit.unwrap().clone()
    };
    assert_eq!(titled("Truce holds")["outlet"], "Le Soir");
    let es = titled("Alto el fuego");
    assert_eq!(es["outlet"], "El País");
    assert_eq!(es["date"], "2025-08-17T00:00:00Z");
}

/// Two identical articles without a URL share their id (a hash of outlet, title, date and
/// text): `show` says so, not "the same URL".
#[test]
fn show_names_why_articles_share_an_id() {
    let text = "Truce\n\nThe ceasefire held along the front.\n";
    let (tmp, idx) = crate::util::indexed(&[("a/one.txt", text), ("a/two.txt", text)]);
    let hits = crate::util::run_ix(tmp.path(), &idx, &["search", "*", "--format", "json"]).json();
    let id = hits["hits"][0]["id"].as_str().unwrap().to_string();
    let r = crate::util::run_ix(tmp.path(), &idx, &["show", &id]);
    assert!(
        r.stderr
            .contains("2 articles share this id (the same outlet, title, date and text)"),
        "{}",
        r.stderr
    );
}

/// `stats` counts the articles with no language, as it counts those without date or outlet.
#[test]
fn stats_counts_articles_without_a_language() {
    let (tmp, idx) = crate::util::indexed(&[
        ("a.txt", "Truce\n\nThe ceasefire held along the front, and the talks went on for the whole of the week, officials said.\n"),
        ("b.txt", "Kyiv, 17.08.\n"),
    ]);
    let st = crate::util::run_ix(tmp.path(), &idx, &["stats", "--format", "json"]).json();
    assert_eq!(st["without_language"], 1, "{st}");
    let text = crate::util::run_ix(tmp.path(), &idx, &["stats"]).stdout;
    assert!(text.contains("en 1, unknown 1"), "{text}");
}

/// A folder per language ("en/", "russian/") is no outlet, and a short lower-case folder name
/// is an acronym ("wsx/" is WSX).
#[test]
fn language_folders_are_no_outlets_and_short_names_are_acronyms() {
    let text = "Truce\n\nThe ceasefire talks went on.\n";
    let (tmp, idx) = crate::util::indexed(&[
        ("en/a.txt", text),
        (
            "russian/b.txt",
            "Перемирие\n\nПереговоры о перемирии продолжились.\n",
        ),
        ("wsx/c.txt", "Aid\n\nThe convoy brought food and water.\n"),
    ]);
    let st = crate::util::run_ix(tmp.path(), &idx, &["stats", "--format", "json"]).json();
    let names: Vec<&str> = st["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["WSX"], "{st}");
    assert_eq!(st["without_outlet"], 2, "{st}");
}
