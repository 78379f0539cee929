//! The compiled forms: every gazetteer form, and an Aho-Corasick automaton
//! over their keys.
//!
//! A form's key is its folded text with ASCII capitals lower-cased; the
//! text is lower-cased the same way, a byte at a time, as the matcher walks
//! it, so matching is ASCII case-insensitive and each form's own case
//! policy is checked afterwards by the matcher.
//!
//! A mention starts and ends on token boundaries, so the matcher never scans
//! for forms at every byte: it runs an *anchored* search from each token
//! that may start a form, one byte after the other, until the automaton has
//! no way on, and reads the forms that end where a token ends. The
//! automaton is the `aho-corasick` crate's contiguous NFA (its DFA over
//! 160,000 forms takes seconds and most of a gigabyte to build).
//!
//! A step costs a read of the automaton at random, and a search's first
//! token is most of its steps; so the first step is a probe instead: each
//! part keeps, for every prefix of a key that a token can be, the state
//! after it, the form it is and whether a longer form goes on
//! ([`Forms::start_token`]). The probe also turns away at once the
//! capitalised words of news that start no form.
//!
//! The automaton is split by the first byte of the keys into parts of about
//! equal size, built a thread per core; a search starts in the part of its
//! first byte. The parts do not change what is found, only how fast and in
//! how much memory the forms are compiled.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::hash::Hasher;

use crate::error::{Error, ErrorKind};
use crate::word_map::WordMap;

/// No part: no form starts with the byte.
const NO_PART: u8 = u8::MAX;

/// How many parts the automaton is split into.
const PARTS: usize = 16;

/// The keys of the forms, numbered as added: what is compiled into
/// [`Forms`].
#[derive(Debug, Default)]
pub(crate) struct FormKeys {
    /// Every key, back to back.
    text: String,
    /// Per form, where its key ends in `text` (it starts where the one
    /// before ends).
    ends: Vec<u32>,
    /// The forms by key.
    index: HashTable<u32>,
    /// Which first two bytes a form may start with in text whose first
    /// byte is not an ASCII capital: see [`Forms::may_start`].
    starts: StartSet,
}

fn hash(key: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(key);
    h.finish()
}

impl FormKeys {
    /// No keys, with room for about `keys` of them.
    pub fn with_capacity(keys: usize) -> FormKeys {
        FormKeys {
            text: String::with_capacity(keys * 12),
            ends: Vec::with_capacity(keys),
            index: HashTable::with_capacity(keys),
            starts: StartSet::default(),
        }
    }

    /// The number of forms.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The key of form `form`.
    #[cfg(test)]
    pub fn key(&self, form: u32) -> &str {
        key_of(&self.text, &self.ends, form)
    }

    /// The form keyed `key` (lower-cased), added if new: its number and
    /// whether it is new.
    pub fn form_or_insert(&mut self, key: &str) -> (u32, bool) {
        let h = hash(key.as_bytes());
        let (text, ends) = (&self.text, &self.ends);
        let found = self
            .index
            .find(h, |&f| key_of(text, ends, f) == key)
            .copied();
        if let Some(form) = found {
            return (form, false);
        }
        let form = self.ends.len() as u32;
        self.text.push_str(key);
        self.ends.push(self.text.len() as u32);
        let (text, ends) = (&self.text, &self.ends);
        self.index
            .insert_unique(h, form, |&f| hash(key_of(text, ends, f).as_bytes()));
        (form, true)
    }

    /// Notes how a form is spelled (folded, with its case), for
    /// [`Forms::may_start`].
    pub fn add_spelling(&mut self, spelling: &str) {
        match *spelling.as_bytes() {
            [a, ..] if a.is_ascii_uppercase() => {}
            [a, b, ..] => self.starts.insert(a, b.to_ascii_lowercase()),
            // A one-byte form is followed by anything.
            [a] => (0..=255).for_each(|b| self.starts.insert(a, b)),
            [] => {}
        }
    }

    /// The automaton over the keys.
    pub fn compile(self) -> Result<Forms, Error> {
        let FormKeys {
            text, ends, starts, ..
        } = self;
        let key = |f: u32| key_of(&text, &ends, f);
        // Bytes of keys by first byte, then first bytes dealt out to parts
        // of about equal size: consecutive bytes, as the sizes come.
        let mut size = [0usize; 256];
        for f in 0..ends.len() as u32 {
            let k = key(f).as_bytes();
            size[usize::from(k[0])] += k.len();
        }
        let total: usize = size.iter().sum();
        let parts = PARTS;
        let mut part_of = [NO_PART; 256];
        let (mut part, mut filled) = (0usize, 0usize);
        for b in 0..256 {
            if size[b] == 0 {
                continue;
            }
            if filled > 0 && filled + size[b] / 2 > total * (part + 1) / parts {
                part = (part + 1).min(parts - 1);
            }
            part_of[b] = part as u8;
            filled += size[b];
        }
        let mut forms_of: Vec<Vec<u32>> = vec![Vec::new(); part + 1];
        for f in 0..ends.len() as u32 {
            forms_of[usize::from(part_of[usize::from(key(f).as_bytes()[0])])].push(f);
        }
        // The parts are built a thread per core, each thread taking every
        // so many parts: at most that many are being built at once, so the
        // memory a build needs for a while is that of a few parts.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(forms_of.len());
        let mut shares: Vec<Vec<(usize, Vec<u32>)>> = vec![Vec::new(); threads];
        for (p, forms) in forms_of.into_iter().enumerate() {
            shares[p % threads].push((p, forms));
        }
        let mut parts: Vec<(usize, Result<Part, Error>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .into_iter()
                .map(|share| {
                    scope.spawn(move || {
                        share
                            .into_iter()
                            .map(|(p, forms)| (p, Part::build(forms, key)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        parts.sort_by_key(|&(p, _)| p);
        Ok(Forms {
            parts: parts
                .into_iter()
                .map(|(_, part)| part)
                .collect::<Result<_, _>>()?,
            part_of,
            starts,
            text,
            ends,
        })
    }
}

fn key_of<'a>(text: &'a str, ends: &[u32], form: u32) -> &'a str {
    let f = form as usize;
    let start = if f == 0 { 0 } else { ends[f - 1] as usize };
    &text[start..ends[f] as usize]
}

/// One automaton: the forms whose first byte is in its share.
#[derive(Clone, Debug)]
struct Part {
    nfa: NFA,
    start: StateID,
    /// Per pattern of `nfa`, its form.
    forms: Vec<u32>,
    /// Where a walk is after a first token: see [`Forms::start_token`].
    first: WordMap<FirstToken>,
}

impl Part {
    fn build<'a>(forms: Vec<u32>, key: impl Fn(u32) -> &'a str) -> Result<Part, Error> {
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(forms.iter().map(|&f| key(f)))
            .map_err(|e| {
                Error::new(
                    ErrorKind::Limit,
                    format!("the gazetteer forms do not fit the matcher: {e}"),
                )
            })?;
        let start = nfa.start_state(Anchored::Yes).map_err(|e| {
            Error::new(
                ErrorKind::Limit,
                format!("the matcher cannot search anchored: {e}"),
            )
        })?;
        // Every prefix of a key that a token of text can be: no space in
        // it, and ending where the key does or before a byte that starts a
        // character and is no ASCII letter or digit (a token of text ends
        // before no other byte, unless Unicode word bounds cut it inside a
        // word; then the matcher walks).
        let mut first: WordMap<FirstToken> = WordMap::with_capacity(forms.len());
        let mut note = |prefix: &[u8], state, form: Option<u32>| {
            let at = first.get_or_insert_with(prefix, || FirstToken {
                state,
                form: NO_FORM,
                more: false,
            });
            match form {
                Some(form) => at.form = form,
                None => at.more = true,
            }
        };
        'keys: for &f in &forms {
            let k = key(f).as_bytes();
            let mut state = start;
            for (i, &b) in k.iter().enumerate() {
                if i > 0 && !b.is_ascii_alphanumeric() && !is_continuation(b) {
                    note(&k[..i], state, None);
                    if b.is_ascii_whitespace() {
                        continue 'keys;
                    }
                }
                state = nfa.next_state(Anchored::Yes, state, b);
            }
            note(k, state, Some(f));
        }
        Ok(Part {
            nfa,
            start,
            forms,
            first,
        })
    }
}

/// What a search has found after its first token.
#[derive(Clone, Copy, Debug)]
struct FirstToken {
    state: StateID,
    /// The form that is the token, or [`NO_FORM`].
    form: u32,
    /// Some form goes on after the token.
    more: bool,
}

/// No form.
const NO_FORM: u32 = u32::MAX;

/// What [`Forms::start_token`] found.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Started {
    /// The walk after the token.
    pub walk: Walk,
    /// The form that is the token.
    pub form: Option<u32>,
    /// Whether a longer form may follow.
    pub more: bool,
}

/// Whether `b` continues a UTF-8 character.
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Where an anchored walk through the forms is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Walk {
    part: u8,
    state: StateID,
    /// Bytes walked from the start.
    len: usize,
}

/// The forms, compiled for the matcher.
#[derive(Clone, Debug)]
pub(crate) struct Forms {
    parts: Vec<Part>,
    /// The part of each first byte (lower-cased), or [`NO_PART`].
    part_of: [u8; 256],
    starts: StartSet,
    /// The keys, as in [`FormKeys`].
    text: String,
    ends: Vec<u32>,
}

impl Forms {
    /// The number of forms.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The key of form `form`.
    pub fn key(&self, form: u32) -> &str {
        key_of(&self.text, &self.ends, form)
    }

    /// A walk from the start of text whose first byte is `first`; `None`
    /// when no form starts with it.
    #[inline]
    pub fn start(&self, first: u8) -> Option<Walk> {
        let part = self.part_of[usize::from(first.to_ascii_lowercase())];
        (part != NO_PART).then(|| Walk {
            part,
            state: self.parts[usize::from(part)].start,
            len: 0,
        })
    }

    /// A walk over `token`, the first token of a search, followed in the
    /// text by `next` (0 at its end); `None` when no form starts so.
    ///
    /// Where `next` is no ASCII letter or digit, the state after the token
    /// is looked up, as one word, among the prefixes of the keys that a
    /// token can be: one probe where the walk takes a step a byte, and
    /// most of the time the probe that tells a capitalised word of news
    /// that starts no form ("Monday") from one that does.
    #[inline]
    pub fn start_token(&self, token: &[u8], next: u8) -> Option<Started> {
        let walk = self.start(*token.first()?)?;
        if next.is_ascii_alphanumeric() {
            let walk = self.step(walk, token)?;
            return Some(Started {
                walk,
                form: self.form(walk),
                more: true,
            });
        }
        let part = &self.parts[usize::from(walk.part)];
        part.first.get_ascii_lower(token).map(|at| Started {
            walk: Walk {
                state: at.state,
                len: token.len(),
                ..walk
            },
            form: (at.form != NO_FORM).then_some(at.form),
            more: at.more,
        })
    }

    /// Walks on over `bytes` (ASCII capitals read as small letters);
    /// `None` when no form goes on so.
    #[inline]
    pub fn step(&self, walk: Walk, bytes: &[u8]) -> Option<Walk> {
        let nfa = &self.parts[usize::from(walk.part)].nfa;
        let mut state = walk.state;
        for &b in bytes {
            state = nfa.next_state(Anchored::Yes, state, b.to_ascii_lowercase());
            if nfa.is_dead(state) {
                return None;
            }
        }
        Some(Walk {
            state,
            len: walk.len + bytes.len(),
            ..walk
        })
    }

    /// The form whose key is exactly what `walk` has walked, if any.
    #[inline]
    pub fn form(&self, walk: Walk) -> Option<u32> {
        let part = &self.parts[usize::from(walk.part)];
        let nfa = &part.nfa;
        if !nfa.is_match(walk.state) {
            return None;
        }
        // A match state may also list forms that end here but started
        // later (its suffixes), after its own: the form walked, if the
        // state has one, is first, and as long as the walk.
        let p = nfa.match_pattern(walk.state, 0);
        (nfa.pattern_len(p) == walk.len).then(|| part.forms[p.as_usize()])
    }

    /// The form whose key is exactly `key`.
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        let walk = self.start(*key.first()?)?;
        self.form(self.step(walk, key)?)
    }

    /// Whether a form as spelled may match text starting with the bytes
    /// `first` and `second` (lower-cased; 0 at the end of the text), when
    /// `first` is not an ASCII capital.
    ///
    /// Every form's case check ([`CasePolicy`](crate::gazetteer::CasePolicy))
    /// wants an ASCII capital of the form to be one in the text, and keys
    /// differ from spellings only in ASCII case: so text starting with any
    /// other byte matches only forms spelled with that very byte first,
    /// which are few ("al-Qaeda", "6th Fleet"). Most tokens of news start
    /// with a small letter, a digit or a mark; this lets the matcher skip
    /// their walks with a bit test in 8 KB.
    #[inline]
    pub fn may_start(&self, first: u8, second: u8) -> bool {
        self.starts.contains(first, second)
    }
}

/// A set of byte pairs: 65,536 bits, 8 KB.
#[derive(Clone)]
struct StartSet(Box<[u64; 1024]>);

impl Default for StartSet {
    fn default() -> StartSet {
        StartSet(Box::new([0; 1024]))
    }
}

impl std::fmt::Debug for StartSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        write!(f, "StartSet({n} pairs)")
    }
}

impl StartSet {
    fn insert(&mut self, a: u8, b: u8) {
        let i = usize::from(a) << 8 | usize::from(b);
        self.0[i >> 6] |= 1 << (i & 63);
    }

    fn contains(&self, a: u8, b: u8) -> bool {
        let i = usize::from(a) << 8 | usize::from(b);
        self.0[i >> 6] & (1 << (i & 63)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(keys: &[&str]) -> Forms {
        let mut k = FormKeys::with_capacity(1);
        for key in keys {
            k.form_or_insert(key);
        }
        k.compile().unwrap()
    }

    #[test]
    fn keys_are_numbered_once() {
        let mut k = FormKeys::with_capacity(1);
        assert_eq!(k.form_or_insert("john f. kerry"), (0, true));
        assert_eq!(k.form_or_insert("john"), (1, true));
        assert_eq!(k.form_or_insert("john f. kerry"), (0, false));
        // Grown past its first size, everything is still there.
        for i in 0..100 {
            k.form_or_insert(&format!("form {i}"));
        }
        assert_eq!(k.len(), 102);
        assert_eq!(k.key(101), "form 99");
        assert_eq!(k.form_or_insert("form 99"), (101, false));
    }

    #[test]
    fn walks_find_whole_keys_only() {
        let f = compiled(&["john f. kerry", "john", "kerry", "f. kerry"]);
        assert_eq!(f.get(b"john"), Some(1));
        assert_eq!(f.get(b"John F. Kerry"), Some(0));
        // A prefix of a key, a suffix of one, or more than one: none.
        assert_eq!(f.get(b"john f."), None);
        assert_eq!(f.get(b"john f. kerry's"), None);
        assert_eq!(f.get(b"zohn"), None);
        // Walking on from a form to a longer one.
        let w = f.start(b'J').unwrap();
        let w = f.step(w, b"John").unwrap();
        assert_eq!(f.form(w), Some(1));
        let w = f.step(w, b" F.").unwrap();
        assert_eq!(f.form(w), None, "\"f. kerry\" ends later, not here");
        let w = f.step(w, b" Kerry").unwrap();
        // "kerry" and "f. kerry" end here too; the form walked is the whole.
        assert_eq!(f.form(w), Some(0));
        assert!(f.step(w, b" said").is_none());
    }

    #[test]
    fn every_key_is_found_in_every_part() {
        let keys: Vec<String> = (0..5000)
            .map(|i| {
                format!(
                    "{} {i}",
                    ["place", "town", "al-", "6th", "zulu", "\u{e9}cole"][i % 6]
                )
            })
            .collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let f = compiled(&refs);
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(f.get(k.as_bytes()), Some(i as u32), "{k}");
            assert_eq!(f.key(i as u32), k);
        }
        assert_eq!(f.get(b"place"), None);
        let strangers = (0..5000).filter(|i| f.get(format!("city {i}").as_bytes()).is_some());
        assert_eq!(strangers.count(), 0);
    }

    #[test]
    fn no_forms() {
        let f = FormKeys::default().compile().unwrap();
        assert_eq!(f.len(), 0);
        assert!(f.start(b'a').is_none());
        assert_eq!(f.get(b"a"), None);
    }
}
