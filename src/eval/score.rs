//! Exact-span scoring: [`Counts`] per type, the [`Scorer`] that sums them
//! over documents, and which mentions of a [`Document`] are scored.
//!
//! This module compares spans; it knows nothing of how gold files are read
//! beyond [`ConllDocument::scored_gold`].

use std::collections::HashSet;
use std::ops::AddAssign;

use super::{ConllDocument, NerType};
use crate::document::Document;
use crate::model::{MentionKind, Span};

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

/// a / b, or 0 when b is 0.
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
    use crate::eval::parse_conll;

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
