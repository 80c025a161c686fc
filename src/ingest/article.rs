//! What ingest produces: one article with clean metadata, ready to enrich and index.

use chrono::{DateTime, Utc};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// Stable id: the canonical URL when there is one, else a hash of outlet, title, date, body.
    pub id: String,
    /// Source file (absolute) and 1-based record number inside it.
    pub path: String,
    pub record: u64,
    pub title: Option<String>,
    pub body: String,
    /// Canonical outlet name, and the raw value it came from.
    pub outlet: Option<String>,
    pub outlet_raw: Option<String>,
    pub domain: Option<String>,
    pub url: Option<String>,
    pub date: Option<DateTime<Utc>>,
    /// The metadata carried a date that was junk or impossible (kept unknown, never invented).
    pub date_rejected: bool,
    pub authors: Vec<String>,
    pub lang: Option<String>,
    /// Place named by a dateline such as "KYIV, Aug 17 (Reuters) -".
    pub dateline: Option<String>,
    pub words: u64,
    /// Near-duplicate signature (filled by enrichment; see `enrich::minhash`).
    pub signature: Vec<u64>,
    /// People, organisations and places in the body (filled by enrichment).
    pub entities: Vec<crate::enrich::entities::Found>,
    /// Topics with their hits, and direct quotes with speakers (filled by enrichment).
    pub topics: Vec<crate::enrich::topics::TopicHit>,
    pub quotes: Vec<crate::enrich::quotes::Quote>,
}

impl Article {
    /// Bytes of title and body, the size a record limit applies to.
    pub fn text_len(&self) -> u64 {
        (self.body.len() + self.title.as_ref().map_or(0, String::len)) as u64
    }
}

/// Why a file or a record was not indexed. `line` is the line (JSONL, CSV) or record number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: Option<u64>,
    pub kind: SkipKind,
    pub detail: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.detail),
            None => write!(f, "{}: {}", self.path, self.detail),
        }
    }
}

/// Reasons, grouped for the summary and `stats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipKind {
    Unreadable,
    Binary,
    Empty,
    Encoding,
    Malformed,
    NoText,
    Unsupported,
    /// Above a size limit (`--max-file-size`, `--max-record-size`).
    TooLarge,
    /// A bug of ours met this input (an enrichment stage panicked).
    Internal,
}

impl SkipKind {
    pub fn label(self) -> &'static str {
        match self {
            SkipKind::Unreadable => "unreadable",
            SkipKind::Binary => "binary",
            SkipKind::Empty => "empty",
            SkipKind::Encoding => "encoding",
            SkipKind::Malformed => "malformed",
            SkipKind::NoText => "no text",
            SkipKind::Unsupported => "unsupported format",
            SkipKind::TooLarge => "too large",
            SkipKind::Internal => "internal error",
        }
    }

    pub fn from_label(label: &str) -> Option<SkipKind> {
        [
            SkipKind::Unreadable,
            SkipKind::Binary,
            SkipKind::Empty,
            SkipKind::Encoding,
            SkipKind::Malformed,
            SkipKind::NoText,
            SkipKind::Unsupported,
            SkipKind::TooLarge,
            SkipKind::Internal,
        ]
        .into_iter()
        .find(|k| k.label() == label)
    }
}
