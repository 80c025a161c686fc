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
    let (text, _, had_errors) = enc.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        repaired: had_errors,
        encoding: enc.name(),
    })
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
