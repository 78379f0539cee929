//! The last step: one relation per type, arguments and evidence start, in
//! text order; a generic role (a rule's fixed `role=`, "resident") gives
//! way to a specific one of the same person and `of`.
//!
//! Reads the rules' ids and the relations; knows nothing of segments.

use rustc_hash::FxHashSet;

use super::state::Stage;
use crate::model::{Args, Relation};

impl Stage<'_> {
    /// One relation per type, arguments and evidence; in text order. A
    /// generic role ("resident") gives way to a specific one of the same
    /// person and `of`.
    pub(crate) fn dedupe(&mut self) {
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
