//! The entity types CoNLL-2003 scores (PER, LOC, ORG), read from gold labels
//! and from extracted entity kinds. Knows nothing of files or scores.

use crate::model::EntityKind;

/// The entity types CoNLL-2003 scores here.
///
/// # Examples
///
/// ```
/// use newsgraph::eval::NerType;
/// use newsgraph::EntityKind;
///
/// assert_eq!(NerType::from_label("LOC"), Some(NerType::Loc));
/// assert_eq!(NerType::from_label("MISC"), None);
/// assert_eq!(NerType::from_kind(EntityKind::Place), Some(NerType::Loc));
/// assert_eq!(NerType::Org.as_str(), "ORG");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NerType {
    /// `PER`: people.
    Per,
    /// `LOC`: places.
    Loc,
    /// `ORG`: organisations.
    Org,
}

impl NerType {
    /// Every scored type, in table order.
    pub const ALL: [NerType; 3] = [NerType::Per, NerType::Loc, NerType::Org];

    /// The CoNLL label: `PER`, `LOC` or `ORG`.
    pub fn as_str(&self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Loc => "LOC",
            NerType::Org => "ORG",
        }
    }

    /// The type of a CoNLL label; `None` for labels not scored (`MISC`).
    pub fn from_label(label: &str) -> Option<NerType> {
        NerType::ALL.into_iter().find(|t| t.as_str() == label)
    }

    /// The type an extracted entity kind is scored as.
    pub fn from_kind(kind: EntityKind) -> Option<NerType> {
        match kind {
            EntityKind::Person => Some(NerType::Per),
            EntityKind::Place => Some(NerType::Loc),
            EntityKind::Organisation => Some(NerType::Org),
        }
    }

    /// The type's position in [`NerType::ALL`], for tables indexed by type.
    pub(super) fn index(self) -> usize {
        self as usize
    }
}
