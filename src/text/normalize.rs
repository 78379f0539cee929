//! Typographic folding with a map back to original byte offsets.
//!
//! Matching runs on a folded copy of the text in which curly quotes become
//! straight ones, dashes become `-`, and the odd spaces (NBSP, thin space) and
//! box characters become a plain space. Every folded character is exactly one
//! ASCII byte, so each offset of the folded copy that lies on a character
//! boundary has exactly one original offset, found by a binary search over the
//! places where lengths changed. Text without any such character is borrowed,
//! not copied.

use std::borrow::Cow;

/// The folded text and the way back to the original.
#[derive(Clone, Debug)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    /// `(folded offset, original offset)` after each replacement, ascending.
    shifts: Vec<(usize, usize)>,
}

/// The ASCII byte a character folds to, if it is folded.
pub fn fold_char(c: char) -> Option<u8> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => Some(b'\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Some(b'"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Some(b'-'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(b' '),
        // Boxes and bullets left behind by scrapers.
        '\u{25A1}' | '\u{25A0}' | '\u{2022}' | '\u{25CF}' | '\u{FFFD}' => Some(b' '),
        _ => None,
    }
}

impl<'a> Normalized<'a> {
    /// Folds `text`. Borrows it when nothing needs folding.
    pub fn new(text: &'a str) -> Normalized<'a> {
        if text.is_ascii() {
            return Normalized {
                text: Cow::Borrowed(text),
                shifts: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        for (i, c) in text.char_indices() {
            match fold_char(c) {
                Some(b) => {
                    out.push(b as char);
                    shifts.push((out.len(), i + c.len_utf8()));
                }
                None => out.push(c),
            }
        }
        if shifts.is_empty() {
            return Normalized {
                text: Cow::Borrowed(text),
                shifts,
            };
        }
        Normalized {
            text: Cow::Owned(out),
            shifts,
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps an offset of the folded text (on a char boundary) to the original.
    pub fn to_original(&self, offset: usize) -> usize {
        // Last shift point at or before `offset`.
        match self.shifts.partition_point(|&(folded, _)| folded <= offset) {
            0 => offset,
            i => {
                let (folded, original) = self.shifts[i - 1];
                original + (offset - folded)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_borrowed() {
        let n = Normalized::new("Kerry met Lavrov.");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert_eq!(n.to_original(5), 5);
    }

    #[test]
    fn folds_and_maps_back() {
        let text = "Russia\u{2019}s \u{201C}talks\u{201D} \u{2013} Munich\u{00A0}now";
        let n = Normalized::new(text);
        assert_eq!(n.as_str(), "Russia's \"talks\" - Munich now");
        let folded = n.as_str();
        for (i, _) in folded.char_indices().chain([(folded.len(), ' ')]) {
            let o = n.to_original(i);
            assert!(text.is_char_boundary(o), "offset {i} -> {o}");
        }
        let m = folded.find("Munich").unwrap();
        let o = n.to_original(m);
        assert_eq!(&text[o..n.to_original(m + 6)], "Munich");
        assert_eq!(n.to_original(folded.len()), text.len());
    }

    #[test]
    fn non_ascii_without_folding_is_borrowed() {
        let n = Normalized::new("Erdoğan in Zürich");
        assert!(matches!(n.text, Cow::Borrowed(_)));
    }
}
