//! Topics: what an article is about (ceasefire, sanctions, security guarantees…), from a
//! lexicon of word patterns per language (`data/topics.toml`, extended by `[[topic]]` tables
//! in attache.toml). Patterns match whole words of lower-cased, diacritic-folded text
//! (Cyrillic stays Cyrillic): `word*` is a prefix (inflections, German compounds that start with
//! the word), `*word` a suffix (compounds that end with it), `..` allows up to three words in
//! between, `a|b` alternatives.

use std::collections::{BTreeMap, HashSet};

use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};

const BUILTIN: &str = include_str!("../../data/topics.toml");
/// Most words a `..` gap may skip.
const GAP: usize = 3;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub gdelt: Vec<String>,
    /// An article is tagged when it has at least this many hits.
    #[serde(default = "one")]
    pub min_hits: usize,
    /// Language code → patterns.
    #[serde(default)]
    pub patterns: BTreeMap<String, Vec<String>>,
}

fn one() -> usize {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicFile {
    #[serde(default)]
    topic: Vec<Topic>,
}

/// Parses a lexicon file's text.
pub fn parse(text: &str) -> Result<Vec<Topic>, String> {
    let f: TopicFile = toml::from_str(text).map_err(|e| e.to_string())?;
    for t in &f.topic {
        validate(t)?;
    }
    Ok(f.topic)
}

pub fn validate(t: &Topic) -> Result<(), String> {
    if t.id.is_empty()
        || !t
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(format!(
            "topic id {:?} must be a lowercase slug (a-z, 0-9, -)",
            t.id
        ));
    }
    for pats in t.patterns.values() {
        for p in pats {
            compile(p).map_err(|e| format!("topic {:?}, pattern {p:?}: {e}", t.id))?;
        }
    }
    Ok(())
}

/// The built-in lexicon plus user topics (an existing id is replaced).
pub fn lexicon(extra: &[Topic]) -> Vec<Topic> {
    let mut topics = parse(BUILTIN).unwrap_or_else(|e| panic!("data/topics.toml: {e}"));
    for t in extra {
        match topics.iter_mut().find(|x| x.id == t.id) {
            Some(slot) => *slot = t.clone(),
            None => topics.push(t.clone()),
        }
    }
    topics
}

/// Folds one character as topic patterns expect: lower case, Latin diacritics removed
/// (é→e, ß→ss), Cyrillic kept (lower-cased, ё→е).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
        for l in c.to_lowercase() {
            out.push(if l == 'ё' { 'е' } else { l });
        }
    } else if c.is_alphanumeric() {
        for b in any_ascii::any_ascii_char(c).chars() {
            out.push(b.to_ascii_lowercase());
        }
    }
}

fn fold_word(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for c in w.chars() {
        fold_char(c, &mut s);
    }
    s
}

#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Exact(String),
    Prefix(String),
    Suffix(String),
}

impl Piece {
    fn matches(&self, w: &str) -> bool {
        match self {
            Piece::Exact(s) => w == s,
            Piece::Prefix(s) => w.starts_with(s.as_str()),
            Piece::Suffix(s) => w.len() > s.len() && w.ends_with(s.as_str()),
        }
    }
}

#[derive(Clone, Debug)]
enum Tok {
    Alts(Vec<Piece>),
    Gap,
}

fn compile(pattern: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    for raw in pattern.split_whitespace() {
        if raw == ".." {
            if toks.is_empty() || matches!(toks.last(), Some(Tok::Gap)) {
                return Err("`..` must stand between two words".into());
            }
            toks.push(Tok::Gap);
            continue;
        }
        let mut alts = Vec::new();
        for alt in raw.split('|') {
            let (pre, rest) = match alt.strip_prefix('*') {
                Some(r) => (true, r),
                None => (false, alt),
            };
            let (post, core) = match rest.strip_suffix('*') {
                Some(r) => (true, r),
                None => (false, rest),
            };
            if core.is_empty() || core.contains('*') {
                return Err(format!("{alt:?} is not a word, word*, or *word"));
            }
            if !core.chars().all(|c| c.is_alphanumeric() || c == '\'') {
                return Err(format!(
                    "{alt:?} has characters other than letters and digits"
                ));
            }
            let core = fold_word(core);
            alts.push(match (pre, post) {
                (false, false) => Piece::Exact(core),
                (false, true) => Piece::Prefix(core),
                (true, false) => Piece::Suffix(core),
                (true, true) => return Err(format!("{alt:?}: use word* or *word, not both")),
            });
        }
        toks.push(Tok::Alts(alts));
    }
    match (toks.first(), toks.last()) {
        (Some(Tok::Alts(_)), Some(Tok::Alts(_))) => Ok(toks),
        _ => Err("empty pattern, or one that starts or ends with `..`".into()),
    }
}

/// A topic found in a text, with every hit (character offsets of the text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicHit {
    pub id: String,
    pub label: String,
    pub mentions: Vec<TopicMention>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicMention {
    pub text: String,
    pub start: u32,
    pub end: u32,
}

struct Compiled {
    topic: usize,
    toks: Vec<Tok>,
}

/// Built once; `tag` is pure and thread-safe.
pub struct TopicMatcher {
    topics: Vec<Topic>,
    patterns: Vec<Compiled>,
    /// First piece of each pattern → patterns: exact words, prefixes by their text, suffixes.
    exact: HashMap<String, Vec<usize>>,
    prefix: HashMap<String, Vec<usize>>,
    prefix_lens: Vec<usize>,
    suffix: HashMap<String, Vec<usize>>,
    suffix_lens: Vec<usize>,
    /// First and last four bytes of every prefix and suffix piece: most words fail this
    /// one lookup and skip the per-length ones.
    heads: FourBytes,
    tails: FourBytes,
    /// Per first byte, a bit per length (63 = longer) of the exact pieces: most words fail
    /// this test and skip hashing.
    exact_shapes: Vec<u64>,
}

fn shape_bit(len: usize) -> u64 {
    1 << len.min(63)
}

fn four(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// A set of four-byte keys as a 65,536-bit table indexed by a multiplicative hash: a
/// membership test is a multiply and a load (a hash set lookup cost more than the rest of
/// the per-word work). False positives only cost the exact lookups that follow.
#[derive(Default)]
struct FourBytes {
    bits: Vec<u64>,
}

impl FourBytes {
    fn slot(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
    }
    fn insert(&mut self, key: u32) {
        if self.bits.is_empty() {
            self.bits = vec![0; 1 << 10];
        }
        let s = Self::slot(key);
        self.bits[s >> 6] |= 1 << (s & 63);
    }
    fn contains(&self, key: u32) -> bool {
        let s = Self::slot(key);
        self.bits
            .get(s >> 6)
            .is_some_and(|w| w & (1 << (s & 63)) != 0)
    }
    fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }
    fn clear(&mut self) {
        self.bits.clear();
    }
}

impl FromIterator<u32> for FourBytes {
    fn from_iter<I: IntoIterator<Item = u32>>(keys: I) -> Self {
        let mut set = FourBytes::default();
        for k in keys {
            set.insert(k);
        }
        set
    }
}

impl TopicMatcher {
    pub fn new(topics: Vec<Topic>) -> TopicMatcher {
        let mut patterns = Vec::new();
        let mut exact: HashMap<String, Vec<usize>> = HashMap::default();
        let mut prefix: HashMap<String, Vec<usize>> = HashMap::default();
        let mut suffix: HashMap<String, Vec<usize>> = HashMap::default();
        let (mut plens, mut slens) = (HashSet::new(), HashSet::new());
        for (ti, t) in topics.iter().enumerate() {
            for pats in t.patterns.values() {
                for p in pats {
                    // Validated on load; a pattern that still fails is skipped, not fatal.
                    let Ok(toks) = compile(p) else { continue };
                    let pi = patterns.len();
                    if let Some(Tok::Alts(alts)) = toks.first() {
                        for a in alts {
                            match a {
                                Piece::Exact(s) => exact.entry(s.clone()).or_default().push(pi),
                                Piece::Prefix(s) => {
                                    plens.insert(s.len());
                                    prefix.entry(s.clone()).or_default().push(pi)
                                }
                                Piece::Suffix(s) => {
                                    slens.insert(s.len());
                                    suffix.entry(s.clone()).or_default().push(pi)
                                }
                            }
                        }
                    }
                    patterns.push(Compiled { topic: ti, toks });
                }
            }
        }
        let mut prefix_lens: Vec<usize> = plens.into_iter().collect();
        prefix_lens.sort_unstable();
        let mut suffix_lens: Vec<usize> = slens.into_iter().collect();
        suffix_lens.sort_unstable();
        let heads = prefix
            .keys()
            .filter(|k| k.len() >= 4)
            .map(|k| four(k.as_bytes()))
            .collect();
        let tails = suffix
            .keys()
            .filter(|k| k.len() >= 4)
            .map(|k| four(&k.as_bytes()[k.len() - 4..]))
            .collect();
        // Pieces shorter than four bytes cannot use the filter; they are rare (validated
        // lengths are letters, and Latin prefixes have at least four).
        let short = prefix.keys().chain(suffix.keys()).any(|k| k.len() < 4);
        let mut exact_shapes = vec![0u64; 256];
        for k in exact.keys() {
            // An empty key (a word that folds to nothing) is looked up without the table.
            if let Some(&b) = k.as_bytes().first() {
                exact_shapes[b as usize] |= shape_bit(k.len());
            }
        }
        let mut m = TopicMatcher {
            topics,
            patterns,
            exact,
            prefix,
            prefix_lens,
            suffix,
            suffix_lens,
            heads,
            tails,
            exact_shapes,
        };
        if short {
            m.heads.clear();
            m.tails.clear();
        }
        m
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// Topics whose patterns match `text` at least `min_hits` times, in lexicon order.
    pub fn tag(&self, text: &str) -> Vec<TopicHit> {
        // Words of the text, folded into one buffer: (byte range in `buf`, character offsets).
        let mut buf = String::with_capacity(text.len());
        let mut words: Vec<Word> = Vec::new();
        let (mut start, mut from, mut n, mut at_byte) = (0u32, 0usize, 0u32, 0usize);
        let mut in_word = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        // Byte-wise with an ASCII fast path: decoding and classifying every character was
        // most of the time of this pass.
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                if !in_word {
                    (start, from, at_byte, in_word) = (n, buf.len(), i, true);
                }
                let run = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
                let at = buf.len();
                buf.push_str(&text[i..i + run]);
                buf[at..].make_ascii_lowercase();
                i += run;
                n += run as u32;
                continue;
            }
            let (c, len) = if b < 0x80 {
                (b as char, 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            if b >= 0x80 && c.is_alphanumeric() {
                if !in_word {
                    (start, from, at_byte, in_word) = (n, buf.len(), i, true);
                }
                fold_char(c, &mut buf);
            } else if in_word {
                words.push(Word {
                    from,
                    to: buf.len(),
                    start,
                    end: n,
                    bytes: (at_byte, i),
                });
                in_word = false;
            }
            i += len;
            n += 1;
        }
        if in_word {
            words.push(Word {
                from,
                to: buf.len(),
                start,
                end: n,
                bytes: (at_byte, text.len()),
            });
        }
        let words = Words {
            buf: &buf,
            list: &words,
        };
        let mut hits: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.topics.len()];
        // Per topic, the furthest end of its hits so far.
        let mut reach: Vec<usize> = vec![0; self.topics.len()];
        let mut cands: Vec<usize> = Vec::new();
        for i in 0..words.list.len() {
            let w = words.get(i).unwrap_or("");
            cands.clear();
            let wb = w.as_bytes();
            if wb
                .first()
                .is_none_or(|&b| self.exact_shapes[b as usize] & shape_bit(wb.len()) != 0)
            {
                if let Some(v) = self.exact.get(w) {
                    cands.extend(v);
                }
            }
            let filtered = !self.heads.is_empty();
            let try_prefix = !filtered || (wb.len() >= 4 && self.heads.contains(four(wb)));
            let try_suffix =
                !filtered || (wb.len() >= 4 && self.tails.contains(four(&wb[wb.len() - 4..])));
            for &l in self.prefix_lens.iter().filter(|_| try_prefix) {
                if l > w.len() {
                    break;
                }
                if let Some(v) = w.get(..l).and_then(|p| self.prefix.get(p)) {
                    cands.extend(v);
                }
            }
            for &l in self.suffix_lens.iter().filter(|_| try_suffix) {
                if l >= w.len() {
                    break;
                }
                if let Some(v) = w.get(w.len() - l..).and_then(|s| self.suffix.get(s)) {
                    cands.extend(v);
                }
            }
            for &pi in cands.iter() {
                let p = &self.patterns[pi];
                if let Some(end) = match_from(&p.toks, &words, i) {
                    let span = (i, end);
                    let list = &mut hits[p.topic];
                    // One hit per place, even when several patterns agree. Hits come in text
                    // order (no earlier start), so one overlaps an earlier hit exactly when it
                    // starts before the furthest end so far.
                    if list.is_empty() || reach[p.topic] <= span.0 {
                        list.push(span);
                        reach[p.topic] = reach[p.topic].max(span.1 + 1);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (ti, mut spans) in hits.into_iter().enumerate() {
            let t = &self.topics[ti];
            if spans.is_empty() || spans.len() < t.min_hits.max(1) {
                continue;
            }
            spans.sort_unstable();
            out.push(TopicHit {
                id: t.id.clone(),
                label: t.label.clone(),
                mentions: spans
                    .into_iter()
                    .map(|(first, last)| {
                        let (a, b) = (&words.list[first], &words.list[last]);
                        TopicMention {
                            text: text[a.bytes.0..b.bytes.1].to_string(),
                            start: a.start,
                            end: b.end,
                        }
                    })
                    .collect(),
            });
        }
        out
    }
}

struct Word {
    /// Byte range of the folded word in the buffer.
    from: usize,
    to: usize,
    /// Character range in the text.
    start: u32,
    end: u32,
    /// Byte range in the text.
    bytes: (usize, usize),
}

struct Words<'a> {
    buf: &'a str,
    list: &'a [Word],
}

impl Words<'_> {
    fn get(&self, i: usize) -> Option<&str> {
        self.list.get(i).map(|w| &self.buf[w.from..w.to])
    }
}

/// Matches `toks` against the words from `i`; returns the index of the last word matched.
fn match_from(toks: &[Tok], words: &Words, i: usize) -> Option<usize> {
    fn go(toks: &[Tok], words: &Words, i: usize) -> Option<usize> {
        let (first, rest) = toks.split_first()?;
        match first {
            Tok::Alts(alts) => {
                let w = words.get(i)?;
                if !alts.iter().any(|a| a.matches(w)) {
                    return None;
                }
                if rest.is_empty() {
                    Some(i)
                } else {
                    go(rest, words, i + 1)
                }
            }
            Tok::Gap => (0..=GAP).find_map(|skip| go(rest, words, i + skip)),
        }
    }
    go(toks, words, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(toml: &str) -> TopicMatcher {
        TopicMatcher::new(parse(toml).unwrap())
    }

    const LEX: &str = r#"
[[topic]]
id = "ceasefire"
label = "Ceasefire"
[topic.patterns]
en = ["ceasefire", "cease fire", "halt .. fighting"]
de = ["waffenruhe*", "*stillstand"]
ru = ["перемири*", "прекращени* огня"]
[[topic]]
id = "sanctions"
label = "Sanctions"
min_hits = 2
[topic.patterns]
en = ["sanction*"]
"#;

    #[test]
    fn patterns_cover_inflection_gaps_compounds_and_cyrillic() {
        let m = matcher(LEX);
        let ids = |t: &str| m.tag(t).into_iter().map(|h| h.id).collect::<Vec<_>>();
        assert_eq!(ids("They agreed a cease-fire."), ["ceasefire"]);
        assert_eq!(ids("a halt to the fighting"), ["ceasefire"]);
        assert!(
            ids("a halt to all of the heavy fighting").is_empty(),
            "gap of 4"
        );
        assert_eq!(ids("Die Waffenruhe hält."), ["ceasefire"]);
        assert_eq!(ids("Der Waffenstillstand"), ["ceasefire"]);
        assert_eq!(ids("о ПЕРЕМИРИИ и прекращении огня"), ["ceasefire"]);
        assert!(ids("new sanctions").is_empty(), "min_hits 2");
        assert_eq!(ids("Sanctions, and more sanctions."), ["sanctions"]);
    }

    #[test]
    fn hits_carry_character_offsets() {
        let m = matcher(LEX);
        let t = "Ж — ceasefire now";
        let h = &m.tag(t)[0];
        assert_eq!(h.mentions[0].text, "ceasefire");
        assert_eq!(h.mentions[0].start, 4);
    }

    /// A pattern word that folds to nothing (U+0345 is alphabetic, and any_ascii drops it)
    /// must not crash the matcher, and a text word that folds to nothing still matches it.
    #[test]
    fn a_word_folding_to_nothing_does_not_crash() {
        let m = matcher(
            "[[topic]]\nid = \"odd\"\nlabel = \"Odd\"\n[topic.patterns]\nen = [\"\u{345} talks\"]\n",
        );
        let hits = m.tag("before \u{345} talks after");
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].mentions[0].text, "\u{345} talks");
    }

    #[test]
    fn bad_patterns_are_refused() {
        for p in ["a (b)", ".. a", "a ..", "*a*", "a .. .. b"] {
            assert!(compile(p).is_err(), "{p}");
        }
    }

    #[test]
    fn builtin_lexicon_loads() {
        let t = lexicon(&[]);
        assert!(t.len() >= 13, "{}", t.len());
        for id in [
            "ceasefire",
            "sanctions",
            "security-guarantee",
            "peace-talks",
        ] {
            assert!(t.iter().any(|x| x.id == id), "{id}");
        }
    }
}
