//! DOT for Graphviz: a colour and shape per entity kind, guessed entities
//! dashed, edges labelled with their type and place or role, and a legend.

use std::io::{self, Write};

use super::{endpoint, qualifier_label, view_edges};
use crate::graph::EntityGraph;
use crate::model::{EntityKind, Modality, RelationKind, Source};

const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organisation,
];
const RELATIONS: [RelationKind; 5] = [
    RelationKind::Meets,
    RelationKind::HoldsRole,
    RelationKind::LocatedIn,
    RelationKind::Said,
    RelationKind::Calls,
];

/// Shape and fill colour of a node kind.
fn node_style(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Person => ("ellipse", "#a6cee3"),
        EntityKind::Place => ("box", "#b2df8a"),
        EntityKind::Organisation => ("hexagon", "#fdbf6f"),
    }
}

/// Colour of a relation type.
fn edge_colour(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Meets => "#e31a1c",
        RelationKind::HoldsRole => "#1f78b4",
        RelationKind::LocatedIn => "#33a02c",
        RelationKind::Said => "#6a3d9a",
        RelationKind::Calls => "#fb9a99",
    }
}

/// A DOT double-quoted string: the one escaping function of this format.
/// Quotes and backslashes are escaped (so a name cannot end the string or
/// start a Graphviz escape such as `\N`), line breaks become `\n`.
pub(super) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl EntityGraph {
    /// Writes the graph in Graphviz's DOT language, as a `digraph` (MEETS
    /// edges have no arrowheads). Persons are blue ellipses, places green
    /// boxes, organisations orange hexagons; guessed entities have a dashed
    /// outline. Edge labels give the type, the place or role, and the
    /// evidence count when above one. A planned or hypothetical relation
    /// (one no statement asserts) is dashed and labelled `MEETS (planned)`;
    /// one whose every statement is negated is not drawn. A
    /// `cluster_legend` explains the colours.
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
    /// let mut graph = newsgraph::EntityGraph::new();
    /// graph.add(&x.extract("d", "John Kerry met Sergei Lavrov in Munich."));
    /// let mut out = Vec::new();
    /// graph.write_dot(&mut out)?;
    /// let dot = String::from_utf8(out).unwrap();
    /// assert!(dot.contains(r#""person:john-kerry" -> "person:sergei-lavrov" [label="MEETS\nMunich""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_dot<W: Write>(&self, out: W) -> io::Result<()> {
        let mut out = io::BufWriter::new(out);
        writeln!(out, "digraph newsgraph {{")?;
        writeln!(
            out,
            "  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false];"
        )?;
        writeln!(out, "  node [fontname=\"Helvetica\", style=filled];")?;
        writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
        writeln!(out, "  subgraph cluster_legend {{")?;
        writeln!(out, "    label=\"Legend\"; style=dashed;")?;
        for kind in KINDS {
            let (shape, fill) = node_style(kind);
            writeln!(
                out,
                "    {} [label={}, shape={shape}, fillcolor=\"{fill}\"];",
                quote(&format!("legend:{kind}")),
                quote(kind.as_str()),
            )?;
        }
        writeln!(
            out,
            "    \"legend:guess\" [label=\"guessed\", shape=ellipse, style=\"filled,dashed\", fillcolor=white];"
        )?;
        for kind in RELATIONS {
            writeln!(
                out,
                "    {} [label={}, shape=plaintext, style=\"\", fontcolor=\"{}\"];",
                quote(&format!("legend:{}", kind.as_str())),
                quote(&format!("── {}", kind.as_str())),
                edge_colour(kind),
            )?;
        }
        writeln!(out, "  }}")?;
        for n in self.nodes() {
            let (shape, fill) = node_style(n.kind());
            let style = match n.source() {
                Source::Guess => ", style=\"filled,dashed\"",
                Source::Gazetteer => "",
            };
            writeln!(
                out,
                "  {} [label={}, shape={shape}, fillcolor=\"{fill}\"{style}];",
                quote(n.id().as_str()),
                quote(n.name()),
            )?;
        }
        for e in view_edges(self) {
            let mut label = e.kind().as_str().to_string();
            // Planned and possible relations are drawn dashed and say so.
            let shown = e.shown_modality().unwrap_or(Modality::Asserted);
            let style = if shown == Modality::Asserted {
                ""
            } else {
                label.push_str(&format!(" ({})", shown.as_str()));
                ", style=dashed"
            };
            if let Some(q) = qualifier_label(self, e) {
                label.push('\n');
                label.push_str(&q);
            }
            if e.evidence_count() > 1 {
                label.push_str(&format!(" ({})", e.evidence_count()));
            }
            let dir = if matches!(e.kind(), RelationKind::Meets | RelationKind::Calls) {
                ", dir=none"
            } else {
                ""
            };
            writeln!(
                out,
                "  {} -> {} [label={}, color=\"{c}\", fontcolor=\"{c}\"{dir}{style}];",
                quote(e.source().as_str()),
                quote(endpoint(e).as_str()),
                quote(&label),
                c = edge_colour(e.kind()),
            )?;
        }
        writeln!(out, "}}")?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting() {
        assert_eq!(quote(r#"a "b" \N"#), r#""a \"b\" \\N""#);
        assert_eq!(quote("x\r\ny\nz"), r#""x\ny\nz""#);
        assert_eq!(quote("Москва"), "\"Москва\"");
    }
}
