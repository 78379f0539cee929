//! Relations: rules over a sentence's mentions and tokens → typed relations
//! with evidence.
//!
//! The rules are data ([`RuleSet`], `rules/default.rules`); this module turns
//! their matches into [`Relation`]s and does the work a pattern cannot say:
//! pairing the people of a coordinated subject, finding a meeting's place
//! ("in the German city of Munich", "here" and the dateline), reading
//! modality ("will meet"), reading the person of a pronoun from its
//! mention (coreference is the resolver's: `resolve::coref`), resolving
//! "they" to the last pair that met, filling a role's country from the
//! gazetteer, and carrying a quotation over the sentences it spans.
//!
//! Two stages, in the extractor's order, after the resolver's pronouns:
//! [`roles`] runs the HOLDS_ROLE and NOMINAL rules and gives the role
//! nominals ("the Russian foreign minister") as mentions of their holders,
//! which the extractor adds; [`extract`] then reads the final mentions and
//! builds the other relations. Neither changes a mention.

mod engine;
mod qualifiers;
mod rules;
mod unit;
mod vocab;
mod when;

use rustc_hash::{FxHashMap, FxHashSet};

pub use rules::{RuleKind, RuleSet, MAX_RULES};

use crate::gazetteer::Gazetteer;
use crate::group::group_by_key;
use crate::model::{
    Args, Dateline, Entity, EntityKind, Mention, MentionKind, Modality, Relation, RelationKind,
    Span,
};
use crate::text::{Shape, Token};
use engine::{Match, PatternMatcher};
#[cfg(test)]
pub(crate) use rules::ast::Atom;
use rules::ast::Rule;
use unit::{class, last_of_classes, Unit, UnitKind};
use vocab::NO_WORD;

/// Everything relation extraction reads from a document being built.
pub(crate) struct Input<'a> {
    pub text: &'a str,
    pub folded: &'a str,
    /// Tokens with original spans.
    pub tokens: &'a [Token],
    /// The same tokens with folded spans.
    pub ftokens: &'a [Token],
    /// Sentence token ranges.
    pub sentences: &'a [std::ops::Range<usize>],
    pub datelines: &'a [Dateline],
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, when the text states it.
    pub date: Option<&'a str>,
    /// Quotations as token ranges (marks included), in order
    /// ([`crate::text::find_quotes`]).
    pub quotes: &'a [(usize, usize)],
}

/// A stretch of text the rules run over: a sentence, or sentences joined
/// because a quotation runs across them.
struct Segment {
    tokens: std::ops::Range<usize>,
    span: Span,
    /// Its units: a range of [`Context::units`].
    units: std::ops::Range<usize>,
    /// Whether the segment has an entity, named or given by a pronoun: a
    /// relation needs one.
    arguable: bool,
    /// Where the last unit of each class is: see [`PatternMatcher::last`].
    last: [u32; class::COUNT],
}

/// The roles a document states (its HOLDS_ROLE relations) and the role
/// nominals they resolve: the stage before relations. The caller adds
/// `nominals` to the mentions (coreference: "the Russian foreign minister"
/// is a mention of the one person the document gives that role), then
/// hands the stage to [`extract`], which goes on with the same segments.
pub(crate) struct Roles<'a> {
    cx: Option<Context<'a>>,
    /// Nominal mentions ("coref/role-nominal"), in text order.
    pub nominals: Vec<Mention>,
}

/// Runs the HOLDS_ROLE rules, then the NOMINAL rules over what they found:
/// the role stage, run before [`extract`] with the same rule engine. It
/// changes no mention; the caller adds [`Roles::nominals`].
pub(crate) fn roles<'a>(
    rules: &'a RuleSet,
    gazetteer: &'a Gazetteer,
    input: &'a Input<'a>,
    mentions: &[Mention],
    entities: &[Entity],
) -> Roles<'a> {
    if rules.is_empty() || input.tokens.is_empty() {
        return Roles {
            cx: None,
            nominals: Vec::new(),
        };
    }
    let mut cx = Context {
        rules,
        gazetteer,
        input,
        segments: Vec::new(),
        units: Vec::new(),
        anchors: Vec::new(),
        rule_anchors: Vec::new(),
        relations: Vec::new(),
    };
    cx.set_segments(mentions, entities);
    cx.run(RuleKind::HoldsRole, mentions, entities);
    let nominals = cx.nominal_mentions(mentions);
    Roles {
        cx: Some(cx),
        nominals,
    }
}

/// The relations of a document whose mentions are final (the role stage's
/// nominals and the resolver's pronouns included): relations read
/// mentions and never change them. `mentions_changed`: the caller added
/// mentions since [`roles`] (its nominals), so the units are built again.
pub(crate) fn extract(
    roles: Roles<'_>,
    mentions_changed: bool,
    mentions: &[Mention],
    entities: &[Entity],
) -> Vec<Relation> {
    let Some(mut cx) = roles.cx else {
        return Vec::new();
    };
    if mentions_changed {
        cx.set_segments(mentions, entities);
    }
    for kind in [RuleKind::Meets, RuleKind::LocatedIn, RuleKind::Said] {
        cx.run(kind, mentions, entities);
    }
    cx.gazetteer_roles(mentions, entities);
    cx.quote_continuations();
    cx.dedupe();
    cx.relations
}

struct Context<'a> {
    rules: &'a RuleSet,
    gazetteer: &'a Gazetteer,
    input: &'a Input<'a>,
    segments: Vec<Segment>,
    /// The units of all segments, segment after segment.
    units: Vec<Unit>,
    /// Where the words the rules need are, as `(segment, unit)`, rule by
    /// rule (see [`Context::rule_anchors`]), each rule's in text order.
    anchors: Vec<(u32, u32)>,
    /// Per rule, where its anchors start in `anchors`; one more at the end.
    rule_anchors: Vec<u32>,
    relations: Vec<Relation>,
}

impl<'a> Context<'a> {
    /// (Re)builds the segments, their units, and where the words the
    /// rules need are ([`Context::anchors`]).
    fn set_segments(&mut self, mentions: &[Mention], entities: &[Entity]) {
        let ranges = self.segment_ranges();
        let input = self.input;
        let index = &self.rules.index;
        let vocab = &index.vocab;
        // Mentions by their first token: the mention and one past its
        // last token.
        let none = (u32::MAX, 0u32);
        let mut at = vec![none; input.tokens.len()];
        for (mi, m) in mentions.iter().enumerate() {
            // A pronoun stays a token for the rules (`PRONOUN` matches
            // it); its person is read from its mention.
            if m.kind == MentionKind::Pronoun {
                continue;
            }
            let first = input
                .tokens
                .partition_point(|t| t.span.start < m.span.start);
            let last = input.tokens.partition_point(|t| t.span.end <= m.span.end);
            if first < at.len() && last > first {
                at[first] = (mi as u32, last as u32);
            }
        }
        let mut quote_at = vec![0u32; input.tokens.len()];
        for &(a, b) in self.input.quotes {
            quote_at[a] = b as u32;
        }
        let mut lower = String::new();
        // The units with a word some rule needs (few rules each), with
        // the rule.
        let mut needed: Vec<(u32, (u32, u32))> = Vec::new();
        let mut units = std::mem::take(&mut self.units);
        units.clear();
        units.reserve(input.tokens.len());
        let mut segments = Vec::with_capacity(ranges.len());
        for r in ranges {
            let si = segments.len() as u32;
            let start = units.len();
            let mut arguable = false;
            let mut i = r.start;
            while i < r.end {
                let t = &input.tokens[i];
                let (q, (mi, end)) = (quote_at[i] as usize, at[i]);
                if q > i && q <= r.end {
                    let span = Span::new(t.span.start, input.tokens[q - 1].span.end);
                    units.push(Unit::whole(UnitKind::Quote, span, NO_WORD));
                    i = q;
                } else if mi != u32::MAX {
                    let m = &mentions[mi as usize];
                    let e = &entities[m.entity];
                    let kind = UnitKind::Mention {
                        mention: mi as usize,
                        entity: m.entity,
                        kind: e.kind,
                        mention_kind: m.kind,
                    };
                    let subkind = e.subkind.as_deref().map_or(NO_WORD, |s| vocab.id(s));
                    units.push(Unit::whole(kind, m.span, subkind));
                    arguable = true;
                    i = (end as usize).max(i + 1);
                } else {
                    let text = &input.folded[input.ftokens[i].span.range()];
                    let first = text.chars().next().unwrap_or(' ');
                    let word = vocab.id_of_token(text, &mut lower);
                    let p = (units.len() - start) as u32;
                    needed.extend(index.rules_needing(word).iter().map(|&r| (r, (si, p))));
                    {
                        use vocab::fixed::*;
                        arguable |= matches!(word, HE | SHE | THEY | IT | TWO | BOTH);
                    }
                    units.push(Unit {
                        kind: UnitKind::Token,
                        span: t.span,
                        word,
                        subkind: NO_WORD,
                        letters: first.is_alphabetic(),
                        cap: first.is_uppercase(),
                        num: first.is_ascii_digit(),
                        punct: t.shape == Shape::Punct,
                    });
                    i += 1;
                }
            }
            let span = Span::new(
                input.tokens[r.start].span.start,
                input.tokens[r.end - 1].span.end,
            );
            segments.push(Segment {
                tokens: r,
                span,
                arguable,
                last: last_of_classes(&units[start..]),
                units: start..units.len(),
            });
        }
        (self.segments, self.units) = (segments, units);
        (self.rule_anchors, self.anchors) = group_by_key(self.rules.rules.len(), needed);
    }

    /// The word of a token unit, lower-cased and folded, when the rules
    /// name it; empty otherwise.
    fn lower(&self, u: &Unit) -> &str {
        self.rules.index.vocab.word(u.word)
    }

    /// The units of segment `si`.
    fn units(&self, si: usize) -> &[Unit] {
        &self.units[self.segments[si].units.clone()]
    }

    /// The next segment rule number `ri` may match in, from `*at` on, with
    /// its anchors there: for a rule that needs words, `*at` walks the
    /// rule's anchors and only segments with one come up; otherwise it
    /// walks every segment, with none.
    fn next_segment(
        &self,
        ri: usize,
        rule: &Rule,
        at: &mut usize,
    ) -> Option<(usize, &[(u32, u32)])> {
        match rule.filter.needs {
            Some(_) => {
                let end = self.rule_anchors[ri + 1] as usize;
                let from = (*at).max(self.rule_anchors[ri] as usize);
                let &(si, _) = self.anchors.get(from).filter(|_| from < end)?;
                let mut to = from + 1;
                while to < end && self.anchors[to].0 == si {
                    to += 1;
                }
                *at = to;
                Some((si as usize, &self.anchors[from..to]))
            }
            None => {
                let si = *at;
                *at += 1;
                (si < self.segments.len()).then_some((si, &[][..]))
            }
        }
    }

    /// The token ranges of the segments: sentences, joined where a
    /// quotation runs across them.
    fn segment_ranges(&self) -> Vec<std::ops::Range<usize>> {
        // Quotations are disjoint and in order, so the one that could hold
        // a sentence end is found by binary search (a scan of all of them
        // per sentence was quadratic in an article of many quoted
        // sentences).
        let quotes = self.input.quotes;
        let runs_across = |end: usize| {
            let q = quotes.partition_point(|&(_, b)| b <= end);
            quotes.get(q).is_some_and(|&(a, _)| a < end)
        };
        let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
        for s in self.input.sentences {
            match ranges.last_mut() {
                Some(last) if runs_across(last.end) => last.end = s.end,
                _ => ranges.push(s.clone()),
            }
        }
        ranges
    }

    fn run(&mut self, kind: RuleKind, mentions: &[Mention], entities: &[Entity]) {
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

    /// The matches of `rule` in segment `si`, given the rule's anchors
    /// there (see [`Context::next_segment`]).
    fn matches(&self, si: usize, rule: &Rule, anchors: &[(u32, u32)]) -> Vec<Match> {
        let seg = &self.segments[si];
        let matcher = PatternMatcher {
            units: self.units(si),
            lexicons: &self.rules.index.lexicons,
            last: &seg.last,
        };
        matcher.find_all(rule, anchors)
    }

    /// Entities of the mentions in a captured unit range, of the wanted kinds.
    fn captured(
        &self,
        si: usize,
        range: Option<(usize, usize)>,
        kinds: &[EntityKind],
    ) -> Vec<usize> {
        let Some((a, b)) = range else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for u in &self.units(si)[a..b] {
            if let UnitKind::Mention { entity, kind, .. } = u.kind {
                if kinds.contains(&kind) && !out.contains(&entity) {
                    out.push(entity);
                }
            }
        }
        out
    }

    /// The text span of a captured unit range, `None` unless the range is
    /// non-empty and inside the segment (the engine only records such
    /// ranges; a rule must never turn a bad one into an index).
    fn units_span(&self, si: usize, (a, b): (usize, usize)) -> Option<Span> {
        let units = self.units(si);
        if a >= b || b > units.len() {
            return None;
        }
        let span = Span::new(units[a].span.start, units[b - 1].span.end);
        (span.start < span.end).then_some(span)
    }

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

    /// The first mention in the `of` capture: a demonym's or a name's entity.
    fn of_entity(&self, si: usize, range: Option<(usize, usize)>) -> Option<usize> {
        let (a, b) = range?;
        self.units(si)[a..b].iter().find_map(|u| match u.kind {
            UnitKind::Mention { entity, .. } => Some(entity),
            _ => None,
        })
    }

    fn lexicon_ids(&self, name: &str) -> Option<&rules::lexicon::LexiconIds> {
        let i = self.rules.lexicons.iter().position(|l| l.name == name)?;
        self.rules.index.lexicons.get(i)
    }

    fn lexicon(&self, name: &str) -> Option<&rules::lexicon::Lexicon> {
        self.rules.lexicons.iter().find(|l| l.name == name)
    }

    /// A meeting's place: "here" (the dateline) or the first place after a
    /// place preposition ("in", "at") after the trigger, within a clause.
    fn meeting_place(&self, si: usize, m: &Match) -> Option<usize> {
        let units = self.units(si);
        let from = m.trigger.map_or(m.start, |t| t.1);
        let preps = self.lexicon("place-prep")?;
        let breaks = self.lexicon("clause-break");
        let mut prep_seen: Option<usize> = None;
        for (i, u) in units.iter().enumerate().skip(from).take(16) {
            match &u.kind {
                UnitKind::Token if u.word == vocab::fixed::HERE && i <= from + 2 => {
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
    fn earlier_meeting_place(&self, x: usize, y: usize) -> Option<usize> {
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
    fn dateline_place(&self, span: Span) -> Option<usize> {
        let d = self.input.datelines;
        d.iter()
            .rev()
            .find(|d| d.span.start <= span.start)
            .or_else(|| d.first())
            .and_then(|d| d.entity)
    }

    /// "They" or "the two" of a meeting: the pair of the last meeting.
    fn plural_pronoun(&self, si: usize, range: Option<(usize, usize)>) -> Vec<usize> {
        let Some((a, b)) = range else {
            return Vec::new();
        };
        let words: Vec<&str> = self.units(si)[a..b].iter().map(|u| self.lower(u)).collect();
        if !matches!(
            words.as_slice(),
            ["they"] | ["the", "two"] | ["both"] | ["the", "two", "men"]
        ) {
            return Vec::new();
        }
        let here = self.segments[si].span.start;
        self.relations
            .iter()
            .rev()
            .filter(|r| r.evidence.start < here)
            .find_map(|r| match r.args {
                Args::Meets { a, b, .. } => Some(vec![a, b]),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The captured unit, if it is exactly one of `words`.
    fn one_word(&self, si: usize, range: Option<(usize, usize)>, words: &[&str]) -> Option<&Unit> {
        let (a, b) = range?;
        match &self.units(si)[a..b] {
            [u] if words.contains(&self.lower(u)) => Some(u),
            _ => None,
        }
    }

    /// A singular pronoun's person: the entity of its pronoun mention,
    /// which coreference (`resolve::coref`) made before relations.
    fn pronoun_person(
        &self,
        si: usize,
        range: Option<(usize, usize)>,
        mentions: &[Mention],
        _entities: &[Entity],
    ) -> Vec<usize> {
        let Some(word) = self.one_word(si, range, &["he", "she"]) else {
            return Vec::new();
        };
        let at = mentions.partition_point(|m| m.span.start < word.span.start);
        mentions[at..]
            .iter()
            .take_while(|m| m.span.start == word.span.start)
            .find(|m| m.kind == MentionKind::Pronoun)
            .map(|m| vec![m.entity])
            .unwrap_or_default()
    }

    /// A speaker given by pronoun: he/she as [`Self::pronoun_person`];
    /// it/they as the organisation that spoke in the last two sentences.
    fn pronoun_speaker(
        &self,
        si: usize,
        range: Option<(usize, usize)>,
        mentions: &[Mention],
        entities: &[Entity],
    ) -> Vec<usize> {
        let person = self.pronoun_person(si, range, mentions, entities);
        if !person.is_empty() {
            return person;
        }
        if self.one_word(si, range, &["it", "they"]).is_none() {
            return Vec::new();
        }
        let floor = self.segments[si.saturating_sub(2)].span.start;
        let here = self.segments[si].span.start;
        self.relations
            .iter()
            .rev()
            .filter(|r| r.evidence.start >= floor && r.evidence.start < here)
            .find_map(|r| match r.args {
                Args::Said { speaker, .. }
                    if entities[speaker].kind == EntityKind::Organisation =>
                {
                    Some(vec![speaker])
                }
                _ => None,
            })
            .unwrap_or_default()
    }

    fn first_quote(&self, si: usize) -> Option<Span> {
        self.units(si)
            .iter()
            .find(|u| u.kind == UnitKind::Quote)
            .map(|u| u.span)
    }

    /// The entity a gazetteer role of `person` is of, when its title matches
    /// `role`, it covers the document's date (if known), and the document
    /// mentions that entity.
    fn role_of_from_gazetteer(
        &self,
        person: usize,
        role: &str,
        entities: &[Entity],
    ) -> Option<usize> {
        let entry = self.gazetteer.get(entities[person].id.as_str())?;
        let want = title_words(role);
        entry.roles().iter().find_map(|r| {
            let have = title_words(&r.title);
            let fits = !want.is_empty() && (want.is_subset(&have) || have.is_subset(&want));
            let when = self.input.date.is_none_or(|d| r.covers(d));
            let of = r.of_id.as_ref()?;
            if fits && when {
                entities.iter().position(|e| &e.id == of)
            } else {
                None
            }
        })
    }

    /// Whether the gazetteer places `inner` in `outer` (a city in its country).
    fn gazetteer_contains(&self, outer: usize, inner: usize, entities: &[Entity]) -> bool {
        let Some(e) = self.gazetteer.get(entities[inner].id.as_str()) else {
            return false;
        };
        let Some(cc) = e.attribute("country") else {
            return false;
        };
        entities[outer].id.as_str().strip_prefix("country:") == Some(cc)
    }

    /// Role nominals ("the Russian foreign minister") become mentions of the
    /// one person the document gives that role. Returns whether any was added.
    fn nominal_mentions(&self, mentions: &[Mention]) -> Vec<Mention> {
        let mut added: Vec<Mention> = Vec::new();
        // Checking every relation and every mention for every nominal was
        // quadratic in a long document; both are indexed once here.
        // The roles found so far, once per (person, of, title) at their
        // earliest evidence, in order: the holders a nominal may refer to.
        let mut first: FxHashMap<(usize, Option<usize>, &str), usize> = FxHashMap::default();
        for r in &self.relations {
            if let Args::HoldsRole { person, of, role } = &r.args {
                let at = first.entry((*person, *of, role)).or_insert(usize::MAX);
                *at = (*at).min(r.evidence.start);
            }
        }
        let mut roles: Vec<_> = first.into_iter().collect();
        roles.sort_by_key(|&((person, of, title), at)| (at, person, of, title));
        let roles: Vec<(usize, usize, Option<usize>, FxHashSet<String>)> = roles
            .into_iter()
            .map(|((person, of, title), at)| (at, person, of, title_words(title)))
            .collect();
        // Mention spans by start, with the largest end so far: a span
        // overlaps a mention iff some mention starting before its end ends
        // after its start.
        let mut by_start: Vec<(usize, usize)> = mentions
            .iter()
            .map(|m| (m.span.start, m.span.end))
            .collect();
        by_start.sort_unstable();
        let mut max_end = 0;
        for s in by_start.iter_mut() {
            max_end = max_end.max(s.1);
            s.1 = max_end;
        }
        let overlaps_mention = |span: Span| {
            let i = by_start.partition_point(|&(start, _)| start < span.end);
            i > 0 && by_start[i - 1].1 > span.start
        };
        let rules = self.rules.rules.iter().enumerate();
        for (ri, rule) in rules.filter(|(_, r)| r.kind == RuleKind::Nominal) {
            let mut at = 0;
            while let Some((si, anchors)) = self.next_segment(ri, rule, &mut at) {
                for m in self.matches(si, rule, anchors) {
                    let cap = |name: &str| rule.capture(name).and_then(|c| m.captures[c]);
                    let Some(span) = cap("role").and_then(|r| self.units_span(si, r)) else {
                        crate::work::dropped_match();
                        continue;
                    };
                    let role = title_words(&self.input.text[span.range()]);
                    let of = self.of_entity(si, cap("of"));
                    // The one holder of that role stated before, if only
                    // one; at most MAX_NOMINAL_ROLES roles are looked at, so
                    // a document of thousands of roles stays linear.
                    let mut holders: FxHashSet<usize> = FxHashSet::default();
                    for (_, person, o, words) in roles
                        .iter()
                        .take_while(|r| r.0 < span.start)
                        .take(MAX_NOMINAL_ROLES)
                    {
                        if role.is_subset(words) && (of.is_none() || *o == of) {
                            holders.insert(*person);
                            if holders.len() > 1 {
                                break;
                            }
                        }
                    }
                    if holders.len() == 1 && !overlaps_mention(span) {
                        let entity = holders.into_iter().next().unwrap_or_default();
                        added.push(Mention {
                            span,
                            entity,
                            kind: MentionKind::Nominal,
                            rule: "coref/role-nominal",
                        });
                    }
                }
            }
        }
        added.sort_by_key(|m| (m.span.start, m.span.end));
        added
    }

    /// HOLDS_ROLE from the gazetteer: when the document states its date, each
    /// person named in it gets the roles that date falls in, if the document
    /// mentions whose role it is and no rule found that role already.
    fn gazetteer_roles(&mut self, mentions: &[Mention], entities: &[Entity]) {
        let Some(date) = self.input.date else { return };
        for (pi, e) in entities.iter().enumerate() {
            if e.kind != EntityKind::Person {
                continue;
            }
            let Some(entry) = self.gazetteer.get(e.id.as_str()) else {
                continue;
            };
            let Some(first) = e
                .mentions
                .iter()
                .map(|&i| &mentions[i])
                .find(|m| m.kind == MentionKind::Name)
            else {
                continue;
            };
            for r in entry.roles().iter().filter(|r| r.covers(date)) {
                let Some(of) = r
                    .of_id
                    .as_ref()
                    .and_then(|id| entities.iter().position(|x| &x.id == id))
                else {
                    continue;
                };
                let want = title_words(&r.title);
                let known = self.relations.iter().any(|x| match &x.args {
                    Args::HoldsRole { person, role, .. } => {
                        *person == pi && {
                            let have = title_words(role);
                            have.is_subset(&want) || want.is_subset(&have)
                        }
                    }
                    _ => false,
                });
                if known {
                    continue;
                }
                let evidence = self
                    .segments
                    .iter()
                    .position(|s| s.span.contains(first.span))
                    .map_or(first.span, |si| self.window(si, first.span));
                self.relations.push(Relation {
                    args: Args::HoldsRole {
                        person: pi,
                        of: Some(of),
                        role: r.title.clone(),
                    },
                    modality: Modality::Asserted,
                    rule: "role/gazetteer".to_string(),
                    evidence,
                    trigger: Some(first.span),
                    when: None,
                    date: None,
                });
            }
        }
    }

    /// A quotation that runs on past its attribution: in the same paragraph
    /// it extends the relation's evidence and quote; in the next paragraph,
    /// with no attribution of its own, it is a new SAID of the same speaker.
    fn quote_continuations(&mut self) {
        for si in 1..self.segments.len() {
            let (seg, units) = (&self.segments[si], self.units(si));
            let bare = units.iter().any(|u| u.kind == UnitKind::Quote)
                && units.iter().all(|u| u.kind == UnitKind::Quote || u.punct);
            if !bare {
                continue;
            }
            let prev = self.segments[si - 1].span;
            let new_paragraph = self.input.tokens[seg.tokens.start].line_start;
            let said: Vec<usize> = (0..self.relations.len())
                .filter(|&i| {
                    let r = &self.relations[i];
                    r.kind() == RelationKind::Said && r.evidence.end == prev.end
                })
                .collect();
            let Some(&last) = said.last() else {
                continue;
            };
            let quote = units
                .iter()
                .find(|u| u.kind == UnitKind::Quote)
                .map(|u| u.span);
            if new_paragraph {
                let mut r = self.relations[last].clone();
                if let Args::Said { quote: q, .. } = &mut r.args {
                    *q = quote;
                }
                r.rule = "said/continuation".to_string();
                r.evidence = seg.span;
                r.trigger = None;
                self.relations.push(r);
            } else {
                for i in said {
                    let r = &mut self.relations[i];
                    r.evidence.end = seg.span.end;
                    if let Args::Said { quote: Some(q), .. } = &mut r.args {
                        q.end = quote.map_or(q.end, |x| x.end);
                    }
                }
            }
        }
    }

    /// One relation per type, arguments and evidence; in text order. A
    /// generic role ("resident") gives way to a specific one of the same
    /// person and `of`.
    fn dedupe(&mut self) {
        let generic: FxHashSet<&str> = self
            .rules
            .rules
            .iter()
            .filter(|r| r.role.is_some())
            .map(|r| r.id.as_str())
            .collect();
        let specific: FxHashSet<(usize, Option<usize>)> = self
            .relations
            .iter()
            .filter(|r| !generic.contains(r.rule.as_str()))
            .filter_map(|r| match r.args {
                Args::HoldsRole { person, of, .. } => Some((person, of)),
                _ => None,
            })
            .collect();
        self.relations.retain(|r| match r.args {
            Args::HoldsRole { person, of, .. } => {
                !generic.contains(r.rule.as_str()) || !specific.contains(&(person, of))
            }
            _ => true,
        });
        let mut seen = FxHashSet::default();
        let mut out: Vec<Relation> = Vec::with_capacity(self.relations.len());
        for r in self.relations.drain(..) {
            let key = match &r.args {
                Args::Meets { a, b, place } => {
                    (0, (*a).min(*b), (*a).max(*b), *place, String::new())
                }
                Args::HoldsRole { person, of, role } => (1, *person, 0, *of, role.to_lowercase()),
                Args::LocatedIn { inner, outer } => (2, *inner, *outer, None, String::new()),
                Args::Said { speaker, .. } => (3, *speaker, 0, None, String::new()),
                Args::Calls { a, b } => (4, (*a).min(*b), (*a).max(*b), None, String::new()),
            };
            if seen.insert((key, r.evidence.start)) {
                out.push(r);
            }
        }
        out.sort_by_key(|r| (r.evidence.start, r.kind()));
        self.relations = out;
    }
}

/// The lower-cased words of a title, without function words.
/// The most distinct roles (person, of, title) a role nominal is compared
/// with: its holder is one of the first this many roles of the document.
const MAX_NOMINAL_ROLES: usize = 256;

/// The longest evidence a relation quotes, in bytes: a longer sentence is
/// quoted as the whole units around the trigger that fit (see
/// `Context::evidence`), so output stays linear in the input.
pub const MAX_EVIDENCE_BYTES: usize = 1_000;

/// The most people on either side of one meeting frame: "A, B, … and Z met"
/// with more is a gathering, not meetings between two, and gives no MEETS
/// (every pair of a list of n is n² relations).
pub const MAX_MEETING_PARTICIPANTS: usize = 12;

fn title_words(title: &str) -> FxHashSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "the" | "for" | "and" | "to"))
        .map(str::to_lowercase)
        .collect()
}

/// "national reconciliation minister" → "National Reconciliation Minister";
/// function words stay lower case, abbreviations and capitals are kept.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && matches!(w, "of" | "the" | "for" | "and" | "to" | "on" | "at") {
            out.push_str(w);
            continue;
        }
        let mut chars = w.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            title_case("national reconciliation minister"),
            "National Reconciliation Minister"
        );
        assert_eq!(title_case("Secretary of State"), "Secretary of State");
        assert_eq!(title_case("Maj. Gen."), "Maj. Gen.");
        let w = title_words("Secretary of State");
        assert!(w.contains("secretary") && w.contains("state") && w.len() == 2);
    }
}
