//! The state of relation extraction over one document ([`Stage`]): what
//! it reads ([`RelationInput`]), its segments and their units, where the words the
//! rules need are, and the relations found so far; and the readings every
//! step shares (a segment's units, a match's captured entities and spans).
//!
//! The bottom of the stage: the steps that segment, apply, qualify and
//! tidy (the other files here) add their methods to [`Stage`] and use
//! these; this file uses none of them.

use crate::gazetteer::Gazetteer;
use crate::model::{Dateline, EntityKind, Relation, Span};
use crate::relations::engine::{Match, PatternMatcher};
use crate::relations::rules::ast::Rule;
use crate::relations::rules::lexicon::{Lexicon, LexiconIds};
use crate::relations::rules::set::RuleSet;
use crate::relations::unit::{class, Unit, UnitKind};
use crate::text::Token;

/// Everything relation extraction reads from a document being built.
pub(crate) struct RelationInput<'a> {
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
pub(super) struct Segment {
    pub tokens: std::ops::Range<usize>,
    pub span: Span,
    /// Its units: a range of [`Stage::units`].
    pub units: std::ops::Range<usize>,
    /// Whether the segment has an entity, named or given by a pronoun: a
    /// relation needs one.
    pub arguable: bool,
    /// Where the last unit of each class is: see [`PatternMatcher::last`].
    pub last: [u32; class::COUNT],
}

/// Relation extraction over one document, between and during its two
/// stages ([`roles`](super::super::roles) and
/// [`extract`](super::super::extract)): the segments and units are built
/// once (again only if mentions were added), and relations accumulate.
pub(crate) struct Stage<'a> {
    pub(super) rules: &'a RuleSet,
    pub(super) gazetteer: &'a Gazetteer,
    pub(super) input: &'a RelationInput<'a>,
    pub(super) segments: Vec<Segment>,
    /// The units of all segments, segment after segment.
    pub(super) units: Vec<Unit>,
    /// Where the words the rules need are, as `(segment, unit)`, rule by
    /// rule (see [`Stage::rule_anchors`]), each rule's in text order.
    pub(super) anchors: Vec<(u32, u32)>,
    /// Per rule, where its anchors start in `anchors`; one more at the end.
    pub(super) rule_anchors: Vec<u32>,
    pub(super) relations: Vec<Relation>,
}

impl<'a> Stage<'a> {
    /// A stage with no segments yet (see [`Stage::set_segments`]) and no
    /// relations.
    pub(crate) fn new(
        rules: &'a RuleSet,
        gazetteer: &'a Gazetteer,
        input: &'a RelationInput<'a>,
    ) -> Self {
        Stage {
            rules,
            gazetteer,
            input,
            segments: Vec::new(),
            units: Vec::new(),
            anchors: Vec::new(),
            rule_anchors: Vec::new(),
            relations: Vec::new(),
        }
    }

    /// The relations found, in the order they stand.
    pub(crate) fn into_relations(self) -> Vec<Relation> {
        self.relations
    }
}

impl Stage<'_> {
    /// The word of a token unit, lower-cased and folded, when the rules
    /// name it; empty otherwise.
    pub(super) fn lower(&self, u: &Unit) -> &str {
        self.rules.index.vocab.word(u.word)
    }

    /// The units of segment `si`.
    pub(super) fn units(&self, si: usize) -> &[Unit] {
        &self.units[self.segments[si].units.clone()]
    }

    /// The lexicon `name` in word ids, for matching phrases at units.
    pub(super) fn lexicon_ids(&self, name: &str) -> Option<&LexiconIds> {
        let i = self.rules.lexicons.iter().position(|l| l.name == name)?;
        self.rules.index.lexicons.get(i)
    }

    /// The lexicon `name` as the rule file wrote it, for looking up a
    /// unit's word.
    pub(super) fn lexicon(&self, name: &str) -> Option<&Lexicon> {
        self.rules.lexicons.iter().find(|l| l.name == name)
    }

    /// The next segment rule number `ri` may match in, from `*at` on, with
    /// its anchors there: for a rule that needs words, `*at` walks the
    /// rule's anchors and only segments with one come up; otherwise it
    /// walks every segment, with none.
    pub(super) fn next_segment(
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

    /// The matches of `rule` in segment `si`, given the rule's anchors
    /// there (see [`Stage::next_segment`]).
    pub(super) fn matches(&self, si: usize, rule: &Rule, anchors: &[(u32, u32)]) -> Vec<Match> {
        let seg = &self.segments[si];
        let matcher = PatternMatcher {
            units: self.units(si),
            lexicons: &self.rules.index.lexicons,
            last: &seg.last,
        };
        matcher.find_all(rule, anchors)
    }

    /// Entities of the mentions in a captured unit range, of the wanted kinds.
    pub(super) fn captured(
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
    pub(super) fn units_span(&self, si: usize, (a, b): (usize, usize)) -> Option<Span> {
        let units = self.units(si);
        if a >= b || b > units.len() {
            return None;
        }
        let span = Span::new(units[a].span.start, units[b - 1].span.end);
        (span.start < span.end).then_some(span)
    }

    /// The first mention in the `of` capture: a demonym's or a name's entity.
    pub(super) fn of_entity(&self, si: usize, range: Option<(usize, usize)>) -> Option<usize> {
        let (a, b) = range?;
        self.units(si)[a..b].iter().find_map(|u| match u.kind {
            UnitKind::Mention { entity, .. } => Some(entity),
            _ => None,
        })
    }

    /// The captured unit, if it is exactly one of `words`.
    pub(super) fn one_word(
        &self,
        si: usize,
        range: Option<(usize, usize)>,
        words: &[&str],
    ) -> Option<&Unit> {
        let (a, b) = range?;
        match &self.units(si)[a..b] {
            [u] if words.contains(&self.lower(u)) => Some(u),
            _ => None,
        }
    }

    /// The first quotation of segment `si`: a SAID's quote when its rule
    /// captures none.
    pub(super) fn first_quote(&self, si: usize) -> Option<Span> {
        self.units(si)
            .iter()
            .find(|u| u.kind == UnitKind::Quote)
            .map(|u| u.span)
    }
}
