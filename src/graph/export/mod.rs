//! Exports of the resolved graph: JSON node-link (and its reader), JSON
//! Lines, DOT, GraphML and Neo4j CSV.
//!
//! Every exporter writes nodes sorted by id and edges sorted by source,
//! target, type and qualifier, so equal graphs give equal bytes. Escaping
//! lives in one function per format: serde_json for the JSON formats,
//! [`dot::quote`], [`graphml::escape`] and [`csv::field`].
//!
//! Relations with one argument (SAID, HOLDS_ROLE of unknown `of`) are
//! written as loops: target = source.

mod csv;
mod dot;
mod facts;
mod graphml;
mod json;
mod jsonl;

use std::collections::BTreeMap;

pub use json::{GRAPH_SCHEMA, JSON_HEAD, JSON_MIDDLE, JSON_TAIL};

use serde::{Deserialize, Serialize};

use super::{Edge, EntityGraph, Evidence, Node};
use crate::model::Span;

/// A node as the JSON formats write it.
#[derive(Serialize, Deserialize)]
struct NodeRecord {
    id: String,
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subkind: Option<String>,
    source: String,
    /// Derived (the sum of `documents`); ignored when reading.
    #[serde(default)]
    mentions: usize,
    /// Document id → mentions in it.
    #[serde(default)]
    documents: BTreeMap<String, usize>,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    merged: Vec<String>,
}

/// An edge as the JSON formats write it.
#[derive(Serialize, Deserialize)]
struct LinkRecord {
    source: String,
    target: String,
    #[serde(default)]
    key: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    /// Derived; ignored when reading, like `documents` and `modalities`.
    #[serde(default)]
    evidence_count: usize,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    modalities: Vec<String>,
    evidence: Vec<EvidenceRecord>,
    /// Where evidence was dropped for a bound: every (document, modality,
    /// rule, statements) of the edge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    statements: Option<Vec<(String, String, String, usize)>>,
}

#[derive(Serialize, Deserialize)]
struct EvidenceRecord {
    doc: String,
    start: usize,
    end: usize,
    text: String,
    rule: String,
    modality: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    trigger: Option<SpanRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote: Option<SpanRecord>,
}

#[derive(Serialize, Deserialize)]
struct SpanRecord {
    start: usize,
    end: usize,
}

impl From<Span> for SpanRecord {
    fn from(s: Span) -> SpanRecord {
        SpanRecord {
            start: s.start,
            end: s.end,
        }
    }
}

impl NodeRecord {
    fn new(n: &Node) -> NodeRecord {
        NodeRecord {
            id: n.id.to_string(),
            name: n.name.clone(),
            kind: n.kind.as_str().to_string(),
            subkind: n.subkind.clone(),
            source: n.source.as_str().to_string(),
            mentions: n.mention_count(),
            documents: n.documents.clone(),
            forms: n.forms.iter().cloned().collect(),
            merged: n.merged.iter().map(|m| m.to_string()).collect(),
        }
    }
}

impl LinkRecord {
    fn new(e: &Edge) -> LinkRecord {
        LinkRecord {
            source: e.source().to_string(),
            target: endpoint(e).to_string(),
            key: e.key(),
            kind: e.kind().as_str().to_string(),
            place: e.place().map(|p| p.to_string()),
            role: e.role.clone(),
            evidence_count: e.evidence_count(),
            documents: e.documents().map(str::to_string).collect(),
            modalities: e
                .modalities()
                .into_iter()
                .map(|m| m.as_str().to_string())
                .collect(),
            evidence: e.evidence().map(EvidenceRecord::new).collect(),
            statements: e.tally.as_ref().map(|t| {
                t.statements
                    .iter()
                    .map(|((doc, m, rule), &n)| {
                        (doc.clone(), m.as_str().to_string(), rule.clone(), n)
                    })
                    .collect()
            }),
        }
    }
}

impl EvidenceRecord {
    fn new(e: &Evidence) -> EvidenceRecord {
        EvidenceRecord {
            doc: e.doc.clone(),
            start: e.span.start,
            end: e.span.end,
            text: e.text.clone(),
            rule: e.rule.clone(),
            modality: e.modality.as_str().to_string(),
            trigger: e.trigger.map(SpanRecord::from),
            quote: e.quote.map(SpanRecord::from),
        }
    }
}

/// The edges the views (DOT, GraphML, CSV) draw: those with a statement
/// that is not negated (see [`Edge::shown_modality`]).
fn view_edges(graph: &EntityGraph) -> impl Iterator<Item = &Edge> {
    graph.edges().filter(|e| e.shown_modality().is_some())
}

/// The target an export writes: the source itself for a one-argument relation.
fn endpoint(e: &Edge) -> &crate::model::EntityId {
    e.target().unwrap_or(e.source())
}

/// The qualifier shown beside the type in DOT labels and CSV/GraphML
/// columns: the meeting place's name, or the role title.
fn qualifier_label(graph: &EntityGraph, e: &Edge) -> Option<String> {
    if let Some(p) = e.place() {
        return Some(
            graph
                .view_node(p)
                .map_or_else(|| p.to_string(), |n| n.name.clone()),
        );
    }
    e.role().map(str::to_string)
}
