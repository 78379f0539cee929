//! The compiled form table: every gazetteer form, keyed by its text.
//!
//! A mention must start and end on token boundaries, so the matcher does not
//! need to find forms at every byte as an automaton does: it looks up, at
//! each token, the text from that token to the end of the next ones, one
//! token more at a time, for as long as that text is a form or the start of
//! one (a *prefix*: "john f." of "john f. kerry"). Most tokens cost one hash
//! probe that misses. Building the table costs one hash insert per form and
//! per prefix, a fraction of what an Aho-Corasick automaton over the same
//! 160,000 forms takes (see the `gazetteer` group of the benches).
//!
//! Keys are ASCII-lower-cased folded text, so lookups are ASCII
//! case-insensitive, like the automaton the table replaces; each form's own
//! case policy is checked by the matcher. The keys live back to back in one
//! buffer and the table is open addressing over indices into it, so a
//! gazetteer of any size costs a handful of allocations. Each slot also
//! holds its key's first 16 bytes: a probe reads the key buffer only for
//! the rare longer key.

use std::hash::Hasher;

use crate::fnv::Fnv;
use crate::text::tokenize;
use crate::words::{pack, INLINE};

const EMPTY: u32 = u32::MAX;

/// A key of the table: a form, a prefix of longer forms, or both.
#[derive(Clone, Copy, Debug)]
struct Slot {
    hash: u64,
    /// The first [`INLINE`] bytes of the key, packed: most keys are
    /// compared without reading the key buffer.
    head: [u64; 2],
    start: u32,
    len: u32,
    /// The form with exactly this key, or [`EMPTY`].
    form: u32,
    /// Some longer form starts with this key and a token boundary.
    prefix: bool,
}

/// What a key is in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Probe {
    /// The form with exactly this key, if any.
    pub form: Option<u32>,
    /// Whether a longer form may follow.
    pub prefix: bool,
}

/// Forms by key, with the prefixes of the multi-token ones.
#[derive(Clone, Debug, Default)]
pub(crate) struct FormTable {
    /// Every key, back to back.
    text: Vec<u8>,
    slots: Vec<Slot>,
    /// Open addressing (linear probing) over `slots`; a power of two long.
    buckets: Vec<u32>,
    /// Per form, its slot.
    forms: Vec<u32>,
    /// The most tokens of any form.
    max_tokens: usize,
    /// Which first two bytes a form may start with in text whose first
    /// byte is not an ASCII capital: see [`FormTable::may_start`].
    starts: StartSet,
    /// A Bloom filter of the keys, 8 bits a key, built by
    /// [`seal`](Self::seal): see [`FormTable::probe`].
    bloom: Vec<u64>,
    /// A buffer for keys being added.
    scratch: Vec<u8>,
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

fn hash(key: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(key);
    h.finish()
}

/// The bucket bits of a hash: FNV's low bits alone cluster on keys that
/// differ in their last bytes, so the high bits are folded in.
#[inline]
fn spread(h: u64) -> usize {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
}

/// Whether the tokenizer cuts `spelling` exactly at its spaces: words of
/// letters and digits (any script), maybe joined by single hyphens, between
/// single spaces. Most forms are such ("Shahrak-e Qods", "Lavāsān"), and
/// their prefixes need no tokenizer run.
pub(crate) fn cut_at_spaces(spelling: &str) -> bool {
    if spelling.is_ascii() {
        // The same, byte by byte.
        let b = spelling.as_bytes();
        return !b.is_empty()
            && b.iter().enumerate().all(|(i, &c)| match c {
                b' ' => i > 0 && b[i - 1] != b' ' && i + 1 < b.len(),
                b'-' => {
                    i > 0
                        && b[i - 1].is_ascii_alphanumeric()
                        && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
                }
                c => c.is_ascii_alphanumeric(),
            })
            && b.last() != Some(&b' ');
    }
    let mut prev = ' ';
    let mut chars = spelling.chars().peekable();
    while let Some(c) = chars.next() {
        let ok = match c {
            ' ' => prev != ' ' && chars.peek().is_some(),
            '-' => prev.is_alphanumeric() && chars.peek().is_some_and(|n| n.is_alphanumeric()),
            c => c.is_alphanumeric(),
        };
        if !ok {
            return false;
        }
        prev = c;
    }
    prev != ' '
}

/// The word of a Bloom filter of `words` words (a power of two) and the
/// three bits in it that stand for a key of hash `h`. One word per key keeps
/// a lookup to one cache line.
#[inline]
fn bloom_bits(h: u64, words: usize) -> (usize, u64) {
    let h = h.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let word = (h >> 40) as usize & (words - 1);
    let bits = 1 << (h & 63) | 1 << ((h >> 6) & 63) | 1 << ((h >> 12) & 63);
    (word, bits)
}

impl FormTable {
    /// An empty table with room for about `keys` keys.
    pub fn with_capacity(keys: usize) -> FormTable {
        FormTable {
            text: Vec::with_capacity(keys * 12),
            slots: Vec::with_capacity(keys),
            buckets: vec![EMPTY; (keys * 2).next_power_of_two().max(16)],
            forms: Vec::with_capacity(keys),
            max_tokens: 0,
            starts: StartSet::default(),
            bloom: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// The number of forms.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// The key of form `form`.
    pub fn key(&self, form: u32) -> &[u8] {
        self.slot_key(&self.slots[self.forms[form as usize] as usize])
    }

    fn slot_key(&self, s: &Slot) -> &[u8] {
        &self.text[s.start as usize..(s.start + s.len) as usize]
    }

    /// Whether `s` is the slot of `key`.
    #[inline]
    fn is_key(&self, s: &Slot, key: &[u8]) -> bool {
        let head = &key[..key.len().min(INLINE)];
        s.len as usize == key.len()
            && s.head == pack(head, false)
            && (key.len() <= INLINE || self.slot_key(s)[INLINE..] == key[INLINE..])
    }

    /// The bucket holding `key`, or the empty bucket where it would go.
    fn bucket(&self, key: &[u8], h: u64) -> usize {
        let mask = self.buckets.len() - 1;
        let mut b = spread(h) & mask;
        loop {
            match self.buckets[b] {
                EMPTY => return b,
                i => {
                    let s = &self.slots[i as usize];
                    if s.hash == h && self.is_key(s, key) {
                        return b;
                    }
                }
            }
            b = (b + 1) & mask;
        }
    }

    /// The slot of `key`, added if new.
    fn slot(&mut self, key: &[u8]) -> usize {
        if self.slots.len() * 2 >= self.buckets.len() {
            self.grow();
        }
        let h = hash(key);
        let b = self.bucket(key, h);
        if self.buckets[b] != EMPTY {
            return self.buckets[b] as usize;
        }
        let i = self.slots.len();
        self.slots.push(Slot {
            hash: h,
            head: pack(&key[..key.len().min(INLINE)], false),
            start: self.text.len() as u32,
            len: key.len() as u32,
            form: EMPTY,
            prefix: false,
        });
        self.text.extend_from_slice(key);
        self.buckets[b] = i as u32;
        i
    }

    fn grow(&mut self) {
        let size = (self.buckets.len() * 2).max(16);
        self.buckets = vec![EMPTY; size];
        let mask = size - 1;
        for (i, s) in self.slots.iter().enumerate() {
            let mut b = spread(s.hash) & mask;
            while self.buckets[b] != EMPTY {
                b = (b + 1) & mask;
            }
            self.buckets[b] = i as u32;
        }
    }

    /// The form keyed `key` (lower-cased), added if new: its number and
    /// whether it is new.
    pub fn form_or_insert(&mut self, key: &str) -> (u32, bool) {
        let i = self.slot(key.as_bytes());
        match self.slots[i].form {
            EMPTY => {
                let form = self.forms.len() as u32;
                self.slots[i].form = form;
                self.forms.push(i as u32);
                (form, true)
            }
            form => (form, false),
        }
    }

    /// Adds the prefixes of `form` as `spelling` (the form as written, of
    /// the key's length) cuts it into tokens: every token end inside it. A
    /// form is so found however the case of the text makes the tokenizer
    /// cut it ("F." as an initial, "f" and "." in lower case). Returns
    /// whether the spelling was cut at its spaces ([`cut_at_spaces`]): any
    /// other spelling of the form so cut adds the same prefixes.
    pub fn add_prefixes(&mut self, form: u32, spelling: &str) -> bool {
        let key_len = self.key(form).len();
        if spelling.len() != key_len {
            return false;
        }
        let start = self.slots[self.forms[form as usize] as usize].start as usize;
        let bytes = spelling.as_bytes();
        if cut_at_spaces(spelling) {
            let mut words = 1;
            for (i, &b) in bytes.iter().enumerate() {
                if b == b' ' {
                    words += 1;
                    self.add_prefix(start, i);
                }
            }
            self.max_tokens = self.max_tokens.max(words);
            return true;
        }
        let tokens = tokenize(spelling);
        self.max_tokens = self.max_tokens.max(tokens.len());
        for t in tokens.iter().rev().skip(1) {
            self.add_prefix(start, t.span.end);
        }
        false
    }

    /// Marks the first `len` bytes of the key at `start` of `text` a prefix.
    fn add_prefix(&mut self, start: usize, len: usize) {
        let mut key = std::mem::take(&mut self.scratch);
        key.clear();
        key.extend_from_slice(&self.text[start..start + len]);
        let i = self.slot(&key);
        self.slots[i].prefix = true;
        self.scratch = key;
    }

    /// Notes how a form is spelled (folded, with its case), for
    /// [`may_start`](Self::may_start).
    pub fn add_spelling(&mut self, spelling: &str) {
        match *spelling.as_bytes() {
            [a, ..] if a.is_ascii_uppercase() => {}
            [a, b, ..] => self.starts.insert(a, b.to_ascii_lowercase()),
            // A one-byte form is followed by anything.
            [a] => (0..=255).for_each(|b| self.starts.insert(a, b)),
            [] => {}
        }
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
    /// their probes with a bit test in 8 KB.
    #[inline]
    pub fn may_start(&self, first: u8, second: u8) -> bool {
        self.starts.contains(first, second)
    }

    /// Builds the Bloom filter once every key is in; keys added later
    /// would be missed, so the table is done.
    pub fn seal(&mut self) {
        let words = (self.slots.len() * 8 / 64).next_power_of_two().max(1);
        self.bloom = vec![0; words];
        for i in 0..self.slots.len() {
            let (word, bits) = bloom_bits(self.slots[i].hash, words);
            self.bloom[word] |= bits;
        }
    }

    /// What `key` (lower-cased) is.
    ///
    /// Most probes miss: a token that starts no form, or one token more
    /// than any form has. The table is megabytes and a probe reads it at
    /// random, so before it, a Bloom filter a thirty-second of its size (it
    /// stays in the cache) turns away all but a few percent of the misses.
    #[inline]
    pub fn probe(&self, key: &[u8]) -> Option<Probe> {
        let h = hash(key);
        if !self.bloom.is_empty() {
            let (word, bits) = bloom_bits(h, self.bloom.len());
            if self.bloom[word] & bits != bits {
                return None;
            }
        }
        match self.buckets[self.bucket(key, h)] {
            EMPTY => None,
            i => {
                let s = &self.slots[i as usize];
                Some(Probe {
                    form: (s.form != EMPTY).then_some(s.form),
                    prefix: s.prefix,
                })
            }
        }
    }

    /// The form whose key is exactly `key`.
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        self.probe(key).and_then(|p| p.form)
    }

    /// The most tokens of any form.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_spellings_cut_like_the_tokenizer() {
        // The fast path of `add_prefixes` takes spaces as the only token
        // ends of letters and digits; the tokenizer must agree.
        for spelling in [
            "10th Street",
            "F16 Squadron",
            "3M Company",
            "G20 summit in Hamburg",
            "Shahrak-e Qods",
            "Lavāsān",
            "Île-de-France",
        ] {
            assert!(cut_at_spaces(spelling), "{spelling}");
            let ends: Vec<usize> = tokenize(spelling).iter().map(|t| t.span.end).collect();
            let mut want: Vec<usize> = spelling.match_indices(' ').map(|(i, _)| i).collect();
            want.push(spelling.len());
            assert_eq!(ends, want, "{spelling}");
        }
    }

    proptest::proptest! {
        #[test]
        fn space_cut_agrees_with_the_tokenizer(s in "[a-zA-Z0-9 \u{e9}\u{101}\u{416}\u{2019}.'-]{1,24}") {
            if cut_at_spaces(&s) {
                let ends: Vec<usize> = tokenize(&s).iter().map(|t| t.span.end).collect();
                let mut want: Vec<usize> = s.match_indices(' ').map(|(i, _)| i).collect();
                want.push(s.len());
                proptest::prop_assert_eq!(ends, want);
            }
        }
    }

    #[test]
    fn forms_and_prefixes() {
        let mut t = FormTable::with_capacity(1);
        let (kerry, new) = t.form_or_insert("john f. kerry");
        assert!(new);
        t.add_prefixes(kerry, "John F. Kerry");
        t.add_prefixes(kerry, "john f. kerry");
        let (john, _) = t.form_or_insert("john");
        assert_eq!(t.form_or_insert("john"), (john, false));
        // Grown past its first size, everything is still there.
        for i in 0..100 {
            t.form_or_insert(&format!("form {i}"));
        }
        assert_eq!(t.len(), 102);
        let probe = |k: &str| t.probe(k.as_bytes());
        assert_eq!(
            probe("john"),
            Some(Probe {
                form: Some(john),
                prefix: true
            })
        );
        assert_eq!(
            probe("john f."),
            Some(Probe {
                form: None,
                prefix: true
            })
        );
        assert_eq!(t.get(b"john f. kerry"), Some(kerry));
        assert_eq!(t.get(b"form 99"), Some(101));
        assert_eq!(probe("kerry"), None);
        assert_eq!(t.max_tokens(), 3);
    }

    #[test]
    fn sealed_table_finds_every_key() {
        let mut t = FormTable::with_capacity(16);
        let keys: Vec<String> = (0..5000).map(|i| format!("place {i}")).collect();
        for k in &keys {
            let (f, _) = t.form_or_insert(k);
            t.add_prefixes(f, k);
        }
        t.seal();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(t.get(k.as_bytes()), Some(i as u32), "{k}");
        }
        assert!(t
            .probe(b"place")
            .is_some_and(|p| p.prefix && p.form.is_none()));
        // The filter turns away most strangers; none gets a form.
        let strangers = (0..5000).filter(|i| t.probe(format!("town {i}").as_bytes()).is_some());
        assert_eq!(strangers.count(), 0);
    }
}
