//! The only code that writes tantivy: schema, tokenizers, open/create, documents, and the
//! per-file manifest that makes indexing incremental.

pub mod merge;
pub mod pread;
pub mod schema;
pub mod tokenizer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use tantivy::schema::Value as _;
use tantivy::{DateTime as TDateTime, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

pub use schema::{Fields, SCHEMA_VERSION};

/// Bump when ingest or enrichment would extract different articles from the same files; the
/// next `attache index` then re-reads every file instead of skipping unchanged ones, and
/// `--retag` recomputes every stage. (3: session 14's entity and quote rules.)
pub const EXTRACTOR_VERSION: u32 = 3;

use crate::enrich::entities::Found;
use crate::ingest::Article;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at {0}: build one with `attache index FOLDER` (or pass --index DIR)")]
    Missing(PathBuf),
    #[error("{0} is a file, not an index folder: pass the index's folder with --index DIR")]
    NotAFolder(PathBuf),
    #[error(
        "the index at {dir} was built by an incompatible version of attache (schema {found}, this build reads {wanted}): rebuild it with `attache index --rebuild FOLDER…`"
    )]
    Incompatible {
        dir: PathBuf,
        found: String,
        wanted: u32,
    },
    #[error("another `attache index` is writing to {0}; wait for it to finish")]
    Locked(PathBuf),
    #[error("index at {dir}: {source}")]
    Tantivy {
        dir: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error("index at {dir}: {source}")]
    Io {
        dir: PathBuf,
        source: std::io::Error,
    },
}

/// Stored with every commit (atomically, as tantivy's commit payload).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Meta {
    pub schema_version: u32,
    /// Version of the extraction code that produced the articles (see `EXTRACTOR_VERSION`).
    #[serde(default)]
    pub extractor: u32,
    /// Folders and files indexed last; `attache index` without paths re-indexes them.
    #[serde(default)]
    pub roots: Vec<String>,
    /// Files and records that were not indexed, per file, so `stats` can report them and an
    /// unchanged bad file is not re-read on every run.
    #[serde(default)]
    pub skipped: Vec<SkipEntry>,
    /// Fingerprint of the gazetteer the entities were found with: a changed gazetteer makes
    /// the next run re-read every file, so entity fields never mix two gazetteers.
    #[serde(default)]
    pub gazetteer: u64,
    /// `Enricher::stage_fingerprints` of the run (entities and quotes, topics), so `--retag`
    /// knows which stages to recompute; None in indexes written before it existed.
    #[serde(default)]
    pub stages: Option<(u64, u64)>,
    /// `Enricher::genders` of the run (a hash per person id): quotes depend on them.
    #[serde(default)]
    pub genders: Option<std::collections::BTreeMap<String, u32>>,
    /// Size limits of the run (max file, record, HTML bytes; a list, so a payload written with
    /// fewer limits still reads): changing them re-reads the files that had something skipped
    /// as too large.
    #[serde(default)]
    pub limits: Option<Vec<u64>>,
    /// Fingerprint of how records are read (`--field` mappings, `--outlet`): changing it
    /// re-reads every file, since any article may come out different.
    #[serde(default)]
    pub reading: Option<u64>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SkipEntry {
    pub path: String,
    pub reason: String,
    pub records: u64,
    pub mtime: u64,
    pub size: u64,
    pub hash: u64,
}

/// What the index remembers about a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub mtime: u64,
    pub size: u64,
    pub hash: u64,
    pub articles: u64,
}

pub struct AttacheIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
}

fn tantivy_err(dir: &Path) -> impl Fn(tantivy::TantivyError) -> IndexError + '_ {
    move |source| match source {
        tantivy::TantivyError::LockFailure(..) => IndexError::Locked(dir.to_path_buf()),
        source => IndexError::Tantivy {
            dir: dir.to_path_buf(),
            source,
        },
    }
}

pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

fn register(index: &Index) {
    index
        .tokenizers()
        .register(tokenizer::TOKENIZER, tokenizer::MarkedTokenizer::default());
}

impl AttacheIndex {
    /// Opens an existing index, refusing one built with another schema version.
    pub fn open(dir: &Path) -> Result<AttacheIndex, IndexError> {
        Self::open_with(dir, false)
    }

    /// Opens an existing index for queries: files are read by range rather than mapped (see
    /// `pread`), which is cheaper for a process that runs one query.
    pub fn open_read_only(dir: &Path) -> Result<AttacheIndex, IndexError> {
        Self::open_with(dir, true)
    }

    fn open_with(dir: &Path, read_only: bool) -> Result<AttacheIndex, IndexError> {
        if dir.is_file() {
            return Err(IndexError::NotAFolder(dir.to_path_buf()));
        }
        if !exists(dir) {
            return Err(IndexError::Missing(dir.to_path_buf()));
        }
        let index = if read_only {
            pread::PreadDirectory::open(dir).and_then(Index::open)
        } else {
            Index::open_in_dir(dir)
        }
        .map_err(tantivy_err(dir))?;
        let meta = read_meta(&index, dir)?;
        if meta.schema_version != SCHEMA_VERSION {
            return Err(IndexError::Incompatible {
                dir: dir.to_path_buf(),
                found: meta.schema_version.to_string(),
                wanted: SCHEMA_VERSION,
            });
        }
        let (_, fields) = schema::build_schema();
        register(&index);
        Ok(AttacheIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// Creates a new index in `dir` (which may hold other files, such as a .gitignore).
    pub fn create(dir: &Path) -> Result<AttacheIndex, IndexError> {
        if dir.is_file() {
            return Err(IndexError::NotAFolder(dir.to_path_buf()));
        }
        std::fs::create_dir_all(dir).map_err(|source| IndexError::Io {
            dir: dir.to_path_buf(),
            source,
        })?;
        let (schema, fields) = schema::build_schema();
        let index = Index::create_in_dir(dir, schema).map_err(tantivy_err(dir))?;
        register(&index);
        Ok(AttacheIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// Removes an index's own files (only those tantivy wrote), keeping the folder.
    pub fn remove_files(dir: &Path) -> Result<(), IndexError> {
        let io = |source| IndexError::Io {
            dir: dir.to_path_buf(),
            source,
        };
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = name == "meta.json"
                || name.starts_with("stories.bin")
                || name == ".managed.json"
                || name.ends_with(".lock")
                || [
                    ".idx",
                    ".pos",
                    ".term",
                    ".store",
                    ".fast",
                    ".fieldnorm",
                    ".del",
                ]
                .iter()
                .any(|s| name.ends_with(s));
            if ours && entry.path().is_file() {
                std::fs::remove_file(entry.path()).map_err(io)?;
            }
        }
        Ok(())
    }

    pub fn meta(&self) -> Result<Meta, IndexError> {
        read_meta(&self.index, &self.dir)
    }

    pub fn reader(&self) -> Result<IndexReader, IndexError> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_err(&self.dir))
    }

    /// Every source file the index holds articles of, with its stamp; plus files that were
    /// entirely skipped last time (from the commit payload).
    pub fn manifest(&self, meta: &Meta) -> Result<HashMap<String, FileStamp>, IndexError> {
        let reader = self.reader()?;
        let searcher = reader.searcher();
        let mut files: HashMap<String, FileStamp> = HashMap::new();
        let err = tantivy_err(&self.dir);
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let Some(paths) = ff.str("path").map_err(&err)? else {
                continue;
            };
            let mtime = ff.u64("file_mtime").map_err(&err)?;
            let size = ff.u64("file_size").map_err(&err)?;
            let hash = ff.u64("file_hash").map_err(&err)?;
            let mut by_ord: HashMap<u64, FileStamp> = HashMap::new();
            for doc in seg.doc_ids_alive() {
                let Some(ord) = paths.ords().first(doc) else {
                    continue;
                };
                by_ord
                    .entry(ord)
                    .or_insert(FileStamp {
                        mtime: mtime.first(doc).unwrap_or(0),
                        size: size.first(doc).unwrap_or(0),
                        hash: hash.first(doc).unwrap_or(0),
                        articles: 0,
                    })
                    .articles += 1;
            }
            let names = column_terms(&paths).map_err(|source| IndexError::Io {
                dir: self.dir.clone(),
                source,
            })?;
            for (ord, stamp) in by_ord {
                let Some(name) = names.get(ord as usize) else {
                    continue;
                };
                files
                    .entry(name.clone())
                    .and_modify(|s| s.articles += stamp.articles)
                    .or_insert(stamp);
            }
        }
        for s in &meta.skipped {
            files.entry(s.path.clone()).or_insert(FileStamp {
                mtime: s.mtime,
                size: s.size,
                hash: s.hash,
                articles: 0,
            });
        }
        Ok(files)
    }

    /// Language codes present in the index (drives per-language query analysis).
    pub fn languages(&self, searcher: &tantivy::Searcher) -> Vec<String> {
        let mut langs = Vec::new();
        for seg in searcher.segment_readers() {
            let Ok(inv) = seg.inverted_index(self.fields.lang) else {
                continue;
            };
            let mut stream = match inv.terms().stream() {
                Ok(s) => s,
                Err(_) => continue,
            };
            while stream.advance() {
                if let Ok(s) = std::str::from_utf8(stream.key()) {
                    if !langs.iter().any(|l| l == s) {
                        langs.push(s.to_string());
                    }
                }
            }
        }
        langs.sort();
        langs
    }

    pub fn path_term(&self, path: &str) -> Term {
        Term::from_field_text(self.fields.path, path)
    }
}

/// Every term of a string fast field, indexed by ordinal: one pass over the dictionary instead
/// of one (block-decompressing) lookup per ordinal.
pub fn column_terms(col: &tantivy::columnar::StrColumn) -> std::io::Result<Vec<String>> {
    let mut out = Vec::with_capacity(col.num_terms());
    let mut stream = col.dictionary().stream()?;
    while stream.advance() {
        out.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(out)
}

fn read_meta(index: &Index, dir: &Path) -> Result<Meta, IndexError> {
    let metas = index.load_metas().map_err(tantivy_err(dir))?;
    match metas.payload.as_deref() {
        Some(p) => serde_json::from_str(p).map_err(|_| IndexError::Incompatible {
            dir: dir.to_path_buf(),
            found: "unknown".into(),
            wanted: SCHEMA_VERSION,
        }),
        // A fresh index that was never committed by attache: treat as current and empty.
        None if metas.segments.is_empty() => Ok(Meta {
            schema_version: SCHEMA_VERSION,
            ..Meta::default()
        }),
        None => Err(IndexError::Incompatible {
            dir: dir.to_path_buf(),
            found: "none".into(),
            wanted: SCHEMA_VERSION,
        }),
    }
}

/// Calendar buckets stored as fast fields, so grouping by day, ISO week (Monday) or month
/// needs no date arithmetic at query time.
pub fn buckets(date: DateTime<Utc>) -> (i64, i64, i64) {
    let day = date.date_naive();
    let days = day
        .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
        .num_days();
    let week = days - day.weekday().num_days_from_monday() as i64;
    let month = day.year() as i64 * 12 + day.month0() as i64;
    (days, week, month)
}

/// The tantivy document for one article.
pub fn document(f: &Fields, a: &Article, stamp: &FileStamp) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &a.id);
    doc.add_u64(f.id_hash, xxhash_rust::xxh3::xxh3_64(a.id.as_bytes()));
    doc.add_text(f.path, &a.path);
    doc.add_u64(f.record, a.record);
    doc.add_u64(f.file_mtime, stamp.mtime);
    doc.add_u64(f.file_size, stamp.size);
    doc.add_u64(f.file_hash, stamp.hash);
    let lang = a.lang.as_deref();
    if let Some(t) = &a.title {
        doc.add_text(f.title, tokenizer::mark(lang, t));
        doc.add_text(f.title_text, t);
    }
    doc.add_text(f.body, tokenizer::mark(lang, &a.body));
    doc.add_text(f.body_text, &a.body);
    for (field, value) in [
        (f.outlet, &a.outlet),
        (f.outlet_raw, &a.outlet_raw),
        (f.domain, &a.domain),
        (f.url, &a.url),
        (f.lang, &a.lang),
        (f.dateline, &a.dateline),
    ] {
        if let Some(v) = value {
            doc.add_text(field, v);
        }
    }
    if let Some(d) = a.date {
        doc.add_date(f.date, TDateTime::from_timestamp_secs(d.timestamp()));
        let (day, week, month) = buckets(d);
        doc.add_i64(f.day, day);
        doc.add_i64(f.week, week);
        doc.add_i64(f.month, month);
    }
    doc.add_u64(f.date_rejected, a.date_rejected as u64);
    doc.add_u64(f.words, a.words);
    for author in &a.authors {
        doc.add_text(f.authors, author);
    }
    for v in &a.signature {
        doc.add_u64(f.minhash, *v);
    }
    add_entities(&mut doc, f, &a.entities);
    add_topics_and_quotes(&mut doc, f, a);
    doc
}

/// Entity ids (fast, for filters and counts), unknown candidates by name, and every mention.
fn add_entities(doc: &mut TantivyDocument, f: &Fields, found: &[Found]) {
    use crate::enrich::entities::EntityType;
    let mut seen = std::collections::HashSet::new();
    for e in found {
        let (field, value) = match (&e.id, e.etype) {
            (Some(id), EntityType::Person) => (f.persons, id),
            (Some(id), EntityType::Org) => (f.orgs, id),
            (Some(id), EntityType::Place) => (f.places, id),
            (None, EntityType::Person) => (f.persons_unknown, &e.name),
            (None, EntityType::Org) => (f.orgs_unknown, &e.name),
            (None, EntityType::Place) => continue,
        };
        if seen.insert((field, value.as_str())) {
            doc.add_text(field, value);
        }
    }
    if !found.is_empty() {
        doc.add_text(f.entities, serde_json::to_string(found).unwrap_or_default());
    }
}

/// Topic ids (fast) and hits; quotes (stored), their words (indexed in the article's
/// language) and their speakers.
fn add_topics_and_quotes(doc: &mut TantivyDocument, f: &Fields, a: &Article) {
    for t in &a.topics {
        doc.add_text(f.topics, &t.id);
    }
    if !a.topics.is_empty() {
        doc.add_text(
            f.topic_hits,
            serde_json::to_string(&a.topics).unwrap_or_default(),
        );
    }
    if a.quotes.is_empty() {
        return;
    }
    doc.add_text(
        f.quotes,
        serde_json::to_string(&a.quotes).unwrap_or_default(),
    );
    let mut seen = std::collections::HashSet::new();
    for q in &a.quotes {
        doc.add_text(f.quote_text, tokenizer::mark(a.lang.as_deref(), &q.text));
        let by = q.speaker_id.clone().or_else(|| q.speaker.clone());
        if let Some(by) = by {
            if seen.insert(by.clone()) {
                doc.add_text(f.quote_by, by);
            }
        }
    }
}

/// Canonical names of the gazetteer entities of one type in an article, in order of first
/// mention (what search hits and `show` list).
pub fn entity_names(a: &Article, t: crate::enrich::entities::EntityType) -> Vec<String> {
    a.entities
        .iter()
        .filter(|e| e.etype == t && e.id.is_some())
        .map(|e| e.name.clone())
        .collect()
}

/// The flags kept only as fast fields (`date_rejected`) of one segment, to copy into its stored
/// documents so that `article_from_doc` sees them: `show` reported every rejected date as not
/// rejected, and `--retag` re-added articles without the flag. Opened once per segment.
pub struct FastFlags(Option<tantivy::columnar::Column<u64>>);

impl FastFlags {
    pub fn of(segment: &tantivy::SegmentReader) -> FastFlags {
        FastFlags(segment.fast_fields().u64("date_rejected").ok())
    }

    pub fn copy_into(&self, f: &Fields, doc_id: tantivy::DocId, doc: &mut TantivyDocument) {
        if let Some(v) = self.0.as_ref().and_then(|c| c.first(doc_id)) {
            doc.add_u64(f.date_rejected, v);
        }
    }
}

/// Reads a stored document back into an `Article` (for `show` and search hits).
pub fn article_from_doc(f: &Fields, doc: &TantivyDocument) -> Article {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    Article {
        id: text(f.id).unwrap_or_default(),
        path: text(f.path).unwrap_or_default(),
        record: doc
            .get_first(f.record)
            .and_then(|v| v.as_u64())
            .unwrap_or(0),
        title: text(f.title_text),
        body: text(f.body_text).unwrap_or_default(),
        outlet: text(f.outlet),
        outlet_raw: text(f.outlet_raw),
        domain: text(f.domain),
        url: text(f.url),
        date: doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .and_then(|d| DateTime::from_timestamp(d.into_timestamp_secs(), 0)),
        date_rejected: doc.get_first(f.date_rejected).and_then(|v| v.as_u64()) == Some(1),
        authors: doc
            .get_all(f.authors)
            .filter_map(|v| v.as_str())
            .map(str::to_string)
            .collect(),
        lang: text(f.lang),
        dateline: text(f.dateline),
        words: doc.get_first(f.words).and_then(|v| v.as_u64()).unwrap_or(0),
        signature: Vec::new(),
        entities: text(f.entities)
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default(),
        topics: text(f.topic_hits)
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default(),
        quotes: text(f.quotes)
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default(),
    }
}

pub fn multi(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn calendar_buckets() {
        // 2025-08-17 is a Sunday: its ISO week starts Monday 2025-08-11.
        let (day, week, month) = buckets(Utc.with_ymd_and_hms(2025, 8, 17, 23, 0, 0).unwrap());
        assert_eq!(day, 20317);
        assert_eq!(week, 20311);
        assert_eq!(month, 2025 * 12 + 7);
    }
}
