//! The words of a rule set, interned: every word a rule or lexicon names
//! gets a `u32` id when the set is loaded, and a sentence's token units
//! carry the id of their lower-cased word, so that literals and lexicons
//! compare integers, not strings.
//!
//! The bottom of the relations layer: it knows words and ids, nothing of
//! units, rules or relations.

use crate::word_map::WordMap;

/// The id of a word no rule names.
pub(crate) const NO_WORD: u32 = u32::MAX;

/// Words the engine itself looks for in units (besides those of the rules).
pub(crate) const ENGINE_WORDS: &[&str] = &["two", "both", "the", "men", "here"];

/// The words `PRONOUN` matches.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we"];

/// The vocabulary ids of [`ENGINE_WORDS`] and then [`PRONOUNS`]: a rule
/// set's vocabulary interns them first, in that order, so the engine
/// compares ids, not strings.
pub(crate) mod fixed {
    use super::ENGINE_WORDS;

    pub const TWO: u32 = 0;
    pub const BOTH: u32 = 1;
    pub const HERE: u32 = 4;
    /// Where [`super::PRONOUNS`] start.
    const PRONOUN: u32 = ENGINE_WORDS.len() as u32;
    pub const HE: u32 = PRONOUN;
    pub const SHE: u32 = PRONOUN + 1;
    pub const THEY: u32 = PRONOUN + 2;
    pub const IT: u32 = PRONOUN + 3;
    pub const WE: u32 = PRONOUN + 4;
}

/// The interned words of a rule set.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vocab {
    ids: WordMap<u32>,
    words: Vec<Box<str>>,
}

impl Vocab {
    /// The id of `word`, given the next free one if it has none yet.
    pub fn intern(&mut self, word: &str) -> u32 {
        let next = self.words.len() as u32;
        let id = *self.ids.get_or_insert_with(word.as_bytes(), || next);
        if id == next {
            self.words.push(word.into());
        }
        id
    }

    /// The id of `word` (lower-cased), or [`NO_WORD`].
    #[inline]
    pub fn id(&self, word: &str) -> u32 {
        self.ids.get(word.as_bytes()).unwrap_or(NO_WORD)
    }

    /// The id of a token's text once lower-cased, or [`NO_WORD`]: ASCII
    /// text is lower-cased as it is looked up, other text first.
    #[inline]
    pub fn id_of_token(&self, text: &str, lower: &mut String) -> u32 {
        if text.is_ascii() {
            return self.ids.get_ascii_lower(text.as_bytes()).unwrap_or(NO_WORD);
        }
        lower.clear();
        lower.extend(text.chars().flat_map(char::to_lowercase));
        self.id(lower)
    }

    /// The word of `id`; empty for [`NO_WORD`].
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", |w| w)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_ids() {
        let mut v = Vocab::default();
        assert_eq!(v.id("said"), NO_WORD);
        assert_eq!(v.id(","), NO_WORD);
        let said = v.intern("said");
        let comma = v.intern(",");
        assert_eq!((v.intern("said"), v.intern(",")), (said, comma));
        assert_eq!((v.id("said"), v.id(",")), (said, comma));
        assert_eq!((v.word(said), v.word(comma)), ("said", ","));
        // Other one-byte words and numbers are not words of the rules…
        assert_eq!(
            (v.id("."), v.id("7"), v.id("1996")),
            (NO_WORD, NO_WORD, NO_WORD)
        );
        // … until a rule names one.
        let year = v.intern("1996");
        let seven = v.intern("7");
        assert_eq!(
            (v.id("1996"), v.id("7"), v.id("1997")),
            (year, seven, NO_WORD)
        );
        assert_eq!(v.word(NO_WORD), "");
        // Tokens are looked up lower-cased.
        let mut buf = String::new();
        assert_eq!(v.id_of_token("Said", &mut buf), said);
        assert_eq!(v.id_of_token("SAID", &mut buf), said);
        let uber = v.intern("über");
        assert_eq!(v.id_of_token("ÜBER", &mut buf), uber);
        assert_eq!(v.id_of_token("Sai", &mut buf), NO_WORD);
    }
}
