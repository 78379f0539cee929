//! Layer 3, the matcher: automaton hits that are mentions by their form.
//!
//! A hit of the gazetteer automaton becomes a [`Candidate`] when it starts and
//! ends on token boundaries and its text passes the alias's case policy. Every
//! entry a form may name is a separate candidate; choosing among them is the
//! resolver's job. This module knows tokens and gazetteers, not documents.

use crate::gazetteer::{CasePolicy, FormKind, Gazetteer};
use crate::span::Span;
use crate::text::{Shape, Token};

/// A gazetteer hit that passed the boundary and case checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Span in the folded text.
    pub span: Span,
    /// Index of the first and one past the last token covered.
    pub tokens: (usize, usize),
    pub entry: u32,
    pub policy: CasePolicy,
    pub form_kind: FormKind,
}

/// All candidates in `folded`, in text order.
pub(crate) fn find_candidates(gaz: &Gazetteer, folded: &str, tokens: &[Token]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let hay = folded.as_bytes();
    for m in gaz.automaton().find_iter(hay) {
        let (start, end) = (m.start(), m.end());
        let first = tokens.partition_point(|t| t.span.start < start);
        if first >= tokens.len() || tokens[first].span.start != start {
            continue;
        }
        let last = tokens.partition_point(|t| t.span.end < end);
        if last >= tokens.len() || tokens[last].span.end != end {
            continue;
        }
        // A name never spans a line break.
        if tokens[first + 1..=last].iter().any(|t| t.line_start) {
            continue;
        }
        let text = &hay[start..end];
        for t in gaz.targets_of(m.pattern().as_usize()) {
            let ok = match t.policy {
                CasePolicy::Exact => text == t.form.as_bytes() && !in_caps_run(tokens, first, last),
                CasePolicy::Capitals | CasePolicy::Weak => capitals_ok(text, t.form.as_bytes()),
            };
            if ok {
                out.push(Candidate {
                    span: Span::new(start, end),
                    tokens: (first, last + 1),
                    entry: t.entry,
                    policy: t.policy,
                    form_kind: t.form_kind,
                });
            }
        }
    }
    out
}

/// Every ASCII capital of the form is a capital in the text; a form with no
/// capitals at all must match exactly.
#[inline]
fn capitals_ok(text: &[u8], form: &[u8]) -> bool {
    if text.len() != form.len() {
        return false;
    }
    let mut has_upper = false;
    for (&t, &f) in text.iter().zip(form) {
        if f.is_ascii_uppercase() {
            has_upper = true;
            if !t.is_ascii_uppercase() {
                return false;
            }
        }
    }
    has_upper || text == form
}

/// Whether the word next to tokens `first..=last` on the same line is in capitals.
fn in_caps_run(tokens: &[Token], first: usize, last: usize) -> bool {
    let caps = |t: &Token| t.shape == Shape::AllCaps;
    let before = !tokens[first].line_start
        && tokens[..first].iter().rev().find(|t| t.is_word()).is_some_and(caps);
    let after = tokens[last + 1..]
        .iter()
        .take_while(|t| !t.line_start)
        .find(|t| t.is_word())
        .is_some_and(caps);
    before || after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    const TSV: &str = "id\tkind\tname\taliases\tattributes\n\
        country:RU\tplace/country\tRussia\t\tdemonyms=Russian\n\
        org:is\torg/armed\tIslamic State\t=IS\t\n\
        org:state\torg/gov\tState Department\tState\t\n\
        person:kerry\tperson\tJohn Kerry\t~Kerry\t\n";

    fn hits(text: &str) -> Vec<&str> {
        let g = Gazetteer::builder().add_str("t", TSV).unwrap().build().unwrap();
        let tokens = tokenize(text);
        find_candidates(&g, text, &tokens).iter().map(|c| &text[c.span]).collect()
    }

    #[test]
    fn candidate_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("possessive", "Russia's army", &["Russia"]),
            ("all caps", "RUSSIA SAYS", &["RUSSIA"]),
            ("lower case is not", "the state said", &[]),
            ("inside a word is not", "Prussia", &[]),
            ("exact acronym", "fighters of IS said", &["IS"]),
            ("exact acronym in caps line", "WHO IS HE", &[]),
            ("exact acronym lower", "it is", &[]),
            ("weak passes case", "Kerry said", &["Kerry"]),
            ("demonym", "Russian jets", &["Russian"]),
            ("hyphen compound is not", "Russian-backed", &[]),
            ("no line break", "John\nKerry", &["Kerry"]),
        ];
        for (name, text, want) in cases {
            assert_eq!(&hits(text), want, "case {name}");
        }
    }
}
