//! Sentence boundaries over tokens.
//!
//! A line break always ends a sentence: news is written one paragraph per
//! line, and headlines, bylines and datelines have no final stop. Within a
//! line, `.`, `!` and `?` end a sentence when the next word starts a new one.
//! Abbreviations keep their dot inside the token ("U.S.", "Gen.", "F."), so
//! they end a sentence only in the one case where that is likely: a dotted
//! acronym followed by a word that usually opens a sentence ("... in the U.S.
//! The talks ...").

use crate::model::Span;
use crate::text::token::{Shape, Token};

/// Words that commonly open a sentence; after "U.S." they signal a boundary.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "All",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "During",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Most",
    "No",
    "On",
    "One",
    "Our",
    "She",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "We",
    "What",
    "When",
    "While",
    "With",
    "Yet",
    "You",
];

/// Sentences as ranges of token indices `start..end`.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let next = i + 1;
        let boundary =
            next == tokens.len() || tokens[next].line_start || ends_here(text, tokens, i);
        if boundary {
            // Closing quotes and brackets right after the stop stay in the sentence.
            let mut end = next;
            if next < tokens.len() && !tokens[next].line_start && is_stop(text, tokens[i]) {
                while end < tokens.len()
                    && !tokens[end].line_start
                    && !tokens[end].space_before
                    && matches!(&text[tokens[end].span], "\"" | "'" | ")" | "]")
                {
                    end += 1;
                }
            }
            out.push(start..end);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn is_stop(text: &str, t: Token) -> bool {
    matches!(&text[t.span], "." | "!" | "?")
}

/// Whether a sentence ends after token `i` (not the last of its line).
fn ends_here(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = tokens[i];
    if is_stop(text, t) {
        // Skip closing quotes/brackets, then look at what follows.
        let mut j = i + 1;
        while j < tokens.len()
            && matches!(&text[tokens[j].span], "\"" | "'" | ")" | "]")
            && !tokens[j].space_before
        {
            j += 1;
        }
        let Some(n) = tokens.get(j) else { return true };
        if n.line_start {
            return true;
        }
        // "... the U.S. officials" never comes here; "said so. the" (lower) is
        // too rare in edited news to split on.
        return n.is_upper_initial()
            || n.shape == Shape::Number
            || matches!(&text[n.span], "\"" | "'" | "(" | "[" | "-");
    }
    if t.abbrev {
        let word = &text[t.span];
        let dotted_acronym = word.len() > 2 && word[..word.len() - 1].contains('.');
        if dotted_acronym {
            if let Some(n) = tokens.get(i + 1) {
                return OPENERS.contains(&&text[n.span]);
            }
        }
    }
    false
}

/// The span from the first to the last token of a sentence.
pub fn sentence_span(tokens: &[Token], range: &std::ops::Range<usize>) -> Span {
    if range.is_empty() {
        return Span::default();
    }
    Span::new(
        tokens[range.start].span.start,
        tokens[range.end - 1].span.end,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .iter()
            .map(|r| &text[sentence_span(&tokens, r)])
            .collect()
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "plain",
                "Kerry met Lavrov. They talked.",
                &["Kerry met Lavrov.", "They talked."],
            ),
            (
                "U.S. title",
                "U.S. Secretary of State John Kerry met him.",
                &["U.S. Secretary of State John Kerry met him."],
            ),
            (
                "U.N. envoy",
                "The U.N. envoy spoke. He left.",
                &["The U.N. envoy spoke.", "He left."],
            ),
            (
                "Maj. Gen.",
                "said Maj. Gen. Igor Konashenkov. Then",
                &["said Maj. Gen. Igor Konashenkov.", "Then"],
            ),
            (
                "months",
                "on Feb. 12 and Sept. 9 they met.",
                &["on Feb. 12 and Sept. 9 they met."],
            ),
            (
                "Mr.",
                "Mr. Kerry said. Mrs. May agreed.",
                &["Mr. Kerry said.", "Mrs. May agreed."],
            ),
            (
                "initial",
                "John F. Kerry arrived.",
                &["John F. Kerry arrived."],
            ),
            (
                "U.S. at the end",
                "He flew to the U.S. The talks failed.",
                &["He flew to the U.S.", "The talks failed."],
            ),
            (
                "quote after stop",
                "\"We will try.\" He said.",
                &["\"We will try.\"", "He said."],
            ),
            ("question", "Why? Because.", &["Why?", "Because."]),
            (
                "lines",
                "HEADLINE NO STOP\nBy Karen DeYoung\nGENEVA - Text.",
                &["HEADLINE NO STOP", "By Karen DeYoung", "GENEVA - Text."],
            ),
            ("CRLF", "One line\r\nTwo line", &["One line", "Two line"]),
            ("lone CR", "One\rTwo", &["One", "Two"]),
        ];
        for (name, text, want) in cases {
            assert_eq!(&sentences(text), want, "case {name}");
        }
    }
}
