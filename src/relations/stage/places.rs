//! Where a meeting was, when its rule captures no place: a place after
//! "in" or "at" near the trigger, "here" (the dateline), the place of an
//! earlier meeting of the same two people, or the dateline's.
//!
//! Reads the segment's units, the relations so far and the datelines;
//! changes nothing.

use super::state::Stage;
use crate::model::{Args, EntityKind, MentionKind, Modality, Span};
use crate::relations::engine::Match;
use crate::relations::unit::UnitKind;
use crate::relations::vocab::fixed;

impl Stage<'_> {
    /// A meeting's place: "here" (the dateline) or the first place after a
    /// place preposition ("in", "at") after the trigger, within a clause.
    pub(super) fn meeting_place(&self, si: usize, m: &Match) -> Option<usize> {
        let units = self.units(si);
        let from = m.trigger.map_or(m.start, |t| t.1);
        let preps = self.lexicon("place-prep")?;
        let breaks = self.lexicon("clause-break");
        let mut prep_seen: Option<usize> = None;
        for (i, u) in units.iter().enumerate().skip(from).take(16) {
            match &u.kind {
                UnitKind::Token if u.word == fixed::HERE && i <= from + 2 => {
                    return self.dateline_place(self.segments[si].span);
                }
                UnitKind::Token if preps.contains_word(self.lower(u)) => prep_seen = Some(i),
                UnitKind::Token if breaks.is_some_and(|b| b.contains_word(self.lower(u))) => break,
                UnitKind::Mention {
                    entity,
                    kind: EntityKind::Place,
                    mention_kind: MentionKind::Name,
                    ..
                } if prep_seen.is_some_and(|p| i - p <= 8) => return Some(*entity),
                _ => {}
            }
        }
        None
    }

    /// The place of an earlier meeting of the same two people.
    pub(super) fn earlier_meeting_place(&self, x: usize, y: usize) -> Option<usize> {
        self.relations.iter().rev().find_map(|r| match r.args {
            Args::Meets { a, b, place }
                if r.modality == Modality::Asserted && ((a, b) == (x, y) || (a, b) == (y, x)) =>
            {
                place
            }
            _ => None,
        })
    }

    /// The entity of the dateline that governs `span`: the last one before
    /// it, or else the first of the document (a headline above the dateline).
    pub(super) fn dateline_place(&self, span: Span) -> Option<usize> {
        let d = self.input.datelines;
        d.iter()
            .rev()
            .find(|d| d.span.start <= span.start)
            .or_else(|| d.first())
            .and_then(|d| d.entity)
    }
}
