//! A map from words to small values, for the per-token lookups of the
//! pipeline: the rule vocabulary, the guesser's word lists, the given names.
//!
//! Every token of a document is looked up in these, so a lookup must cost
//! little more than reading one cache line. A key of up to 16 bytes (nearly
//! every word) is stored in its slot of a `hashbrown` table, packed into two
//! integers: a probe packs the token the same way, hashes the two integers
//! with two multiplications and compares them, with no pointer to follow and
//! no string comparison. Longer keys go to a hash map beside the table.
//!
//! Keys are bytes, compared exactly; [`WordMap::get_ascii_lower`] looks up
//! the ASCII-lower-cased form of a word without writing it out. The tables
//! hold gazetteer and rule data only; text only probes them.

use hashbrown::HashTable;
use rustc_hash::FxHashMap;

/// Keys up to this many bytes live in the table itself.
pub(crate) const INLINE: usize = 16;

#[derive(Clone, Copy, Debug)]
struct Slot<V> {
    key: [u64; 2],
    /// The key's length, 1 to [`INLINE`].
    len: u32,
    value: V,
}

/// Words to values of type `V`.
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    /// Keys of 1 to [`INLINE`] bytes.
    short: HashTable<Slot<V>>,
    /// Keys longer than [`INLINE`] bytes.
    long: FxHashMap<Box<[u8]>, V>,
    empty_key: Option<V>,
    /// The longest key: a longer word is none.
    longest: usize,
}

impl<V: Copy> Default for WordMap<V> {
    fn default() -> WordMap<V> {
        WordMap::with_capacity(0)
    }
}

/// `bytes` (at most [`INLINE`] of them) as two little-endian integers,
/// zero-padded; ASCII capitals lower-cased if `lower`.
///
/// Read with fixed-size loads that may overlap (no copy of a slice of
/// unknown length, which would be a call to `memcpy` per word).
#[inline]
pub(crate) fn pack(bytes: &[u8], lower: bool) -> [u64; 2] {
    debug_assert!(bytes.len() <= INLINE);
    let n = bytes.len();
    let key = if n > 8 {
        // The last eight bytes, shifted so that those also in the first
        // eight fall off.
        [read_u64(bytes, 0), read_u64(bytes, n - 8) >> (8 * (16 - n))]
    } else {
        [read_short(bytes), 0]
    };
    if lower {
        key.map(ascii_lower)
    } else {
        key
    }
}

#[inline]
fn read_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

#[inline]
fn read_u32(bytes: &[u8], at: usize) -> u64 {
    u64::from(u32::from_le_bytes(
        bytes[at..at + 4].try_into().expect("four bytes"),
    ))
}

/// Up to eight bytes as a little-endian integer, zero-padded.
#[inline]
fn read_short(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    match n {
        8 => read_u64(bytes, 0),
        // Two loads of four that overlap where n < 8: the shared bytes
        // are the same in both.
        4..=7 => read_u32(bytes, 0) | read_u32(bytes, n - 4) << (8 * (n - 4)),
        1..=3 => {
            let at = |i: usize| u64::from(bytes[i]) << (8 * i);
            at(0) | at(n / 2) | at(n - 1)
        }
        _ => 0,
    }
}

/// Each byte of `word` that is an ASCII capital, lower-cased, eight at once.
#[inline]
fn ascii_lower(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte, on its low seven bits (no carry leaves a byte): the high
    // bit is set from 'A' up, and from one past 'Z' up.
    let low = word & (0x7F * ONES);
    let from_a = low + (0x80 - u64::from(b'A')) * ONES;
    let past_z = low + (0x80 - u64::from(b'Z') - 1) * ONES;
    // Capitals: from 'A', not past 'Z', and ASCII to begin with.
    let caps = from_a & !past_z & !word & (0x80 * ONES);
    word | caps >> 2
}

#[inline]
fn hash(key: [u64; 2], len: usize) -> u64 {
    let h = key[0].wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ key[1].wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ len as u64;
    // Both ends of the hash are used by the table: mix the high bits down.
    let h = h.wrapping_mul(0x1656_67B1_9E37_79F9);
    h ^ h >> 32
}

impl<V: Copy> WordMap<V> {
    /// An empty map with room for `words` words before it grows.
    pub fn with_capacity(words: usize) -> WordMap<V> {
        WordMap {
            short: HashTable::with_capacity(words),
            long: FxHashMap::default(),
            empty_key: None,
            longest: 0,
        }
    }

    /// How many words the map holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len() + usize::from(self.empty_key.is_some())
    }

    /// The value of `word`, or `None`.
    #[inline]
    pub fn get(&self, word: &[u8]) -> Option<V> {
        self.find(word, false)
    }

    /// The value of `word` with its ASCII capitals lower-cased (other bytes
    /// as they are), or `None`.
    #[inline]
    pub fn get_ascii_lower(&self, word: &[u8]) -> Option<V> {
        self.find(word, true)
    }

    #[inline]
    fn find(&self, word: &[u8], lower: bool) -> Option<V> {
        match word.len() {
            0 => self.empty_key,
            n if n > self.longest => None,
            n if n > INLINE => {
                if lower {
                    self.long.get(&*word.to_ascii_lowercase()).copied()
                } else {
                    self.long.get(word).copied()
                }
            }
            n => {
                let key = pack(word, lower);
                self.short
                    .find(hash(key, n), |s| s.key == key && s.len as usize == n)
                    .map(|s| s.value)
            }
        }
    }

    /// The value of `word`, inserted by `make` if it is not there yet.
    pub fn get_or_insert_with(&mut self, word: &[u8], make: impl FnOnce() -> V) -> &mut V {
        self.longest = self.longest.max(word.len());
        if word.is_empty() {
            return self.empty_key.get_or_insert_with(make);
        }
        if word.len() > INLINE {
            return self.long.entry(word.into()).or_insert_with(make);
        }
        let (key, len) = (pack(word, false), word.len());
        let slot = self
            .short
            .entry(
                hash(key, len),
                |s| s.key == key && s.len as usize == len,
                |s| hash(s.key, s.len as usize),
            )
            .or_insert_with(|| Slot {
                key,
                len: len as u32,
                value: make(),
            });
        &mut slot.into_mut().value
    }

    /// Sets the value of `word`.
    pub fn insert(&mut self, word: &[u8], value: V) {
        *self.get_or_insert_with(word, || value) = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[test]
    fn ascii_lower_by_eight() {
        // Every byte in every place, beside every other.
        let mut all: Vec<u8> = (0..=255).collect();
        all.extend((0..=255u8).flat_map(|b| [b; 8]));
        all.extend((0..=255u8).rev());
        for chunk in all.chunks(8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap());
            let want: Vec<u8> = chunk.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(ascii_lower(word).to_le_bytes().to_vec(), want);
        }
    }

    #[test]
    fn packs_like_bytes_one_by_one() {
        let text: Vec<u8> = (1..=16u32).map(|i| (0xF0 ^ (i * 37)) as u8).collect();
        for n in 0..=INLINE {
            let bytes = &text[..n];
            let mut want = [0u64; 2];
            for (i, &b) in bytes.iter().enumerate() {
                want[i / 8] |= u64::from(b) << (8 * (i % 8));
            }
            assert_eq!(pack(bytes, false), want, "{n} bytes");
        }
    }

    #[test]
    fn lookups() {
        let mut m: WordMap<u32> = WordMap::with_capacity(2);
        for (i, w) in [
            "said",
            "",
            "secretary-general-elect",
            "'s",
            "über",
            "0123456789abcdef",
        ]
        .iter()
        .enumerate()
        {
            m.insert(w.as_bytes(), i as u32);
        }
        assert_eq!(m.len(), 6);
        assert_eq!(m.get(b"said"), Some(0));
        assert_eq!(m.get(b"Said"), None);
        assert_eq!(m.get_ascii_lower(b"SAID"), Some(0));
        assert_eq!(m.get(b""), Some(1));
        assert_eq!(m.get_ascii_lower(b"Secretary-General-Elect"), Some(2));
        assert_eq!(m.get(b"'s"), Some(3));
        // Only ASCII capitals are lower-cased.
        assert_eq!(m.get_ascii_lower("über".as_bytes()), Some(4));
        assert_eq!(m.get_ascii_lower("Über".as_bytes()), None);
        assert_eq!(m.get(b"0123456789abcdef"), Some(5));
        assert_eq!(m.get(b"0123456789abcdeg"), None);
        // A prefix padded with zeros is not the word.
        assert_eq!(m.get(b"sai"), None);
        assert_eq!(m.get(b"said\0"), None);
        m.insert(b"said", 9);
        assert_eq!((m.get(b"said"), m.len()), (Some(9), 6));
    }

    proptest! {
        /// The map agrees with a `HashMap` on every word inserted and on
        /// others, exactly and lower-cased, across growth.
        #[test]
        fn agrees_with_hashmap(
            words in proptest::collection::vec("[a-zA-Z'\\-\\x{e9}\\x{0}]{0,20}", 0..300),
            probes in proptest::collection::vec("[a-zA-Z'\\-\\x{e9}\\x{0}]{0,20}", 0..100),
        ) {
            let mut m: WordMap<usize> = WordMap::default();
            let mut h: HashMap<Vec<u8>, usize> = HashMap::new();
            for (i, w) in words.iter().enumerate() {
                m.insert(w.as_bytes(), i);
                h.insert(w.as_bytes().to_vec(), i);
            }
            prop_assert_eq!(m.len(), h.len());
            for w in words.iter().chain(&probes) {
                let b = w.as_bytes();
                prop_assert_eq!(m.get(b), h.get(b).copied());
                prop_assert_eq!(m.get_ascii_lower(b), h.get(&b.to_ascii_lowercase()).copied());
            }
        }
    }
}
