//! Views: an entity, mention or relation seen from its document, so that
//! callers follow links by method (`meeting.a().name()`, `mention.text()`,
//! `mention.entity()`) instead of indexing vectors.
//!
//! A view is two words (the document and an index), `Copy`, and
//! dereferences to the model type it views, so its fields stay readable
//! (`entity.kind`, `relation.modality`).

use std::ops::Deref;

use crate::document::Document;
use crate::model::{Args, Entity, EntityKind, Mention, Modality, Relation, Sentence, Span};

/// An entity of a document, with its mentions.
#[derive(Clone, Copy, Debug)]
pub struct EntityRef<'d> {
    doc: &'d Document,
    index: usize,
}

/// A mention of a document, with its text, entity and sentence.
#[derive(Clone, Copy, Debug)]
pub struct MentionRef<'d> {
    doc: &'d Document,
    index: usize,
}

/// A relation of a document, with its arguments as entities.
#[derive(Clone, Copy, Debug)]
pub struct RelationRef<'d> {
    doc: &'d Document,
    index: usize,
}

/// A MEETS relation of a document: two people and, where known, a place.
#[derive(Clone, Copy, Debug)]
pub struct MeetingRef<'d> {
    relation: RelationRef<'d>,
    a: usize,
    b: usize,
    place: Option<usize>,
}

/// A relation's arguments as entities, typed by relation kind.
#[non_exhaustive]
#[derive(Clone, Copy, Debug)]
pub enum Arguments<'d> {
    /// `a` met `b` (unordered), at `place` if known.
    Meets {
        /// One person.
        a: EntityRef<'d>,
        /// The other person.
        b: EntityRef<'d>,
        /// Where they met.
        place: Option<EntityRef<'d>>,
    },
    /// `person` holds `role` of `of`.
    HoldsRole {
        /// The role holder.
        person: EntityRef<'d>,
        /// Whose role it is.
        of: Option<EntityRef<'d>>,
        /// The title, in title case: "Foreign Minister".
        role: &'d str,
    },
    /// `inner` lies in `outer`.
    LocatedIn {
        /// The place or organisation inside.
        inner: EntityRef<'d>,
        /// The place around it.
        outer: EntityRef<'d>,
    },
    /// `speaker` said something, quoted in `quote` when quoted.
    Said {
        /// The person or organisation speaking.
        speaker: EntityRef<'d>,
        /// The quotation's text, marks included.
        quote: Option<&'d str>,
    },
    /// `a` and `b` spoke at a distance (unordered).
    Calls {
        /// One person.
        a: EntityRef<'d>,
        /// The other person.
        b: EntityRef<'d>,
    },
}

impl Document {
    /// The entity at `index` of [`entities`](Document::entities), as a view.
    pub fn entity_at(&self, index: usize) -> Option<EntityRef<'_>> {
        (index < self.entities.len()).then_some(EntityRef { doc: self, index })
    }

    /// The entities, in order of their first mention, as views.
    ///
    /// # Examples
    ///
    /// ```
    /// let doc = newsgraph::Extractor::default().extract("d", "Kerry met Lavrov in Munich. Lavrov smiled.");
    /// let lavrov = doc.entity_refs().find(|e| e.name() == "Sergei Lavrov").unwrap();
    /// let forms: Vec<&str> = lavrov.mentions().map(|m| m.text()).collect();
    /// assert_eq!(forms, ["Lavrov", "Lavrov"]);
    /// ```
    pub fn entity_refs(&self) -> impl ExactSizeIterator<Item = EntityRef<'_>> + '_ {
        (0..self.entities.len()).map(move |index| EntityRef { doc: self, index })
    }

    /// The mentions, in text order, as views.
    pub fn mention_refs(&self) -> impl ExactSizeIterator<Item = MentionRef<'_>> + '_ {
        (0..self.mentions.len()).map(move |index| MentionRef { doc: self, index })
    }

    /// The relations, in text order of their evidence, as views.
    pub fn relation_refs(&self) -> impl ExactSizeIterator<Item = RelationRef<'_>> + '_ {
        (0..self.relations.len()).map(move |index| RelationRef { doc: self, index })
    }

    /// The MEETS relations, as views of two people and a place.
    ///
    /// # Examples
    ///
    /// ```
    /// let doc = newsgraph::Extractor::default().extract("d", "John Kerry and Sergei Lavrov met in Munich.");
    /// let meeting = doc.meetings().next().unwrap();
    /// assert_eq!(meeting.a().name(), "John Kerry");
    /// assert_eq!(meeting.b().name(), "Sergei Lavrov");
    /// assert_eq!(meeting.place().map(|p| p.name()), Some("Munich"));
    /// assert_eq!(meeting.relation().evidence_text(), "John Kerry and Sergei Lavrov met in Munich.");
    /// ```
    pub fn meetings(&self) -> impl Iterator<Item = MeetingRef<'_>> + '_ {
        self.relation_refs()
            .filter_map(|relation| match relation.args {
                Args::Meets { a, b, place } => Some(MeetingRef {
                    relation,
                    a,
                    b,
                    place,
                }),
                _ => None,
            })
    }

    /// The sentence holding byte offset `offset`, where the document has
    /// its sentences (a document read from Document JSON has none).
    pub fn sentence_at_offset(&self, offset: usize) -> Option<&Sentence> {
        self.sentence_at(offset).map(|i| &self.sentences[i])
    }
}

impl<'d> EntityRef<'d> {
    /// Its index in [`Document::entities`].
    pub fn index(&self) -> usize {
        self.index
    }

    /// The document it belongs to.
    pub fn document(&self) -> &'d Document {
        self.doc
    }

    /// The canonical name.
    pub fn name(&self) -> &'d str {
        &self.doc.entities[self.index].name
    }

    /// The id: a gazetteer id or `guess:<kind>:<slug>`.
    pub fn id(&self) -> &'d str {
        self.doc.entities[self.index].id.as_str()
    }

    /// Person, place or organisation.
    pub fn kind(&self) -> EntityKind {
        self.doc.entities[self.index].kind
    }

    /// Its mentions, in text order.
    pub fn mentions(&self) -> impl ExactSizeIterator<Item = MentionRef<'d>> + 'd {
        let doc = self.doc;
        doc.entities[self.index]
            .mentions
            .iter()
            .map(move |&index| MentionRef { doc, index })
    }
}

impl<'d> Deref for EntityRef<'d> {
    type Target = Entity;

    fn deref(&self) -> &Entity {
        &self.doc.entities[self.index]
    }
}

impl<'d> MentionRef<'d> {
    /// Its index in [`Document::mentions`].
    pub fn index(&self) -> usize {
        self.index
    }

    /// The surface text: `&doc.text()[mention.span]`.
    pub fn text(&self) -> &'d str {
        self.doc.span_text(self.doc.mentions[self.index].span)
    }

    /// The entity it names.
    pub fn entity(&self) -> EntityRef<'d> {
        EntityRef {
            doc: self.doc,
            index: self.doc.mentions[self.index].entity,
        }
    }

    /// The sentence it stands in (none in a document read from JSON).
    pub fn sentence(&self) -> Option<&'d Sentence> {
        self.doc
            .sentence_at_offset(self.doc.mentions[self.index].span.start)
    }

    /// The text of that sentence.
    pub fn sentence_text(&self) -> Option<&'d str> {
        self.sentence().map(|s| self.doc.span_text(s.span))
    }
}

impl<'d> Deref for MentionRef<'d> {
    type Target = Mention;

    fn deref(&self) -> &Mention {
        &self.doc.mentions[self.index]
    }
}

impl<'d> RelationRef<'d> {
    /// Its index in [`Document::relations`].
    pub fn index(&self) -> usize {
        self.index
    }

    fn relation(&self) -> &'d Relation {
        &self.doc.relations[self.index]
    }

    fn entity(&self, index: usize) -> EntityRef<'d> {
        EntityRef {
            doc: self.doc,
            index,
        }
    }

    /// The arguments as entities, typed by relation kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsgraph::Arguments;
    ///
    /// let doc = newsgraph::Extractor::default()
    ///     .extract("d", "Russian Foreign Minister Sergei Lavrov arrived.");
    /// let role = doc.relation_refs().find_map(|r| match r.arguments() {
    ///     Arguments::HoldsRole { person, of, role } => Some((person.name(), of.map(|o| o.name()), role)),
    ///     _ => None,
    /// });
    /// assert_eq!(role, Some(("Sergei Lavrov", Some("Russia"), "Foreign Minister")));
    /// ```
    pub fn arguments(&self) -> Arguments<'d> {
        let e = |i: usize| self.entity(i);
        match &self.relation().args {
            Args::Meets { a, b, place } => Arguments::Meets {
                a: e(*a),
                b: e(*b),
                place: place.map(e),
            },
            Args::HoldsRole { person, of, role } => Arguments::HoldsRole {
                person: e(*person),
                of: of.map(e),
                role,
            },
            Args::LocatedIn { inner, outer } => Arguments::LocatedIn {
                inner: e(*inner),
                outer: e(*outer),
            },
            Args::Said { speaker, quote } => Arguments::Said {
                speaker: e(*speaker),
                quote: quote.map(|q| self.doc.span_text(q)),
            },
            Args::Calls { a, b } => Arguments::Calls { a: e(*a), b: e(*b) },
        }
    }

    /// The entities it relates, with their slot names (`a`, `b`, `place`,
    /// `person`, `of`, `inner`, `outer`, `speaker`), in that order.
    pub fn entities(&self) -> impl Iterator<Item = (&'static str, EntityRef<'d>)> {
        let slots: [(&'static str, Option<EntityRef<'d>>); 3] = match self.arguments() {
            Arguments::Meets { a, b, place } => [("a", Some(a)), ("b", Some(b)), ("place", place)],
            Arguments::HoldsRole { person, of, .. } => {
                [("person", Some(person)), ("of", of), ("", None)]
            }
            Arguments::LocatedIn { inner, outer } => {
                [("inner", Some(inner)), ("outer", Some(outer)), ("", None)]
            }
            Arguments::Said { speaker, .. } => [("speaker", Some(speaker)), ("", None), ("", None)],
            Arguments::Calls { a, b } => [("a", Some(a)), ("b", Some(b)), ("", None)],
        };
        slots
            .into_iter()
            .filter_map(|(slot, e)| e.map(|e| (slot, e)))
    }

    /// The text of the evidence: the sentence (or sentences) stating it.
    pub fn evidence_text(&self) -> &'d str {
        self.doc.span_text(self.relation().evidence)
    }

    /// The trigger words' text, where the rule marks them: "met".
    pub fn trigger_text(&self) -> Option<&'d str> {
        self.relation().trigger.map(|s| self.doc.span_text(s))
    }

    /// The time as written: "on Friday".
    pub fn when_text(&self) -> Option<&'d str> {
        self.relation().when.map(|s| self.doc.span_text(s))
    }

    /// The sentence its evidence starts in (none in a document read from
    /// JSON).
    pub fn sentence(&self) -> Option<&'d Sentence> {
        self.doc.sentence_at_offset(self.relation().evidence.start)
    }
}

impl<'d> Deref for RelationRef<'d> {
    type Target = Relation;

    fn deref(&self) -> &Relation {
        self.relation()
    }
}

impl<'d> MeetingRef<'d> {
    /// One person.
    pub fn a(&self) -> EntityRef<'d> {
        self.relation.entity(self.a)
    }

    /// The other person.
    pub fn b(&self) -> EntityRef<'d> {
        self.relation.entity(self.b)
    }

    /// Where they met, where the text says.
    pub fn place(&self) -> Option<EntityRef<'d>> {
        self.place.map(|p| self.relation.entity(p))
    }

    /// Stated as fact, planned, possible or denied.
    pub fn modality(&self) -> Modality {
        self.relation.modality
    }

    /// The evidence span.
    pub fn evidence(&self) -> Span {
        self.relation.evidence
    }

    /// The relation itself, with its evidence, rule and time.
    pub fn relation(&self) -> RelationRef<'d> {
        self.relation
    }
}
