//! Entities: people, organisations and places found in an article's text, whatever the
//! spelling. `gazetteer` holds the data, `fold` makes spellings comparable, `matcher` finds
//! and resolves mentions, `resolve` answers "who is this name?" for filters and `attache
//! resolve`.

pub mod cues;
pub mod fold;
pub mod gazetteer;
pub mod matcher;
pub mod resolve;

pub use gazetteer::{Entity, EntityType, Gazetteer};
pub use matcher::{Extractor, Found, Mention, MentionKind, Method};
pub use resolve::{Resolution, Resolver};
