//! AST → tantivy query. Every word is analysed once per language present in the index, so a
//! query finds English, German and Russian inflections alike; filters are built here in code,
//! never by string concatenation.

use std::collections::BTreeSet;
use std::ops::Bound;

use chrono::{DateTime, Utc};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ExistsQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime as TDateTime, Term};

use super::parser::{Node, TermKind};
use crate::index::{tokenizer, Fields};
use crate::ingest::language;
use crate::ingest::{date, OutletTable};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CompileError {
    #[error("unknown field '{0}'{hint}; searchable fields are {FIELD_NAMES}", hint = suggest_field(.0))]
    UnknownField(String),
    #[error("'{0}' has no searchable word in it")]
    NoWords(String),
    #[error("cannot read {0:?} as a date (use 2025-08-17, 2025-08 or 2025)")]
    BadDate(String),
    #[error("cannot read {0:?} as a number")]
    BadNumber(String),
    #[error("'{0}:' does not take {1}")]
    Unsupported(String, &'static str),
    /// A `person:`/`org:`/`place:`/`topic:` value that names nothing (the resolver's words).
    #[error("{0}")]
    Name(String),
}

/// " (did you mean 'title'?)" for a near-miss field name.
fn suggest_field(name: &str) -> String {
    FIELD_NAMES
        .split(", ")
        .map(|f| (strsim::jaro_winkler(&name.to_lowercase(), f), f))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, f)| format!(" (did you mean '{f}'?)"))
        .unwrap_or_default()
}

const FIELD_NAMES: &str =
    "title, body, text, quote, outlet, domain, lang, url, id, path, author, dateline, person, org, place, topic, date, words";

/// Which text fields a query word searches.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Scope {
    #[default]
    TitleAndBody,
    Title,
    Body,
    /// The words of the article's direct quotes (`quote:`).
    Quote,
}

#[derive(Clone, Copy)]
enum Kind {
    Text(Scope),
    Keyword(Field, KeywordNorm),
    Date,
    Words,
}

#[derive(Clone, Copy)]
enum KeywordNorm {
    Exact,
    Outlet,
    Lang,
    /// An entity or topic named in any spelling (`person:putin`): resolved to its id by
    /// `Compiler::names` when the command gives one.
    Named(&'static str),
}

/// Resolves a `person:`/`org:`/`place:`/`topic:` value as written (field, value) to the id
/// the index holds, or says why it cannot.
pub type Names<'a> = dyn Fn(&str, &str) -> Result<String, String> + Send + Sync + 'a;

pub struct Compiler<'a> {
    pub fields: &'a Fields,
    /// Languages present in the index; `None` (no stemming) is always tried as well.
    pub langs: &'a [String],
    pub outlets: &'a OutletTable,
    /// Analysed body/title terms, for highlighting snippets.
    pub highlight: BTreeSet<String>,
    /// What a word without a field searches (`attache quotes` searches the quotes).
    pub default_scope: Scope,
    /// Entity and topic names in field terms; without it they are taken as ids.
    pub names: Option<&'a Names<'a>>,
}

impl<'a> Compiler<'a> {
    pub fn new(fields: &'a Fields, langs: &'a [String], outlets: &'a OutletTable) -> Self {
        Compiler {
            fields,
            langs,
            outlets,
            highlight: BTreeSet::new(),
            default_scope: Scope::default(),
            names: None,
        }
    }

    fn kind(&self, field: Option<&str>) -> Result<Kind, CompileError> {
        let f = self.fields;
        Ok(match field.map(str::to_lowercase).as_deref() {
            None => Kind::Text(self.default_scope),
            Some("text") | Some("all") => Kind::Text(Scope::TitleAndBody),
            Some("quote") | Some("quotes") => Kind::Text(Scope::Quote),
            Some("title") => Kind::Text(Scope::Title),
            Some("body") => Kind::Text(Scope::Body),
            Some("outlet") | Some("source") => Kind::Keyword(f.outlet, KeywordNorm::Outlet),
            Some("lang") | Some("language") => Kind::Keyword(f.lang, KeywordNorm::Lang),
            Some("domain") => Kind::Keyword(f.domain, KeywordNorm::Exact),
            Some("url") => Kind::Keyword(f.url, KeywordNorm::Exact),
            Some("id") => Kind::Keyword(f.id, KeywordNorm::Exact),
            Some("path") => Kind::Keyword(f.path, KeywordNorm::Exact),
            Some("author") | Some("authors") => Kind::Keyword(f.authors, KeywordNorm::Exact),
            Some("dateline") => Kind::Keyword(f.dateline, KeywordNorm::Exact),
            Some("person") | Some("persons") => {
                Kind::Keyword(f.persons, KeywordNorm::Named("person"))
            }
            Some("org") | Some("orgs") => Kind::Keyword(f.orgs, KeywordNorm::Named("org")),
            Some("place") | Some("places") => Kind::Keyword(f.places, KeywordNorm::Named("place")),
            Some("topic") | Some("topics") => Kind::Keyword(f.topics, KeywordNorm::Named("topic")),
            Some("date") => Kind::Date,
            Some("words") => Kind::Words,
            Some(_) => {
                return Err(CompileError::UnknownField(
                    field.unwrap_or_default().to_string(),
                ))
            }
        })
    }

    /// Fields and boosts of a text scope: a title match counts double.
    fn scope(&self, s: Scope) -> Vec<(Field, f32)> {
        match s {
            Scope::TitleAndBody => vec![(self.fields.title, 2.0), (self.fields.body, 1.0)],
            Scope::Title => vec![(self.fields.title, 1.0)],
            Scope::Body => vec![(self.fields.body, 1.0)],
            Scope::Quote => vec![(self.fields.quote_text, 1.0)],
        }
    }

    pub fn compile(&mut self, node: &Node) -> Result<Box<dyn Query>, CompileError> {
        match node {
            Node::All => Ok(Box::new(AllQuery)),
            Node::Term { field, text, kind } => self.term(field.as_deref(), text, *kind),
            Node::Phrase { field, text, slop } => match self.kind(field.as_deref())? {
                Kind::Text(s) => self.text_query(&self.scope(s), text, *slop),
                Kind::Keyword(f, norm) => self.keyword(f, norm, text),
                Kind::Date => self.date_range(Some(text), Some(text), true, true),
                Kind::Words => Err(CompileError::Unsupported("words".into(), "phrases")),
            },
            Node::Range {
                field,
                lower,
                upper,
                lower_incl,
                upper_incl,
            } => match self.kind(Some(field))? {
                Kind::Date => {
                    self.date_range(lower.as_deref(), upper.as_deref(), *lower_incl, *upper_incl)
                }
                Kind::Words => {
                    self.words_range(lower.as_deref(), upper.as_deref(), *lower_incl, *upper_incl)
                }
                Kind::Keyword(f, _) if lower.is_none() && upper.is_none() => {
                    // field:* — articles that have any value in the field.
                    Ok(Box::new(
                        RegexQuery::from_pattern(".*", f).expect("valid regex"),
                    ))
                }
                _ => Err(CompileError::Unsupported(field.clone(), "ranges")),
            },
            Node::And(parts) => {
                let mut clauses = Vec::new();
                let mut positive = false;
                for p in parts {
                    match p {
                        Node::Not(inner) => clauses.push((Occur::MustNot, self.compile(inner)?)),
                        other => {
                            positive = true;
                            clauses.push((Occur::Must, self.compile(other)?));
                        }
                    }
                }
                if !positive {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Or(parts) => {
                let clauses = parts
                    .iter()
                    .map(|p| Ok((Occur::Should, self.compile(p)?)))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Not(inner) => Ok(Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, self.compile(inner)?),
            ]))),
        }
    }

    fn term(
        &mut self,
        field: Option<&str>,
        text: &str,
        kind: TermKind,
    ) -> Result<Box<dyn Query>, CompileError> {
        match (self.kind(field)?, kind) {
            (Kind::Text(s), TermKind::Plain) => self.text_query(&self.scope(s), text, 0),
            (Kind::Text(s), TermKind::Prefix) => {
                // The index holds stems: `ceasefire*` must also try the stem `ceasefir`, and
                // `immigran*` the stem `immigr` of "immigrants" (a stem shorter than the prefix).
                let fields = self.scope(s);
                let mut qs = Vec::new();
                for form in self.forms(text)? {
                    let pattern = format!("{}.*", regex::escape(&form));
                    for (f, boost) in &fields {
                        let q =
                            RegexQuery::from_pattern(&pattern, *f).expect("escaped regex is valid");
                        qs.push(boosted(Box::new(q), *boost));
                        for stem in truncated_stems(&form) {
                            let t = TermQuery::new(
                                Term::from_field_text(*f, stem),
                                IndexRecordOption::WithFreqs,
                            );
                            qs.push(boosted(Box::new(t), *boost));
                        }
                    }
                    self.highlight.insert(form);
                }
                Ok(union(qs))
            }
            (Kind::Text(s), TermKind::Fuzzy(d)) => {
                let fields = self.scope(s);
                let mut qs = Vec::new();
                for form in self.forms(text)? {
                    for (f, boost) in &fields {
                        let q = FuzzyTermQuery::new(Term::from_field_text(*f, &form), d, true);
                        qs.push(boosted(Box::new(q), *boost));
                    }
                    self.highlight.insert(form);
                }
                Ok(union(qs))
            }
            (Kind::Keyword(f, norm), TermKind::Plain) => self.keyword(f, norm, text),
            (Kind::Keyword(f, _), TermKind::Prefix) => Ok(Box::new(
                RegexQuery::from_pattern(&format!("{}.*", regex::escape(text)), f)
                    .expect("escaped regex is valid"),
            )),
            (Kind::Keyword(f, _), TermKind::Fuzzy(d)) => Ok(Box::new(FuzzyTermQuery::new(
                Term::from_field_text(f, text),
                d,
                true,
            ))),
            (Kind::Date, TermKind::Plain) => self.date_range(Some(text), Some(text), true, true),
            (Kind::Words, TermKind::Plain) => self.words_range(Some(text), Some(text), true, true),
            (_, _) => Err(CompileError::Unsupported(
                field.unwrap_or_default().into(),
                "prefix or fuzzy terms",
            )),
        }
    }

    /// A single word as written (lower-cased, folded) and as stemmed in each index language.
    fn forms(&self, text: &str) -> Result<BTreeSet<String>, CompileError> {
        let mut forms = BTreeSet::from([self.single_token(text)?]);
        for l in self.langs {
            if let [t] = tokenizer::terms(Some(l), text).as_slice() {
                forms.insert(t.clone());
            }
        }
        Ok(forms)
    }

    fn single_token(&self, text: &str) -> Result<String, CompileError> {
        tokenizer::terms(None, text)
            .into_iter()
            .next()
            .ok_or_else(|| CompileError::NoWords(text.into()))
    }

    /// A word or phrase in text fields: one sub-query per distinct analysis (language).
    fn text_query(
        &mut self,
        fields: &[(Field, f32)],
        text: &str,
        slop: u32,
    ) -> Result<Box<dyn Query>, CompileError> {
        let mut variants: BTreeSet<Vec<String>> = BTreeSet::new();
        for l in self.langs.iter().map(|l| Some(l.as_str())).chain([None]) {
            let toks = tokenizer::terms(l, text);
            if !toks.is_empty() {
                variants.insert(toks);
            }
        }
        if variants.is_empty() {
            return Err(CompileError::NoWords(text.into()));
        }
        let mut qs: Vec<Box<dyn Query>> = Vec::new();
        for toks in &variants {
            self.highlight.extend(toks.iter().cloned());
            for (f, boost) in fields {
                let q: Box<dyn Query> = if toks.len() == 1 {
                    Box::new(TermQuery::new(
                        Term::from_field_text(*f, &toks[0]),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    let terms = toks.iter().map(|t| Term::from_field_text(*f, t)).collect();
                    let mut pq = PhraseQuery::new(terms);
                    pq.set_slop(slop);
                    Box::new(pq)
                };
                qs.push(boosted(q, *boost));
            }
        }
        Ok(union(qs))
    }

    fn keyword(
        &self,
        field: Field,
        norm: KeywordNorm,
        text: &str,
    ) -> Result<Box<dyn Query>, CompileError> {
        let value = match norm {
            KeywordNorm::Named(label) => match self.names {
                Some(names) => names(label, text).map_err(CompileError::Name)?,
                None => text.to_string(),
            },
            KeywordNorm::Exact => text.to_string(),
            KeywordNorm::Outlet => self
                .outlets
                .normalise(text)
                .unwrap_or_else(|| text.to_string()),
            KeywordNorm::Lang => language::normalise(text).unwrap_or_else(|| text.to_string()),
        };
        Ok(Box::new(TermQuery::new(
            Term::from_field_text(field, &value),
            IndexRecordOption::Basic,
        )))
    }

    pub fn date_range(
        &self,
        lower: Option<&str>,
        upper: Option<&str>,
        lower_incl: bool,
        upper_incl: bool,
    ) -> Result<Box<dyn Query>, CompileError> {
        let field = self.fields.date;
        let lo = match lower {
            Some(s) => {
                let (start, end) = period(s)?;
                // An exclusive lower bound skips the whole day (month, year) it names.
                if lower_incl {
                    Bound::Included(dt_term(field, start))
                } else {
                    Bound::Included(dt_term(field, end))
                }
            }
            None => Bound::Unbounded,
        };
        let hi = match upper {
            Some(s) => {
                let (start, end) = period(s)?;
                // An inclusive upper bound covers the whole day, month or year it names.
                if upper_incl {
                    Bound::Excluded(dt_term(field, end))
                } else {
                    Bound::Excluded(dt_term(field, start))
                }
            }
            None => Bound::Unbounded,
        };
        Ok(open_or_range("date", lo, hi))
    }

    fn words_range(
        &self,
        lower: Option<&str>,
        upper: Option<&str>,
        li: bool,
        ui: bool,
    ) -> Result<Box<dyn Query>, CompileError> {
        let f = self.fields.words;
        let num = |s: &str| {
            s.parse::<u64>()
                .map_err(|_| CompileError::BadNumber(s.into()))
        };
        let lo = match lower {
            Some(s) if li => Bound::Included(Term::from_field_u64(f, num(s)?)),
            Some(s) => Bound::Excluded(Term::from_field_u64(f, num(s)?)),
            None => Bound::Unbounded,
        };
        let hi = match upper {
            Some(s) if ui => Bound::Included(Term::from_field_u64(f, num(s)?)),
            Some(s) => Bound::Excluded(Term::from_field_u64(f, num(s)?)),
            None => Bound::Unbounded,
        };
        Ok(open_or_range("words", lo, hi))
    }
}

/// A range; with no bound at all (`date:*`, `date:[* TO *]`) it means "has a value", which
/// tantivy's RangeQuery refuses to express.
fn open_or_range(field: &str, lo: Bound<Term>, hi: Bound<Term>) -> Box<dyn Query> {
    match (&lo, &hi) {
        (Bound::Unbounded, Bound::Unbounded) => {
            Box::new(ExistsQuery::new(field.to_string(), false))
        }
        _ => Box::new(RangeQuery::new(lo, hi)),
    }
}

/// Stems a word with this prefix may have been cut to: the prefix minus its last one to three
/// characters, never shorter than five (so `sanct*` does not match the stem `san`).
pub(crate) fn truncated_stems(prefix: &str) -> impl Iterator<Item = &str> {
    let ends: Vec<usize> = prefix.char_indices().map(|(i, _)| i).skip(5).collect();
    let n = ends.len();
    ends.into_iter()
        .skip(n.saturating_sub(3))
        .map(move |e| &prefix[..e])
}

fn dt_term(field: Field, dt: DateTime<Utc>) -> Term {
    Term::from_field_date(field, TDateTime::from_timestamp_secs(dt.timestamp()))
}

/// The period a date string names: a day, a month ("2025-08") or a year ("2025").
pub fn period(s: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), CompileError> {
    let start = date::parse_unchecked(s).ok_or_else(|| CompileError::BadDate(s.into()))?;
    let t = s.trim();
    let end = if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        start.with_year_offset(1)
    } else if t.len() <= 7 && t.contains('-') && t.split('-').count() == 2 {
        start.with_month_offset(1)
    } else if start.time() == chrono::NaiveTime::MIN {
        start + chrono::Duration::days(1)
    } else {
        start + chrono::Duration::seconds(1)
    };
    Ok((start, end))
}

trait Offsets {
    fn with_year_offset(self, n: i32) -> Self;
    fn with_month_offset(self, n: u32) -> Self;
}

impl Offsets for DateTime<Utc> {
    fn with_year_offset(self, n: i32) -> Self {
        use chrono::Datelike;
        self.with_year(self.year() + n).unwrap_or(self)
    }
    fn with_month_offset(self, n: u32) -> Self {
        self.checked_add_months(chrono::Months::new(n))
            .unwrap_or(self)
    }
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

fn union(qs: impl IntoIterator<Item = Box<dyn Query>>) -> Box<dyn Query> {
    let mut qs: Vec<Box<dyn Query>> = qs.into_iter().collect();
    if qs.len() == 1 {
        return qs.pop().unwrap();
    }
    Box::new(BooleanQuery::new(
        qs.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::truncated_stems;

    #[test]
    fn stems_shorter_than_a_prefix() {
        assert_eq!(
            truncated_stems("immigran").collect::<Vec<_>>(),
            ["immig", "immigr", "immigra"]
        );
        assert_eq!(truncated_stems("sanct").count(), 0);
        assert_eq!(
            truncated_stems("перемир").collect::<Vec<_>>(),
            ["перем", "переми"]
        );
    }
}
