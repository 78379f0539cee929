//! Entities: their ids, kinds, where they come from, and an entity of a
//! document with its mentions.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The kind of an entity: who, where, or which body.
///
/// Serialised as `PERSON`, `PLACE` and `ORG`, as the Document JSON requires.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person.
    #[serde(rename = "PERSON")]
    Person,
    /// A place: country, city, region, facility…
    #[serde(rename = "PLACE")]
    Place,
    /// An organisation, including institutions named by a building ("White House").
    #[serde(rename = "ORG")]
    Organisation,
}

impl EntityKind {
    /// The Document JSON name: `PERSON`, `PLACE` or `ORG`.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Place => "PLACE",
            EntityKind::Organisation => "ORG",
        }
    }

    /// The slug used in generated ids: `person`, `place`, `org`.
    pub(crate) fn slug(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organisation => "org",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stable entity id: the gazetteer id (`Q22316`, `person:john-kerry`,
/// `geonames:2867714`) or, for guessed entities, one derived from kind and name
/// (`guess:person:ivan-konovalov`).
///
/// The string is shared: a clone (every document that names an entity
/// clones its gazetteer id) copies a pointer, not the text.
///
/// # Examples
///
/// ```
/// use newsgraph::EntityId;
///
/// let id = EntityId::new("person:john-kerry");
/// assert_eq!(id.as_str(), "person:john-kerry");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(Arc<str>);

impl EntityId {
    /// Wraps an id string.
    pub fn new(id: impl AsRef<str>) -> EntityId {
        EntityId(Arc::from(id.as_ref()))
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Maps keyed by id are searched with a plain `&str` (the derived `Hash`
/// and `Eq` are the string's own).
impl std::borrow::Borrow<str> for EntityId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an entity comes from.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// A gazetteer entry.
    Gazetteer,
    /// A guesser rule: no gazetteer knows the name.
    Guess,
}

impl Source {
    /// `gazetteer` or `guess`, as in the Document JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Source::Gazetteer => "gazetteer",
            Source::Guess => "guess",
        }
    }
}

/// An entity of a document with all its mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Gazetteer id, or `guess:<kind>:<slug>` for guessed entities.
    pub id: EntityId,
    /// Person, place or organisation.
    pub kind: EntityKind,
    /// Subkind from the gazetteer: `city`, `country`, `armed`…
    pub subkind: Option<String>,
    /// Canonical name.
    pub name: String,
    /// Gazetteer or guess.
    pub source: Source,
    /// For guessed entities, the rule of their first mention.
    pub rule: Option<&'static str>,
    /// Indices into [`Document::mentions`](crate::Document::mentions), in text order.
    pub mentions: Vec<usize>,
}
