//! Datelines that open wire copy: "KYIV, Aug 17 (Reuters) -", "WASHINGTON (AP) —", "Brüssel –".
//! They name a place (and sometimes a date), not the article's topic.

use std::sync::LazyLock;

use regex::Regex;

pub struct Dateline {
    pub place: String,
    /// Only when the dateline carries a full date with a year.
    pub date: Option<String>,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>\p{Lu}[\p{L}'’.]*(?:[ -]\p{Lu}[\p{L}'’.]*){0,2})(?:/\p{Lu}[\p{L} ]{1,20})?(?:,\s*(?P<date>[\p{L}\d][\p{L}\d .,]{2,22}?))?\s*(?:\((?P<agency>[^)]{2,40})\))?\s*(?P<sep>--|[–—]|-\s)\s*",
    )
    .unwrap()
});
/// Russian and Ukrainian agency style ends the dateline with a full stop: "МОСКВА, 17 августа.
/// /ТАСС/.", "Москва, 17 августа.", "КИЇВ. ".
static DATELINE_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>[А-ЯЁЄІЇҐ][\p{L}'’-]*(?:[ -][А-ЯЁЄІЇҐ][\p{L}'’-]*)?)(?:,\s*(?P<date>\d{1,2}\s+\p{L}+\.?(?:\s+(?:19|20)\d{2})?))?\.\s*(?:/(?P<agency>[^/\n]{2,30})/\.?\s*)?",
    )
    .unwrap()
});
static HAS_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(19|20)\d{2}\b").unwrap());

/// "KYIV, Aug 17 (Reuters) -", "WASHINGTON (AP) —", "Brüssel –".
pub fn parse(body: &str) -> Option<Dateline> {
    if let Some(c) = DATELINE_STOP.captures(body) {
        let place = c.name("place")?.as_str();
        let all_caps = !place.chars().any(char::is_lowercase);
        // (A capitalised word and a full stop is also a short sentence: "Москва." alone
        // needs capitals, a date or an agency.)
        if all_caps || c.name("date").is_some() || c.name("agency").is_some() {
            return Some(Dateline {
                place: title_case(place),
                date: c
                    .name("date")
                    .map(|m| m.as_str().trim().to_string())
                    .filter(|d| HAS_YEAR.is_match(d)),
            });
        }
    }
    let c = DATELINE.captures(body)?;
    let place = c.name("place")?.as_str();
    let all_caps = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let marked = c.name("agency").is_some() || c.name("date").is_some();
    // A capitalised word followed by a dash is also how sentences start ("Biden — who…"):
    // accept it only with the typographic dash and at most two words.
    let plain_ok = matches!(c.name("sep").map(|m| m.as_str()), Some("–" | "—"))
        && place.split(' ').count() <= 2;
    if !(all_caps || marked || plain_ok) {
        return None;
    }
    let date = c
        .name("date")
        .map(|m| m.as_str().trim().to_string())
        .filter(|d| HAS_YEAR.is_match(d));
    Some(Dateline {
        place: title_case(place),
        date,
    })
}

/// "KYIV" → "Kyiv"; a place written in mixed case is kept as written.
fn title_case(place: &str) -> String {
    if place.chars().any(char::is_lowercase) {
        return place.to_string();
    }
    super::title_case_words(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let p = |s: &str| parse(s).map(|d| (d.place, d.date));
        assert_eq!(
            p("KYIV, Aug 17 (Reuters) - Ukraine said"),
            Some(("Kyiv".into(), None))
        );
        assert_eq!(
            p("WASHINGTON (AP) — The envoy"),
            Some(("Washington".into(), None))
        );
        assert_eq!(
            p("Washington – Vladimir Putin of Russia"),
            Some(("Washington".into(), None))
        );
        assert_eq!(p("Brüssel – Die EU"), Some(("Brüssel".into(), None)));
        assert_eq!(
            p("MINSK, 28 January (BelTA) –Belarusian"),
            Some(("Minsk".into(), None))
        );
        assert_eq!(
            p("NEW YORK, August 17, 2025 (Atlantic Wire) - x"),
            Some(("New York".into(), Some("August 17, 2025".into())))
        );
        assert_eq!(
            p("МОСКВА, 17 августа. /ТАСС/. Россия готова"),
            Some(("Москва".into(), None))
        );
        assert_eq!(
            p("Москва, 17 августа. Переговоры продолжатся"),
            Some(("Москва".into(), None))
        );
        assert_eq!(p("КИЇВ. Зеленський заявив"), Some(("Київ".into(), None)));
        assert_eq!(p("Путин. Он сказал"), None);
        assert_eq!(p("Переговоры продолжатся. Он сказал"), None);
        assert_eq!(p("Biden said - and then"), None);
        assert_eq!(p("The president - who"), None);
    }
}
