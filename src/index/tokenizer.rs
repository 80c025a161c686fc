//! Text analysis shared by indexing, querying and snippets.
//!
//! Tantivy picks a tokenizer per *field*, but our corpora mix languages inside one field. The
//! indexer therefore prefixes each indexed value with an invisible language marker
//! (`\u{E000}de\u{E000}`) and the `attache` tokenizer picks the stemmer from it. Queries are
//! analysed once per language present in the index (see `search::compile`).

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, BoxTokenStream, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Name under which the analyzer is registered; stored in the schema, so never rename it.
pub const TOKENIZER: &str = "attache";
const MARK: char = '\u{E000}';

/// Languages (ISO 639-1) for which tantivy has a Snowball stemmer.
pub const STEMMED: &[(&str, Language)] = &[
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("nl", Language::Dutch),
    ("en", Language::English),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("de", Language::German),
    ("el", Language::Greek),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("no", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("es", Language::Spanish),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// The analyzer for one language: Unicode word split, lowercase, diacritics folded (Latin
/// only; Cyrillic is kept as is), then the language's stemmer when tantivy has one.
pub fn analyzer(lang: Option<&str>) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match lang.and_then(stemmer_language) {
        Some(language) => base.filter(CachedStemmer::new(language)).build(),
        None => base.build(),
    }
}

/// Snowball stemming (the same algorithms as tantivy's `Stemmer`) with a per-thread memo of
/// the words seen: news repeats a small vocabulary, and a hash lookup costs a fraction of a
/// stemming run (stemming was about a sixth of indexing CPU).
#[derive(Clone, Copy)]
pub struct CachedStemmer(frostem::Algorithm);

impl CachedStemmer {
    pub fn new(language: Language) -> CachedStemmer {
        use frostem::Algorithm as A;
        CachedStemmer(match language {
            Language::Arabic => A::Arabic,
            Language::Danish => A::Danish,
            Language::Dutch => A::Dutch,
            Language::English => A::English,
            Language::Finnish => A::Finnish,
            Language::French => A::French,
            Language::German => A::German,
            Language::Greek => A::Greek,
            Language::Hungarian => A::Hungarian,
            Language::Italian => A::Italian,
            Language::Norwegian => A::Norwegian,
            Language::Portuguese => A::Portuguese,
            Language::Romanian => A::Romanian,
            Language::Russian => A::Russian,
            Language::Spanish => A::Spanish,
            Language::Swedish => A::Swedish,
            Language::Tamil => A::Tamil,
            Language::Turkish => A::Turkish,
        })
    }
}

/// Words remembered per analyzer: tantivy clones one per field and segment writer, and each
/// holds a memo per stemmed language, so this bounds memory (about 1.3 MB per memo). Frequent
/// words come early, so the memo keeps the first ones it sees and then stops growing. 50,000
/// raised the peak of a 1M-article build from 1.79 to 1.97 GB (target 2 GB).
const STEM_MEMO: usize = 20_000;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            stemmer: frostem::Stemmer::new(self.0),
            inner,
            memo: FxHashMap::default(),
        }
    }
}

pub struct CachedStemmerFilter<T> {
    stemmer: frostem::Stemmer,
    inner: T,
    memo: FxHashMap<Box<str>, Box<str>>,
}

// Each clone (tantivy makes one per indexing thread) starts with an empty memo.
impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        CachedStemmerFilter {
            stemmer: self.stemmer,
            inner: self.inner.clone(),
            memo: FxHashMap::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: self.stemmer,
            memo: &mut self.memo,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    memo: &'a mut FxHashMap<Box<str>, Box<str>>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.memo.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
        } else {
            let stem = self.stemmer.stem(&token.text).into_owned();
            if self.memo.len() < STEM_MEMO {
                self.memo
                    .insert(token.text.as_str().into(), stem.as_str().into());
            }
            token.text = stem;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

pub fn stemmer_language(lang: &str) -> Option<Language> {
    STEMMED
        .iter()
        .find(|(code, _)| *code == lang)
        .map(|(_, l)| *l)
}

/// Prefixes `text` with the language marker the `attache` tokenizer understands.
pub fn mark(lang: Option<&str>, text: &str) -> String {
    let code = lang
        .filter(|l| stemmer_language(l).is_some())
        .unwrap_or("xx");
    let mut out = String::with_capacity(text.len() + 8);
    out.push(MARK);
    out.push_str(code);
    out.push(MARK);
    out.push_str(text);
    out
}

/// Tokenizer registered as `attache`: reads the marker, analyses the rest with that language.
#[derive(Clone)]
pub struct MarkedTokenizer {
    plain: TextAnalyzer,
    stemmed: Vec<TextAnalyzer>,
}

impl Default for MarkedTokenizer {
    fn default() -> Self {
        MarkedTokenizer {
            plain: analyzer(None),
            stemmed: STEMMED
                .iter()
                .map(|(code, _)| analyzer(Some(code)))
                .collect(),
        }
    }
}

impl Tokenizer for MarkedTokenizer {
    type TokenStream<'a> = OffsetStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> OffsetStream<'a> {
        let (lang, rest, shift) = split_marker(text);
        let analyzer = match lang.and_then(|l| STEMMED.iter().position(|(c, _)| *c == l)) {
            Some(i) => &mut self.stemmed[i],
            None => &mut self.plain,
        };
        OffsetStream {
            inner: analyzer.token_stream(rest),
            shift,
        }
    }
}

fn split_marker(text: &str) -> (Option<&str>, &str, usize) {
    if let Some(rest) = text.strip_prefix(MARK) {
        if let Some(end) = rest.find(MARK) {
            let lang = &rest[..end];
            let shift = MARK.len_utf8() * 2 + end;
            return (Some(lang), &rest[end + MARK.len_utf8()..], shift);
        }
    }
    (None, text, 0)
}

/// Keeps token offsets relative to the marked text.
pub struct OffsetStream<'a> {
    inner: BoxTokenStream<'a>,
    shift: usize,
}

impl TokenStream for OffsetStream<'_> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let shift = self.shift;
        let token = self.inner.token_mut();
        token.offset_from += shift;
        token.offset_to += shift;
        true
    }
    fn token(&self) -> &Token {
        self.inner.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// Analyses `text` with one language's analyzer and returns the terms.
pub fn terms(lang: Option<&str>, text: &str) -> Vec<String> {
    let mut analyzer = analyzer(lang);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked_terms(text: &str) -> Vec<String> {
        let mut tok = MarkedTokenizer::default();
        let mut stream = tok.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn marker_selects_stemmer() {
        assert_eq!(
            marked_terms(&mark(Some("en"), "Sanctions guarantees")),
            ["sanction", "guarante"]
        );
        assert_eq!(marked_terms(&mark(None, "Sanctions")), ["sanctions"]);
        assert_eq!(
            marked_terms(&mark(Some("ru"), "санкции Путина")),
            ["санкц", "путин"]
        );
    }

    #[test]
    fn memoised_stems_equal_tantivys() {
        use tantivy::tokenizer::Stemmer;
        let texts = [
            (
                "en",
                "Sanctions, sanctions and more sanctioned guarantees; guaranteeing talks talked",
            ),
            (
                "de",
                "Sicherheitsgarantien und Waffenruhe, Waffenruhen, Verhandlungen Verhandlungen",
            ),
            (
                "ru",
                "санкции санкций перемирие перемирия переговоры переговоров санкции",
            ),
        ];
        for (lang, text) in texts {
            let language = stemmer_language(lang).unwrap();
            let plain = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(language))
                .build();
            let memo = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(CachedStemmer::new(language))
                .build();
            let run = |mut a: TextAnalyzer| {
                let mut out = Vec::new();
                // Twice through the same analyzer: the second pass reads the memo.
                for _ in 0..2 {
                    let mut stream = a.token_stream(text);
                    while stream.advance() {
                        out.push(stream.token().text.clone());
                    }
                }
                out
            };
            assert_eq!(run(memo), run(plain), "{lang}");
        }
    }

    #[test]
    fn folds_diacritics_keeps_cyrillic() {
        assert_eq!(terms(None, "Brüssel Зеленский"), ["brussel", "зеленский"]);
    }

    #[test]
    fn offsets_point_into_marked_text() {
        let text = mark(Some("en"), "peace talks");
        let mut tok = MarkedTokenizer::default();
        let mut stream = tok.token_stream(&text);
        assert!(stream.advance());
        let t = stream.token();
        assert_eq!(&text[t.offset_from..t.offset_to], "peace");
    }
}
