//! Nodes, edges and evidence of an [`EntityGraph`](super::EntityGraph), and
//! how two records of the same node or edge combine.
//!
//! Every combination here is a join: associative, commutative and
//! idempotent (sets are united, counts per document take the larger value,
//! conflicting scalars keep a fixed preference). That is what makes graph
//! merging order-free.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{EntityId, EntityKind, Modality, RelationKind, Source, Span};

/// An entity of the graph, aggregated over the documents that mention it.
///
/// # Examples
///
/// ```
/// use newsgraph::EntityGraph;
///
/// # let tsv = "id\tkind\tname\taliases\tattributes\n\
/// #     person:john-kerry\tperson\tJohn Kerry\tKerry\t\n\
/// #     person:sergei-lavrov\tperson\tSergei Lavrov\tLavrov\t\n\
/// #     geonames:2867714\tplace/city\tMunich\t\t\n";
/// # let x = newsgraph::Extractor::builder()
/// #     .default_gazetteers(newsgraph::DefaultGazetteers::Exclude)
/// #     .gazetteer_str("tiny.tsv", tsv)
/// #     .build()?;
/// let doc = x.extract("d1", "John Kerry met Sergei Lavrov. Kerry smiled.");
/// let mut graph = EntityGraph::new();
/// graph.add(&doc);
/// let kerry = graph.node("person:john-kerry").unwrap();
/// assert_eq!(kerry.name(), "John Kerry");
/// assert_eq!(kerry.mention_count(), 2);
/// assert_eq!(kerry.forms().collect::<Vec<_>>(), ["John Kerry", "Kerry"]);
/// assert_eq!(kerry.documents().collect::<Vec<_>>(), ["d1"]);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub(crate) id: EntityId,
    pub(crate) kind: EntityKind,
    pub(crate) subkind: Option<String>,
    pub(crate) name: String,
    pub(crate) source: Source,
    /// Surface forms of the name mentions, as written.
    pub(crate) forms: BTreeSet<String>,
    /// Document id → number of mentions in it.
    pub(crate) documents: BTreeMap<String, usize>,
    /// Ids of guessed entities folded into this one.
    pub(crate) merged: BTreeSet<EntityId>,
}

impl Node {
    /// The entity id: a gazetteer id, or `guess:<kind>:<slug>`.
    pub fn id(&self) -> &EntityId {
        &self.id
    }

    /// Person, place or organisation.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }

    /// The gazetteer subkind (`city`, `country`…), if any.
    pub fn subkind(&self) -> Option<&str> {
        self.subkind.as_deref()
    }

    /// The canonical name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Gazetteer entry or guess.
    pub fn source(&self) -> Source {
        self.source
    }

    /// The surface forms of its name mentions, sorted: "John F. Kerry", "Kerry".
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().map(String::as_str)
    }

    /// Mentions over all documents.
    pub fn mention_count(&self) -> usize {
        // Counts may come from a graph file: saturate rather than overflow.
        self.documents.values().fold(0, |a, &b| a.saturating_add(b))
    }

    /// Mentions in one document (0 if it does not mention the entity).
    pub fn mentions_in(&self, doc: &str) -> usize {
        self.documents.get(doc).copied().unwrap_or(0)
    }

    /// Ids of the documents that mention it, sorted.
    pub fn documents(&self) -> impl Iterator<Item = &str> {
        self.documents.keys().map(String::as_str)
    }

    /// Ids of the guessed entities that were folded into this node, sorted.
    pub fn merged(&self) -> impl Iterator<Item = &EntityId> {
        self.merged.iter()
    }

    /// Joins another record of the same id into this one.
    pub(crate) fn join(&mut self, other: &Node) {
        debug_assert_eq!(self.id, other.id);
        self.kind = self.kind.min(other.kind);
        self.subkind = join_option(self.subkind.take(), other.subkind.as_ref());
        if name_rank(&other.name) < name_rank(&self.name) {
            self.name.clone_from(&other.name);
        }
        if source_rank(other.source) < source_rank(self.source) {
            self.source = other.source;
        }
        self.forms.extend(other.forms.iter().cloned());
        for (doc, &n) in &other.documents {
            let count = self.documents.entry(doc.clone()).or_insert(0);
            *count = (*count).max(n);
        }
        self.merged.extend(other.merged.iter().cloned());
    }

    /// Takes in a guessed entity that names the same thing: its mentions
    /// add up with this node's (they are other mentions of the same
    /// documents), and its id is remembered.
    pub(crate) fn absorb(&mut self, guess: &Node) {
        for (doc, &n) in &guess.documents {
            let count = self.documents.entry(doc.clone()).or_insert(0);
            *count = count.saturating_add(n);
        }
        self.merged.insert(guess.id.clone());
        self.merged.extend(guess.merged.iter().cloned());
    }
}

/// Which of two spellings of a name a node keeps: one that is not all
/// capitals ("Kerry" over "KERRY"), then the smallest.
fn name_rank(name: &str) -> (bool, &str) {
    let shouting = name.chars().any(char::is_alphabetic)
        && !name.chars().any(|c| c.is_alphabetic() && c.is_lowercase());
    (shouting, name)
}

fn source_rank(s: Source) -> u8 {
    match s {
        Source::Gazetteer => 0,
        Source::Guess => 1,
    }
}

/// A known value beats an unknown one; of two known values the smallest wins.
fn join_option(a: Option<String>, b: Option<&String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if *b < a { b.clone() } else { a }),
        (a, b) => a.or_else(|| b.cloned()),
    }
}

/// One statement of a relation in one document.
///
/// Evidence orders by document, span, rule, then the rest, and an edge keeps
/// its evidence in that order whatever order the documents came in.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    /// The document id.
    pub doc: String,
    /// The sentence (or sentences) stating it: bytes of the document's text.
    pub span: Span,
    /// The rule that found it: `meet/coordinated-subject`.
    pub rule: String,
    /// Asserted, planned, hypothetical or negated.
    pub modality: Modality,
    /// The text of `span`.
    pub text: String,
    /// The trigger words ("met"), bytes of the document's text.
    pub trigger: Option<Span>,
    /// For SAID, the quotation, bytes of the document's text.
    pub quote: Option<Span>,
}

/// What makes an edge one edge: its type, endpoints and key qualifiers.
///
/// Field order is the export order: by endpoints, then type, then qualifier.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct EdgeKey {
    pub source: EntityId,
    pub target: Option<EntityId>,
    pub kind: RelationKind,
    pub place: Option<EntityId>,
    /// The role title folded for comparison: "foreign minister".
    pub role: Option<String>,
}

impl EdgeKey {
    /// The key of a relation, normalised: MEETS endpoints in sorted order,
    /// so that "a met b" and "b met a" are one edge; no target for SAID, nor
    /// for a role "of" its own holder (exports write both as loops, so they
    /// must read back the same).
    pub fn new(
        kind: RelationKind,
        source: EntityId,
        target: Option<EntityId>,
        place: Option<EntityId>,
        role: Option<&str>,
    ) -> EdgeKey {
        let (source, target) = match (kind, target) {
            (RelationKind::Said, _) => (source, None),
            (RelationKind::HoldsRole, Some(t)) if t == source => (source, None),
            (RelationKind::Meets | RelationKind::Calls, Some(t)) if t < source => (t, Some(source)),
            (_, t) => (source, t),
        };
        EdgeKey {
            source,
            target,
            kind,
            place: if kind == RelationKind::Meets {
                place
            } else {
                None
            },
            role: role.map(fold_role),
        }
    }
}

/// Role titles compare without case or extra spaces.
fn fold_role(role: &str) -> String {
    role.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A relation aggregated over documents: one per type, endpoints and key
/// qualifiers (place for MEETS, role title for HOLDS_ROLE), with all its
/// evidence.
///
/// Relations with one argument — SAID, and HOLDS_ROLE whose `of` is unknown
/// — have no target; exports draw them as loops on their node.
///
/// # Examples
///
/// ```
/// use newsgraph::{EntityGraph, RelationKind};
///
/// # let tsv = "id\tkind\tname\taliases\tattributes\n\
/// #     person:john-kerry\tperson\tJohn Kerry\tKerry\t\n\
/// #     person:sergei-lavrov\tperson\tSergei Lavrov\tLavrov\t\n\
/// #     geonames:2867714\tplace/city\tMunich\t\t\n";
/// # let x = newsgraph::Extractor::builder()
/// #     .default_gazetteers(newsgraph::DefaultGazetteers::Exclude)
/// #     .gazetteer_str("tiny.tsv", tsv)
/// #     .build()?;
/// let doc = x.extract("d1", "John Kerry and Sergei Lavrov met in Munich.");
/// let mut graph = EntityGraph::new();
/// graph.add(&doc);
/// let edge = graph.edges_of_kind(RelationKind::Meets).next().unwrap();
/// assert_eq!(edge.source().as_str(), "person:john-kerry"); // sorted ids
/// assert_eq!(edge.target().unwrap().as_str(), "person:sergei-lavrov");
/// assert_eq!(graph.node(edge.place().unwrap().as_str()).unwrap().name(), "Munich");
/// assert_eq!(edge.evidence().next().unwrap().doc, "d1");
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub(crate) key: EdgeKey,
    /// The role title as written, for HOLDS_ROLE.
    pub(crate) role: Option<String>,
    pub(crate) evidence: BTreeSet<Evidence>,
    /// Once evidence was dropped for a graph's bound
    /// ([`EntityGraph::set_max_evidence`](crate::EntityGraph::set_max_evidence)),
    /// the statements it no longer shows; `None` while `evidence` is all.
    pub(crate) tally: Option<Box<Tally>>,
}

/// How many statements of an edge each document makes, by modality and
/// rule: what an edge's counts, documents, modalities and rules are read
/// from once some of its evidence is dropped.
///
/// Joining takes the larger count of each (document, modality, rule): a
/// document always states the same, so seeing it twice counts it once, and
/// the join is associative, commutative and idempotent, as merging is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub statements: BTreeMap<(String, Modality, String), usize>,
}

impl Tally {
    /// The tally of whole evidence.
    pub fn of(evidence: &BTreeSet<Evidence>) -> Tally {
        let mut statements = BTreeMap::new();
        for e in evidence {
            *statements
                .entry((e.doc.clone(), e.modality, e.rule.clone()))
                .or_insert(0) += 1;
        }
        Tally { statements }
    }

    fn join(&mut self, other: &Tally, how: Join) {
        for (key, &n) in &other.statements {
            let have = self.statements.entry(key.clone()).or_insert(0);
            *have = match how {
                Join::Same => (*have).max(n),
                Join::Disjoint => *have + n,
            };
        }
    }
}

/// How two records of an edge join.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Join {
    /// Two records of the same edge, built from whole documents: a
    /// document in both states the same in both.
    Same,
    /// Records of different edges that the view folds into one (a guessed
    /// name and the gazetteer entity it names): their statements add up.
    Disjoint,
}

impl Edge {
    /// The relation type.
    pub fn kind(&self) -> RelationKind {
        self.key.kind
    }

    /// The first argument: a person who met (the smaller id), the role
    /// holder, the inner place, the speaker.
    pub fn source(&self) -> &EntityId {
        &self.key.source
    }

    /// The second argument: the other person, whose role it is, the outer
    /// place; `None` for SAID and for a role of unknown `of`.
    pub fn target(&self) -> Option<&EntityId> {
        self.key.target.as_ref()
    }

    /// Where a meeting took place, if known.
    pub fn place(&self) -> Option<&EntityId> {
        self.key.place.as_ref()
    }

    /// The role title for HOLDS_ROLE: "Foreign Minister".
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }

    /// Every statement of the relation, sorted by document, span and rule;
    /// in a graph with a bound on evidence, the first so many of them.
    pub fn evidence(&self) -> impl ExactSizeIterator<Item = &Evidence> {
        self.evidence.iter()
    }

    /// How many statements support the edge (all of them, whether or not
    /// their evidence is kept).
    pub fn evidence_count(&self) -> usize {
        match &self.tally {
            Some(t) => t.statements.values().sum(),
            None => self.evidence.len(),
        }
    }

    /// The documents stating the relation, sorted, each once.
    pub fn documents(&self) -> impl Iterator<Item = &str> + '_ {
        // Both are sorted by document first: a document's entries are
        // neighbours.
        let docs: Box<dyn Iterator<Item = &str>> = match &self.tally {
            Some(t) => Box::new(t.statements.keys().map(|(d, _, _)| d.as_str())),
            None => Box::new(self.evidence.iter().map(|e| e.doc.as_str())),
        };
        let mut last = None;
        docs.filter(move |&d| {
            let new = last != Some(d);
            last = Some(d);
            new
        })
    }

    /// The modalities its evidence states it with, sorted.
    pub fn modalities(&self) -> BTreeSet<Modality> {
        self.statements().map(|(_, m, _)| m).collect()
    }

    /// Every (document, modality, rule) of its statements, with repeats
    /// where the evidence is all kept.
    fn statements(&self) -> Box<dyn Iterator<Item = (&str, Modality, &str)> + '_> {
        match &self.tally {
            Some(t) => Box::new(
                t.statements
                    .keys()
                    .map(|(d, m, r)| (d.as_str(), *m, r.as_str())),
            ),
            None => Box::new(
                self.evidence
                    .iter()
                    .map(|e| (e.doc.as_str(), e.modality, e.rule.as_str())),
            ),
        }
    }

    /// Keeps only the statements of these modalities; whether any is left.
    pub(crate) fn retain_modalities(&mut self, keep: &BTreeSet<Modality>) -> bool {
        self.evidence.retain(|e| keep.contains(&e.modality));
        if let Some(t) = &mut self.tally {
            t.statements.retain(|(_, m, _), _| keep.contains(m));
            return !t.statements.is_empty();
        }
        !self.evidence.is_empty()
    }

    /// How the views (DOT, GraphML, CSV, [`EntityGraph::meetings`]) show
    /// the edge: by its strongest evidence, asserted before planned before
    /// hypothetical; `None` when every statement is negated ("did not
    /// meet"), which the views never show as a relation. The JSON formats
    /// keep every statement whatever its modality.
    ///
    /// [`EntityGraph::meetings`]: crate::EntityGraph::meetings
    pub fn shown_modality(&self) -> Option<Modality> {
        self.statements()
            .map(|(_, m, _)| m)
            .filter(|&m| m != Modality::Negated)
            .min()
    }

    /// Whether some evidence states it with this modality.
    pub fn has_modality(&self, modality: Modality) -> bool {
        self.statements().any(|(_, m, _)| m == modality)
    }

    /// The rules that found it, sorted, each once.
    pub fn rules(&self) -> BTreeSet<&str> {
        self.statements().map(|(_, _, r)| r).collect()
    }

    /// Whether some of its evidence was dropped for a bound.
    pub fn is_evidence_bounded(&self) -> bool {
        self.tally.is_some()
    }

    /// The edge's key among the edges joining the same two nodes: the
    /// type, then `@place id` for MEETS or `@role` for HOLDS_ROLE:
    /// `MEETS@geonames:2867714`, `HOLDS_ROLE@foreign minister`.
    pub fn key(&self) -> String {
        let mut key = self.key.kind.as_str().to_string();
        if let Some(q) = self
            .key
            .place
            .as_ref()
            .map(EntityId::as_str)
            .or(self.key.role.as_deref())
        {
            key.push('@');
            key.push_str(q);
        }
        key
    }

    /// Adds `other`'s statements, keeping at most `max` pieces of
    /// evidence: the first in evidence order, so that which are kept does
    /// not depend on the order of joins.
    pub(crate) fn join(&mut self, other: &Edge, max: Option<usize>, how: Join) {
        self.role = join_option(self.role.take(), other.role.as_ref());
        let dropping = self.tally.is_some()
            || other.tally.is_some()
            || max.is_some_and(|m| {
                self.evidence.len() + other.evidence.len() > m
                    && self.evidence.union(&other.evidence).count() > m
            });
        if dropping {
            let mut tally = match self.tally.take() {
                Some(t) => *t,
                None => Tally::of(&self.evidence),
            };
            match &other.tally {
                Some(t) => tally.join(t, how),
                None => tally.join(&Tally::of(&other.evidence), how),
            }
            self.tally = Some(Box::new(tally));
        }
        self.evidence.extend(other.evidence.iter().cloned());
        self.bound(max);
    }

    /// Drops the evidence past the first `max`, keeping the tally of all.
    pub(crate) fn bound(&mut self, max: Option<usize>) {
        let Some(max) = max else { return };
        if self.evidence.len() > max {
            if self.tally.is_none() {
                self.tally = Some(Box::new(Tally::of(&self.evidence)));
            }
            while self.evidence.len() > max {
                self.evidence.pop_last();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meets_endpoints_are_sorted_and_roles_folded() {
        let k = EdgeKey::new(
            RelationKind::Meets,
            EntityId::new("b"),
            Some(EntityId::new("a")),
            None,
            None,
        );
        assert_eq!((k.source.as_str(), k.target.unwrap().as_str()), ("a", "b"));
        let k = EdgeKey::new(
            RelationKind::LocatedIn,
            EntityId::new("b"),
            Some(EntityId::new("a")),
            Some(EntityId::new("p")),
            None,
        );
        assert_eq!(k.source.as_str(), "b");
        assert_eq!(k.place, None, "only MEETS has a place");
        let k = EdgeKey::new(
            RelationKind::HoldsRole,
            EntityId::new("p"),
            None,
            None,
            Some(" Foreign  minister"),
        );
        assert_eq!(k.role.as_deref(), Some("foreign minister"));
    }

    #[test]
    fn names_prefer_mixed_case() {
        assert!(name_rank("Kerry") < name_rank("KERRY"));
        assert!(name_rank("Abe") < name_rank("Kerry"));
        assert!(name_rank("123") < name_rank("KERRY"));
    }
}
