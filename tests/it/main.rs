//! All integration tests are one binary (one link, shared helpers). Each module covers one area;
//! tests that need ../shared skip with a printed reason when it is absent.

mod util;

mod bad_input;
mod compare;
mod corpora;
mod entities;
mod faults;
mod fuzz_smoke;
mod hostile;
mod incremental;
mod search;
mod syndication;
mod topics_quotes;
