//! What a rule is once parsed: its kind, its pattern of items and atoms,
//! its capture names and options.
//!
//! Plain data, shared by the parser that builds it, the index that reads it
//! and the matcher that runs it; it knows none of them, only the prefilter
//! types its items and rules carry ([`First`], [`Filter`]).

use super::filter::{Filter, First};
use crate::model::EntityKind;

/// The most captures a rule has: the most slots of any rule kind.
pub(crate) const MAX_CAPTURES: usize = 3;

/// What a rule produces.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    /// A MEETS relation: slots `a`, `b`, `place`.
    Meets,
    /// A HOLDS_ROLE relation: slots `person`, `of`, `role`.
    HoldsRole,
    /// A LOCATED_IN relation: slots `inner`, `outer`.
    LocatedIn,
    /// A SAID relation: slots `speaker`, `quote`.
    Said,
    /// A role nominal ("the Russian foreign minister") that refers to the
    /// document's holder of that role: slots `of`, `role`.
    Nominal,
}

impl RuleKind {
    /// The kind a rule line names: `MEETS`, `HOLDS_ROLE`, ….
    pub(crate) fn parse(s: &str) -> Option<RuleKind> {
        Some(match s {
            "MEETS" => RuleKind::Meets,
            "HOLDS_ROLE" => RuleKind::HoldsRole,
            "LOCATED_IN" => RuleKind::LocatedIn,
            "SAID" => RuleKind::Said,
            "NOMINAL" => RuleKind::Nominal,
            _ => return None,
        })
    }

    /// The capture names a rule of this kind may use: at most
    /// [`MAX_CAPTURES`].
    pub(crate) fn slots(&self) -> &'static [&'static str] {
        match self {
            RuleKind::Meets => &["a", "b", "place"],
            RuleKind::HoldsRole => &["person", "of", "role"],
            RuleKind::LocatedIn => &["inner", "outer"],
            RuleKind::Said => &["speaker", "quote"],
            RuleKind::Nominal => &["of", "role"],
        }
    }

    /// The capture names a rule of this kind must use.
    pub(crate) fn required(&self) -> &'static [&'static str] {
        match self {
            RuleKind::Meets => &["a"],
            RuleKind::HoldsRole => &["person", "role"],
            RuleKind::LocatedIn => &["inner", "outer"],
            RuleKind::Said => &["speaker"],
            RuleKind::Nominal => &["role"],
        }
    }
}

/// One pattern atom.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Atom {
    /// A mention of one of these kinds (`None`: any), with an optional
    /// subkind and its word id (set when the set is indexed).
    Mention(Option<EntityKind>, Option<(String, u32)>),
    Demonym,
    Pronoun,
    Quote,
    Word,
    Cap,
    Num,
    /// Any token that is not a mention or quotation.
    Any,
    /// Any unit at all.
    AnyUnit,
    Bos,
    Eos,
    /// A phrase of the lexicon with this index.
    Lexicon(usize),
    /// A letter word that is not in the lexicon with this index.
    NotLexicon(usize),
    /// A token, lower-cased, and its word id (set when the set is indexed).
    Literal(String, u32),
    /// Alternatives, each a sequence.
    Group(Vec<Vec<Item>>),
    /// Negative look-ahead.
    Not(Vec<Vec<Item>>),
}

/// An atom with its quantifier, capture and trigger mark.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Item {
    pub atom: Atom,
    pub min: u16,
    pub max: u16,
    /// Index into [`Rule::captures`].
    pub capture: Option<usize>,
    pub trigger: bool,
    /// For a group that cannot match nothing, the units it may start with:
    /// at any other unit it fails at once (set by
    /// [`index`](super::index::index)).
    pub gate: Option<Box<First>>,
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub id: String,
    pub kind: RuleKind,
    pub pattern: Vec<Item>,
    /// Capture names, indexed by [`Item::capture`].
    pub captures: Vec<&'static str>,
    /// Options after the kind: `verify=gazetteer`.
    pub verify_gazetteer: bool,
    /// Fixed modality (`modality=planned`), instead of reading the context.
    pub modality: Option<String>,
    /// A generic role for HOLDS_ROLE rules without a `role` capture
    /// (`role=resident`); a specific role of the same person and `of` wins.
    pub role: Option<String>,
    /// Which sentences and positions the rule can match at all.
    pub filter: Filter,
}

impl Rule {
    /// The index of capture `name` in [`Rule::captures`], if the rule uses it.
    pub fn capture(&self, name: &str) -> Option<usize> {
        self.captures.iter().position(|c| *c == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_fit_the_engine() {
        for kind in [
            RuleKind::Meets,
            RuleKind::HoldsRole,
            RuleKind::LocatedIn,
            RuleKind::Said,
            RuleKind::Nominal,
        ] {
            assert!(kind.slots().len() <= MAX_CAPTURES, "{kind:?}");
        }
    }
}
