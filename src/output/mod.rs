//! Everything printed to stdout. The machine-readable shapes are defined once here, as serde
//! types; text renderers and CSV are built from the same values.

pub mod chart;
pub mod report;
pub mod style;
pub mod text;

use serde::{Deserialize, Serialize};

use crate::ingest::Article;
use crate::search::Hit;

/// `search --format json`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SearchOutput {
    pub query: String,
    pub total: usize,
    /// With `--dedupe`: distinct stories among the `total` matching articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stories: Option<usize>,
    pub hits: Vec<HitOut>,
}

/// One search hit (`--format json` inside `hits`, one line each in `--format jsonl`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct HitOut {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// RFC 3339, UTC.
    pub date: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub path: String,
    pub record: u64,
    pub score: f32,
    pub snippet: String,
    /// `[start, end)` byte offsets of highlighted words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    /// With `--dedupe`: outlets of the other copies of this story.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
}

impl From<&Hit> for HitOut {
    fn from(h: &Hit) -> Self {
        let a = &h.article;
        HitOut {
            id: a.id.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            date: a.date.map(rfc3339),
            url: a.url.clone(),
            lang: a.lang.clone(),
            path: a.path.clone(),
            record: a.record,
            score: h.score,
            snippet: h.snippet.text.clone(),
            highlights: h
                .snippet
                .highlights
                .iter()
                .map(|r| [r.start, r.end])
                .collect(),
            persons: h.persons.clone(),
            orgs: h.orgs.clone(),
            places: h.places.clone(),
            topics: h.topics.clone(),
            copies: h.copies.clone(),
        }
    }
}

/// `search --format csv`: one row per hit, list fields joined with `;`.
#[derive(Debug, Serialize)]
pub struct HitRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub outlet: &'a str,
    pub date: &'a str,
    pub url: &'a str,
    pub lang: &'a str,
    pub path: &'a str,
    pub record: u64,
    pub score: f32,
    pub snippet: &'a str,
    pub persons: String,
    pub orgs: String,
    pub places: String,
    pub topics: String,
}

impl<'a> From<&'a HitOut> for HitRow<'a> {
    fn from(h: &'a HitOut) -> Self {
        let s = |o: &'a Option<String>| o.as_deref().unwrap_or("");
        HitRow {
            id: &h.id,
            title: s(&h.title),
            outlet: s(&h.outlet),
            date: s(&h.date),
            url: s(&h.url),
            lang: s(&h.lang),
            path: &h.path,
            record: h.record,
            score: h.score,
            snippet: &h.snippet,
            persons: h.persons.join(";"),
            orgs: h.orgs.join(";"),
            places: h.places.join(";"),
            topics: h.topics.join(";"),
        }
    }
}

/// `stats --format json`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct StatsOutput {
    pub articles: u64,
    pub outlets: Vec<OutletCount>,
    pub languages: Vec<LangCount>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub without_date: u64,
    pub without_outlet: u64,
    /// Articles with no language (none declared, and too short or mixed to detect).
    pub without_language: u64,
    /// Articles whose metadata date was junk or impossible (counted in `without_date` unless
    /// the URL or file name gave a date).
    pub dates_rejected: u64,
    pub skipped: Vec<SkipCount>,
    pub index_bytes: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct OutletCount {
    pub name: String,
    pub articles: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LangCount {
    pub lang: String,
    pub articles: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SkipCount {
    pub reason: String,
    pub files: u64,
    pub records: u64,
}

impl SkipCount {
    /// Tallies `(reason, path, records)` into one entry per reason, counting distinct files.
    pub fn tally<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str, u64)>) -> Vec<SkipCount> {
        let mut by_reason: std::collections::BTreeMap<
            &str,
            (std::collections::HashSet<&str>, u64),
        > = Default::default();
        for (reason, path, records) in entries {
            let slot = by_reason.entry(reason).or_default();
            slot.0.insert(path);
            slot.1 += records;
        }
        by_reason
            .into_iter()
            .map(|(reason, (files, records))| SkipCount {
                reason: reason.to_string(),
                files: files.len() as u64,
                records,
            })
            .collect()
    }
}

/// The summary of `attache index` (`--format json`).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct IndexSummary {
    /// Articles written by this run (new + updated).
    pub indexed: u64,
    pub new: u64,
    pub updated: u64,
    /// Articles removed because their file changed or disappeared.
    pub removed: u64,
    pub files_seen: u64,
    pub files_unchanged: u64,
    pub files_removed: u64,
    /// README, LICENSE and similar files, which describe a corpus (hidden files are not
    /// visited at all).
    pub files_ignored: u64,
    /// Records found in the files read this run: indexed + skipped.
    pub records_seen: u64,
    pub skipped: Vec<SkipCount>,
    pub warnings: u64,
    pub dates_rejected: u64,
    pub without_date: u64,
    pub without_outlet: u64,
    /// Distinct outlets among the articles indexed by this run.
    pub outlets: u64,
    /// Articles in the index after the run.
    pub total_articles: u64,
    pub seconds: f64,
}

/// `show --format json`: one stored article.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ArticleOut {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub outlet_raw: Option<String>,
    pub domain: Option<String>,
    pub date: Option<String>,
    pub date_rejected: bool,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub authors: Vec<String>,
    pub dateline: Option<String>,
    pub words: u64,
    pub path: String,
    pub record: u64,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    /// Every entity with its mentions (offsets are characters of `body`), unknown names too.
    pub entities: Vec<crate::enrich::entities::Found>,
    /// Every direct quote, attributed or not (offsets are characters of `body`).
    pub quotes: Vec<crate::enrich::quotes::Quote>,
    /// The syndication story the article belongs to, when it has copies (from the clusters
    /// stored by the last `attache index`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<StoryOut>,
    pub body: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct StoryOut {
    /// Id of the story's original (earliest) article; the article's own id when it is the original.
    pub original: String,
    /// Estimated similarity to the original (1.0 for the original).
    pub similarity: f64,
    /// Articles in the story, the original included.
    pub articles: usize,
}

impl ArticleOut {
    pub fn new(
        a: &Article,
        persons: Vec<String>,
        orgs: Vec<String>,
        places: Vec<String>,
        topics: Vec<String>,
    ) -> Self {
        ArticleOut {
            id: a.id.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            outlet_raw: a.outlet_raw.clone(),
            domain: a.domain.clone(),
            date: a.date.map(rfc3339),
            date_rejected: a.date_rejected,
            url: a.url.clone(),
            lang: a.lang.clone(),
            authors: a.authors.clone(),
            dateline: a.dateline.clone(),
            words: a.words,
            path: a.path.clone(),
            record: a.record,
            persons,
            orgs,
            places,
            topics,
            entities: a.entities.clone(),
            quotes: a.quotes.clone(),
            story: None,
            body: a.body.clone(),
        }
    }
}

pub fn rfc3339(d: chrono::DateTime<chrono::Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Output formats. Not every command offers every one; each command says which it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Jsonl,
    Csv,
}

/// Column names of `search --format csv`, in order (must match `HitRow`).
pub const HIT_COLUMNS: [&str; 14] = [
    "id", "title", "outlet", "date", "url", "lang", "path", "record", "score", "snippet",
    "persons", "orgs", "places", "topics",
];

/// `compare --format json`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CompareOutput {
    pub queries: Vec<QueryLabel>,
    pub by: String,
    pub interval: String,
    pub rows: Vec<CompareRow>,
    pub timeline: Vec<TimelinePoint>,
    /// With `--keyness`: per group and query, the words that set the group apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keyness: Vec<GroupKeyness>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct GroupKeyness {
    pub group: String,
    pub query: String,
    pub terms: Vec<KeyTermOut>,
}

/// A key term: G² and its counts in this group's matches and in the other groups' matches.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct KeyTermOut {
    pub term: String,
    pub g2: f64,
    pub count: u64,
    pub other: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct QueryLabel {
    pub label: String,
    pub query: String,
    /// Matching articles in all groups, and distinct stories among them.
    pub matches: u64,
    pub stories: u64,
}

/// One group (outlet, language or country) × query.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CompareRow {
    pub group: String,
    pub query: String,
    pub matches: u64,
    /// All articles of the group in the same scope (filters, dates, language).
    pub total: u64,
    /// matches / total.
    pub share: f64,
    /// Distinct stories among the matches (syndicated copies counted once).
    pub stories: u64,
    /// Matches that are copies of an earlier article (the original may be another outlet's).
    pub copies: u64,
    pub first: Option<String>,
    pub first_title: Option<String>,
    pub last: Option<String>,
    /// Days between this group's first match and the earliest group's first match.
    pub lag_days: Option<f64>,
    /// With `--entities N`: the entities most of the group's matches name (`share` is of the
    /// group's matches).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityCount>,
}

/// One group × query × calendar bucket (`compare --format csv` prints these rows).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TimelinePoint {
    /// First day of the bucket (weeks start on Monday) or `YYYY-MM` for months.
    pub bucket: String,
    pub group: String,
    pub query: String,
    pub matches: u64,
    pub total: u64,
    pub share: f64,
}

impl CompareOutput {
    pub fn new(
        queries: &[crate::compare::LabelledQuery],
        req: &crate::compare::CompareRequest,
        c: &mut crate::compare::Comparison,
    ) -> Self {
        let date = |s: Option<i64>| {
            s.and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                .map(rfc3339)
        };
        CompareOutput {
            queries: queries
                .iter()
                .zip(&c.per_query)
                .map(|(q, (matches, stories))| QueryLabel {
                    label: q.label.clone(),
                    query: q.query.clone(),
                    matches: *matches,
                    stories: *stories,
                })
                .collect(),
            by: req.by.name().to_string(),
            interval: req.interval.name().to_string(),
            rows: c
                .rows
                .iter()
                .map(|r| CompareRow {
                    group: r.group.clone(),
                    query: r.query.clone(),
                    matches: r.matches,
                    total: r.total,
                    share: r.share,
                    stories: r.stories,
                    copies: r.copies,
                    first: date(r.first),
                    first_title: r.first_title.clone(),
                    last: date(r.last),
                    lag_days: r.lag_days,
                    entities: r
                        .entities
                        .iter()
                        .map(|(t, id, n)| EntityCount {
                            id: Some(id.clone()),
                            name: id.clone(),
                            etype: *t,
                            articles: *n,
                            share: crate::compare::share(*n, r.matches),
                        })
                        .collect(),
                })
                .collect(),
            keyness: c
                .key_terms
                .iter()
                .map(|(group, query, terms)| GroupKeyness {
                    group: group.clone(),
                    query: query.clone(),
                    terms: terms
                        .iter()
                        .map(|t| KeyTermOut {
                            term: t.term.clone(),
                            g2: (t.g2 * 100.0).round() / 100.0,
                            count: t.count,
                            other: t.other,
                        })
                        .collect(),
                })
                .collect(),
            // Moved, not copied: an all-time weekly comparison has ~400k points.
            timeline: std::mem::take(&mut c.timeline)
                .into_iter()
                .map(|p| TimelinePoint {
                    bucket: p.bucket,
                    group: p.group,
                    query: p.query,
                    matches: p.matches,
                    total: p.total,
                    share: p.share,
                })
                .collect(),
        }
    }
}

/// `dupes --format json`: clusters of copies among the articles a query matches.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DupesOutput {
    pub query: String,
    /// Articles matched (clustered).
    pub articles: usize,
    pub clusters: Vec<Cluster>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Cluster {
    pub articles: usize,
    /// The original (earliest) first.
    pub members: Vec<ClusterMember>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ClusterMember {
    pub id: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    /// Estimated similarity to the original (1.0 for the original).
    pub similarity: f64,
}

/// `kwic --format json`: concordance lines.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct KwicOutput {
    pub query: String,
    /// Occurrences found (before --limit).
    pub total: usize,
    pub lines: Vec<KwicLine>,
}

/// One occurrence (`--format jsonl`/`csv` print these).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct KwicLine {
    pub id: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
    /// Character offset of the match in the article body.
    pub offset: usize,
}

/// Pretty JSON and a newline: every `--format json`.
pub fn write_json(out: &mut dyn std::io::Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// One compact JSON object per line: every `--format jsonl`.
pub fn write_jsonl<T: Serialize>(out: &mut dyn std::io::Write, items: &[T]) -> std::io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, item)?;
        writeln!(out)?;
    }
    Ok(())
}

/// CSV rows with a header; `empty_header` keeps the columns visible when there are no rows.
pub fn write_csv<T: Serialize>(
    out: &mut dyn std::io::Write,
    rows: impl IntoIterator<Item = T>,
    empty_header: &[&str],
) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut any = false;
    for row in rows {
        w.serialize(row)?;
        any = true;
    }
    if !any && !empty_header.is_empty() {
        w.write_record(empty_header)?;
    }
    w.flush()?;
    Ok(())
}

/// One line of `attache extract`.
#[derive(Debug, Serialize)]
pub struct ExtractRecord {
    pub path: String,
    pub record: u64,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
    pub entities: Vec<crate::enrich::entities::Found>,
    pub topics: Vec<crate::enrich::topics::TopicHit>,
    pub quotes: Vec<crate::enrich::quotes::Quote>,
}

impl ExtractRecord {
    pub fn new(a: &crate::ingest::Article) -> ExtractRecord {
        ExtractRecord {
            path: a.path.clone(),
            record: a.record,
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            date: a
                .date
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            lang: a.lang.clone(),
            url: a.url.clone(),
            entities: a.entities.clone(),
            topics: a.topics.clone(),
            quotes: a.quotes.clone(),
        }
    }
}

/// `attache entities`: article counts per entity among the matches.
#[derive(Debug, Serialize)]
pub struct EntitiesOutput {
    pub query: String,
    /// Articles matching the query and filters.
    pub articles: u64,
    pub unknown: bool,
    pub entities: Vec<EntityCount>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EntityCount {
    /// Gazetteer id; None for unknown-name candidates.
    pub id: Option<String>,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: crate::enrich::entities::EntityType,
    pub articles: u64,
    /// Share of the matching articles that name it.
    pub share: f64,
}

/// `attache topics`: articles per topic (and outlet).
#[derive(Debug, Serialize)]
pub struct TopicsOutput {
    pub query: String,
    pub articles: u64,
    pub topics: Vec<TopicCount>,
}

#[derive(Debug, Serialize)]
pub struct TopicCount {
    /// Present with `--by-outlet`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub topic: String,
    pub label: String,
    pub articles: u64,
    /// Share of the (outlet's) matching articles.
    pub share: f64,
}

/// One line of `attache quotes`.
#[derive(Debug, Serialize)]
pub struct QuoteOut {
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    pub speaker_text: Option<String>,
    pub verb: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub id: String,
    pub url: Option<String>,
    /// Character offsets of the quote in the article body.
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Serialize)]
pub struct QuotesOutput {
    pub query: String,
    /// Articles matching the query and filters.
    pub articles: usize,
    /// Of those, the articles whose quotes were read (the best 5,000).
    pub articles_read: usize,
    /// Quotes that qualify in the articles read; `quotes` lists the first `--limit`.
    pub total: usize,
    pub quotes: Vec<QuoteOut>,
}
