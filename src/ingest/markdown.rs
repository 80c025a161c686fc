//! Markdown with YAML (`---`) or TOML (`+++`) front matter.

use std::sync::LazyLock;

use gray_matter::engine::{Engine, YAML};
use regex::Regex;
use serde_json::{Map, Value};

use super::fields::Record;

pub fn read(text: &str) -> Result<Record, String> {
    let text = text.trim_start_matches('\u{feff}');
    let (mut rec, content) = match front_matter(text)? {
        Some((rec, content)) => (rec, content),
        None => (Record::new(), text),
    };
    let mut body_lines = Vec::new();
    let mut title_from_heading = None;
    for line in content.lines() {
        let trimmed = line.trim_start();
        if title_from_heading.is_none() && body_lines.iter().all(|l: &String| l.trim().is_empty()) {
            if let Some(h) = trimmed.strip_prefix("# ") {
                title_from_heading = Some(h.trim().to_string());
                continue;
            }
        }
        body_lines.push(strip_inline(
            trimmed
                .trim_start_matches('#')
                .trim_start_matches("> ")
                .trim_start(),
        ));
    }
    if let Some(t) = title_from_heading {
        rec.entry("title").or_insert(Value::String(t));
    }
    let body = body_lines.join("\n").trim().to_string();
    // The front matter may carry the text itself; the Markdown body wins when present.
    if !body.is_empty() {
        rec.insert("body".into(), Value::String(body));
    }
    Ok(rec)
}

fn front_matter(text: &str) -> Result<Option<(Record, &str)>, String> {
    let (delim, toml) = if text.starts_with("---") {
        ("---", false)
    } else if text.starts_with("+++") {
        ("+++", true)
    } else {
        return Ok(None);
    };
    let Some(first_nl) = text.find('\n') else {
        return Ok(None);
    };
    if text[..first_nl].trim() != delim {
        return Ok(None);
    }
    let rest = &text[first_nl + 1..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let t = line.trim();
        if t == delim || (!toml && t == "...") {
            let matter = &rest[..offset];
            let content = &rest[offset + line.len()..];
            let rec = if toml {
                parse_toml(matter)?
            } else {
                parse_yaml(matter)?
            };
            return Ok(Some((rec, content)));
        }
        offset += line.len();
    }
    Err(format!(
        "front matter opened with {delim} is never closed (add a {delim} line after it)"
    ))
}

fn parse_yaml(matter: &str) -> Result<Record, String> {
    if matter.trim().is_empty() {
        return Ok(Record::new());
    }
    let aliases = ALIAS.find_iter(matter).count();
    if aliases > MAX_ALIASES {
        return Err(format!(
            "YAML front matter with {aliases} aliases (*name) refused: nested aliases expand exponentially (a \"billion laughs\" bomb); write the values out"
        ));
    }
    let pod = YAML::parse(matter).map_err(|e| format!("invalid YAML front matter: {e}"))?;
    match pod.deserialize::<Value>() {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Record::new()),
        Ok(_) => Err("front matter is not a YAML mapping of key: value lines".into()),
        Err(e) => Err(format!("invalid YAML front matter: {e}")),
    }
}

fn parse_toml(matter: &str) -> Result<Record, String> {
    let table: toml::Table = toml::from_str(matter)
        .map_err(|e| format!("invalid TOML front matter: {}", e.message()))?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect::<Map<_, _>>())
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// A few aliases are harmless; a bomb needs many (nine per level).
const MAX_ALIASES: usize = 8;
/// `*name` where a YAML value or list item starts (not inside a quoted string or a word).
static ALIAS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?m)(?:^|[\s\[\{,:-])\*[A-Za-z0-9_]"#).unwrap());

static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").unwrap());
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\*\*|__|\*)(\S[^*_]*?)(\*\*|__|\*)").unwrap());

fn strip_inline(line: &str) -> String {
    let s = LINK.replace_all(line, "$1");
    EMPHASIS.replace_all(&s, "$2").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_alias_bombs_are_refused_and_a_few_aliases_read() {
        let mut bomb = String::from("---\ntitle: bomb\na: &a [\"lol\",\"lol\",\"lol\"]\n");
        for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d")] {
            bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev}]\n"));
        }
        bomb.push_str("---\nEnvoys met in Geneva.\n");
        let err = read(&bomb).unwrap_err();
        assert!(err.contains("12 aliases"), "{err}");
        let ok = "---\ntitle: &t \"Talks resume\"\nheadline: *t\nnote: \"5 * 3 and *stars*\"\n---\nEnvoys met.\n";
        let rec = read(ok).unwrap();
        assert_eq!(rec["headline"], "Talks resume");
    }

    #[test]
    fn yaml_and_toml_front_matter() {
        let r = read("---\ntitle: Gipfel in Alaska\ndate: 2025-08-15\noutlet: Abendpost\n---\nDer **Gipfel** in [Anchorage](https://x).\n").unwrap();
        assert_eq!(r["title"], "Gipfel in Alaska");
        assert_eq!(r["date"], "2025-08-15");
        assert_eq!(r["body"], "Der Gipfel in Anchorage.");
        let r = read("+++\ntitle = \"Trêve\"\ndate = 2025-08-18T10:00:00Z\n+++\n\nTexte.").unwrap();
        assert_eq!(r["date"], "2025-08-18T10:00:00Z");
        assert_eq!(r["body"], "Texte.");
    }

    #[test]
    fn heading_becomes_title_and_bad_yaml_is_an_error() {
        let r = read("# Sanctions\n\nThe EU agreed.").unwrap();
        assert_eq!(r["title"], "Sanctions");
        assert_eq!(r["body"], "The EU agreed.");
        let err = read("---\ntitle: [unclosed\n  date: : :\n---\nBody").unwrap_err();
        assert!(err.contains("invalid YAML"), "{err}");
        assert!(read("---\ntitle: x\nBody without end")
            .unwrap_err()
            .contains("never closed"));
    }
}
