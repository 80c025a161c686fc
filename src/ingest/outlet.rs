//! Outlet names: many spellings ("New York Times - News", "nytimes.com", "nyt") → one
//! canonical name, through a built-in table (`data/outlets.toml`) that users extend.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

const BUILTIN: &str = include_str!("../../data/outlets.toml");

/// Section labels that outlets append to their name; stripped before lookup.
const SECTION_SUFFIXES: &[&str] = &[
    " - news",
    " - opinion",
    " - editorial",
    " - world",
    " (web news)",
    " (online news)",
    " (online)",
    " online news",
    " news online",
    " opinion",
    " online",
];
const HOST_PREFIXES: &[&str] = &["www.", "amp.", "m.", "mobile.", "edition.", "news."];

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletEntry {
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct OutletFile {
    outlet: Vec<OutletEntry>,
}

/// The table, built on first use: a query command that never looks an outlet up does not pay
/// for parsing the built-in data (about a tenth of a `search --count`).
#[derive(Clone, Debug, Default)]
pub struct OutletTable {
    builtin: bool,
    extra: Vec<OutletEntry>,
    built: OnceLock<Built>,
}

#[derive(Clone, Debug, Default)]
struct Built {
    entries: Vec<OutletEntry>,
    by_key: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
}

impl Built {
    fn add(&mut self, entries: impl IntoIterator<Item = OutletEntry>) {
        for entry in entries {
            let i = self.entries.len();
            for alias in std::iter::once(&entry.name).chain(&entry.aliases) {
                self.by_key.insert(key(alias), i);
            }
            for domain in &entry.domains {
                self.by_key.insert(key(domain), i);
                self.by_domain
                    .insert(strip_host(&domain.to_lowercase()).to_string(), i);
            }
            self.entries.push(entry);
        }
    }
}

impl OutletTable {
    pub fn builtin() -> OutletTable {
        OutletTable {
            builtin: true,
            ..OutletTable::default()
        }
    }

    /// Adds entries; later entries win over earlier ones for the same alias or domain.
    pub fn extend(&mut self, entries: Vec<OutletEntry>) {
        self.extra.extend(entries);
        self.built = OnceLock::new();
    }

    fn built(&self) -> &Built {
        self.built.get_or_init(|| {
            let mut b = Built::default();
            if self.builtin {
                let file: OutletFile =
                    toml::from_str(BUILTIN).expect("data/outlets.toml is valid (tested)");
                b.add(file.outlet);
            }
            b.add(self.extra.iter().cloned());
            b
        })
    }

    pub fn len(&self) -> usize {
        self.built().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.built().entries.is_empty()
    }

    /// The canonical name for any spelling; unknown names are kept, minus section suffixes.
    pub fn normalise(&self, raw: &str) -> Option<String> {
        let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if raw.is_empty() {
            return None;
        }
        if let Some(host) = as_host(&raw) {
            return Some(match self.lookup_domain(&host) {
                Some(e) => e.name.clone(),
                None => strip_host(&host).to_string(),
            });
        }
        let b = self.built();
        if let Some(&i) = b.by_key.get(&key(&raw)) {
            return Some(b.entries[i].name.clone());
        }
        let stripped = strip_section(&raw);
        if let Some(&i) = b.by_key.get(&key(stripped)) {
            return Some(b.entries[i].name.clone());
        }
        // "Reuters - World News", "BBC News | Europe", "Le Monde – International": a known
        // outlet, then a section of it.
        for sep in [" - ", " | ", " – ", " — ", ": "] {
            if let Some((head, _)) = raw.split_once(sep) {
                if let Some(&i) = b.by_key.get(&key(head)) {
                    return Some(b.entries[i].name.clone());
                }
            }
        }
        Some(tidy_case(stripped))
    }

    /// Looks a host up by itself and then by its parent domains.
    pub fn lookup_domain(&self, host: &str) -> Option<&OutletEntry> {
        let b = self.built();
        let mut h = strip_host(&host.to_lowercase()).to_string();
        loop {
            if let Some(&i) = b.by_domain.get(&h) {
                return Some(&b.entries[i]);
            }
            match h.split_once('.') {
                Some((_, parent)) if parent.contains('.') => h = parent.to_string(),
                _ => return None,
            }
        }
    }

    pub fn country_of(&self, canonical: &str) -> Option<&str> {
        let b = self.built();
        let &i = b.by_key.get(&key(canonical))?;
        b.entries[i].country.as_deref()
    }
}

/// Matching key: lower case, diacritics folded, no leading "the", letters and digits only.
pub fn key(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower
        .nfd()
        .filter(|c| c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

fn strip_section(name: &str) -> &str {
    let lower = name.to_lowercase();
    for suffix in SECTION_SUFFIXES {
        if lower.ends_with(suffix)
            && lower.len() > suffix.len()
            && lower.is_char_boundary(lower.len() - suffix.len())
        {
            return name[..name.len() - suffix.len()].trim_end();
        }
    }
    name
}

/// "CAPITOL LEDGER" and "capitol ledger" → "Capitol Ledger"; mixed case is kept as written.
fn tidy_case(name: &str) -> String {
    let has_upper = name.chars().any(char::is_uppercase);
    let has_lower = name.chars().any(char::is_lowercase);
    if has_upper && has_lower {
        return name.to_string();
    }
    // A short name is an acronym: "bbc", "npr", "ap" are BBC, NPR, AP.
    if name.chars().count() <= 4 {
        return name.to_uppercase();
    }
    // (Particles stay lower case after the first word: "courrier-du-nord" is "Courrier du
    // Nord", as the outlet writes itself, not "Courrier Du Nord".)
    const PARTICLES: &[&str] = &[
        "of", "the", "and", "du", "de", "des", "la", "le", "les", "et", "von", "der", "die", "das",
        "und", "di", "del", "della", "da", "do", "dos", "y", "e", "am", "im", "on", "en",
    ];
    super::title_case_words(name)
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && PARTICLES.contains(&lower.as_str()) {
                lower
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn strip_host(host: &str) -> &str {
    let mut h = host.trim_end_matches('.');
    loop {
        match HOST_PREFIXES
            .iter()
            .find(|p| h.starts_with(*p) && h[p.len()..].contains('.'))
        {
            Some(p) => h = &h[p.len()..],
            None => return h,
        }
    }
}

/// "nytimes.com", "https://www.nytimes.com/x" → host; display names → None.
pub fn as_host(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.contains(char::is_whitespace) {
        return None;
    }
    if s.contains("://") {
        return url::Url::parse(s).ok()?.host_str().map(str::to_lowercase);
    }
    let host = s.split('/').next()?.to_lowercase();
    let tld = host.rsplit('.').next()?;
    let ok = host.contains('.')
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    ok.then_some(host)
}

/// Host of a URL without "www.", for the `domain` field.
pub fn url_domain(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    Some(strip_host(&parsed.host_str()?.to_lowercase()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_normalises_spellings() {
        let t = OutletTable::builtin();
        let n = |s: &str| t.normalise(s).unwrap();
        assert_eq!(n("New York Times - News"), "The New York Times");
        assert_eq!(n("nytimes.com"), "The New York Times");
        assert_eq!(n("www.nytimes.com"), "The New York Times");
        assert_eq!(n("nyt"), "The New York Times");
        for fox in [
            "fox",
            "FOX",
            "Fox Online News",
            "foxnews.com",
            "Fox News (Online)",
        ] {
            assert_eq!(n(fox), "Fox News", "{fox}");
        }
        assert_eq!(n("CNN (Web News)"), "CNN");
        assert_eq!(n("politicalticker.blogs.cnn.com"), "CNN");
        assert_eq!(n("hpo"), "HuffPost");
        // A known outlet, then any section of it.
        assert_eq!(n("Reuters - World News"), "Reuters");
        assert_eq!(n("Fox News - Politics"), "Fox News");
        assert_eq!(n("BBC News | Europe"), "BBC News");
        // (An unknown name keeps its section: nothing says which part is the outlet.)
        assert_eq!(n("Courrier du Nord - Monde"), "Courrier du Nord - Monde");
    }

    #[test]
    fn unknown_outlets_are_kept_cleanly() {
        let t = OutletTable::builtin();
        assert_eq!(
            t.normalise("  Harbour   Chronicle - Opinion ").unwrap(),
            "Harbour Chronicle"
        );
        assert_eq!(
            t.normalise("www.example-news.org").unwrap(),
            "example-news.org"
        );
        assert_eq!(t.normalise(""), None);
        assert_eq!(t.normalise("CAPITOL LEDGER").unwrap(), "Capitol Ledger");
        assert_eq!(t.normalise("atlantic wire").unwrap(), "Atlantic Wire");
    }

    #[test]
    fn users_extend_the_table() {
        let mut t = OutletTable::builtin();
        t.extend(vec![OutletEntry {
            name: "The Harbour Chronicle".into(),
            country: None,
            domains: vec!["harbourchronicle.example".into()],
            aliases: vec!["Harbour Chronicle".into()],
        }]);
        assert_eq!(
            t.normalise("www.harbourchronicle.example").unwrap(),
            "The Harbour Chronicle"
        );
        assert_eq!(
            t.normalise("Harbour Chronicle - World").unwrap(),
            "The Harbour Chronicle"
        );
    }
}
