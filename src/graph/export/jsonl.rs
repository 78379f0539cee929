//! JSON Lines: one record per line, nodes first, then edges.
//!
//! ```text
//! {"record":"node","id":…,"name":…,…}
//! {"record":"edge","source":…,"target":…,"key":…,"type":…,…}
//! ```
//!
//! The fields after `record` are those of the node-link JSON's nodes and
//! links, so `jq 'select(.record=="edge" and .type=="MEETS")'` works.

use std::io::{self, Write};

use serde::Serialize;

use super::{LinkRecord, NodeRecord};
use crate::graph::EntityGraph;

#[derive(Serialize)]
struct Tagged<'a, T> {
    record: &'static str,
    #[serde(flatten)]
    inner: &'a T,
}

impl EntityGraph {
    /// Writes the graph as JSON Lines: a `{"record":"node",…}` line per
    /// node, then a `{"record":"edge",…}` line per edge, with the fields of
    /// [`write_json`](EntityGraph::write_json)'s nodes and links.
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
    /// graph.add(&x.extract("d", "John Kerry met Sergei Lavrov."));
    /// let mut out = Vec::new();
    /// graph.write_jsonl(&mut out)?;
    /// let text = String::from_utf8(out).unwrap();
    /// assert_eq!(text.lines().filter(|l| l.starts_with(r#"{"record":"edge""#)).count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_jsonl<W: Write>(&self, out: W) -> io::Result<()> {
        let mut out = io::BufWriter::new(out);
        for n in self.nodes() {
            let record = NodeRecord::new(n);
            serde_json::to_writer(
                &mut out,
                &Tagged {
                    record: "node",
                    inner: &record,
                },
            )?;
            out.write_all(b"\n")?;
        }
        for e in self.edges() {
            let record = LinkRecord::new(e);
            serde_json::to_writer(
                &mut out,
                &Tagged {
                    record: "edge",
                    inner: &record,
                },
            )?;
            out.write_all(b"\n")?;
        }
        out.flush()
    }
}
