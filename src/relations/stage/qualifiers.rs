//! What a match says beyond its arguments: the evidence it quotes (a window
//! of a long sentence), its modality, when a meeting was, and whether a
//! meeting frame is a call.
//!
//! Reads the match's segment and the rule set's lexicons; knows nothing of
//! what the arguments are.

use super::state::Stage;
use super::when;
use crate::model::{Modality, Span};
use crate::relations::engine::Match;

/// The longest evidence a relation quotes, in bytes: a longer sentence is
/// quoted as the whole units around the trigger that fit (see
/// `Stage::evidence`), so output stays linear in the input.
pub const MAX_EVIDENCE_BYTES: usize = 1_000;

impl Stage<'_> {
    /// A relation's evidence: its sentence (segment), or when that is longer
    /// than [`MAX_EVIDENCE_BYTES`], a window around the match's trigger (or
    /// the match): see [`Stage::window`].
    pub(super) fn evidence(&self, si: usize, m: &Match) -> Span {
        let (a, b) = m.trigger.unwrap_or((m.start, m.end.max(m.start + 1)));
        match self.units_span(si, (a, b.min(self.units(si).len()))) {
            Some(around) => self.window(si, around),
            None => self.segments[si].span,
        }
    }

    /// Segment `si`'s span when it is at most [`MAX_EVIDENCE_BYTES`] long,
    /// else the whole units around `around` that fit in that many bytes,
    /// grown a unit on each side in turn: a giant sentence is not copied
    /// into every relation, and the offsets stay exact.
    pub(super) fn window(&self, si: usize, around: Span) -> Span {
        let seg = self.segments[si].span;
        if seg.len() <= MAX_EVIDENCE_BYTES {
            return seg;
        }
        let units = self.units(si);
        let mut a = units.partition_point(|u| u.span.end <= around.start);
        let mut b = units.partition_point(|u| u.span.start < around.end);
        if a >= b {
            return around;
        }
        let len = |a: usize, b: usize| units[b - 1].span.end - units[a].span.start;
        loop {
            let mut grew = false;
            if a > 0 && len(a - 1, b) <= MAX_EVIDENCE_BYTES {
                a -= 1;
                grew = true;
            }
            if b < units.len() && len(a, b + 1) <= MAX_EVIDENCE_BYTES {
                b += 1;
                grew = true;
            }
            if !grew {
                break;
            }
        }
        Span::new(units[a].span.start, units[b - 1].span.end)
    }

    /// Modality from the words before the trigger, back to the previous
    /// capture or at most five units.
    pub(super) fn modality(&self, si: usize, m: &Match) -> Modality {
        let Some((t0, _)) = m.trigger else {
            return Modality::Asserted;
        };
        let units = self.units(si);
        let mut from = t0.saturating_sub(3).max(m.start);
        let mut captured_before = false;
        for c in m.captures.iter().flatten() {
            if c.1 <= t0 {
                from = from.max(c.1);
                captured_before = true;
            }
        }
        if !captured_before {
            // A trigger that opens the match ("talks between X and Y") is
            // qualified by the words before it, in its clause: "talk of a
            // summit between …", "a proposed meeting of …".
            let breaks = self.lexicon_ids("clause-break");
            let mut f = m.start.min(from);
            while f > 0
                && from - f < 3
                && !units[f - 1].punct
                && !breaks.is_some_and(|b| b.phrase_at(units, f - 1))
            {
                f -= 1;
            }
            from = f;
        }
        for (name, modality) in [
            ("modal-negated", Modality::Negated),
            ("modal-hypothetical", Modality::Hypothetical),
            ("modal-planned", Modality::Planned),
        ] {
            let Some(lex) = self.lexicon_ids(name) else {
                continue;
            };
            // Before the trigger: its own words ("sat down to dinner
            // with") do not qualify it.
            if (from..t0).any(|i| lex.phrase_at(units, i)) {
                return modality;
            }
        }
        Modality::Asserted
    }

    /// When a meeting was: the first time phrase ([`when::phrase_at`])
    /// from three units before the trigger (after the last capture before
    /// it) to ten units after it, and its date against the document's.
    pub(super) fn when(
        &self,
        si: usize,
        m: &Match,
        modality: Modality,
    ) -> (Option<Span>, Option<String>) {
        let Some((t0, t1)) = m.trigger else {
            return (None, None);
        };
        let units = self.units(si);
        let mut from = t0.saturating_sub(3).max(m.start);
        for c in m.captures.iter().flatten() {
            if c.1 <= t0 {
                from = from.max(c.1);
            }
        }
        let to = (t1 + 10).min(units.len());
        let lower: Vec<String> = units[from..to]
            .iter()
            .map(|u| self.input.text[u.span.range()].to_lowercase())
            .collect();
        let words: Vec<&str> = lower.iter().map(String::as_str).collect();
        for i in 0..words.len() {
            if let Some((n, said)) = when::phrase_at(&words, i) {
                let span = Span::new(units[from + i].span.start, units[from + i + n - 1].span.end);
                let ahead = modality != Modality::Asserted;
                let date = self.input.date.and_then(|d| when::resolve(said, d, ahead));
                return (Some(span), date);
            }
        }
        (None, None)
    }

    /// Whether a call or letter cue (lexicon `call-cue`: "by phone", "in a
    /// video call") stands near a meeting's match: a conversation at a
    /// distance is not a meeting.
    pub(super) fn call_cue(&self, si: usize, m: &Match) -> bool {
        let Some(lex) = self.lexicon_ids("call-cue") else {
            return false;
        };
        let units = self.units(si);
        let to = (m.end + 6).min(units.len());
        (m.start.saturating_sub(6)..to).any(|i| lex.phrase_at(units, i))
    }
}
