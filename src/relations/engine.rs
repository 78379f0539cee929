//! The backtracking matcher that runs a rule's pattern over a sentence's
//! units ([`PatternMatcher`]).
//!
//! Work is bounded: each attempt to match a rule at a position may take at
//! most [`STEP_BUDGET`] steps, so a hostile sentence costs time linear in its
//! length.
//!
//! It reads compiled rules, units and lexicons in ids; it knows nothing of
//! mentions beyond their units, nor of the relations its matches become.

use super::rules::ast::{Atom, Item, Rule, MAX_CAPTURES};
#[cfg(doc)]
use super::rules::filter::Filter;
use super::rules::lexicon::LexiconIds;
use super::unit::{class, Unit, UnitKind};
use super::vocab::{fixed, NO_WORD};
use crate::model::MentionKind;

/// The most matching steps one rule may take at one start position.
pub(crate) const STEP_BUDGET: u32 = 4_000;

/// How deeply repetitions may nest while matching: every unit or item a
/// path goes through adds a few stack frames that stay until the match
/// ends, so a path may go through at most this many. Real matches are tens
/// of units long; a user rule like `PERSON _{40} _{40} …` would otherwise
/// overflow a 2 MB thread stack within the step budget (a debug build takes
/// up to 1 KB a level).
pub(crate) const MAX_DEPTH: u32 = 600;

/// Per capture of a rule, the unit range it took.
pub(crate) type Captures = [Option<(usize, usize)>; MAX_CAPTURES];

/// What a successful match captured: for each capture, a unit range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub captures: Captures,
    /// Unit range of the trigger, if the rule marks one.
    pub trigger: Option<(usize, usize)>,
}

/// A rule's pattern run over the units of one segment: the units, the rule
/// set's lexicons in ids, and where the last unit of each class is.
pub(crate) struct PatternMatcher<'a> {
    pub units: &'a [Unit],
    pub lexicons: &'a [LexiconIds],
    /// Per unit class (bit `1 << c` of [`class`]), one past the last unit
    /// of that class, 0 if none: see
    /// [`last_of_classes`](super::unit::last_of_classes).
    pub last: &'a [u32; class::COUNT],
}

/// One attempt to match at a start position: what it captured so far,
/// its trigger, the steps it spent and how deeply it is nested.
struct State {
    captures: Captures,
    /// Whether captures are recorded: not inside a look-ahead.
    record: bool,
    trigger: Option<(usize, usize)>,
    steps: u32,
    /// Nesting of [`PatternMatcher::repeat`], bounded by [`MAX_DEPTH`].
    depth: u32,
}

impl State {
    /// Counts one step; false once the budget is spent.
    #[inline]
    fn step(&mut self) -> bool {
        self.steps += 1;
        self.steps <= STEP_BUDGET
    }
}

/// Whether `atom` takes exactly one unit whenever it matches.
fn takes_one(atom: &Atom) -> bool {
    !matches!(
        atom,
        Atom::Group(_) | Atom::Not(_) | Atom::Lexicon(_) | Atom::Bos | Atom::Eos
    )
}

impl PatternMatcher<'_> {
    /// All matches of `rule`, leftmost first, at most one per start position;
    /// a match must not start inside an earlier one.
    ///
    /// `anchors` are the positions of the words the rule needs, as
    /// `(rule, unit)` pairs in ascending order (empty when the rule needs
    /// none): a match starts at most the rule's reach before one of them.
    pub fn find_all(&self, rule: &Rule, anchors: &[(u32, u32)]) -> Vec<Match> {
        let mut out: Vec<Match> = Vec::new();
        let mut start = 0;
        let mut st = State {
            captures: [None; MAX_CAPTURES],
            record: true,
            trigger: None,
            steps: 0,
            depth: 0,
        };
        // With an anchor, a match starts at most `reach` units before a
        // needed word: skip from window to window.
        let reach = rule.filter.reach.filter(|_| !anchors.is_empty());
        // Index in `anchors` of the next needed word at or after `start`.
        let mut a = 0;
        // The anchor last found to pass [`PatternMatcher::followed`].
        let mut checked = usize::MAX;
        let mut steps = 0u64;
        // The first unit at or after `start` of the class a match must
        // take first (see `Filter::lead`).
        let mut lead_at = 0;
        while start < self.units.len() {
            // A unit the rule requires must lie ahead; none will later on.
            if !self.may_require(&rule.filter.requires, start) {
                break;
            }
            if let Some((mask, lead)) = rule.filter.lead {
                lead_at = lead_at.max(start);
                while lead_at < self.units.len() && self.units[lead_at].class() & mask == 0 {
                    lead_at += 1;
                }
                if lead_at == self.units.len() {
                    break;
                }
                if lead_at - start > lead {
                    start = lead_at - lead;
                    continue;
                }
            }
            if let Some(reach) = reach {
                // The next needed word at or after `start` that may anchor
                // a match (each is checked once).
                while a < anchors.len() {
                    let at = anchors[a].1 as usize;
                    if at >= start && (a == checked || self.followed(at, rule.filter.after)) {
                        checked = a;
                        break;
                    }
                    a += 1;
                }
                let Some(&(_, next)) = anchors.get(a) else {
                    break;
                };
                start = start.max((next as usize).saturating_sub(reach));
            }
            if rule.filter.at_start && start > 0 {
                break;
            }
            if !rule.filter.first.admits(&self.units[start]) {
                start += 1;
                continue;
            }
            st.captures.iter_mut().for_each(|c| *c = None);
            st.trigger = None;
            steps += u64::from(st.steps);
            st.steps = 0;
            let mut found = None;
            self.seq(&rule.pattern, start, &mut st, &mut |end, st| {
                if end > start {
                    found = Some(Match {
                        start,
                        end,
                        captures: st.captures,
                        trigger: st.trigger,
                    });
                    true
                } else {
                    false
                }
            });
            match found {
                Some(m) => {
                    start = m.end.max(start + 1);
                    out.push(m);
                }
                None => start += 1,
            }
        }
        crate::work::rule_steps_add(steps + u64::from(st.steps));
        out
    }

    /// Whether a unit of the classes of `after` follows unit `at` closely
    /// enough (see [`Filter::after`]).
    #[inline]
    fn followed(&self, at: usize, after: Option<(u8, usize)>) -> bool {
        let Some((mask, span)) = after else {
            return true;
        };
        let end = self
            .units
            .len()
            .min(at.saturating_add(span).saturating_add(1));
        self.units
            .get(at + 1..end)
            .is_some_and(|next| next.iter().any(|u| u.class() & mask != 0))
    }

    /// Whether, for each mask of `requires`, a unit of one of its classes
    /// lies at or after `start`.
    #[inline]
    fn may_require(&self, requires: &[u8], start: usize) -> bool {
        requires.iter().all(|&mask| {
            (0..class::COUNT).any(|c| mask & (1 << c) != 0 && self.last[c] as usize > start)
        })
    }

    /// Matches `items` from `pos`, then what follows (`k`); backtracks into
    /// the items when `k` fails.
    fn seq(
        &self,
        items: &[Item],
        pos: usize,
        st: &mut State,
        k: &mut dyn FnMut(usize, &mut State) -> bool,
    ) -> bool {
        if !st.step() {
            return false;
        }
        let Some((first, rest)) = items.split_first() else {
            return k(pos, st);
        };
        self.repeat(first, 0, pos, pos, st, &mut |end, st| {
            self.seq(rest, end, st, k)
        })
    }

    /// Matches `item` `count` times so far from `from`, now at `pos`; greedy.
    /// A path nested deeper than [`MAX_DEPTH`] fails.
    fn repeat(
        &self,
        item: &Item,
        count: u16,
        from: usize,
        pos: usize,
        st: &mut State,
        k: &mut dyn FnMut(usize, &mut State) -> bool,
    ) -> bool {
        if st.depth >= MAX_DEPTH {
            return false;
        }
        st.depth += 1;
        let matched = self.repeat_at(item, count, from, pos, st, k);
        st.depth -= 1;
        matched
    }

    /// [`PatternMatcher::repeat`] without the depth count.
    fn repeat_at(
        &self,
        item: &Item,
        count: u16,
        from: usize,
        pos: usize,
        st: &mut State,
        k: &mut dyn FnMut(usize, &mut State) -> bool,
    ) -> bool {
        if !st.step() {
            return false;
        }
        if count == 0 && takes_one(&item.atom) {
            return self.repeat_units(item, pos, st, k);
        }
        // A gated group that cannot start here matches no more.
        let open = item
            .gate
            .as_deref()
            .is_none_or(|g| self.units.get(pos).is_some_and(|u| g.admits(u)));
        if count < item.max && open {
            let more = self.atom(&item.atom, pos, st, &mut |end, st| {
                if end > pos {
                    self.repeat(item, count + 1, from, end, st, k)
                } else {
                    // An empty match makes no progress: it may only make up
                    // the minimum count, and then the repetition is over.
                    count < item.min && self.finish(item, from, end, st, k)
                }
            });
            if more {
                return true;
            }
        }
        count >= item.min && self.finish(item, from, pos, st, k)
    }

    /// [`PatternMatcher::repeat_at`] for an atom that takes one unit: as many
    /// units as match (up to the most allowed), then, longest first, each
    /// count down to the least allowed, with what follows. The same order
    /// as unit by unit, without a frame per unit.
    fn repeat_units(
        &self,
        item: &Item,
        from: usize,
        st: &mut State,
        k: &mut dyn FnMut(usize, &mut State) -> bool,
    ) -> bool {
        let most = usize::from(item.max);
        let mut n = 0;
        while n < most
            && self
                .units
                .get(from + n)
                .is_some_and(|u| self.single(&item.atom, u))
        {
            if !st.step() {
                return false;
            }
            n += 1;
        }
        let least = usize::from(item.min);
        (least..=n)
            .rev()
            .any(|c| self.finish(item, from, from + c, st, k))
    }

    /// Done repeating `item` over `from..pos`: records its capture and
    /// trigger, then goes on; undoes them if what follows fails.
    fn finish(
        &self,
        item: &Item,
        from: usize,
        pos: usize,
        st: &mut State,
        k: &mut dyn FnMut(usize, &mut State) -> bool,
    ) -> bool {
        // A look-ahead records nothing, and a capture that took no unit
        // (an optional item repeated zero times) leaves its slot unbound:
        // a capture is never an empty or inverted range.
        let slot = item
            .capture
            .filter(|&c| st.record && c < MAX_CAPTURES && pos > from);
        let saved = (slot.map(|c| st.captures[c]), st.trigger);
        if let Some(c) = slot {
            st.captures[c] = Some((from, pos));
        }
        if item.trigger && pos > from {
            st.trigger = Some((from, pos));
        }
        if k(pos, st) {
            return true;
        }
        if let Some(c) = slot {
            st.captures[c] = saved.0.flatten();
        }
        st.trigger = saved.1;
        false
    }

    /// Matches `atom` once at `pos`, then what follows (`k`).
    fn atom(
        &self,
        atom: &Atom,
        pos: usize,
        st: &mut State,
        k: &mut dyn FnMut(usize, &mut State) -> bool,
    ) -> bool {
        match atom {
            Atom::Bos => pos == 0 && k(pos, st),
            Atom::Eos => pos == self.units.len() && k(pos, st),
            Atom::Group(alts) => alts.iter().any(|alt| self.seq(alt, pos, st, k)),
            Atom::Not(alts) => {
                // What a look-ahead captures is of no use: it records
                // nothing (see `finish`), so it needs no copy of the state.
                let mut probe = State {
                    captures: [None; MAX_CAPTURES],
                    record: false,
                    trigger: None,
                    steps: st.steps,
                    depth: st.depth,
                };
                let hit = alts
                    .iter()
                    .any(|alt| self.seq(alt, pos, &mut probe, &mut |_, _| true));
                st.steps = probe.steps;
                !hit && k(pos, st)
            }
            Atom::Lexicon(i) => {
                let Some(u) = self.units.get(pos) else {
                    return false;
                };
                if u.kind != UnitKind::Token {
                    return false;
                }
                if u.word == NO_WORD {
                    return false;
                }
                let Some(bucket) = self.lexicons[*i].by_first.get(&u.word) else {
                    return false;
                };
                for phrase in bucket {
                    let end = pos + phrase.len();
                    if end <= self.units.len()
                        && self.units[pos..end]
                            .iter()
                            .zip(phrase)
                            .all(|(u, &w)| u.kind == UnitKind::Token && u.word == w)
                        && k(end, st)
                    {
                        return true;
                    }
                }
                false
            }
            // `repeat_at` hands atoms of one unit to `repeat_units`; this is
            // what matching one of them once means.
            _ => self.units.get(pos).is_some_and(|u| self.single(atom, u)) && k(pos + 1, st),
        }
    }

    /// Atoms that match exactly one unit.
    fn single(&self, atom: &Atom, u: &Unit) -> bool {
        let token = u.kind == UnitKind::Token;
        match atom {
            Atom::Mention(kind, sub) => match &u.kind {
                UnitKind::Mention {
                    kind: k,
                    mention_kind,
                    ..
                } => {
                    matches!(mention_kind, MentionKind::Name | MentionKind::Nominal)
                        && kind.is_none_or(|want| want == *k)
                        && sub.as_ref().is_none_or(|&(_, id)| u.subkind == id)
                }
                _ => false,
            },
            Atom::Demonym => matches!(
                u.kind,
                UnitKind::Mention {
                    mention_kind: MentionKind::Demonym,
                    ..
                }
            ),
            Atom::Pronoun => token && (fixed::HE..=fixed::WE).contains(&u.word),
            Atom::Quote => u.kind == UnitKind::Quote,
            Atom::Word => token && !u.punct,
            Atom::Cap => token && u.cap,
            Atom::Num => token && u.num,
            Atom::Any => token,
            Atom::AnyUnit => true,
            Atom::NotLexicon(i) => token && u.letters && !self.lexicons[*i].contains_word(u.word),
            Atom::Literal(_, id) => token && u.word == *id,
            Atom::Bos | Atom::Eos | Atom::Group(_) | Atom::Not(_) | Atom::Lexicon(_) => false,
        }
    }
}
