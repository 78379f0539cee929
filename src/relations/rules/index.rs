//! Indexing a rule set: every word a rule or lexicon names is interned
//! ([`Vocab`]), lexicons are turned into ids, literals get their ids, each
//! rule gets its prefilter (`analysis.rs`), and each word the list of rules
//! that need it, so that a sentence's words find their rules directly.
//!
//! Runs once per loaded set; knows the AST and the vocabulary, nothing of
//! sentences, matching or relations.

use super::analysis::Analysis;
use super::ast::{Atom, Item, Rule};
use super::lexicon::{Lexicon, LexiconIds};
use crate::group::group_by_key;
use crate::relations::vocab::{Vocab, ENGINE_WORDS, PRONOUNS};

/// Interns the words of `lexicons` and `rules`, gives literals their ids,
/// and computes each rule's filter.
pub(crate) fn index(lexicons: &[Lexicon], rules: &mut [Rule]) -> Index {
    let mut vocab = Vocab::default();
    for w in ENGINE_WORDS.iter().chain(PRONOUNS) {
        vocab.intern(w);
    }
    let mut lex_ids = Vec::with_capacity(lexicons.len());
    for lex in lexicons {
        let mut ids = LexiconIds::default();
        // Sorted by first word so that ids come out in a stable order.
        let mut firsts: Vec<&String> = lex.by_first.keys().collect();
        firsts.sort();
        for first in firsts {
            let phrases = lex.by_first[first]
                .iter()
                .map(|p| p.iter().map(|w| vocab.intern(w)).collect::<Vec<u32>>())
                .collect::<Vec<_>>();
            let id = vocab.intern(first);
            if phrases.iter().any(|p| p.len() == 1) {
                ids.singles.push(id);
            }
            ids.by_first.insert(id, phrases);
        }
        ids.singles.sort_unstable();
        lex_ids.push(ids);
    }
    for rule in rules.iter_mut() {
        intern_literals(&mut rule.pattern, &mut vocab);
    }
    let cx = Analysis::new(&vocab, &lex_ids);
    for rule in rules.iter_mut() {
        rule.filter = cx.filter(&rule.pattern);
        cx.set_gates(&mut rule.pattern);
    }
    let needs = rules.iter().enumerate().flat_map(|(r, rule)| {
        let words = rule.filter.needs.iter().flatten();
        words.map(move |&w| (w, r as u32))
    });
    let (needs_at, needers) = group_by_key(vocab.len(), needs.collect());
    Index {
        vocab,
        lexicons: lex_ids,
        needs_at,
        needers,
    }
}

/// What [`index`] computes for a rule set.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    pub vocab: Vocab,
    /// The lexicons in word ids, parallel to the rule set's lexicons.
    pub lexicons: Vec<LexiconIds>,
    /// Where each word id's rules start in `needers`; one more at the end.
    needs_at: Vec<u32>,
    /// The rules whose filter needs a word, word after word.
    needers: Vec<u32>,
}

impl Index {
    /// The rules whose filter needs word `id` (none for [`NO_WORD`](crate::relations::vocab::NO_WORD)).
    #[inline]
    pub fn rules_needing(&self, id: u32) -> &[u32] {
        let w = id as usize;
        match (self.needs_at.get(w), self.needs_at.get(w.wrapping_add(1))) {
            (Some(&a), Some(&b)) => &self.needers[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Gives the literals and subkinds of `items` their word ids, at every
/// depth.
fn intern_literals(items: &mut [Item], vocab: &mut Vocab) {
    for item in items {
        match &mut item.atom {
            Atom::Literal(word, id) => *id = vocab.intern(word),
            // A unit carries its subkind's id: compared with this one.
            Atom::Mention(_, Some((sub, id))) => *id = vocab.intern(sub),
            Atom::Group(alts) | Atom::Not(alts) => {
                for alt in alts {
                    intern_literals(alt, vocab);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::filter::{Filter, First};
    use super::super::set::RuleSet;
    use super::*;
    use crate::model::{EntityKind, MentionKind, Span};
    use crate::relations::engine::PatternMatcher;
    use crate::relations::unit::{last_of_classes, Unit, UnitKind};
    use crate::relations::vocab::NO_WORD;

    #[test]
    fn engine_words_first() {
        use crate::relations::vocab::fixed::*;
        let index = index(&[], &mut []);
        let v = &index.vocab;
        let got = [TWO, BOTH, HERE, HE, SHE, THEY, IT, WE];
        let words = ["two", "both", "here", "he", "she", "they", "it", "we"];
        assert_eq!(got, words.map(|w| v.id(w)));
    }

    /// Units from proptest's numbers: tokens of the rules' words (also
    /// whole lexicon phrases, which random words seldom make), mentions
    /// of every kind with the subkinds the rules name, quotations.
    fn units_of(index: &Index, spec: &[(u8, u32, u8)]) -> Vec<Unit> {
        let words = index.vocab.len() as u32;
        let subkinds = ["city", "country", "admin1", "region", "continent"];
        let mut units = Vec::new();
        let token = |word: u32, flags: u8| {
            let mut u = Unit::whole(UnitKind::Token, Span::new(0, 0), NO_WORD);
            u.word = word;
            (u.letters, u.cap, u.num, u.punct) = (
                flags & 1 != 0,
                flags & 2 != 0,
                flags & 4 != 0,
                flags & 8 != 0,
            );
            u
        };
        for &(what, n, flags) in spec {
            match what % 12 {
                0..=4 => units.push(token(if n % 8 == 0 { NO_WORD } else { n % words }, flags)),
                5..=7 => {
                    let kind = [
                        EntityKind::Person,
                        EntityKind::Place,
                        EntityKind::Organisation,
                    ][n as usize % 3];
                    let mention_kind = [
                        MentionKind::Name,
                        MentionKind::Name,
                        MentionKind::Nominal,
                        MentionKind::Demonym,
                        MentionKind::Pronoun,
                    ][flags as usize % 5];
                    let sub = subkinds
                        .get((n / 3) as usize % 8)
                        .map_or(NO_WORD, |s| index.vocab.id(s));
                    let kind = UnitKind::Mention {
                        mention: units.len(),
                        entity: units.len(),
                        kind,
                        mention_kind,
                    };
                    units.push(Unit::whole(kind, Span::new(0, 0), sub));
                }
                8 => units.push(Unit::whole(UnitKind::Quote, Span::new(0, 0), NO_WORD)),
                _ => {
                    let lex = &index.lexicons[n as usize % index.lexicons.len()];
                    let phrases: Vec<&Vec<u32>> = lex.by_first.values().flatten().collect();
                    if let Some(p) = phrases.get((n as usize / 7) % phrases.len().max(1)) {
                        units.extend(p.iter().map(|&w| token(w, flags)));
                    }
                }
            }
        }
        units
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The prefilters only skip where a rule cannot match: every
        /// default rule, run as the pipeline runs it (only in a segment
        /// with a word it needs, from those anchors, with its filter),
        /// finds exactly what it finds with no filter at all.
        #[test]
        fn filters_lose_no_match(
            spec in proptest::collection::vec((0u8..255, 0u32..100_000, 0u8..255), 1..40)
        ) {
            static SET: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
            let set = SET.get_or_init(|| RuleSet::defaults().unwrap());
            let index = &set.index;
            let units = units_of(index, &spec);
            let last = last_of_classes(&units);
            let matcher = PatternMatcher {
                units: &units,
                lexicons: &index.lexicons,
                last: &last,
            };
            let open = Filter {
                first: First { any: true, ..First::default() },
                ..Filter::default()
            };
            for (ri, rule) in set.rules.iter().enumerate() {
                let anchors: Vec<(u32, u32)> = units
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.kind == UnitKind::Token)
                    .filter(|(_, u)| index.rules_needing(u.word).contains(&(ri as u32)))
                    .map(|(p, _)| (0, p as u32))
                    .collect();
                let filtered = match rule.filter.needs {
                    Some(_) if anchors.is_empty() => Vec::new(),
                    _ => matcher.find_all(rule, &anchors),
                };
                let unfiltered = matcher.find_all(&Rule { filter: open.clone(), ..rule.clone() }, &[]);
                proptest::prop_assert_eq!(filtered, unfiltered, "rule {}", rule.id);
            }
        }
    }
}
