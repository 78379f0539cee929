//! Role nominals as mentions: "the Russian foreign minister" (a NOMINAL
//! rule's match) is a mention of the one person the document gave that
//! role before (its HOLDS_ROLE relations so far).
//!
//! The role stage's last step: it reads the relations and mentions and
//! returns new mentions for the caller to add; it changes neither.

use rustc_hash::{FxHashMap, FxHashSet};

use super::state::Stage;
use super::titles::title_words;
use crate::model::{Args, Mention, MentionKind, Span};
use crate::relations::rules::ast::RuleKind;

/// The most distinct roles (person, of, title) a role nominal is compared
/// with: its holder is one of the first this many roles of the document.
const MAX_NOMINAL_ROLES: usize = 256;

impl Stage<'_> {
    /// Role nominals ("the Russian foreign minister") become mentions of the
    /// one person the document gives that role: the new mentions, in text
    /// order.
    pub(crate) fn nominal_mentions(&self, mentions: &[Mention]) -> Vec<Mention> {
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
}
