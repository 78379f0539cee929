//! Units: what rules match over.
//!
//! A sentence becomes a sequence of units: each mention is one unit, each
//! quotation is one unit, every other token is a unit of its own. Patterns
//! match units, so a rule says `PERSON` whatever the length of the name.
//!
//! Below the rules and the matcher: a unit knows the model's kinds and the
//! vocabulary's ids, nothing of patterns, rules or relations.

use super::vocab::NO_WORD;
use crate::model::{EntityKind, MentionKind, Span};

/// What a unit is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum UnitKind {
    /// A mention: index into the document's mentions.
    Mention {
        mention: usize,
        entity: usize,
        kind: EntityKind,
        mention_kind: MentionKind,
    },
    /// A quotation with its marks.
    Quote,
    /// A token that is not part of a mention or quotation.
    Token,
}

/// One unit of a sentence.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    pub kind: UnitKind,
    /// Span in the original text.
    pub span: Span,
    /// For tokens whose word the rules name: its id in the rule set's
    /// vocabulary (the word lower-cased and folded); otherwise [`NO_WORD`].
    pub word: u32,
    /// For mentions whose entity has a subkind that a rule names: its id
    /// in the vocabulary; otherwise [`NO_WORD`].
    pub subkind: u32,
    /// For tokens: a letter word, capitalised, a number.
    pub letters: bool,
    pub cap: bool,
    pub num: bool,
    pub punct: bool,
}

/// Classes of units that rules require (see
/// [`Filter::requires`](super::rules::filter::Filter::requires)), as bits.
pub(crate) mod class {
    pub const PERSON: u8 = 1;
    pub const PLACE: u8 = 2;
    pub const ORG: u8 = 4;
    pub const DEMONYM: u8 = 8;
    pub const QUOTE: u8 = 16;
    /// How many classes there are.
    pub const COUNT: usize = 5;

    use crate::model::EntityKind;

    /// The class of a name or nominal mention of an entity of `kind`.
    pub fn of_kind(kind: EntityKind) -> u8 {
        match kind {
            EntityKind::Person => PERSON,
            EntityKind::Place => PLACE,
            EntityKind::Organisation => ORG,
        }
    }
}

impl Unit {
    /// The class of the unit, as a bit of [`class`]; 0 for tokens and for
    /// mentions no rule atom names by kind (pronouns).
    pub fn class(&self) -> u8 {
        match &self.kind {
            UnitKind::Mention {
                kind, mention_kind, ..
            } => match mention_kind {
                MentionKind::Name | MentionKind::Nominal => class::of_kind(*kind),
                MentionKind::Demonym => class::DEMONYM,
                MentionKind::Pronoun => 0,
            },
            UnitKind::Quote => class::QUOTE,
            UnitKind::Token => 0,
        }
    }

    /// A mention or quotation unit: no word of its own.
    pub fn whole(kind: UnitKind, span: Span, subkind: u32) -> Unit {
        Unit {
            kind,
            span,
            word: NO_WORD,
            subkind,
            letters: false,
            cap: false,
            num: false,
            punct: false,
        }
    }
}

/// For [`PatternMatcher::last`](super::engine::PatternMatcher::last): per
/// class, one past the last unit of it.
pub(crate) fn last_of_classes(units: &[Unit]) -> [u32; class::COUNT] {
    let mut last = [0; class::COUNT];
    for (i, u) in units.iter().enumerate() {
        let c = u.class();
        if c != 0 {
            last[c.trailing_zeros() as usize] = i as u32 + 1;
        }
    }
    last
}
