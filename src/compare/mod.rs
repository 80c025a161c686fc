//! Coverage across outlets and time: per group (outlet, language or publisher country) and
//! calendar bucket, exact counts of matching articles against all articles in the same scope.
//! Counting reads fast fields only; stored documents are read just for first-article titles.

pub mod collector;
pub mod entities;
pub mod keyness;

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use tantivy::TantivyDocument;

use crate::index;
use crate::search::{stories, Engine, Filters, Request, SearchError};
use collector::{GroupBucketCollector, GroupCounts};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Outlet,
    Lang,
    Country,
}

impl By {
    pub fn name(self) -> &'static str {
        match self {
            By::Outlet => "outlet",
            By::Lang => "lang",
            By::Country => "country",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    Day,
    Week,
    Month,
}

impl Interval {
    pub fn name(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        }
    }
    fn field(self) -> &'static str {
        self.name()
    }
    /// The first day of the bucket, as shown to users (weeks start on Monday).
    pub fn label(self, key: i64) -> String {
        match self {
            Interval::Day | Interval::Week => epoch_day(key).to_string(),
            Interval::Month => format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1),
        }
    }
    fn step(self) -> i64 {
        match self {
            Interval::Day | Interval::Month => 1,
            Interval::Week => 7,
        }
    }
}

fn epoch_day(days: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(days)
}

#[derive(Clone, Debug)]
pub struct LabelledQuery {
    pub label: String,
    pub query: String,
}

#[derive(Clone, Debug)]
pub struct CompareRequest {
    pub queries: Vec<LabelledQuery>,
    pub filters: Filters,
    pub by: By,
    pub interval: Interval,
    /// Similarity from which two articles are copies of one story.
    pub threshold: f64,
    /// Key terms per group (G²); 0 for none.
    pub keyness: usize,
    /// Top entities per group among the matches; 0 for none.
    pub entities: usize,
}

/// One group × query.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub group: String,
    pub query: String,
    pub matches: u64,
    pub total: u64,
    pub share: f64,
    pub stories: u64,
    /// Matches that are copies of an earlier article (from any group).
    pub copies: u64,
    pub first: Option<i64>,
    pub first_title: Option<String>,
    pub last: Option<i64>,
    pub lag_days: Option<f64>,
    /// Matches per bucket over the whole timeline (dense, zeros included).
    pub series: Vec<u64>,
    /// With `--entities N`: the entities most matches of this group name (type, id, articles).
    pub entities: Vec<(crate::enrich::entities::EntityType, String, u64)>,
}

/// One group × query × bucket.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub bucket: String,
    pub group: String,
    pub query: String,
    pub matches: u64,
    pub total: u64,
    pub share: f64,
}

#[derive(Clone, Debug)]
pub struct Comparison {
    /// Per query and group with matches: the terms that set the group apart (`keyness` > 0).
    pub key_terms: Vec<(String, String, Vec<keyness::KeyTerm>)>,
    /// Per query, in order: matching articles and distinct stories across all groups.
    pub per_query: Vec<(u64, u64)>,
    pub rows: Vec<Row>,
    pub timeline: Vec<Point>,
    pub buckets: Vec<String>,
}

/// Name used for articles with no value in the grouping field.
pub const UNKNOWN_GROUP: &str = "(unknown)";

pub fn compare(engine: &Engine<'_>, req: &CompareRequest) -> Result<Comparison, SearchError> {
    let collector = GroupBucketCollector {
        group_field: if req.by == By::Lang { "lang" } else { "outlet" },
        bucket_field: req.interval.field(),
    };
    let scope_req = Request::matching("*", &req.filters);
    let (scope_q, _) = engine.query(&scope_req)?;
    let totals = regroup(
        engine,
        req.by,
        engine.searcher.search(&scope_q, &collector)?,
    );

    // The timeline spans the scope's dated articles, bucket by bucket, zeros included.
    let keys: Vec<i64> = totals
        .values()
        .flat_map(|c| c.buckets.keys().copied())
        .collect();
    let bucket_keys: Vec<i64> = match (keys.iter().min(), keys.iter().max()) {
        (Some(&lo), Some(&hi)) => (lo..=hi).step_by(req.interval.step() as usize).collect(),
        _ => Vec::new(),
    };
    let bucket_labels: Vec<String> = bucket_keys.iter().map(|k| req.interval.label(*k)).collect();

    let mut rows = Vec::new();
    let mut timeline = Vec::new();
    let mut totals_per_query = Vec::new();
    let mut key_terms = Vec::new();
    for lq in &req.queries {
        let (q, _) = engine.query(&Request::matching(&lq.query, &req.filters))?;
        let matches = regroup(engine, req.by, engine.searcher.search(&q, &collector)?);
        let matched: Vec<tantivy::DocAddress> = matches
            .values()
            .flat_map(|c| c.docs.iter().copied())
            .collect();
        let found = stories::of(&engine.index.dir, &engine.searcher, &matched, req.threshold)?;
        if req.keyness > 0 {
            let counts: Vec<(&String, keyness::Counts)> = matches
                .iter()
                .filter(|(_, c)| c.articles > 0)
                .map(|(g, c)| {
                    Ok((
                        g,
                        keyness::word_counts(&engine.searcher, &engine.index.fields, &c.docs)?,
                    ))
                })
                .collect::<tantivy::Result<_>>()?;
            // Borrowed words: cloning every group's vocabulary cost more than the counting.
            let mut all: rustc_hash::FxHashMap<&str, u64> = Default::default();
            for (_, own) in &counts {
                for (t, n) in own {
                    *all.entry(t.as_str()).or_default() += n;
                }
            }
            for (group, own) in &counts {
                key_terms.push((
                    (*group).clone(),
                    lq.label.clone(),
                    keyness::keyness(own, &all, req.keyness),
                ));
            }
        }
        let distinct: std::collections::HashSet<_> =
            matched.iter().map(|d| found.original_of(*d)).collect();
        totals_per_query.push((matched.len() as u64, distinct.len() as u64));
        let earliest = matches.values().filter_map(|c| c.first.map(|f| f.0)).min();
        let mut query_rows = Vec::new();
        for (group, total) in &totals {
            let m = matches.get(group);
            let n = m.map_or(0, |c| c.articles);
            let first = m.and_then(|c| c.first);
            let series: Vec<u64> = bucket_keys
                .iter()
                .map(|k| m.and_then(|c| c.buckets.get(k)).copied().unwrap_or(0))
                .collect();
            for (i, key) in bucket_keys.iter().enumerate() {
                let t = total.buckets.get(key).copied().unwrap_or(0);
                timeline.push(Point {
                    bucket: bucket_labels[i].clone(),
                    group: group.clone(),
                    query: lq.label.clone(),
                    matches: series[i],
                    total: t,
                    share: ratio(series[i], t),
                });
            }
            query_rows.push(Row {
                group: group.clone(),
                query: lq.label.clone(),
                matches: n,
                total: total.articles,
                share: ratio(n, total.articles),
                stories: m.map_or(0, |c| {
                    c.docs
                        .iter()
                        .map(|d| found.original_of(*d))
                        .collect::<std::collections::HashSet<_>>()
                        .len() as u64
                }),
                copies: m.map_or(0, |c| {
                    c.docs.iter().filter(|d| found.is_copy(**d)).count() as u64
                }),
                entities: match m {
                    Some(c) if req.entities > 0 => {
                        entities::top_in(&engine.searcher, &c.docs, req.entities)?
                    }
                    _ => Vec::new(),
                },
                first: first.map(|f| f.0),
                first_title: first.and_then(|(_, addr)| title_of(engine, addr)),
                last: m.and_then(|c| c.last.map(|l| l.0)),
                lag_days: match (first, earliest) {
                    (Some((f, _)), Some(e)) => {
                        Some(((f - e) as f64 / 86_400.0 * 100.0).round() / 100.0)
                    }
                    _ => None,
                },
                series,
            });
        }
        query_rows.sort_by(|a, b| {
            b.matches
                .cmp(&a.matches)
                .then(b.share.total_cmp(&a.share))
                .then(a.group.cmp(&b.group))
        });
        rows.extend(query_rows);
    }
    Ok(Comparison {
        key_terms,
        per_query: totals_per_query,
        rows,
        timeline,
        buckets: bucket_labels,
    })
}

/// n / d rounded to four places, as the entity and topic tables print shares.
pub fn share(n: u64, d: u64) -> f64 {
    (ratio(n, d) * 10000.0).round() / 10000.0
}

/// n / d, 0 when d is 0.
pub fn ratio(n: u64, d: u64) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Outlet groups → publisher countries when asked; empty group names → `UNKNOWN_GROUP`.
fn regroup(
    engine: &Engine<'_>,
    by: By,
    counts: HashMap<String, GroupCounts>,
) -> BTreeMap<String, GroupCounts> {
    let mut out: BTreeMap<String, GroupCounts> = BTreeMap::new();
    for (group, c) in counts {
        let key = match by {
            By::Country => engine.outlets.country_of(&group).map(str::to_string),
            By::Outlet | By::Lang => Some(group).filter(|g| !g.is_empty()),
        }
        .unwrap_or_else(|| UNKNOWN_GROUP.to_string());
        out.entry(key).or_default().merge(c);
    }
    out
}

fn title_of(engine: &Engine<'_>, addr: tantivy::DocAddress) -> Option<String> {
    let doc: TantivyDocument = engine.searcher.doc(addr).ok()?;
    index::article_from_doc(&engine.index.fields, &doc).title
}

/// Days since the epoch of a date (for tests and callers that bucket by hand).
pub fn day_key(d: NaiveDate) -> i64 {
    d.signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
        .num_days()
}

/// The Monday-based week key of a day key.
pub fn week_key(day: i64) -> i64 {
    day - epoch_day(day).weekday().num_days_from_monday() as i64
}
