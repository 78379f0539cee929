//! A rule's prefilter: what makes most sentences and positions cheap to
//! skip.
//!
//! Each rule gets a [`Filter`], read off its pattern when the set is
//! indexed (`analysis.rs`):
//!
//! - `needs`: words of which a sentence must contain at least one for the
//!   rule to have any chance (the words of an item that must match, such as
//!   the trigger `^@meet-verb`); a sentence without them is skipped whole;
//! - `first`: what the first unit of a match can be (a mention, a quotation,
//!   a token, certain words); every other start position is skipped without
//!   running the matcher.
//!
//! Both are conservative: a filter never rejects a position where the rule
//! could match. This file holds the types and the one test the matcher
//! asks of a unit ([`First::admits`]); it knows units and word ids, not
//! patterns.

use crate::relations::unit::{Unit, UnitKind};
use crate::relations::vocab::NO_WORD;

/// What the first unit of a match may be.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct First {
    /// Anything: the filter admits every position.
    pub any: bool,
    pub mention: bool,
    pub quote: bool,
    /// Any token.
    pub token: bool,
    /// Tokens with these word ids (sorted).
    pub words: Vec<u32>,
}

impl First {
    /// Admits what either admits.
    pub(super) fn union(&mut self, other: &First) {
        self.any |= other.any;
        self.mention |= other.mention;
        self.quote |= other.quote;
        self.token |= other.token;
        self.words.extend_from_slice(&other.words);
        self.words.sort_unstable();
        self.words.dedup();
    }

    /// Whether a match may start at `u`.
    #[inline]
    pub fn admits(&self, u: &Unit) -> bool {
        self.any
            || match u.kind {
                UnitKind::Mention { .. } => self.mention,
                UnitKind::Quote => self.quote,
                UnitKind::Token => {
                    self.token || (u.word != NO_WORD && self.words.binary_search(&u.word).is_ok())
                }
            }
    }
}

/// A rule's prefilter (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Filter {
    /// Sorted word ids, one of which a sentence must contain; `None`: no
    /// such word is known.
    pub needs: Option<Vec<u32>>,
    /// When the needed words come from one top-level item, a match starts
    /// at most this many units before one of them.
    pub reach: Option<usize>,
    /// The pattern starts with `BOS`: a match starts at the first unit.
    pub at_start: bool,
    pub first: First,
    /// Units a match must take, each a mask of
    /// [`class`](crate::relations::unit::class) bits: for every mask, a
    /// unit of one of its classes ("PERSON", "PLACE or ORG").
    pub requires: Vec<u8>,
    /// A unit of this mask of classes must follow a needed word within this
    /// many units ("minister" in `@role-head @rank? PERSON` is followed by
    /// a PERSON within three): a needed word without one anchors nothing.
    pub after: Option<(u8, usize)>,
    /// The first unit a match must take is of this mask of classes and lies
    /// at most this many units after the match's start (`$persons` starts
    /// with a PERSON after a title of a few words): a start with no such
    /// unit that near cannot match.
    pub lead: Option<(u8, usize)>,
}
