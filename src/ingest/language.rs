//! Declared languages ("en-US", "English", "eng") → ISO 639-1 codes.

use whatlang::Lang;

/// Normalises a declared language ("en-US", "English", "eng", "DE") to ISO 639-1 when known.
pub fn normalise(raw: &str) -> Option<String> {
    let s = raw.trim().to_lowercase().replace('_', "-");
    let primary = s.split('-').next().unwrap_or("");
    if primary.is_empty() {
        return None;
    }
    if primary.len() == 2 && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(primary.to_string());
    }
    if let Some(lang) = Lang::from_code(primary) {
        return Some(iso639_1(lang).to_string());
    }
    Lang::all()
        .iter()
        .find(|l| l.eng_name().eq_ignore_ascii_case(primary) || l.name().to_lowercase() == primary)
        .map(|l| iso639_1(*l).to_string())
}

/// `code` is the ISO 639-1 code of a language the detector knows.
pub fn is_known(code: &str) -> bool {
    Lang::all().iter().any(|l| iso639_1(*l) == code)
}

pub fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Pol => "pl",
        Lang::Nld => "nl",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "no",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Heb => "he",
        Lang::Pes => "fa",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Hin => "hi",
        Lang::Ell => "el",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Ron => "ro",
        Lang::Bul => "bg",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Slv => "sl",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Bel => "be",
        Lang::Kat => "ka",
        Lang::Hye => "hy",
        Lang::Aze => "az",
        Lang::Tam => "ta",
        Lang::Urd => "ur",
        Lang::Ben => "bn",
        Lang::Vie => "vi",
        Lang::Tha => "th",
        Lang::Ind => "id",
        Lang::Cat => "ca",
        Lang::Epo => "eo",
        Lang::Afr => "af",
        Lang::Mkd => "mk",
        Lang::Uzb => "uz",
        Lang::Yid => "yi",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Guj => "gu",
        Lang::Pan => "pa",
        Lang::Tel => "te",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Lat => "la",
        Lang::Tgl => "tl",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_declared_languages() {
        assert_eq!(normalise("en-US").as_deref(), Some("en"));
        assert_eq!(normalise("DE").as_deref(), Some("de"));
        assert_eq!(normalise("eng").as_deref(), Some("en"));
        assert_eq!(normalise("English").as_deref(), Some("en"));
        assert_eq!(normalise(""), None);
    }

    /// Every detectable language has a two-letter code ("lat" had reached the index, and
    /// `--lang la` then found nothing).
    #[test]
    fn every_detectable_language_has_a_two_letter_code() {
        for lang in Lang::all() {
            assert_eq!(iso639_1(*lang).len(), 2, "{lang:?}");
        }
        assert_eq!(normalise("lat").as_deref(), Some("la"));
    }
}
