//! `attache compare` against brute force (issue: "A test computes the same per-outlet counts,
//! totals, shares and weekly buckets by brute force over the stored documents for at least 20
//! random queries on basil and allsides and requires exact equality").
//!
//! Every article's id, title, outlet, date and language is read once with `search '*'`; each
//! query's matching ids come from `search QUERY` with the same filters. From those the test
//! recomputes, per group (outlet, language or publisher country): matches, total (the group's
//! articles in the filter scope, computed from the filters and checked against `search '*'`),
//! share, first and last match, lag, and the dense calendar timeline (day, Monday-based ISO week
//! or month; buckets labelled by their first day, months as YYYY-MM; articles without a group
//! value under "(unknown)"), and requires exact equality with `compare --format json`.
//! Queries are drawn with a fixed-seed PRNG from pools of realistic queries per corpus.
//! The bundled corpus (with attache.toml) covers --by country, CSV, text, exit codes and
//! --queries files.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc, Weekday};
use serde::Deserialize;

/// Matching article indexes per (query, filter flags), so each search runs once.
type SearchCache = HashMap<(String, Vec<String>), BTreeSet<usize>>;
use crate::util::{self, Run};

/// Name the product gives to articles without a value in the grouping field.
const UNKNOWN: &str = "(unknown)";

// ---------------------------------------------------------------------------------------------
// Output shapes (the contract of `compare --format json`), parsed independently of src/.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize, PartialEq)]
struct Out {
    queries: Vec<QueryLabel>,
    by: String,
    interval: String,
    rows: Vec<Row>,
    timeline: Vec<Point>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
struct QueryLabel {
    label: String,
    query: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
struct Row {
    group: String,
    query: String,
    matches: u64,
    total: u64,
    share: f64,
    stories: u64,
    first: Option<String>,
    first_title: Option<String>,
    last: Option<String>,
    lag_days: Option<f64>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
struct Point {
    bucket: String,
    group: String,
    query: String,
    matches: u64,
    total: u64,
    share: f64,
}

/// One line of `search --format jsonl` (only the fields the brute force needs).
#[derive(Deserialize)]
struct HitLine {
    id: String,
    path: String,
    record: u64,
    title: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    lang: Option<String>,
}

impl HitLine {
    fn key(&self) -> String {
        format!("{}#{}", self.path, self.record)
    }
}

// ---------------------------------------------------------------------------------------------
// Grouping, calendar buckets, filter scopes
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum By {
    Outlet,
    Lang,
    Country,
}

impl By {
    fn name(self) -> &'static str {
        match self {
            By::Outlet => "outlet",
            By::Lang => "lang",
            By::Country => "country",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Iv {
    Day,
    Week,
    Month,
}

impl Iv {
    fn name(self) -> &'static str {
        match self {
            Iv::Day => "day",
            Iv::Week => "week",
            Iv::Month => "month",
        }
    }

    /// First day of the bucket holding `d` (weeks start on Monday).
    fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Iv::Day => d,
            Iv::Week => d.week(Weekday::Mon).first_day(),
            Iv::Month => d.with_day(1).unwrap(),
        }
    }

    fn next(self, b: NaiveDate) -> NaiveDate {
        match self {
            Iv::Day => b.succ_opt().unwrap(),
            Iv::Week => b.checked_add_days(Days::new(7)).unwrap(),
            Iv::Month => b.checked_add_months(Months::new(1)).unwrap(),
        }
    }

    fn label(self, b: NaiveDate) -> String {
        match self {
            Iv::Month => format!("{:04}-{:02}", b.year(), b.month()),
            Iv::Day | Iv::Week => b.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Filters, as given on the command line and as applied by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Scope {
    outlets: Vec<&'static str>,
    since: Option<&'static str>,
    until: Option<&'static str>,
    langs: Vec<&'static str>,
}

impl Scope {
    fn all() -> Scope {
        Scope::default()
    }

    fn dates(since: Option<&'static str>, until: Option<&'static str>) -> Scope {
        Scope {
            since,
            until,
            ..Scope::default()
        }
    }

    fn args(&self) -> Vec<String> {
        let mut a = Vec::new();
        for o in &self.outlets {
            a.push(format!("--outlet={o}"));
        }
        for l in &self.langs {
            a.push(format!("--lang={l}"));
        }
        if let Some(s) = self.since {
            a.push(format!("--since={s}"));
        }
        if let Some(u) = self.until {
            a.push(format!("--until={u}"));
        }
        a
    }

    fn is_all(&self) -> bool {
        *self == Scope::default()
    }

    /// `--since` includes the whole day (month, year) it names from its start, `--until` up to
    /// its end; an undated article is outside any date filter.
    fn admits(&self, a: &Art) -> bool {
        if !self.outlets.is_empty()
            && !a
                .outlet
                .as_deref()
                .is_some_and(|o| self.outlets.contains(&o))
        {
            return false;
        }
        if !self.langs.is_empty() && !a.lang.as_deref().is_some_and(|l| self.langs.contains(&l)) {
            return false;
        }
        if self.since.is_some() || self.until.is_some() {
            let Some(d) = a.date else { return false };
            if self.since.is_some_and(|s| d < period(s).0) {
                return false;
            }
            if self.until.is_some_and(|u| d >= period(u).1) {
                return false;
            }
        }
        true
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → [start, end) in UTC.
fn period(s: &str) -> (DateTime<Utc>, DateTime<Utc>) {
    let p: Vec<u32> = s.split('-').map(|x| x.parse().unwrap()).collect();
    let ymd = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d).unwrap();
    let (start, end) = match p[..] {
        [y] => (ymd(y, 1, 1), ymd(y + 1, 1, 1)),
        [y, m] => (
            ymd(y, m, 1),
            ymd(y, m, 1).checked_add_months(Months::new(1)).unwrap(),
        ),
        [y, m, d] => (ymd(y, m, d), ymd(y, m, d).succ_opt().unwrap()),
        _ => panic!("bad period {s}"),
    };
    let utc = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_utc();
    (utc(start), utc(end))
}

fn rfc3339(d: DateTime<Utc>) -> String {
    d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

// ---------------------------------------------------------------------------------------------
// Queries and the PRNG that picks them
// ---------------------------------------------------------------------------------------------

/// One query of a compare call: positional (its own label) or `--query=LABEL=QUERY`.
#[derive(Clone, Debug)]
struct Q {
    label: String,
    query: String,
    named: bool,
}

impl Q {
    fn plain(q: &str) -> Q {
        Q {
            label: q.to_string(),
            query: q.to_string(),
            named: false,
        }
    }
    fn named(label: &str, q: &str) -> Q {
        Q {
            label: label.to_string(),
            query: q.to_string(),
            named: true,
        }
    }
}

/// splitmix64: small, deterministic, good enough to pick queries.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// `n` distinct items of `pool` (partial Fisher–Yates).
    fn pick<T: Clone>(&mut self, pool: &[T], n: usize) -> Vec<T> {
        assert!(
            n <= pool.len(),
            "pool of {} is too small for {n}",
            pool.len()
        );
        let mut v = pool.to_vec();
        for i in 0..n {
            let j = i + self.below(v.len() - i);
            v.swap(i, j);
        }
        v.truncate(n);
        v
    }
}

// ---------------------------------------------------------------------------------------------
// Fixture: an index, every article's metadata, cached searches
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Art {
    id: String,
    title: Option<String>,
    outlet: Option<String>,
    date: Option<DateTime<Utc>>,
    lang: Option<String>,
}

struct Fx {
    dir: tempfile::TempDir,
    idx: PathBuf,
    config: Option<PathBuf>,
    arts: Vec<Art>,
    /// `path#record` → article. (Ids are URLs, and a few allsides files share one: the
    /// source file and record are what tell articles apart.)
    index_of: HashMap<String, usize>,
    /// Canonical outlet → publisher country, from the config file.
    countries: HashMap<String, String>,
    /// (query, filter args) → matching articles.
    searches: RefCell<SearchCache>,
    /// Scopes already checked against `search '*'`.
    scopes: RefCell<HashMap<Vec<String>, BTreeSet<usize>>>,
}

/// Matches, totals and the timeline of one call as the brute force sees them.
struct Expected {
    groups: BTreeSet<String>,
    buckets: Vec<String>,
    /// (label, group) → row.
    rows: BTreeMap<(String, String), ExpRow>,
    /// (label, group) → (matches, total) per bucket, in bucket order.
    series: BTreeMap<(String, String), Vec<(u64, u64)>>,
}

#[derive(Debug)]
struct ExpRow {
    matches: u64,
    total: u64,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    lag_days: Option<f64>,
    /// Titles of the group's matches dated at `first` (any may be shown).
    first_titles: BTreeSet<Option<String>>,
}

impl Fx {
    fn build(paths: &[&Path], config: Option<PathBuf>) -> Fx {
        let dir = util::tempdir();
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
        let countries = config
            .as_ref()
            .map(|c| config_countries(c))
            .unwrap_or_default();
        let mut fx = Fx {
            dir,
            idx,
            config,
            arts: Vec::new(),
            index_of: HashMap::new(),
            countries,
            searches: RefCell::new(HashMap::new()),
            scopes: RefCell::new(HashMap::new()),
        };
        let r = fx.run(&[
            "search", "--limit", "100000", "--format", "jsonl", "--", "*",
        ]);
        assert_eq!(r.code, 0, "search '*': {}", r.stderr);
        for line in r.stdout.lines() {
            let h: HitLine = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
            let date = h.date.as_deref().map(|s| {
                assert!(s.ends_with('Z'), "hit dates are UTC: {s}");
                DateTime::parse_from_rfc3339(s)
                    .unwrap_or_else(|e| panic!("hit date {s}: {e}"))
                    .with_timezone(&Utc)
            });
            let prev = fx.index_of.insert(h.key(), fx.arts.len());
            assert!(
                prev.is_none(),
                "article {} listed twice by search '*'",
                h.key()
            );
            fx.arts.push(Art {
                id: h.id,
                title: h.title,
                outlet: h.outlet,
                date,
                lang: h.lang,
            });
        }
        assert_eq!(
            Some(fx.arts.len() as u64),
            summary["total_articles"].as_u64(),
            "search '*' --limit 100000 lists every indexed article"
        );
        fx
    }

    fn run<S: AsRef<str>>(&self, args: &[S]) -> Run {
        let idx = self.idx.display().to_string();
        let mut full: Vec<String> = vec!["--index".into(), idx];
        if let Some(c) = &self.config {
            full.extend(["--config".into(), c.display().to_string()]);
        }
        full.extend(args.iter().map(|a| a.as_ref().to_string()));
        let refs: Vec<&str> = full.iter().map(String::as_str).collect();
        util::run(self.dir.path(), &refs)
    }

    /// Ids `search QUERY` returns within `scope`, as article indices.
    fn search(&self, query: &str, scope: &Scope) -> BTreeSet<usize> {
        let key = (query.to_string(), scope.args());
        if let Some(s) = self.searches.borrow().get(&key) {
            return s.clone();
        }
        let mut args: Vec<String> = ["search", "--limit", "100000", "--format", "jsonl"]
            .map(String::from)
            .to_vec();
        args.extend(scope.args());
        args.extend(["--".to_string(), query.to_string()]);
        let r = self.run(&args);
        assert!(
            r.code == 0 || r.code == 1,
            "search {query:?} {:?} failed ({}): {}",
            scope.args(),
            r.code,
            r.stderr
        );
        let mut ids = BTreeSet::new();
        for line in r.stdout.lines() {
            let h: HitLine = serde_json::from_str(line).unwrap();
            let i = *self
                .index_of
                .get(&h.key())
                .unwrap_or_else(|| panic!("search {query:?} returned unknown {}", h.key()));
            assert_eq!(
                self.arts[i].id,
                h.id,
                "{}: same id in every search",
                h.key()
            );
            assert!(ids.insert(i), "search {query:?} returned {} twice", h.key());
        }
        assert_eq!(
            r.code,
            if ids.is_empty() { 1 } else { 0 },
            "search exit code for {query:?}"
        );
        self.searches.borrow_mut().insert(key, ids.clone());
        ids
    }

    /// The articles within `scope`, by hand; the first time for each scope, also checked to be
    /// exactly what `search '*'` with the same filters returns.
    fn scope(&self, scope: &Scope) -> BTreeSet<usize> {
        let key = scope.args();
        if let Some(s) = self.scopes.borrow().get(&key) {
            return s.clone();
        }
        let by_hand: BTreeSet<usize> = (0..self.arts.len())
            .filter(|&i| scope.admits(&self.arts[i]))
            .collect();
        if !scope.is_all() {
            let listed = self.search("*", scope);
            assert!(
                listed == by_hand,
                "search '*' {:?} lists {} articles, the filters admit {} by hand \
                 (only listed: {:?}; only by hand: {:?})",
                key,
                listed.len(),
                by_hand.len(),
                listed
                    .difference(&by_hand)
                    .take(5)
                    .map(|&i| &self.arts[i])
                    .collect::<Vec<_>>(),
                by_hand
                    .difference(&listed)
                    .take(5)
                    .map(|&i| &self.arts[i])
                    .collect::<Vec<_>>(),
            );
        }
        self.scopes.borrow_mut().insert(key, by_hand.clone());
        by_hand
    }

    fn group(&self, a: &Art, by: By) -> String {
        let g = match by {
            By::Outlet => a.outlet.clone().filter(|o| !o.is_empty()),
            By::Lang => a.lang.clone().filter(|l| !l.is_empty()),
            By::Country => a
                .outlet
                .as_ref()
                .and_then(|o| self.countries.get(o).cloned()),
        };
        g.unwrap_or_else(|| UNKNOWN.to_string())
    }

    /// Arguments of a compare call (positional queries after `--`, so they may start with '-').
    fn compare_args(&self, qs: &[Q], scope: &Scope, by: By, iv: Iv, format: &str) -> Vec<String> {
        let mut args: Vec<String> = vec![
            "compare".into(),
            format!("--format={format}"),
            format!("--by={}", by.name()),
            format!("--interval={}", iv.name()),
        ];
        args.extend(scope.args());
        for q in qs.iter().filter(|q| q.named) {
            args.push(format!("--query={}={}", q.label, q.query));
        }
        args.push("--".into());
        args.extend(qs.iter().filter(|q| !q.named).map(|q| q.query.clone()));
        args
    }

    fn compare(&self, qs: &[Q], scope: &Scope, by: By, iv: Iv) -> (Run, Out) {
        let args = self.compare_args(qs, scope, by, iv, "json");
        let r = self.run(&args);
        assert!(
            r.code == 0 || r.code == 1,
            "compare {args:?} failed ({}): {}",
            r.code,
            r.stderr
        );
        let out: Out = serde_json::from_str(&r.stdout).unwrap_or_else(|e| {
            panic!(
                "compare {args:?}: stdout is not the JSON contract ({e}): {:.2000}\nstderr: {}",
                r.stdout, r.stderr
            )
        });
        (r, out)
    }

    /// Everything `compare` should print, recomputed from the articles and the search hits.
    fn expect(&self, qs: &[Q], scope: &Scope, by: By, iv: Iv) -> Expected {
        let in_scope = self.scope(scope);
        let mut totals: BTreeMap<String, u64> = BTreeMap::new();
        let mut bucket_totals: HashMap<(String, NaiveDate), u64> = HashMap::new();
        for &i in &in_scope {
            let a = &self.arts[i];
            let g = self.group(a, by);
            *totals.entry(g.clone()).or_default() += 1;
            if let Some(d) = a.date {
                *bucket_totals
                    .entry((g, iv.start(d.date_naive())))
                    .or_default() += 1;
            }
        }
        // Dense buckets from the scope's first to its last dated article.
        let starts: Vec<NaiveDate> = in_scope
            .iter()
            .filter_map(|&i| self.arts[i].date)
            .map(|d| iv.start(d.date_naive()))
            .collect();
        let mut bucket_starts = Vec::new();
        if let (Some(&lo), Some(&hi)) = (starts.iter().min(), starts.iter().max()) {
            let mut b = lo;
            while b <= hi {
                bucket_starts.push(b);
                b = iv.next(b);
            }
        }

        let mut rows = BTreeMap::new();
        let mut series = BTreeMap::new();
        for q in qs {
            let hits = self.search(&q.query, scope);
            let outside: Vec<&Art> = hits.difference(&in_scope).map(|&i| &self.arts[i]).collect();
            assert!(
                outside.is_empty(),
                "search {:?} {:?} returned articles outside the filter scope: {outside:?}",
                q.query,
                scope.args()
            );
            let mut per_group: BTreeMap<String, Vec<&Art>> = BTreeMap::new();
            for &i in &hits {
                let a = &self.arts[i];
                per_group.entry(self.group(a, by)).or_default().push(a);
            }
            let earliest = hits.iter().filter_map(|&i| self.arts[i].date).min();
            for (g, &total) in &totals {
                let m: &[&Art] = per_group.get(g).map(Vec::as_slice).unwrap_or(&[]);
                let first = m.iter().filter_map(|a| a.date).min();
                let last = m.iter().filter_map(|a| a.date).max();
                let first_titles = m
                    .iter()
                    .filter(|a| first.is_some() && a.date == first)
                    .map(|a| a.title.clone())
                    .collect();
                let lag_days = first.map(|f| {
                    let secs = (f - earliest.unwrap()).num_seconds() as f64;
                    (secs / 86_400.0 * 100.0).round() / 100.0
                });
                rows.insert(
                    (q.label.clone(), g.clone()),
                    ExpRow {
                        matches: m.len() as u64,
                        total,
                        first,
                        last,
                        lag_days,
                        first_titles,
                    },
                );
                let mut per_bucket: HashMap<NaiveDate, u64> = HashMap::new();
                for d in m.iter().filter_map(|a| a.date) {
                    *per_bucket.entry(iv.start(d.date_naive())).or_default() += 1;
                }
                let s: Vec<(u64, u64)> = bucket_starts
                    .iter()
                    .map(|b| {
                        (
                            per_bucket.get(b).copied().unwrap_or(0),
                            bucket_totals.get(&(g.clone(), *b)).copied().unwrap_or(0),
                        )
                    })
                    .collect();
                series.insert((q.label.clone(), g.clone()), s);
            }
        }
        Expected {
            groups: totals.keys().cloned().collect(),
            buckets: bucket_starts.iter().map(|b| iv.label(*b)).collect(),
            rows,
            series,
        }
    }

    /// Runs `compare` and requires exact agreement with the brute force; returns the output.
    fn check(&self, qs: &[Q], scope: &Scope, by: By, iv: Iv) -> Out {
        let (r, out) = self.compare(qs, scope, by, iv);
        let exp = self.expect(qs, scope, by, iv);
        let ctx = format!(
            "compare {:?} by {} per {} with {:?}",
            qs.iter().map(|q| &q.query).collect::<Vec<_>>(),
            by.name(),
            iv.name(),
            scope.args()
        );
        assert_matches_expected(&out, &exp, qs, by, iv, &ctx);
        let any = out.rows.iter().any(|r| r.matches > 0);
        assert_eq!(r.code, if any { 0 } else { 1 }, "exit code of {ctx}");
        eprintln!(
            "ok: {ctx}: {} matches, {} groups, {} buckets",
            out.rows.iter().map(|r| r.matches).sum::<u64>(),
            exp.groups.len(),
            exp.buckets.len()
        );
        out
    }
}

/// Requires `out` to equal the brute force exactly.
fn assert_matches_expected(out: &Out, exp: &Expected, qs: &[Q], by: By, iv: Iv, ctx: &str) {
    assert_eq!(out.by, by.name(), "{ctx}: by");
    assert_eq!(out.interval, iv.name(), "{ctx}: interval");
    let want_queries: Vec<QueryLabel> = qs
        .iter()
        .map(|q| QueryLabel {
            label: q.label.clone(),
            query: q.query.clone(),
        })
        .collect();
    assert_eq!(out.queries, want_queries, "{ctx}: queries and labels");

    // Rows: one per label × group, each label's rows together, in the order of the queries.
    let labels: Vec<&str> = qs.iter().map(|q| q.label.as_str()).collect();
    let row_labels: Vec<&str> = out.rows.iter().map(|r| r.query.as_str()).collect();
    let mut blocks: Vec<&str> = row_labels.clone();
    blocks.dedup();
    assert_eq!(blocks, labels, "{ctx}: rows come query by query, in order");
    let mut seen = BTreeSet::new();
    for r in &out.rows {
        assert!(
            seen.insert((r.query.clone(), r.group.clone())),
            "{ctx}: two rows for {} / {}",
            r.query,
            r.group
        );
    }
    for q in qs {
        let got: BTreeSet<&str> = out
            .rows
            .iter()
            .filter(|r| r.query == q.label)
            .map(|r| r.group.as_str())
            .collect();
        let want: BTreeSet<&str> = exp.groups.iter().map(String::as_str).collect();
        assert_eq!(got, want, "{ctx}: groups of {:?}", q.label);
    }
    for r in &out.rows {
        let e = &exp.rows[&(r.query.clone(), r.group.clone())];
        let what = format!("{ctx}: row {:?} / {:?}", r.query, r.group);
        assert_eq!(r.matches, e.matches, "{what}: matches");
        assert_eq!(r.total, e.total, "{what}: total");
        assert!(
            same_f64(r.share, e.matches as f64 / e.total as f64),
            "{what}: share {} != {}/{}",
            r.share,
            e.matches,
            e.total
        );
        assert!(
            r.stories <= r.matches && (r.stories == 0) == (r.matches == 0),
            "{what}: stories {} for {} matches",
            r.stories,
            r.matches
        );
        assert_eq!(r.first, e.first.map(rfc3339), "{what}: first");
        assert_eq!(r.last, e.last.map(rfc3339), "{what}: last");
        match (r.lag_days, e.lag_days) {
            (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{what}: lag_days {g} != {w}"),
            (g, w) => assert_eq!(g, w, "{what}: lag_days"),
        }
        if e.first.is_some() {
            assert!(
                e.first_titles.contains(&r.first_title),
                "{what}: first_title {:?} is not the title of a match dated {:?} ({:?})",
                r.first_title,
                r.first,
                e.first_titles
            );
        } else {
            assert_eq!(
                r.first_title, None,
                "{what}: first_title without a dated match"
            );
        }
    }

    // Timeline: for every label × group, the dense bucket list with exact counts.
    let mut got: BTreeMap<(String, String), Vec<&Point>> = BTreeMap::new();
    for p in &out.timeline {
        got.entry((p.query.clone(), p.group.clone()))
            .or_default()
            .push(p);
    }
    let got_keys: BTreeSet<&(String, String)> = got.keys().collect();
    let want_keys: BTreeSet<&(String, String)> = if exp.buckets.is_empty() {
        BTreeSet::new()
    } else {
        exp.series.keys().collect()
    };
    assert_eq!(got_keys, want_keys, "{ctx}: timeline label × group pairs");
    for (key, points) in &got {
        let what = format!("{ctx}: timeline {:?} / {:?}", key.0, key.1);
        let buckets: Vec<&str> = points.iter().map(|p| p.bucket.as_str()).collect();
        assert_eq!(buckets, exp.buckets, "{what}: dense buckets");
        for (p, &(m, t)) in points.iter().zip(&exp.series[key]) {
            assert_eq!((p.matches, p.total), (m, t), "{what}: bucket {}", p.bucket);
            let share = if t == 0 { 0.0 } else { m as f64 / t as f64 };
            assert!(
                same_f64(p.share, share),
                "{what}: bucket {} share {} != {m}/{t}",
                p.bucket,
                p.share
            );
        }
    }
    assert_dense(&exp.buckets, iv, ctx);
}

/// Shares as printed in JSON, parsed back: serde_json's default float parser may land one ulp
/// off the exact value, so JSON shares get 1e-12; CSV shares (parsed by std) are exact.
fn same_f64(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-12
}

/// The expected bucket list itself: consecutive days, Mondays 7 days apart, or months.
fn assert_dense(buckets: &[String], iv: Iv, ctx: &str) {
    let starts: Vec<NaiveDate> = buckets
        .iter()
        .map(|b| match iv {
            Iv::Month => NaiveDate::parse_from_str(&format!("{b}-01"), "%Y-%m-%d").unwrap(),
            _ => NaiveDate::parse_from_str(b, "%Y-%m-%d").unwrap(),
        })
        .collect();
    for w in starts.windows(2) {
        let ok = match iv {
            Iv::Day => (w[1] - w[0]).num_days() == 1,
            Iv::Week => w[0].weekday() == Weekday::Mon && (w[1] - w[0]).num_days() == 7,
            Iv::Month => w[0].day() == 1 && w[0].checked_add_months(Months::new(1)) == Some(w[1]),
        };
        assert!(
            ok,
            "{ctx}: buckets {} then {} are not consecutive",
            w[0], w[1]
        );
    }
}

/// Canonical outlet → country, from `[[outlet]]` tables of a config file.
fn config_countries(path: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    v.get("outlet")
        .and_then(|o| o.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|o| {
                    Some((
                        o.get("name")?.as_str()?.to_string(),
                        o.get("country")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Rows keyed by group, without the label (to compare calls that label a query differently).
fn rows_of(out: &Out, label: &str) -> BTreeMap<String, Row> {
    out.rows
        .iter()
        .filter(|r| r.query == label)
        .map(|r| {
            let mut r = r.clone();
            r.query = String::new();
            (r.group.clone(), r)
        })
        .collect()
}

fn timeline_of(out: &Out, label: &str) -> Vec<Point> {
    out.timeline
        .iter()
        .filter(|p| p.query == label)
        .map(|p| Point {
            query: String::new(),
            ..p.clone()
        })
        .collect()
}

/// What a run of random queries exercised (so a vacuous agreement cannot pass).
#[derive(Default, Debug)]
struct Tally {
    queries: usize,
    with_matches: usize,
    partial_rows: usize,
    positive_lags: usize,
    multi_bucket_series: usize,
}

impl Tally {
    fn add(&mut self, out: &Out) {
        for q in &out.queries {
            self.queries += 1;
            let rows: Vec<&Row> = out.rows.iter().filter(|r| r.query == q.label).collect();
            if rows.iter().any(|r| r.matches > 0) {
                self.with_matches += 1;
            }
            self.partial_rows += rows
                .iter()
                .filter(|r| r.matches > 0 && r.matches < r.total)
                .count();
            self.positive_lags += rows
                .iter()
                .filter(|r| r.lag_days.is_some_and(|l| l > 0.0))
                .count();
            let mut buckets_with_matches: BTreeMap<&str, usize> = BTreeMap::new();
            for p in out
                .timeline
                .iter()
                .filter(|p| p.query == q.label && p.matches > 0)
            {
                *buckets_with_matches.entry(&p.group).or_default() += 1;
            }
            self.multi_bucket_series += buckets_with_matches.values().filter(|&&n| n > 1).count();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// basil (300 articles, 3 outlets, 2010–2019)
// ---------------------------------------------------------------------------------------------

const BASIL_POOL: &[&str] = &[
    "immigration",
    "\"health care\"",
    "Trump AND Russia",
    "sanctions OR tariffs",
    "Obama -Trump",
    "-Obama",
    "\"Supreme Court\"",
    "abortion",
    "\"climate change\"",
    "Clinton",
    "Mueller OR Comey",
    "border wall",
    "Iran",
    "\"North Korea\"",
    "police",
    "election AND NOT Trump",
    "shutdown",
    "refugees OR asylum",
    "tax*",
    "gun OR guns OR firearms",
    "Republicans Democrats",
    "title:Trump",
    "(Syria OR ISIS) AND military",
    "\"White House\"",
    "Congress AND budget",
    "protest*",
    "Putin",
    "vaccine OR vaccines",
    "Brexit",
    "FBI",
    "\"health insurance\"",
    "Pelosi OR McConnell",
    "China AND trade",
    "women",
    "Muller~1",
    "\"border security\"~3",
];

fn basil_scopes() -> Vec<Scope> {
    vec![
        Scope::all(),
        Scope::all(),
        Scope::all(),
        Scope::all(),
        Scope::dates(Some("2016"), Some("2017-06")),
        Scope::dates(Some("2014-03-15"), None),
        Scope::dates(None, Some("2012")),
        Scope {
            langs: vec!["en"],
            ..Scope::all()
        },
        Scope {
            outlets: vec!["Fox News", "HuffPost"],
            since: Some("2013-01-07"),
            ..Scope::all()
        },
    ]
}

fn basil() -> Option<Fx> {
    let shared = util::shared()?;
    let fx = Fx::build(&[&shared.join("corpora/basil")], None);
    assert_eq!(fx.arts.len(), 300, "basil has 300 articles");
    Some(fx)
}

#[test]
fn basil_random_queries_match_brute_force_per_outlet_and_week() {
    let Some(fx) = basil() else { return };
    let mut rng = Rng(0xBA51_1000);
    let queries = rng.pick(BASIL_POOL, 24);
    let scopes = basil_scopes();
    let mut tally = Tally::default();
    // Every scope in turn (from a random start), so each filter is exercised.
    let start = rng.below(scopes.len());
    for (i, q) in queries.iter().enumerate() {
        let scope = &scopes[(start + i) % scopes.len()];
        let out = fx.check(&[Q::plain(q)], scope, By::Outlet, Iv::Week);
        tally.add(&out);
    }
    // The dense weekly range of the whole corpus spans 2010–2019 (hundreds of Mondays).
    let out = fx.check(&[Q::plain(queries[0])], &Scope::all(), By::Outlet, Iv::Week);
    let groups: BTreeSet<&str> = out.rows.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(
        groups,
        BTreeSet::from(["Fox News", "HuffPost", "The New York Times"])
    );
    let buckets: BTreeSet<&str> = out.timeline.iter().map(|p| p.bucket.as_str()).collect();
    assert!(
        buckets.len() > 400,
        "weekly buckets 2010–2019: {}",
        buckets.len()
    );
    tally.add(&out);

    eprintln!("basil: {tally:?}");
    assert!(tally.queries >= 25);
    assert!(
        tally.with_matches * 4 >= tally.queries * 3,
        "at least 3 in 4 basil queries match something: {tally:?}"
    );
    assert!(tally.partial_rows >= 20, "{tally:?}");
    assert!(tally.positive_lags >= 5, "{tally:?}");
    assert!(tally.multi_bucket_series >= 10, "{tally:?}");
}

#[test]
fn basil_day_month_and_lang_match_brute_force() {
    let Some(fx) = basil() else { return };
    let mut rng = Rng(0xBA51_2000);
    let queries = rng.pick(BASIL_POOL, 9);
    let mut tally = Tally::default();
    for q in &queries[0..3] {
        tally.add(&fx.check(&[Q::plain(q)], &Scope::all(), By::Outlet, Iv::Day));
    }
    tally.add(&fx.check(
        &[Q::plain(queries[3])],
        &Scope::dates(Some("2015-12-20"), Some("2016-03-10")),
        By::Outlet,
        Iv::Day,
    ));
    for q in &queries[3..6] {
        tally.add(&fx.check(&[Q::plain(q)], &Scope::all(), By::Outlet, Iv::Month));
    }
    tally.add(&fx.check(
        &[Q::plain(queries[6])],
        &Scope::dates(Some("2013-02"), Some("2018-11")),
        By::Outlet,
        Iv::Month,
    ));
    for q in &queries[6..9] {
        let out = fx.check(&[Q::plain(q)], &Scope::all(), By::Lang, Iv::Week);
        let groups: Vec<&str> = out.rows.iter().map(|r| r.group.as_str()).collect();
        assert_eq!(groups, ["en"], "basil is all English");
        tally.add(&out);
    }
    tally.add(&fx.check(
        &[Q::plain(queries[0])],
        &Scope::dates(Some("2017"), None),
        By::Lang,
        Iv::Month,
    ));
    eprintln!("basil day/month/lang: {tally:?}");
    assert!(tally.with_matches >= 8, "{tally:?}");
    assert!(tally.multi_bucket_series >= 4, "{tally:?}");
}

#[test]
fn basil_labelled_queries_in_one_call_equal_separate_calls() {
    let Some(fx) = basil() else { return };
    let mut rng = Rng(0xBA51_3000);
    let picked = rng.pick(BASIL_POOL, 4);
    let labels = ["a", "b_2", "third one", "x.y-z"];
    let named: Vec<Q> = labels
        .iter()
        .zip(&picked)
        .map(|(l, q)| Q::named(l, q))
        .collect();
    for scope in [Scope::all(), Scope::dates(Some("2015"), Some("2018"))] {
        let together = fx.check(&named, &scope, By::Outlet, Iv::Week);
        for q in &named {
            let (_, alone) = fx.compare(&[Q::plain(&q.query)], &scope, By::Outlet, Iv::Week);
            assert_eq!(
                rows_of(&together, &q.label),
                rows_of(&alone, &q.query),
                "rows of {:?} labelled {:?} vs alone",
                q.query,
                q.label
            );
            assert_eq!(
                timeline_of(&together, &q.label),
                timeline_of(&alone, &q.query),
                "timeline of {:?} labelled {:?} vs alone",
                q.query,
                q.label
            );
            assert!(!rows_of(&alone, &q.query).is_empty());
        }
    }
    // Positional `LABEL=QUERY` names a query too; a query whose "label" is not plain keeps
    // the whole text as its label.
    let (_, out) = fx.compare(
        &[
            Q::plain("imm=immigration"),
            Q::plain("title:\"White House\""),
        ],
        &Scope::all(),
        By::Outlet,
        Iv::Week,
    );
    let got: Vec<(&str, &str)> = out
        .queries
        .iter()
        .map(|q| (q.label.as_str(), q.query.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("imm", "immigration"),
            ("title:\"White House\"", "title:\"White House\"")
        ]
    );
    let (_, alone) = fx.compare(
        &[Q::plain("immigration")],
        &Scope::all(),
        By::Outlet,
        Iv::Week,
    );
    assert_eq!(rows_of(&out, "imm"), rows_of(&alone, "immigration"));
}

// ---------------------------------------------------------------------------------------------
// allsides (25,072 articles, 397 outlets, 2001–2020, 2,941 undated)
// ---------------------------------------------------------------------------------------------

const ALLSIDES_POOL: &[&str] = &[
    "immigration",
    "\"health care\"",
    "Trump AND Russia",
    "sanctions OR tariffs",
    "Obama -Trump",
    "\"Supreme Court\"",
    "abortion",
    "\"climate change\"",
    "impeachment",
    "Mueller",
    "\"border wall\"",
    "Iran AND nuclear",
    "\"North Korea\"",
    "gun AND control",
    "shutdown",
    "refugees",
    "Brexit",
    "coronavirus OR COVID",
    "Benghazi",
    "Ferguson",
    "\"tax reform\"",
    "Kavanaugh",
    "\"Affordable Care Act\" OR Obamacare",
    "ISIS OR \"Islamic State\"",
    "Syria",
    "Ukraine",
    "\"net neutrality\"",
    "DACA",
    "Comey",
    "Putin",
    "\"minimum wage\"",
    "vaccin*",
    "police AND shooting",
    "Israel NOT Iran",
    "(Clinton OR Sanders) AND debate",
    "title:Trump",
    "\"same-sex marriage\"",
    "Ebola",
    "NSA AND surveillance",
    "\"trade war\"",
    "China AND tariffs",
    "-Trump AND election",
    "Kavanagh~1",
    "\"border security\"~2",
    "Venezuela",
    "filibuster",
];

fn allsides_scopes() -> Vec<Scope> {
    vec![
        Scope::dates(Some("2018-01-01"), Some("2018-12-31")),
        Scope::dates(Some("2016"), Some("2016")),
        Scope::dates(Some("2013-06"), Some("2014-02")),
        Scope {
            langs: vec!["en"],
            since: Some("2019-10-15"),
            until: Some("2020-03-31"),
            ..Scope::all()
        },
        Scope::dates(Some("2012-11-01"), Some("2013-04-30")),
        // Full date range (2001–2020) with the outlets of the outlying dates.
        Scope {
            outlets: vec!["Fox News", "The New York Times", "Cato Institute (blog)"],
            ..Scope::all()
        },
        Scope {
            outlets: vec!["Breitbart News", "The Washington Times", "NPR"],
            since: Some("2017"),
            ..Scope::all()
        },
        // Includes 2001, 2007 and 2010 outliers: a sparse dense range over 11 years.
        Scope::dates(None, Some("2012-12-31")),
        Scope {
            langs: vec!["en"],
            since: Some("2020"),
            ..Scope::all()
        },
    ]
}

#[test]
fn allsides_random_queries_match_brute_force_per_outlet_and_week() {
    let Some(shared) = util::shared() else { return };
    let started = std::time::Instant::now();
    let fx = Fx::build(&[&shared.join("corpora/allsides/articles")], None);
    assert_eq!(fx.arts.len(), 25_072, "allsides has 25,072 articles");
    let outlets: BTreeSet<&str> = fx.arts.iter().filter_map(|a| a.outlet.as_deref()).collect();
    assert!(
        outlets.len() > 300,
        "allsides has hundreds of outlets: {}",
        outlets.len()
    );
    eprintln!("allsides: indexed and listed in {:?}", started.elapsed());

    let mut rng = Rng(0xA115_1DE5);
    let queries = rng.pick(ALLSIDES_POOL, 22);
    let scopes = allsides_scopes();
    let mut tally = Tally::default();

    // Two queries over the whole corpus in one call (each ~400,000 timeline points).
    let whole: Vec<Q> = vec![Q::named("q1", queries[0]), Q::named("q2", queries[1])];
    let out = fx.check(&whole, &Scope::all(), By::Outlet, Iv::Week);
    let groups: BTreeSet<&str> = out.rows.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(
        groups, outlets,
        "every outlet is a group over the whole corpus"
    );
    let buckets: BTreeSet<&str> = out.timeline.iter().map(|p| p.bucket.as_str()).collect();
    assert_eq!(
        buckets.first(),
        Some(&"2001-10-22"),
        "first week: Monday of 2001-10-23"
    );
    assert_eq!(
        buckets.last(),
        Some(&"2020-07-20"),
        "last week: Monday of 2020-07-21"
    );
    tally.add(&out);
    drop(out);
    eprintln!("allsides: whole corpus checked at {:?}", started.elapsed());

    // Twenty more, each within filters (dates, outlets, language).
    // Every scope in turn (from a random start), so each filter is exercised.
    let start = rng.below(scopes.len());
    for (i, q) in queries[2..22].iter().enumerate() {
        let scope = &scopes[(start + i) % scopes.len()];
        tally.add(&fx.check(&[Q::plain(q)], scope, By::Outlet, Iv::Week));
    }
    eprintln!("allsides: 22 queries checked at {:?}", started.elapsed());

    // Other intervals and groupings on a few.
    let window = Scope::dates(Some("2018-01-15"), Some("2018-04-02"));
    for q in &queries[2..4] {
        tally.add(&fx.check(&[Q::plain(q)], &window, By::Outlet, Iv::Day));
    }
    tally.add(&fx.check(
        &[Q::plain(queries[4])],
        &Scope::all(),
        By::Outlet,
        Iv::Month,
    ));
    tally.add(&fx.check(&[Q::plain(queries[5])], &scopes[5], By::Outlet, Iv::Month));
    for q in &queries[6..8] {
        let out = fx.check(&[Q::plain(q)], &scopes[1], By::Lang, Iv::Week);
        assert_eq!(out.rows.len(), 1, "allsides is all English");
        tally.add(&out);
    }
    // Labelled queries in one call = separate calls.
    let named: Vec<Q> = vec![
        Q::named("first", queries[8]),
        Q::named("second", queries[9]),
        Q::named("third", queries[10]),
    ];
    let together = fx.check(&named, &scopes[0], By::Outlet, Iv::Week);
    for q in &named {
        let (_, alone) = fx.compare(&[Q::plain(&q.query)], &scopes[0], By::Outlet, Iv::Week);
        assert_eq!(
            rows_of(&together, &q.label),
            rows_of(&alone, &q.query),
            "{}",
            q.query
        );
        assert_eq!(
            timeline_of(&together, &q.label),
            timeline_of(&alone, &q.query),
            "{}",
            q.query
        );
    }
    tally.add(&together);

    eprintln!("allsides: {tally:?} in {:?}", started.elapsed());
    assert!(
        tally.with_matches >= 24,
        "most allsides queries match something: {tally:?}"
    );
    assert!(tally.partial_rows >= 100, "{tally:?}");
    assert!(tally.positive_lags >= 50, "{tally:?}");
    assert!(tally.multi_bucket_series >= 50, "{tally:?}");
}

// ---------------------------------------------------------------------------------------------
// The bundled corpus (53 articles, 9 outlets in 7 countries, 6 languages, attache.toml)
// ---------------------------------------------------------------------------------------------

const CORPUS_POOL: &[&str] = &[
    "ceasefire",
    "\"security guarantee\"",
    "sanctions",
    "Witkoff OR Rubio",
    "Putin AND Trump",
    "Zelensky",
    "Waffenstillstand",
    "Sanktionen",
    "Lavrov OR Peskov",
    "\"coalition of the willing\"",
    "prisoner*",
    "Anchorage",
    "-ceasefire",
    "title:summit",
    "перемирие OR санкции",
];

fn corpus() -> Fx {
    let repo = util::repo();
    let fx = Fx::build(&[&repo.join("corpus")], Some(repo.join("attache.toml")));
    assert_eq!(fx.arts.len(), 53, "the bundled corpus has 53 articles");
    fx
}

#[test]
fn bundled_by_country_lang_and_outlet_match_brute_force() {
    let fx = corpus();
    // The config names a country for every outlet; the one article without an outlet has none.
    let countries: BTreeSet<String> = fx.arts.iter().map(|a| fx.group(a, By::Country)).collect();
    assert_eq!(
        countries,
        ["(unknown)", "DE", "ES", "FR", "GB", "RU", "UA", "US"]
            .map(String::from)
            .into()
    );
    let mut tally = Tally::default();
    for (i, q) in CORPUS_POOL.iter().enumerate() {
        let by = [By::Country, By::Lang, By::Outlet][i % 3];
        for iv in [Iv::Day, Iv::Week, Iv::Month] {
            tally.add(&fx.check(&[Q::plain(q)], &Scope::all(), by, iv));
        }
        let scope = Scope::dates(Some("2025-08-17"), Some("2025-08-31"));
        tally.add(&fx.check(&[Q::plain(q)], &scope, By::Country, Iv::Week));
    }
    // US = Atlantic Wire + Capitol Ledger + Prairie Sentinel, counted together.
    let out = fx.check(
        &[Q::plain("ceasefire")],
        &Scope::all(),
        By::Country,
        Iv::Week,
    );
    let us = out.rows.iter().find(|r| r.group == "US").expect("a US row");
    let us_outlets = ["Atlantic Wire", "Capitol Ledger", "Prairie Sentinel"];
    let us_total = fx
        .arts
        .iter()
        .filter(|a| a.outlet.as_deref().is_some_and(|o| us_outlets.contains(&o)))
        .count() as u64;
    assert_eq!(us.total, us_total);
    assert!(us_total >= 3);
    // Several languages; the undated Harbour Chronicle article counts in totals, not buckets.
    let langs = fx.check(&[Q::plain("*")], &Scope::all(), By::Lang, Iv::Week);
    let groups: BTreeSet<&str> = langs.rows.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(groups, BTreeSet::from(["de", "en", "es", "fr", "ru", "uk"]));
    let en = langs.rows.iter().find(|r| r.group == "en").unwrap();
    let en_in_buckets: u64 = langs
        .timeline
        .iter()
        .filter(|p| p.group == "en")
        .map(|p| p.total)
        .sum();
    assert_eq!(
        en.total,
        en_in_buckets + 1,
        "one English article has no date"
    );

    eprintln!("bundled: {tally:?}");
    assert!(tally.with_matches >= 40, "{tally:?}");
    assert!(tally.positive_lags >= 20, "{tally:?}");
    assert!(tally.multi_bucket_series >= 20, "{tally:?}");
    // Lags with fractions of a day (articles carry times of day).
    let fractional = fx
        .check(&[Q::plain("ceasefire")], &Scope::all(), By::Outlet, Iv::Day)
        .rows
        .iter()
        .filter_map(|r| r.lag_days)
        .any(|l| l.fract() != 0.0);
    assert!(fractional, "some lag is a fraction of a day");
}

#[test]
fn bundled_json_rows_carry_every_field() {
    let fx = corpus();
    let args = fx.compare_args(
        &[Q::plain("ceasefire")],
        &Scope::all(),
        By::Outlet,
        Iv::Week,
        "json",
    );
    let r = fx.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    let keys = |o: &serde_json::Value| -> BTreeSet<String> {
        o.as_object().unwrap().keys().cloned().collect()
    };
    let top: BTreeSet<String> = ["queries", "by", "interval", "rows", "timeline"]
        .map(String::from)
        .into();
    assert!(keys(&v).is_superset(&top), "{:?}", keys(&v));
    let row_keys: BTreeSet<String> = [
        "group",
        "query",
        "matches",
        "total",
        "share",
        "stories",
        "first",
        "first_title",
        "last",
        "lag_days",
    ]
    .map(String::from)
    .into();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10, "9 outlets and (unknown)");
    for row in rows {
        assert!(keys(row).is_superset(&row_keys), "{row}");
    }
    let point_keys: BTreeSet<String> = ["bucket", "group", "query", "matches", "total", "share"]
        .map(String::from)
        .into();
    let timeline = v["timeline"].as_array().unwrap();
    assert!(!timeline.is_empty());
    for p in timeline {
        assert!(keys(p).is_superset(&point_keys), "{p}");
    }
}

#[test]
fn bundled_csv_is_the_json_timeline() {
    let fx = corpus();
    for (qs, by, iv) in [
        (vec![Q::plain("ceasefire")], By::Outlet, Iv::Week),
        (
            vec![
                Q::named("guarantees", "\"security guarantee\""),
                Q::named("truce", "ceasefire OR truce"),
            ],
            By::Country,
            Iv::Day,
        ),
        (
            vec![Q::plain("Sanktionen OR sanctions")],
            By::Lang,
            Iv::Month,
        ),
    ] {
        let out = fx.check(&qs, &Scope::all(), by, iv);
        let r = fx.run(&fx.compare_args(&qs, &Scope::all(), by, iv, "csv"));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let mut lines = r.stdout.lines();
        assert_eq!(lines.next(), Some("bucket,group,query,matches,total,share"));
        let mut rd = csv::Reader::from_reader(r.stdout.as_bytes());
        let rows: Vec<Point> = rd
            .deserialize()
            .map(|p| p.unwrap_or_else(|e| panic!("csv row: {e}\n{}", r.stdout)))
            .collect();
        assert!(!rows.is_empty());
        let strip = |ps: &[Point]| -> Vec<Point> {
            ps.iter()
                .map(|p| Point {
                    share: 0.0,
                    ..p.clone()
                })
                .collect()
        };
        assert_eq!(
            strip(&rows),
            strip(&out.timeline),
            "csv rows = json timeline for {qs:?}"
        );
        for (c, j) in rows.iter().zip(&out.timeline) {
            let exact = if c.total == 0 {
                0.0
            } else {
                c.matches as f64 / c.total as f64
            };
            assert!(
                c.share == exact,
                "csv share {} != {}/{} exactly",
                c.share,
                c.matches,
                c.total
            );
            assert!(
                same_f64(j.share, c.share),
                "json share {} vs csv {}",
                j.share,
                c.share
            );
        }
    }
}

#[test]
fn bundled_text_lists_every_outlet_with_a_sparkline() {
    let fx = corpus();
    let qs = [
        Q::plain("ceasefire"),
        Q::named("guar", "\"security guarantee\""),
    ];
    let out = fx.check(&qs, &Scope::all(), By::Outlet, Iv::Week);
    let r = fx.run(&fx.compare_args(&qs, &Scope::all(), By::Outlet, Iv::Week, "text"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains('\u{1b}'), "NO_COLOR: no escape codes");
    const BLOCKS: &str = "▁▂▃▄▅▆▇█";
    let buckets = out
        .timeline
        .iter()
        .map(|p| &p.bucket)
        .collect::<BTreeSet<_>>()
        .len();
    assert!(
        (2..=48).contains(&buckets),
        "one character per week: {buckets}"
    );
    // One block per query, in order; each lists every group on one line.
    let blocks: Vec<&str> = r.stdout.split("\n\n").collect();
    assert_eq!(blocks.len(), qs.len(), "{}", r.stdout);
    for (q, block) in qs.iter().zip(&blocks) {
        let matches: u64 = out
            .rows
            .iter()
            .filter(|r| r.query == q.label)
            .map(|r| r.matches)
            .sum();
        let head = block.lines().next().unwrap();
        assert!(head.starts_with(&q.label), "{head}");
        assert!(
            head.contains(&format!("{matches} of 53 articles")),
            "{head}"
        );
        for row in out.rows.iter().filter(|r| r.query == q.label) {
            let line = block
                .lines()
                .find(|l| l.starts_with(&format!("{} ", row.group)))
                .unwrap_or_else(|| panic!("no line for {} in\n{block}", row.group));
            let cells: Vec<&str> = line[row.group.len()..].split_whitespace().collect();
            assert_eq!(cells[0], row.matches.to_string(), "{line}");
            assert_eq!(cells[1], row.total.to_string(), "{line}");
            // The sparkline: the last `buckets` characters, one per week.
            let series: Vec<u64> = out
                .timeline
                .iter()
                .filter(|p| p.query == q.label && p.group == row.group)
                .map(|p| p.matches)
                .collect();
            let chars: Vec<char> = line.chars().collect();
            let spark = &chars[chars.len() - buckets..];
            assert_eq!(series.len(), buckets);
            let max = series.iter().copied().max().unwrap_or(0);
            let level = |c: char| BLOCKS.chars().position(|b| b == c);
            for (c, &n) in spark.iter().zip(&series) {
                if n == 0 {
                    assert_eq!(*c, ' ', "{line:?}: empty week");
                } else {
                    assert!(level(*c).is_some(), "{line:?}: {c:?} for {n}");
                    if n == max {
                        assert_eq!(*c, '█', "{line:?}: the fullest week is a full block");
                    }
                }
            }
            // Higher counts never get lower blocks.
            for (a, &na) in spark.iter().zip(&series) {
                for (b, &nb) in spark.iter().zip(&series) {
                    if na > 0 && na < nb {
                        assert!(level(*a) <= level(*b), "{line:?}: {na} vs {nb}");
                    }
                }
            }
            if row.matches > 0 {
                assert!(spark.iter().any(|c| BLOCKS.contains(*c)), "{line:?}");
            }
        }
    }
}

#[test]
fn bundled_exit_codes() {
    let fx = corpus();
    // No match anywhere: exit 1, the (all-zero) comparison is still printed.
    let none = [
        Q::plain("zzqxv"),
        Q::named("also", "\"no such phrase at all\""),
    ];
    let (r, out) = fx.compare(&none, &Scope::all(), By::Outlet, Iv::Week);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(out.rows.len(), 2 * 10);
    assert!(out
        .rows
        .iter()
        .all(|r| r.matches == 0 && r.total > 0 && r.first.is_none()));
    fx.check(&none, &Scope::all(), By::Country, Iv::Month);
    // One query matching is enough for 0.
    let (r, _) = fx.compare(
        &[Q::plain("zzqxv"), Q::plain("ceasefire")],
        &Scope::all(),
        By::Outlet,
        Iv::Week,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // An empty scope is no result either.
    let empty = Scope::dates(Some("2030"), None);
    let (r, out) = fx.compare(&[Q::plain("ceasefire")], &empty, By::Outlet, Iv::Week);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(out.rows.is_empty() && out.timeline.is_empty(), "{out:?}");
    // Syntax errors and missing queries: exit 2, a message, nothing on stdout.
    for bad in [
        "(ceasefire OR",
        "ceasefire AND",
        "\"unclosed phrase",
        "title:",
    ] {
        for format in ["json", "csv", "text"] {
            let r = fx.run(&fx.compare_args(
                &[Q::plain(bad)],
                &Scope::all(),
                By::Outlet,
                Iv::Week,
                format,
            ));
            assert_eq!(r.code, 2, "{bad:?} {format}: {}", r.stdout);
            assert!(r.stdout.is_empty(), "{bad:?}: {}", r.stdout);
            assert!(r.stderr.contains("error"), "{bad:?}: {}", r.stderr);
        }
        // A bad query among good ones fails the whole call.
        let r = fx.run(&fx.compare_args(
            &[Q::named("ok", "ceasefire"), Q::named("bad", bad)],
            &Scope::all(),
            By::Outlet,
            Iv::Week,
            "json",
        ));
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stdout);
    }
    let r = fx.run(&["compare", "--format", "json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout.is_empty() && r.stderr.contains("no query"),
        "{}",
        r.stderr
    );
    let r = fx.run(&["compare", "--queries", "/nonexistent/queries.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("queries"), "{}", r.stderr);
}

#[test]
fn bundled_queries_file_with_comments_and_blank_lines() {
    let fx = corpus();
    let file = util::write(
        fx.dir.path(),
        "queries.txt",
        "# queries for the summit week\n\
         \n\
         guarantees=\"security guarantee\"\n\
         \x20\x20# an indented comment\n\
         \x20\x20truce = ceasefire OR truce  \n\
         \n\
         \t\n\
         Witkoff\n\
         title:summit\n",
    );
    let want = [
        Q::named("guarantees", "\"security guarantee\""),
        Q::named("truce", "ceasefire OR truce"),
        Q::plain("Witkoff"),
        Q::plain("title:summit"),
    ];
    let args: Vec<String> = vec![
        "compare".into(),
        "--format=json".into(),
        "--queries".into(),
        file.display().to_string(),
    ];
    let r = fx.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let from_file: Out = serde_json::from_str(&r.stdout).unwrap();
    let exp = fx.expect(&want, &Scope::all(), By::Outlet, Iv::Week);
    assert_matches_expected(
        &from_file,
        &exp,
        &want,
        By::Outlet,
        Iv::Week,
        "--queries file",
    );
    // The same as giving them on the command line.
    let (_, direct) = fx.compare(&want[..2], &Scope::all(), By::Outlet, Iv::Week);
    for q in &want[..2] {
        assert_eq!(rows_of(&from_file, &q.label), rows_of(&direct, &q.label));
        assert_eq!(
            timeline_of(&from_file, &q.label),
            timeline_of(&direct, &q.label)
        );
    }
    // A file of comments only is no query at all.
    let only = util::write(
        fx.dir.path(),
        "only-comments.txt",
        "# nothing\n\n   \n# here\n",
    );
    let r = fx.run(&["compare", "--queries", only.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("no query"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// Hand-made edge cases: dates before 1970, a UTC offset that moves an article into the previous
// ISO week, the turn of the year, an undated match, an article without a detectable language.
// ---------------------------------------------------------------------------------------------

#[test]
fn edge_dates_and_missing_language_match_brute_force() {
    let src = util::tempdir();
    let records = [
        r#"{"title":"Old treaty talks","body":"Negotiators met to discuss the treaty and a ceasefire along the border before the new year.","outlet":"Atlantic Wire","date":"1969-12-31T23:00:00Z","url":"https://atlanticwire.example/1969/treaty"}"#,
        r#"{"title":"Late night ceasefire","body":"A ceasefire was agreed late on Sunday night after long negotiations between the delegations.","outlet":"Atlantic Wire","date":"2021-01-04T01:30:00+03:00","url":"https://atlanticwire.example/2021/ceasefire"}"#,
        r#"{"title":"Year end ceasefire","body":"On the last day of the year the ceasefire held across the whole region, officials said.","outlet":"Capitol Ledger","date":"2020-12-31T12:00:00Z","url":"https://capitolledger.example/2020/ceasefire"}"#,
        r#"{"title":"Monday ceasefire note","body":"A short note about the ceasefire circulated among diplomats early on Monday morning.","outlet":"Prairie Sentinel","date":"2021-01-04T00:30:00Z","url":"https://prairiesentinel.example/2021/note"}"#,
        r#"{"title":"Undated ceasefire piece","body":"This piece about the ceasefire carries no date at all, and nobody knows when it ran.","outlet":"Capitol Ledger","url":"https://capitolledger.example/undated"}"#,
        r#"{"title":"12345","body":"12345 67890 12345 67890 2021 2020 1999 42 42 42","outlet":"Obscure Outlet","date":"2021-01-10T10:00:00Z","url":"https://obscure.example/numbers"}"#,
    ];
    let file = util::write(src.path(), "edge.jsonl", records.join("\n") + "\n");
    let fx = Fx::build(&[&file], None);
    assert_eq!(fx.arts.len(), records.len());
    let dated = |title: &str| {
        fx.arts
            .iter()
            .find(|a| a.title.as_deref() == Some(title))
            .unwrap_or_else(|| panic!("{title} indexed"))
            .date
    };
    // The premises of this test, read back from the index.
    assert_eq!(
        dated("Late night ceasefire").map(rfc3339).as_deref(),
        Some("2021-01-03T22:30:00Z"),
        "+03:00 is stored as UTC: Sunday"
    );
    assert_eq!(dated("Undated ceasefire piece"), None);
    assert!(dated("Old treaty talks").is_some_and(|d| d.timestamp() < 0));
    let no_lang = fx.arts.iter().filter(|a| a.lang.is_none()).count();
    assert_eq!(no_lang, 1, "the article of numbers has no language");

    for by in [By::Outlet, By::Lang] {
        for iv in [Iv::Day, Iv::Week, Iv::Month] {
            fx.check(&[Q::plain("ceasefire")], &Scope::all(), by, iv);
            fx.check(&[Q::plain("12345 OR treaty")], &Scope::all(), by, iv);
            let turn = Scope::dates(Some("2020-12-28"), Some("2021-01-10"));
            fx.check(&[Q::plain("ceasefire")], &turn, by, iv);
        }
    }
    // Spelled out: Sunday 22:30 UTC is in the week of Monday 2020-12-28, like New Year's Eve;
    // Monday 00:30 UTC starts the next week.
    let out = fx.check(
        &[Q::plain("ceasefire")],
        &Scope::dates(Some("2020-12-28"), Some("2021-01-10")),
        By::Outlet,
        Iv::Week,
    );
    let week = |group: &str, bucket: &str| {
        out.timeline
            .iter()
            .find(|p| p.group == group && p.bucket == bucket)
            .map(|p| p.matches)
    };
    assert_eq!(week("Atlantic Wire", "2020-12-28"), Some(1));
    assert_eq!(week("Atlantic Wire", "2021-01-04"), Some(0));
    assert_eq!(week("Capitol Ledger", "2020-12-28"), Some(1));
    assert_eq!(week("Prairie Sentinel", "2021-01-04"), Some(1));
    // Languages: the numbers article is "(unknown)".
    let out = fx.check(&[Q::plain("*")], &Scope::all(), By::Lang, Iv::Month);
    let groups: BTreeSet<&str> = out.rows.iter().map(|r| r.group.as_str()).collect();
    assert!(groups.contains(UNKNOWN), "{groups:?}");
    let months: BTreeSet<&str> = out.timeline.iter().map(|p| p.bucket.as_str()).collect();
    assert_eq!(months.first(), Some(&"1969-12"));
    assert_eq!(months.last(), Some(&"2021-01"));
    assert_eq!(
        months.len(),
        12 * 51 + 2,
        "every month from 1969-12 to 2021-01"
    );
}

#[test]
fn duplicate_labels_are_rejected_or_kept_apart() {
    let fx = corpus();
    let qs = [Q::named("a", "ceasefire"), Q::named("a", "sanctions")];
    let json = fx.run(&fx.compare_args(&qs, &Scope::all(), By::Country, Iv::Week, "json"));
    if json.code == 2 {
        assert!(json.stdout.is_empty(), "{}", json.stdout);
        assert!(json.stderr.contains("error"), "{}", json.stderr);
        return;
    }
    assert_eq!(json.code, 0, "{}", json.stderr);
    let out: Out = serde_json::from_str(&json.stdout).unwrap();
    let labels: BTreeSet<&str> = out.queries.iter().map(|q| q.label.as_str()).collect();
    assert_eq!(
        labels.len(),
        2,
        "each query keeps a label of its own: {:?}",
        out.queries
    );
    let text = fx.run(&fx.compare_args(&qs, &Scope::all(), By::Country, Iv::Week, "text"));
    for block in text.stdout.split("\n\n") {
        assert!(
            block.lines().next().unwrap().contains("of 53 articles"),
            "{block}"
        );
        let us = block.lines().filter(|l| l.starts_with("US ")).count();
        assert_eq!(us, 1, "one US line per query:\n{block}");
    }
}

#[test]
fn queries_file_comment_after_a_query() {
    let fx = corpus();
    let file = util::write(
        fx.dir.path(),
        "trailing.txt",
        "ceasefire   # the main one\nguar=\"security guarantee\"  # a phrase\n",
    );
    let r = fx.run(&[
        "compare",
        "--format=json",
        "--queries",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let from_file: Out = serde_json::from_str(&r.stdout).unwrap();
    let want = [
        Q::plain("ceasefire"),
        Q::named("guar", "\"security guarantee\""),
    ];
    let exp = fx.expect(&want, &Scope::all(), By::Outlet, Iv::Week);
    assert_matches_expected(
        &from_file,
        &exp,
        &want,
        By::Outlet,
        Iv::Week,
        "--queries with trailing comments",
    );
}

/// Matching articles without a date count in the table but have no place on the timeline;
/// `compare` says how many, so an empty timeline over an undated corpus is explained.
#[test]
fn compare_says_how_many_matches_have_no_date() {
    let (tmp, idx) = crate::util::indexed(&[
        ("a.txt", "Talks\n\nCeasefire talks resumed.\n"),
        ("b.txt", "More\n\nA ceasefire was agreed.\n"),
    ]);
    let r = crate::util::run_ix(
        tmp.path(),
        &idx,
        &["compare", "ceasefire", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.json()["timeline"].as_array().unwrap().is_empty());
    assert!(
        r.stderr
            .contains("2 of the 2 articles matching \"ceasefire\" have no date"),
        "{}",
        r.stderr
    );
}

/// A syntax error in a `--queries` file names the file and the line.
#[test]
fn a_bad_line_in_a_queries_file_is_named() {
    let tmp = crate::util::tempdir();
    let file = crate::util::write(tmp.path(), "q.txt", "# queries\nceasefire\nsanctions AND\n");
    let r = crate::util::run(
        &crate::util::repo(),
        &["compare", "--queries", file.to_str().unwrap()],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("q.txt:3"), "{}", r.stderr);
}

/// A reader that stops early (`| head -1`) ends every csv output with exit 0: the csv writer
/// wrapped the broken pipe, and `compare --format csv` exited 2 with "Broken pipe".
#[test]
fn csv_output_into_a_closed_pipe_exits_0() {
    use std::io::BufRead;
    // Two articles eleven years apart: a daily timeline of about 4,000 rows, more than a pipe
    // holds.
    let (tmp, idx) = crate::util::indexed(&[
        (
            "a.md",
            "---\ntitle: Truce\ndate: 2014-01-02\noutlet: A\n---\nA ceasefire was agreed.\n",
        ),
        (
            "b.md",
            "---\ntitle: Truce\ndate: 2025-01-02\noutlet: B\n---\nThe ceasefire held.\n",
        ),
    ]);
    for args in [
        &[
            "compare",
            "ceasefire",
            "--interval",
            "day",
            "--format",
            "csv",
        ][..],
        &["search", "ceasefire", "--format", "csv"][..],
    ] {
        let mut child = crate::util::attache(tmp.path())
            .arg("--index")
            .arg(&idx)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // (The reader is dropped here: the pipe closes.)
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty(), "{args:?}");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
