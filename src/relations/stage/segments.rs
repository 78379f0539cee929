//! Cutting a document into segments (sentences, joined where a quotation
//! runs across them) and a segment into units (a mention, a quotation or a
//! token each), and finding where the words the rules need are: what the
//! rules then run over.
//!
//! Reads the document's tokens, quotations and final mentions; knows
//! nothing of what a match becomes.

use super::state::{Segment, Stage};
use crate::group::group_by_key;
use crate::model::{Entity, Mention, MentionKind, Span};
use crate::relations::unit::{last_of_classes, Unit, UnitKind};
use crate::relations::vocab::{fixed, NO_WORD};
use crate::text::Shape;

impl Stage<'_> {
    /// (Re)builds the segments, their units, and where the words the
    /// rules need are ([`Stage::anchors`]).
    pub(crate) fn set_segments(&mut self, mentions: &[Mention], entities: &[Entity]) {
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
                        use fixed::*;
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

    /// The token ranges of the segments: sentences, joined where a
    /// quotation runs across them.
    pub(super) fn segment_ranges(&self) -> Vec<std::ops::Range<usize>> {
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
}
