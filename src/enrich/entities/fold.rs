//! Folding: one comparable form for every spelling. Case, diacritics and script go (Cyrillic,
//! Greek… are transliterated to ASCII by `any_ascii`); each folded byte remembers the
//! character of the original text it came from, so matches map back to character offsets.

/// Folded text plus, for every byte of it, the index of the original character.
#[derive(Debug, Default)]
pub struct Folded {
    pub text: String,
    /// `map[i]` = character index in the original of folded byte `i`; one extra entry at the
    /// end holds the original's character count.
    pub map: Vec<u32>,
    /// `starts[c]` = first folded byte of original character `c` (plus one entry at the end),
    /// so a word's folded form is a slice, not a new string.
    pub starts: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text: Vec<u8> = Vec::with_capacity(original.len() + original.len() / 8);
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut starts = Vec::with_capacity(original.len() + 1);
        let mut n = 0u32;
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Runs of ASCII (most of most texts) in bulk: one folded byte per character.
            let run = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(bytes.len() - i);
            if run > 0 {
                let at = text.len() as u32;
                text.extend(bytes[i..i + run].iter().map(|&b| fold_ascii(b)));
                map.extend(n..n + run as u32);
                starts.extend(at..at + run as u32);
                n += run as u32;
                i += run;
                continue;
            }
            let c = original[i..].chars().next().unwrap_or(' ');
            starts.push(text.len() as u32);
            push_folded(c, &mut text, &mut map, n);
            n += 1;
            i += c.len_utf8();
        }
        starts.push(text.len() as u32);
        map.push(n);
        // Every byte pushed is ASCII.
        let text = String::from_utf8(text).unwrap_or_default();
        Folded { text, map, starts }
    }

    /// The folded form of original characters `start..end` (a slice of `text`).
    pub fn span(&self, start: u32, end: u32) -> &str {
        &self.text[self.starts[start as usize] as usize..self.starts[end as usize] as usize]
    }

    /// Original character index of folded byte `i` (i may be `text.len()`).
    pub fn char_at(&self, i: usize) -> u32 {
        self.map[i]
    }
}

fn fold_ascii(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b.to_ascii_lowercase(),
        b'\t' | b'\n' | b'\r' | b'-' => b' ',
        _ => b,
    }
}

fn push_folded(c: char, text: &mut Vec<u8>, map: &mut Vec<u32>, n: u32) {
    if c.is_ascii() {
        text.push(fold_ascii(c as u8));
        map.push(n);
        return;
    }
    // Soft and hard signs carry no sound of their own: "Зеленського" folds like "Зеленского".
    if matches!(c, 'ь' | 'Ь' | 'ъ' | 'Ъ') {
        return;
    }
    if c.is_whitespace() || matches!(c, '‐' | '‑' | '‒' | '–' | '—') {
        text.push(b' ');
        map.push(n);
        return;
    }
    for b in any_ascii::any_ascii_char(c).bytes() {
        text.push(b.to_ascii_lowercase());
        map.push(n);
    }
}

/// The folded form of a short string (gazetteer aliases, names typed by users).
pub fn fold(s: &str) -> String {
    let f = Folded::new(s.trim());
    // Collapse runs of spaces so "von  der Leyen" and "von der Leyen" agree.
    let mut out = String::with_capacity(f.text.len());
    for w in f.text.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A sound-alike key for spellings that differ by transliteration habit: w/v, z/s, c/k/q,
/// y/j/i, ph/f, kh/h and doubled letters agree ("Zelenskyy", "Selenskyj" and "Zelensky" share
/// one key; so do "Witkoff", "Witcoff" and "Vitkoff").
pub fn phonetic(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let (c, skip) = match (b, next) {
            (b'p', Some(b'h')) => (b'f', 2),
            (b'k', Some(b'h')) => (b'h', 2),
            (b'c', Some(b'k')) => (b'k', 2),
            (b'w', _) => (b'v', 1),
            (b'z', _) => (b's', 1),
            (b'c', Some(b'h')) => (b'c', 2),
            (b'c' | b'q', _) => (b'k', 1),
            (b'y' | b'j', _) => (b'i', 1),
            (b'x', _) => (b'k', 1),
            _ if b.is_ascii_alphanumeric() => (b, 1),
            _ => {
                i += 1;
                continue;
            }
        };
        if out.as_bytes().last() != Some(&c) {
            out.push(c as char);
        }
        i += skip;
    }
    out
}

pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_cyrillic() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Зеленського"), fold("Зеленского"));
        assert_eq!(fold("Nagorno-Karabakh"), "nagorno karabakh");
        assert_eq!(fold("  von  der Leyen "), "von der leyen");
    }

    #[test]
    fn maps_bytes_to_characters() {
        let f = Folded::new("Ж Putin");
        assert_eq!(&f.text, "zh putin");
        assert_eq!(f.char_at(0), 0);
        assert_eq!(f.char_at(1), 0);
        assert_eq!(f.char_at(3), 2);
        assert_eq!(f.char_at(f.text.len()), 7);
    }

    #[test]
    fn phonetic_keys_join_transliterations() {
        let key = |s: &str| phonetic(&fold(s));
        assert_eq!(key("Zelenskyy"), key("Selenskyj"));
        assert_eq!(key("Zelensky"), key("Zelenskiy"));
        assert_eq!(key("Witkoff"), key("Vitkoff"));
        assert_eq!(key("Witcoff"), key("Witkoff"));
        assert_ne!(key("Witt"), key("Witkoff"));
    }
}
