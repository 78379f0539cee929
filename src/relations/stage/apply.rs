//! Running a kind's rules over the segments and turning each match into
//! relations: its captures into entities (pairs of people for MEETS, with
//! the place, pronouns and calls read as the other files here say), its
//! evidence, trigger, modality and time.
//!
//! The one place that knows what each rule kind's captures mean; what a
//! match says beyond them is asked of the other steps.

use super::state::Stage;
use super::titles::title_case;
use crate::model::{Args, Entity, EntityKind, Mention, Modality, Relation};
use crate::relations::engine::Match;
use crate::relations::rules::ast::{Rule, RuleKind};

/// The most people on either side of one meeting frame: "A, B, … and Z met"
/// with more is a gathering, not meetings between two, and gives no MEETS
/// (every pair of a list of n is n² relations).
pub const MAX_MEETING_PARTICIPANTS: usize = 12;

impl Stage<'_> {
    /// Runs the rules of `kind`, in file order, over the segments they may
    /// match in, and applies each match.
    pub(crate) fn run(&mut self, kind: RuleKind, mentions: &[Mention], entities: &[Entity]) {
        let rules = self.rules.rules.iter().enumerate();
        for (ri, rule) in rules.filter(|(_, r)| r.kind == kind) {
            let mut at = 0;
            while let Some((si, anchors)) = self.next_segment(ri, rule, &mut at) {
                if !self.segments[si].arguable {
                    continue;
                }
                let matches = self.matches(si, rule, anchors);
                for m in matches {
                    self.apply(rule, si, &m, mentions, entities);
                }
            }
        }
    }

    /// Turns match `m` of `rule` in segment `si` into relations: none when a
    /// required capture is unbound or a range is no span (a dropped match,
    /// counted), or when the captures hold no entity of the kinds the
    /// relation takes.
    fn apply(
        &mut self,
        rule: &Rule,
        si: usize,
        m: &Match,
        mentions: &[Mention],
        entities: &[Entity],
    ) {
        let cap = |name: &str| rule.capture(name).and_then(|c| m.captures[c]);
        let evidence = self.evidence(si, m);
        // A required capture left unbound, or a range that is no span, drops
        // the match (load-time checks make this unreachable for rules that
        // loaded; the count lets tests see it).
        let bad = |r: Option<(usize, usize)>| r.is_some_and(|r| self.units_span(si, r).is_none());
        let missing = rule.kind.required().iter().any(|req| {
            let fixed = *req == "role" && rule.role.is_some();
            !fixed && cap(req).is_none()
        });
        if missing || bad(m.trigger) || m.captures.iter().any(|&c| bad(c)) {
            crate::work::dropped_match();
            return;
        }
        let trigger = m.trigger.and_then(|t| self.units_span(si, t));
        let modality = match &rule.modality {
            Some(fixed) => Modality::parse(fixed),
            None => self.modality(si, m),
        };
        let (when, date) = if rule.kind == RuleKind::Meets {
            self.when(si, m, modality)
        } else {
            (None, None)
        };
        let push = |args: Args, relations: &mut Vec<Relation>| {
            relations.push(Relation {
                args,
                modality,
                rule: rule.id.clone(),
                evidence,
                trigger,
                when,
                date: date.clone(),
            })
        };
        use EntityKind::*;
        match rule.kind {
            RuleKind::Meets => {
                // A meeting frame with a call cue is a call: the same
                // people, no place.
                let call = self.call_cue(si, m);
                let mut a = self.captured(si, cap("a"), &[Person]);
                let mut b = self.captured(si, cap("b"), &[Person]);
                if a.is_empty() {
                    a = self.plural_pronoun(si, cap("a"));
                }
                if b.is_empty() && cap("b").is_some() {
                    b = self.pronoun_person(si, cap("b"), mentions, entities);
                }
                if a.len() == 1 && cap("b").is_none() {
                    return;
                }
                if a.is_empty() {
                    a = self.pronoun_person(si, cap("a"), mentions, entities);
                }
                // A list of more people than a meeting of a few is a
                // gathering: no pairs (and no quadratic output).
                if a.len() > MAX_MEETING_PARTICIPANTS || b.len() > MAX_MEETING_PARTICIPANTS {
                    return;
                }
                let pairs: Vec<(usize, usize)> = if cap("b").is_some() {
                    a.iter()
                        .flat_map(|&x| b.iter().map(move |&y| (x, y)))
                        .collect()
                } else {
                    a.iter()
                        .enumerate()
                        .flat_map(|(i, &x)| a[i + 1..].iter().map(move |&y| (x, y)))
                        .collect()
                };
                let place = self
                    .captured(si, cap("place"), &[Place])
                    .first()
                    .copied()
                    .or_else(|| self.meeting_place(si, m));
                for (x, y) in pairs {
                    if x == y {
                        continue;
                    }
                    let place = place
                        .or_else(|| self.earlier_meeting_place(x, y))
                        .or_else(|| self.dateline_place(evidence));
                    if call {
                        push(Args::Calls { a: x, b: y }, &mut self.relations);
                    } else {
                        push(Args::Meets { a: x, b: y, place }, &mut self.relations);
                    }
                }
            }
            RuleKind::HoldsRole => {
                let role = match (cap("role"), &rule.role) {
                    (Some(range), _) => match self.units_span(si, range) {
                        Some(span) => title_case(&self.input.text[span.range()]),
                        None => return,
                    },
                    (None, Some(fixed)) => fixed.clone(),
                    (None, None) => return,
                };
                let of = self.of_entity(si, cap("of"));
                for person in self.captured(si, cap("person"), &[Person]) {
                    let of = of.or_else(|| self.role_of_from_gazetteer(person, &role, entities));
                    push(
                        Args::HoldsRole {
                            person,
                            of,
                            role: role.clone(),
                        },
                        &mut self.relations,
                    );
                }
            }
            RuleKind::LocatedIn => {
                let mut outers = self.captured(si, cap("outer"), &[Place]);
                if outers.is_empty() {
                    // A demonym: "the German city of Munich".
                    outers.extend(
                        self.of_entity(si, cap("outer"))
                            .filter(|&o| entities[o].kind == Place),
                    );
                }
                for &outer in &outers {
                    for inner in self.captured(si, cap("inner"), &[Place, Organisation]) {
                        if inner == outer || outers.contains(&inner) {
                            continue;
                        }
                        if rule.verify_gazetteer && !self.gazetteer_contains(outer, inner, entities)
                        {
                            continue;
                        }
                        push(Args::LocatedIn { inner, outer }, &mut self.relations);
                    }
                }
            }
            RuleKind::Said => {
                let mut speakers = self.captured(si, cap("speaker"), &[Person, Organisation]);
                if speakers.is_empty() {
                    speakers = self.pronoun_speaker(si, cap("speaker"), mentions, entities);
                }
                let quote = cap("quote")
                    .and_then(|r| self.units_span(si, r))
                    .or_else(|| self.first_quote(si));
                for speaker in speakers {
                    push(Args::Said { speaker, quote }, &mut self.relations);
                }
            }
            RuleKind::Nominal => {}
        }
    }
}
