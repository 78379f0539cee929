//! Relations: their types, modalities, arguments and evidence.

use std::str::FromStr;

use super::span::Span;
use crate::error::{Error, ErrorKind};

/// The type of a relation.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    /// Two people met.
    Meets,
    /// A person holds a role, of a place or organisation.
    HoldsRole,
    /// A place or organisation lies in a place.
    LocatedIn,
    /// A person or organisation said something.
    Said,
    /// Two people spoke at a distance: by phone, by video, by letter.
    Calls,
}

impl RelationKind {
    /// `MEETS`, `HOLDS_ROLE`, `LOCATED_IN` or `SAID`, as in the Document JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            RelationKind::Meets => "MEETS",
            RelationKind::HoldsRole => "HOLDS_ROLE",
            RelationKind::LocatedIn => "LOCATED_IN",
            RelationKind::Said => "SAID",
            RelationKind::Calls => "CALLS",
        }
    }
}

/// Whether a relation is stated as fact.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Modality {
    /// It happened or is happening: "met", "meets".
    Asserted,
    /// It is planned: "will meet", "are due to meet".
    Planned,
    /// It may happen: "could meet", "is ready to meet".
    Hypothetical,
    /// It did not happen: "did not meet", "refused to meet".
    Negated,
}

impl Modality {
    /// `asserted`, `planned`, `hypothetical` or `negated`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
        }
    }

    pub(crate) fn parse(s: &str) -> Modality {
        match s {
            "planned" => Modality::Planned,
            "hypothetical" => Modality::Hypothetical,
            "negated" => Modality::Negated,
            _ => Modality::Asserted,
        }
    }
}

/// A relation's arguments: indices into [`Document::entities`](crate::Document::entities).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Args {
    /// `a` met `b` (unordered), at `place` if known.
    Meets {
        /// One person.
        a: usize,
        /// The other person.
        b: usize,
        /// Where they met.
        place: Option<usize>,
    },
    /// `person` holds `role` of `of`.
    HoldsRole {
        /// The role holder.
        person: usize,
        /// Whose role it is: a country, a city, an organisation.
        of: Option<usize>,
        /// The title as written, in title case: "Foreign Minister".
        role: String,
    },
    /// `inner` lies in `outer`.
    LocatedIn {
        /// The place or organisation inside.
        inner: usize,
        /// The place around it.
        outer: usize,
    },
    /// `speaker` said something, quoted in `quote` when quoted.
    Said {
        /// The person or organisation speaking.
        speaker: usize,
        /// The quotation, marks included.
        quote: Option<Span>,
    },
    /// `a` and `b` spoke at a distance (unordered): "spoke by phone",
    /// "in a video call". Not a meeting.
    Calls {
        /// One person.
        a: usize,
        /// The other person.
        b: usize,
    },
}

/// A typed relation with the evidence for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// The arguments, typed by relation kind.
    pub args: Args,
    /// Stated as fact, planned, possible or denied.
    pub modality: Modality,
    /// The id of the rule that made it: `meet/coordinated-subject`.
    pub rule: String,
    /// The sentence (or sentences, for a quotation) that states it.
    pub evidence: Span,
    /// The trigger words, if the rule marks them: "met".
    pub trigger: Option<Span>,
    /// When a meeting took place, as the text says it near the trigger:
    /// "on Friday", "on July 25", "last week".
    pub when: Option<Span>,
    /// That time as `YYYY-MM-DD`, where the document states its date and
    /// the phrase names a day ("on Friday": the last Friday on or before
    /// the document's date, or the next one for a planned meeting).
    pub date: Option<String>,
}

impl Relation {
    /// The relation's type.
    pub fn kind(&self) -> RelationKind {
        match self.args {
            Args::Meets { .. } => RelationKind::Meets,
            Args::HoldsRole { .. } => RelationKind::HoldsRole,
            Args::LocatedIn { .. } => RelationKind::LocatedIn,
            Args::Said { .. } => RelationKind::Said,
            Args::Calls { .. } => RelationKind::Calls,
        }
    }
}

// The names the Document JSON and the exports write, read back (Document
// JSON, graph JSON, CLI filters).

/// Parses `MEETS`, `HOLDS_ROLE`, `LOCATED_IN` or `SAID` (any case).
///
/// # Examples
///
/// ```
/// use newsgraph::RelationKind;
///
/// assert_eq!("holds_role".parse::<RelationKind>().unwrap(), RelationKind::HoldsRole);
/// assert!("KNOWS".parse::<RelationKind>().is_err());
/// ```
impl FromStr for RelationKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<RelationKind, Error> {
        match s.to_ascii_uppercase().as_str() {
            "MEETS" => Ok(RelationKind::Meets),
            "HOLDS_ROLE" => Ok(RelationKind::HoldsRole),
            "LOCATED_IN" => Ok(RelationKind::LocatedIn),
            "SAID" => Ok(RelationKind::Said),
            "CALLS" => Ok(RelationKind::Calls),
            _ => Err(Error::new(
                ErrorKind::Graph,
                format!("unknown relation type {s:?} (MEETS, HOLDS_ROLE, LOCATED_IN, SAID, CALLS)"),
            )),
        }
    }
}

/// Parses `asserted`, `planned`, `hypothetical` or `negated` (any case).
///
/// # Examples
///
/// ```
/// use newsgraph::Modality;
///
/// assert_eq!("planned".parse::<Modality>().unwrap(), Modality::Planned);
/// ```
impl FromStr for Modality {
    type Err = Error;

    fn from_str(s: &str) -> Result<Modality, Error> {
        match s.to_ascii_lowercase().as_str() {
            "asserted" => Ok(Modality::Asserted),
            "planned" => Ok(Modality::Planned),
            "hypothetical" => Ok(Modality::Hypothetical),
            "negated" => Ok(Modality::Negated),
            _ => Err(Error::new(
                ErrorKind::Graph,
                format!("unknown modality {s:?} (asserted, planned, hypothetical, negated)"),
            )),
        }
    }
}
