//! Plain text: title = first line when a blank line follows; a dateline gives a place.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::fields::Record;

pub fn read(text: &str) -> Record {
    let text = text.trim_start_matches('\u{feff}').trim();
    let mut rec = Record::new();
    let (first, rest) = match text.split_once('\n') {
        Some((first, rest)) => (first.trim(), rest),
        None => (text, ""),
    };
    let blank_follows = rest.lines().next().is_some_and(|l| l.trim().is_empty());
    let body = if blank_follows && looks_like_title(first) {
        rec.insert("title".into(), Value::String(first.to_string()));
        rest.trim()
    } else {
        text
    };
    if let Some(d) = dateline(body) {
        rec.insert("dateline".into(), Value::String(d.place));
        if let Some(date) = d.date {
            rec.insert("date".into(), Value::String(date));
        }
    }
    rec.insert("body".into(), Value::String(body.to_string()));
    rec
}

/// Titles are short and do not end like a sentence.
fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    let words = line.split_whitespace().count();
    let ellipsis = line.ends_with("...") || line.ends_with('…');
    if n == 0 || n > 200 || line.ends_with([':', ';', ',']) {
        return false;
    }
    // A first paragraph followed by a blank line is not a headline: it ends like a sentence
    // and runs long. Headlines may end in ?, ! or a quote, but then they are short.
    if line.ends_with('.') && !ellipsis {
        return words <= 10;
    }
    !line.ends_with(['"', '”', '»', '“', '?', '!']) || n <= 120
}

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
static HAS_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(19|20)\d{2}\b").unwrap());

/// "KYIV, Aug 17 (Reuters) -", "WASHINGTON (AP) —", "Brüssel –".
pub fn dateline(body: &str) -> Option<Dateline> {
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

fn title_case(place: &str) -> String {
    if !place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return place.to_string();
    }
    place
        .split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_only_when_a_blank_line_follows() {
        let r =
            read("Labour plans maternity pay rise\n\nMaternity pay for new mothers is to rise.");
        assert_eq!(r["title"], "Labour plans maternity pay rise");
        let r = read("Washington – Vladimir Putin agreed.\n“We were able,” he said.");
        assert!(r.get("title").is_none());
        let r = read(
            "Emmanuel Macron has told a press conference in Berlin that he plans talks.\n\nMore.",
        );
        assert!(r.get("title").is_none(), "a sentence is not a title");
    }

    #[test]
    fn datelines() {
        let p = |s: &str| dateline(s).map(|d| (d.place, d.date));
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
        assert_eq!(p("Biden said - and then"), None);
        assert_eq!(p("The president - who"), None);
    }
}
