//! The model: the types every layer shares and no layer owns.
//!
//! Spans, entity ids and kinds, mention kinds, where an entity comes from,
//! and relations with their types and modalities. This layer sits at the
//! bottom: it uses nothing else of the crate, and every layer above (text,
//! gazetteer, matcher, resolve, relations, document, graph) may use it.

mod entity;
mod mention;
mod relation;
mod span;

pub use entity::{Entity, EntityId, EntityKind, Source};
pub use mention::{Dateline, Mention, MentionKind, Sentence};
pub use relation::{Args, Modality, Relation, RelationKind};
pub use span::Span;
