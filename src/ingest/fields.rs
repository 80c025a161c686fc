//! Maps the fields of one record (JSON, CSV, front matter, HTML metadata) onto an `Article`,
//! and infers outlet, date and id from what is there.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};
use xxhash_rust::xxh3::xxh3_64;

use super::article::Article;
use super::date::{self, Parsed};
use super::language;
use super::outlet::{self, OutletTable};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Title,
    Body,
    Outlet,
    Domain,
    Date,
    Url,
    Author,
    Lang,
}

impl Target {
    pub const ALL: [Target; 8] = [
        Target::Title,
        Target::Body,
        Target::Outlet,
        Target::Domain,
        Target::Date,
        Target::Url,
        Target::Author,
        Target::Lang,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::Title => "title",
            Target::Body => "body",
            Target::Outlet => "outlet",
            Target::Domain => "domain",
            Target::Date => "date",
            Target::Url => "url",
            Target::Author => "author",
            Target::Lang => "lang",
        }
    }

    fn defaults(self) -> &'static [&'static str] {
        match self {
            // (After the English names: the same field in other languages, for spreadsheets
            // and exports made there.)
            Target::Title => &[
                "title",
                "headline",
                "heading",
                "og:title",
                "titulo",
                "título",
                "titre",
                "titel",
                "titolo",
                "tytuł",
                "tytul",
                "заголовок",
                "название",
                "назва",
            ],
            Target::Body => &[
                "body",
                "text",
                "content_original",
                "content",
                "maintext",
                "body-paragraphs",
                "paragraphs",
                "article",
                "articleBody",
                "full_text",
                "story",
                "texto",
                "texte",
                "testo",
                "tekst",
                "inhalt",
                "contenu",
                "contenido",
                "cuerpo",
                "текст",
            ],
            Target::Outlet => &[
                "outlet",
                "source",
                "site",
                "publisher",
                "source_domain",
                "site_name",
                "source_name",
                "media",
                "newspaper",
                "og:site_name",
                "medio",
                "fuente",
                "quelle",
                "zeitung",
                "fonte",
                "testata",
                "źródło",
                "zrodlo",
                "источник",
                "издание",
                "джерело",
                "видання",
            ],
            Target::Domain => &["domain", "source_url", "source_domain", "site_domain"],
            Target::Date => &[
                "date",
                "published",
                "publish_date",
                "date_publish",
                "pubDate",
                "datePublished",
                "published_at",
                "published_time",
                "article:published_time",
                "pub_date",
                "datetime",
                "created_at",
                "timestamp",
                "seendate",
                "fecha",
                "datum",
                "дата",
            ],
            Target::Url => &[
                "url",
                "link",
                "src",
                "canonical_url",
                "canonical",
                "href",
                "permalink",
                "enlace",
                "lien",
                "ссылка",
                "посилання",
            ],
            Target::Author => &[
                "author",
                "authors",
                "byline",
                "creator",
                "writer",
                "autor",
                "auteur",
                "autore",
                "автор",
            ],
            Target::Lang => &[
                "lang",
                "language",
                "locale",
                "inLanguage",
                "idioma",
                "langue",
                "sprache",
                "lingua",
                "язык",
                "мова",
            ],
        }
    }
}

/// Which record keys feed which article field. Keys match case-insensitively and ignore `-`/`_`.
#[derive(Clone, Debug)]
pub struct FieldMap {
    keys: Vec<(Target, Vec<String>)>,
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            keys: Target::ALL
                .iter()
                .map(|t| (*t, t.defaults().iter().map(|k| key_norm(k)).collect()))
                .collect(),
        }
    }
}

impl FieldMap {
    /// A stable hash of the mapping, recorded in the index.
    pub fn fingerprint(&self) -> u64 {
        xxhash_rust::xxh3::xxh3_64(format!("{:?}", self.keys).as_bytes())
    }

    /// Applies `target=key` (e.g. `body=content_original`): that key feeds the target, ahead of
    /// every default name.
    pub fn set(&mut self, spec: &str) -> Result<(), String> {
        let (target, key) = spec.split_once('=').ok_or_else(|| {
            format!("--field {spec:?}: expected TARGET=KEY, e.g. body=content_original")
        })?;
        let target = target.trim().to_lowercase();
        let t = Target::ALL
            .iter()
            .find(|t| t.name() == target)
            .ok_or_else(|| {
                let names: Vec<_> = Target::ALL.iter().map(|t| t.name()).collect();
                format!(
                    "--field {spec:?}: unknown field {target:?}; expected one of {}",
                    names.join(", ")
                )
            })?;
        if key.trim().is_empty() {
            return Err(format!("--field {spec:?}: the key after '=' is empty"));
        }
        for (tt, keys) in &mut self.keys {
            if tt == t {
                // The target's own name stays as a fallback: readers of text, Markdown and HTML
                // name their fields that way.
                *keys = vec![key_norm(key), key_norm(t.name())];
            }
        }
        Ok(())
    }

    fn keys(&self, target: Target) -> &[String] {
        &self
            .keys
            .iter()
            .find(|(t, _)| *t == target)
            .expect("every target has keys")
            .1
    }

    fn describe(&self, target: Target) -> String {
        self.keys(target).join(", ")
    }
}

fn key_norm(k: &str) -> String {
    k.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// What the reader knows about where a record came from.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub path: String,
    pub file_name: String,
    /// Outlet implied by the folder the file sits in, if any.
    pub folder_outlet: Option<String>,
}

pub struct Mapper<'a> {
    pub fields: &'a FieldMap,
    pub outlets: &'a OutletTable,
    pub default_outlet: Option<&'a str>,
}

/// A record as read: field name → value. Readers of unstructured formats use the target names.
pub type Record = Map<String, Value>;

/// A record's values under normalised key names.
type Keyed<'r> = Vec<(String, &'r Value)>;

impl Mapper<'_> {
    fn get<'r>(&self, rec: &Keyed<'r>, target: Target) -> Option<&'r Value> {
        self.fields.keys(target).iter().find_map(|want| {
            rec.iter()
                .find(|(k, v)| k == want && !is_blank(v))
                .map(|(_, v)| *v)
        })
    }

    fn text(&self, rec: &Keyed<'_>, target: Target) -> Option<String> {
        self.get(rec, target)
            .and_then(text_of)
            .filter(|s| !s.is_empty())
    }

    /// Builds the article, or says why the record has no usable text.
    pub fn article(
        &self,
        record_fields: &Record,
        origin: &Origin,
        record: u64,
    ) -> Result<Article, String> {
        // Normalise the record's keys once; lookups below compare against normalised names.
        let keyed: Keyed<'_> = record_fields
            .iter()
            .map(|(k, v)| (key_norm(k), v))
            .collect();
        let rec = &keyed;
        let body = self.text(rec, Target::Body).ok_or_else(|| {
            format!(
                "no article text: none of the fields [{}] is present and non-empty (map yours with --field body=NAME)",
                self.fields.describe(Target::Body)
            )
        })?;
        let title = self.text(rec, Target::Title).map(|t| one_line(&t));
        let url = self
            .text(rec, Target::Url)
            .filter(|u| u.starts_with("http"));
        let url_domain = url.as_deref().and_then(outlet::url_domain);
        let domain_field = self
            .text(rec, Target::Domain)
            .and_then(|d| outlet::as_host(&d));
        let outlet_raw = self.text(rec, Target::Outlet).map(|o| one_line(&o));

        let outlet = outlet_raw
            .as_deref()
            .and_then(|o| self.outlets.normalise(o))
            .or_else(|| {
                domain_field
                    .as_deref()
                    .and_then(|d| self.outlets.normalise(d))
            })
            .or_else(|| {
                url_domain
                    .as_deref()
                    .and_then(|d| self.outlets.normalise(d))
            })
            .or_else(|| {
                origin
                    .folder_outlet
                    .as_deref()
                    .and_then(|f| self.outlets.normalise(f))
            })
            .or_else(|| self.default_outlet.and_then(|o| self.outlets.normalise(o)));
        let domain = url_domain
            .or(domain_field.map(|d| outlet::strip_host(&d).to_string()))
            .or_else(|| {
                outlet_raw
                    .as_deref()
                    .and_then(outlet::as_host)
                    .map(|h| outlet::strip_host(&h).to_string())
            });

        let mut date_rejected = false;
        let mut date = match self.get(rec, Target::Date) {
            Some(Value::Number(n)) => Some(date::parse_epoch(n.as_f64().unwrap_or(f64::NAN))),
            Some(v) => text_of(v).and_then(|s| date::parse(&s)),
            None => None,
        }
        .and_then(|p| match p {
            Parsed::Valid(dt) => Some(dt),
            Parsed::Rejected(_) => {
                date_rejected = true;
                None
            }
        });
        if date.is_none() {
            date = url
                .as_deref()
                .and_then(date::from_url)
                .or_else(|| date::from_file_name(&origin.file_name));
        }

        let authors = match self.get(rec, Target::Author) {
            Some(Value::Array(items)) => items.iter().filter_map(text_of).collect(),
            Some(v) => text_of(v).map(|s| split_authors(&s)).unwrap_or_default(),
            None => Vec::new(),
        };
        let lang = self
            .text(rec, Target::Lang)
            .and_then(|l| language::normalise(&l));
        // Wire copy carries its dateline into every format ("KYIV, Aug 17 (Reuters) -").
        let dateline = record_fields
            .get("dateline")
            .and_then(text_of)
            .or_else(|| super::dateline::parse(&body).map(|d| d.place));

        let id = match &url {
            Some(u) => canonical_url(u),
            None => content_id(outlet.as_deref(), title.as_deref(), date, &body),
        };
        Ok(Article {
            id,
            path: origin.path.clone(),
            record,
            title,
            body,
            outlet,
            outlet_raw,
            domain,
            url,
            date,
            date_rejected,
            authors,
            lang,
            dateline,
            words: 0,
            signature: Vec::new(),
            entities: Vec::new(),
            topics: Vec::new(),
            quotes: Vec::new(),
        })
    }
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Text of a value: strings as is, lists of paragraphs (or of sentences) joined, objects by name.
pub fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|item| match item {
                    Value::Array(sentences) => {
                        let s: Vec<String> = sentences.iter().filter_map(text_of).collect();
                        Some(s.join(" "))
                    }
                    other => text_of(other),
                })
                .filter(|s| !s.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        Value::Object(o) => ["name", "@value", "text", "value"]
            .iter()
            .find_map(|k| o.get(*k).and_then(text_of)),
        Value::Bool(_) | Value::Null => None,
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn split_authors(s: &str) -> Vec<String> {
    s.split([',', ';', '|'])
        .flat_map(|p| p.split(" and "))
        .map(one_line)
        .filter(|p| !p.is_empty())
        .collect()
}

static TRACKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(utm_.*|fbclid|gclid|ocid|smid|smtyp|action|pgtype|clicksource|module|region|wt\.nav|hp|_r|ref|partner|cmpid|mod|mc_cid|mc_eid|src|rss|feed)$").unwrap()
});

/// URL without fragment and tracking parameters, so copies of one page share an id.
pub fn canonical_url(raw: &str) -> String {
    let Ok(mut url) = url::Url::parse(raw.trim()) else {
        return raw.trim().to_string();
    };
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !k.is_empty() && !TRACKING.is_match(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    url.to_string()
}

fn content_id(
    outlet: Option<&str>,
    title: Option<&str>,
    date: Option<chrono::DateTime<chrono::Utc>>,
    body: &str,
) -> String {
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        outlet.unwrap_or(""),
        title.unwrap_or(""),
        date.map(|d| d.to_rfc3339()).unwrap_or_default(),
        body
    );
    format!("{:016x}", xxh3_64(key.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Record {
        v.as_object().unwrap().clone()
    }

    fn mapper_article(rec: Value, fields: &FieldMap) -> Result<Article, String> {
        let outlets = OutletTable::builtin();
        let m = Mapper {
            fields,
            outlets: &outlets,
            default_outlet: None,
        };
        let origin = Origin {
            path: "/x/a.json".into(),
            file_name: "a.json".into(),
            folder_outlet: None,
        };
        m.article(&map(rec), &origin, 1)
    }

    #[test]
    fn maps_allsides_and_basil_shapes() {
        let f = FieldMap::default();
        let a = mapper_article(
            json!({"source": "New York Times - News", "source_url": "www.nytimes.com", "date": "2016-09-20",
                   "url": "http://www.nytimes.com/2016/09/20/a.html?&hp&action=click", "title": "T",
                   "authors": "A. One, B. Two", "content_original": "Body text."}),
            &f,
        )
        .unwrap();
        assert_eq!(a.outlet.as_deref(), Some("The New York Times"));
        assert_eq!(a.domain.as_deref(), Some("nytimes.com"));
        assert_eq!(a.id, "http://www.nytimes.com/2016/09/20/a.html");
        assert_eq!(a.authors, ["A. One", "B. Two"]);
        let b = mapper_article(
            json!({"source": "FOX", "body-paragraphs": [["One.", "Two."], ["Three."]], "date": "2010-07-02"}),
            &f,
        )
        .unwrap();
        assert_eq!(b.body, "One. Two.\n\nThree.");
        assert_eq!(b.outlet.as_deref(), Some("Fox News"));
    }

    #[test]
    fn field_override_and_missing_body() {
        let mut f = FieldMap::default();
        f.set("body=summary").unwrap();
        let a = mapper_article(json!({"body": "ignored", "summary": "Used."}), &f).unwrap();
        assert_eq!(a.body, "Used.");
        let err = mapper_article(json!({"text": "x"}), &f).unwrap_err();
        assert!(err.contains("--field body="), "{err}");
        assert!(FieldMap::default()
            .set("bogus=x")
            .unwrap_err()
            .contains("unknown field"));
    }

    #[test]
    fn dates_fall_back_to_url_and_junk_is_counted() {
        let f = FieldMap::default();
        let a = mapper_article(
            json!({"text": "x", "date": "0001-01-01", "url": "https://a.example/2025/08/20/x"}),
            &f,
        )
        .unwrap();
        assert!(a.date_rejected);
        assert_eq!(a.date.unwrap().format("%F").to_string(), "2025-08-20");
    }
}
