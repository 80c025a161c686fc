//! `attache index`: walk → parse + enrich (worker threads) → tantivy writer (its own threads),
//! incremental by file stamp and content hash, committed atomically with its manifest.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use crossbeam_channel::{bounded, Sender};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tantivy::{IndexWriter, TantivyDocument};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use crate::cli::{IndexArgs, SummaryFormat};
use crate::config;
use crate::enrich::Enricher;
use crate::index::{
    self, AttacheIndex, Fields, FileStamp, IndexError, Meta, SkipEntry, EXTRACTOR_VERSION,
    SCHEMA_VERSION,
};
use crate::ingest::{walk, Article, Event, Ingest, Problem, SkipKind, SourceFile};
use crate::output::{text, IndexSummary, SkipCount};

/// Memory for tantivy's indexing buffers, shared by its threads. 400 MB measured no faster than
/// 256 MB on allsides or at 1M articles, and raised the 1M build's peak RSS from 1.74 to 1.89 GiB.
const WRITER_HEAP: usize = 256 << 20;
/// Commit every so many articles (at a file boundary) so an interrupted run keeps its work.
const COMMIT_EVERY: u64 = 200_000;
/// Articles per message for streamed files.
const BATCH: usize = 1000;

enum Msg {
    /// Same size and modification time as last run: not read.
    Unchanged(String),
    /// Read, but the content hash is unchanged.
    Same(String),
    WalkProblem(Problem),
    Batch {
        path: String,
        stamp: FileStamp,
        first: bool,
        last: bool,
        items: Vec<Item>,
    },
}

/// An article turned into a tantivy document on a parser thread, with what the summary counts.
enum Item {
    Doc {
        doc: TantivyDocument,
        outlet: Option<String>,
        dated: bool,
        date_rejected: bool,
        /// The article is indexed without annotations: an enrichment stage panicked on it.
        broken: Option<Problem>,
    },
    Skipped(Problem),
    Warning(Problem),
}

impl Item {
    fn new(
        fields: &Fields,
        enricher: &Enricher,
        path: &str,
        stamp: &FileStamp,
        event: Event,
    ) -> Item {
        match event {
            Event::Article(mut a) => {
                let broken = enrich_guarded(enricher, &mut a, path);
                Item::Doc {
                    doc: index::document(fields, &a, stamp),
                    outlet: a.outlet.take(),
                    dated: a.date.is_some(),
                    date_rejected: a.date_rejected,
                    broken,
                }
            }
            Event::Skipped(p) => Item::Skipped(p),
            Event::Warning(p) => Item::Warning(p),
        }
    }
}

/// Enriches `a`; a panic in a stage (a bug of ours that this text triggers) must not take the
/// worker and the rest of the corpus with it: the article is kept without annotations and the
/// failure reported as `path: record N: …`.
fn enrich_guarded(enricher: &Enricher, a: &mut Article, path: &str) -> Option<Problem> {
    crate::enrich::guarded(a, |a| enricher.enrich(a))
        .err()
        .map(|why| stage_failed(a, path, &why))
}

fn stage_failed(a: &Article, path: &str, why: &str) -> Problem {
    Problem {
        path: path.to_string(),
        line: None,
        kind: SkipKind::Internal,
        detail: format!(
            "record {}: enrichment failed ({why}); indexed without entities, topics and \
             quotes. This is a bug in attache: please report it with this file",
            a.record
        ),
    }
}

struct Job {
    file: SourceFile,
    known_hash: Option<u64>,
}

pub fn run(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
    args: IndexArgs,
) -> anyhow::Result<u8> {
    run_inner(index_dir, config_path, gazetteers, args)
        .map_err(|e| explain_write_failure(index_dir, e))
}

fn run_inner(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
    args: IndexArgs,
) -> anyhow::Result<u8> {
    let started = Instant::now();
    let file_cfg = config::load(config_path)?;
    let mut enricher = config::enricher(&file_cfg, gazetteers)?;
    enricher.skip = args.skip.clone();
    let enricher = Arc::new(enricher);
    if args.retag {
        return retag(index_dir, &enricher, args.format, args.quiet, started);
    }
    let limits = config::limits(
        &file_cfg,
        args.max_file_size.as_deref(),
        args.max_record_size.as_deref(),
        args.max_html_size.as_deref(),
    )?;
    let ingest = Arc::new(config::ingest(
        &file_cfg,
        &args.fields,
        args.outlet.clone(),
        limits,
    )?);

    // Folders named now must exist before an index is created for them.
    let named = walk::resolve_roots(&args.paths).map_err(anyhow::Error::msg)?;
    if named.is_empty() && !index::exists(index_dir) {
        bail!("no folders to index: name them, as in `attache index corpus`");
    }
    let (idx, old_meta) = open_for_writing(index_dir, args.rebuild)?;
    let old_manifest = idx.manifest(&old_meta)?;
    let gazetteer = enricher.fingerprint();
    let old_code = old_meta.extractor != EXTRACTOR_VERSION;
    let new_gazetteer = old_meta.gazetteer != gazetteer;
    let outdated = (old_code || new_gazetteer) && !old_manifest.is_empty();
    if outdated && !args.rebuild {
        eprintln!(
            "note: {}; re-reading every file",
            if old_code {
                "this index was built by an older attache"
            } else {
                "the gazetteer or the topic lexicon changed since the last run (data, attache.toml or --gazetteer)"
            }
        );
    }
    let rebuild = args.rebuild || outdated;
    // Intermediate commits let an interrupted run keep its work; but a rebuild of an index
    // that has articles commits only at the end, so until then the old index stays whole.
    let commit_every = if rebuild && !old_manifest.is_empty() {
        u64::MAX
    } else {
        args.commit_every.unwrap_or(COMMIT_EVERY).max(1)
    };
    // `roots`: what this run walks: the folders named, else every folder indexed before; all
    // of them when the index must be rebuilt because attache or its data changed (a rebuild
    // empties the index). `kept`: every folder the index holds articles of, for the next run
    // without folders. A folder indexed before that is missing now (an unmounted disk) is not
    // walked, and its articles stay unless the index is rebuilt.
    let earlier: Vec<PathBuf> = old_meta.roots.iter().map(PathBuf::from).collect();
    let (present, missing): (Vec<PathBuf>, Vec<PathBuf>) =
        earlier.iter().cloned().partition(|r| r.exists());
    // A rebuild attache decided on would empty the index, a missing folder's articles too.
    if rebuild && !args.rebuild && !missing.is_empty() {
        bail!(
            "this index must be re-read in full (attache or its gazetteer or lexicon changed), \
             but {} (indexed before) is missing: make it available again, or start over \
             without it with `attache index --rebuild FOLDER…`",
            missing
                .iter()
                .map(|m| m.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let roots: Vec<PathBuf> = if args.rebuild && !named.is_empty() {
        named
    } else if rebuild || named.is_empty() {
        if named.is_empty() && earlier.is_empty() {
            bail!("no folders to index: name them, as in `attache index corpus`");
        }
        for r in &missing {
            eprintln!(
                "warning: {} (indexed before) is missing; {}",
                r.display(),
                if rebuild {
                    "the rebuilt index leaves it out"
                } else {
                    "its articles stay in the index (`attache index --rebuild FOLDER…` starts over)"
                }
            );
        }
        let all = walk::union_of_roots(&present, &named);
        if all.is_empty() {
            bail!("none of the folders indexed before exists any more: name the folders to index");
        }
        all
    } else {
        named
    };
    let kept = if rebuild {
        roots.clone()
    } else {
        walk::union_of_roots(&earlier, &roots)
    };
    // A rebuild drops every article, so nothing may be skipped as unchanged.
    let mut manifest = if rebuild {
        HashMap::new()
    } else {
        old_manifest
    };
    // A new field mapping or default outlet: every file may give different articles.
    let reading_now = xxhash_rust::xxh3::xxh3_64(
        format!(
            "{:x} {:?}",
            ingest.fields.fingerprint(),
            ingest.default_outlet
        )
        .as_bytes(),
    );
    if old_meta.reading.is_some_and(|r| r != reading_now) {
        for stamp in manifest.values_mut() {
            (stamp.size, stamp.hash) = (u64::MAX, 0);
        }
    }
    // New limits: what was too large before may fit now (or the reverse), so read it again.
    let limits_now = vec![limits.max_file, limits.max_record, limits.max_html];
    if old_meta.limits.as_ref().is_some_and(|l| *l != limits_now) {
        for e in &old_meta.skipped {
            if e.reason == crate::ingest::SkipKind::TooLarge.label() {
                if let Some(stamp) = manifest.get_mut(&e.path) {
                    // A stamp no file has: read again, replacing what it had in the index.
                    (stamp.size, stamp.hash) = (u64::MAX, 0);
                }
            }
        }
    }

    let mut writer = open_writer(&idx)?;
    if rebuild {
        writer.delete_all_documents().map_err(write_failed)?;
    }

    let threads = args
        .threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
        .max(1);
    let (job_tx, job_rx) = bounded::<Job>(256);
    // Few messages in flight: one may hold a whole file's documents, and tantivy queues up to
    // 10,000 more itself; peak memory must not grow with the corpus.
    let (msg_tx, msg_rx) = bounded::<Msg>(8);

    let walker = {
        let roots = roots.clone();
        let msg_tx = msg_tx.clone();
        let stamps: HashMap<String, (u64, u64, u64)> = manifest
            .iter()
            .map(|(p, s)| (p.clone(), (s.size, s.mtime, s.hash)))
            .collect();
        std::thread::spawn(move || {
            let mut stats = walk::WalkStats::default();
            walk::walk(
                &roots,
                &mut |item| {
                    let _ = match item {
                        Err(p) => msg_tx.send(Msg::WalkProblem(p)),
                        Ok(file) => {
                            let path = file.display();
                            match stamps.get(&path) {
                                Some(&(size, mtime, _))
                                    if size == file.size && mtime == file.mtime =>
                                {
                                    msg_tx.send(Msg::Unchanged(path))
                                }
                                known => {
                                    let _ = job_tx.send(Job {
                                        file,
                                        known_hash: known.map(|k| k.2),
                                    });
                                    Ok(())
                                }
                            }
                        }
                    };
                },
                &mut stats,
            );
            stats
        })
    };
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let job_rx = job_rx.clone();
            let msg_tx = msg_tx.clone();
            let ingest = Arc::clone(&ingest);
            let enricher = Arc::clone(&enricher);
            let fields = idx.fields;
            std::thread::spawn(move || {
                for job in job_rx {
                    work(&ingest, &enricher, &fields, job, &msg_tx);
                }
            })
        })
        .collect();
    drop(job_rx);
    drop(msg_tx);

    let progress = progress_bar();
    let mut run = RunState {
        gazetteer,
        stages: enricher.stage_fingerprints(),
        genders: enricher.genders(),
        limits: Some(limits_now.clone()),
        reading: Some(reading_now),
        ..RunState::default()
    };
    for msg in msg_rx {
        match msg {
            Msg::Unchanged(path) | Msg::Same(path) => {
                run.files_unchanged += 1;
                run.seen.insert(path);
            }
            Msg::WalkProblem(p) => {
                report(&progress, args.quiet, "skipped", &p);
                run.seen.insert(p.path.clone());
                run.walk_problems.push(p);
            }
            Msg::Batch {
                path,
                stamp,
                first,
                last,
                items,
            } => {
                if first {
                    run.seen.insert(path.clone());
                    run.open_files += 1;
                    if let Some(old) = manifest.get(&path) {
                        writer.delete_term(idx.path_term(&path));
                        run.replaced.insert(path.clone(), old.articles);
                    }
                }
                for item in items {
                    match item {
                        Item::Doc {
                            doc,
                            outlet,
                            dated,
                            date_rejected,
                            broken,
                        } => {
                            if let Some(p) = broken {
                                report(&progress, args.quiet, "warning", &p);
                                run.warnings += 1;
                            }
                            run.count_article(
                                outlet,
                                dated,
                                date_rejected,
                                run.replaced.contains_key(&path),
                            );
                            writer.add_document(doc).map_err(write_failed)?;
                        }
                        Item::Skipped(p) => {
                            report(&progress, args.quiet, "skipped", &p);
                            run.count_skip(&p, &stamp);
                        }
                        Item::Warning(p) => {
                            report(&progress, args.quiet, "warning", &p);
                            run.warnings += 1;
                        }
                    }
                }
                if last {
                    run.open_files -= 1;
                    run.files_read += 1;
                }
                progress.set_message(format!(
                    "{} files, {} articles",
                    run.seen.len(),
                    run.indexed()
                ));
                if run.open_files == 0 && run.since_commit >= commit_every {
                    let meta = run.meta(&old_meta, &kept, false);
                    commit(&mut writer, &meta)?;
                    run.since_commit = 0;
                }
            }
        }
    }
    let walk_stats = walker.join().expect("walker thread panicked");
    for w in workers {
        w.join().expect("parser thread panicked");
    }

    // Files that disappeared since the last run (only under the folders indexed now). A folder
    // that yields no file at all while the index holds its articles is more likely an
    // unmounted disk's empty mount point than a deliberate purge: its articles stay.
    let empty: Vec<&PathBuf> = roots
        .iter()
        .filter(|r| !run.seen.iter().any(|p| Path::new(p).starts_with(r)))
        .filter(|r| manifest.keys().any(|p| Path::new(p).starts_with(r)))
        .collect();
    if !rebuild {
        for r in &empty {
            eprintln!(
                "warning: {} has no files now; its articles stay in the index (an unmounted \
                 disk?). `attache index --rebuild FOLDER…` starts over without them",
                r.display()
            );
        }
    }
    for (path, stamp) in &manifest {
        let under = |r: &&PathBuf| Path::new(path).starts_with(r);
        if !run.seen.contains(path) && roots.iter().any(|r| under(&r)) && !empty.iter().any(under) {
            writer.delete_term(idx.path_term(path));
            run.removed += stamp.articles;
            run.files_removed += 1;
            run.gone.insert(path.clone());
        }
    }
    let meta = run.meta(&old_meta, &kept, true);
    commit(&mut writer, &meta)?;
    progress.finish_and_clear();
    writer
        .wait_merging_threads()
        .context("merging index segments")?;
    pack_segments(&idx);

    let searcher = idx.reader()?.searcher();
    refresh_stories(&idx, &searcher);
    let total_articles = searcher.num_docs();
    let summary = run.summary(total_articles, walk_stats, started.elapsed());
    match args.format {
        // writeln!, not println!: a closed pipe must be an error main can forgive, not a panic.
        SummaryFormat::Json => writeln!(
            std::io::stdout(),
            "{}",
            serde_json::to_string_pretty(&summary)?
        )?,
        SummaryFormat::Text => writeln!(std::io::stdout(), "{}", text::summary_line(&summary))?,
    }
    if total_articles == 0 && !args.quiet {
        // (An empty index is allowed, but a folder of nothing readable is probably a mistake.)
        eprintln!(
            "warning: no articles in the index: {} files seen, none with text attache reads \
             (.txt, .md, .json, .jsonl, .csv, .tsv, .html, also .gz); check the folder",
            summary.files_seen
        );
    }
    let skipped: u64 = summary.skipped.iter().map(|s| s.records).sum();
    if args.strict && skipped > 0 {
        eprintln!("error: {skipped} records skipped and --strict is set (the rest was indexed)");
        return Ok(super::ERROR);
    }
    Ok(super::SUCCESS)
}

/// Clusters the committed index into stories (syndicated copies) and stores them. The table
/// only speeds up and stabilises `dupes`, `compare` and `search --dedupe`, which cluster at
/// query time without it, so failing to write it is a warning.
fn refresh_stories(idx: &AttacheIndex, searcher: &tantivy::Searcher) {
    if let Err(e) = crate::search::stories::Table::refresh(&idx.dir, searcher) {
        eprintln!(
            "warning: could not store the story clusters in {}: {e:#}; `dupes`, `compare` and \
             `search --dedupe` will cluster at query time",
            idx.dir.display()
        );
    }
}

fn open_for_writing(dir: &Path, rebuild: bool) -> anyhow::Result<(AttacheIndex, Meta)> {
    if !index::exists(dir) {
        let idx = AttacheIndex::create(dir)?;
        return Ok((
            idx,
            Meta {
                schema_version: SCHEMA_VERSION,
                ..Meta::default()
            },
        ));
    }
    match AttacheIndex::open(dir) {
        Ok(idx) => {
            let meta = idx.meta()?;
            Ok((idx, meta))
        }
        Err(IndexError::Incompatible { .. }) if rebuild => {
            AttacheIndex::remove_files(dir)?;
            let idx = AttacheIndex::create(dir)?;
            Ok((
                idx,
                Meta {
                    schema_version: SCHEMA_VERSION,
                    ..Meta::default()
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// `index --retag`: every stored article enriched again; the corpus is not read. Only the
/// files with an article whose entities, topics or quotes changed are written back (tantivy
/// cannot update a document in place, and re-indexing the text is most of a rebuild's cost):
/// a first pass compares, a second deletes those files' articles and adds them enriched
/// anew. Like any run, it commits once at the end, so an interrupted retag leaves the
/// previous index.
fn retag(
    index_dir: &Path,
    enricher: &Arc<Enricher>,
    format: SummaryFormat,
    quiet: bool,
    started: Instant,
) -> anyhow::Result<u8> {
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    use std::sync::Mutex;
    if !index::exists(index_dir) {
        bail!(
            "no index at {} to retag: build one first with `attache index FOLDER`",
            index_dir.display()
        );
    }
    let idx = AttacheIndex::open(index_dir)?;
    let old_meta = idx.meta()?;
    let searcher = idx.reader()?.searcher();
    let fields = idx.fields;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    // Only what the gazetteer, the lexicon or the program changed since the index was written.
    let stages = enricher.stage_fingerprints();
    let same = |f: fn(&(u64, u64)) -> u64| {
        old_meta.extractor == EXTRACTOR_VERSION
            && old_meta.stages.as_ref().map(f) == Some(f(&stages))
    };
    let (entities, topics) = (!same(|s| s.0), !same(|s| s.1));
    // Quotes follow their entities, and the genders of those (for "she" and "he").
    let genders = enricher.genders();
    let gender_changed = |id: &str| {
        old_meta.extractor != EXTRACTOR_VERSION
            || old_meta
                .genders
                .as_ref()
                .is_none_or(|old| old.get(id) != genders.get(id))
    };

    // Held from the start, so no other run writes between the two passes.
    let mut writer = open_writer(&idx)?;
    // An index from another version of attache (or without stage fingerprints) gets every
    // article rewritten in one pass, without comparing first.
    let everything = old_meta.extractor != EXTRACTOR_VERSION || old_meta.stages.is_none();
    let seen = AtomicU64::new(0);
    let rewrite = if everything {
        writer.delete_all_documents().map_err(write_failed)?;
        None
    } else {
        // Pass 1: which files have an article whose annotations change?
        let changed: Mutex<rustc_hash::FxHashSet<String>> = Mutex::default();
        if entities || topics {
            stored_in_parallel(&fields, &searcher, None, threads, |doc, _| {
                let mut a = index::article_from_doc(&fields, &doc);
                seen.fetch_add(1, Relaxed);
                // A stage that panics here panics again in pass 2, which reports it.
                let redo = crate::enrich::guarded(&mut a, |a| {
                    enricher.reannotate(a, entities, topics, &gender_changed)
                });
                if redo.unwrap_or(true) {
                    changed.lock().expect("no panics").insert(a.path);
                }
            })?;
        }
        // Pass 2 (below): those files' articles, deleted and added again.
        let mut rewrite: rustc_hash::FxHashSet<tantivy::DocAddress> = Default::default();
        for path in changed.into_inner().expect("no panics") {
            let term = tantivy::Term::from_field_text(fields.path, &path);
            writer.delete_term(term.clone());
            let query =
                tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
            rewrite.extend(searcher.search(&query, &tantivy::collector::DocSetCollector)?);
        }
        Some(rewrite)
    };
    let added = AtomicU64::new(0);
    let failed = AtomicU64::new(0);
    stored_in_parallel(
        &fields,
        &searcher,
        rewrite.as_ref(),
        threads,
        |doc, stamp| {
            let mut a = index::article_from_doc(&fields, &doc);
            // Signature, words and language are derived from the text, which did not change.
            a.signature = crate::enrich::minhash::signature(&a.body);
            let kept = (
                (!entities).then(|| (a.entities.clone(), a.quotes.clone())),
                (!topics).then(|| a.topics.clone()),
            );
            if let Err(why) = crate::enrich::guarded(&mut a, |a| {
                enricher.reannotate(a, entities, topics, &gender_changed)
            }) {
                // The stages this retag does not recompute keep what was stored.
                if let Some((e, q)) = kept.0 {
                    (a.entities, a.quotes) = (e, q);
                }
                if let Some(t) = kept.1 {
                    a.topics = t;
                }
                failed.fetch_add(1, Relaxed);
                if !quiet {
                    eprintln!("warning: {}", stage_failed(&a, &a.path, &why));
                }
            }
            if writer
                .add_document(index::document(&fields, &a, &stamp))
                .is_ok()
            {
                added.fetch_add(1, Relaxed);
            }
        },
    )?;
    let rewritten = added.load(Relaxed);
    let n = if everything {
        rewritten
    } else {
        seen.load(Relaxed)
    };
    let expected = rewrite
        .as_ref()
        .map_or(searcher.num_docs(), |r| r.len() as u64);
    if rewritten != expected {
        bail!(
            "retag: {} of {expected} articles could not be written back; the index is unchanged",
            expected - rewritten,
        );
    }
    let meta = Meta {
        gazetteer: enricher.fingerprint(),
        stages: Some(stages),
        genders: Some(genders.clone()),
        ..old_meta
    };
    commit(&mut writer, &meta)?;
    writer
        .wait_merging_threads()
        .context("merging index segments")?;
    if rewritten > 0 {
        pack_segments(&idx);
        refresh_stories(&idx, &idx.reader()?.searcher());
    }
    let secs = started.elapsed().as_secs_f64();
    let mut recomputed: Vec<&str> = Vec::new();
    if entities {
        recomputed.extend(["entities", "quotes"]);
    }
    if topics {
        recomputed.push("topics");
    }
    match format {
        SummaryFormat::Json => println!(
            "{}",
            serde_json::json!({
                "retagged": n,
                "recomputed": recomputed,
                "rewritten": rewritten,
                "seconds": (secs * 100.0).round() / 100.0,
                "warnings": failed.load(Relaxed),
            })
        ),
        SummaryFormat::Text if recomputed.is_empty() => println!(
            "nothing to retag: the gazetteer, the topic lexicon and attache are those the index \
             was built with"
        ),
        SummaryFormat::Text => println!(
            "retagged {n} articles from the stored text in {secs:.1} s ({} recomputed); \
             {rewritten} rewritten (their files had an article whose annotations changed){}",
            recomputed.join(", "),
            match failed.load(Relaxed) {
                0 => String::new(),
                w => format!("; {w} warnings"),
            }
        ),
    }
    Ok(super::SUCCESS)
}

/// Every live stored document (or only those in `only`), with its file stamp, handed to
/// `work` on `threads` threads while this thread reads the store.
fn stored_in_parallel(
    fields: &index::Fields,
    searcher: &tantivy::Searcher,
    only: Option<&rustc_hash::FxHashSet<tantivy::DocAddress>>,
    threads: usize,
    work: impl Fn(TantivyDocument, FileStamp) + Sync,
) -> anyhow::Result<()> {
    let (tx, rx) = bounded::<(TantivyDocument, FileStamp)>(256);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for _ in 0..threads {
            let (rx, work) = (rx.clone(), &work);
            scope.spawn(move || {
                for (doc, stamp) in rx {
                    work(doc, stamp);
                }
            });
        }
        drop(rx);
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let ff = seg.fast_fields();
            let (mtime, size, hash) = (
                ff.u64("file_mtime")?,
                ff.u64("file_size")?,
                ff.u64("file_hash")?,
            );
            let store = seg.get_store_reader(64)?;
            let flags = index::FastFlags::of(seg);
            for doc in seg.doc_ids_alive() {
                if only.is_some_and(|o| !o.contains(&tantivy::DocAddress::new(ord as u32, doc))) {
                    continue;
                }
                let mut d: TantivyDocument = store.get(doc)?;
                flags.copy_into(fields, doc, &mut d);
                let stamp = FileStamp {
                    mtime: mtime.first(doc).unwrap_or(0),
                    size: size.first(doc).unwrap_or(0),
                    hash: hash.first(doc).unwrap_or(0),
                    articles: 0,
                };
                if tx.send((d, stamp)).is_err() {
                    break;
                }
            }
        }
        drop(tx);
        Ok(())
    })
}

/// The index's one writer; a second `attache index` gets `Locked` at once (no waiting).
fn open_writer(idx: &AttacheIndex) -> anyhow::Result<IndexWriter> {
    let writer: IndexWriter = idx
        .index
        .writer_with_options(
            tantivy::indexer::IndexWriterOptions::builder()
                .num_worker_threads(2)
                .memory_budget_per_thread(WRITER_HEAP / 2)
                // One merge at a time: each maps its sources, so concurrent merges add up.
                .num_merge_threads(1)
                .build(),
        )
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => {
                anyhow::Error::new(IndexError::Locked(idx.dir.clone()))
            }
            e => anyhow::Error::new(e).context("cannot open the index for writing"),
        })?;
    writer.set_merge_policy(Box::new(crate::index::merge::BoundedMerges::default()));
    Ok(writer)
}

/// Merges the small segments of an index left with many (see `merge::pack`), so that queries
/// open fewer files. The index is complete without it, so a failure is a warning.
fn pack_segments(idx: &AttacheIndex) {
    let run = || -> anyhow::Result<()> {
        let metas = idx.index.searchable_segment_metas()?;
        let groups = crate::index::merge::pack(&metas, crate::index::merge::MAX_MERGED_DOCS);
        if groups.is_empty() {
            return Ok(());
        }
        let mut writer = open_writer(idx)?;
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for group in groups {
            if let Err(e) = writer.merge(&group).wait() {
                // A failed merge (a full disk) leaves its half-written segment behind.
                let _ = writer.garbage_collect_files().wait();
                return Err(e.into());
            }
        }
        writer.wait_merging_threads()?;
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!(
            "warning: could not merge the index's small segments: {e:#}; the index is complete, \
             queries only open more files"
        );
    }
}

fn commit(writer: &mut IndexWriter, meta: &Meta) -> anyhow::Result<()> {
    let mut prepared = writer.prepare_commit().map_err(write_failed)?;
    prepared.set_payload(&serde_json::to_string(meta)?);
    prepared.commit().map_err(write_failed)?;
    Ok(())
}

/// Adding to or committing the index failed (a full disk, an I/O error): tantivy's last commit
/// still stands, so the index is as it was before the failed part of the run.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct WriteFailed(String);

fn write_failed(e: tantivy::TantivyError) -> anyhow::Error {
    anyhow::Error::new(WriteFailed(e.to_string()))
}

/// Turns a write failure into advice, after removing the files of the segments that were never
/// committed (on a full disk they would keep it full).
fn explain_write_failure(index_dir: &Path, e: anyhow::Error) -> anyhow::Error {
    if e.downcast_ref::<WriteFailed>().is_none() {
        return e;
    }
    let free = fs4::available_space(index_dir).ok();
    if let Ok(idx) = AttacheIndex::open(index_dir) {
        if let Ok(w) = idx
            .index
            .writer_with_num_threads::<TantivyDocument>(1, 20 << 20)
        {
            let _ = w.garbage_collect_files().wait();
        }
    }
    let cause = match free {
        Some(f) if f < 64 << 20 => format!(
            "the disk holding the index is full ({} free at {})",
            crate::ingest::limits::human(f),
            index_dir.display()
        ),
        _ => format!("writing the index failed: {e}"),
    };
    anyhow::anyhow!(
        "{cause}. The index is unchanged since its last commit and still searchable; free some \
         space (or pass --index a folder on a larger disk) and run `attache index` again, which \
         continues where the last commit left off"
    )
}

/// Reads, hashes, parses and enriches one file, sending its articles in batches.
fn work(ingest: &Ingest, enricher: &Enricher, fields: &Fields, job: Job, tx: &Sender<Msg>) {
    let file = job.file;
    let path = file.display();
    let mut stamp = FileStamp {
        mtime: file.mtime,
        size: file.size,
        hash: 0,
        articles: 0,
    };
    if Ingest::streams(&file) {
        match hash_file(&file.path) {
            Ok(h) => stamp.hash = h,
            Err(e) => {
                let _ = tx.send(unreadable(&file, path, stamp, &e));
                return;
            }
        }
        if job.known_hash == Some(stamp.hash) {
            let _ = tx.send(Msg::Same(path));
            return;
        }
        let shown = path.clone();
        let mut out = Batcher::new(tx, path, stamp);
        ingest.stream_file(&file, &mut |ev| {
            out.push(Item::new(fields, enricher, &shown, &stamp, ev))
        });
        return out.finish();
    }
    if let Some(p) = ingest.too_large(&file) {
        let _ = tx.send(Msg::Batch {
            path,
            stamp,
            first: true,
            last: true,
            items: vec![Item::Skipped(p)],
        });
        return;
    }
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => {
            let _ = tx.send(unreadable(&file, path, stamp, &e));
            return;
        }
    };
    stamp.hash = xxh3_64(&bytes);
    if job.known_hash == Some(stamp.hash) {
        let _ = tx.send(Msg::Same(path));
        return;
    }
    // One message per file read whole: commits happen between messages of whole files.
    let mut items = Vec::new();
    ingest.parse_bytes(&file, bytes, &mut |ev| {
        items.push(Item::new(fields, enricher, &path, &stamp, ev))
    });
    let _ = tx.send(Msg::Batch {
        path,
        stamp,
        first: true,
        last: true,
        items,
    });
}

/// Sends a streamed file's articles to the writer in batches of BATCH, so the documents in
/// flight stay few whatever the file's size.
struct Batcher<'a> {
    tx: &'a Sender<Msg>,
    path: String,
    stamp: FileStamp,
    first: bool,
    items: Vec<Item>,
}

impl<'a> Batcher<'a> {
    fn new(tx: &'a Sender<Msg>, path: String, stamp: FileStamp) -> Self {
        Batcher {
            tx,
            path,
            stamp,
            first: true,
            items: Vec::new(),
        }
    }

    fn push(&mut self, item: Item) {
        self.items.push(item);
        if self.items.len() >= BATCH {
            let items = std::mem::take(&mut self.items);
            let _ = self.tx.send(Msg::Batch {
                path: self.path.clone(),
                stamp: self.stamp,
                first: self.first,
                last: false,
                items,
            });
            self.first = false;
        }
    }

    fn finish(self) {
        let _ = self.tx.send(Msg::Batch {
            path: self.path,
            stamp: self.stamp,
            first: self.first,
            last: true,
            items: self.items,
        });
    }
}

/// The message for a file that could not be read at all.
fn unreadable(file: &SourceFile, path: String, stamp: FileStamp, e: &std::io::Error) -> Msg {
    let p = file.problem(
        None,
        crate::ingest::SkipKind::Unreadable,
        crate::ingest::io_reason(e),
    );
    Msg::Batch {
        path,
        stamp,
        first: true,
        last: true,
        items: vec![Item::Skipped(p)],
    }
}

fn hash_file(path: &Path) -> std::io::Result<u64> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(h.digest());
        }
        h.update(&buf[..n]);
    }
}

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} indexing: {msg} [{elapsed}]")
            .expect("valid template"),
    );
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}

fn report(pb: &ProgressBar, quiet: bool, what: &str, p: &Problem) {
    if !quiet {
        pb.suspend(|| eprintln!("{what}: {p}"));
    }
}

/// Counters and bookkeeping for one run.
#[derive(Default)]
struct RunState {
    /// Fingerprint of the gazetteer used (recorded in the commit payload).
    gazetteer: u64,
    stages: (u64, u64),
    genders: std::collections::BTreeMap<String, u32>,
    limits: Option<Vec<u64>>,
    reading: Option<u64>,
    seen: HashSet<String>,
    gone: HashSet<String>,
    /// Files re-indexed this run, with the number of articles they had before.
    replaced: HashMap<String, u64>,
    open_files: u64,
    files_read: u64,
    files_unchanged: u64,
    files_removed: u64,
    new: u64,
    updated: u64,
    removed: u64,
    since_commit: u64,
    warnings: u64,
    dates_rejected: u64,
    without_date: u64,
    without_outlet: u64,
    outlets: BTreeSet<String>,
    /// (path, reason) → entry, for files read this run.
    skips: BTreeMap<(String, String), SkipEntry>,
    walk_problems: Vec<Problem>,
}

impl RunState {
    fn indexed(&self) -> u64 {
        self.new + self.updated
    }

    fn count_article(
        &mut self,
        outlet: Option<String>,
        dated: bool,
        date_rejected: bool,
        replacing: bool,
    ) {
        if replacing {
            self.updated += 1;
        } else {
            self.new += 1;
        }
        self.since_commit += 1;
        self.dates_rejected += date_rejected as u64;
        self.without_date += !dated as u64;
        match outlet {
            Some(o) => {
                self.outlets.insert(o);
            }
            None => self.without_outlet += 1,
        }
    }

    fn count_skip(&mut self, p: &Problem, stamp: &FileStamp) {
        let reason = p.kind.label().to_string();
        self.skips
            .entry((p.path.clone(), reason.clone()))
            .or_insert(SkipEntry {
                path: p.path.clone(),
                reason,
                records: 0,
                mtime: stamp.mtime,
                size: stamp.size,
                hash: stamp.hash,
            })
            .records += 1;
    }

    /// The manifest to commit: this run's skips, plus earlier ones for files not read again.
    fn meta(&self, old: &Meta, roots: &[PathBuf], finished: bool) -> Meta {
        let mut skipped: Vec<SkipEntry> = self.skips.values().cloned().collect();
        let read_now: HashSet<&str> = self.skips.keys().map(|(p, _)| p.as_str()).collect();
        for e in &old.skipped {
            let reread = self.replaced.contains_key(&e.path) || read_now.contains(e.path.as_str());
            let gone = finished && self.gone.contains(&e.path);
            if !reread && !gone {
                skipped.push(e.clone());
            }
        }
        // Walk problems (loops, unreadable folders) have no stamp: they are retried each run.
        Meta {
            schema_version: SCHEMA_VERSION,
            extractor: EXTRACTOR_VERSION,
            roots: roots.iter().map(|r| r.display().to_string()).collect(),
            skipped,
            gazetteer: self.gazetteer,
            stages: Some(self.stages),
            genders: Some(self.genders.clone()),
            limits: self.limits.clone(),
            reading: self.reading,
        }
    }

    fn summary(
        &self,
        total_articles: u64,
        walk: walk::WalkStats,
        elapsed: Duration,
    ) -> IndexSummary {
        let skipped = SkipCount::tally(
            self.skips
                .values()
                .map(|e| (e.reason.as_str(), e.path.as_str(), e.records))
                .chain(
                    self.walk_problems
                        .iter()
                        .map(|p| (p.kind.label(), p.path.as_str(), 1)),
                ),
        );
        let skipped_records: u64 = skipped.iter().map(|s| s.records).sum();
        IndexSummary {
            indexed: self.indexed(),
            new: self.new,
            updated: self.updated,
            removed: self.removed,
            files_seen: self.seen.len() as u64,
            files_unchanged: self.files_unchanged,
            files_removed: self.files_removed,
            files_ignored: walk.ignored,
            records_seen: self.indexed() + skipped_records,
            skipped,
            warnings: self.warnings,
            dates_rejected: self.dates_rejected,
            without_date: self.without_date,
            without_outlet: self.without_outlet,
            outlets: self.outlets.len() as u64,
            total_articles,
            seconds: (elapsed.as_secs_f64() * 100.0).round() / 100.0,
        }
    }
}
