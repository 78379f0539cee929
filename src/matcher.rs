//! Layer 3, the matcher: gazetteer forms that are mentions by their form.
//!
//! At each token that may start a form, an anchored search of the forms'
//! Aho-Corasick automaton runs from that token's first byte, and at the end
//! of that token and of each next one it reads whether a form ends there,
//! until the automaton has no way on. A form found this way starts and ends
//! on token boundaries by construction; it becomes a [`Candidate`] when its
//! text also passes the alias's case policy. Every entry a form may name is
//! a separate candidate; choosing among them is the resolver's job. This
//! module knows tokens and gazetteers, not documents.

use crate::gazetteer::{CasePolicy, Entry, FormKind, Gazetteer};
use crate::model::Span;
use crate::text::{tokenize, Normalized, Shape, Token};

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
/// At each token the longest form that passes the case checks wins, and the
/// search goes on after it; when none does (the lower-case "state" of
/// "State Department officials" tried as "state department officials"),
/// the shorter forms starting at the same token are tried, longest first,
/// before moving to the next token.
pub(crate) fn find_candidates(gaz: &Gazetteer, folded: &str, tokens: &[Token]) -> Vec<Candidate> {
    find_candidates_with(gaz, folded, tokens, true)
}

/// [`find_candidates`], with the first token of each search looked up
/// (`probe`) or stepped through (the tests compare).
fn find_candidates_with(
    gaz: &Gazetteer,
    folded: &str,
    tokens: &[Token],
    probe: bool,
) -> Vec<Candidate> {
    let forms = gaz.forms();
    let hay = folded.as_bytes();
    let byte = |at: usize| hay.get(at).copied().unwrap_or(0);
    let mut out = Vec::new();
    let mut found: Vec<(u32, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let span = tokens[i].span;
        // A token not starting with a capital starts few forms.
        let first = hay[span.start];
        if !first.is_ascii_uppercase()
            && !forms.may_start(first, byte(span.start + 1).to_ascii_lowercase())
        {
            i += 1;
            continue;
        }
        // A letter after the token makes the search step through it.
        let after = if probe { byte(span.end) } else { b'a' };
        let Some(started) = forms.start_token(&hay[span.start..span.end], after) else {
            i += 1;
            continue;
        };
        found.clear();
        found.extend(started.form.map(|form| (form, i)));
        let (mut walk, mut at) = (started.walk, span.end);
        let more = if started.more { tokens.len() } else { 0 };
        for (j, token) in tokens.iter().enumerate().take(more).skip(i + 1) {
            // A name never spans a line break.
            if token.line_start {
                break;
            }
            let Some(next) = forms.step(walk, &hay[at..token.span.end]) else {
                break;
            };
            (walk, at) = (next, token.span.end);
            if let Some(form) = forms.form(walk) {
                found.push((form, j));
            }
        }
        i = found
            .iter()
            .rev()
            .find(|&&(form, j)| accept(gaz, hay, tokens, form, (i, j), &mut out))
            .map_or(i + 1, |&(_, j)| j + 1);
    }
    out
}

/// The matcher's public face: it lives here, not in the gazetteer, so that
/// the gazetteer layer never calls the layer above it.
impl Gazetteer {
    /// The matcher layer alone: every form in `text` that starts and ends on
    /// token boundaries and passes its case policy, with each entry it may
    /// name (no choice among them, no guessing), as spans of `text`.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsgraph::Gazetteer;
    ///
    /// let tsv = "id\tkind\tname\taliases\tattributes\n\
    ///            place:geneva\tplace/city\tGeneva\t\t\n";
    /// let gaz = Gazetteer::builder().add_str("places.tsv", tsv)?.build()?;
    /// let text = "Talks in Geneva, not in Genevan wine.";
    /// let hits = gaz.find_all(text);
    /// assert_eq!(hits.len(), 1);
    /// assert_eq!(&text[hits[0].0.range()], "Geneva");
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn find_all(&self, text: &str) -> Vec<(Span, &Entry)> {
        let norm = Normalized::new(text);
        let folded = norm.as_str();
        let tokens = tokenize(folded);
        find_candidates(self, folded, &tokens)
            .into_iter()
            .map(|c| {
                let span = Span::new(norm.to_original(c.span.start), norm.to_original(c.span.end));
                (span, self.entry(c.entry))
            })
            .collect()
    }
}

/// Pushes a candidate per target of form `form` over tokens `first..=last`
/// that passes the case checks; whether any did.
fn accept(
    gaz: &Gazetteer,
    hay: &[u8],
    tokens: &[Token],
    form: u32,
    (first, last): (usize, usize),
    out: &mut Vec<Candidate>,
) -> bool {
    let (start, end) = (tokens[first].span.start, tokens[last].span.end);
    let text = &hay[start..end];
    let before = out.len();
    for t in gaz.targets_of(form as usize) {
        let spelled = gaz.target_form(t).as_bytes();
        let ok = match t.policy {
            CasePolicy::Exact => text == spelled && !in_caps_run(tokens, first, last),
            CasePolicy::Capitals | CasePolicy::Weak => capitals_ok(text, spelled),
        };
        if ok {
            out.push(Candidate {
                span: Span::new(start, end),
                tokens: (first, last + 1),
                entry: t.entry,
                policy: t.policy,
                form_kind: t.form_kind,
                exact_case: text == spelled,
                caps_only: text != spelled && !text.iter().any(u8::is_ascii_lowercase),
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
        org:sdo\torg/gov\tState Department Officials\t\t\n\
        org:aq\torg/armed\tal-Qaeda\tal Qaeda\t\n\
        org:6f\torg/armed\t6th Fleet\t\t\n";

    fn gazetteer() -> Gazetteer {
        Gazetteer::builder()
            .add_str("t", TSV)
            .unwrap()
            .build()
            .unwrap()
    }

    fn hits(text: &str) -> Vec<&str> {
        let g = gazetteer();
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
            // Forms that start with a small letter or a digit: the
            // start-byte set lets their tokens through, and no others.
            (
                "small letter first",
                "fighters of al-Qaeda and al Qaeda",
                &["al-Qaeda", "al Qaeda"],
            ),
            ("digit first", "the 6th Fleet sailed", &["6th Fleet"]),
            (
                "capital where the form has a small letter",
                "Al-Qaeda",
                &["Al-Qaeda"],
            ),
            (
                "rejected longer form, shorter kept",
                "John Kerry",
                &["John Kerry"],
            ),
            ("a prefix of a form is none", "the Islamic side", &[]),
            (
                "a form inside a longer word is none",
                "Damascusite IS fighters",
                &["IS"],
            ),
            ("a form before a letter", "Damascus\u{e9}", &[]),
        ];
        for (name, text, want) in cases {
            assert_eq!(&hits(text), want, "case {name}");
        }
    }

    proptest::proptest! {
        /// Probing the first token of a search finds what stepping through
        /// it finds.
        #[test]
        fn probing_finds_what_stepping_finds(
            parts in proptest::collection::vec(
                (
                    proptest::sample::select(&[
                        "Russia", "Russian", "IS", "is", "Islamic", "State", "state",
                        "Department", "Officials", "John", "Kerry", "F.", "The", "Dam",
                        "Damascus", "al-Qaeda", "al", "Qaeda", "6th", "Fleet", "-",
                        "\u{e9}", "\u{5317}", "John Kerry", "John F. Kerry",
                        "State Department Officials", "al Qaeda", "6th Fleet",
                    ][..]),
                    proptest::sample::select(&[" ", " ", " ", "", "'s ", "\n", ". ", "-"][..]),
                ),
                0..16,
            )
        ) {
            let g = gazetteer();
            let text: String = parts.iter().flat_map(|&(word, sep)| [word, sep]).collect();
            let tokens = tokenize(&text);
            proptest::prop_assert_eq!(
                find_candidates_with(&g, &text, &tokens, true),
                find_candidates_with(&g, &text, &tokens, false)
            );
        }
    }
}
