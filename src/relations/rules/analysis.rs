//! Reading a pattern for its prefilter ([`Filter`]): the words a sentence
//! must hold for it to match, where a match may start, which units it must
//! take, and the gates of its groups.
//!
//! Pure functions of a rule's items and the lexicons in ids: it changes no
//! rule (the index stores what it computes) and knows nothing of sentences
//! or relations. Every answer is conservative: it may admit a position
//! where the rule cannot match, never the other way round (a proptest in
//! `index.rs` holds it to that).

use super::ast::{Atom, Item};
use super::filter::{Filter, First};
use super::lexicon::LexiconIds;
use crate::relations::unit::class;
use crate::relations::vocab::{Vocab, NO_WORD, PRONOUNS};

/// What the analysis of a rule set's patterns reads besides the patterns.
pub(super) struct Analysis<'a> {
    lexicons: &'a [LexiconIds],
    pronouns: Vec<u32>,
    /// Ids of [`COMMON_WORDS`] the rules use, sorted.
    common: Vec<u32>,
}

/// Words found in most sentences of news: poor anchors.
const COMMON_WORDS: &[&str] = &[
    ",", ".", "the", "of", "to", "and", "a", "in", "\"", "'s", "for", "on", "that", "is", "said",
    "with", "was", "he", "at", "it", "by", "from", "as", "be", "have", "has", "an", "will", "were",
    "are", "but", "not", "who", "they", "after", "-", "(", ")", ":",
];

/// How many rare words one common word weighs when choosing an anchor.
const COMMON_WEIGHT: u64 = 40;

/// The most that rare words weigh together when choosing an anchor.
const RARE_CAP: u64 = 8;

impl<'a> Analysis<'a> {
    /// The analysis of patterns over `vocab` (every word of the rules
    /// interned) and the rule set's lexicons in ids.
    pub(super) fn new(vocab: &Vocab, lexicons: &'a [LexiconIds]) -> Analysis<'a> {
        let mut common: Vec<u32> = COMMON_WORDS
            .iter()
            .map(|w| vocab.id(w))
            .filter(|&id| id != NO_WORD)
            .collect();
        common.sort_unstable();
        Analysis {
            common,
            lexicons,
            pronouns: {
                let mut p: Vec<u32> = PRONOUNS.iter().map(|w| vocab.id(w)).collect();
                p.sort_unstable();
                p
            },
        }
    }
}

impl Analysis<'_> {
    /// The prefilter of a rule of this `pattern`.
    pub(super) fn filter(&self, pattern: &[Item]) -> Filter {
        let (first, _) = self.first(pattern);
        let (needs, reach, after) = match self.anchor(pattern) {
            Some((i, words)) => {
                // Units the items before the anchor and the anchor itself
                // may take: the needed word lies within them.
                let reach = pattern[..=i]
                    .iter()
                    .try_fold(0usize, |sum, item| sum.checked_add(self.width(item)?));
                (Some(words), reach, self.after(pattern, i))
            }
            None => (None, None, None),
        };
        let at_start = pattern
            .first()
            .is_some_and(|item| item.atom == Atom::Bos && item.min > 0);
        let mut requires = requires(pattern);
        requires.sort_unstable();
        requires.dedup();
        Filter {
            needs,
            reach,
            at_start,
            first,
            requires,
            after,
            lead: self.lead(pattern),
        }
    }

    /// The first units a sequence may start with, and whether it may match
    /// nothing at all.
    fn first(&self, items: &[Item]) -> (First, bool) {
        let mut out = First::default();
        for item in items {
            let (f, nullable) = self.first_atom(&item.atom);
            out.union(&f);
            if !(nullable || item.min == 0) {
                return (out, false);
            }
        }
        (out, true)
    }

    /// [`Analysis::first`] for one atom, once.
    fn first_atom(&self, atom: &Atom) -> (First, bool) {
        let mut f = First::default();
        let nullable = match atom {
            Atom::Mention(..) | Atom::Demonym => {
                f.mention = true;
                false
            }
            Atom::Quote => {
                f.quote = true;
                false
            }
            Atom::Pronoun => {
                f.words = self.pronouns.clone();
                false
            }
            Atom::Word | Atom::Cap | Atom::Num | Atom::Any | Atom::NotLexicon(_) => {
                f.token = true;
                false
            }
            Atom::AnyUnit => {
                f.any = true;
                false
            }
            Atom::Literal(_, id) => {
                f.words = vec![*id];
                false
            }
            Atom::Lexicon(i) => {
                f.words = self.lexicon_firsts(*i);
                false
            }
            Atom::Group(alts) => {
                let mut nullable = false;
                for alt in alts {
                    let (g, n) = self.first(alt);
                    f.union(&g);
                    nullable |= n;
                }
                nullable
            }
            // Zero-width: they consume nothing, what follows decides.
            Atom::Not(_) | Atom::Bos | Atom::Eos => true,
        };
        (f, nullable)
    }

    /// Sets [`Item::gate`] on the groups of `items` that cannot match
    /// nothing, at every depth.
    pub(super) fn set_gates(&self, items: &mut [Item]) {
        for item in items {
            if let Atom::Group(alts) | Atom::Not(alts) = &mut item.atom {
                for alt in alts.iter_mut() {
                    self.set_gates(alt);
                }
            }
            if let Atom::Group(_) = item.atom {
                let (first, nullable) = self.first_atom(&item.atom);
                if !nullable && !first.any {
                    item.gate = Some(Box::new(first));
                }
            }
        }
    }

    /// The sorted first words of lexicon `i`'s phrases.
    fn lexicon_firsts(&self, i: usize) -> Vec<u32> {
        let mut words: Vec<u32> = self.lexicons[i].by_first.keys().copied().collect();
        words.sort_unstable();
        words
    }

    /// Words of which one must be in a sentence the sequence matches: those
    /// of the item with the fewest such words among the items that must
    /// match at least once.
    fn needs(&self, items: &[Item]) -> Option<Vec<u32>> {
        self.anchor(items).map(|(_, words)| words)
    }

    /// The item [`needs`](Self::needs) takes its words from: its index and
    /// the words. Of the items that must match, the one whose words are
    /// rarest (a common word such as "the" or "," weighs as much as
    /// [`COMMON_WEIGHT`] others) and sit nearest the start of the pattern
    /// (a match is tried at every position within reach before one).
    fn anchor(&self, items: &[Item]) -> Option<(usize, Vec<u32>)> {
        let mut reach = 0usize;
        let mut best: Option<(u64, usize, Vec<u32>)> = None;
        for (i, item) in items.iter().enumerate() {
            reach = reach.saturating_add(self.width(item).unwrap_or(usize::MAX));
            if item.min == 0 {
                continue;
            }
            let Some(words) = self.needs_atom(&item.atom) else {
                continue;
            };
            let cost = (reach.min(1 << 20) as u64 + 1) * self.weight(&words);
            if best.as_ref().is_none_or(|b| cost < b.0) {
                best = Some((cost, i, words));
            }
        }
        best.map(|(_, i, words)| (i, words))
    }

    /// For [`Filter::after`]: the first unit class the items after the
    /// anchor `items[i]` must take, and how far after the needed word it
    /// lies at most.
    fn after(&self, items: &[Item], i: usize) -> Option<(u8, usize)> {
        // The needed word lies inside the anchor item, which ends at most
        // `tail` units from it (the word included).
        let mut span = self.tail(&items[i])?.saturating_sub(1);
        for item in &items[i + 1..] {
            span = span.checked_add(self.width(item)?)?;
            if item.min > 0 {
                if let Some(&mask) = requires(std::slice::from_ref(item)).first() {
                    return Some((mask, span));
                }
            }
        }
        None
    }

    /// For [`Filter::lead`]: the classes of the first unit of a class a
    /// sequence must take, and the most units before it.
    fn lead(&self, items: &[Item]) -> Option<(u8, usize)> {
        let mut before = 0usize;
        for item in items {
            if item.min > 0 {
                let first = match &item.atom {
                    Atom::Group(alts) => {
                        // Some alternative's first unit of a class, so the
                        // union of their classes, at the farthest offset.
                        // When an alternative may take no unit of a class
                        // ("minister" for `$title`), the group's first
                        // such unit is not known: the first unit of a
                        // class then comes after the group, if any item
                        // after it must take one.
                        alts.iter().try_fold((0, 0), |(mask, most), alt| {
                            let (m, at) = self.lead(alt)?;
                            Some((mask | m, most.max(at)))
                        })
                    }
                    _ => requires(std::slice::from_ref(item))
                        .first()
                        .map(|&mask| (mask, 0)),
                };
                if let Some((mask, at)) = first {
                    return Some((mask, before.checked_add(at)?));
                }
            }
            before = before.checked_add(self.width(item)?)?;
        }
        None
    }

    /// The most units from an item's needed word (included) to the item's
    /// end: its width, less what a group takes before its alternatives'
    /// needed words.
    fn tail(&self, item: &Item) -> Option<usize> {
        match &item.atom {
            Atom::Group(alts) if item.max == 1 => {
                let mut most = 0;
                for alt in alts {
                    let (k, _) = self.anchor(alt)?;
                    let after = alt[k + 1..]
                        .iter()
                        .try_fold(0usize, |sum, item| sum.checked_add(self.width(item)?))?;
                    most = most.max(self.tail(&alt[k])?.checked_add(after)?);
                }
                Some(most)
            }
            _ => self.width(item),
        }
    }

    /// How often a sentence may hold one of `words`, roughly: each common
    /// word weighs [`COMMON_WEIGHT`]; the others together at most
    /// [`RARE_CAP`] (a lexicon of 200 titles is still rarer than a comma).
    fn weight(&self, words: &[u32]) -> u64 {
        let common = words
            .iter()
            .filter(|w| self.common.binary_search(w).is_ok())
            .count() as u64;
        common * COMMON_WEIGHT + (words.len() as u64 - common).min(RARE_CAP)
    }

    /// The most units `item` may take, if bounded.
    fn width(&self, item: &Item) -> Option<usize> {
        let atom = match &item.atom {
            Atom::Lexicon(i) => self.lexicons[*i]
                .by_first
                .values()
                .flatten()
                .map(Vec::len)
                .max()
                .unwrap_or(0),
            Atom::Group(alts) => {
                let mut most = 0;
                for alt in alts {
                    let w = alt
                        .iter()
                        .try_fold(0usize, |sum, item| sum.checked_add(self.width(item)?))?;
                    most = most.max(w);
                }
                most
            }
            Atom::Not(_) | Atom::Bos | Atom::Eos => 0,
            _ => 1,
        };
        // Nested quantifiers multiply: `((_){1,40}){1,40}…` overflows a
        // usize (a panic in debug builds, a wrong reach in release); a width
        // too large to count is taken as unbounded.
        atom.checked_mul(usize::from(item.max))
    }

    /// The words of which one must be in a sentence `atom` matches, if known.
    fn needs_atom(&self, atom: &Atom) -> Option<Vec<u32>> {
        match atom {
            Atom::Literal(_, id) => Some(vec![*id]),
            Atom::Lexicon(i) => Some(self.lexicon_firsts(*i)),
            Atom::Pronoun => Some(self.pronouns.clone()),
            Atom::Group(alts) => {
                // Every alternative must need a word; the group needs one of
                // theirs.
                let mut all = Vec::new();
                for alt in alts {
                    all.extend(self.needs(alt)?);
                }
                all.sort_unstable();
                all.dedup();
                Some(all)
            }
            _ => None,
        }
    }
}

/// The unit classes a sequence must take (see [`Filter::requires`]): one
/// mask per mention, demonym or quotation item that must match; a group
/// must take one of its alternatives' first masks.
fn requires(items: &[Item]) -> Vec<u8> {
    let mut out = Vec::new();
    for item in items.iter().filter(|item| item.min > 0) {
        let mask = match &item.atom {
            Atom::Mention(Some(kind), _) => class::of_kind(*kind),
            Atom::Mention(None, _) => class::PERSON | class::PLACE | class::ORG,
            Atom::Demonym => class::DEMONYM,
            Atom::Quote => class::QUOTE,
            Atom::Group(alts) => alts
                .iter()
                .map(|alt| requires(alt).first().copied())
                .try_fold(0, |mask, m| Some(mask | m?))
                .unwrap_or(0),
            _ => 0,
        };
        if mask != 0 {
            out.push(mask);
        }
    }
    out
}
