//! The query parser: any string either parses or gives a syntax error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(q) = std::str::from_utf8(data) {
        let _ = attache::search::parser::parse(q);
    }
});
