//! `attache stats`: what the index holds, counted from fast fields (no stored documents read).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use crate::cli::{StatsArgs, SummaryFormat};
use crate::index::AttacheIndex;
use crate::output::{rfc3339, text, LangCount, OutletCount, SkipCount, StatsOutput};

pub fn run(index_dir: &Path, args: StatsArgs) -> anyhow::Result<u8> {
    let idx = AttacheIndex::open_read_only(index_dir)?;
    let stats = compute(&idx)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        SummaryFormat::Text => text::stats(&mut out, &stats)?,
        SummaryFormat::Json => crate::output::write_json(&mut out, &stats)?,
    }
    // Flush here so a write error is reported, not lost when the buffer drops.
    out.flush()?;
    Ok(super::SUCCESS)
}

pub fn compute(idx: &AttacheIndex) -> anyhow::Result<StatsOutput> {
    let searcher = idx.reader()?.searcher();
    let mut articles = 0u64;
    let mut outlets: HashMap<String, u64> = HashMap::new();
    let mut langs: HashMap<String, u64> = HashMap::new();
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    let (mut without_date, mut without_outlet, mut rejected) = (0u64, 0u64, 0u64);
    let mut without_language = 0u64;
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let outlet = ff.str("outlet")?;
        let lang = ff.str("lang")?;
        let date = ff.date("date")?;
        let rej = ff.u64("date_rejected")?;
        let mut outlet_ords: HashMap<u64, u64> = HashMap::new();
        let mut lang_ords: HashMap<u64, u64> = HashMap::new();
        for doc in seg.doc_ids_alive() {
            articles += 1;
            match outlet.as_ref().and_then(|c| c.ords().first(doc)) {
                Some(o) => *outlet_ords.entry(o).or_default() += 1,
                None => without_outlet += 1,
            }
            match lang.as_ref().and_then(|c| c.ords().first(doc)) {
                Some(o) => *lang_ords.entry(o).or_default() += 1,
                None => without_language += 1,
            }
            match date.first(doc) {
                Some(d) => {
                    let s = d.into_timestamp_secs();
                    first = first.min(s);
                    last = last.max(s);
                }
                None => without_date += 1,
            }
            rejected += rej.first(doc).unwrap_or(0);
        }
        let mut buf = String::new();
        for (col, ords, into) in [
            (&outlet, outlet_ords, &mut outlets),
            (&lang, lang_ords, &mut langs),
        ] {
            let Some(col) = col else { continue };
            for (ord, n) in ords {
                buf.clear();
                col.ord_to_str(ord, &mut buf)?;
                *into.entry(buf.clone()).or_default() += n;
            }
        }
    }
    let mut outlets: Vec<OutletCount> = outlets
        .into_iter()
        .map(|(name, articles)| OutletCount { name, articles })
        .collect();
    outlets.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
    let mut languages: Vec<LangCount> = langs
        .into_iter()
        .map(|(lang, articles)| LangCount { lang, articles })
        .collect();
    languages.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.lang.cmp(&b.lang)));

    let meta = idx.meta()?;
    let skipped = SkipCount::tally(
        meta.skipped
            .iter()
            .map(|e| (e.reason.as_str(), e.path.as_str(), e.records)),
    );
    let date = |s: i64| chrono::DateTime::from_timestamp(s, 0).map(rfc3339);
    Ok(StatsOutput {
        articles,
        outlets,
        languages,
        first_date: (first != i64::MAX).then(|| date(first)).flatten(),
        last_date: (last != i64::MIN).then(|| date(last)).flatten(),
        without_date,
        without_outlet,
        without_language,
        dates_rejected: rejected,
        skipped,
        index_bytes: dir_size(&idx.dir),
    })
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
