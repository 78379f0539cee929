//! Property tests: on text made of news words, gazetteer names, quotation
//! marks, punctuation, line breaks, other scripts, emoji and arbitrary
//! characters, every span quotes the text, extraction is deterministic and
//! the Document JSON parses. Case counts are kept moderate so `cargo test`
//! stays quick; `PROPTEST_CASES=5000 cargo test --release properties` runs
//! more.

use newsgraph::{parse_jsonl_record, Document, EntityGraph, Extractor, Utf8Policy};
use proptest::prelude::*;

use crate::invariants;

const WORDS: &[&str] = &[
    "met",
    "said",
    "the",
    "minister",
    "foreign",
    "talks",
    "in",
    "on",
    "of",
    "and",
    "with",
    "will",
    "meet",
    "could",
    "not",
    "he",
    "she",
    "they",
    "told",
    "reporters",
    "here",
    "Friday",
    "President",
    "Secretary",
    "State",
    "Foreign",
    "Minister",
    "city",
    "German",
    "Russian",
    "American",
    "a",
    "who",
    "by",
    "Reuters",
    "AP",
    "(",
    ")",
    "—",
    "-",
];
const NAMES: &[&str] = &[
    "Kerry",
    "John Kerry",
    "Lavrov",
    "Sergei Lavrov",
    "Munich",
    "Geneva",
    "Russia",
    "U.S.",
    "United Nations",
    "U.N.",
    "NATO",
    "Steinmeier",
    "Moscow",
    "Washington",
    "GENEVA",
    "MUNICH",
    "Putin",
    "Obama",
    "Germany",
    "Hamburg",
    "New York",
    "Syria",
    "Assad",
];
const MARKS: &[&str] = &[
    "\u{201C}",
    "\u{201D}",
    "\"",
    "'",
    "\u{2018}",
    "\u{2019}",
    "\u{00AB}",
    "\u{00BB}",
    "``",
    "''",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "…",
    "'s",
    "\u{2019}s",
    "Mr.",
    "Gen.",
    "Feb.",
];
const OTHER: &[&str] = &[
    "Москва",
    "Лавров",
    "\u{644}\u{627}\u{641}\u{631}\u{648}\u{641}",
    "\u{5e9}\u{5dc}\u{5d5}\u{5dd}",
    "東京",
    "ß",
    "é",
    "İ",
    "ǅ",
    "\u{0301}",
    "\u{200f}",
    "\u{202e}",
    "\u{feff}",
    "\u{00A0}",
    "😀",
    "🇺🇸",
    "👨‍👩‍👧",
    "👍🏽",
    "\u{FFFD}",
    "\0",
    "\u{7}",
    "\t",
];
const SEPARATORS: &[&str] = &[
    " ",
    " ",
    " ",
    "",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    ", ",
    " \u{2014} ",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_string),
        4 => prop::sample::select(NAMES).prop_map(str::to_string),
        3 => prop::sample::select(MARKS).prop_map(str::to_string),
        2 => prop::sample::select(OTHER).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop::sample::select(SEPARATORS)), 0..80).prop_map(|parts| {
        parts.into_iter().fold(String::new(), |mut out, (p, sep)| {
            out.push_str(&p);
            out.push_str(sep);
            out
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn spans_quote_the_text_and_json_parses(text in news_text()) {
        let doc = Extractor::default().extract("p", &text);
        if let Err(e) = invariants::check(&doc) {
            panic!("{e}\ntext: {text:?}");
        }
    }

    #[test]
    fn extraction_is_deterministic(text in news_text()) {
        let x = Extractor::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        x.extract("p", &text).write_json(&mut a).unwrap();
        x.extract("p", &text).write_json(&mut b).unwrap();
        prop_assert_eq!(String::from_utf8(a).unwrap(), String::from_utf8(b).unwrap());
    }

    /// Document JSON goes both ways: read back and written again, it is
    /// the same bytes, and the document read back adds to a graph as the
    /// one extracted does.
    #[test]
    fn document_json_read_back_writes_the_same_bytes(text in news_text()) {
        let doc = Extractor::default().extract("p", &text);
        let line = doc.to_json_string();
        let back = match Document::from_json(&line) {
            Ok(back) => back,
            Err(e) => panic!("{e}\nline: {line}"),
        };
        prop_assert_eq!(back.to_json_string(), line);
        let (mut g1, mut g2) = (EntityGraph::new(), EntityGraph::new());
        g1.add(&doc);
        g2.add(&back);
        let (mut j1, mut j2) = (Vec::new(), Vec::new());
        g1.write_json(&mut j1).unwrap();
        g2.write_json(&mut j2).unwrap();
        prop_assert_eq!(j1, j2);
    }

    #[test]
    fn jsonl_records_round_trip(id in ".{0,3}".prop_map(String::from), text in news_text()) {
        let line = serde_json::json!({"id": id, "text": text, "extra": [1]}).to_string();
        let r = parse_jsonl_record("p.jsonl", 3, line.as_bytes(), Utf8Policy::Strict).unwrap();
        prop_assert_eq!((r.id, r.text, r.line), (id, text, 3));
    }
}
