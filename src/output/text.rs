//! Human-readable renderings.

use std::io::{self, Write};

use super::style::Style;
use super::{ArticleOut, HitOut, IndexSummary, SearchOutput, StatsOutput};

pub fn search(
    out: &mut dyn Write,
    s: &SearchOutput,
    offset: usize,
    style: Style,
) -> io::Result<()> {
    let shown = s.hits.len();
    if shown == 0 {
        match s.total {
            0 => writeln!(out, "no articles match {:?}", s.query)?,
            n => writeln!(
                out,
                "{} {:?}; --offset {offset} is past the last one",
                counted(n, "article matches", "articles match"),
                s.query
            )?,
        }
        return Ok(());
    }
    let stories = s
        .stories
        .map(|n| format!(" ({})", counted(n, "story", "stories")))
        .unwrap_or_default();
    writeln!(
        out,
        "{}{} {} {:?}; showing {}–{}",
        counted(s.total, "article", "articles"),
        stories,
        if s.total == 1 { "matches" } else { "match" },
        s.query,
        offset + 1,
        offset + shown
    )?;
    for h in &s.hits {
        writeln!(out)?;
        hit(out, h, style)?;
    }
    Ok(())
}

fn hit(out: &mut dyn Write, h: &HitOut, style: Style) -> io::Result<()> {
    let date = h.date.as_deref().map(|d| &d[..10]).unwrap_or("no date   ");
    let outlet = h.outlet.as_deref().unwrap_or("(unknown outlet)");
    let lang = h.lang.as_deref().unwrap_or("?");
    writeln!(
        out,
        "{}  {}  {}",
        date,
        style.outlet(outlet),
        style.dim(&format!("[{lang}]"))
    )?;
    writeln!(
        out,
        "  {}",
        style.bold(h.title.as_deref().unwrap_or("(no title)"))
    )?;
    if !h.snippet.is_empty() {
        writeln!(out, "  {}", highlighted(&h.snippet, &h.highlights, style))?;
    }
    let mut names: Vec<&str> = Vec::new();
    names.extend(h.persons.iter().map(String::as_str));
    names.extend(h.orgs.iter().map(String::as_str));
    names.extend(h.places.iter().map(String::as_str));
    if !names.is_empty() {
        writeln!(
            out,
            "  {}",
            style.dim(&format!("entities: {}", names.join(", ")))
        )?;
    }
    if !h.copies.is_empty() {
        writeln!(
            out,
            "  {}",
            style.dim(&format!(
                "+{}: {}",
                counted(h.copies.len(), "copy", "copies"),
                h.copies.join(", ")
            ))
        )?;
    }
    if !h.topics.is_empty() {
        writeln!(
            out,
            "  {}",
            style.dim(&format!("topics: {}", h.topics.join(", ")))
        )?;
    }
    writeln!(out, "  {}", style.dim(&h.id))
}

pub fn highlighted(text: &str, ranges: &[[usize; 2]], style: Style) -> String {
    let mut s = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for &[a, b] in ranges {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        s.push_str(&text[at..a]);
        s.push_str(&style.hit(&text[a..b]));
        at = b;
    }
    s.push_str(&text[at..]);
    s
}

pub fn stats(out: &mut dyn Write, s: &StatsOutput) -> io::Result<()> {
    writeln!(out, "articles      {}", s.articles)?;
    writeln!(
        out,
        "dates         {} → {}",
        s.first_date.as_deref().map(|d| &d[..10]).unwrap_or("-"),
        s.last_date.as_deref().map(|d| &d[..10]).unwrap_or("-")
    )?;
    writeln!(
        out,
        "without date  {} ({} junk or impossible dates rejected)",
        s.without_date, s.dates_rejected
    )?;
    writeln!(out, "without outlet {}", s.without_outlet)?;
    writeln!(out, "index size    {:.1} MB", s.index_bytes as f64 / 1e6)?;
    let mut langs: Vec<String> = s
        .languages
        .iter()
        .map(|l| format!("{} {}", l.lang, l.articles))
        .collect();
    if s.without_language > 0 {
        langs.push(format!("unknown {}", s.without_language));
    }
    writeln!(out, "languages     {}", langs.join(", "))?;
    if s.skipped.is_empty() {
        writeln!(out, "skipped       none")?;
    } else {
        let sk: Vec<String> = s
            .skipped
            .iter()
            .map(|k| format!("{} {} ({} files)", k.reason, k.records, k.files))
            .collect();
        writeln!(out, "skipped       {}", sk.join(", "))?;
    }
    writeln!(out, "outlets       {}", s.outlets.len())?;
    for o in &s.outlets {
        writeln!(out, "  {:>7}  {}", o.articles, o.name)?;
    }
    Ok(())
}

pub fn summary_line(s: &IndexSummary) -> String {
    let skipped: u64 = s.skipped.iter().map(|k| k.records).sum();
    let mut line = format!(
        "indexed {} articles ({} new, {} updated), removed {}, {} files unchanged, skipped {}",
        s.indexed, s.new, s.updated, s.removed, s.files_unchanged, skipped
    );
    if skipped > 0 {
        let reasons: Vec<String> = s
            .skipped
            .iter()
            .map(|k| format!("{} {}", k.reason, k.records))
            .collect();
        line.push_str(&format!(" ({})", reasons.join(", ")));
    }
    line.push_str(&format!(
        "; {} outlets; {} without date ({} dates rejected), {} without outlet; {} articles in the index; {:.1} s",
        s.outlets, s.without_date, s.dates_rejected, s.without_outlet, s.total_articles, s.seconds
    ));
    if s.warnings > 0 {
        line.push_str(&format!("; {} warnings", s.warnings));
    }
    line
}

pub fn article(out: &mut dyn Write, a: &ArticleOut, style: Style) -> io::Result<()> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "{}",
        style.bold(a.title.as_deref().unwrap_or("(no title)"))
    )?;
    writeln!(out, "id        {}", a.id)?;
    writeln!(
        out,
        "outlet    {} {}",
        opt(&a.outlet),
        style.dim(&format!(
            "(from {:?})",
            a.outlet_raw.as_deref().unwrap_or("folder or URL")
        ))
    )?;
    writeln!(
        out,
        "date      {}{}",
        opt(&a.date),
        if a.date_rejected {
            " (metadata date rejected)"
        } else {
            ""
        }
    )?;
    writeln!(out, "lang      {}", opt(&a.lang))?;
    writeln!(out, "url       {}", opt(&a.url))?;
    writeln!(out, "domain    {}", opt(&a.domain))?;
    writeln!(
        out,
        "authors   {}",
        if a.authors.is_empty() {
            "-".into()
        } else {
            a.authors.join(", ")
        }
    )?;
    writeln!(out, "dateline  {}", opt(&a.dateline))?;
    writeln!(out, "words     {}", a.words)?;
    if let Some(s) = &a.story {
        if s.original == a.id {
            writeln!(out, "story     the original of {} articles", s.articles)?;
        } else {
            writeln!(
                out,
                "story     a copy (similarity {:.2}) of {}, one of {} articles",
                s.similarity, s.original, s.articles
            )?;
        }
    }
    writeln!(out, "source    {} (record {})", a.path, a.record)?;
    for (label, v) in [
        ("persons", &a.persons),
        ("orgs", &a.orgs),
        ("places", &a.places),
        ("topics", &a.topics),
    ] {
        if !v.is_empty() {
            writeln!(out, "{label:<9} {}", v.join(", "))?;
        }
    }
    // Quotes, one line each: who (as the text names them), then the words, cut to a line.
    let said: Vec<String> = a
        .quotes
        .iter()
        .map(|q| {
            let who = match (&q.speaker, &q.speaker_text) {
                (Some(s), _) => s.clone(),
                (None, Some(t)) if q.verb.is_some() => format!("({t})"),
                _ => "-".into(),
            };
            let mut words: String = q.text.chars().take(90).collect();
            if words.len() < q.text.len() {
                words.push('…');
            }
            format!("  {who}: “{words}”")
        })
        .collect();
    if !said.is_empty() {
        writeln!(out, "quotes    {}", said.len())?;
        for line in said {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body)
}

/// Sparklines wider than this sum neighbouring buckets.
const SPARK_WIDTH: usize = 48;

/// Unicode block sparkline of a series, scaled to its own maximum.
pub fn sparkline(series: &[u64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let per = series.len().div_ceil(SPARK_WIDTH).max(1);
    let series: Vec<u64> = series.chunks(per).map(|c| c.iter().sum()).collect();
    let max = series.iter().copied().max().unwrap_or(0);
    series
        .iter()
        .map(|&v| match (v, max) {
            (0, _) => ' ',
            (_, m) => BLOCKS[((v * 7).div_ceil(m)) as usize],
        })
        .collect()
}

/// `compare` as tables, one per query, with a sparkline of matches per bucket.
pub fn compare(
    out: &mut dyn Write,
    o: &super::CompareOutput,
    c: &crate::compare::Comparison,
    style: Style,
) -> io::Result<()> {
    for (qi, q) in o.queries.iter().enumerate() {
        if qi > 0 {
            writeln!(out)?;
        }
        let rows: Vec<(&super::CompareRow, &crate::compare::Row)> = o
            .rows
            .iter()
            .zip(&c.rows)
            .filter(|(r, _)| r.query == q.label)
            .collect();
        let matches: u64 = rows.iter().map(|(r, _)| r.matches).sum();
        let total: u64 = rows.iter().map(|(r, _)| r.total).sum();
        writeln!(
            out,
            "{} — {} of {} articles ({:.1}%), {} stories, by {}, per {}{}",
            style.bold(&q.label),
            matches,
            total,
            100.0 * matches as f64 / total.max(1) as f64,
            q.stories,
            o.by,
            o.interval,
            match (c.buckets.first(), c.buckets.last()) {
                (Some(a), Some(b)) => format!(" from {a} to {b}"),
                _ => String::new(),
            }
        )?;
        let w = rows
            .iter()
            .map(|(r, _)| r.group.chars().count())
            .max()
            .unwrap_or(5)
            .clamp(5, 32);
        writeln!(
            out,
            "{:<w$}  {:>7}  {:>7}  {:>6}  {:>7}  {:<10}  {:>6}  timeline",
            o.by, "matches", "total", "share", "stories", "first", "lag d"
        )?;
        for (r, row) in rows {
            let group: String = r.group.chars().take(w).collect();
            writeln!(
                out,
                "{:<w$}  {:>7}  {:>7}  {:>5.1}%  {:>7}  {:<10}  {:>6}  {}",
                group,
                r.matches,
                r.total,
                100.0 * r.share,
                r.stories,
                r.first.as_deref().map(|d| &d[..10]).unwrap_or("-"),
                r.lag_days
                    .map(|l| format!("{l:.1}"))
                    .unwrap_or_else(|| "-".into()),
                sparkline(&row.series)
            )?;
        }
    }
    if o.rows.iter().any(|r| !r.entities.is_empty()) {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            style.bold("entities named most (articles among the group's matches)")
        )?;
        for r in o.rows.iter().filter(|r| !r.entities.is_empty()) {
            let list: Vec<String> = r
                .entities
                .iter()
                .map(|e| format!("{} {}", e.name, e.articles))
                .collect();
            writeln!(
                out,
                "  {} · {}: {}",
                r.query,
                style.outlet(&r.group),
                list.join(", ")
            )?;
        }
    }
    if !o.keyness.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            style.bold("key terms (G²; count here vs in the other groups' matches)")
        )?;
        for k in &o.keyness {
            let terms: Vec<String> = k
                .terms
                .iter()
                .map(|t| format!("{} {:.1} ({}/{})", t.term, t.g2, t.count, t.other))
                .collect();
            writeln!(
                out,
                "  {} · {}: {}",
                k.query,
                style.outlet(&k.group),
                if terms.is_empty() {
                    "-".into()
                } else {
                    terms.join(", ")
                }
            )?;
        }
    }
    Ok(())
}

pub fn dupes(out: &mut dyn Write, d: &super::DupesOutput, style: Style) -> io::Result<()> {
    let copies: usize = d.clusters.iter().map(|c| c.articles - 1).sum();
    writeln!(
        out,
        "{} {} of copies among {} articles matching {:?} ({})",
        d.clusters.len(),
        if d.clusters.len() == 1 {
            "cluster"
        } else {
            "clusters"
        },
        d.articles,
        d.query,
        counted(copies, "copy", "copies")
    )?;
    for c in &d.clusters {
        writeln!(out)?;
        for (i, m) in c.members.iter().enumerate() {
            let date = m.date.as_deref().map(|s| &s[..10]).unwrap_or("no date   ");
            // (A page scraped twice under one URL, its text changed in between: the same
            // article, whatever the similarity.)
            let role = if i == 0 {
                "original".to_string()
            } else if m.id == c.members[0].id {
                "same URL".to_string()
            } else {
                format!("copy {:.2}", m.similarity)
            };
            writeln!(
                out,
                "  {:<9}  {}  {}  {}",
                role,
                date,
                style.outlet(m.outlet.as_deref().unwrap_or("(unknown outlet)")),
                m.title.as_deref().unwrap_or("(no title)")
            )?;
        }
    }
    Ok(())
}

/// Concordance: left context right-aligned, the match, right context; grouped by outlet.
pub fn kwic(
    out: &mut dyn Write,
    k: &super::KwicOutput,
    width: usize,
    by_outlet: bool,
    style: Style,
) -> io::Result<()> {
    writeln!(
        out,
        "{} {} of {}{}",
        k.total,
        if k.total == 1 {
            "occurrence"
        } else {
            "occurrences"
        },
        // As typed: `"security guarantees"` keeps its own quotes, unescaped.
        k.query,
        if k.lines.len() < k.total {
            format!(" (showing {})", k.lines.len())
        } else {
            String::new()
        }
    )?;
    let mut current: Option<&Option<String>> = None;
    for l in &k.lines {
        if by_outlet && current != Some(&l.outlet) {
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                style.outlet(l.outlet.as_deref().unwrap_or("(unknown outlet)"))
            )?;
            current = Some(&l.outlet);
        }
        let date = l.date.as_deref().map(|d| &d[..10]).unwrap_or("no date   ");
        let pad = width.saturating_sub(l.left.chars().count());
        writeln!(
            out,
            "{date}  {}{}{}{}",
            " ".repeat(pad),
            l.left,
            style.hit(&l.matched),
            l.right
        )?;
    }
    Ok(())
}

/// "1 article", "2 articles".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
