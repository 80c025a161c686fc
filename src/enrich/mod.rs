//! Pure text → annotations: language, word count, near-duplicate signature, entities,
//! topics and quotes.

pub mod entities;
pub mod lang;
pub mod minhash;
pub mod quotes;
pub mod topics;

use crate::ingest::Article;

/// Everything enrichment needs, built once (the gazetteer's automaton) and shared by threads.
pub struct Enricher {
    pub entities: entities::Extractor,
    pub topics: topics::TopicMatcher,
    /// Stages switched off (benchmarks only): "entities", "topics", "quotes".
    pub skip: Vec<String>,
    /// Tests only (`ATTACHE_TEST_PANIC_ON`): a body containing this text makes `enrich`
    /// panic, so the test of the indexer's recovery has a bug to recover from.
    panic_on: Option<String>,
}

impl Enricher {
    pub fn new(entities: entities::Extractor, topics: topics::TopicMatcher) -> Enricher {
        Enricher {
            entities,
            topics,
            skip: Vec::new(),
            panic_on: std::env::var("ATTACHE_TEST_PANIC_ON")
                .ok()
                .filter(|t| !t.is_empty()),
        }
    }

    /// A fingerprint of the gazetteer and the topic lexicon: the index records it, so a
    /// change is noticed.
    pub fn fingerprint(&self) -> u64 {
        let (e, t) = self.stage_fingerprints();
        xxhash_rust::xxh3::xxh3_64(&[e.to_le_bytes(), t.to_le_bytes()].concat())
    }

    /// Fingerprints of what entities (and quotes, whose speakers are entities) and what
    /// topics depend on, each with the program version: `--retag` recomputes only the
    /// stages whose fingerprint changed.
    pub fn stage_fingerprints(&self) -> (u64, u64) {
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        let mut e = xxhash_rust::xxh3::Xxh3::new();
        e.update(version);
        e.update(&self.entities.gaz.fingerprint().to_le_bytes());
        let mut t = xxhash_rust::xxh3::Xxh3::new();
        t.update(version);
        for topic in self.topics.topics() {
            t.update(serde_json::to_string(topic).unwrap_or_default().as_bytes());
        }
        (e.digest(), t.digest())
    }

    /// What quote attribution takes from the gazetteer besides the entities found: who is a
    /// woman (`Gazetteer::gender` reads `gender` and first names), per person id.
    pub fn genders(&self) -> std::collections::BTreeMap<String, u32> {
        self.entities
            .gaz
            .entities
            .iter()
            .filter(|e| e.etype == entities::EntityType::Person)
            .map(|e| {
                let data = format!("{:?}{:?}", e.gender, e.first_names);
                (
                    e.id.clone(),
                    xxhash_rust::xxh3::xxh3_64(data.as_bytes()) as u32,
                )
            })
            .collect()
    }

    /// For `--retag`: entities (then quotes) and/or topics again, in place; whether any
    /// annotation changed. Quotes are a function of the text, the entities and the genders of
    /// those entities, so they are recomputed only when the entities changed or one of them is
    /// in `gender_changed`.
    pub fn reannotate(
        &self,
        a: &mut Article,
        entities: bool,
        topics: bool,
        gender_changed: &dyn Fn(&str) -> bool,
    ) -> bool {
        let on = |stage: &str| !self.skip.iter().any(|s| s == stage);
        let mut changed = false;
        if entities && on("entities") {
            let found = self.entities.extract(&a.body);
            let new_entities = found != a.entities;
            a.entities = found;
            changed |= new_entities;
            let genders = || {
                a.entities
                    .iter()
                    .any(|e| e.id.as_deref().is_some_and(gender_changed))
            };
            // Quotes read the entities (and their genders); an article without any still
            // needs its first quote pass.
            if on("quotes") && (new_entities || a.entities.is_empty() || genders()) {
                let q = quotes::extract(&a.body, &a.entities, &self.entities.gaz);
                changed |= q != a.quotes;
                a.quotes = q;
            }
        }
        // (After the entities are set, so the test sees them cleared.)
        if let Some(t) = &self.panic_on {
            assert!(!a.body.contains(t.as_str()), "test panic on {t:?}");
        }
        if topics && on("topics") {
            let t = self.topics.tag(&a.body);
            changed |= t != a.topics;
            a.topics = t;
        }
        changed
    }

    /// Fills what can be derived from the text alone.
    pub fn enrich(&self, article: &mut Article) {
        if article.lang.is_none() {
            article.lang = lang::detect(article.title.as_deref(), &article.body);
        }
        article.words = word_count(&article.body);
        article.signature = minhash::signature(&article.body);
        self.reannotate(article, true, true, &|_| true);
    }
}

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static CAUGHT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `stage` on `a`; if it panics (a bug of ours that this text triggers), clears `a`'s
/// annotations and returns the panic's description, so the caller keeps the article, reports
/// it and goes on.
pub fn guarded<T>(a: &mut Article, stage: impl FnOnce(&mut Article) -> T) -> Result<T, String> {
    GUARDED.with(|g| g.set(true));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| stage(a)));
    GUARDED.with(|g| g.set(false));
    caught.map_err(|panic| {
        a.entities.clear();
        a.topics.clear();
        a.quotes.clear();
        CAUGHT.with(|c| c.borrow_mut().take()).unwrap_or_else(|| {
            panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default()
        })
    })
}

/// For a panic hook: inside `guarded`, keeps the panic's description (with its location) for
/// the caller's warning and says so, so the hook prints nothing itself.
pub fn keep_guarded_panic(describe: impl FnOnce() -> String) -> bool {
    GUARDED.with(|g| g.get()) && {
        CAUGHT.with(|c| *c.borrow_mut() = Some(describe()));
        true
    }
}

/// Whitespace-separated words, counted on bytes (ASCII whitespace; fast on long bodies).
pub fn word_count(text: &str) -> u64 {
    let mut words = 0u64;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = matches!(b, b' ' | b'\n' | b'\t' | b'\r' | 0x0C);
        words += (!space && !in_word) as u64;
        in_word = !space;
    }
    words
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_words() {
        assert_eq!(super::word_count("  Putin met\nTrump  in Alaska. "), 5);
        assert_eq!(super::word_count(""), 0);
    }
}
