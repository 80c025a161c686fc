//! The gazetteer: entity data embedded from `data/gazetteer/`, extended by `[[entity]]` tables
//! in attache.toml or `--gazetteer FILE` (an entry with a known id replaces the built-in one).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::{Deserialize, Serialize};

use super::fold::fold;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Org,
    Place,
}

impl EntityType {
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Place => "place",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        match s.to_ascii_lowercase().as_str() {
            "person" | "persons" | "people" | "per" => Some(EntityType::Person),
            "org" | "orgs" | "organisation" | "organization" => Some(EntityType::Org),
            "place" | "places" | "loc" | "location" => Some(EntityType::Place),
            _ => None,
        }
    }
}

/// One `[[entity]]` table (see data/gazetteer/README.md for the meaning of each field).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub name: String,
    #[serde(default)]
    pub qid: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub surnames: Vec<String>,
    #[serde(default)]
    pub first_names: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub capital: Option<String>,
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// People: whom a quote's "she" or "he" may stand for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Female,
    Male,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFile {
    #[serde(default)]
    entity: Vec<Entity>,
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "countries.toml",
        include_str!("../../../data/gazetteer/countries.toml"),
    ),
    (
        "places.toml",
        include_str!("../../../data/gazetteer/places.toml"),
    ),
    (
        "orgs.toml",
        include_str!("../../../data/gazetteer/orgs.toml"),
    ),
    (
        "people.toml",
        include_str!("../../../data/gazetteer/people.toml"),
    ),
];
const FIRST_NAMES: &str = include_str!("../../../data/gazetteer/first_names.txt");
const FEMALE_FIRST_NAMES: &str = include_str!("../../../data/gazetteer/female_first_names.txt");

#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    /// Folded given names: a cue for unknown person names.
    pub first_names: HashSet<String>,
}

impl Gazetteer {
    /// The embedded data. Panics only if the committed data files are broken (a test checks).
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer::default();
        for (name, text) in BUILTIN {
            let mut entries = parse(text).unwrap_or_else(|e| panic!("data/gazetteer/{name}: {e}"));
            // The built-in people file tags every woman, so the rest are men.
            for e in entries.iter_mut().filter(|e| e.etype == EntityType::Person) {
                e.gender.get_or_insert(Gender::Male);
            }
            g.extend(entries);
        }
        g.first_names = FIRST_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect();
        g
    }

    /// Adds entries; an entry whose id exists replaces the old one.
    pub fn extend(&mut self, entries: Vec<Entity>) {
        for e in entries {
            match self.by_id.get(&e.id) {
                Some(&i) => self.entities[i] = e,
                None => {
                    self.by_id.insert(e.id.clone(), self.entities.len());
                    self.entities.push(e);
                }
            }
        }
    }

    /// A person's gender: the entry's tag, else a guess from the given name (an entry's first
    /// names, else the first word of `name`) in `female_first_names.txt`, else unknown.
    pub fn gender(&self, id: Option<&str>, name: &str) -> Option<Gender> {
        static FEMALE: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
        let female = FEMALE.get_or_init(|| {
            FEMALE_FIRST_NAMES
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(fold)
                .collect()
        });
        let entry = id.and_then(|id| self.get(id));
        if let Some(g) = entry.and_then(|e| e.gender) {
            return Some(g);
        }
        let given: Vec<&str> = match entry {
            Some(e) if !e.first_names.is_empty() => {
                e.first_names.iter().map(String::as_str).collect()
            }
            _ => name.split_whitespace().take(1).collect(),
        };
        given
            .iter()
            .any(|g| female.contains(&fold(g)))
            .then_some(Gender::Female)
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// A fingerprint of the data: the index records it so a changed gazetteer is noticed.
    pub fn fingerprint(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for e in &self.entities {
            h.update(serde_json::to_string(e).unwrap_or_default().as_bytes());
        }
        h.digest()
    }
}

/// Parses a gazetteer file's text; errors name the entry.
pub fn parse(text: &str) -> Result<Vec<Entity>, String> {
    let file: EntityFile = toml::from_str(text).map_err(|e| e.to_string())?;
    validate(&file.entity)?;
    Ok(file.entity)
}

/// Checks ids and names (entries from attache.toml arrive already parsed).
pub fn validate(entries: &[Entity]) -> Result<(), String> {
    for e in entries {
        if e.id.is_empty()
            || !e
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(format!(
                "entity {:?}: id {:?} must be a lowercase slug (a-z, 0-9, -)",
                e.name, e.id
            ));
        }
        if e.name.trim().is_empty() {
            return Err(format!("entity {:?}: empty name", e.id));
        }
    }
    Ok(())
}

/// Reads a user's gazetteer file.
pub fn load_file(path: &std::path::Path) -> Result<Vec<Entity>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read gazetteer: {e}"))?;
    parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_loads_with_unique_ids() {
        let g = Gazetteer::builtin();
        assert!(g.entities.len() > 700, "{}", g.entities.len());
        let ids: HashSet<&str> = g.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), g.entities.len(), "duplicate ids across files");
        for e in &g.entities {
            if let Some(c) = &e.capital {
                assert!(g.get(c).is_some(), "{}: capital {c} has no entry", e.id);
            }
        }
        assert!(g.first_names.contains("john"));
    }

    #[test]
    fn user_entries_replace_builtin_ones() {
        let mut g = Gazetteer::builtin();
        let n = g.entities.len();
        let extra = parse(
            r#"[[entity]]
id = "russia"
type = "place"
name = "Russian Federation"
aliases = ["Rossiya"]
[[entity]]
id = "jane-roe"
type = "person"
name = "Jane Roe"
surnames = ["Roe"]"#,
        )
        .unwrap();
        g.extend(extra);
        assert_eq!(g.entities.len(), n + 1);
        assert_eq!(g.get("russia").unwrap().name, "Russian Federation");
        assert!(parse("[[entity]]\nid = \"Bad Id\"\ntype = \"person\"\nname = \"x\"").is_err());
    }
}
