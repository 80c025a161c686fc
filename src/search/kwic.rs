//! Keyword in context: every occurrence of a query's words or phrases in the matching
//! articles, with the text around it, as corpus linguists read concordances.

use tantivy::collector::DocSetCollector;
use tantivy::tokenizer::TokenStream;
use tantivy::{DocAddress, TantivyDocument};

use super::parser::{self, Node, TermKind};
use super::{Engine, Request, SearchError};
use crate::index::{self, tokenizer};
use crate::ingest::Article;

#[derive(Clone, Debug)]
pub struct Line {
    pub article: Article,
    pub left: String,
    pub matched: String,
    pub right: String,
    /// Character offset of the match in the body.
    pub offset: usize,
}

/// Words and phrases of the query, as text (negated parts and field filters left out).
/// A keyword of the query as the concordance looks for it.
enum Pattern {
    /// A word or phrase, matched as analysed (stemmed in the article's language, or not);
    /// with a slop, its words in any order within that many extra positions.
    Words(String, u32),
    /// `immigran*`: any word that starts so (as written, folded).
    Prefix(String),
    /// `witkof~1`: any word within that many edits, as the fuzzy query matched it.
    Fuzzy(String, u8),
}

fn patterns(node: &Node, out: &mut Vec<Pattern>) {
    let text_field = |f: &Option<String>| {
        f.as_deref()
            .is_none_or(|f| matches!(f, "body" | "text" | "title"))
    };
    match node {
        Node::Term { field, text, kind } if text_field(field) => out.push(match kind {
            TermKind::Plain => Pattern::Words(text.clone(), 0),
            TermKind::Prefix => Pattern::Prefix(text.clone()),
            TermKind::Fuzzy(d) => Pattern::Fuzzy(text.clone(), *d),
        }),
        Node::Phrase { field, text, slop } if text_field(field) => {
            out.push(Pattern::Words(text.clone(), *slop))
        }
        Node::And(v) | Node::Or(v) => v.iter().for_each(|n| patterns(n, out)),
        _ => {}
    }
}

/// How the concordance lines are ordered: by article (outlet or date, articles without one
/// last), then by position in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Outlet,
    Date,
}

/// The first `limit` lines in `order`, and how many occurrences there are in all.
pub struct Concordance {
    pub lines: Vec<Line>,
    pub total: usize,
}

/// Only the lines shown are built: a common word has millions of occurrences, and a line per
/// occurrence (with its article) took gigabytes. Counting needs one pass over the matching
/// articles; the lines are then taken from the first articles in order until `limit`.
pub fn kwic(
    engine: &Engine<'_>,
    req: &Request,
    width: usize,
    order: Order,
    limit: usize,
) -> Result<Concordance, SearchError> {
    let ast = parser::parse(&req.query)?;
    let mut texts = Vec::new();
    patterns(&ast, &mut texts);
    let (query, _) = engine.query(req)?;
    let mut docs: Vec<DocAddress> = engine
        .searcher
        .search(&query, &DocSetCollector)?
        .into_iter()
        .collect();
    docs.sort();
    let mut total = 0;
    // (sort key, document, occurrences) of every article with an occurrence.
    let mut found = Vec::new();
    for addr in docs {
        let doc: TantivyDocument = engine.searcher.doc(addr)?;
        let article = index::article_from_doc(&engine.index.fields, &doc);
        let n = occurrences(&texts, &article).len();
        if n > 0 {
            total += n;
            let key = match order {
                Order::Outlet => (article.outlet.is_none(), article.outlet, article.date),
                Order::Date => (article.date.is_none(), None, article.date),
            };
            found.push((key, addr));
        }
    }
    found.sort();
    let mut lines = Vec::new();
    for (_, addr) in found {
        if lines.len() >= limit {
            break;
        }
        let doc: TantivyDocument = engine.searcher.doc(addr)?;
        let article = index::article_from_doc(&engine.index.fields, &doc);
        let spans = occurrences(&texts, &article);
        let meta = Article {
            body: String::new(),
            ..article.clone()
        };
        // (Offsets in characters, counted once through the body.)
        let (mut byte, mut chars) = (0, 0);
        for (from, to) in spans.into_iter().take(limit - lines.len()) {
            chars += article.body[byte..from].chars().count();
            byte = from;
            lines.push(line(&meta, &article.body, from, to, chars, width));
        }
    }
    Ok(Concordance { lines, total })
}

/// Byte spans of the query's words and phrases in an article's body, in order.
fn occurrences(texts: &[Pattern], article: &Article) -> Vec<(usize, usize)> {
    let lang = article.lang.as_deref();
    // Each pattern analysed as the article's language and unstemmed.
    let seqs: Vec<(Vec<String>, u32)> = texts
        .iter()
        .filter_map(|p| match p {
            Pattern::Words(t, slop) => Some((t, *slop)),
            _ => None,
        })
        .flat_map(|(t, slop)| {
            [
                (tokenizer::terms(lang, t), slop),
                (tokenizer::terms(None, t), slop),
            ]
        })
        .filter(|(s, _)| !s.is_empty())
        .collect();
    // Single words by form: (folded prefix) and (folded word, edits).
    let mut prefixes: Vec<String> = Vec::new();
    let mut fuzzy: Vec<(String, u32)> = Vec::new();
    for p in texts {
        match p {
            // As the query does: the word as written and stemmed.
            Pattern::Prefix(t) => prefixes.extend(
                tokenizer::terms(None, t)
                    .into_iter()
                    .chain(tokenizer::terms(lang, t)),
            ),
            Pattern::Fuzzy(t, d) => fuzzy.extend(
                tokenizer::terms(lang, t)
                    .into_iter()
                    .chain(tokenizer::terms(None, t))
                    .map(|w| (w, u32::from(*d))),
            ),
            Pattern::Words(..) => {}
        }
    }
    // A word as the index holds it (stemmed) matches as the query matched it: a stem that
    // starts with the prefix or is a shortened stem of it ("immigr" for `immigran*`), a
    // stem within the edits; failing that, the word as written.
    let word_hit = |stem: &str, surface: &str| {
        if prefixes.is_empty() && fuzzy.is_empty() {
            return false;
        }
        let fits = |x: &str| {
            prefixes.iter().any(|p| {
                x.starts_with(p.as_str()) || super::compile::truncated_stems(p).any(|t| t == x)
            }) || fuzzy
                .iter()
                .any(|(w, d)| strsim::osa_distance(x, w) <= *d as usize)
        };
        fits(stem) || fits(&tokenizer::terms(None, surface).join(" "))
    };
    let mut analyzer = tokenizer::analyzer(lang);
    let mut stream = analyzer.token_stream(&article.body);
    let mut toks: Vec<(String, usize, usize)> = Vec::new();
    while stream.advance() {
        let t = stream.token();
        toks.push((t.text.clone(), t.offset_from, t.offset_to));
    }
    let mut spans = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let hit = seqs
            .iter()
            .filter_map(|(s, slop)| matched(&toks[i..], s, *slop))
            .max();
        let hit = hit.or_else(|| {
            let (stem, from, to) = &toks[i];
            word_hit(stem, &article.body[*from..*to]).then_some(1)
        });
        match hit {
            Some(n) => {
                spans.push((toks[i].1, toks[i + n - 1].2));
                i += n;
            }
            None => i += 1,
        }
    }
    spans
}

/// How many tokens from the start of `toks` the words `seq` take: in order and adjacent, or
/// with a slop in any order within `seq.len() + slop` tokens, starting with one of them.
fn matched(toks: &[(String, usize, usize)], seq: &[String], slop: u32) -> Option<usize> {
    if toks.iter().map(|t| &t.0).take(seq.len()).eq(seq.iter()) {
        return Some(seq.len());
    }
    if slop == 0 || seq.len() < 2 || !seq.contains(&toks[0].0) {
        return None;
    }
    let mut missing: Vec<&String> = seq.iter().collect();
    for (k, t) in toks.iter().take(seq.len() + slop as usize).enumerate() {
        if let Some(p) = missing.iter().position(|w| **w == t.0) {
            missing.swap_remove(p);
            if missing.is_empty() {
                return Some(k + 1);
            }
        }
    }
    None
}

fn line(
    article: &Article,
    body: &str,
    from: usize,
    to: usize,
    offset: usize,
    width: usize,
) -> Line {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // Keep the space (or its absence) next to the match: "guarantees, including".
    let space_before = if body[..from].ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let space_after = if body[to..].starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    // Only as much of the body as the context can show (whitespace runs collapse, so a few
    // times the width), not all of it for each line.
    let reach = width * 4 + 16;
    let lo = body[..from]
        .char_indices()
        .rev()
        .nth(reach)
        .map_or(0, |(i, _)| i);
    let hi = body[to..]
        .char_indices()
        .nth(reach)
        .map_or(body.len(), |(i, _)| to + i);
    let left = flat(&body[lo..from]) + space_before;
    let right = space_after.to_string() + &flat(&body[to..hi]);
    let left: String = left
        .chars()
        .rev()
        .take(width)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = right.chars().take(width).collect();
    Line {
        article: article.clone(),
        left,
        matched: flat(&body[from..to]),
        right,
        offset,
    }
}
