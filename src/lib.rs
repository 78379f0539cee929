//! newsgraph turns English news text into a typed graph of people, places and
//! organisations and the relations between them.
//!
//! Gazetteers of people, places and organisations feed an Aho-Corasick
//! automaton of their forms, searched anchored from the tokens that may
//! start a name; hits that are written in an acceptable case become
//! candidate mentions; a resolver picks one
//! entity per name, guesses names no list has (titles, given names, bylines,
//! organisation and place heads) and links surnames and acronyms to the full
//! names of the same document.
//!
//! # Example
//!
//! ```
//! use newsgraph::{EntityKind, Extractor, MentionKind};
//!
//! let text = "MUNICH (Reuters) – U.S. Secretary of State John Kerry and Russia’s \
//!             Foreign Minister Sergei Lavrov met on Thursday. Kerry said he expected \
//!             a “serious conversation”.";
//! let doc = Extractor::default().extract("munich", text);
//!
//! let kerry = doc.entity("person:john-kerry").unwrap();
//! assert_eq!(kerry.kind, EntityKind::Person);
//! let forms: Vec<(&str, MentionKind)> = kerry.mentions.iter()
//!     .map(|&m| (doc.mention_text(&doc.mentions()[m]), doc.mentions()[m].kind))
//!     .collect();
//! // "he" is Kerry too: coreference makes it a pronoun mention.
//! assert_eq!(forms, [("John Kerry", MentionKind::Name), ("Kerry", MentionKind::Name), ("he", MentionKind::Pronoun)]);
//!
//! // Spans index the original text, curly quotes and dashes included.
//! let russia = doc.entities().iter().find(|e| e.name == "Russia").unwrap();
//! let m = &doc.mentions()[russia.mentions[0]];
//! assert_eq!(&text[m.span.range()], "Russia");
//! assert_eq!(m.kind, MentionKind::Name);
//!
//! // The dateline gives the story's place.
//! let dateline = doc.dateline().unwrap();
//! assert_eq!(doc.entities()[dateline.entity.unwrap()].name, "Munich");
//! ```
//!
//! # Concepts
//!
//! - **Spans** are byte ranges into the original text ([`Span`]); `&text[span]`
//!   is always the surface form.
//! - **Gazetteers** are TSV files (`gazetteers/FORMAT.md`): id, kind, name,
//!   aliases with case policies (`=` exact, `~` weak), attributes. The defaults
//!   are embedded; [`ExtractorBuilder`] adds your own.
//! - **Mentions** have a kind ([`MentionKind`]): names, demonyms ("Russian"),
//!   nominals, pronouns; and the rule that made them.
//! - **Entities** come from a gazetteer or a named guesser rule ([`Source`]).
//! - **Relations** ([`Relation`]) are typed (MEETS, HOLDS_ROLE, LOCATED_IN,
//!   SAID) and carry their evidence span, rule and [`Modality`].
//! - **Views** ([`EntityRef`], [`MentionRef`], [`RelationRef`],
//!   [`MeetingRef`]) follow a document's links by method:
//!   `mention.entity().name()`, `meeting.a().name()`,
//!   `relation.arguments()`.
//! - **Document JSON** is the output contract: [`Document`] is `Serialize`,
//!   and [`Document::from_json`] (or `Deserialize`) reads it back.
//! - **Graphs** ([`EntityGraph`]) add documents up: one node per entity, one
//!   edge per relation type, endpoints and qualifier with all its evidence;
//!   they merge in any order and export to JSON, JSON Lines, DOT, GraphML and
//!   Neo4j CSV.
//! - **Corpora** ([`corpus`]): files, directories and JSON Lines read as the
//!   command line reads them, and extracted on several threads in input
//!   order.
//! - **Errors** ([`Error`]) name the file, line or byte offset and the reason.
//!
//! # The pipeline
//!
//! [`Extractor::extract`] runs the layers in order, each knowing only those
//! below it: the model ([`Span`], ids, kinds, relations) at the bottom; the
//! text (folding, tokens, sentences, datelines); the gazetteer; the
//! matcher; the resolver and coreference; relations; the document; the
//! graph. The [`guide`] holds the file formats, performance and limits.
//!
//! # Features
//!
//! `cli` (on by default) builds the `newsgraph` command and brings `clap`;
//! the library needs no feature: `default-features = false` builds it alone.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod corpus;
mod document;
mod error;
pub mod eval;
mod extractor;
mod gazetteer;
mod graph;
mod group;
pub mod guide;
mod input;

mod matcher;
mod model;
mod relations;
mod resolve;
pub mod text;
mod word_map;
mod work;

pub use document::{
    Arguments, Document, EntityRef, MeetingRef, MentionRef, RelationRef, DOCUMENT_SCHEMA,
};
pub use error::{Error, ErrorKind};
pub use extractor::{DefaultGazetteers, DefaultRules, Extractor, ExtractorBuilder};
pub use gazetteer::{
    Alias, CasePolicy, Entry, Gazetteer, GazetteerBuilder, Role, MAX_ALIASES, MAX_ALIAS_BYTES,
    MAX_FORMS,
};
pub use graph::{Edge, EntityGraph, Evidence, GraphFilter, Meeting, Node, GRAPH_SCHEMA};
#[doc(hidden)]
pub use graph::{JSON_HEAD, JSON_MIDDLE, JSON_TAIL};
pub use input::{
    decode_text, parse_jsonl_record, read_text, JsonlReader, Record, Utf8Policy, MAX_RECORD_BYTES,
};
pub use model::{
    Args, Dateline, Entity, EntityId, EntityKind, Mention, MentionKind, Modality, Relation,
    RelationKind, Sentence, Source, Span,
};
pub use relations::{RuleKind, RuleSet, MAX_EVIDENCE_BYTES, MAX_MEETING_PARTICIPANTS, MAX_RULES};
#[doc(hidden)]
pub use work::Work;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
