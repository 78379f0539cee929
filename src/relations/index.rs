//! What makes rules cheap to run: interned words and per-rule prefilters.
//!
//! Every word a rule or lexicon names is interned once, when a rule set is
//! loaded; a sentence's token units carry the id of their lower-cased word,
//! so literals and lexicons compare integers, not strings.
//!
//! Each rule also gets a [`Filter`], read off its pattern:
//!
//! - `needs`: words of which a sentence must contain at least one for the
//!   rule to have any chance (the words of an item that must match, such as
//!   the trigger `^@meet-verb`); a sentence without them is skipped whole;
//! - `first`: what the first unit of a match can be (a mention, a quotation,
//!   a token, certain words); every other start position is skipped without
//!   running the matcher.
//!
//! Both are conservative: a filter never rejects a position where the rule
//! could match.

use super::engine::{class, Unit, UnitKind, ENGINE_WORDS, PRONOUNS};
use super::rules::{Atom, Item, Lexicon, Rule};
use crate::group::group_by_key;
use crate::word_map::WordMap;
use rustc_hash::FxHashMap;

/// The id of a word no rule names.
pub(crate) const NO_WORD: u32 = u32::MAX;

/// The interned words of a rule set.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vocab {
    ids: WordMap<u32>,
    words: Vec<Box<str>>,
}

impl Vocab {
    fn intern(&mut self, word: &str) -> u32 {
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

/// A lexicon in ids: phrases by their first word, and its one-word phrases.
#[derive(Clone, Debug, Default)]
pub(crate) struct LexiconIds {
    /// Phrases by first word id; longest first within a bucket.
    pub by_first: FxHashMap<u32, Vec<Vec<u32>>>,
    /// Sorted ids of the one-word phrases.
    pub singles: Vec<u32>,
}

impl LexiconIds {
    pub fn contains_word(&self, id: u32) -> bool {
        self.singles.binary_search(&id).is_ok()
    }

    /// Whether a phrase of the lexicon starts at `units[pos]` (tokens only).
    pub fn phrase_at(&self, units: &[super::engine::Unit], pos: usize) -> bool {
        use super::engine::UnitKind;
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

/// What the first unit of a match may be.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct First {
    /// Anything: the filter admits every position.
    pub any: bool,
    pub mention: bool,
    pub quote: bool,
    /// Any token.
    pub token: bool,
    /// Tokens with these word ids (sorted).
    pub words: Vec<u32>,
}

impl First {
    fn union(&mut self, other: &First) {
        self.any |= other.any;
        self.mention |= other.mention;
        self.quote |= other.quote;
        self.token |= other.token;
        self.words.extend_from_slice(&other.words);
        self.words.sort_unstable();
        self.words.dedup();
    }

    /// Whether a match may start at `u`.
    #[inline]
    pub fn admits(&self, u: &Unit) -> bool {
        self.any
            || match u.kind {
                UnitKind::Mention { .. } => self.mention,
                UnitKind::Quote => self.quote,
                UnitKind::Token => {
                    self.token || (u.word != NO_WORD && self.words.binary_search(&u.word).is_ok())
                }
            }
    }
}

/// A rule's prefilter (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Filter {
    /// Sorted word ids, one of which a sentence must contain; `None`: no
    /// such word is known.
    pub needs: Option<Vec<u32>>,
    /// When the needed words come from one top-level item, a match starts
    /// at most this many units before one of them.
    pub reach: Option<usize>,
    /// The pattern starts with `BOS`: a match starts at the first unit.
    pub at_start: bool,
    pub first: First,
    /// Units a match must take, each a mask of [`class`] bits: for every
    /// mask, a unit of one of its classes ("PERSON", "PLACE or ORG").
    pub requires: Vec<u8>,
    /// A unit of this mask of classes must follow a needed word within this
    /// many units ("minister" in `@role-head @rank? PERSON` is followed by
    /// a PERSON within three): a needed word without one anchors nothing.
    pub after: Option<(u8, usize)>,
    /// The first unit a match must take is of this mask of classes and lies
    /// at most this many units after the match's start (`$persons` starts
    /// with a PERSON after a title of a few words): a start with no such
    /// unit that near cannot match.
    pub lead: Option<(u8, usize)>,
}

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
    let mut common: Vec<u32> = COMMON_WORDS
        .iter()
        .map(|w| vocab.id(w))
        .filter(|&id| id != NO_WORD)
        .collect();
    common.sort_unstable();
    let cx = Analysis {
        common,
        lexicons: &lex_ids,
        pronouns: {
            let mut p: Vec<u32> = PRONOUNS.iter().map(|w| vocab.id(w)).collect();
            p.sort_unstable();
            p
        },
    };
    for rule in rules.iter_mut() {
        let (first, _) = cx.first(&rule.pattern);
        let (needs, reach, after) = match cx.anchor(&rule.pattern) {
            Some((i, words)) => {
                // Units the items before the anchor and the anchor itself
                // may take: the needed word lies within them.
                let reach = rule.pattern[..=i]
                    .iter()
                    .try_fold(0usize, |sum, item| sum.checked_add(cx.width(item)?));
                (Some(words), reach, cx.after(&rule.pattern, i))
            }
            None => (None, None, None),
        };
        let at_start = rule
            .pattern
            .first()
            .is_some_and(|item| item.atom == Atom::Bos && item.min > 0);
        let mut requires = requires(&rule.pattern);
        requires.sort_unstable();
        requires.dedup();
        rule.filter = Filter {
            needs,
            reach,
            at_start,
            first,
            requires,
            after,
            lead: cx.lead(&rule.pattern),
        };
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
    /// The rules whose filter needs word `id` (none for [`NO_WORD`]).
    #[inline]
    pub fn rules_needing(&self, id: u32) -> &[u32] {
        let w = id as usize;
        match (self.needs_at.get(w), self.needs_at.get(w.wrapping_add(1))) {
            (Some(&a), Some(&b)) => &self.needers[a as usize..b as usize],
            _ => &[],
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

struct Analysis<'a> {
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

impl Analysis<'_> {
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
    fn set_gates(&self, items: &mut [Item]) {
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

#[cfg(test)]
mod tests {
    use super::super::engine::{last_of_classes, Matcher, Unit, UnitKind};
    use super::super::rules::RuleSet;
    use super::*;
    use crate::model::{EntityKind, MentionKind, Span};

    #[test]
    fn engine_words_first() {
        use super::super::engine::fixed::*;
        let index = index(&[], &mut []);
        let v = &index.vocab;
        let got = [TWO, BOTH, HERE, HE, SHE, THEY, IT, WE];
        let words = ["two", "both", "here", "he", "she", "they", "it", "we"];
        assert_eq!(got, words.map(|w| v.id(w)));
    }

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
            let matcher = Matcher {
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
