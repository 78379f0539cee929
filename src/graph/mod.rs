//! Layer 6: the entity graph. Nodes are entities, edges are relations
//! aggregated over documents, each edge keeping every piece of evidence.
//!
//! The graph reads finished [`Document`]s (or graphs exported as JSON) and
//! knows nothing of text processing, gazetteers or rules. Exporters live in
//! [`export`] and only read the graph.
//!
//! # Facts and the resolved view
//!
//! A graph stores the facts it was given, keyed by the ids the documents
//! used; [`EntityGraph::add`] and [`EntityGraph::merge`] only unite facts,
//! which is why merging is associative and commutative. What the accessors
//! and exporters show is the *resolved view* of those facts, computed on
//! first use: guessed entities that name a gazetteer entity are folded into
//! it (see [`EntityGraph`] for the rule), and the edges follow them.

mod export;
#[doc(hidden)]
pub use export::{GRAPH_SCHEMA, JSON_HEAD, JSON_MIDDLE, JSON_TAIL};
mod element;
mod fold;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use element::Join;
pub use element::{Edge, Evidence, Node};

use crate::document::Document;

use crate::model::{Args, Entity, EntityId, EntityKind, MentionKind, Modality, RelationKind};
use element::EdgeKey;
use fold::View;

/// Entities and their relations over many documents.
///
/// - One node per entity id, with its kind, canonical name, subkind, the
///   surface forms of its names, and its mentions per document.
/// - One edge per relation type, endpoints and key qualifiers — the place of
///   a MEETS, the role title of a HOLDS_ROLE — holding all its
///   [`Evidence`] in a canonical order. MEETS is symmetric: its endpoints are
///   stored in sorted id order.
/// - Everything iterates sorted by id, so output is deterministic.
///
/// **Guessed entities.** A guessed entity (`guess:person:kerry`) is folded
/// into a gazetteer entity when its name, compared without case, equals the
/// canonical name or a name form seen in the graph of exactly one gazetteer
/// entity of the same kind. When no gazetteer entity or several match, the
/// guess stays a node of its own: a wrong merge is worse than a missed one.
/// The folded node counts the guess's mentions and lists its id in
/// [`Node::merged`]; [`EntityGraph::node`] finds it under either id.
///
/// # Examples
///
/// ```
/// use newsgraph::{EntityGraph, Extractor, RelationKind};
///
/// let x = Extractor::default();
/// let mut graph = EntityGraph::new();
/// graph.add(&x.extract("a", "John Kerry and Sergei Lavrov met in Geneva."));
/// graph.add(&x.extract("b", "Sergei Lavrov met John Kerry in Geneva on Friday."));
///
/// let geneva: Vec<_> = graph.meetings().collect();
/// assert_eq!(geneva.len(), 1, "one edge per pair and place");
/// assert_eq!(geneva[0].place.unwrap().name(), "Geneva");
/// assert!(geneva[0].edge.documents().eq(["a", "b"]));
///
/// let lavrov = graph.node_by_name("sergei lavrov").unwrap();
/// let met: Vec<&str> = graph
///     .neighbors(lavrov.id().as_str(), RelationKind::Meets)
///     .map(|n| n.name())
///     .collect();
/// assert_eq!(met, ["John Kerry"]);
/// ```
#[derive(Clone, Default)]
pub struct EntityGraph {
    nodes: BTreeMap<EntityId, Node>,
    edges: BTreeMap<EdgeKey, Edge>,
    /// The most pieces of evidence an edge keeps.
    max_evidence: Option<usize>,
    view: OnceLock<View>,
}

/// Two graphs are equal when they hold the same facts.
impl PartialEq for EntityGraph {
    fn eq(&self, other: &EntityGraph) -> bool {
        self.nodes == other.nodes && self.edges == other.edges
    }
}

impl Eq for EntityGraph {}

impl fmt::Debug for EntityGraph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntityGraph")
            .field("nodes", &self.nodes.values().collect::<Vec<_>>())
            .field("edges", &self.edges.values().collect::<Vec<_>>())
            .finish()
    }
}

/// A MEETS edge with its people and place resolved to nodes.
#[non_exhaustive]
#[derive(Clone, Copy, Debug)]
pub struct Meeting<'g> {
    /// The person with the smaller id.
    pub a: &'g Node,
    /// The other person.
    pub b: &'g Node,
    /// Where they met, if known.
    pub place: Option<&'g Node>,
    /// The edge with its evidence.
    pub edge: &'g Edge,
}

impl EntityGraph {
    /// An empty graph.
    pub fn new() -> EntityGraph {
        EntityGraph::default()
    }

    /// Adds a document's entities and relations. Adding the same document
    /// again changes nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// # let tsv = "id\tkind\tname\taliases\tattributes\n\
    /// #     person:john-kerry\tperson\tJohn Kerry\tKerry\t\n\
    /// #     person:sergei-lavrov\tperson\tSergei Lavrov\tLavrov\t\n\
    /// #     geonames:2867714\tplace/city\tMunich\t\t\n";
    /// # let x = newsgraph::Extractor::builder()
    /// #     .default_gazetteers(newsgraph::DefaultGazetteers::Exclude)
    /// #     .gazetteer_str("tiny.tsv", tsv)
    /// #     .build()?;
    /// let doc = x.extract("d", "John Kerry met Sergei Lavrov in Munich.");
    /// let mut graph = newsgraph::EntityGraph::new();
    /// graph.add(&doc);
    /// let once = graph.clone();
    /// graph.add(&doc);
    /// assert_eq!(graph, once);
    /// assert_eq!(graph.edge_count(), 1);
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn add(&mut self, doc: &Document) {
        for e in doc.entities() {
            self.insert_node(node_of(doc, e));
        }
        let id = |i: usize| doc.entities().get(i).map(|e| e.id.clone());
        // The document's edges are whole before they join the graph's: a
        // bound then drops evidence of whole documents only.
        let mut edges: BTreeMap<EdgeKey, Edge> = BTreeMap::new();
        for r in doc.relations() {
            let (kind, source, target, place, role, quote) = match &r.args {
                Args::Meets { a, b, place } => (
                    RelationKind::Meets,
                    id(*a),
                    id(*b),
                    place.and_then(id),
                    None,
                    None,
                ),
                Args::HoldsRole { person, of, role } => (
                    RelationKind::HoldsRole,
                    id(*person),
                    of.and_then(id),
                    None,
                    Some(role.as_str()),
                    None,
                ),
                Args::LocatedIn { inner, outer } => (
                    RelationKind::LocatedIn,
                    id(*inner),
                    id(*outer),
                    None,
                    None,
                    None,
                ),
                Args::Said { speaker, quote } => {
                    (RelationKind::Said, id(*speaker), None, None, None, *quote)
                }
                Args::Calls { a, b } => (RelationKind::Calls, id(*a), id(*b), None, None, None),
            };
            let Some(source) = source else { continue };
            if kind != RelationKind::Said && kind != RelationKind::HoldsRole && target.is_none() {
                continue;
            }
            let evidence = Evidence {
                doc: doc.id().to_string(),
                span: r.evidence,
                rule: r.rule.clone(),
                modality: r.modality,
                text: doc.text().get(r.evidence.range()).unwrap_or("").to_string(),
                trigger: r.trigger,
                quote,
            };
            let key = EdgeKey::new(kind, source, target, place, role);
            let edge = Edge {
                key: key.clone(),
                role: role.map(str::to_string),
                evidence: BTreeSet::from([evidence]),
                tally: None,
            };
            match edges.get_mut(&key) {
                Some(have) => have.join(&edge, None, Join::Same),
                None => {
                    edges.insert(key, edge);
                }
            }
        }
        for edge in edges.into_values() {
            self.insert_edge(edge);
        }
        self.view = OnceLock::new();
    }

    /// Adds every fact of `other`. Merging is associative and commutative,
    /// and merging a graph into itself changes nothing, so shards of a corpus
    /// can be built anywhere and merged in any order.
    ///
    /// Two records of one node join field by field: documents and forms
    /// unite, mentions per document take the larger count (the same document
    /// seen twice is not counted twice), a gazetteer source wins over a
    /// guess, a known subkind over none, and between conflicting values the
    /// smaller kind (PERSON < PLACE < ORG), subkind or name wins, a mixed-case
    /// name before an all-capitals one. Two records of one edge unite their
    /// evidence, kept sorted by document, span and rule.
    ///
    /// # Examples
    ///
    /// ```
    /// # let tsv = "id\tkind\tname\taliases\tattributes\n\
    /// #     person:john-kerry\tperson\tJohn Kerry\tKerry\t\n\
    /// #     person:sergei-lavrov\tperson\tSergei Lavrov\tLavrov\t\n\
    /// #     geonames:2867714\tplace/city\tMunich\t\t\n";
    /// # let x = newsgraph::Extractor::builder()
    /// #     .default_gazetteers(newsgraph::DefaultGazetteers::Exclude)
    /// #     .gazetteer_str("tiny.tsv", tsv)
    /// #     .build()?;
    /// let a = x.extract("a", "John Kerry met Sergei Lavrov.");
    /// let b = x.extract("b", "Sergei Lavrov met John Kerry.");
    /// let mut left = newsgraph::EntityGraph::new();
    /// left.add(&a);
    /// let mut right = newsgraph::EntityGraph::new();
    /// right.add(&b);
    /// let mut ab = left.clone();
    /// ab.merge(right.clone());
    /// right.merge(left);
    /// assert_eq!(ab, right);
    /// assert_eq!(ab.edges().next().unwrap().evidence_count(), 2);
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn merge(&mut self, other: EntityGraph) {
        for (_, node) in other.nodes {
            self.insert_node(node);
        }
        for (_, edge) in other.edges {
            self.insert_edge(edge);
        }
        self.view = OnceLock::new();
    }

    fn insert_node(&mut self, node: Node) {
        match self.nodes.get_mut(&node.id) {
            Some(have) => have.join(&node),
            None => {
                self.nodes.insert(node.id.clone(), node);
            }
        }
    }

    fn insert_edge(&mut self, mut edge: Edge) {
        match self.edges.get_mut(&edge.key) {
            Some(have) => have.join(&edge, self.max_evidence, Join::Same),
            None => {
                edge.bound(self.max_evidence);
                self.edges.insert(edge.key.clone(), edge);
            }
        }
    }

    /// Bounds the evidence each edge keeps to its first `max` pieces (by
    /// document, span and rule), dropping the rest now and as documents
    /// and graphs are added; `None` keeps all of it (the default).
    ///
    /// A graph of a large corpus is mostly the sentences of its evidence,
    /// which the bound stops from growing with the corpus; what still grows
    /// is per document (each node's and edge's documents and counts).
    /// Counts, documents, modalities and rules stay exact: an edge that
    /// dropped evidence keeps, per document, how many statements it makes
    /// with each modality and rule, and the JSON formats write that tally
    /// (`statements`), so graphs read back merge as exactly. Which evidence
    /// is kept does not depend on the order of adding and merging, so
    /// merging stays associative and commutative between graphs of the
    /// same bound; merging applies the bound of the graph merged into.
    ///
    /// # Examples
    ///
    /// ```
    /// # let tsv = "id\tkind\tname\taliases\tattributes\n\
    /// #     person:john-kerry\tperson\tJohn Kerry\tKerry\t\n\
    /// #     person:sergei-lavrov\tperson\tSergei Lavrov\tLavrov\t\n";
    /// # let x = newsgraph::Extractor::builder()
    /// #     .default_gazetteers(newsgraph::DefaultGazetteers::Exclude)
    /// #     .gazetteer_str("tiny.tsv", tsv)
    /// #     .build()?;
    /// let mut graph = newsgraph::EntityGraph::new();
    /// graph.set_max_evidence(Some(2));
    /// for d in ["a", "b", "c"] {
    ///     graph.add(&x.extract(d, "John Kerry met Sergei Lavrov."));
    /// }
    /// let edge = graph.edges().next().unwrap();
    /// assert_eq!(edge.evidence().map(|e| e.doc.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    /// assert_eq!(edge.evidence_count(), 3);
    /// assert!(edge.documents().eq(["a", "b", "c"]));
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn set_max_evidence(&mut self, max: Option<usize>) {
        self.max_evidence = max;
        if max.is_some() {
            for edge in self.edges.values_mut() {
                edge.bound(max);
            }
            self.view = OnceLock::new();
        }
    }

    /// The bound on evidence per edge, if any.
    pub fn max_evidence(&self) -> Option<usize> {
        self.max_evidence
    }

    fn view(&self) -> &View {
        self.view
            .get_or_init(|| View::fold_guesses(&self.nodes, &self.edges, self.max_evidence))
    }

    /// Whether the graph has no node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.view().nodes.len()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.view().edges.len()
    }

    /// All nodes, sorted by id.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.view().nodes.values()
    }

    /// All edges, sorted by source id, target id, type and qualifier.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.view().edges.values()
    }

    /// The node with this id, or the node a guessed entity of this id was
    /// folded into.
    pub fn node(&self, id: &str) -> Option<&Node> {
        let view = self.view();
        let id = EntityId::new(id);
        let id = view.alias.get(&id).unwrap_or(&id);
        view.nodes.get(id)
    }

    /// The node whose canonical name is `name`, ignoring case; of several,
    /// the one with the smallest id.
    pub fn node_by_name(&self, name: &str) -> Option<&Node> {
        let want = fold::fold_name(name);
        self.nodes().find(|n| fold::fold_name(&n.name) == want)
    }

    /// The edges of one relation type.
    pub fn edges_of_kind(&self, kind: RelationKind) -> impl Iterator<Item = &Edge> {
        self.edges().filter(move |e| e.kind() == kind)
    }

    /// The edges with at least one piece of evidence of this modality.
    pub fn edges_with_modality(&self, modality: Modality) -> impl Iterator<Item = &Edge> {
        self.edges().filter(move |e| e.has_modality(modality))
    }

    /// The meetings that happened: MEETS edges with at least one asserted
    /// statement, with their people and place. A meeting stated only as
    /// planned, hypothetical or negated ("did not meet") is not one of them;
    /// [`meetings_stated`](Self::meetings_stated) asks for those.
    pub fn meetings(&self) -> impl Iterator<Item = Meeting<'_>> {
        self.meetings_stated(Modality::Asserted)
    }

    /// The MEETS edges with at least one statement of this modality:
    /// `meetings_stated(Modality::Planned)` for the meetings to come.
    pub fn meetings_stated(&self, modality: Modality) -> impl Iterator<Item = Meeting<'_>> {
        let view = self.view();
        view.edges.values().filter_map(move |edge| {
            if edge.kind() != RelationKind::Meets || !edge.has_modality(modality) {
                return None;
            }
            Some(Meeting {
                a: view.nodes.get(edge.source())?,
                b: view.nodes.get(edge.target()?)?,
                place: edge.place().and_then(|p| view.nodes.get(p)),
                edge,
            })
        })
    }

    /// The nodes joined to `id` by an edge of type `kind`, in either
    /// direction, sorted by id, each once.
    pub fn neighbors(&self, id: &str, kind: RelationKind) -> impl Iterator<Item = &Node> + '_ {
        let ids: BTreeSet<&EntityId> = match self.node(id) {
            None => BTreeSet::new(),
            Some(node) => {
                let me = &node.id;
                self.edges_of_kind(kind)
                    .filter_map(|e| match e.target() {
                        Some(t) if e.source() == me && t != me => Some(t),
                        Some(t) if t == me && e.source() != me => Some(e.source()),
                        _ => None,
                    })
                    .collect()
            }
        };
        ids.into_iter().filter_map(|i| self.view().nodes.get(i))
    }

    /// A new graph with the edges `filter` keeps and the nodes they touch
    /// (as endpoints or as a meeting's place).
    ///
    /// # Examples
    ///
    /// ```
    /// use newsgraph::{EntityGraph, GraphFilter, RelationKind};
    ///
    /// # let tsv = "id\tkind\tname\taliases\tattributes\n\
    /// #     person:john-kerry\tperson\tJohn Kerry\tKerry\t\n\
    /// #     person:sergei-lavrov\tperson\tSergei Lavrov\tLavrov\t\n\
    /// #     geonames:2867714\tplace/city\tMunich\t\t\n";
    /// # let x = newsgraph::Extractor::builder()
    /// #     .default_gazetteers(newsgraph::DefaultGazetteers::Exclude)
    /// #     .gazetteer_str("tiny.tsv", tsv)
    /// #     .build()?;
    /// let doc = x.extract("d", "John Kerry met Sergei Lavrov in Munich. Lavrov said no.");
    /// let mut graph = EntityGraph::new();
    /// graph.add(&doc);
    /// let meets = graph.filter(GraphFilter::new().relations([RelationKind::Meets]));
    /// assert_eq!(meets.edge_count(), 1);
    /// assert_eq!(meets.node_count(), 3);
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn filter(&self, filter: &GraphFilter) -> EntityGraph {
        let view = self.view();
        let mut out = EntityGraph::new();
        for edge in view.edges.values() {
            if filter
                .kinds
                .as_ref()
                .is_some_and(|k| !k.contains(&edge.kind()))
            {
                continue;
            }
            let mut edge = edge.clone();
            if let Some(m) = &filter.modalities {
                if !edge.retain_modalities(m) {
                    continue;
                }
            }
            if edge.evidence_count() == 0 || edge.evidence_count() < filter.min_evidence {
                continue;
            }
            let touched = [Some(edge.source()), edge.target(), edge.place()];
            for id in touched.into_iter().flatten() {
                if let Some(n) = view.nodes.get(id) {
                    out.nodes.insert(id.clone(), n.clone());
                }
            }
            out.edges.insert(edge.key.clone(), edge);
        }
        out
    }

    /// The node of an id, for exporters that must name an edge's place.
    pub(crate) fn view_node(&self, id: &EntityId) -> Option<&Node> {
        self.view().nodes.get(id)
    }
}

/// Which edges [`EntityGraph::filter`] keeps.
///
/// # Examples
///
/// ```
/// use newsgraph::{GraphFilter, Modality, RelationKind};
///
/// let mut filter = GraphFilter::new();
/// filter
///     .relations([RelationKind::Meets, RelationKind::Said])
///     .modalities([Modality::Asserted])
///     .min_evidence(2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GraphFilter {
    kinds: Option<BTreeSet<RelationKind>>,
    modalities: Option<BTreeSet<Modality>>,
    min_evidence: usize,
}

impl GraphFilter {
    /// A filter that keeps every edge.
    pub fn new() -> GraphFilter {
        GraphFilter::default()
    }

    /// Keeps only edges of these types. Default: every type.
    pub fn relations(&mut self, kinds: impl IntoIterator<Item = RelationKind>) -> &mut GraphFilter {
        self.kinds = Some(kinds.into_iter().collect());
        self
    }

    /// Keeps only the evidence of these modalities, and the edges left with
    /// some. Default: every modality.
    pub fn modalities(
        &mut self,
        modalities: impl IntoIterator<Item = Modality>,
    ) -> &mut GraphFilter {
        self.modalities = Some(modalities.into_iter().collect());
        self
    }

    /// Keeps only edges with at least `n` pieces of evidence (after the
    /// modality filter). Default: 1.
    pub fn min_evidence(&mut self, n: usize) -> &mut GraphFilter {
        self.min_evidence = n;
        self
    }
}

/// The node record of one document entity.
fn node_of(doc: &Document, e: &Entity) -> Node {
    let forms = e
        .mentions
        .iter()
        .filter_map(|&i| doc.mentions().get(i))
        .filter(|m| m.kind == MentionKind::Name)
        .filter_map(|m| doc.text().get(m.span.range()))
        .map(str::to_string)
        .collect();
    Node {
        id: e.id.clone(),
        kind: e.kind,
        subkind: e.subkind.clone(),
        name: e.name.clone(),
        source: e.source,
        forms,
        documents: BTreeMap::from([(doc.id().to_string(), e.mentions.len())]),
        merged: BTreeSet::new(),
    }
}

/// `PERSON`, `PLACE`, `ORG` back to a kind.
pub(crate) fn parse_entity_kind(s: &str) -> Option<EntityKind> {
    match s {
        "PERSON" => Some(EntityKind::Person),
        "PLACE" => Some(EntityKind::Place),
        "ORG" => Some(EntityKind::Organisation),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn graphs_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<EntityGraph>();
    }

    #[test]
    fn huge_counts_from_a_file_saturate() {
        let json = r#"{"nodes": [
            {"id": "g", "name": "Kerry", "type": "PERSON", "source": "guess", "documents": {"a": 18446744073709551615}},
            {"id": "k", "name": "Kerry", "type": "PERSON", "source": "gazetteer", "documents": {"a": 18446744073709551615, "b": 1}}
        ], "links": []}"#;
        let g = EntityGraph::from_json(json.as_bytes()).unwrap();
        assert_eq!(g.node("g").unwrap().mention_count(), usize::MAX);
    }

    #[test]
    fn bad_graph_files_are_errors() {
        for (json, want) in [
            ("", "graph json: EOF"),
            (r#"{"nodes": [], "links": [1]}"#, "graph json: invalid type"),
            (
                r#"{"nodes": [{"id": "x", "name": "X", "type": "ANIMAL", "source": "guess"}], "links": []}"#,
                "nodes[0]: unknown type \"ANIMAL\"",
            ),
            (
                r#"{"nodes": [{"id": "x", "name": "X", "type": "PERSON", "source": "guess"}], "links": [{"source": "x", "target": "x", "type": "SAID", "evidence": [{"doc": "d", "start": 5, "end": 2, "text": "", "rule": "r", "modality": "asserted"}]}]}"#,
                "links[0]: evidence[0]: span 5..2 ends before it starts",
            ),
            (
                r#"{"nodes": [{"id": "x", "name": "X", "type": "PERSON", "source": "guess"}], "links": [{"source": "x", "target": "x", "type": "HOLDS_ROLE", "evidence": []}]}"#,
                "links[0]: HOLDS_ROLE without a role",
            ),
            (
                r#"{"nodes": [{"id": "x", "name": "X", "type": "PERSON", "source": "guess"}], "links": [{"source": "x", "target": "x", "type": "SAID", "evidence": [{"doc": "d", "start": 0, "end": 2, "text": "", "rule": "r", "modality": "maybe"}]}]}"#,
                "unknown modality \"maybe\"",
            ),
        ] {
            let err = EntityGraph::from_json(json.as_bytes()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Graph);
            assert!(err.to_string().contains(want), "{err} (wanted {want})");
        }
    }
}
