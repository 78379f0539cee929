//! Pronoun coreference: "he" and "she" outside quotations become pronoun
//! mentions of the person they stand for, before relations are read, so
//! that the relation layer reads mentions and builds relations only.
//!
//! The person is the first one named in the nearest sentence that names one
//! before the pronoun, at most three sentences back, its own sentence first
//! ("Kerry said he met Lavrov": Kerry; "Kerry met Lavrov. He then …":
//! Kerry, the subject, not the nearest name), skipping people whose title or
//! given name states the other gender ("she" is not "Joe Biden"). Names
//! inside quotations are not antecedents, and pronouns inside them are left
//! alone (the speaker's "he" is someone else's).

use std::ops::Range;

use super::Gender;

use crate::model::{Entity, EntityKind, Mention, MentionKind, Span};
use crate::text::Token;

/// How many sentences before its own a pronoun's person may be named.
const SENTENCES_BACK: usize = 3;

/// The pronoun mentions of a document: one per resolved "he" or "she",
/// in text order. `sentences` are token ranges, `quotes` token ranges of
/// quotations (both in order), `genders` per entity.
pub(crate) fn pronouns(
    text: &str,
    tokens: &[Token],
    sentences: &[Range<usize>],
    quotes: &[(usize, usize)],
    mentions: &[Mention],
    entities: &[Entity],
    genders: &[Option<Gender>],
) -> Vec<Mention> {
    let in_quote = |t: usize| {
        let q = quotes.partition_point(|&(_, b)| b <= t);
        quotes.get(q).is_some_and(|&(a, _)| a <= t)
    };
    let sentence_of = |t: usize| sentences.partition_point(|r| r.end <= t);
    let token_of = |offset: usize| tokens.partition_point(|t| t.span.end <= offset);
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let w = &text[t.span.range()];
        let ruled_out = if w.eq_ignore_ascii_case("he") {
            Gender::Female
        } else if w.eq_ignore_ascii_case("she") {
            Gender::Male
        } else {
            continue;
        };
        if in_quote(i) {
            continue;
        }
        let si = sentence_of(i);
        let floor = sentences
            .get(si.saturating_sub(SENTENCES_BACK))
            .map_or(0, |r| tokens.get(r.start).map_or(0, |t| t.span.start));
        // Mentions are in text order: look back from the pronoun to the
        // floor only, so a long document stays linear.
        let before = mentions.partition_point(|m| m.span.start < t.span.start);
        let mut found: Option<(usize, usize)> = None; // (sentence, entity)
        for m in mentions[..before]
            .iter()
            .rev()
            .take_while(|m| m.span.start >= floor)
            .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Nominal))
            .filter(|m| entities[m.entity].kind == EntityKind::Person)
            .filter(|m| genders.get(m.entity).copied().flatten() != Some(ruled_out))
        {
            let mt = token_of(m.span.start);
            if in_quote(mt) {
                continue;
            }
            let ms = sentence_of(mt);
            match found {
                Some((s, _)) if s != ms => break,
                _ => found = Some((ms, m.entity)),
            }
        }
        if let Some((_, entity)) = found {
            out.push(Mention {
                span: Span::new(t.span.start, t.span.end),
                entity,
                kind: MentionKind::Pronoun,
                rule: "coref/pronoun",
            });
        }
    }
    out
}
