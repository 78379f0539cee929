//! Folding guesses: the resolved view of a graph's facts, with guessed
//! entities folded into the gazetteer entities they name and edges re-keyed
//! to follow them.
//!
//! The view is a function of the facts alone, so it inherits their order
//! freedom; and it is a fixed point (folding a view again changes nothing),
//! because folding never changes what a guess is compared with: the names
//! and forms of gazetteer nodes. This module knows graph nodes and edges;
//! nothing of documents, of the mention resolver (`crate::resolve`) or of
//! exporters.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::element::{Edge, EdgeKey, Join, Node};
use crate::model::{EntityId, EntityKind, Source};

/// Nodes and edges after folding, and where each folded guess went.
#[derive(Clone, Debug)]
pub(crate) struct View {
    pub nodes: BTreeMap<EntityId, Node>,
    pub edges: BTreeMap<EdgeKey, Edge>,
    pub alias: BTreeMap<EntityId, EntityId>,
}

/// Names compare without case, with curly apostrophes as straight ones
/// and runs of spaces as one.
pub(crate) fn fold_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .to_lowercase()
}

impl View {
    /// The view of `nodes` and `edges` with every guess folded into the one
    /// gazetteer node of its kind whose name or a seen form is the guess's
    /// name (see [`aliases`]).
    pub fn fold_guesses(
        nodes: &BTreeMap<EntityId, Node>,
        edges: &BTreeMap<EdgeKey, Edge>,
        max_evidence: Option<usize>,
    ) -> View {
        View::fold(nodes, edges, aliases(nodes), max_evidence)
    }

    /// The view under the aliases given (guess id → gazetteer id): guesses
    /// absorbed into their targets where both are among `nodes`, edges
    /// re-keyed to follow them.
    pub fn fold(
        nodes: &BTreeMap<EntityId, Node>,
        edges: &BTreeMap<EdgeKey, Edge>,
        alias: BTreeMap<EntityId, EntityId>,
        max_evidence: Option<usize>,
    ) -> View {
        let mut out_nodes: BTreeMap<EntityId, Node> = nodes
            .iter()
            .filter(|(id, _)| !alias.contains_key(*id))
            .map(|(id, n)| (id.clone(), n.clone()))
            .collect();
        for (guess, target) in &alias {
            if let (Some(g), Some(n)) = (nodes.get(guess), out_nodes.get_mut(target)) {
                n.absorb(g);
            }
        }
        if alias.is_empty() {
            return View {
                nodes: out_nodes,
                edges: edges.clone(),
                alias,
            };
        }
        let map = |id: &EntityId| alias.get(id).unwrap_or(id).clone();
        let mut out_edges: BTreeMap<EdgeKey, Edge> = BTreeMap::new();
        for edge in edges.values() {
            let k = &edge.key;
            let key = EdgeKey::new(
                k.kind,
                map(&k.source),
                k.target.as_ref().map(map),
                k.place.as_ref().map(map),
                k.role.as_deref(),
            );
            match out_edges.get_mut(&key) {
                Some(have) => have.join(edge, max_evidence, Join::Disjoint),
                None => {
                    let mut edge = edge.clone();
                    edge.key = key.clone();
                    out_edges.insert(key, edge);
                }
            }
        }
        View {
            nodes: out_nodes,
            edges: out_edges,
            alias,
        }
    }
}

/// The keys a node is looked up by when guesses are folded: for a
/// gazetteer node its folded name and forms, for a guess its folded name;
/// each as `KIND name`. A guess folds into the one gazetteer node that
/// shares its key, where only one does.
pub(crate) fn alias_keys(n: &Node) -> BTreeSet<String> {
    let key = |s: &str| format!("{} {}", n.kind.as_str(), fold_name(s));
    match n.source {
        Source::Gazetteer => std::iter::once(&n.name)
            .chain(&n.forms)
            .map(|f| key(f))
            .collect(),
        Source::Guess => BTreeSet::from([key(&n.name)]),
    }
}

/// Guess id → the one gazetteer entity of the same kind whose canonical name
/// or a seen name form equals the guess's name.
fn aliases(nodes: &BTreeMap<EntityId, Node>) -> BTreeMap<EntityId, EntityId> {
    let mut index: HashMap<(EntityKind, String), BTreeSet<&EntityId>> = HashMap::new();
    for n in nodes.values().filter(|n| n.source == Source::Gazetteer) {
        for form in std::iter::once(&n.name).chain(&n.forms) {
            index
                .entry((n.kind, fold_name(form)))
                .or_default()
                .insert(&n.id);
        }
    }
    let mut alias = BTreeMap::new();
    for g in nodes.values().filter(|n| n.source == Source::Guess) {
        if let Some(targets) = index.get(&(g.kind, fold_name(&g.name))) {
            if let [only] = targets.iter().collect::<Vec<_>>()[..] {
                alias.insert(g.id.clone(), (*only).clone());
            }
        }
    }
    alias
}
