//! Plain text: title = first line when a blank line follows; a dateline gives a place.

use serde_json::Value;

use super::dateline;
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
    if let Some(d) = dateline::parse(body) {
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
}
