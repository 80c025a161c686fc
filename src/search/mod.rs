//! Query → hits: parsing, filters, collection, snippets. Reads the index, never writes it.

pub mod compile;
pub mod kwic;
pub mod parser;
pub mod stories;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::enrich::entities::EntityType;
use crate::index::{self, tokenizer, AttacheIndex, IndexError};
use crate::ingest::language;
use crate::ingest::{Article, OutletTable};
use compile::{CompileError, Compiler};
pub use compile::{Names, Scope};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Syntax(#[from] parser::SyntaxError),
    #[error(transparent)]
    Compile(#[from] CompileError),
    #[error("{flag} {value:?}: {reason}")]
    Filter {
        flag: &'static str,
        value: String,
        reason: String,
    },
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Filters given as flags; each list is any-of, different flags combine with AND.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub outlets: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub langs: Vec<String>,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    /// Spellings that must appear in the text as written (`--exact` entity filters).
    pub phrases: Vec<String>,
    /// Every topic must be tagged (default: any).
    pub all_topics: bool,
    /// Speakers (entity id or name as written): the article must quote one of them.
    pub quote_by: Vec<String>,
    /// Entity and topic filters must be met within one sentence (search only).
    pub same_sentence: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

#[derive(Clone, Debug)]
pub struct Request {
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// Longest snippet, in characters; 0 for none.
    pub snippet_chars: usize,
    /// One hit per story, copies clustered at this similarity.
    pub dedupe: Option<f64>,
    /// What query words without a field search.
    pub scope: Scope,
}

impl Request {
    /// A request used only for its query and filters (counting, clustering, concordances):
    /// no ranking, snippets or dedupe.
    pub fn matching(query: &str, filters: &Filters) -> Request {
        Request {
            query: query.to_string(),
            filters: filters.clone(),
            sort: Sort::Relevance,
            limit: 1,
            offset: 0,
            snippet_chars: 0,
            dedupe: None,
            scope: Scope::default(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub highlights: Vec<Range<usize>>,
}

#[derive(Clone, Debug)]
pub struct Hit {
    pub article: Article,
    pub score: f32,
    pub snippet: Snippet,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    /// With `dedupe`: outlets of the other copies of this story among the matches.
    pub copies: Vec<String>,
}

pub struct Results {
    pub total: usize,
    /// With `dedupe`: distinct stories among the matches.
    pub stories: Option<usize>,
    pub hits: Vec<Hit>,
}

/// An open index ready for queries (reader, languages and outlet table loaded once).
pub struct Engine<'a> {
    pub index: &'a AttacheIndex,
    pub searcher: Searcher,
    pub langs: Vec<String>,
    pub outlets: &'a OutletTable,
    /// Resolves names in `person:`/`org:`/`place:`/`topic:` terms (set by the commands,
    /// which know the gazetteer and the lexicon).
    pub names: Option<Box<compile::Names<'a>>>,
}

impl<'a> Engine<'a> {
    pub fn new(index: &'a AttacheIndex, outlets: &'a OutletTable) -> Result<Self, SearchError> {
        let searcher = index.reader()?.searcher();
        let langs = index.languages(&searcher);
        Ok(Engine {
            index,
            searcher,
            langs,
            outlets,
            names: None,
        })
    }

    /// The full query: the user's text AND the filters.
    pub fn query(&self, req: &Request) -> Result<(Box<dyn Query>, Compiler<'_>), SearchError> {
        let ast = parser::parse(&req.query)?;
        let mut compiler = Compiler::new(&self.index.fields, &self.langs, self.outlets);
        compiler.default_scope = req.scope;
        compiler.names = self.names.as_deref();
        let text = compiler.compile(&ast)?;
        let mut clauses = vec![(Occur::Must, text)];
        for filter in self.filters(&mut compiler, &req.filters)? {
            clauses.push((Occur::Must, filter));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), compiler))
    }

    fn filters(
        &self,
        c: &mut Compiler<'_>,
        f: &Filters,
    ) -> Result<Vec<Box<dyn Query>>, SearchError> {
        let fields = &self.index.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if !f.outlets.is_empty() {
            let mut names = Vec::new();
            for o in &f.outlets {
                names.extend(self.resolve_outlet(o)?);
            }
            out.push(any_of(fields.outlet, &names));
        }
        if !f.langs.is_empty() {
            let mut codes: Vec<String> = Vec::new();
            for l in &f.langs {
                let code = language::normalise(l).ok_or_else(|| SearchError::Filter {
                    flag: "--lang",
                    value: l.clone(),
                    reason: "not a language: give an ISO 639-1 code (en, de, ru) or an English \
                             name (German)"
                        .into(),
                })?;
                // A language with no article is an answer (0); a code no language has
                // ("xx") is a typo.
                if !self.langs.contains(&code) && !language::is_known(&code) {
                    return Err(SearchError::Filter {
                        flag: "--lang",
                        value: l.clone(),
                        reason: format!(
                            "attache knows no language with the code {code}; this index holds {}",
                            self.langs.join(", ")
                        ),
                    });
                }
                codes.push(code);
            }
            out.push(any_of(fields.lang, &codes));
        }
        if f.since.is_some() || f.until.is_some() {
            let mut bounds = Vec::new();
            for (flag, v) in [("--since", &f.since), ("--until", &f.until)] {
                if let Some(v) = v {
                    bounds.push(compile::period(v).map_err(|e| SearchError::Filter {
                        flag,
                        value: v.clone(),
                        reason: e.to_string(),
                    })?);
                }
            }
            // (`period` ends are exclusive.)
            if let (Some(since), Some(until), [(from, _), (_, to)]) =
                (&f.since, &f.until, bounds.as_slice())
            {
                if from >= to {
                    return Err(SearchError::Filter {
                        flag: "--until",
                        value: until.clone(),
                        reason: format!("ends before --since {since} begins"),
                    });
                }
            }
            out.push(c.date_range(f.since.as_deref(), f.until.as_deref(), true, true)?);
        }
        // Entities: every one named must be in the article (all-of); topics: any-of.
        for (field, values) in [
            (fields.persons, &f.persons),
            (fields.orgs, &f.orgs),
            (fields.places, &f.places),
        ] {
            for v in values {
                out.push(any_of(field, std::slice::from_ref(v)));
            }
        }
        if f.all_topics {
            for t in &f.topics {
                out.push(any_of(fields.topics, std::slice::from_ref(t)));
            }
        } else if !f.topics.is_empty() {
            out.push(any_of(fields.topics, &f.topics));
        }
        if !f.quote_by.is_empty() {
            out.push(any_of(fields.quote_by, &f.quote_by));
        }
        for p in &f.phrases {
            let quoted = format!("\"{}\"", p.replace('"', " "));
            out.push(c.compile(&parser::parse(&quoted)?)?);
        }
        Ok(out)
    }

    /// Outlet names as the index spells them: the canonical name and every spelling that
    /// differs only in case or accents ("Courrier du Nord" from the metadata, "Courrier Du
    /// Nord" from a folder: the filter had kept one and dropped the other's articles). An
    /// unknown outlet is an error with suggestions.
    pub fn resolve_outlet(&self, raw: &str) -> Result<Vec<String>, SearchError> {
        let name = self
            .outlets
            .normalise(raw)
            .unwrap_or_else(|| raw.to_string());
        let known = self.outlet_names();
        let k = crate::ingest::outlet::key(&name);
        let same: Vec<String> = known
            .iter()
            .filter(|o| **o == name || crate::ingest::outlet::key(o) == k)
            .cloned()
            .collect();
        if !same.is_empty() {
            return Ok(same);
        }
        let needle = crate::ingest::outlet::key(raw);
        let close: Vec<&String> = known
            .iter()
            .filter(|k| {
                let kk = crate::ingest::outlet::key(k);
                !needle.is_empty()
                    && (kk.contains(&needle)
                        || needle.contains(&kk)
                        || strsim::jaro_winkler(&kk, &needle) >= 0.88)
            })
            .take(5)
            .collect();
        let reason = if close.is_empty() {
            "no articles from this outlet in the index (see `attache stats` for the outlets)"
                .to_string()
        } else {
            format!(
                "no articles from this outlet in the index; did you mean {}?",
                close
                    .iter()
                    .map(|s| format!("{s:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        Err(SearchError::Filter {
            flag: "--outlet",
            value: raw.to_string(),
            reason,
        })
    }

    pub fn outlet_names(&self) -> Vec<String> {
        self.field_values(self.index.fields.outlet)
    }

    /// Quote speakers as the index holds them (entity ids, else names as written).
    pub fn speaker_values(&self) -> Vec<String> {
        self.field_values(self.index.fields.quote_by)
    }

    /// Every distinct value of a raw (untokenized) field, sorted.
    fn field_values(&self, field: tantivy::schema::Field) -> Vec<String> {
        let mut names = Vec::new();
        for seg in self.searcher.segment_readers() {
            let Ok(inv) = seg.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inv.terms().stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(s) = std::str::from_utf8(stream.key()) {
                    names.push(s.to_string());
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }

    /// Matching articles; with `dedupe`, stories (what `search --dedupe` lists).
    pub fn count(&self, req: &Request) -> Result<usize, SearchError> {
        if req.dedupe.is_some() {
            let mut one = req.clone();
            (one.limit, one.offset, one.snippet_chars) = (1, 0, 0);
            let r = self.search(&one)?;
            return Ok(r.stories.unwrap_or(r.total));
        }
        if req.filters.same_sentence {
            let mut one = req.clone();
            (one.limit, one.offset, one.snippet_chars) = (1, 0, 0);
            return Ok(self.search(&one)?.total);
        }
        let (query, _) = self.query(req)?;
        Ok(self.searcher.search(&query, &Count)?)
    }

    pub fn search(&self, req: &Request) -> Result<Results, SearchError> {
        let (query, compiler) = self.query(req)?;
        if let Some(threshold) = req.dedupe {
            return self.search_stories(req, &*query, &compiler, threshold);
        }
        let f = &req.filters;
        let sentence_filter = f.same_sentence
            && (f.persons.len() + f.orgs.len() + f.places.len() + f.topics.len()) > 0;
        let (addrs, total) = if sentence_filter {
            // Every match, checked against the stored offsets, then paged.
            let all = self.searcher.search(&*query, &Count)?;
            let (ranked, _) = self.ranked(req, &*query, all.max(1), 0)?;
            let mut kept = Vec::new();
            for (score, addr) in ranked {
                let doc: TantivyDocument = self.searcher.doc(addr)?;
                if same_sentence(&index::article_from_doc(&self.index.fields, &doc), f) {
                    kept.push((score, addr));
                }
            }
            let total = kept.len();
            let page = kept
                .into_iter()
                .skip(req.offset)
                .take(req.limit.max(1))
                .collect();
            (page, total)
        } else {
            self.ranked(req, &*query, req.limit.max(1), req.offset)?
        };
        let hits = self.hits(req, &compiler, addrs)?;
        Ok(Results {
            total,
            stories: None,
            hits,
        })
    }

    /// Top `limit` hits after `offset` in the requested order, and the total.
    fn ranked(
        &self,
        req: &Request,
        query: &dyn Query,
        limit: usize,
        offset: usize,
    ) -> Result<(Vec<(f32, DocAddress)>, usize), SearchError> {
        let top = TopDocs::with_limit(limit).and_offset(offset);
        Ok(match req.sort {
            Sort::Relevance => self
                .searcher
                .search(query, &(top.order_by_score(), Count))?,
            Sort::Date => {
                let (docs, total) = self.searcher.search(
                    query,
                    &(
                        top.order_by_fast_field::<tantivy::DateTime>("date", Order::Desc),
                        Count,
                    ),
                )?;
                (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), total)
            }
        })
    }

    /// One hit per story: every match is clustered, then the best-ranked copy of each story is
    /// shown with the outlets of the other copies.
    fn search_stories(
        &self,
        req: &Request,
        query: &dyn Query,
        compiler: &Compiler<'_>,
        threshold: f64,
    ) -> Result<Results, SearchError> {
        let total = self.searcher.search(query, &Count)?;
        if total == 0 {
            return Ok(Results {
                total,
                stories: Some(0),
                hits: Vec::new(),
            });
        }
        let (ranked, _) = self.ranked(req, query, total, 0)?;
        let addrs: Vec<DocAddress> = ranked.iter().map(|(_, a)| *a).collect();
        let found = stories::of(&self.index.dir, &self.searcher, &addrs, threshold)?;
        let mut members: HashMap<DocAddress, Vec<DocAddress>> = HashMap::new();
        for a in &addrs {
            members.entry(found.original_of(*a)).or_default().push(*a);
        }
        let mut seen = HashSet::new();
        let unique: Vec<(f32, DocAddress)> = ranked
            .into_iter()
            .filter(|(_, a)| seen.insert(found.original_of(*a)))
            .collect();
        let page: Vec<(f32, DocAddress)> = unique
            .iter()
            .skip(req.offset)
            .take(req.limit.max(1))
            .copied()
            .collect();
        let mut hits = self.hits(req, compiler, page.clone())?;
        for (hit, (_, addr)) in hits.iter_mut().zip(&page) {
            for other in &members[&found.original_of(*addr)] {
                if other != addr {
                    let doc: TantivyDocument = self.searcher.doc(*other)?;
                    let outlet = index::article_from_doc(&self.index.fields, &doc).outlet;
                    hit.copies
                        .push(outlet.unwrap_or_else(|| "(unknown outlet)".into()));
                }
            }
        }
        Ok(Results {
            total,
            stories: Some(unique.len()),
            hits,
        })
    }

    /// Stored articles with snippets for the given documents, in order.
    fn hits(
        &self,
        req: &Request,
        compiler: &Compiler<'_>,
        addrs: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Hit>, SearchError> {
        let terms: BTreeMap<String, f32> = compiler
            .highlight
            .iter()
            .map(|t| (t.clone(), 1.0))
            .collect();
        let mut generators: BTreeMap<Option<String>, SnippetGenerator> = BTreeMap::new();
        let f = &self.index.fields;
        let mut hits = Vec::with_capacity(addrs.len());
        for (score, addr) in addrs {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            let article = index::article_from_doc(f, &doc);
            let snippet = if req.snippet_chars == 0 {
                Snippet {
                    text: String::new(),
                    highlights: Vec::new(),
                }
            } else {
                let generator = generators.entry(article.lang.clone()).or_insert_with(|| {
                    let analyzer = tokenizer::analyzer(article.lang.as_deref());
                    SnippetGenerator::new(terms.clone(), analyzer, f.body, req.snippet_chars)
                });
                make_snippet(generator, &article.body, req.snippet_chars)
            };
            hits.push(Hit {
                persons: index::entity_names(&article, EntityType::Person),
                orgs: index::entity_names(&article, EntityType::Org),
                places: index::entity_names(&article, EntityType::Place),
                topics: index::multi(&doc, f.topics),
                article,
                score,
                snippet,
                copies: Vec::new(),
            });
        }
        Ok(hits)
    }
}

fn make_snippet(generator: &SnippetGenerator, body: &str, max: usize) -> Snippet {
    let s = generator.snippet(body);
    if s.fragment().is_empty() {
        // The match was in the title (or a prefix/fuzzy term): show the opening instead.
        let end = body
            .char_indices()
            .nth(max)
            .map(|(i, _)| i)
            .unwrap_or(body.len());
        let mut text = body[..end].replace('\n', " ");
        if end < body.len() {
            text.push('…');
        }
        return Snippet {
            text,
            highlights: Vec::new(),
        };
    }
    // Fragments may span paragraphs: flatten newlines without moving byte offsets.
    let text = s.fragment().replace('\n', " ");
    Snippet {
        text,
        highlights: s.highlighted().to_vec(),
    }
}

fn any_of(field: tantivy::schema::Field, values: &[String]) -> Box<dyn Query> {
    let clauses = values
        .iter()
        .map(|v| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// True when one sentence of the article names every filtered entity and the filtered
/// topic(s) (any of them, or all with `all_topics`).
fn same_sentence(a: &Article, f: &Filters) -> bool {
    // Sentence starts: after . ! ? followed by whitespace, and after line breaks.
    let chars: Vec<char> = a.body.chars().collect();
    let mut starts = vec![0u32];
    for i in 1..chars.len() {
        let prev = chars[i - 1];
        if prev == '\n' || (matches!(prev, '.' | '!' | '?') && chars[i].is_whitespace()) {
            starts.push(i as u32);
        }
    }
    let sentence = |offset: u32| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let mut ents: std::collections::HashMap<usize, std::collections::HashSet<&str>> =
        Default::default();
    for e in &a.entities {
        if let Some(id) = e.id.as_deref() {
            for m in &e.mentions {
                ents.entry(sentence(m.start)).or_default().insert(id);
            }
        }
    }
    let mut tops: std::collections::HashMap<usize, std::collections::HashSet<&str>> =
        Default::default();
    for t in &a.topics {
        for m in &t.mentions {
            tops.entry(sentence(m.start))
                .or_default()
                .insert(t.id.as_str());
        }
    }
    let wanted: Vec<&str> = f
        .persons
        .iter()
        .chain(&f.orgs)
        .chain(&f.places)
        .map(String::as_str)
        .collect();
    (0..starts.len()).any(|s| {
        let e = ents.get(&s);
        let t = tops.get(&s);
        wanted.iter().all(|w| e.is_some_and(|set| set.contains(w)))
            && (f.topics.is_empty()
                || if f.all_topics {
                    f.topics
                        .iter()
                        .all(|x| t.is_some_and(|set| set.contains(x.as_str())))
                } else {
                    f.topics
                        .iter()
                        .any(|x| t.is_some_and(|set| set.contains(x.as_str())))
                })
    })
}
