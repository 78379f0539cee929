//! JSON node-link, as networkx's `node_link_graph` reads it, and back.
//!
//! ```text
//! {"directed": true, "multigraph": true, "graph": {"generator": "newsgraph", "schema": 1},
//!  "nodes": [{"id", "name", "type", "subkind"?, "source", "mentions", "documents": {doc: n}, "forms", "merged"?}],
//!  "links": [{"source", "target", "key", "type", "place"?, "role"?, "evidence_count",
//!             "documents", "modalities", "evidence": [{"doc", "start", "end", "text", "rule", "modality", "trigger"?, "quote"?}]}]}
//! ```
//!
//! One node or link per line, so that diffs stay readable.

use std::collections::BTreeSet;
use std::io::{self, Read, Write};

use serde::Deserialize;

use super::{EvidenceRecord, LinkRecord, NodeRecord};
use crate::error::{Error, ErrorKind};
use crate::graph::element::{Edge, EdgeKey, Evidence, Node, Tally};
use crate::graph::{parse_entity_kind, EntityGraph};
use crate::model::{EntityId, Modality, RelationKind, Source, Span};

/// What the JSON export writes before its first node.
#[doc(hidden)]
pub const JSON_HEAD: &str =
    "{\"directed\": true, \"multigraph\": true, \"graph\": {\"generator\": \"newsgraph\", \"schema\": 1},\n\"nodes\": [";
/// What it writes between its nodes and its links.
#[doc(hidden)]
pub const JSON_MIDDLE: &str = "\n],\n\"links\": [";
/// What it writes after its last link.
#[doc(hidden)]
pub const JSON_TAIL: &str = "\n]}\n";

/// The version of the graph JSON this crate writes, in its `graph`
/// attributes: it changes when a field changes meaning or goes.
pub const GRAPH_SCHEMA: u32 = 1;

#[derive(Deserialize, Default)]
struct GraphAttributes {
    #[serde(default)]
    schema: Option<u32>,
}

#[derive(Deserialize)]
struct NodeLink {
    #[serde(default)]
    graph: GraphAttributes,
    nodes: Vec<NodeRecord>,
    #[serde(alias = "edges")]
    links: Vec<LinkRecord>,
}

impl EntityGraph {
    /// Writes the graph as JSON node-link data: `directed` and `multigraph`
    /// are true, nodes carry their attributes beside `id`, and links carry
    /// `source`, `target`, a `key` unique among the links of the same pair
    /// (`MEETS@geonames:2867714`), the type, qualifiers, and every piece of
    /// evidence. MEETS links go from the smaller id to the larger.
    ///
    /// # Errors
    ///
    /// Only errors of the writer.
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
    /// use newsgraph::EntityGraph;
    ///
    /// let mut graph = EntityGraph::new();
    /// graph.add(&x.extract("d", "John Kerry met Sergei Lavrov in Munich."));
    /// let mut json = Vec::new();
    /// graph.write_json(&mut json)?;
    /// let back = EntityGraph::from_json(&json[..]).unwrap();
    /// assert_eq!(back.edge_count(), 1);
    /// assert!(String::from_utf8(json).unwrap().contains(r#""key":"MEETS@geonames:2867714""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_json<W: Write>(&self, out: W) -> io::Result<()> {
        let mut out = io::BufWriter::new(out);
        out.write_all(JSON_HEAD.as_bytes())?;
        for (i, n) in self.nodes().enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut out, &NodeRecord::new(n))?;
        }
        out.write_all(JSON_MIDDLE.as_bytes())?;
        for (i, e) in self.edges().enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut out, &LinkRecord::new(e))?;
        }
        out.write_all(JSON_TAIL.as_bytes())?;
        out.flush()
    }

    /// Reads a graph written by [`write_json`](EntityGraph::write_json)
    /// (`links` may also be called `edges`, as newer networkx writes it).
    /// Derived fields (`mentions`, `evidence_count`, a link's `documents`
    /// and `modalities`, `key`) are recomputed, not read. The graph holds
    /// the resolved view that was written, so exporting it again gives the
    /// same bytes.
    ///
    /// # Errors
    ///
    /// An error of kind [`ErrorKind::Graph`] when the JSON is malformed, a
    /// type, source or modality is unknown, a link names a node the file does
    /// not have, or a span ends before it starts; [`ErrorKind::Io`] when
    /// reading fails.
    pub fn from_json<R: Read>(input: R) -> Result<EntityGraph, Error> {
        let data: NodeLink = serde_json::from_reader(input).map_err(|e| {
            if e.is_io() {
                Error::new(ErrorKind::Io, format!("reading graph json: {e}"))
            } else {
                bad(format!("{e}"))
            }
        })?;
        if let Some(v) = data.graph.schema.filter(|&v| v > GRAPH_SCHEMA) {
            return Err(bad(format!(
                "schema {v} is newer than this version reads ({GRAPH_SCHEMA})"
            )));
        }
        let mut graph = EntityGraph::new();
        for (i, r) in data.nodes.into_iter().enumerate() {
            let node = node_record(r).map_err(|m| bad(format!("nodes[{i}]: {m}")))?;
            graph.insert_node(node);
        }
        let ids: BTreeSet<EntityId> = graph.nodes.keys().cloned().collect();
        for (i, r) in data.links.into_iter().enumerate() {
            let edge = edge_record(r, Some(&ids)).map_err(|m| bad(format!("links[{i}]: {m}")))?;
            graph.insert_edge(edge);
        }
        Ok(graph)
    }
}

fn bad(message: String) -> Error {
    Error::new(ErrorKind::Graph, format!("graph json: {message}"))
}

/// A node of its record.
pub(super) fn node_record(r: NodeRecord) -> Result<Node, String> {
    let kind = parse_entity_kind(&r.kind).ok_or_else(|| format!("unknown type {:?}", r.kind))?;
    let source = match r.source.as_str() {
        "gazetteer" => Source::Gazetteer,
        "guess" => Source::Guess,
        other => return Err(format!("unknown source {other:?}")),
    };
    Ok(Node {
        id: EntityId::new(r.id),
        kind,
        subkind: r.subkind,
        name: r.name,
        source,
        forms: r.forms.into_iter().collect(),
        documents: r.documents,
        merged: r.merged.into_iter().map(EntityId::new).collect(),
    })
}

/// An edge of its record, whose nodes must be among `ids` when given.
pub(super) fn edge_record(r: LinkRecord, ids: Option<&BTreeSet<EntityId>>) -> Result<Edge, String> {
    let known = |id: String| {
        let id = EntityId::new(id);
        if ids.is_none_or(|ids| ids.contains(&id)) {
            Ok(id)
        } else {
            Err(format!("unknown node {:?}", id.as_str()))
        }
    };
    let kind: RelationKind = r.kind.parse().map_err(|e: Error| e.to_string())?;
    let source = known(r.source)?;
    let target = known(r.target)?;
    let place = match (kind, r.place) {
        (RelationKind::Meets, Some(p)) => Some(known(p)?),
        _ => None,
    };
    let role = match kind {
        RelationKind::HoldsRole => Some(r.role.ok_or("HOLDS_ROLE without a role")?),
        _ => None,
    };
    let evidence = r
        .evidence
        .into_iter()
        .enumerate()
        .map(|(i, e)| evidence_from(e).map_err(|m| format!("evidence[{i}]: {m}")))
        .collect::<Result<BTreeSet<Evidence>, String>>()?;
    let tally = match r.statements {
        None => None,
        Some(rows) => {
            let mut statements = std::collections::BTreeMap::new();
            for (i, (doc, modality, rule, n)) in rows.into_iter().enumerate() {
                let m: Modality = modality
                    .parse()
                    .map_err(|e: Error| format!("statements[{i}]: {e}"))?;
                statements.insert((doc, m, rule), n);
            }
            Some(Box::new(Tally { statements }))
        }
    };
    Ok(Edge {
        key: EdgeKey::new(kind, source, Some(target), place, role.as_deref()),
        role,
        evidence,
        tally,
    })
}

fn evidence_from(r: EvidenceRecord) -> Result<Evidence, String> {
    let span = |start: usize, end: usize| {
        if start <= end {
            Ok(Span::new(start, end))
        } else {
            Err(format!("span {start}..{end} ends before it starts"))
        }
    };
    let modality: Modality = r.modality.parse().map_err(|e: Error| e.to_string())?;
    Ok(Evidence {
        doc: r.doc,
        span: span(r.start, r.end)?,
        rule: r.rule,
        modality,
        text: r.text,
        trigger: r.trigger.map(|s| span(s.start, s.end)).transpose()?,
        quote: r.quote.map(|s| span(s.start, s.end)).transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_states_the_schema() {
        assert!(JSON_HEAD.contains(&format!("\"schema\": {GRAPH_SCHEMA}}}")));
    }
}
