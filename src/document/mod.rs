//! Documents: the text with its tokens, sentences, mentions and entities.
//!
//! All spans are byte spans into the original text, whatever folding the
//! pipeline did internally.

mod from_json;
mod to_json;
mod view;

pub use to_json::DOCUMENT_SCHEMA;
pub use view::{Arguments, EntityRef, MeetingRef, MentionRef, RelationRef};

use crate::model::{Args, Dateline, Entity, Mention, Relation, Sentence, Span};
use crate::text::Token;

/// A processed document.
///
/// # Examples
///
/// ```
/// let extractor = newsgraph::Extractor::default();
/// let doc = extractor.extract("ex", "Sergei Lavrov met John Kerry in Munich.");
/// let names: Vec<&str> = doc.entities().iter().map(|e| e.name.as_str()).collect();
/// assert_eq!(names, ["Sergei Lavrov", "John Kerry", "Munich"]);
/// assert_eq!(doc.mention_text(&doc.mentions()[2]), "Munich");
/// ```
#[derive(Clone, Debug)]
pub struct Document {
    pub(crate) id: String,
    pub(crate) text: String,
    pub(crate) tokens: Vec<Token>,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) mentions: Vec<Mention>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) datelines: Vec<Dateline>,
    pub(crate) relations: Vec<Relation>,
    pub(crate) date: Option<String>,
}

impl Document {
    /// The document id (a file stem, or the `id` of a JSON Lines record).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The original text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Tokens with spans into the original text.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Sentences in order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// All mentions in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// Entities in order of their first mention.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id, if the document mentions it, as a view
    /// (it dereferences to the [`Entity`]).
    pub fn entity(&self, id: &str) -> Option<EntityRef<'_>> {
        let index = self.entities.iter().position(|e| e.id.as_str() == id)?;
        self.entity_at(index)
    }

    /// The first dateline of the document: the story's place.
    pub fn dateline(&self) -> Option<&Dateline> {
        self.datelines.first()
    }

    /// Every dateline (pages that hold several stories have several).
    pub fn datelines(&self) -> &[Dateline] {
        &self.datelines
    }

    /// The relations found, in text order of their evidence.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// The date the document states near its top ("Yahoo News, September
    /// 20, 2016"), as `YYYY-MM-DD`.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// The text of a span of this document; empty for a span that is not a
    /// char-boundary range of it (every span the document holds is one).
    pub fn span_text(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or_default()
    }

    /// The surface text of a mention.
    pub fn mention_text(&self, m: &Mention) -> &str {
        self.span_text(m.span)
    }

    /// The document with its invariants enforced: every span of a mention,
    /// dateline and relation (evidence, trigger, quotation) is an ordered
    /// char-boundary range of the text, and every index points at an entity
    /// or mention. What breaks them is a bug of the library: it is dropped
    /// and counted ([`Work::dropped`](crate::Work)), never a panic of the
    /// user's run nor a slice the writers cannot take.
    pub(crate) fn checked(mut self) -> Document {
        let text = &self.text;
        let ok = |s: Span| s.start <= s.end && text.get(s.range()).is_some();
        let n_entities = self.entities.len();
        let mut dropped = 0u64;
        // Mentions: keep the good ones, renumber the entities' lists.
        if self
            .mentions
            .iter()
            .any(|m| !ok(m.span) || m.entity >= n_entities)
        {
            let mut new_index = vec![usize::MAX; self.mentions.len()];
            let mut kept = Vec::with_capacity(self.mentions.len());
            for (i, m) in self.mentions.drain(..).enumerate() {
                if ok(m.span) && m.entity < n_entities {
                    new_index[i] = kept.len();
                    kept.push(m);
                } else {
                    dropped += 1;
                }
            }
            self.mentions = kept;
            for e in &mut self.entities {
                e.mentions.retain_mut(|m| match new_index.get(*m) {
                    Some(&j) if j != usize::MAX => {
                        *m = j;
                        true
                    }
                    _ => false,
                });
            }
        }
        let n_mentions = self.mentions.len();
        for e in &mut self.entities {
            e.mentions.retain(|&m| m < n_mentions);
        }
        let before = self.datelines.len();
        self.datelines.retain(|d| {
            ok(d.span)
                && ok(d.place)
                && d.agency.is_none_or(ok)
                && d.entity.is_none_or(|e| e < n_entities)
        });
        dropped += (before - self.datelines.len()) as u64;
        let before = self.relations.len();
        let entity = |i: usize| i < n_entities;
        self.relations.retain(|r| {
            let args = match &r.args {
                Args::Meets { a, b, place } => entity(*a) && entity(*b) && place.is_none_or(entity),
                Args::HoldsRole { person, of, .. } => entity(*person) && of.is_none_or(entity),
                Args::LocatedIn { inner, outer } => entity(*inner) && entity(*outer),
                Args::Said { speaker, quote } => entity(*speaker) && quote.is_none_or(ok),
                Args::Calls { a, b } => entity(*a) && entity(*b),
            };
            args && ok(r.evidence) && r.trigger.is_none_or(ok) && r.when.is_none_or(ok)
        });
        dropped += (before - self.relations.len()) as u64;
        for _ in 0..dropped {
            crate::work::dropped_match();
        }
        self
    }

    /// Index of the sentence holding byte offset `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}
