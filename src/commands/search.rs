//! `attache search`: query + filters → hits, as text, JSON, JSON Lines or CSV.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::cli::{FilterArgs, HitFormat, SearchArgs, SortArg};
use crate::enrich::entities::{EntityType, Method, Resolver};
use crate::output::{self, style::Style, text, HitOut, HitRow, SearchOutput};
use crate::search::{Engine, Filters, Request, Sort};

/// Snippet length in characters.
const SNIPPET_CHARS: usize = 200;

/// Flags → filters. Entity names in any spelling are resolved to gazetteer ids here; an
/// unknown or ambiguous name is an error that lists the closest entities.
pub fn filters(
    f: &FilterArgs,
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
) -> anyhow::Result<Filters> {
    let mut out = Filters {
        outlets: f.outlet.clone(),
        since: f.since.clone(),
        until: f.until.clone(),
        langs: f.lang.clone(),
        topics: f.topic.clone(),
        all_topics: f.all_topics,
        ..Filters::default()
    };
    if !f.topic.is_empty() {
        let file = crate::config::load(config_path)?;
        let known = crate::config::topics(&file)?;
        out.topics = f
            .topic
            .iter()
            .map(|t| check_topic(&known, "--topic ", t))
            .collect::<anyhow::Result<_>>()?;
    }
    if f.person.is_empty() && f.org.is_empty() && f.place.is_empty() && f.quote_by.is_empty() {
        return Ok(out);
    }
    // Only entity filters need the gazetteer (parsing it costs a few milliseconds).
    let gaz = crate::config::gazetteer(&crate::config::load(config_path)?, gazetteers)?;
    let resolver = Resolver::new(&gaz);
    for (flag, names, etype) in [
        ("--person", &f.person, EntityType::Person),
        ("--org", &f.org, EntityType::Org),
        ("--place", &f.place, EntityType::Place),
    ] {
        for name in names {
            let e = entity_id(&resolver, &format!("{flag} "), name, etype, f.exact)?;
            if f.exact {
                out.phrases.push(name.clone());
            }
            match etype {
                EntityType::Person => out.persons.push(e),
                EntityType::Org => out.orgs.push(e),
                EntityType::Place => out.places.push(e),
            }
        }
    }
    out.quote_by = speakers(&resolver, &f.quote_by);
    Ok(out)
}

/// A topic id the lexicon knows, else an error that suggests the closest one.
fn check_topic(
    known: &[crate::enrich::topics::Topic],
    label: &str,
    t: &str,
) -> anyhow::Result<String> {
    if known.iter().any(|k| k.id == t) {
        return Ok(t.to_string());
    }
    // A word of a topic, in any language of the lexicon ("Waffenstillstand", "перемирие"):
    // the topic whose patterns it matches.
    let words: Vec<crate::enrich::topics::Topic> = known
        .iter()
        .cloned()
        .map(|mut k| {
            k.min_hits = 1;
            k
        })
        .collect();
    let hits = crate::enrich::topics::TopicMatcher::new(words).tag(t);
    if hits.is_empty() {
        // A word that only a longer pattern holds ("Sanktionen", from "sanktionen gegen" and
        // "russland sanktion*"): a topic whose pattern words start it.
        let word = t.trim().to_lowercase();
        let ids: Vec<&str> = known
            .iter()
            .filter(|k| {
                k.patterns.values().flatten().any(|p| {
                    p.split([' ', '|']).any(|w| {
                        let stem = w.trim_matches('*');
                        stem.chars().count() >= 5
                            && !stem.contains('.')
                            && (word == stem || (w.ends_with('*') && word.starts_with(stem)))
                    })
                })
            })
            .map(|k| k.id.as_str())
            .collect();
        if let [one] = ids.as_slice() {
            eprintln!("note: {label}{t:?} taken as the topic {one:?}, whose patterns hold it");
            return Ok(one.to_string());
        }
    }
    match hits.as_slice() {
        [one] => {
            eprintln!(
                "note: {label}{t:?} taken as the topic {:?}, whose patterns it matches",
                one.id
            );
            return Ok(one.id.clone());
        }
        [_, _, ..] => bail!(
            "{label}{t:?} matches the patterns of several topics ({}); give one of them",
            hits.iter()
                .map(|h| h.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [] => {}
    }
    let mut close: Vec<(f64, &str)> = known
        .iter()
        .map(|k| (strsim::jaro_winkler(t, &k.id), k.id.as_str()))
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    let ids: Vec<&str> = known.iter().map(|k| k.id.as_str()).collect();
    bail!(
        "{label}{t:?}: no such topic; did you mean {:?}? Topics: {}",
        close.first().map(|c| c.1).unwrap_or(""),
        ids.join(", ")
    )
}

/// The gazetteer id of an entity named in any spelling, else an error that lists the
/// closest entities (`label` is the flag or field it came from).
fn entity_id(
    resolver: &Resolver,
    label: &str,
    name: &str,
    etype: EntityType,
    exact: bool,
) -> anyhow::Result<String> {
    if name.trim().is_empty() {
        bail!("{label}needs a name (any spelling, or an id)");
    }
    let r = resolver.resolve(name, Some(etype), exact);
    // "--person Georgia": a name that is exactly an entity of another type is not a misspelled
    // person (it had been taken as Kristalina Georgieva).
    if r.entity.is_none() || matches!(r.method, Some(Method::Fuzzy)) {
        let any = resolver.resolve(name, None, true);
        // (Ambiguous between entities of one other type: "Georgia", the country or the state.)
        let other = any.entity.or_else(|| {
            let first = any.alternatives.first()?;
            (any.ambiguous && any.alternatives.iter().all(|a| a.etype == first.etype))
                .then(|| first.clone())
        });
        if let Some(other) = other.filter(|o| o.etype != etype) {
            // (As it would be typed: `org:"nato"` in a query, `--org "nato"` as a flag.)
            let usage = if label.ends_with(':') {
                format!("{}:{name:?}", other.etype.label())
            } else {
                format!("--{} {name:?}", other.etype.label())
            };
            bail!(
                "{label}{name:?} is {} {} ({}, {}), not {} {}; use {usage}",
                article(other.etype.label()),
                other.etype.label(),
                other.name,
                other.id,
                article(etype.label()),
                etype.label()
            );
        }
    }
    let Some(e) = r.entity else {
        let list: Vec<String> = r
            .alternatives
            .iter()
            .map(|a| format!("{} ({})", a.name, a.id))
            .collect();
        if r.ambiguous {
            bail!(
                "{label}{name:?} is ambiguous: it could be {}; give the full name or the id",
                list.join(", ")
            );
        }
        let hint = if list.is_empty() {
            format!("add it to your gazetteer (attache.toml [[entity]] or --gazetteer FILE); `attache resolve {name:?}` shows what it matches")
        } else {
            format!("did you mean {}?", list.join(", "))
        };
        bail!(
            "{label}{name:?}: no such {} in the gazetteer; {hint}",
            etype.label()
        );
    };
    if matches!(r.method, Some(Method::Fuzzy)) {
        eprintln!(
            "note: {label}{name:?} taken as {} ({}), the closest spelling in the gazetteer",
            e.name, e.id
        );
    }
    Ok(e.id)
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Resolves `person:`, `org:`, `place:` and `topic:` values in a query as the flags are
/// resolved (a name in any spelling, or an id); the gazetteer and the lexicon are read on
/// first use, so a query without such a field does not pay for them.
pub fn field_names(
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
) -> Box<crate::search::Names<'static>> {
    let config = config_path.map(Path::to_path_buf);
    let gazetteers = gazetteers.to_vec();
    let gaz = std::sync::OnceLock::new();
    let topics = std::sync::OnceLock::new();
    Box::new(move |field: &str, value: &str| -> Result<String, String> {
        let file = || crate::config::load(config.as_deref()).map_err(|e| e.to_string());
        let label = format!("{field}:");
        if field == "topic" {
            let known = topics
                .get_or_init(|| {
                    file().and_then(|f| crate::config::topics(&f).map_err(|e| e.to_string()))
                })
                .as_ref()
                .map_err(String::clone)?;
            return check_topic(known, &label, value).map_err(|e| e.to_string());
        }
        let gaz = gaz
            .get_or_init(|| {
                file().and_then(|f| {
                    crate::config::gazetteer(&f, &gazetteers).map_err(|e| e.to_string())
                })
            })
            .as_ref()
            .map_err(String::clone)?;
        let etype = match field {
            "person" => EntityType::Person,
            "org" => EntityType::Org,
            _ => EntityType::Place,
        };
        // (An id of another type, "person:nato", is resolved below and refused.)
        if gaz.get(value).is_some_and(|e| e.etype == etype) {
            return Ok(value.to_string());
        }
        entity_id(&Resolver::new(gaz), &label, value, etype, false).map_err(|e| e.to_string())
    })
}

/// Speakers as the index stores them: the entity id when the name resolves to a person or
/// an organisation, else the name as written.
pub fn speakers(resolver: &Resolver, names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            let person = resolver.resolve(n, Some(EntityType::Person), false);
            let r = if person.entity.is_some() {
                person
            } else {
                resolver.resolve(n, Some(EntityType::Org), false)
            };
            r.entity.map_or_else(|| n.trim().to_string(), |e| e.id)
        })
        .collect()
}

pub fn run(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[PathBuf],
    args: SearchArgs,
) -> anyhow::Result<u8> {
    let (idx, outlets) = super::open_for_queries(index_dir, config_path)?;
    let mut engine = Engine::new(&idx, &outlets)?;
    engine.names = Some(field_names(config_path, gazetteers));
    let req = Request {
        query: args.query.clone(),
        filters: Filters {
            same_sentence: args.same_sentence,
            ..filters(&args.filters, config_path, gazetteers)?
        },
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        limit: args.limit,
        offset: args.offset,
        snippet_chars: SNIPPET_CHARS,
        dedupe: args.dedupe.then_some(args.threshold),
        scope: Default::default(),
    };
    if args.limit == 0 {
        anyhow::bail!("--limit must be at least 1 (use --count for the number of matches)");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.count {
        let n = engine.count(&req)?;
        writeln!(out, "{n}")?;
        return Ok(if n > 0 {
            super::SUCCESS
        } else {
            super::NO_RESULTS
        });
    }
    let results = engine.search(&req)?;
    let result = SearchOutput {
        query: args.query,
        total: results.total,
        stories: results.stories,
        hits: results.hits.iter().map(HitOut::from).collect(),
    };
    match args.format {
        HitFormat::Text => text::search(&mut out, &result, args.offset, Style::detect())?,
        HitFormat::Json => output::write_json(&mut out, &result)?,
        HitFormat::Jsonl => output::write_jsonl(&mut out, &result.hits)?,
        HitFormat::Csv => output::write_csv(
            &mut out,
            result.hits.iter().map(HitRow::from),
            &output::HIT_COLUMNS,
        )?,
    }
    out.flush()?;
    Ok(if result.total > 0 {
        super::SUCCESS
    } else {
        super::NO_RESULTS
    })
}
