//! Quotations that run on past their attribution: in the same paragraph
//! they extend the SAID relation's evidence and quote; in the next, with
//! no attribution of their own, they are a new SAID of the same speaker
//! (rule `said/continuation`).
//!
//! Reads segments and units; changes only the SAID relations found so far.

use super::state::Stage;
use crate::model::{Args, RelationKind};
use crate::relations::unit::UnitKind;

impl Stage<'_> {
    /// A quotation that runs on past its attribution: in the same paragraph
    /// it extends the relation's evidence and quote; in the next paragraph,
    /// with no attribution of its own, it is a new SAID of the same speaker.
    pub(crate) fn quote_continuations(&mut self) {
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
}
