//! The Document JSON of DESIGN.md, the output contract read by the scorers.
//!
//! ```text
//! {"doc": "...", "entities": [{"id", "name", "type", "source", "mentions": [{"start", "end", "text", "kind"}]}],
//!  "relations": [...]}
//! ```
//!
//! Extra fields (`subkind`, `rule`, `dateline`) are allowed by the contract.

use serde::Serialize;

use crate::document::Document;

#[derive(Serialize)]
struct DocJson<'a> {
    doc: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<DatelineJson<'a>>,
    entities: Vec<EntityJson<'a>>,
    relations: Vec<serde_json::Value>,
}

#[derive(Serialize)]
struct DatelineJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
}

#[derive(Serialize)]
struct EntityJson<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subkind: Option<&'a str>,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'static str>,
    mentions: Vec<MentionJson<'a>>,
}

#[derive(Serialize)]
struct MentionJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    rule: &'static str,
}

impl Document {
    /// The document as a Document JSON value (one line of `--format jsonl`).
    ///
    /// # Examples
    ///
    /// ```
    /// let doc = newsgraph::Extractor::default().extract("d1", "John Kerry met Lavrov.");
    /// let json = doc.to_json();
    /// assert_eq!(json["doc"], "d1");
    /// assert_eq!(json["entities"][1]["mentions"][0]["text"], "Lavrov");
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.json_view()).unwrap_or(serde_json::Value::Null)
    }

    /// Writes the Document JSON on one line (no trailing newline).
    ///
    /// # Errors
    ///
    /// Only errors of the writer.
    pub fn write_json<W: std::io::Write>(&self, out: W) -> std::io::Result<()> {
        serde_json::to_writer(out, &self.json_view()).map_err(std::io::Error::from)
    }

    fn json_view(&self) -> DocJson<'_> {
        let entities = self
            .entities
            .iter()
            .map(|e| EntityJson {
                id: e.id.as_str(),
                name: &e.name,
                kind: e.kind.as_str(),
                subkind: e.subkind.as_deref(),
                source: e.source.as_str(),
                rule: e.rule,
                mentions: e
                    .mentions
                    .iter()
                    .map(|&i| {
                        let m = &self.mentions[i];
                        MentionJson {
                            start: m.span.start,
                            end: m.span.end,
                            text: &self.text[m.span],
                            kind: m.kind.as_str(),
                            rule: m.rule,
                        }
                    })
                    .collect(),
            })
            .collect();
        let dateline = self.dateline().map(|d| DatelineJson {
            start: d.place.start,
            end: d.place.end,
            text: &self.text[d.place],
            place: d.entity.map(|e| self.entities[e].id.as_str()),
        });
        DocJson {
            doc: &self.id,
            dateline,
            entities,
            relations: Vec::new(),
        }
    }
}
