//! Lexicons, as a rule file writes them (phrases of lower-cased tokens) and
//! as the matcher reads them (phrases of word ids).
//!
//! A lexicon knows its phrases and how to find one at a unit; it knows
//! nothing of patterns, rules or relations.

use rustc_hash::FxHashMap;

use crate::relations::unit::{Unit, UnitKind};

/// A lexicon: lower-cased phrases, each a list of tokens.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    pub name: String,
    /// Phrases by their first token; longest first within a bucket.
    pub by_first: FxHashMap<String, Vec<Vec<String>>>,
}

impl Lexicon {
    /// Adds `phrase` (not empty) unless the lexicon holds it.
    pub(super) fn add(&mut self, phrase: Vec<String>) {
        let bucket = self.by_first.entry(phrase[0].clone()).or_default();
        if !bucket.contains(&phrase) {
            bucket.push(phrase);
            bucket.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
    }

    /// Whether the lexicon holds this one-token phrase.
    pub fn contains_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|b| b.iter().any(|p| p.len() == 1))
    }
}

/// The tokens of a lexicon phrase: its words split on spaces, lower-cased.
/// Write them as the tokenizer cuts text: `'s` alone, "U.S." whole.
pub(crate) fn phrase_tokens(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// A lexicon in ids: phrases by their first word, and its one-word phrases.
#[derive(Clone, Debug, Default)]
pub(crate) struct LexiconIds {
    /// Phrases by first word id; longest first within a bucket.
    pub by_first: FxHashMap<u32, Vec<Vec<u32>>>,
    /// Sorted ids of the one-word phrases.
    pub singles: Vec<u32>,
}

impl LexiconIds {
    /// Whether the lexicon holds the one-word phrase of word `id`.
    pub fn contains_word(&self, id: u32) -> bool {
        self.singles.binary_search(&id).is_ok()
    }

    /// Whether a phrase of the lexicon starts at `units[pos]` (tokens only).
    pub fn phrase_at(&self, units: &[Unit], pos: usize) -> bool {
        let Some(u) = units.get(pos).filter(|u| u.kind == UnitKind::Token) else {
            return false;
        };
        self.by_first.get(&u.word).is_some_and(|bucket| {
            bucket.iter().any(|phrase| {
                units.get(pos..pos + phrase.len()).is_some_and(|run| {
                    run.iter()
                        .zip(phrase)
                        .all(|(u, &w)| u.kind == UnitKind::Token && u.word == w)
                })
            })
        })
    }
}
