//! Mentions, sentences and datelines: the spans of a document.

use std::ops::Range;

use super::span::Span;

/// How a mention refers to its entity.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A name or alias: "Sergei Lavrov", "Lavrov", "U.S.".
    Name,
    /// An adjective or plural of a place: "Russian", "Russians".
    Demonym,
    /// A common noun phrase: "the Russian foreign minister".
    Nominal,
    /// A pronoun: "he", "she".
    Pronoun,
}

impl MentionKind {
    /// The Document JSON name: `name`, `demonym`, `nominal`, `pronoun`.
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Demonym => "demonym",
            MentionKind::Nominal => "nominal",
            MentionKind::Pronoun => "pronoun",
        }
    }
}

/// One mention of an entity in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the original text.
    pub span: Span,
    /// Index of the entity in [`Document::entities`](crate::Document::entities).
    pub entity: usize,
    /// Name, demonym, nominal or pronoun.
    pub kind: MentionKind,
    /// The rule that made the mention: `gazetteer`, `guess/title`, `coref/surname`…
    pub rule: &'static str,
}

/// A sentence: its span and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the original text.
    pub span: Span,
    /// Indices into [`Document::tokens`](crate::Document::tokens).
    pub tokens: Range<usize>,
}

/// The dateline that opens a story: "MUNICH (Reuters) –".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline.
    pub span: Span,
    /// The place as written: "MUNICH".
    pub place: Span,
    /// The entity the place resolved to, an index into [`Document::entities`](crate::Document::entities).
    pub entity: Option<usize>,
    /// The agency in brackets: "Reuters".
    pub agency: Option<Span>,
}
