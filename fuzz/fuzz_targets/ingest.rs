//! Every format parser: the first byte picks the file name (and so the reader), the rest is the
//! file's bytes. Any panic is a bug: bad input must become a skipped record, never a crash.
#![no_main]

use attache::ingest::{Ingest, SourceFile};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "a.txt", "a.md", "a.json", "a.jsonl", "a.csv", "a.tsv", "a.html", "a.json.gz",
    "a.jsonl.gz", "a.txt.gz", "noextension",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    let file = SourceFile::virtual_file(name);
    let ingest = Ingest::default();
    ingest.parse_bytes(&file, bytes.to_vec(), &mut |_| {});
});
