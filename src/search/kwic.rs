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
    /// A word or phrase, matched as analysed (stemmed in the article's language, or not).
    Words(String),
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
            TermKind::Plain => Pattern::Words(text.clone()),
            TermKind::Prefix => Pattern::Prefix(text.clone()),
            TermKind::Fuzzy(d) => Pattern::Fuzzy(text.clone(), *d),
        }),
        Node::Phrase { field, text, .. } if text_field(field) => {
            out.push(Pattern::Words(text.clone()))
        }
        Node::And(v) | Node::Or(v) => v.iter().for_each(|n| patterns(n, out)),
        _ => {}
    }
}

pub fn kwic(engine: &Engine<'_>, req: &Request, width: usize) -> Result<Vec<Line>, SearchError> {
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
    let mut lines = Vec::new();
    for addr in docs {
        let doc: TantivyDocument = engine.searcher.doc(addr)?;
        let article = index::article_from_doc(&engine.index.fields, &doc);
        let lang = article.lang.clone();
        // Each pattern analysed as the article's language and unstemmed.
        let seqs: Vec<Vec<String>> = texts
            .iter()
            .filter_map(|p| match p {
                Pattern::Words(t) => Some(t),
                _ => None,
            })
            .flat_map(|t| {
                [
                    tokenizer::terms(lang.as_deref(), t),
                    tokenizer::terms(None, t),
                ]
            })
            .filter(|s| !s.is_empty())
            .collect();
        // Single words by form: (folded prefix) and (folded word, edits).
        let mut prefixes: Vec<String> = Vec::new();
        let mut fuzzy: Vec<(String, u32)> = Vec::new();
        for p in &texts {
            match p {
                // As the query does: the word as written and stemmed.
                Pattern::Prefix(t) => prefixes.extend(
                    tokenizer::terms(None, t)
                        .into_iter()
                        .chain(tokenizer::terms(lang.as_deref(), t)),
                ),
                Pattern::Fuzzy(t, d) => fuzzy.extend(
                    tokenizer::terms(lang.as_deref(), t)
                        .into_iter()
                        .chain(tokenizer::terms(None, t))
                        .map(|w| (w, u32::from(*d))),
                ),
                Pattern::Words(_) => {}
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
        let mut analyzer = tokenizer::analyzer(lang.as_deref());
        let mut stream = analyzer.token_stream(&article.body);
        let mut toks: Vec<(String, usize, usize)> = Vec::new();
        while stream.advance() {
            let t = stream.token();
            toks.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        let mut i = 0;
        while i < toks.len() {
            let hit = seqs
                .iter()
                .filter(|s| toks[i..].iter().map(|t| &t.0).take(s.len()).eq(s.iter()))
                .map(Vec::len)
                .max();
            let hit = hit.or_else(|| {
                let (stem, from, to) = &toks[i];
                word_hit(stem, &article.body[*from..*to]).then_some(1)
            });
            match hit {
                Some(n) => {
                    let (from, to) = (toks[i].1, toks[i + n - 1].2);
                    lines.push(line(&article, from, to, width));
                    i += n;
                }
                None => i += 1,
            }
        }
    }
    Ok(lines)
}

fn line(article: &Article, from: usize, to: usize, width: usize) -> Line {
    let body = &article.body;
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
    let left = flat(&body[..from]) + space_before;
    let right = space_after.to_string() + &flat(&body[to..]);
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
        article: Article {
            body: String::new(),
            ..article.clone()
        },
        left,
        matched: flat(&body[from..to]),
        right,
        offset: body[..from].chars().count(),
    }
}
