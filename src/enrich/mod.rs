//! Pure text → annotations. Today: language and word counts; entities, topics, quotes and
//! near-duplicates come here next (issues 3–5).

pub mod lang;
pub mod minhash;

use crate::ingest::Article;

/// Fills what can be derived from the text alone.
pub fn enrich(article: &mut Article) {
    if article.lang.is_none() {
        article.lang = lang::detect(article.title.as_deref(), &article.body);
    }
    article.words = word_count(&article.body);
    article.signature = minhash::signature(&article.body);
}

/// Whitespace-separated words, counted on bytes (ASCII whitespace; fast on long bodies).
pub fn word_count(text: &str) -> u64 {
    let mut words = 0u64;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = matches!(b, b' ' | b'\n' | b'\t' | b'\r' | 0x0C);
        words += (!space && !in_word) as u64;
        in_word = !space;
    }
    words
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_words() {
        assert_eq!(super::word_count("  Putin met\nTrump  in Alaska. "), 5);
        assert_eq!(super::word_count(""), 0);
    }
}
