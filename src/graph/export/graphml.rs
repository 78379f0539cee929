//! GraphML with typed attributes, for Gephi, yEd, Cytoscape and networkx's
//! `read_graphml`. Written by hand: the format needs one escaping function,
//! not an XML library.

use std::io::{self, Write};

use super::{endpoint, qualifier_label, view_edges};
use crate::graph::EntityGraph;

/// `(id, for, attr.name, attr.type)` of every attribute, in column order.
const KEYS: [(&str, &str, &str, &str); 15] = [
    ("n_name", "node", "name", "string"),
    ("n_type", "node", "type", "string"),
    ("n_subkind", "node", "subkind", "string"),
    ("n_source", "node", "source", "string"),
    ("n_mentions", "node", "mentions", "int"),
    ("n_documents", "node", "documents", "string"),
    ("n_forms", "node", "forms", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_place", "edge", "place", "string"),
    ("e_place_name", "edge", "place_name", "string"),
    ("e_role", "edge", "role", "string"),
    ("e_evidence_count", "edge", "evidence_count", "int"),
    ("e_documents", "edge", "documents", "string"),
    ("e_modalities", "edge", "modalities", "string"),
    ("e_rules", "edge", "rules", "string"),
];

/// Text for XML content and attribute values: the one escaping function
/// of this format. The five markup characters become entities; tab, line
/// feed and carriage return become character references so that attribute
/// values keep them too; characters XML 1.0 forbids (other control
/// characters, U+FFFE, U+FFFF) become U+FFFD.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn data<W: Write>(out: &mut W, key: &str, value: &str) -> io::Result<()> {
    writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value))
}

impl EntityGraph {
    /// Writes the graph as GraphML: a directed graph whose node and edge
    /// attributes are declared with typed `<key>`s. Nodes: `name`, `type`,
    /// `subkind`, `source`, `mentions` (int), `documents` and `forms`
    /// (joined with `; `). Edges have an `id` unique in the file (`e0`,
    /// `e1`…, in export order) and `type`, `place`, `place_name`, `role`,
    /// `evidence_count` (int), `documents`, `modalities`, `rules`. Absent
    /// values are left out. The evidence sentences are in the JSON exports,
    /// as are edges whose every statement is negated, which are not written.
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
    /// graph.write_graphml(&mut out)?;
    /// let xml = String::from_utf8(out).unwrap();
    /// assert!(xml.contains(r#"<data key="e_place_name">Munich</data>"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_graphml<W: Write>(&self, out: W) -> io::Result<()> {
        let mut out = io::BufWriter::new(out);
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
             http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">"
        )?;
        for (id, target, name, kind) in KEYS {
            writeln!(
                out,
                "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
            )?;
        }
        writeln!(out, "  <graph id=\"newsgraph\" edgedefault=\"directed\">")?;
        for n in self.nodes() {
            writeln!(out, "    <node id=\"{}\">", escape(n.id().as_str()))?;
            data(&mut out, "n_name", n.name())?;
            data(&mut out, "n_type", n.kind().as_str())?;
            if let Some(s) = n.subkind() {
                data(&mut out, "n_subkind", s)?;
            }
            data(&mut out, "n_source", n.source().as_str())?;
            data(&mut out, "n_mentions", &n.mention_count().to_string())?;
            data(
                &mut out,
                "n_documents",
                &n.documents().collect::<Vec<_>>().join("; "),
            )?;
            data(
                &mut out,
                "n_forms",
                &n.forms().collect::<Vec<_>>().join("; "),
            )?;
            writeln!(out, "    </node>")?;
        }
        for (i, e) in view_edges(self).enumerate() {
            writeln!(
                out,
                "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
                escape(e.source().as_str()),
                escape(endpoint(e).as_str()),
            )?;
            data(&mut out, "e_type", e.kind().as_str())?;
            if let Some(p) = e.place() {
                data(&mut out, "e_place", p.as_str())?;
                if let Some(name) = qualifier_label(self, e) {
                    data(&mut out, "e_place_name", &name)?;
                }
            }
            if let Some(r) = e.role() {
                data(&mut out, "e_role", r)?;
            }
            data(
                &mut out,
                "e_evidence_count",
                &e.evidence_count().to_string(),
            )?;
            data(
                &mut out,
                "e_documents",
                &e.documents().collect::<Vec<_>>().join("; "),
            )?;
            let modalities: Vec<&str> = e.modalities().iter().map(|m| m.as_str()).collect();
            data(&mut out, "e_modalities", &modalities.join("; "))?;
            data(
                &mut out,
                "e_rules",
                &e.rules().into_iter().collect::<Vec<_>>().join("; "),
            )?;
            writeln!(out, "    </edge>")?;
        }
        writeln!(out, "  </graph>")?;
        writeln!(out, "</graphml>")?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping() {
        assert_eq!(
            escape(r#"<a & "b" 'c'>"#),
            "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;"
        );
        assert_eq!(escape("x\ny\u{1}"), "x&#10;y\u{fffd}");
        assert_eq!(escape("北京"), "北京");
    }
}
