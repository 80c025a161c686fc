//! Files → `Article`s: walking, format detection, decoding, one reader per format, metadata
//! inference. Knows nothing about enrichment or the index.

pub mod article;
pub mod date;
pub mod dateline;
pub mod decode;
mod delimited;
pub mod fields;
mod html;
mod json;
pub mod language;
pub mod limits;
mod markdown;
pub mod outlet;
pub mod txt;
pub mod walk;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

pub use article::{Article, Problem, SkipKind};
pub use fields::{FieldMap, Origin, Record};
pub use limits::Limits;
pub use outlet::OutletTable;
pub use walk::SourceFile;

use fields::Mapper;

/// JSON Lines files above this size are streamed instead of read whole.
pub const STREAM_ABOVE: u64 = 64 << 20;

/// Receives each record a reader finds (with its line or record number), or why it failed.
pub type Sink<'a> = &'a mut dyn FnMut(Option<u64>, Result<Record, (SkipKind, String)>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Txt,
    Markdown,
    Json,
    Jsonl,
    Csv,
    Tsv,
    Html,
}

/// What came out of one file, in order.
#[derive(Debug)]
pub enum Event {
    Article(Box<Article>),
    /// A record or file that was not indexed.
    Skipped(Problem),
    /// Indexed, but something was repaired (e.g. invalid UTF-8 bytes replaced).
    Warning(Problem),
}

/// Everything ingest needs to know, converted once from flags and `attache.toml`.
#[derive(Clone, Debug, Default)]
pub struct Ingest {
    pub fields: FieldMap,
    pub outlets: OutletTable,
    /// Outlet for articles whose metadata, URL and folder name none.
    pub default_outlet: Option<String>,
    pub limits: Limits,
}

const NOT_ARTICLES: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "svg", "pdf", "zip", "tar", "7z", "rar",
    "exe", "dll", "so", "bin", "mp3", "mp4", "avi", "mov", "wav", "doc", "docx", "xls", "xlsx",
    "ppt", "pptx", "woff", "woff2", "ttf", "otf", "css", "js", "wasm", "parquet", "sqlite", "db",
    "pyc", "class",
];

/// Format from the extension (after `.gz`); `Err` for files that are certainly not articles.
pub fn format_of(name: &str) -> (Result<Option<Format>, String>, bool) {
    let lower = name.to_lowercase();
    let (inner, gz) = match lower.strip_suffix(".gz") {
        Some(inner) => (inner.to_string(), true),
        None => (lower, false),
    };
    let ext = Path::new(&inner)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let format = match ext {
        "txt" | "text" => Some(Format::Txt),
        "md" | "markdown" => Some(Format::Markdown),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        e if NOT_ARTICLES.contains(&e) => {
            return (Err(format!("unsupported file type .{e}; skipped")), gz)
        }
        _ => None,
    };
    (Ok(format), gz)
}

/// Format from the content, for files without a telling extension.
pub fn sniff(text: &str) -> Format {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = t.chars().take(512).collect::<String>().to_lowercase();
    if t.starts_with('[') {
        return Format::Json;
    }
    if t.starts_with('{') {
        let mut lines = t.lines().filter(|l| !l.trim().is_empty());
        let first_two = (lines.next(), lines.next());
        return match first_two {
            (Some(a), Some(b))
                if a.trim_end().ends_with('}') && b.trim_start().starts_with('{') =>
            {
                Format::Jsonl
            }
            _ => Format::Json,
        };
    }
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head")
    {
        return Format::Html;
    }
    if t.starts_with("---\n") || t.starts_with("---\r\n") || t.starts_with("+++\n") {
        return Format::Markdown;
    }
    Format::Txt
}

impl Ingest {
    fn mapper(&self) -> Mapper<'_> {
        Mapper {
            fields: &self.fields,
            outlets: &self.outlets,
            default_outlet: self.default_outlet.as_deref(),
        }
    }

    /// True when the file should be streamed (large JSON Lines) rather than read into memory.
    /// Large JSON Lines files, and gzipped ones of any size (they may unpack to many times
    /// their size on disk).
    pub fn streams(file: &SourceFile) -> bool {
        let (format, gz) = format_of(&file.file_name());
        matches!(format, Ok(Some(Format::Jsonl))) && (gz || file.size > STREAM_ABOVE)
    }

    /// A file too big to read whole (checked before reading it; streamed files have no limit).
    pub fn too_large(&self, file: &SourceFile) -> Option<Problem> {
        let format = format_of(&file.file_name()).0;
        if matches!(format, Ok(Some(Format::Html))) && file.size > self.limits.max_html {
            return Some(file.problem(
                None,
                SkipKind::TooLarge,
                html_reason(file.size, self.limits),
            ));
        }
        (!Self::streams(file) && file.size > self.limits.max_file).then(|| {
            file.problem(
                None,
                SkipKind::TooLarge,
                format!(
                    "file of {} is above the limit of {} for files read whole; raise --max-file-size to read it{}",
                    limits::human(file.size),
                    limits::human(self.limits.max_file),
                    if matches!(format, Ok(Some(Format::Json))) {
                        ", or convert it to JSON Lines (streamed, any size)"
                    } else {
                        ""
                    }
                ),
            )
        })
    }

    /// Reads and parses one file (used by `extract`; the indexer reads bytes itself to hash them).
    pub fn read_file(&self, file: &SourceFile, emit: &mut dyn FnMut(Event)) {
        if Self::streams(file) {
            return self.stream_file(file, emit);
        }
        if let Some(p) = self.too_large(file) {
            return emit(Event::Skipped(p));
        }
        match std::fs::read(&file.path) {
            Ok(bytes) => self.parse_bytes(file, bytes, emit),
            Err(e) => emit(Event::Skipped(file.problem(
                None,
                SkipKind::Unreadable,
                io_reason(&e),
            ))),
        }
    }

    /// Parses a file already in memory.
    pub fn parse_bytes(&self, file: &SourceFile, bytes: Vec<u8>, emit: &mut dyn FnMut(Event)) {
        let name = file.file_name();
        let (format, gz) = format_of(&name);
        let format = match format {
            Ok(f) => f,
            Err(reason) => {
                return emit(Event::Skipped(file.problem(
                    None,
                    SkipKind::Unsupported,
                    reason,
                )))
            }
        };
        let bytes = if gz {
            match decode::gunzip(&bytes, self.limits.max_file) {
                Ok(b) => b,
                Err((kind, reason)) => {
                    return emit(Event::Skipped(file.problem(None, kind, reason)))
                }
            }
        } else {
            bytes
        };
        let decoded = match decode::decode_owned(bytes) {
            Ok(d) => d,
            Err((kind, reason)) => return emit(Event::Skipped(file.problem(None, kind, reason))),
        };
        if decoded.repaired {
            let reason = format!(
                "invalid {} bytes replaced with U+FFFD; the rest was indexed",
                decoded.encoding
            );
            emit(Event::Warning(file.problem(
                None,
                SkipKind::Encoding,
                reason,
            )));
        }
        let format = format.unwrap_or_else(|| sniff(&decoded.text));
        if format == Format::Html && decoded.text.len() as u64 > self.limits.max_html {
            let reason = html_reason(decoded.text.len() as u64, self.limits);
            return emit(Event::Skipped(file.problem(
                None,
                SkipKind::TooLarge,
                reason,
            )));
        }
        self.parse_text(file, format, &decoded.text, emit);
    }

    /// Parses text in a known format (also used for `extract -` and `--text`).
    pub fn parse_text(
        &self,
        file: &SourceFile,
        format: Format,
        text: &str,
        emit: &mut dyn FnMut(Event),
    ) {
        let origin = file.origin();
        let mapper = self.mapper();
        let mut n = 0u64;
        let mut sink = |line: Option<u64>, rec: Result<Record, (SkipKind, String)>| {
            n += 1;
            emit(to_event(&mapper, self.limits, file, &origin, n, line, rec));
        };
        match format {
            Format::Txt => sink(None, Ok(txt::read(text))),
            Format::Markdown => sink(
                None,
                markdown::read(text).map_err(|e| (SkipKind::Malformed, e)),
            ),
            Format::Html => sink(None, html::read(text).map_err(|e| (SkipKind::NoText, e))),
            Format::Json => json::read(text, &mut sink),
            Format::Jsonl => {
                let mut reader = text.as_bytes();
                json::read_lines(&mut reader, self.limits.max_record, &mut sink)
                    .expect("reading from memory cannot fail");
            }
            Format::Csv => delimited::read(text, b',', &mut sink),
            Format::Tsv => delimited::read(text, b'\t', &mut sink),
        }
    }

    /// Streams a large JSON Lines file (optionally gzipped) record by record.
    pub fn stream_file(&self, file: &SourceFile, emit: &mut dyn FnMut(Event)) {
        let origin = file.origin();
        let mapper = self.mapper();
        let handle = match File::open(&file.path) {
            Ok(f) => f,
            Err(e) => {
                return emit(Event::Skipped(file.problem(
                    None,
                    SkipKind::Unreadable,
                    io_reason(&e),
                )))
            }
        };
        let gz = file.file_name().to_lowercase().ends_with(".gz");
        let raw: Box<dyn Read> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(handle)))
        } else {
            Box::new(handle)
        };
        let mut reader = BufReader::with_capacity(1 << 20, raw);
        // The checks a file read whole gets from `decode`, on its first megabyte.
        match reader.fill_buf() {
            Ok(head) if head.iter().all(u8::is_ascii_whitespace) => {
                return emit(Event::Skipped(file.problem(
                    None,
                    SkipKind::Empty,
                    "empty file".into(),
                )));
            }
            Ok(head) if decode::looks_binary(head) => {
                let reason = "binary file (not text); skipped".to_string();
                return emit(Event::Skipped(file.problem(None, SkipKind::Binary, reason)));
            }
            Ok(_) => {}
            Err(e) => {
                let reason = format!("corrupt or unreadable: {e}");
                return emit(Event::Skipped(file.problem(
                    None,
                    SkipKind::Malformed,
                    reason,
                )));
            }
        }
        let mut n = 0u64;
        let mut sink = |line: Option<u64>, rec: Result<Record, (SkipKind, String)>| {
            n += 1;
            emit(to_event(&mapper, self.limits, file, &origin, n, line, rec));
        };
        match json::read_lines(&mut reader, self.limits.max_record, &mut sink) {
            Ok(repaired) => {
                for line in &repaired.lines {
                    let reason = "invalid UTF-8 bytes replaced with U+FFFD; the record was indexed"
                        .to_string();
                    emit(Event::Warning(file.problem(
                        Some(*line),
                        SkipKind::Encoding,
                        reason,
                    )));
                }
                let more = repaired.total - repaired.lines.len() as u64;
                if more > 0 {
                    let reason = format!("{more} more lines had invalid UTF-8 bytes replaced");
                    emit(Event::Warning(file.problem(
                        None,
                        SkipKind::Encoding,
                        reason,
                    )));
                }
            }
            // A gzip stream that breaks part-way is corrupt data; records before it are kept.
            Err(e) => {
                let (kind, what) = if gz {
                    (SkipKind::Malformed, "corrupt gzip data")
                } else {
                    (SkipKind::Unreadable, "read failed")
                };
                emit(Event::Skipped(file.problem(
                    None,
                    kind,
                    format!("{what} part-way: {e}"),
                )));
            }
        }
    }
}

fn html_reason(size: u64, limits: Limits) -> String {
    format!(
        "HTML page of {} is above the limit of {} for HTML (parsing takes many times the page's size); raise --max-html-size to read it",
        limits::human(size),
        limits::human(limits.max_html)
    )
}

/// Every word capitalised, the rest lower case: "NEW YORK" → "New York".
fn title_case_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// One record as read → the event the caller sees.
fn to_event(
    mapper: &Mapper<'_>,
    limits: Limits,
    file: &SourceFile,
    origin: &Origin,
    n: u64,
    line: Option<u64>,
    rec: Result<Record, (SkipKind, String)>,
) -> Event {
    match rec.and_then(|r| {
        mapper
            .article(&r, origin, n)
            .map_err(|e| (SkipKind::NoText, e))
    }) {
        Ok(a) if a.text_len() > limits.max_record => {
            let reason = format!(
                "article text of {} is above the record limit of {}; raise --max-record-size to read it",
                limits::human(a.text_len()),
                limits::human(limits.max_record)
            );
            Event::Skipped(file.problem(line, SkipKind::TooLarge, reason))
        }
        Ok(a) => Event::Article(Box::new(a)),
        Err((kind, reason)) => Event::Skipped(file.problem(line, kind, reason)),
    }
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (check the file's permissions)".into()
        }
        std::io::ErrorKind::NotFound => {
            "file not found (removed during the run, or a dangling symlink)".into()
        }
        _ => format!("cannot read: {e}"),
    }
}
