//! Pure text → annotations: language, word count, near-duplicate signature, entities.

pub mod entities;
pub mod lang;
pub mod minhash;

use crate::ingest::Article;

/// Everything enrichment needs, built once (the gazetteer's automaton) and shared by threads.
pub struct Enricher {
    pub entities: entities::Extractor,
}

impl Enricher {
    pub fn new(entities: entities::Extractor) -> Enricher {
        Enricher { entities }
    }

    /// Fills what can be derived from the text alone.
    pub fn enrich(&self, article: &mut Article) {
        if article.lang.is_none() {
            article.lang = lang::detect(article.title.as_deref(), &article.body);
        }
        article.words = word_count(&article.body);
        article.signature = minhash::signature(&article.body);
        article.entities = self.entities.extract(&article.body);
    }
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
