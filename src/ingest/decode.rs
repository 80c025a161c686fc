//! Bytes → text: gzip, byte-order marks, UTF-8, legacy single-byte encodings, binary detection.

use std::io::Read;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::article::SkipKind;

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Set when bytes were not valid in any encoding and were replaced (U+FFFD).
    pub repaired: bool,
    pub encoding: &'static str,
}

/// Unpacks gzip data, refusing to produce more than `limit` bytes (a gzip bomb, or a file to
/// split): the reader stops there, so memory stays bounded whatever the ratio.
pub fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, (SkipKind, String)> {
    // The gzip trailer holds the unpacked size (mod 4 GiB) of the last member: one allocation
    // of the right size, up to the limit, instead of doubling a buffer (each doubling copies,
    // and an allocator may keep the old block).
    let trailer = bytes
        .len()
        .checked_sub(4)
        .map(|i| u32::from_le_bytes(bytes[i..].try_into().expect("4 bytes")) as usize);
    let hint = trailer.unwrap_or(0).max(bytes.len() * 4);
    let mut out = Vec::with_capacity(hint.min(limit as usize + 1));
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| (SkipKind::Malformed, format!("corrupt gzip data: {e}")))?;
    if out.len() as u64 > limit {
        return Err((
            SkipKind::TooLarge,
            format!(
                "unpacks to more than {} (a gzip bomb, or a file to split); raise --max-file-size to read it",
                super::limits::human(limit)
            ),
        ));
    }
    Ok(out)
}

/// Looks like a binary (non-text) file: NUL bytes or many control characters near the start.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false; // UTF-16 with BOM has NUL bytes by nature
    }
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 20 > head.len()
}

/// Valid multi-byte UTF-8 sequences are at least as many as the invalid ones. Text in a legacy
/// single-byte encoding almost never forms a valid sequence by chance (Cyrillic in
/// Windows-1251 or KOI8-R is lead byte after lead byte).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += !chunk.invalid().is_empty() as usize;
    }
    valid >= 1 && valid >= invalid
}

/// Decodes owned bytes; valid UTF-8 (the common case) is taken over without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, (SkipKind, String)> {
    if !bytes.iter().all(u8::is_ascii_whitespace)
        && Encoding::for_bom(&bytes).is_none()
        && !looks_binary(&bytes)
    {
        match String::from_utf8(bytes) {
            Ok(text) => {
                return Ok(Decoded {
                    text,
                    repaired: false,
                    encoding: "UTF-8",
                })
            }
            Err(e) => return decode(e.as_bytes()),
        }
    }
    decode(&bytes)
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, (SkipKind, String)> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err((SkipKind::Empty, "empty file".into()));
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(Decoded {
            text: text.into_owned(),
            repaired: had_errors,
            encoding: enc.name(),
        });
    }
    if looks_binary(bytes) {
        return Err((SkipKind::Binary, "binary file (not text); skipped".into()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            repaired: false,
            encoding: "UTF-8",
        });
    }
    if mostly_utf8(bytes) {
        // UTF-8 with a few broken bytes: keep the text, mark the damage.
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Ok(Decoded {
            text,
            repaired: true,
            encoding: "UTF-8",
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Ok(Decoded {
            text,
            repaired: true,
            encoding: "UTF-8",
        });
    }
    let enc = western_if_more_plausible(bytes, enc);
    let (text, _, had_errors) = enc.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        repaired: had_errors,
        encoding: enc.name(),
    })
}

/// Latin-script single-byte encodings chardetng may guess instead of windows-1252.
const LATIN_ALTERNATIVES: &[&Encoding] = &[
    encoding_rs::WINDOWS_1250,
    encoding_rs::ISO_8859_2,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1257,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_4,
    encoding_rs::WINDOWS_1258,
];

/// Second opinion on a Latin-script guess other than windows-1252. chardetng scores pairs of
/// bytes, and without a top-level domain to go by, one lone byte can decide: in English text
/// whose only non-ASCII bytes are punctuation (the same in every windows-125x) and a "£"
/// (0xA3), " Ł" scores as a plausible start of a Polish word in windows-1250, and " £" scores
/// nothing in windows-1252, so "£200" came out as "Ł200".
///
/// Both readings are scored on the bytes they disagree on, in context: a letter is plausible
/// inside a word and implausible standing alone ("Ł200"); a symbol is implausible inside a
/// word ("Wroc³aw", "g³ówny"); a control character is implausible anywhere. windows-1252 is taken
/// only when its reading is strictly more plausible, so genuine Central European text (whose
/// letters all sit inside words, while windows-1252 turns many of them into symbols) keeps
/// the guess, and so does a tie, where chardetng's language statistics know better.
fn western_if_more_plausible(bytes: &[u8], guess: &'static Encoding) -> &'static Encoding {
    let western = encoding_rs::WINDOWS_1252;
    if !LATIN_ALTERNATIVES.contains(&guess) {
        return guess;
    }
    let (guess_chars, western_chars) = (byte_table(guess), byte_table(western));
    if plausibility(bytes, &western_chars, &guess_chars)
        > plausibility(bytes, &guess_chars, &western_chars)
    {
        western
    } else {
        guess
    }
}

/// What each byte decodes to in a single-byte encoding.
fn byte_table(enc: &'static Encoding) -> [char; 256] {
    let mut table = ['\u{FFFD}'; 256];
    for (b, slot) in table.iter_mut().enumerate() {
        let byte = [b as u8];
        let (text, _) = enc.decode_without_bom_handling(&byte);
        if let Some(c) = text.chars().next() {
            *slot = c;
        }
    }
    table
}

/// Score of one reading of `bytes` (`table`) on the bytes where it differs from `other`.
fn plausibility(bytes: &[u8], table: &[char; 256], other: &[char; 256]) -> i64 {
    // Letters, and the combining tone marks of windows-1258 (Vietnamese), are word material.
    let wordish = |c: char| c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c);
    let mut score = 0i64;
    for (i, &b) in bytes.iter().enumerate() {
        let c = table[b as usize];
        if b < 0x80 || c == other[b as usize] {
            continue;
        }
        let prev = i.checked_sub(1).map_or(' ', |j| table[bytes[j] as usize]);
        let next = bytes.get(i + 1).map_or(' ', |&n| table[n as usize]);
        let in_word = (wordish(prev), wordish(next));
        score += if c.is_control() || c == '\u{FFFD}' {
            -2
        } else if wordish(c) {
            if in_word.0 || in_word.1 {
                1
            } else {
                -1
            }
        } else if in_word.0 && in_word.1 {
            -1
        } else {
            0
        };
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1251_and_koi8r() {
        let text =
            "Президент России Владимир Путин заявил, что переговоры на Аляске были полезными.";
        for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R] {
            let (bytes, _, _) = enc.encode(text);
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text, "{}", enc.name());
        }
    }

    /// English text in windows-1252 whose only non-ASCII bytes are curly quotes, "€" and "£":
    /// chardetng alone reads it as windows-1250 ("Ł200").
    fn english_cp1252() -> Vec<u8> {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(
            b"Mortgage rates rose again on Thursday, with the typical two-year fixed deal now \x93above five per cent\x94 for the first time since the summer. ",
        );
        bytes.extend_from_slice(
            b"Lenders said the increase would push up households\x92 monthly payments, costing borrowers \xa3200 a year, the Bank said. ",
        );
        bytes.extend_from_slice(
            b"Holiday makers will also pay more: a week in Spain now costs \x80150 more than last year, and the pound has weakened against the dollar. ",
        );
        bytes.extend_from_slice(
            b"The Chancellor said the government would \x93do whatever it takes\x94 to bring inflation down, but economists warned that it\x92s likely to remain above target until next spring.",
        );
        bytes
    }

    #[test]
    fn english_windows_1252_keeps_its_pound_sign() {
        for bytes in [english_cp1252(), english_cp1252().repeat(4)] {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.encoding, "windows-1252");
            assert!(d.text.contains("borrowers £200 a year"), "{}", d.text);
            assert!(d.text.contains("costs €150"));
            assert!(d.text.contains("“above five per cent”"));
            assert!(d.text.contains("households’ monthly"));
            assert!(!d.text.contains('Ł'));
        }
        // The same through the owned path, and a pound sign alone.
        let d = decode_owned(english_cp1252()).unwrap();
        assert!(d.text.contains("£200"));
        let d = decode(b"The contract is worth \xa34.5bn, officials said on Monday.").unwrap();
        assert_eq!(
            d.text,
            "The contract is worth £4.5bn, officials said on Monday."
        );
    }

    #[test]
    fn central_european_text_keeps_its_encoding() {
        let polish = "Zażółć gęślą jaźń. Minister spraw zagranicznych powiedział w środę, że \
                      rozmowy w Łodzi i we Wrocławiu były bardzo trudne, ale Polska będzie \
                      nadal wspierać Ukrainę, a sankcje wobec Rosji zostaną utrzymane.";
        let czech = "Ministr zahraničí řekl, že jednání v Bratislavě a v Brně byla těžká, \
                     ale Česká republika bude dál podporovat Ukrajinu; příměří musí vydržet.";
        for (text, encodings) in [
            (polish, [encoding_rs::WINDOWS_1250, encoding_rs::ISO_8859_2]),
            (czech, [encoding_rs::WINDOWS_1250, encoding_rs::ISO_8859_2]),
        ] {
            for enc in encodings {
                let (bytes, _, unmappable) = enc.encode(text);
                assert!(!unmappable);
                let d = decode(&bytes).unwrap();
                assert_eq!(d.text, text, "{}", enc.name());
            }
        }
        // A Polish text with a capital Ł standing alone as an initial still reads as Polish.
        let text = "Ł. Kowalski: rozmowy w Łodzi były trudne, ale Polska będzie wspierać Ukrainę.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(text);
        assert_eq!(decode(&bytes).unwrap().text, text);
    }

    #[test]
    fn plausibility_reads_bytes_in_context() {
        let (w1250, w1252) = (
            byte_table(encoding_rs::WINDOWS_1250),
            byte_table(encoding_rs::WINDOWS_1252),
        );
        // "Ł200" is a letter alone, "£200" a currency sign: windows-1252 wins.
        let pound = b"costs \xa3200 a year";
        assert!(plausibility(pound, &w1252, &w1250) > plausibility(pound, &w1250, &w1252));
        // "Wrocław" against "Wroc³aw": windows-1250 wins.
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode("we Wrocławiu");
        assert!(plausibility(&bytes, &w1250, &w1252) > plausibility(&bytes, &w1252, &w1250));
        // Not a Latin alternative: left alone.
        assert_eq!(
            western_if_more_plausible(pound, encoding_rs::WINDOWS_1251),
            encoding_rs::WINDOWS_1251
        );
    }

    #[test]
    fn decodes_latin1_and_utf16() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Les garanties de sécurité évoquées à Genève, déclaré");
        assert!(decode(&bytes).unwrap().text.contains("sécurité"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Sicherheitsgarantien für die Ukraine".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16).unwrap().text,
            "Sicherheitsgarantien für die Ukraine"
        );
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap_err().0,
            SkipKind::Binary
        );
        assert_eq!(decode(b"  \n").unwrap_err().0, SkipKind::Empty);
    }

    #[test]
    fn broken_utf8_is_repaired_not_lost() {
        let mut bytes = "Zelensky said the ceasefire — «перемирие» — must hold. "
            .repeat(5)
            .into_bytes();
        bytes.insert(20, 0xC3);
        let d = decode(&bytes).unwrap();
        assert!(d.repaired);
        assert!(d.text.contains("перемирие"));
    }
}
