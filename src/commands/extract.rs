//! `attache extract`: what enrichment finds in each article, as JSON Lines, without indexing.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::cli::ExtractArgs;
use crate::config;
use crate::ingest::{self, walk, Event, SourceFile};
use crate::output::ExtractRecord;

pub fn run(
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
    args: ExtractArgs,
) -> anyhow::Result<u8> {
    let file = config::load(config_path)?;
    let ingest = config::ingest(
        &file,
        &args.field,
        None,
        config::limits(&file, None, None, None)?,
    )?;
    let enricher = config::enricher(&file, gazetteers)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut problems = 0u64;
    let mut articles = 0u64;
    let mut emit = |event: Event, out: &mut dyn Write| -> std::io::Result<()> {
        match event {
            Event::Article(mut a) => {
                articles += 1;
                if let Err(why) = crate::enrich::guarded(&mut a, |a| enricher.enrich(a)) {
                    eprintln!(
                        "warning: {}: record {}: enrichment failed ({why}); printed without \
                         entities, topics and quotes. This is a bug in attache: please report it",
                        a.path, a.record
                    );
                }
                let mut rec = ExtractRecord::new(&a);
                if args.known_only {
                    rec.entities.retain(|e| e.id.is_some());
                }
                serde_json::to_writer(&mut *out, &rec)?;
                writeln!(out)?;
            }
            Event::Skipped(p) => {
                problems += 1;
                eprintln!("{p}");
            }
            Event::Warning(p) => eprintln!("warning: {p}"),
        }
        Ok(())
    };
    let mut failed: Option<std::io::Error> = None;
    let mut sink = |e: Event| {
        if failed.is_none() {
            if let Err(err) = emit(e, &mut out) {
                failed = Some(err);
            }
        }
    };
    if let Some(text) = &args.text {
        let a = ingest::Article {
            body: text.clone(),
            path: "--text".into(),
            record: 1,
            ..Default::default()
        };
        sink(Event::Article(Box::new(a)));
    } else {
        for path in &args.paths {
            if path.as_os_str() == "-" {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text).map_err(|e| {
                    anyhow::anyhow!(
                        "cannot read stdin: {e} (extract - expects UTF-8 JSON, JSON Lines or text)"
                    )
                })?;
                let format = ingest::sniff(&text);
                ingest.parse_text(&SourceFile::virtual_file("-"), format, &text, &mut sink);
                continue;
            }
            let roots =
                walk::resolve_roots(std::slice::from_ref(path)).map_err(anyhow::Error::msg)?;
            let mut files: Vec<SourceFile> = Vec::new();
            let mut stats = walk::WalkStats::default();
            walk::walk(
                &roots,
                &mut |f| match f {
                    Ok(f) => files.push(f),
                    Err(p) => sink(Event::Skipped(p)),
                },
                &mut stats,
            );
            for f in &files {
                ingest.read_file(f, &mut sink);
            }
        }
    }
    if let Some(e) = failed {
        return Err(e.into());
    }
    out.flush()?;
    if problems > 0 {
        eprintln!("{articles} articles, {problems} skipped (reasons above)");
    } else if articles == 0 {
        eprintln!("no articles found: the files named hold no text attache reads (see `attache index --help` for the formats)");
    }
    Ok(if articles == 0 {
        super::NO_RESULTS
    } else {
        super::SUCCESS
    })
}
