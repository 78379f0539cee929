//! What the gazetteer knows and a rule does not say: whose role a person's
//! title is (a role's `of`), whether a city is in a country, and the roles
//! a person held on the document's date (HOLDS_ROLE relations of their
//! own, rule `role/gazetteer`).
//!
//! Reads gazetteer entries of the document's entities; adds relations only
//! in [`Stage::gazetteer_roles`].

use super::state::Stage;
use super::titles::title_words;
use crate::model::{Args, Entity, EntityKind, Mention, MentionKind, Modality, Relation};

impl Stage<'_> {
    /// The entity a gazetteer role of `person` is of, when its title matches
    /// `role`, it covers the document's date (if known), and the document
    /// mentions that entity.
    pub(super) fn role_of_from_gazetteer(
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
    pub(super) fn gazetteer_contains(
        &self,
        outer: usize,
        inner: usize,
        entities: &[Entity],
    ) -> bool {
        let Some(e) = self.gazetteer.get(entities[inner].id.as_str()) else {
            return false;
        };
        let Some(cc) = e.attribute("country") else {
            return false;
        };
        entities[outer].id.as_str().strip_prefix("country:") == Some(cc)
    }

    /// HOLDS_ROLE from the gazetteer: when the document states its date, each
    /// person named in it gets the roles that date falls in, if the document
    /// mentions whose role it is and no rule found that role already.
    pub(crate) fn gazetteer_roles(&mut self, mentions: &[Mention], entities: &[Entity]) {
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
}
