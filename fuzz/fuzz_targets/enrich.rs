//! Entity, topic and quote extraction (and language detection, MinHash) on arbitrary text.
#![no_main]

use std::sync::OnceLock;

use attache::enrich::Enricher;
use attache::ingest::Article;
use libfuzzer_sys::fuzz_target;

fn enricher() -> &'static Enricher {
    static E: OnceLock<Enricher> = OnceLock::new();
    E.get_or_init(|| attache::config::enricher(&Default::default(), &[]).expect("builtin data"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut article = Article {
        body: text.into_owned(),
        ..Default::default()
    };
    enricher().enrich(&mut article);
});
