//! A graph's facts record by record, for builds that no one machine holds:
//! every node and edge as stored (before guessed entities are folded into
//! the gazetteer entities they name), joined key by key wherever they are,
//! folded with aliases found over all nodes, and written as the JSON export
//! writes them. `newsgraph.spark` builds graphs so on Spark.
//!
//! A fact is one JSON line: `{"record":"node",…}` with the fields of a JSON
//! node, or `{"record":"edge",…}` with those of a JSON link (its `statements`
//! where evidence was dropped for a bound). Unlike the exports, facts keep
//! guessed nodes apart.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

use super::json::{edge_record, node_record};
use super::{LinkRecord, NodeRecord};
use crate::error::{Error, ErrorKind};
use crate::graph::element::EdgeKey;
use crate::graph::fold::{alias_keys, View};
use crate::graph::EntityGraph;
use crate::model::EntityId;

#[derive(Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "lowercase")]
enum Fact {
    Node(NodeRecord),
    Edge(LinkRecord),
}

/// The sort key of an edge in the exports, as a string that sorts the same:
/// source, target, type, place, role.
fn edge_order(k: &EdgeKey) -> String {
    let opt = |s: Option<&str>| s.map_or(String::new(), |s| format!("\u{1}{s}"));
    format!(
        "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
        k.source.as_str(),
        opt(k.target.as_ref().map(EntityId::as_str)),
        k.kind as u8,
        opt(k.place.as_ref().map(EntityId::as_str)),
        opt(k.role.as_deref()),
    )
}

impl EntityGraph {
    /// Writes the graph's facts, one JSON line per node and per edge, each
    /// after its key (a node's id, or an edge's type, endpoints and
    /// qualifiers) and a tab: records of one key join into one.
    ///
    /// # Errors
    ///
    /// Only errors of the writer.
    #[doc(hidden)]
    pub fn write_facts<W: Write>(&self, out: W) -> io::Result<()> {
        let mut out = io::BufWriter::new(out);
        for n in self.nodes.values() {
            write!(out, "n{}\t", n.id.as_str())?;
            serde_json::to_writer(&mut out, &Fact::Node(NodeRecord::new(n)))?;
            out.write_all(b"\n")?;
        }
        for e in self.edges.values() {
            write!(out, "e{}\t", edge_order(&e.key))?;
            serde_json::to_writer(&mut out, &Fact::Edge(LinkRecord::new(e)))?;
            out.write_all(b"\n")?;
        }
        out.flush()
    }

    /// Reads facts as [`write_facts`](EntityGraph::write_facts) writes them
    /// (the key before a tab is optional), joining the records of one node
    /// or edge as [`merge`](EntityGraph::merge) does, into a graph of
    /// bound `max_evidence`. Edges may name nodes the facts do not have.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Graph`] naming the line of a malformed record.
    #[doc(hidden)]
    pub fn from_facts<R: BufRead>(
        input: R,
        max_evidence: Option<usize>,
    ) -> Result<EntityGraph, Error> {
        let mut graph = EntityGraph::new();
        graph.set_max_evidence(max_evidence);
        for (i, line) in input.lines().enumerate() {
            let line =
                line.map_err(|e| Error::new(ErrorKind::Io, format!("reading facts: {e}")))?;
            let record = line.split_once('\t').map_or(line.as_str(), |(_, r)| r);
            if record.trim().is_empty() {
                continue;
            }
            let bad =
                |m: String| Error::new(ErrorKind::Graph, format!("facts line {}: {m}", i + 1));
            match serde_json::from_str::<Fact>(record).map_err(|e| bad(e.to_string()))? {
                Fact::Node(r) => graph.insert_node(node_record(r).map_err(bad)?),
                Fact::Edge(r) => graph.insert_edge(edge_record(r, None).map_err(bad)?),
            }
        }
        graph.view = Default::default();
        Ok(graph)
    }

    /// Each node's keys for folding guesses (see `newsgraph.spark`):
    /// `(id, is a guess, keys)`. A guess folds into the one gazetteer node
    /// that has its key, where only one does, over the whole graph.
    #[doc(hidden)]
    pub fn alias_keys(&self) -> Vec<(String, bool, Vec<String>)> {
        self.nodes
            .values()
            .map(|n| {
                (
                    n.id.to_string(),
                    n.source == crate::model::Source::Guess,
                    alias_keys(n).into_iter().collect(),
                )
            })
            .collect()
    }

    /// The facts folded with `alias` (guess id → gazetteer id) found over a
    /// whole graph: guessed nodes absorbed into their targets where both are
    /// here, edges re-keyed to follow them and joined.
    #[doc(hidden)]
    pub fn folded<'a>(&self, alias: impl IntoIterator<Item = (&'a str, &'a str)>) -> EntityGraph {
        let alias: BTreeMap<EntityId, EntityId> = alias
            .into_iter()
            .map(|(g, t)| (EntityId::new(g), EntityId::new(t)))
            .collect();
        let view = View::fold(&self.nodes, &self.edges, alias, self.max_evidence);
        let guesses: BTreeSet<&EntityId> = view.alias.keys().collect();
        let mut out = EntityGraph::new();
        out.max_evidence = self.max_evidence;
        out.nodes = view
            .nodes
            .iter()
            .filter(|(id, _)| !guesses.contains(id))
            .map(|(id, n)| (id.clone(), n.clone()))
            .collect();
        out.edges = view.edges;
        out
    }

    /// The lines of the JSON export for this graph's view, each with the
    /// key the export sorts it by: written in key order between the
    /// export's head and tail ([`JSON_HEAD`](crate::JSON_HEAD), [`JSON_MIDDLE`](crate::JSON_MIDDLE),
    /// [`JSON_TAIL`](crate::JSON_TAIL)), the lines of graphs that share no node or edge make
    /// the export of their union.
    #[doc(hidden)]
    pub fn json_lines(&self) -> Vec<(String, String)> {
        let view = self.view();
        let mut out = Vec::with_capacity(view.nodes.len() + view.edges.len());
        for n in view.nodes.values() {
            let line = serde_json::to_string(&NodeRecord::new(n)).unwrap_or_default();
            out.push((format!("n{}", n.id.as_str()), line));
        }
        for e in view.edges.values() {
            let line = serde_json::to_string(&LinkRecord::new(e)).unwrap_or_default();
            out.push((format!("e{}", edge_order(&e.key)), line));
        }
        out
    }
}
