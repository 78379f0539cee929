//! Who a pronoun captured by a rule is: "he" or "she" is the person of
//! its pronoun mention (coreference is the resolver's, `resolve::coref`);
//! "they" or "the two" of a meeting is the pair of the last meeting; "it"
//! or "they" that spoke is the organisation that spoke just before.
//!
//! Reads mentions and the relations so far; changes nothing.

use super::state::Stage;
use crate::model::{Args, Entity, EntityKind, Mention, MentionKind};

impl Stage<'_> {
    /// "They" or "the two" of a meeting: the pair of the last meeting.
    pub(super) fn plural_pronoun(&self, si: usize, range: Option<(usize, usize)>) -> Vec<usize> {
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

    /// A singular pronoun's person: the entity of its pronoun mention,
    /// which coreference (`resolve::coref`) made before relations.
    pub(super) fn pronoun_person(
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
    pub(super) fn pronoun_speaker(
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
}
