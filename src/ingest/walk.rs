//! Walks the folders and files given on the command line.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

use super::article::{Problem, SkipKind};
use super::fields::Origin;

/// One file to ingest, with what the incremental indexer compares.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Absolute path; also the key the index remembers the file by.
    pub path: PathBuf,
    pub folder_outlet: Option<String>,
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: u64,
}

impl SourceFile {
    pub fn display(&self) -> String {
        self.path.display().to_string()
    }

    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    pub fn origin(&self) -> Origin {
        Origin {
            path: self.display(),
            file_name: self.file_name(),
            folder_outlet: self.folder_outlet.clone(),
        }
    }

    pub fn problem(&self, line: Option<u64>, kind: SkipKind, detail: String) -> Problem {
        Problem {
            path: self.display(),
            line,
            kind,
            detail,
        }
    }

    /// A stand-in for text that does not come from a file (`extract -`, `--text`).
    pub fn virtual_file(name: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from(name),
            folder_outlet: None,
            size: 0,
            mtime: 0,
        }
    }
}

/// Folder names that say nothing about the outlet.
const GENERIC_FOLDERS: &[&str] = &[
    "articles",
    "article",
    "data",
    "dataset",
    "datasets",
    "corpus",
    "corpora",
    "docs",
    "documents",
    "files",
    "raw",
    "text",
    "texts",
    "txt",
    "json",
    "jsonl",
    "html",
    "csv",
    "news",
    "misc",
    "input",
    "inputs",
    "output",
    "export",
    "exports",
    "downloads",
    "tmp",
    "temp",
    "sample",
    "samples",
    "seed",
    "scraped",
    "crawl",
    "feeds",
    "archive",
    "all",
];

/// Files that describe a corpus rather than belong to it.
fn is_documentation(name: &str) -> bool {
    let upper = name.to_uppercase();
    [
        "README",
        "LICENSE",
        "LICENCE",
        "CHANGELOG",
        "COPYING",
        "NOTICE",
        "ATTACHE.TOML",
    ]
    .iter()
    .any(|p| upper.starts_with(p))
}

/// "english", "russian", "deutsch": a language's name, in English or its own.
fn is_language_name(lower: &str) -> bool {
    whatlang::Lang::all()
        .iter()
        .any(|l| l.eng_name().eq_ignore_ascii_case(lower) || l.name().to_lowercase() == lower)
}

fn folder_outlet(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    // (A folder per language, "en/", "ru/", says nothing about the outlet either.)
    let generic = GENERIC_FOLDERS.contains(&lower.as_str())
        || (lower.len() == 2 && super::language::is_known(&lower))
        || is_language_name(&lower)
        || lower
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '_');
    (!generic).then(|| name.replace(['-', '_'], " "))
}

fn mtime_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// Resolves the roots the user named; a missing root is a usage error, not a skipped file.
pub fn resolve_roots(roots: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    roots
        .iter()
        .map(|r| {
            std::fs::canonicalize(r).map_err(|e| {
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
                    _ => super::io_reason(&e),
                };
                format!("{}: {why} (check the path)", r.display())
            })
        })
        .collect()
}

/// The folders of `earlier` and `now` (absolute), without one inside another: what an index
/// built from both holds.
pub fn union_of_roots(earlier: &[PathBuf], now: &[PathBuf]) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = earlier.iter().chain(now).cloned().collect();
    all.sort();
    all.dedup();
    // Sorted, a folder comes right before what lies inside it.
    let mut out: Vec<PathBuf> = Vec::new();
    for r in all {
        if !out.iter().any(|o| r.starts_with(o)) {
            out.push(r);
        }
    }
    out
}

/// Counts from the walk that are not records.
#[derive(Debug, Default, Clone, Copy)]
pub struct WalkStats {
    /// README, LICENSE and similar files, and hidden files.
    pub ignored: u64,
}

/// Visits every candidate file under `roots` (absolute), in a stable order.
pub fn walk(
    roots: &[PathBuf],
    emit: &mut dyn FnMut(Result<SourceFile, Problem>),
    stats: &mut WalkStats,
) {
    for root in roots {
        let root_is_dir = root.is_dir();
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        let indexes = std::cell::Cell::new(0u64);
        let it = walker.filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            // Hidden entries, and search indexes (`attache index .` must not read its own
            // ./index): a folder with tantivy's meta.json and .managed.json.
            let index = e.file_type().is_dir()
                && e.path().join(".managed.json").is_file()
                && e.path().join("meta.json").is_file();
            indexes.set(indexes.get() + u64::from(index));
            !index && !e.file_name().to_string_lossy().starts_with('.')
        });
        for entry in it {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| root.display().to_string());
                    let detail = if err.loop_ancestor().is_some() {
                        "symlink loop; not followed".to_string()
                    } else if let Some(io) = err.io_error() {
                        super::io_reason(io)
                    } else {
                        err.to_string()
                    };
                    emit(Err(Problem {
                        path,
                        line: None,
                        kind: SkipKind::Unreadable,
                        detail,
                    }));
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            if is_documentation(&name) {
                stats.ignored += 1;
                continue;
            }
            let path = entry.path().to_path_buf();
            let meta = match entry.metadata() {
                Ok(m) => m,
                Err(err) => {
                    let detail = err
                        .io_error()
                        .map(super::io_reason)
                        .unwrap_or_else(|| err.to_string());
                    emit(Err(Problem {
                        path: path.display().to_string(),
                        line: None,
                        kind: SkipKind::Unreadable,
                        detail,
                    }));
                    continue;
                }
            };
            if !meta.is_file() {
                continue; // sockets, fifos, devices
            }
            let folder = if root_is_dir {
                path.strip_prefix(root).ok().and_then(first_folder)
            } else {
                root.parent()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
            };
            emit(Ok(SourceFile {
                path,
                folder_outlet: folder.and_then(|f| folder_outlet(&f)),
                size: meta.len(),
                mtime: mtime_ns(&meta),
            }));
        }
        stats.ignored += indexes.get();
    }
}

fn first_folder(rel: &Path) -> Option<String> {
    let mut comps = rel.components();
    let first = comps.next()?;
    comps.next()?; // the file itself must be below it
    Some(first.as_os_str().to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_that_are_outlets() {
        assert_eq!(
            folder_outlet("atlantic-wire").as_deref(),
            Some("atlantic wire")
        );
        assert_eq!(folder_outlet("bbc").as_deref(), Some("bbc"));
        assert_eq!(folder_outlet("articles"), None);
        assert_eq!(folder_outlet("2019"), None);
        assert!(is_documentation("README.orig.md"));
    }
}
