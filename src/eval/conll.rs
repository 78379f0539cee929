//! Reading CoNLL-2003 style gold files: documents rebuilt as
//! `conll_ner.py` rebuilds them, with their tokens, sentences and gold spans.
//!
//! This module knows files and tags; it knows nothing of the pipeline nor of
//! scoring.

use std::ops::Range;
use std::path::Path;

use super::NerType;
use crate::error::{Error, ErrorKind};
use crate::input::{read_text, Utf8Policy};
use crate::model::Span;

/// One gold entity span of a [`ConllDocument`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSpan {
    /// Byte span into [`ConllDocument::text`].
    pub span: Span,
    /// Indices into [`ConllDocument::tokens`].
    pub tokens: Range<usize>,
    /// The type as written after `B-`/`I-`: `PER`, `LOC`, `ORG`, `MISC`…
    pub label: String,
}

/// A document of a CoNLL file: its rebuilt text, tokens and gold spans.
///
/// # Examples
///
/// ```
/// let conll = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n";
/// let docs = newsgraph::eval::parse_conll("x.conll", conll)?;
/// let doc = &docs[0];
/// assert_eq!(doc.id(), "doc-00000");
/// assert_eq!(doc.text(), "EU rejects\nPeter");
/// assert_eq!(doc.sentences(), [0..2, 2..3]);
/// let labels: Vec<&str> = doc.gold().iter().map(|g| &doc.text()[g.span]).collect();
/// assert_eq!(labels, ["EU", "Peter"]);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConllDocument {
    id: String,
    line: usize,
    text: String,
    tokens: Vec<Span>,
    sentences: Vec<Range<usize>>,
    gold: Vec<GoldSpan>,
}

impl ConllDocument {
    /// `doc-00000`, `doc-00001`…: the document's position in its file, as
    /// `conll_ner.py` names it.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The 1-based line of the document's first token in its file.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The text: sentences one per line, tokens joined by single spaces.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte spans of the tokens in [`text`](Self::text).
    pub fn tokens(&self) -> &[Span] {
        &self.tokens
    }

    /// Token index ranges of the sentences.
    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    /// Every gold span in text order, whatever its label.
    pub fn gold(&self) -> &[GoldSpan] {
        &self.gold
    }

    /// The gold spans that are scored: PER, LOC and ORG.
    pub fn scored_gold(&self) -> impl Iterator<Item = (Span, NerType)> + '_ {
        self.gold
            .iter()
            .filter_map(|g| NerType::from_label(&g.label).map(|t| (g.span, t)))
    }
}

/// Reads a CoNLL-2003 style file (see [`parse_conll`]).
///
/// # Errors
///
/// The file cannot be read ([`ErrorKind::Io`]), is not UTF-8 under
/// [`Utf8Policy::Strict`] ([`ErrorKind::Utf8`]), or has a malformed line (as
/// [`parse_conll`]).
///
/// # Examples
///
/// ```
/// use newsgraph::{eval::read_conll, ErrorKind, Utf8Policy};
///
/// let err = read_conll("no/such/eng.testa", Utf8Policy::Strict).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Io);
/// ```
pub fn read_conll(path: impl AsRef<Path>, utf8: Utf8Policy) -> Result<Vec<ConllDocument>, Error> {
    let path = path.as_ref();
    let text = read_text(path, utf8)?;
    parse_conll(&path.display().to_string(), &text)
}

/// Parses CoNLL-2003 style text read from `source` (a name for errors).
///
/// One token per line, columns separated by whitespace, the token first and
/// its IOB1 or IOB2 tag (`O`, `B-TYPE`, `I-TYPE`) last; blank lines end
/// sentences; a line starting with `-DOCSTART-` ends a document. Lines end
/// with `\n`, `\r\n` or `\r`. Documents without tokens are dropped (as
/// `conll_ner.py` drops them, so ids stay aligned with it).
///
/// # Errors
///
/// A line with fewer than two columns or an unknown tag, named by
/// `source:line`. Its kind is [`ErrorKind::Json`], the crate's kind for a
/// malformed input record.
///
/// # Examples
///
/// ```
/// let err = newsgraph::eval::parse_conll("x.conll", "Bonn NNP B-LOC\nrain\n").unwrap_err();
/// assert_eq!(err.to_string(), "x.conll:2: expected at least 2 columns (token … tag), found 1");
/// ```
pub fn parse_conll(source: &str, text: &str) -> Result<Vec<ConllDocument>, Error> {
    let mut docs = Vec::new();
    let mut doc = DocBuilder::default();
    for (i, line) in lines(text).enumerate() {
        let line_no = i + 1;
        if line.starts_with("-DOCSTART-") {
            doc.finish_into(&mut docs);
            continue;
        }
        let mut cols = line.split(is_space).filter(|c| !c.is_empty());
        let Some(word) = cols.next() else {
            doc.end_sentence();
            continue;
        };
        let bad = |reason: String| Error::at_line(ErrorKind::Json, source, line_no, reason);
        let Some(last) = cols.next_back() else {
            return Err(bad(
                "expected at least 2 columns (token … tag), found 1".into()
            ));
        };
        let tag = Tag::parse(last).ok_or_else(|| {
            bad(format!(
                "unknown tag {last:?} (expected O, B-TYPE or I-TYPE)"
            ))
        })?;
        doc.push(line_no, word, tag);
    }
    doc.finish_into(&mut docs);
    Ok(docs)
}

/// Lines as Python's universal newlines split them: `\n`, `\r\n` or `\r`.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => (&rest[..i], &rest[i + 2..]),
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

/// Python's `str.isspace`, which `str.split()` splits on: Unicode White_Space
/// plus the information separators U+001C..U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// An IOB tag; the type is what follows `B-`/`I-`.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tag {
    Outside,
    Begin(String),
    Inside(String),
}

impl Tag {
    fn parse(tag: &str) -> Option<Tag> {
        let typed = |t: &str| (!t.is_empty()).then(|| t.to_string());
        if tag == "O" {
            Some(Tag::Outside)
        } else if let Some(t) = tag.strip_prefix("B-") {
            typed(t).map(Tag::Begin)
        } else {
            typed(tag.strip_prefix("I-")?).map(Tag::Inside)
        }
    }
}

/// Spans of one sentence's tags, IOB1 or IOB2: a span starts at `B-`, or at
/// an `I-` whose type differs from the open span's, and ends before the next
/// start or `O`.
fn tag_spans(tags: &[Tag]) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().chain([&Tag::Outside]).enumerate() {
        let starts = match tag {
            Tag::Outside => None,
            Tag::Begin(t) => Some(t.as_str()),
            Tag::Inside(t) => match open {
                Some((_, current)) if current == t => continue,
                _ => Some(t.as_str()),
            },
        };
        if let Some((start, label)) = open.take() {
            out.push((start..i, label));
        }
        open = starts.map(|t| (i, t));
    }
    out
}

/// The document being read.
#[derive(Default)]
struct DocBuilder {
    line: usize,
    text: String,
    tokens: Vec<Span>,
    sentences: Vec<Range<usize>>,
    gold: Vec<GoldSpan>,
    /// Tags of the open sentence, which starts at token `sentence_start`.
    tags: Vec<Tag>,
    sentence_start: usize,
}

impl DocBuilder {
    fn push(&mut self, line: usize, word: &str, tag: Tag) {
        if self.tokens.is_empty() {
            self.line = line;
        } else {
            self.text
                .push(if self.tags.is_empty() { '\n' } else { ' ' });
        }
        let start = self.text.len();
        self.text.push_str(word);
        self.tokens.push(Span::new(start, self.text.len()));
        self.tags.push(tag);
    }

    fn end_sentence(&mut self) {
        if self.tags.is_empty() {
            return;
        }
        let base = self.sentence_start;
        for (r, label) in tag_spans(&self.tags) {
            let tokens = base + r.start..base + r.end;
            self.gold.push(GoldSpan {
                span: Span::new(
                    self.tokens[tokens.start].start,
                    self.tokens[tokens.end - 1].end,
                ),
                tokens,
                label: label.to_string(),
            });
        }
        self.sentences.push(base..self.tokens.len());
        self.sentence_start = self.tokens.len();
        self.tags.clear();
    }

    fn finish_into(&mut self, docs: &mut Vec<ConllDocument>) {
        self.end_sentence();
        let doc = std::mem::take(self);
        if !doc.tokens.is_empty() {
            docs.push(ConllDocument {
                id: format!("doc-{:05}", docs.len()),
                line: doc.line,
                text: doc.text,
                tokens: doc.tokens,
                sentences: doc.sentences,
                gold: doc.gold,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (surface, label) of every gold span, in order.
    fn gold(doc: &ConllDocument) -> Vec<(&str, &str)> {
        doc.gold()
            .iter()
            .map(|g| (&doc.text()[g.span], g.label.as_str()))
            .collect()
    }

    /// Expected (surface, label) pairs.
    type Gold = &'static [(&'static str, &'static str)];

    #[test]
    fn iob1_and_iob2_tags() {
        let cases: &[(&str, &str, Gold)] = &[
            (
                "iob1: I- continues, B- splits adjacent names of one type",
                "Kohl I-PER\nSchroeder I-PER\nB-Schroeder B-PER\nvisit O\nEU I-ORG\n",
                &[
                    ("Kohl Schroeder", "PER"),
                    ("B-Schroeder", "PER"),
                    ("EU", "ORG"),
                ],
            ),
            (
                "iob2: every name opens with B-",
                "Helmut B-PER\nKohl I-PER\nGerhard B-PER\nin O\nBonn B-LOC\n",
                &[("Helmut Kohl", "PER"), ("Gerhard", "PER"), ("Bonn", "LOC")],
            ),
            (
                "a type change inside I- starts a new span",
                "Bonn I-LOC\nUniversity I-ORG\nGermany I-LOC\n",
                &[("Bonn", "LOC"), ("University", "ORG"), ("Germany", "LOC")],
            ),
            (
                "spans end at O, at the sentence end, and never cross sentences",
                "German I-MISC\nO O\nKohl I-PER\n\nKohl I-PER\n",
                &[("German", "MISC"), ("Kohl", "PER"), ("Kohl", "PER")],
            ),
        ];
        for (name, conll, want) in cases {
            let docs = parse_conll("t.conll", conll).unwrap();
            assert_eq!(docs.len(), 1, "case {name}");
            assert_eq!(gold(&docs[0]), *want, "case {name}");
        }
    }

    #[test]
    fn text_is_rebuilt_like_conll_ner_py() {
        // Tabs, runs of spaces and U+001F (Python's str.split splits on it)
        // separate columns; CRLF and CR end lines; offsets are in bytes.
        let conll = "-DOCSTART- -X- O O\r\n\r\nMünchen\tNNP  I-NP\x1fI-LOC\r\nis VBZ I-VP O\r\r\nBayern NNP I-NP I-LOC";
        let docs = parse_conll("t.conll", conll).unwrap();
        let doc = &docs[0];
        assert_eq!(doc.text(), "München is\nBayern");
        assert_eq!(
            doc.tokens(),
            [Span::new(0, 8), Span::new(9, 11), Span::new(12, 18)]
        );
        assert_eq!(doc.sentences(), [0..2, 2..3]);
        assert_eq!(doc.gold()[1].tokens, 2..3);
        assert_eq!(doc.line(), 3);
        assert_eq!(gold(doc), [("München", "LOC"), ("Bayern", "LOC")]);
    }

    #[test]
    fn docstart_splits_documents_and_empty_ones_are_dropped() {
        let conll = "-DOCSTART- -X- O O\n\nA I-PER\n\nB O\n\
                     -DOCSTART- -X- O O\n\n\n-DOCSTART- -X- O O\n\nC I-ORG\nD O\n";
        let docs = parse_conll("t.conll", conll).unwrap();
        let ids: Vec<&str> = docs.iter().map(ConllDocument::id).collect();
        assert_eq!(ids, ["doc-00000", "doc-00001"]);
        let texts: Vec<&str> = docs.iter().map(ConllDocument::text).collect();
        assert_eq!(texts, ["A\nB", "C D"]);
        assert_eq!((docs[0].line(), docs[1].line()), (3, 11));
        assert_eq!(gold(&docs[1]), [("C", "ORG")]);
        assert!(parse_conll("t.conll", "").unwrap().is_empty());
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let cases = [
            (
                "one column",
                "A NNP O\n\nB\n",
                "t.conll:3: expected at least 2 columns (token … tag), found 1",
            ),
            (
                "IOBES tag",
                "A NNP O\nB NNP S-PER\n",
                "t.conll:2: unknown tag \"S-PER\" (expected O, B-TYPE or I-TYPE)",
            ),
            (
                "no type",
                "A NNP B-\n",
                "t.conll:1: unknown tag \"B-\" (expected O, B-TYPE or I-TYPE)",
            ),
            (
                "bare type",
                "A NNP PER\n",
                "t.conll:1: unknown tag \"PER\" (expected O, B-TYPE or I-TYPE)",
            ),
        ];
        for (name, conll, want) in cases {
            let err = parse_conll("t.conll", conll).unwrap_err();
            assert_eq!(err.to_string(), want, "case {name}");
            assert_eq!(err.kind(), ErrorKind::Json, "case {name}");
        }
    }
}
