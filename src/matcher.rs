//! Layer 3, the matcher: automaton hits that are mentions by their form.
//!
//! A hit of the gazetteer automaton becomes a [`Candidate`] when it starts and
//! ends on token boundaries and its text passes the alias's case policy. Every
//! entry a form may name is a separate candidate; choosing among them is the
//! resolver's job. This module knows tokens and gazetteers, not documents.

use aho_corasick::{Anchored, Input};

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
    /// The text is written exactly as the form.
    pub exact_case: bool,
    /// The text is in capitals where the form is not: its case says nothing.
    pub caps_only: bool,
}

/// All candidates in `folded`, in text order.
///
/// The automaton is leftmost-longest, so a long hit that fails the checks
/// ("the Dam" inside "the Damascus") would hide the good hits it overlaps.
/// After a rejected hit the search therefore tries the shorter forms that
/// start at the same place (anchored, each window shorter than the last),
/// then resumes at the next token instead of after the rejected hit.
pub(crate) fn find_candidates(gaz: &Gazetteer, folded: &str, tokens: &[Token]) -> Vec<Candidate> {
    let ac = gaz.automaton();
    let hay = folded.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < hay.len() {
        let Some(m) = ac.find(Input::new(hay).range(pos..)) else {
            break;
        };
        if accept(gaz, hay, tokens, m, &mut out) {
            pos = m.end();
            continue;
        }
        let mut end = m.end();
        let mut found = None;
        while end > m.start() + 1 {
            let window = Input::new(hay)
                .range(m.start()..end - 1)
                .anchored(Anchored::Yes);
            let Some(shorter) = ac.find(window) else {
                break;
            };
            if accept(gaz, hay, tokens, shorter, &mut out) {
                found = Some(shorter.end());
                break;
            }
            end = shorter.end();
        }
        pos = match found {
            Some(e) => e,
            // The next token start after the rejected hit's start.
            None => {
                let next = tokens.partition_point(|t| t.span.start <= m.start());
                tokens.get(next).map_or(hay.len(), |t| t.span.start)
            }
        };
    }
    out
}

/// Pushes a candidate per target of `m` that passes the boundary and case
/// checks; whether any did.
fn accept(
    gaz: &Gazetteer,
    hay: &[u8],
    tokens: &[Token],
    m: aho_corasick::Match,
    out: &mut Vec<Candidate>,
) -> bool {
    let (start, end) = (m.start(), m.end());
    let first = tokens.partition_point(|t| t.span.start < start);
    if first >= tokens.len() || tokens[first].span.start != start {
        return false;
    }
    let last = tokens.partition_point(|t| t.span.end < end);
    if last >= tokens.len() || tokens[last].span.end != end {
        return false;
    }
    // A name never spans a line break.
    if tokens[first + 1..=last].iter().any(|t| t.line_start) {
        return false;
    }
    let text = &hay[start..end];
    let before = out.len();
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
                exact_case: text == t.form.as_bytes(),
                caps_only: text != t.form.as_bytes() && !text.iter().any(u8::is_ascii_lowercase),
            });
        }
    }
    out.len() > before
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
        && tokens[..first]
            .iter()
            .rev()
            .find(|t| t.is_word())
            .is_some_and(caps);
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
        person:kerry\tperson\tJohn Kerry\t~Kerry\t\n\
        place:dam\tplace/landmark\tThe Dam\t\t\n\
        place:damascus\tplace/city\tDamascus\t\t\n\
        org:sdo\torg/gov\tState Department Officials\t\t\n";

    fn hits(text: &str) -> Vec<&str> {
        let g = Gazetteer::builder()
            .add_str("t", TSV)
            .unwrap()
            .build()
            .unwrap();
        let tokens = tokenize(text);
        find_candidates(&g, text, &tokens)
            .iter()
            .map(|c| &text[c.span])
            .collect()
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
            (
                "shadowed by a rejected longer hit",
                "the Damascus side",
                &["Damascus"],
            ),
            (
                "shorter form at the same start",
                "State Department officials",
                &["State Department"],
            ),
            (
                "rejected longer form, shorter kept",
                "John Kerry",
                &["John Kerry"],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(&hits(text), want, "case {name}");
        }
    }
}
