//! Evaluation: gold-annotated corpora and exact-span scoring of mentions.
//!
//! This module sits beside the pipeline, not in it: it reads gold files and
//! compares the name mentions of a [`Document`] with gold spans. Nothing in
//! the pipeline knows about it.
//!
//! The CoNLL-2003 reader rebuilds each document's text exactly as
//! `../shared/tools/conll_ner.py` does (sentences one per line, tokens joined
//! by single spaces), and the [`Scorer`] counts as that script does, so
//! `newsgraph eval conll FILE` and the script agree count for count:
//!
//! - a predicted mention is a [`MentionKind::Name`] mention of a person, place
//!   or organisation, scored as PER, LOC or ORG; demonyms, nominals and
//!   pronouns are not scored;
//! - a prediction is a true positive when a gold span of the same type has
//!   exactly its byte span, otherwise a false positive; a gold span no
//!   prediction matches is a false negative. Equal (span, type) pairs count
//!   once. Gold types other than PER, LOC and ORG (MISC) are not scored.
//!
//! # Example
//!
//! ```
//! use newsgraph::eval::{parse_conll, NerType, Scorer};
//! use newsgraph::Extractor;
//!
//! let conll = "-DOCSTART- -X- O O\n\n\
//!              John NNP I-NP I-PER\nKerry NNP I-NP I-PER\nmet VBD I-VP O\n\
//!              Sergei NNP I-NP I-PER\nLavrov NNP I-NP I-PER\n. . O O\n";
//! let docs = parse_conll("ex.conll", conll)?;
//! assert_eq!(docs[0].text(), "John Kerry met Sergei Lavrov .");
//!
//! let extractor = Extractor::default();
//! let mut scorer = Scorer::new();
//! for gold in &docs {
//!     scorer.add_document(gold, &extractor.extract(gold.id(), gold.text()));
//! }
//! let per = scorer.counts(NerType::Per);
//! assert_eq!((per.true_positives, per.false_positives, per.false_negatives), (2, 0, 0));
//! # Ok::<(), newsgraph::Error>(())
//! ```

pub mod meets;

use std::collections::HashSet;
use std::ops::{AddAssign, Range};
use std::path::Path;

use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::input::{read_text, Utf8Policy};
use crate::model::{EntityKind, MentionKind, Span};

/// The entity types CoNLL-2003 scores here.
///
/// # Examples
///
/// ```
/// use newsgraph::eval::NerType;
/// use newsgraph::EntityKind;
///
/// assert_eq!(NerType::from_label("LOC"), Some(NerType::Loc));
/// assert_eq!(NerType::from_label("MISC"), None);
/// assert_eq!(NerType::from_kind(EntityKind::Place), Some(NerType::Loc));
/// assert_eq!(NerType::Org.as_str(), "ORG");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NerType {
    /// `PER`: people.
    Per,
    /// `LOC`: places.
    Loc,
    /// `ORG`: organisations.
    Org,
}

impl NerType {
    /// Every scored type, in table order.
    pub const ALL: [NerType; 3] = [NerType::Per, NerType::Loc, NerType::Org];

    /// The CoNLL label: `PER`, `LOC` or `ORG`.
    pub fn as_str(&self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Loc => "LOC",
            NerType::Org => "ORG",
        }
    }

    /// The type of a CoNLL label; `None` for labels not scored (`MISC`).
    pub fn from_label(label: &str) -> Option<NerType> {
        NerType::ALL.into_iter().find(|t| t.as_str() == label)
    }

    /// The type an extracted entity kind is scored as.
    pub fn from_kind(kind: EntityKind) -> Option<NerType> {
        match kind {
            EntityKind::Person => Some(NerType::Per),
            EntityKind::Place => Some(NerType::Loc),
            EntityKind::Organisation => Some(NerType::Org),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

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
        let bad =
            |reason: String| Error::new(ErrorKind::Json, format!("{source}:{line_no}: {reason}"));
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

/// True positives, false positives and false negatives of one type (or all).
///
/// # Examples
///
/// ```
/// let c = newsgraph::eval::Counts { true_positives: 3, false_positives: 1, false_negatives: 3 };
/// assert_eq!(c.precision(), 0.75);
/// assert_eq!(c.recall(), 0.5);
/// assert_eq!(c.f1(), 0.6);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predictions with a gold span of the same type and bytes.
    pub true_positives: usize,
    /// Predictions without one.
    pub false_positives: usize,
    /// Gold spans no prediction matches.
    pub false_negatives: usize,
}

impl Counts {
    /// tp / (tp + fp), or 0 without predictions.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// tp / (tp + fn), or 0 without gold spans.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// The harmonic mean of precision and recall, or 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

/// Exact-span scores per [`NerType`], summed over documents.
///
/// # Examples
///
/// ```
/// use newsgraph::eval::{NerType, Scorer};
/// use newsgraph::Span;
///
/// let mut scorer = Scorer::new();
/// let gold = [(Span::new(0, 10), NerType::Per), (Span::new(15, 21), NerType::Loc)];
/// let predicted = [(Span::new(5, 10), NerType::Per), (Span::new(15, 21), NerType::Loc)];
/// scorer.add(gold, predicted);
/// assert_eq!(scorer.counts(NerType::Loc).true_positives, 1);
/// let per = scorer.counts(NerType::Per);
/// assert_eq!((per.false_positives, per.false_negatives), (1, 1)); // partial spans count nothing
/// assert_eq!(scorer.micro().true_positives, 1);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Scorer {
    counts: [Counts; 3],
}

impl Scorer {
    /// A scorer with all counts at zero.
    pub fn new() -> Scorer {
        Scorer::default()
    }

    /// Scores one document given as (byte span, type) pairs. Repeated pairs
    /// count once.
    pub fn add(
        &mut self,
        gold: impl IntoIterator<Item = (Span, NerType)>,
        predicted: impl IntoIterator<Item = (Span, NerType)>,
    ) {
        let gold: HashSet<(Span, NerType)> = gold.into_iter().collect();
        let predicted: HashSet<(Span, NerType)> = predicted.into_iter().collect();
        for p in &predicted {
            let c = &mut self.counts[p.1.index()];
            if gold.contains(p) {
                c.true_positives += 1;
            } else {
                c.false_positives += 1;
            }
        }
        for g in gold.difference(&predicted) {
            self.counts[g.1.index()].false_negatives += 1;
        }
    }

    /// Scores the name mentions of `predicted` (see [`scored_mentions`])
    /// against the gold spans of `gold`; `predicted` must have been extracted
    /// from `gold.text()`.
    pub fn add_document(&mut self, gold: &ConllDocument, predicted: &Document) {
        self.add(gold.scored_gold(), scored_mentions(predicted));
    }

    /// The counts of one type.
    pub fn counts(&self, ty: NerType) -> Counts {
        self.counts[ty.index()]
    }

    /// The counts summed over all types (micro average).
    pub fn micro(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.counts {
            all += c;
        }
        all
    }
}

/// The mentions of a document that are scored: names (not demonyms,
/// nominals or pronouns), with their entity's type.
///
/// # Examples
///
/// ```
/// use newsgraph::eval::{scored_mentions, NerType};
///
/// let doc = newsgraph::Extractor::default().extract("d", "Russian envoy Sergei Lavrov met John Kerry.");
/// let found: Vec<(&str, NerType)> = scored_mentions(&doc).map(|(s, t)| (&doc.text()[s], t)).collect();
/// // "Russian" is a demonym of Russia: a mention, but not scored.
/// assert!(doc.mentions().iter().any(|m| doc.mention_text(m) == "Russian"));
/// assert_eq!(found, [("Sergei Lavrov", NerType::Per), ("John Kerry", NerType::Per)]);
/// ```
pub fn scored_mentions(doc: &Document) -> impl Iterator<Item = (Span, NerType)> + '_ {
    doc.mentions().iter().filter_map(move |m| {
        let ty = NerType::from_kind(doc.entities()[m.entity].kind)?;
        (m.kind == MentionKind::Name).then_some((m.span, ty))
    })
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

    #[test]
    fn exact_spans_score_partial_ones_do_not() {
        use NerType::{Loc, Org, Per};
        let s = Span::new;
        type Pairs<'a> = &'a [(Span, NerType)];
        /// (tp, fp, fn) of PER, LOC and ORG.
        type Want = [(usize, usize, usize); 3];
        let cases: &[(&str, Pairs<'_>, Pairs<'_>, Want)] = &[
            (
                "exact match",
                &[(s(0, 10), Per)],
                &[(s(0, 10), Per)],
                [(1, 0, 0), (0, 0, 0), (0, 0, 0)],
            ),
            (
                "partial span",
                &[(s(0, 10), Per)],
                &[(s(5, 10), Per)],
                [(0, 1, 1), (0, 0, 0), (0, 0, 0)],
            ),
            (
                "longer span",
                &[(s(0, 4), Loc)],
                &[(s(0, 10), Loc)],
                [(0, 0, 0), (0, 1, 1), (0, 0, 0)],
            ),
            (
                "wrong type",
                &[(s(0, 4), Org)],
                &[(s(0, 4), Loc)],
                [(0, 0, 0), (0, 1, 0), (0, 0, 1)],
            ),
            (
                "repeated pairs count once",
                &[(s(0, 4), Org), (s(0, 4), Org)],
                &[
                    (s(0, 4), Org),
                    (s(0, 4), Org),
                    (s(6, 8), Org),
                    (s(6, 8), Org),
                ],
                [(0, 0, 0), (0, 0, 0), (1, 1, 0)],
            ),
        ];
        for (name, gold, predicted, want) in cases {
            let mut scorer = Scorer::new();
            scorer.add(gold.iter().copied(), predicted.iter().copied());
            let got: Vec<(usize, usize, usize)> = NerType::ALL
                .iter()
                .map(|&t| scorer.counts(t))
                .map(|c| (c.true_positives, c.false_positives, c.false_negatives))
                .collect();
            assert_eq!(got, *want, "case {name}");
            let micro = scorer.micro();
            let sum = |i: fn(&(usize, usize, usize)) -> usize| want.iter().map(i).sum::<usize>();
            assert_eq!(
                (
                    micro.true_positives,
                    micro.false_positives,
                    micro.false_negatives
                ),
                (sum(|w| w.0), sum(|w| w.1), sum(|w| w.2)),
                "case {name}"
            );
        }
    }

    #[test]
    fn counts_sum_over_documents() {
        let mut scorer = Scorer::new();
        scorer.add(
            [(Span::new(0, 3), NerType::Per)],
            [(Span::new(0, 3), NerType::Per)],
        );
        scorer.add([(Span::new(0, 3), NerType::Per)], []);
        let per = scorer.counts(NerType::Per);
        assert_eq!((per.true_positives, per.false_negatives), (1, 1));
        assert_eq!(per.recall(), 0.5);
        assert_eq!(Counts::default().f1(), 0.0, "no data is 0, not NaN");
    }

    #[test]
    fn demonyms_are_not_scored() {
        let conll = "Russian JJ I-NP I-MISC\nminister NN I-NP O\nSergei NNP I-NP I-PER\n\
                     Lavrov NNP I-NP I-PER\nvisited VBD I-VP O\nMoscow NNP I-NP I-LOC\n";
        let gold = &parse_conll("t.conll", conll).unwrap()[0];
        let doc = crate::Extractor::default().extract(gold.id(), gold.text());
        let russian = doc
            .mentions()
            .iter()
            .find(|m| doc.mention_text(m) == "Russian")
            .expect("the extractor finds the demonym");
        assert_eq!(russian.kind, MentionKind::Demonym);
        let scored: Vec<&str> = scored_mentions(&doc)
            .map(|(s, _)| &gold.text()[s])
            .collect();
        assert_eq!(scored, ["Sergei Lavrov", "Moscow"]);

        let mut scorer = Scorer::new();
        scorer.add_document(gold, &doc);
        let micro = scorer.micro();
        assert_eq!(
            (
                micro.true_positives,
                micro.false_positives,
                micro.false_negatives
            ),
            (2, 0, 0)
        );
    }
}
