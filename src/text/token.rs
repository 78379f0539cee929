//! Tokens: words, numbers and punctuation with byte spans and shapes.
//!
//! The tokenizer walks the folded text byte by byte with an ASCII fast path.
//! Where a character is not ASCII, the Unicode word bounds of UAX #29 (the
//! `unicode-segmentation` crate) say how far a run of letters goes: a letter
//! keeps its combining marks ("Đoković" written with a combining acute), an
//! emoji sequence joined by ZWJ is one token, each Han character is a word.
//! The house rules then apply to every script alike: a word keeps its
//! internal hyphens ("Frank-Walter", "al-Assad"), apostrophes ("O'Brien") and
//! dots ("U.S."), and takes its final dot when it is an abbreviation ("Gen.",
//! "Feb.") or an initial ("F."); UAX #29 joins "Đoković's" into one word, and
//! here a possessive "'s" is a token of its own, so "Russia's" ends the name
//! "Russia" on a token boundary.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;

/// The orthographic shape of a token.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// First letter upper case, the rest not all upper case: "Kerry", "I".
    Capitalised,
    /// Two or more letters, all upper case: "MUNICH", "U.S.", "NATO".
    AllCaps,
    /// First letter lower case: "met", "al-Assad".
    Lower,
    /// Starts with a digit: "2016", "250,000".
    Number,
    /// A punctuation mark or symbol.
    Punct,
}

/// A token: its span, shape and a few facts about its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Span in the text the tokenizer was given.
    pub span: Span,
    /// The token's shape.
    pub shape: Shape,
    /// The token is a word that took its final dot ("U.S.", "Gen.", "F.").
    pub abbrev: bool,
    /// The token is the first of its line.
    pub line_start: bool,
    /// There is whitespace right before the token.
    pub space_before: bool,
}

impl Token {
    /// Whether the token is a word (letters or digits).
    pub fn is_word(&self) -> bool {
        !matches!(self.shape, Shape::Punct)
    }

    /// Whether the token starts with an upper-case letter.
    pub fn is_upper_initial(&self) -> bool {
        matches!(self.shape, Shape::Capitalised | Shape::AllCaps)
    }
}

/// Words that take a following dot as part of themselves.
const ABBREVIATIONS: &[&str] = &[
    "adm", "approx", "apr", "atty", "aug", "ave", "blvd", "bros", "brig", "capt", "cmdr", "co",
    "col", "corp", "cpl", "dec", "dept", "dr", "est", "etc", "feb", "fig", "fri", "ft", "gen",
    "gov", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mme", "mon",
    "mr", "mrs", "ms", "mt", "no", "nov", "oct", "pres", "prof", "rep", "rev", "sat", "sen", "sep",
    "sept", "sgt", "sr", "st", "sun", "supt", "thu", "tue", "univ", "vol", "vs", "wed",
];

/// Whether `word` (without its dot) is an abbreviation that takes a dot.
pub fn is_abbreviation(word: &str) -> bool {
    word.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// The character starting at byte `i` of `text` (which is on a boundary).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Splits `text` into tokens.
///
/// # Examples
///
/// ```
/// use newsgraph::text::{tokenize, Shape};
///
/// let text = "U.S. Secretary Kerry's \"talks\"";
/// let tokens = tokenize(text);
/// let words: Vec<&str> = tokens.iter().map(|t| &text[t.span]).collect();
/// assert_eq!(words, ["U.S.", "Secretary", "Kerry", "'s", "\"", "talks", "\""]);
/// assert_eq!(tokens[0].shape, Shape::AllCaps);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with(text, true)
}

/// [`tokenize`], with or without the ASCII fast path (the tests compare).
fn tokenize_with(text: &str, fast: bool) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut line_start = true;
    let mut space_before = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b == b'\n' || b == b'\r' {
                line_start = true;
                space_before = true;
                i += 1;
                continue;
            }
            if b.is_ascii_whitespace() || b < 0x20 || b == 0x7f {
                space_before = true;
                i += 1;
                continue;
            }
        }
        // The token from `i`: its end, shape and whether it is an abbreviation.
        let (end, shape, abbrev) = if fast && b < 0x80 && !b.is_ascii_alphanumeric() && b != b'\'' {
            // A mark is a token of its own (an apostrophe may start "'s").
            (i + 1, ascii_shape_of(&bytes[i..i + 1]), false)
        } else if let Some((end, shape)) = ascii_word(bytes, i).filter(|_| fast) {
            (end, shape, false)
        } else {
            let c = char_at(text, i).unwrap_or(' ');
            let (end, abbrev) = if is_word_char(c) {
                word_end(text, i)
            } else if !c.is_ascii() && (c.is_whitespace() || c.is_control()) {
                space_before = true;
                i += c.len_utf8();
                continue;
            } else if c == '\'' && possessive_len(text, i) > 0 && !space_before {
                (i + possessive_len(text, i), false)
            } else if !c.is_ascii() {
                // A symbol with what UAX #29 keeps with it: an emoji with
                // its modifiers and the emoji it is joined to, a flag.
                (i + first_word_bound(&text[i..]), false)
            } else {
                (i + c.len_utf8(), false)
            };
            (end, shape_of(&text[i..end]), abbrev)
        };
        tokens.push(Token {
            span: Span::new(i, end),
            shape,
            abbrev,
            line_start,
            space_before,
        });
        line_start = false;
        space_before = false;
        i = end;
    }
    tokens
}

/// The common case of a word, found without decoding anything: ASCII
/// letters and digits from `start` up to a space or a mark that cannot join
/// or end a word ("Kerry", "met", "2016"), with its shape. `None` for
/// anything else, which [`word_end`] and [`shape_of`] then handle.
#[inline]
fn ascii_word(bytes: &[u8], start: usize) -> Option<(usize, Shape)> {
    let first = *bytes.get(start)?;
    if !first.is_ascii_alphanumeric() {
        return None;
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphabetic() {
            letters += 1;
            upper += usize::from(b.is_ascii_uppercase());
        } else if !b.is_ascii_digit() {
            break;
        }
        i += 1;
    }
    // Joiners, a final dot and non-ASCII letters take the general path.
    if let Some(&b) = bytes.get(i) {
        if b >= 0x80 || matches!(b, b'-' | b'\'' | b'.' | b',' | b'/' | b':') {
            return None;
        }
    }
    let shape = if first.is_ascii_digit() {
        Shape::Number
    } else if first.is_ascii_uppercase() {
        if letters >= 2 && upper == letters {
            Shape::AllCaps
        } else {
            Shape::Capitalised
        }
    } else {
        Shape::Lower
    };
    Some((i, shape))
}

/// The length of the first UAX #29 word-bound segment of `text` (not
/// empty): at least its first character.
fn first_word_bound(text: &str) -> usize {
    text.split_word_bounds()
        .next()
        .map_or(0, str::len)
        .max(text.chars().next().map_or(0, char::len_utf8))
}

/// The end of the run of letters and digits from `start`: ASCII ones byte
/// by byte; where a character that is not ASCII comes next, the UAX #29
/// word from `start`, up to the first mark inside it that the house rules
/// decide on ([`joins_inside_word`]).
fn run_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    if bytes.get(i).is_none_or(|&b| b < 0x80) {
        return i;
    }
    let word = &text[start..start + first_word_bound(&text[start..])];
    let cut = word
        .char_indices()
        .find(|&(_, c)| joins_inside_word(c))
        .map_or(word.len(), |(at, _)| at);
    // A run is never less than its first character.
    let first = char_at(text, start).map_or(0, char::len_utf8);
    (start + cut.max(first)).max(i)
}

/// Marks that UAX #29 lets inside a word (its MidLetter, MidNum,
/// MidNumLet, Single_Quote and ExtendNumLet characters) but that the house
/// rules decide on, as they do for ASCII: "Đoković's" is "Đoković" and
/// "'s". Marks that are part of letters (combining accents, joiners) stay.
fn joins_inside_word(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_alphanumeric();
    }
    matches!(
        c,
        '\u{0387}'
            | '\u{055F}'
            | '\u{05F4}'
            | '\u{2027}'
            | '\u{FE13}'
            | '\u{FE55}'
            | '\u{FF1A}'
            | '\u{037E}'
            | '\u{0589}'
            | '\u{060C}'
            | '\u{060D}'
            | '\u{066C}'
            | '\u{07F8}'
            | '\u{2044}'
            | '\u{FE10}'
            | '\u{FE14}'
            | '\u{FE50}'
            | '\u{FE54}'
            | '\u{FF0C}'
            | '\u{FF1B}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2024}'
            | '\u{FE52}'
            | '\u{FF07}'
            | '\u{FF0E}'
            | '\u{202F}'
            | '\u{203F}'
            | '\u{2040}'
            | '\u{2054}'
            | '\u{FE33}'
            | '\u{FE34}'
            | '\u{FE4D}'..='\u{FE4F}' | '\u{FF3F}'
    )
}

/// Length of a possessive suffix "'s" / "'" starting at `i`, or 0.
fn possessive_len(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(i) != Some(&b'\'') {
        return 0;
    }
    match bytes.get(i + 1) {
        Some(b's' | b'S') if !char_at(text, i + 2).is_some_and(is_word_char) => 2,
        _ => 0,
    }
}

/// End of the word starting at `start`, and whether it took a final dot.
fn word_end(text: &str, start: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut inner_dot = false;
    loop {
        i = run_end(text, i);
        // A joiner between two word characters continues the word.
        match bytes.get(i) {
            Some(b'-') | Some(b'\'') | Some(b'.') | Some(b',') | Some(b'/') | Some(b':') => {
                let joiner = bytes[i];
                let next = char_at(text, i + 1);
                let prev_digit = i > start && bytes[i - 1].is_ascii_digit();
                let ok = match joiner {
                    b'-' => next.is_some_and(is_word_char),
                    b'\'' => next.is_some_and(is_word_char) && possessive_len(text, i) == 0,
                    b'.' => next
                        .is_some_and(|c| c.is_alphabetic() || (prev_digit && c.is_ascii_digit())),
                    // 250,000  12:30  9/11 — only between digits.
                    _ => prev_digit && next.is_some_and(|c| c.is_ascii_digit()),
                };
                if !ok {
                    break;
                }
                if joiner == b'.' && !prev_digit {
                    inner_dot = true;
                }
                i += 1;
            }
            _ => break,
        }
    }
    // A final dot belongs to abbreviations, initials and dotted acronyms.
    if bytes.get(i) == Some(&b'.') {
        let word = &text[start..i];
        let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        if inner_dot || single_letter || is_abbreviation(word) {
            return (i + 1, true);
        }
    }
    (i, false)
}

/// The shape of a token's text.
pub fn shape_of(s: &str) -> Shape {
    if s.is_ascii() {
        return ascii_shape_of(s.as_bytes());
    }
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut first_letter: Option<char> = None;
    let first = match s.chars().next() {
        Some(c) => c,
        None => return Shape::Punct,
    };
    if first.is_numeric() {
        return Shape::Number;
    }
    for c in s.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
            if first_letter.is_none() {
                first_letter = Some(c);
            }
        }
    }
    letter_shape(
        first_letter.map(char::is_uppercase),
        is_word_char(first),
        letters,
        upper,
    )
}

/// [`shape_of`] for ASCII text, byte by byte.
fn ascii_shape_of(s: &[u8]) -> Shape {
    let Some(&first) = s.first() else {
        return Shape::Punct;
    };
    if first.is_ascii_digit() {
        return Shape::Number;
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    let mut first_letter = None;
    for &c in s {
        if c.is_ascii_alphabetic() {
            letters += 1;
            upper += usize::from(c.is_ascii_uppercase());
            first_letter.get_or_insert(c);
        }
    }
    letter_shape(
        first_letter.map(|c| c.is_ascii_uppercase()),
        first.is_ascii_alphanumeric(),
        letters,
        upper,
    )
}

/// The shape of a token that does not start with a digit, from whether its
/// first letter (if any) is a capital, whether it starts with a word
/// character, and how many of its letters are capitals.
fn letter_shape(
    first_upper: Option<bool>,
    word_start: bool,
    letters: usize,
    upper: usize,
) -> Shape {
    match first_upper {
        None => Shape::Punct,
        Some(_) if !word_start => Shape::Punct,
        Some(true) if letters >= 2 && upper == letters => Shape::AllCaps,
        Some(true) => Shape::Capitalised,
        Some(false) => Shape::Lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn fast_path_changes_nothing(text in "[A-Za-z0-9 .,'\\-:/\"()!?;$%&@#*+=<>|~`_\\[\\]\t\n\u{e9}\u{2019}]{0,60}") {
            proptest::prop_assert_eq!(tokenize_with(&text, true), tokenize_with(&text, false));
        }
    }

    #[test]
    fn ascii_shapes_agree_with_unicode_shapes() {
        // The general path, forced by a non-ASCII suffix that is no letter.
        let general = |w: &str| shape_of(&format!("{w}\u{2019}"));
        for w in [
            "Kerry", "MUNICH", "U.S.", "I", "met", "al-Assad", "2016", "250,000", ",", "\"", "'s",
            "A", "a", "x1", "-Kerry", "(AP)", "NATO's", "McCain", "F.",
        ] {
            assert_eq!(ascii_shape_of(w.as_bytes()), general(w), "{w}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.span]).collect()
    }

    #[test]
    fn token_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "possessive",
                "Russia's bombing",
                &["Russia", "'s", "bombing"],
            ),
            (
                "plural possessive",
                "the Russians' view",
                &["the", "Russians", "'", "view"],
            ),
            (
                "hyphenated name",
                "Frank-Walter Steinmeier",
                &["Frank-Walter", "Steinmeier"],
            ),
            ("particle", "Bashar al-Assad.", &["Bashar", "al-Assad", "."]),
            ("initial", "John F. Kerry", &["John", "F.", "Kerry"]),
            (
                "dotted acronym",
                "the U.S. and U.N.",
                &["the", "U.S.", "and", "U.N."],
            ),
            ("acronym led", "U.S.-led", &["U.S.", "-", "led"]),
            ("title abbrev", "Maj. Gen. Igor", &["Maj.", "Gen.", "Igor"]),
            (
                "sentence dot",
                "in Munich. The",
                &["in", "Munich", ".", "The"],
            ),
            (
                "numbers",
                "250,000 on 21.09.2016 at 3.5",
                &["250,000", "on", "21.09.2016", "at", "3.5"],
            ),
            ("apostrophe name", "O'Brien said", &["O'Brien", "said"]),
            (
                "quotes",
                "\"All or nothing\".",
                &["\"", "All", "or", "nothing", "\"", "."],
            ),
            ("dashes", "MUNICH -- U.S.", &["MUNICH", "-", "-", "U.S."]),
            (
                "non-ascii",
                "Erdoğan's Zürich",
                &["Erdoğan", "'s", "Zürich"],
            ),
            ("empty", "", &[]),
        ];
        for (name, text, want) in cases {
            assert_eq!(&words(text), want, "case {name}");
        }
    }

    #[test]
    fn unicode_token_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "precomposed letters and a possessive",
                "Đoković's win",
                &["Đoković", "'s", "win"],
            ),
            (
                "a combining accent stays in its word",
                "Đokovic\u{301} won",
                &["Đokovic\u{301}", "won"],
            ),
            ("two words", "São Paulo", &["São", "Paulo"]),
            (
                "hyphenated, not ASCII",
                "Jean-Frédéric Poisson",
                &["Jean-Frédéric", "Poisson"],
            ),
            (
                "Cyrillic",
                "Сергей Лавров, министр",
                &["Сергей", "Лавров", ",", "министр"],
            ),
            (
                "Arabic with its vowel marks",
                "\u{645}\u{64F}\u{62D}\u{64E}\u{645}\u{651}\u{64E}\u{62F} \u{639}\u{628}\u{627}\u{633}",
                &[
                    "\u{645}\u{64F}\u{62D}\u{64E}\u{645}\u{651}\u{64E}\u{62F}",
                    "\u{639}\u{628}\u{627}\u{633}",
                ],
            ),
            (
                "Devanagari with a virama",
                "\u{928}\u{930}\u{947}\u{928}\u{94D}\u{926}\u{94D}\u{930} \u{92E}\u{94B}\u{926}\u{940}",
                &[
                    "\u{928}\u{930}\u{947}\u{928}\u{94D}\u{926}\u{94D}\u{930}",
                    "\u{92E}\u{94B}\u{926}\u{940}",
                ],
            ),
            (
                "an emoji with a skin tone is one token",
                "Kerry 👍🏽 Lavrov",
                &["Kerry", "👍🏽", "Lavrov"],
            ),
            (
                "emoji joined by ZWJ, and a flag",
                "👨\u{200D}👩\u{200D}👧 🇺🇸 vote",
                &["👨\u{200D}👩\u{200D}👧", "🇺🇸", "vote"],
            ),
            ("an emoji right after a word", "Paris🎉", &["Paris", "🎉"]),
            ("each Han character is a word", "北京 talks", &["北", "京", "talks"]),
            (
                "a typographic apostrophe inside a word is cut",
                "Đoković\u{2019}s",
                &["Đoković", "\u{2019}", "s"],
            ),
            ("a mark with no letter before it", "\u{301}Kerry", &["\u{301}", "Kerry"]),
        ];
        for (name, text, want) in cases {
            assert_eq!(&words(text), want, "case {name}");
        }
    }

    proptest::proptest! {
        /// Every character is in a token or is a space or a control
        /// character; tokens are in order, not empty, and cut on character
        /// boundaries.
        #[test]
        fn tokens_cover_the_text_on_char_boundaries(text in "\\PC{0,40}|[a-zA-Z\u{300}-\u{36F}\u{200D}\u{1F44D}\u{1F3FD}\u{5D0}-\u{5EA}\u{627}-\u{64A}' .-]{0,40}") {
            let tokens = tokenize(&text);
            let mut at = 0;
            for t in &tokens {
                proptest::prop_assert!(t.span.start >= at && t.span.end > t.span.start);
                proptest::prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                let gap = &text[at..t.span.start];
                proptest::prop_assert!(gap.chars().all(|c| c.is_whitespace() || c.is_control()), "gap {:?}", gap);
                at = t.span.end;
            }
            let rest = &text[at..];
            proptest::prop_assert!(rest.chars().all(|c| c.is_whitespace() || c.is_control()), "rest {:?}", rest);
        }
    }

    #[test]
    fn shapes() {
        let cases = [
            ("Kerry", Shape::Capitalised),
            ("MUNICH", Shape::AllCaps),
            ("U.S.", Shape::AllCaps),
            ("I", Shape::Capitalised),
            ("met", Shape::Lower),
            ("al-Assad", Shape::Lower),
            ("2016", Shape::Number),
            ("(", Shape::Punct),
        ];
        for (s, want) in cases {
            assert_eq!(shape_of(s), want, "{s}");
        }
    }

    #[test]
    fn line_start_and_space() {
        let t = tokenize("A b\nC");
        assert!(t[0].line_start && !t[1].line_start && t[2].line_start);
        assert!(t[1].space_before);
    }
}
