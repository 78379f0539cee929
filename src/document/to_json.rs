//! The Document JSON of DESIGN.md, the output contract read by the scorers.
//!
//! ```text
//! {"doc": "...", "entities": [{"id", "name", "type", "source", "mentions": [{"start", "end", "text", "kind"}]}],
//!  "relations": [...]}
//! ```
//!
//! Extra fields (`schema`, `subkind`, `rule`, `dateline`, `date`) are
//! allowed by the contract. `schema` is [`DOCUMENT_SCHEMA`]: a reader of
//! Document JSON ([`from_json`](super::from_json)) knows what it reads.

use serde::{Serialize, Serializer};

use crate::document::Document;
use crate::model::{Args, Relation, Span};

/// The version of the Document JSON this crate writes: the `schema` field
/// of every document. It changes when a field changes meaning or goes.
pub const DOCUMENT_SCHEMA: u32 = 1;

#[derive(Serialize)]
struct DocJson<'a> {
    schema: u32,
    doc: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<DatelineJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    entities: Vec<EntityJson<'a>>,
    relations: Vec<RelationJson<'a>>,
}

#[derive(Serialize)]
struct SpanJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct RelationJson<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    args: ArgsJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<SpanJson<'a>>,
    modality: &'static str,
    rule: &'a str,
    evidence: SpanJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trigger: Option<SpanJson<'a>>,
    /// When a meeting was, as written, and as a date where it resolves.
    #[serde(skip_serializing_if = "Option::is_none")]
    when: Option<SpanJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
}

/// Argument ids by slot name; absent optional slots are left out.
#[derive(Serialize)]
struct ArgsJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
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
    /// Writes the Document JSON on one line (no trailing newline).
    ///
    /// # Errors
    ///
    /// Only errors of the writer.
    pub fn write_json<W: std::io::Write>(&self, out: W) -> std::io::Result<()> {
        serde_json::to_writer(out, &self.json_view()).map_err(std::io::Error::from)
    }

    /// The Document JSON, as a string of one line.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsgraph::{Document, Extractor};
    ///
    /// let doc = Extractor::default().extract("d1", "John Kerry met Lavrov in Munich.");
    /// let line = doc.to_json_string();
    /// assert!(line.starts_with(r#"{"schema":1,"doc":"d1","#));
    /// // Read back, it writes the same bytes.
    /// let back = Document::from_json(&line)?;
    /// assert_eq!(back.to_json_string(), line);
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn to_json_string(&self) -> String {
        let mut out = Vec::with_capacity(self.text.len() * 2);
        // Writing to a Vec cannot fail, and the JSON is UTF-8.
        let _ = self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_default()
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
                            text: self.span_text(m.span),
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
            text: self.span_text(d.place),
            place: d.entity.map(|e| self.entities[e].id.as_str()),
        });
        DocJson {
            schema: DOCUMENT_SCHEMA,
            doc: &self.id,
            dateline,
            date: self.date(),
            entities,
            relations: self
                .relations
                .iter()
                .map(|r| self.relation_json(r))
                .collect(),
        }
    }

    fn span_json(&self, span: Span) -> SpanJson<'_> {
        SpanJson {
            start: span.start,
            end: span.end,
            text: self.span_text(span),
        }
    }

    fn relation_json<'a>(&'a self, r: &'a Relation) -> RelationJson<'a> {
        let id = |i: usize| Some(self.entities[i].id.as_str());
        let opt = |i: Option<usize>| i.and_then(id);
        let mut args = ArgsJson {
            a: None,
            b: None,
            place: None,
            person: None,
            of: None,
            inner: None,
            outer: None,
            speaker: None,
        };
        let (mut role, mut quote) = (None, None);
        match &r.args {
            Args::Calls { a, b } => {
                args.a = id(*a);
                args.b = id(*b);
            }
            Args::Meets { a, b, place } => {
                args.a = id(*a);
                args.b = id(*b);
                args.place = opt(*place);
            }
            Args::HoldsRole {
                person,
                of,
                role: title,
            } => {
                args.person = id(*person);
                args.of = opt(*of);
                role = Some(title.as_str());
            }
            Args::LocatedIn { inner, outer } => {
                args.inner = id(*inner);
                args.outer = id(*outer);
            }
            Args::Said { speaker, quote: q } => {
                args.speaker = id(*speaker);
                quote = q.map(|q| self.span_json(q));
            }
        }
        RelationJson {
            kind: r.kind().as_str(),
            args,
            role,
            quote,
            modality: r.modality.as_str(),
            rule: &r.rule,
            evidence: self.span_json(r.evidence),
            trigger: r.trigger.map(|t| self.span_json(t)),
            when: r.when.map(|t| self.span_json(t)),
            date: r.date.as_deref(),
        }
    }
}

/// A document serialises as its Document JSON, so it goes into any serde
/// format; [`Document::from_json`] and `Deserialize` read it back.
impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json_view().serialize(serializer)
    }
}
