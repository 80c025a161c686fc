//! `attache quotes [QUERY]`: direct quotes with their speakers from the matching articles.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{HitFormat, QuotesArgs, SortArg};
use crate::config;
use crate::enrich::entities::{fold::fold, Resolver};
use crate::index::tokenizer;
use crate::output::{rfc3339, QuoteOut, QuotesOutput};
use crate::search::{Engine, Request, Sort};

/// Most articles read for quotes.
const MAX_ARTICLES: usize = 5000;

pub fn run(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
    args: QuotesArgs,
) -> anyhow::Result<u8> {
    let (idx, outlets) = super::open_for_queries(index_dir, config_path)?;
    let mut engine = Engine::new(&idx, &outlets)?;
    engine.names = Some(super::search::field_names(config_path, gazetteers));
    let query = args.query.clone().unwrap_or_else(|| "*".into());
    let mut filters = super::search::filters(&args.filters, config_path, gazetteers)?;
    let mut wanted: Vec<String> = Vec::new();
    if !args.speaker.is_empty() {
        let gaz = config::gazetteer(&config::load(config_path)?, gazetteers)?;
        wanted = super::search::speakers(&Resolver::new(&gaz), &args.speaker);
        // A speaker the gazetteer does not know is stored as written ("Rudy Giuliani" in one
        // article, "Giuliani" in the next): the names that fit are looked up in the index.
        let unknown: Vec<String> = wanted
            .iter()
            .filter(|w| gaz.get(w).is_none())
            .cloned()
            .collect();
        if !unknown.is_empty() {
            for value in engine.speaker_values() {
                if gaz.get(&value).is_none() && unknown.iter().any(|u| same_speaker(u, &value)) {
                    wanted.push(value);
                }
            }
            wanted.sort();
            wanted.dedup();
        }
        filters.quote_by.extend(wanted.iter().cloned());
    }
    let mut req = Request::matching(&query, &filters);
    req.limit = MAX_ARTICLES;
    // Words without a field must be in a quote (`quote_text`), not anywhere in the article.
    req.scope = crate::search::Scope::Quote;
    req.sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
    };
    let results = engine.search(&req)?;
    // The article matched on the words of its quotes; each quote listed must contain them
    // itself: all of them, or any with OR.
    let (words, any) = quote_words(&query);
    let mut quotes = Vec::new();
    let mut total = 0;
    for hit in &results.hits {
        let a = &hit.article;
        for q in &a.quotes {
            let by = q.speaker_id.clone().or_else(|| q.speaker.clone());
            if !wanted.is_empty() && !by.as_ref().is_some_and(|b| wanted.contains(b)) {
                continue;
            }
            // A word is in the quote as written or as the index sees it: stemmed in the
            // article's language ("negotiate" finds "negotiations", as the search did).
            let text = fold(&q.text);
            let lang = a.lang.as_deref();
            let stems: std::collections::HashSet<String> =
                tokenizer::terms(lang, &q.text).into_iter().collect();
            let has = |w: &String| {
                text.contains(w.as_str()) || {
                    let t = tokenizer::terms(lang, w);
                    !t.is_empty() && t.iter().all(|x| stems.contains(x))
                }
            };
            if !words.is_empty()
                && !(if any {
                    words.iter().any(has)
                } else {
                    words.iter().all(has)
                })
            {
                continue;
            }
            // Every quote is counted; the first `limit` are listed.
            total += 1;
            if quotes.len() >= args.limit {
                continue;
            }
            quotes.push(QuoteOut {
                text: q.text.clone(),
                speaker: q.speaker.clone(),
                speaker_id: q.speaker_id.clone(),
                speaker_text: q.speaker_text.clone(),
                verb: q.verb.clone(),
                outlet: a.outlet.clone(),
                date: a.date.map(rfc3339),
                title: a.title.clone(),
                id: a.id.clone(),
                url: a.url.clone(),
                start: q.start,
                end: q.end,
            });
        }
    }
    let out_doc = QuotesOutput {
        query,
        articles: results.total,
        articles_read: results.hits.len(),
        total,
        quotes,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        HitFormat::Json => crate::output::write_json(&mut out, &out_doc)?,
        HitFormat::Jsonl => crate::output::write_jsonl(&mut out, &out_doc.quotes)?,
        HitFormat::Csv => crate::output::write_csv(
            &mut out,
            &out_doc.quotes,
            &[
                "text",
                "speaker",
                "speaker_id",
                "speaker_text",
                "verb",
                "outlet",
                "date",
                "title",
                "id",
                "url",
                "start",
                "end",
            ],
        )?,
        HitFormat::Text => {
            let shown = match out_doc.quotes.len() {
                n if n == total => String::new(),
                0 => "; showing none".to_string(),
                n => format!("; showing 1–{n}"),
            };
            let read = if out_doc.articles_read < out_doc.articles {
                format!(" (quotes of the first {} read)", out_doc.articles_read)
            } else {
                String::new()
            };
            writeln!(
                out,
                "{} from {}{read}{shown}",
                plural(total, "quote"),
                plural(out_doc.articles, "matching article"),
            )?;
            for q in &out_doc.quotes {
                writeln!(out)?;
                writeln!(
                    out,
                    "{}  {}  — {}",
                    q.date.as_deref().map(|d| &d[..10]).unwrap_or("(undated)"),
                    q.outlet.as_deref().unwrap_or("(unknown outlet)"),
                    q.speaker.as_deref().unwrap_or("(unattributed)")
                )?;
                writeln!(out, "  “{}”", q.text.replace('\n', " "))?;
                if let Some(t) = &q.title {
                    writeln!(out, "  {t}")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(if out_doc.quotes.is_empty() {
        super::NO_RESULTS
    } else {
        super::SUCCESS
    })
}

/// The words a listed quote must contain, folded, and whether any one of them is enough (the
/// query has OR): the plain terms and phrases of the parsed query, not under NOT, in the
/// default or a quote field. Fuzzy terms, ranges and other fields add none.
fn quote_words(query: &str) -> (Vec<String>, bool) {
    use crate::search::parser::{parse, Node, TermKind};
    fn collect(node: &Node, words: &mut Vec<String>, any: &mut bool) {
        let quote_field = |f: &Option<String>| {
            f.as_deref().is_none_or(|f| {
                matches!(
                    f.to_lowercase().as_str(),
                    "quote" | "quotes" | "text" | "all"
                )
            })
        };
        let mut add = |text: &str| {
            words.extend(
                text.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() > 1)
                    .map(fold),
            )
        };
        match node {
            Node::Term { field, text, kind }
                if quote_field(field) && !matches!(kind, TermKind::Fuzzy(_)) =>
            {
                add(text)
            }
            Node::Phrase { field, text, .. } if quote_field(field) => add(text),
            Node::And(children) => children.iter().for_each(|c| collect(c, words, any)),
            Node::Or(children) => {
                *any = true;
                children.iter().for_each(|c| collect(c, words, any));
            }
            _ => {}
        }
    }
    let (mut words, mut any) = (Vec::new(), false);
    if let Ok(ast) = parse(query) {
        collect(&ast, &mut words, &mut any);
    }
    (words, any)
}

/// "1 quote", "2 quotes".
fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A name asked for and a speaker's name as written are the same person: equal once folded,
/// or one is the other's surname ("Giuliani", "Rudy Giuliani"), or both end in the same
/// surname with the same first word ("Rudy Giuliani", "Rudolph W. Giuliani" do not).
fn same_speaker(asked: &str, stored: &str) -> bool {
    let a: Vec<String> = fold(asked).split_whitespace().map(str::to_string).collect();
    let s: Vec<String> = fold(stored)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let (Some(al), Some(sl)) = (a.last(), s.last()) else {
        return false;
    };
    a == s || (al == sl && (a.len() == 1 || s.len() == 1 || a[0] == s[0]))
}

#[cfg(test)]
mod tests {
    use super::quote_words;

    #[test]
    fn words_a_quote_must_contain() {
        let (w, any) = quote_words("\"security guarantees\" -Russia person:putin");
        assert_eq!(w, ["security", "guarantees"]);
        assert!(!any);
        let (w, any) = quote_words("(ceasefire OR truce) NOT sanctions quote:Waffenruhe");
        assert_eq!(w, ["ceasefire", "truce", "waffenruhe"]);
        assert!(any);
        // Ranges, other fields and negated phrases add no words.
        let (w, _) =
            quote_words("ceasefire date:[2010-01-01 TO 2030-12-31] title:\"Trump promises\"");
        assert_eq!(w, ["ceasefire"]);
        let (w, any) = quote_words("ceasefire -\"security guarantees\" NOT (truce OR peace)");
        assert_eq!(w, ["ceasefire"]);
        assert!(!any);
    }
}
