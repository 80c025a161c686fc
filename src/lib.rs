//! attache: index and search news coverage of diplomacy.
//!
//! Data flows one way: `ingest` (files → articles) → `enrich` (text → annotations) →
//! `index` (tantivy) → `search` (queries → hits) → `output` (text, JSON, CSV).
//! `cli` and `commands` are the thin layer that turns flags into calls.

pub mod cli;
pub mod commands;
pub mod compare;
pub mod config;
pub mod enrich;
pub mod index;
pub mod ingest;
pub mod output;
pub mod search;
