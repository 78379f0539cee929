//! CSV for Neo4j's bulk importer (`neo4j-admin database import`): a nodes
//! file and an edges file with the importer's typed headers.
//!
//! ```text
//! id:ID,name,:LABEL,subkind,source,mentions:int,documents:string[]
//! :START_ID,:END_ID,:TYPE,place,place_name,role,evidence:int,documents:string[],modalities:string[],rules:string[]
//! ```
//!
//! Fields are quoted as RFC 4180 says (doubled quotes) when they need it.
//! Array fields use the importer's default delimiter `;`. Names may hold
//! line breaks: import with `--multiline-fields=true`.

use std::io::{self, Write};

use super::{endpoint, qualifier_label, view_edges};
use crate::graph::EntityGraph;

/// The header of the nodes file.
pub(crate) const NODES_HEADER: &str =
    "id:ID,name,:LABEL,subkind,source,mentions:int,documents:string[]";
/// The header of the edges file.
pub(crate) const EDGES_HEADER: &str = ":START_ID,:END_ID,:TYPE,place,place_name,role,evidence:int,documents:string[],modalities:string[],rules:string[]";

/// One CSV field: the one escaping function of this format. Quoted, with
/// quotes doubled, when it holds a comma, quote, line break, or begins or
/// ends with a space.
pub(super) fn field(s: &str) -> String {
    let needs = s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ');
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row<W: Write>(out: &mut W, fields: &[&str]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.write_all(line.join(",").as_bytes())?;
    out.write_all(b"\n")
}

impl EntityGraph {
    /// Writes the graph as two CSV files in the header format of Neo4j's
    /// bulk importer: nodes (`id:ID`, `name`, `:LABEL` = PERSON/PLACE/ORG,
    /// `subkind`, `source`, `mentions:int`, `documents:string[]`) and edges
    /// (`:START_ID`, `:END_ID`, `:TYPE`, `place`, `place_name`, `role`,
    /// `evidence:int`, `documents:string[]`, `modalities:string[]`,
    /// `rules:string[]`). One-argument relations are loops. An edge whose every
    /// statement is negated is not written (the JSON formats keep it).
    ///
    /// # Errors
    ///
    /// Only errors of the writers.
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
    /// graph.add(&x.extract("d", "John Kerry met Sergei Lavrov."));
    /// let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    /// graph.write_csv(&mut nodes, &mut edges)?;
    /// let edges = String::from_utf8(edges).unwrap();
    /// assert_eq!(edges.lines().nth(1), Some("person:john-kerry,person:sergei-lavrov,MEETS,,,,1,d,asserted,meet/subject-object"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_csv<N: Write, E: Write>(&self, nodes: N, edges: E) -> io::Result<()> {
        let mut out = io::BufWriter::new(nodes);
        writeln!(out, "{NODES_HEADER}")?;
        for n in self.nodes() {
            let mentions = n.mention_count().to_string();
            let documents = n.documents().collect::<Vec<_>>().join(";");
            row(
                &mut out,
                &[
                    n.id().as_str(),
                    n.name(),
                    n.kind().as_str(),
                    n.subkind().unwrap_or(""),
                    n.source().as_str(),
                    &mentions,
                    &documents,
                ],
            )?;
        }
        out.flush()?;
        let mut out = io::BufWriter::new(edges);
        writeln!(out, "{EDGES_HEADER}")?;
        for e in view_edges(self) {
            let count = e.evidence_count().to_string();
            let place_name = e.place().and_then(|_| qualifier_label(self, e));
            let modalities: Vec<&str> = e.modalities().iter().map(|m| m.as_str()).collect();
            row(
                &mut out,
                &[
                    e.source().as_str(),
                    endpoint(e).as_str(),
                    e.kind().as_str(),
                    e.place().map_or("", |p| p.as_str()),
                    place_name.as_deref().unwrap_or(""),
                    e.role().unwrap_or(""),
                    &count,
                    &e.documents().collect::<Vec<_>>().join(";"),
                    &modalities.join(";"),
                    &e.rules().into_iter().collect::<Vec<_>>().join(";"),
                ],
            )?;
        }
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field(r#"say "hi", then"#), r#""say ""hi"", then""#);
        assert_eq!(field("a\nb"), "\"a\nb\"");
        assert_eq!(field(" pad"), "\" pad\"");
        assert_eq!(field("Кремль"), "Кремль");
    }
}
