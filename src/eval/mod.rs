//! Evaluation: gold-annotated corpora and exact-span scoring of mentions.
//!
//! This module sits beside the pipeline, not in it: it reads gold files and
//! compares the name mentions of a [`Document`](crate::Document) with gold
//! spans. Nothing in
//! the pipeline knows about it.
//!
//! The CoNLL-2003 reader rebuilds each document's text exactly as
//! `../shared/tools/conll_ner.py` does (sentences one per line, tokens joined
//! by single spaces), and the [`Scorer`] counts as that script does, so
//! `newsgraph eval conll FILE` and the script agree count for count:
//!
//! - a predicted mention is a [`MentionKind::Name`](crate::MentionKind::Name) mention of a person, place
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

//!
//! The parts: [`read_conll`] and [`parse_conll`] read gold files
//! (`conll.rs`), [`NerType`] is the scored types (`ner_type.rs`), [`Scorer`]
//! and [`Counts`] count (`score.rs`), and [`meets`] scores meetings against a
//! judged set.

mod conll;
pub mod meets;
mod ner_type;
mod score;

pub use conll::{parse_conll, read_conll, ConllDocument, GoldSpan};
pub use ner_type::NerType;
pub use score::{scored_mentions, Counts, Scorer};
