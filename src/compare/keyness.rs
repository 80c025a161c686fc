//! Keyness: the words that set one group's matching articles apart from the other groups'
//! matching articles, by Dunning's log-likelihood G² (as AntConc and quanteda report it).

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use tantivy::schema::Value;
use tantivy::tokenizer::TokenStream;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::index::{tokenizer, Fields};

/// Occurrences per word.
pub type Counts = FxHashMap<String, u64>;

#[derive(Clone, Debug, PartialEq)]
pub struct KeyTerm {
    pub term: String,
    pub g2: f64,
    /// Occurrences in this group's matches, and in the other groups' matches.
    pub count: u64,
    pub other: u64,
}

/// A language's stop words as the analyzer writes them ("für" → "fur"), built once per
/// language.
fn stop_set(lang: Option<&str>) -> std::sync::Arc<FxHashSet<String>> {
    use std::sync::{Arc, Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<FxHashSet<String>>>>> = OnceLock::new();
    let key = lang.unwrap_or("").to_string();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    cache
        .entry(key)
        .or_insert_with(|| {
            let words = lang.and_then(stop_words::lookup).unwrap_or(&[]);
            Arc::new(
                words
                    .iter()
                    .flat_map(|w| tokenizer::terms(None, w))
                    .collect(),
            )
        })
        .clone()
}

/// Counts the words of each group's articles (title and body, lower-cased, accents folded,
/// stop words of the article's language and words under three letters left out).
pub fn word_counts(
    searcher: &Searcher,
    fields: &Fields,
    docs: &[DocAddress],
) -> tantivy::Result<Counts> {
    // Reading and tokenizing every matching text dominates: split the work over the cores.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = docs.len().div_ceil(threads).max(1);
    let parts: Vec<tantivy::Result<Counts>> = std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| scope.spawn(move || count_words(searcher, fields, part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("word counting does not panic"))
            .collect()
    });
    let mut counts = Counts::default();
    for part in parts {
        let part = part?;
        // Add the smaller map into the larger one.
        let (mut into, from) = if part.len() > counts.len() {
            (part, counts)
        } else {
            (counts, part)
        };
        for (t, n) in from {
            *into.entry(t).or_default() += n;
        }
        counts = into;
    }
    Ok(counts)
}

fn count_words(
    searcher: &Searcher,
    fields: &Fields,
    docs: &[DocAddress],
) -> tantivy::Result<Counts> {
    let mut counts = Counts::default();
    let mut analyzer = tokenizer::analyzer(None);
    // Stop lists by language, fetched once per thread (the shared cache takes a lock).
    let mut stops: FxHashMap<String, std::sync::Arc<FxHashSet<String>>> = Default::default();
    for addr in docs {
        let doc: TantivyDocument = searcher.doc(*addr)?;
        // Only the texts and the language: decoding the whole article (entity JSON…) is waste.
        let text = |field| doc.get_first(field).and_then(|v| v.as_str());
        let lang = text(fields.lang).unwrap_or("");
        if !stops.contains_key(lang) {
            stops.insert(
                lang.to_string(),
                stop_set((!lang.is_empty()).then_some(lang)),
            );
        }
        let stop = &stops[lang];
        for body in [text(fields.title_text), text(fields.body_text)]
            .into_iter()
            .flatten()
        {
            let mut stream = analyzer.token_stream(body);
            while stream.advance() {
                let t = &stream.token().text;
                // Three characters take at least three bytes; twelve bytes hold at least three.
                if (t.len() < 12 && t.chars().count() < 3)
                    || t.chars().all(|c| c.is_ascii_digit())
                    || stop.contains(t.as_str())
                {
                    continue;
                }
                match counts.get_mut(t.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        counts.insert(t.clone(), 1);
                    }
                }
            }
        }
    }
    Ok(counts)
}

/// The `n` terms most over-represented in `group` against the other groups (`all` minus
/// `group`), by G², each seen at least three times in the group.
pub fn keyness(group: &Counts, all: &FxHashMap<&str, u64>, n: usize) -> Vec<KeyTerm> {
    let c: u64 = group.values().sum();
    let d: u64 = all.values().sum::<u64>() - c;
    if c == 0 || d == 0 {
        return Vec::new();
    }
    let (cf, df) = (c as f64, d as f64);
    let mut out: Vec<KeyTerm> = group
        .iter()
        .filter(|(_, &a)| a >= 3)
        .filter_map(|(t, &a)| {
            let b = all.get(t.as_str()).copied().unwrap_or(a) - a;
            let (af, bf) = (a as f64, b as f64);
            if af / cf <= bf / df {
                return None; // under-used here: not what sets this group apart
            }
            let e1 = cf * (af + bf) / (cf + df);
            let e2 = df * (af + bf) / (cf + df);
            let mut g2 = af * (af / e1).ln();
            if b > 0 {
                g2 += bf * (bf / e2).ln();
            }
            Some(KeyTerm {
                term: t.clone(),
                g2: 2.0 * g2,
                count: a,
                other: b,
            })
        })
        .collect();
    out.sort_by(|x, y| y.g2.total_cmp(&x.g2).then(x.term.cmp(&y.term)));
    out.truncate(n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_matches_the_textbook_value() {
        // a=10 of c=1000 vs b=5 of d=2000: E1=5, E2=10, G² = 2(10 ln 2 + 5 ln 0.5) = 10 ln 2.
        let mut g = Counts::default();
        g.insert("truce".into(), 10);
        g.insert("filler".into(), 990);
        let all: FxHashMap<&str, u64> = [("truce", 15u64), ("filler", 2985)].into_iter().collect();
        let k = keyness(&g, &all, 5);
        assert_eq!(k[0].term, "truce");
        assert!((k[0].g2 - 10.0 * 2f64.ln()).abs() < 1e-9, "{}", k[0].g2);
        assert_eq!((k[0].count, k[0].other), (10, 5));
        assert!(
            k.iter().all(|t| t.term != "filler"),
            "under-used terms are not key"
        );
    }
}
