//! Names typed by users (`--person Zelenskyy`, `attache resolve Vitkoff`) → gazetteer entities,
//! with the same folding as the matcher: exact form, then sound-alike key, then fuzzy.

use std::collections::HashMap;

use serde::Serialize;

use super::cues::CYRILLIC_ENDINGS;
use super::fold::{fold, phonetic};
use super::gazetteer::{EntityType, Gazetteer};
use super::matcher::Method;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub score: f64,
}

/// How one name resolves. `entity` is None when nothing is close enough or the name is
/// shared by several entities (then `alternatives` lists them).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resolution {
    pub query: String,
    pub entity: Option<Candidate>,
    pub method: Option<Method>,
    pub ambiguous: bool,
    pub alternatives: Vec<Candidate>,
}

pub struct Resolver<'a> {
    gaz: &'a Gazetteer,
    /// Folded form → (entity, is the canonical name).
    forms: HashMap<String, Vec<(u32, bool)>>,
    keys: HashMap<String, Vec<u32>>,
    /// Folded first name → the people with it: "Donald" alone is Trump or Tusk, never a
    /// fuzzy guess.
    first_names: HashMap<String, Vec<u32>>,
}

impl<'a> Resolver<'a> {
    pub fn new(gaz: &'a Gazetteer) -> Resolver<'a> {
        let mut forms: HashMap<String, Vec<(u32, bool)>> = HashMap::new();
        let mut keys: HashMap<String, Vec<u32>> = HashMap::new();
        let mut first_names: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in gaz.entities.iter().enumerate() {
            let i = i as u32;
            for f in &e.first_names {
                let list = first_names.entry(fold(f)).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
            let mut all: Vec<String> = vec![e.name.clone(), e.id.replace('-', " ")];
            all.extend(e.aliases.iter().cloned());
            all.extend(e.surnames.iter().cloned());
            for f in &e.first_names {
                for s in &e.surnames {
                    all.push(format!("{f} {s}"));
                }
            }
            let canonical = fold(&e.name);
            for a in all {
                let f = fold(&a);
                let list = forms.entry(f.clone()).or_default();
                if !list.iter().any(|(x, _)| *x == i) {
                    list.push((i, f == canonical));
                }
                let k = phonetic(&f);
                let kl = keys.entry(k).or_default();
                if !kl.contains(&i) {
                    kl.push(i);
                }
            }
        }
        Resolver {
            gaz,
            forms,
            keys,
            first_names,
        }
    }

    fn candidate(&self, i: u32, score: f64) -> Candidate {
        let e = &self.gaz.entities[i as usize];
        Candidate {
            id: e.id.clone(),
            name: e.name.clone(),
            etype: e.etype,
            score: (score * 1000.0).round() / 1000.0,
        }
    }

    /// Resolves `name`, optionally only among one type. `exact` allows only listed spellings.
    pub fn resolve(&self, name: &str, want: Option<EntityType>, exact: bool) -> Resolution {
        let ok = |i: &u32| want.is_none_or(|t| self.gaz.entities[*i as usize].etype == t);
        let folded = fold(name);
        let mut res = Resolution {
            query: name.to_string(),
            entity: None,
            method: None,
            ambiguous: false,
            alternatives: Vec::new(),
        };
        if let Some(i) = self.gaz.index_of(name.trim()) {
            if ok(&(i as u32)) {
                res.entity = Some(self.candidate(i as u32, 1.0));
                res.method = Some(Method::Exact);
                return res;
            }
        }
        // Listed spellings, then Russian/Ukrainian case forms of them ("Путина").
        let mut tries = vec![folded.clone()];
        let lower = name.trim().to_lowercase();
        for end in CYRILLIC_ENDINGS {
            if let Some(stem) = lower.strip_suffix(end) {
                if stem.chars().count() >= 3 {
                    tries.push(fold(stem));
                    for nom in ["", "а", "я", "ий", "ия", "ь", "й"] {
                        tries.push(fold(&format!("{stem}{nom}")));
                    }
                }
            }
        }
        for t in &tries {
            if let Some(list) = self.forms.get(t) {
                let hits: Vec<&(u32, bool)> = list.iter().filter(|(i, _)| ok(i)).collect();
                if hits.len() == 1 {
                    let (i, canonical) = *hits[0];
                    res.entity = Some(self.candidate(i, 1.0));
                    res.method = Some(if canonical && t == &folded {
                        Method::Exact
                    } else {
                        Method::Alias
                    });
                    return res;
                }
                if hits.len() > 1 {
                    res.ambiguous = true;
                    res.alternatives = hits.iter().map(|(i, _)| self.candidate(*i, 1.0)).collect();
                    return res;
                }
            }
        }
        // A first name alone: the one person with it, or a choice among them (not a listed
        // spelling, so not with `exact`).
        if let Some(list) = self.first_names.get(&folded).filter(|_| !exact) {
            let hits: Vec<u32> = list.iter().copied().filter(|i| ok(i)).collect();
            match hits.as_slice() {
                [] => {}
                [i] => {
                    res.entity = Some(self.candidate(*i, 1.0));
                    res.method = Some(Method::Alias);
                    return res;
                }
                _ => {
                    res.ambiguous = true;
                    res.alternatives = hits.iter().map(|&i| self.candidate(i, 1.0)).collect();
                    return res;
                }
            }
        }
        // Sound-alike and fuzzy matches: also the suggestions when nothing resolves.
        let key = phonetic(&folded);
        let mut scored: HashMap<u32, f64> = HashMap::new();
        for (k, ids) in &self.keys {
            if k.len().abs_diff(key.len()) > 4 {
                continue;
            }
            let s = if *k == key {
                1.0
            } else {
                strsim::jaro_winkler(&key, k)
            };
            for i in ids.iter().filter(|i| ok(i)) {
                let e = scored.entry(*i).or_default();
                *e = e.max(s);
            }
        }
        let mut ranked: Vec<(u32, f64)> = scored.into_iter().filter(|(_, s)| *s >= 0.82).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(5);
        let top = ranked.first().copied();
        res.alternatives = ranked.iter().map(|&(i, s)| self.candidate(i, s)).collect();
        if exact {
            return res;
        }
        if let Some((i, s)) = top {
            let clear = ranked
                .get(1)
                .is_none_or(|&(_, s2)| s - s2 >= 0.03 || s2 < s);
            if s >= 0.999 && ranked.iter().filter(|(_, x)| *x >= 0.999).count() == 1 {
                res.entity = Some(self.candidate(i, s));
                res.method = Some(Method::Transliteration);
            } else if s >= 0.9 && clear && folded.len() >= 4 {
                res.entity = Some(self.candidate(i, s));
                res.method = Some(Method::Fuzzy);
            }
        }
        if res.entity.is_some() {
            res.alternatives.remove(0);
        }
        res
    }
}
