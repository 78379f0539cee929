//! Document JSON read back into a [`Document`]: `extract` once, build
//! graphs from its output as often as needed.
//!
//! The Document JSON holds no full text, only the text of every span it
//! names (mentions, the dateline, evidence, quotes, triggers, times). A
//! document read back holds that text at those offsets, and spaces
//! elsewhere; it has no tokens and no sentences. Everything a graph or a
//! writer reads is there, so a document read back writes the same bytes
//! and adds to a graph as the document extracted did.
//!
//! This module knows the model and the Document JSON; it knows nothing of
//! extraction.

use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Deserializer};

use super::to_json::DOCUMENT_SCHEMA;
use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::model::{
    Args, Dateline, Entity, EntityId, EntityKind, Mention, MentionKind, Modality, Relation,
    RelationKind, Source, Span,
};

#[derive(Deserialize)]
struct RawDoc {
    #[serde(default)]
    schema: Option<u32>,
    doc: String,
    #[serde(default)]
    dateline: Option<RawDateline>,
    #[serde(default)]
    date: Option<String>,
    entities: Vec<RawEntity>,
    relations: Vec<RawRelation>,
}

#[derive(Deserialize)]
struct RawSpan {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Deserialize)]
struct RawDateline {
    start: usize,
    end: usize,
    text: String,
    #[serde(default)]
    place: Option<String>,
}

#[derive(Deserialize)]
struct RawEntity {
    id: String,
    name: String,
    #[serde(rename = "type")]
    kind: EntityKind,
    #[serde(default)]
    subkind: Option<String>,
    source: String,
    #[serde(default)]
    rule: Option<String>,
    mentions: Vec<RawMention>,
}

#[derive(Deserialize)]
struct RawMention {
    start: usize,
    end: usize,
    text: String,
    kind: MentionKind,
    rule: String,
}

#[derive(Deserialize)]
struct RawRelation {
    #[serde(rename = "type")]
    kind: String,
    args: RawArgs,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    quote: Option<RawSpan>,
    modality: String,
    rule: String,
    evidence: RawSpan,
    #[serde(default)]
    trigger: Option<RawSpan>,
    #[serde(default)]
    when: Option<RawSpan>,
    #[serde(default)]
    date: Option<String>,
}

#[derive(Deserialize)]
struct RawArgs {
    a: Option<String>,
    b: Option<String>,
    place: Option<String>,
    person: Option<String>,
    of: Option<String>,
    inner: Option<String>,
    outer: Option<String>,
    speaker: Option<String>,
}

impl Document {
    /// Reads a document from its Document JSON (one line of `newsgraph
    /// extract --format jsonl`, or [`Document::to_json_string`]).
    ///
    /// # Errors
    ///
    /// Malformed JSON, a missing field, an unknown kind, relation type or
    /// modality, an argument that names no entity of the document, a span
    /// whose text does not fit it, or a `schema` newer than this crate
    /// reads ([`ErrorKind::Json`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use newsgraph::{Document, ErrorKind};
    ///
    /// let line = r#"{"doc":"d","entities":[{"id":"x","name":"Kerry","type":"PERSON","source":"guess","mentions":[{"start":4,"end":9,"text":"Kerry","kind":"name","rule":"guess/title"}]}],"relations":[]}"#;
    /// let doc = Document::from_json(line)?;
    /// assert_eq!(doc.id(), "d");
    /// assert_eq!(doc.mention_text(&doc.mentions()[0]), "Kerry");
    ///
    /// let err = Document::from_json(r#"{"doc":"d"}"#).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Json);
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Document, Error> {
        let raw: RawDoc = serde_json::from_str(json)
            .map_err(|e| Error::new(ErrorKind::Json, format!("bad document: {e}")))?;
        raw.into_document()
            .map_err(|why| Error::new(ErrorKind::Json, format!("bad document: {why}")))
    }
}

/// `Deserialize` reads the Document JSON, as [`Document::from_json`] does.
impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Document, D::Error> {
        let raw = RawDoc::deserialize(deserializer)?;
        raw.into_document().map_err(serde::de::Error::custom)
    }
}

/// The text of a document read back: each span's text at its offsets,
/// spaces elsewhere; overlapping spans must agree.
struct SparseText {
    bytes: Vec<u8>,
    /// Which bytes a span has set.
    set: Vec<bool>,
}

/// The longest text a document read back may claim (its last span's end):
/// as much as a record of [`crate::MAX_RECORD_BYTES`] may hold.
const MAX_TEXT_BYTES: usize = crate::MAX_RECORD_BYTES;

impl SparseText {
    fn new() -> SparseText {
        SparseText {
            bytes: Vec::new(),
            set: Vec::new(),
        }
    }

    /// Puts a span's text at its place.
    fn put(&mut self, start: usize, end: usize, text: &str) -> Result<Span, String> {
        if start > end || end - start != text.len() {
            return Err(format!(
                "span {start}..{end} does not hold its text of {} bytes",
                text.len()
            ));
        }
        if end > MAX_TEXT_BYTES {
            return Err(format!(
                "span {start}..{end} ends past {MAX_TEXT_BYTES} bytes"
            ));
        }
        if self.bytes.len() < end {
            self.bytes.resize(end, b' ');
            self.set.resize(end, false);
        }
        for (i, &b) in text.as_bytes().iter().enumerate() {
            let at = start + i;
            if self.set[at] && self.bytes[at] != b {
                return Err(format!(
                    "span {start}..{end} disagrees with another span at byte {at}"
                ));
            }
            self.bytes[at] = b;
            self.set[at] = true;
        }
        Ok(Span::new(start, end))
    }

    fn span(&mut self, s: &RawSpan) -> Result<Span, String> {
        self.put(s.start, s.end, &s.text)
    }

    fn finish(self) -> Result<String, String> {
        String::from_utf8(self.bytes).map_err(|e| {
            format!(
                "spans join into invalid UTF-8 at byte {}",
                e.utf8_error().valid_up_to()
            )
        })
    }
}

impl RawDoc {
    fn into_document(self) -> Result<Document, String> {
        if let Some(v) = self.schema.filter(|&v| v > DOCUMENT_SCHEMA) {
            return Err(format!(
                "schema {v} is newer than this version reads ({DOCUMENT_SCHEMA})"
            ));
        }
        let mut text = SparseText::new();
        let mut index: FxHashMap<&str, usize> = FxHashMap::default();
        let mut entities = Vec::with_capacity(self.entities.len());
        // Mentions as (span, entity, kind, rule), in the order read.
        let mut mentions: Vec<Mention> = Vec::new();
        for (e, raw) in self.entities.iter().enumerate() {
            if index.insert(raw.id.as_str(), e).is_some() {
                return Err(format!("entity {:?} appears twice", raw.id));
            }
            let source = match raw.source.as_str() {
                "gazetteer" => Source::Gazetteer,
                "guess" => Source::Guess,
                other => return Err(format!("unknown entity source {other:?}")),
            };
            for m in &raw.mentions {
                mentions.push(Mention {
                    span: text.put(m.start, m.end, &m.text)?,
                    entity: e,
                    kind: m.kind,
                    rule: intern(&m.rule)?,
                });
            }
            entities.push(Entity {
                id: EntityId::new(&raw.id),
                kind: raw.kind,
                subkind: raw.subkind.clone(),
                name: raw.name.clone(),
                source,
                rule: raw.rule.as_deref().map(intern).transpose()?,
                mentions: Vec::new(),
            });
        }
        // Mentions in text order, as a document holds them (a stable sort:
        // the order within an entity is the order written).
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        for (i, m) in mentions.iter().enumerate() {
            entities[m.entity].mentions.push(i);
        }
        let entity = |id: &Option<String>| -> Result<Option<usize>, String> {
            match id {
                None => Ok(None),
                Some(id) => index
                    .get(id.as_str())
                    .copied()
                    .map(Some)
                    .ok_or_else(|| format!("argument {id:?} names no entity of the document")),
            }
        };
        let datelines = match &self.dateline {
            Some(d) => {
                let place = text.put(d.start, d.end, &d.text)?;
                vec![Dateline {
                    span: place,
                    place,
                    entity: entity(&d.place)?,
                    agency: None,
                }]
            }
            None => Vec::new(),
        };
        let mut relations = Vec::with_capacity(self.relations.len());
        for r in &self.relations {
            let need = |id: &Option<String>, slot: &str| -> Result<usize, String> {
                entity(id)?.ok_or_else(|| format!("a {} relation needs `{slot}`", r.kind))
            };
            let a = &r.args;
            let args = match r.kind.parse::<RelationKind>().map_err(|e| e.to_string())? {
                RelationKind::Meets => Args::Meets {
                    a: need(&a.a, "a")?,
                    b: need(&a.b, "b")?,
                    place: entity(&a.place)?,
                },
                RelationKind::Calls => Args::Calls {
                    a: need(&a.a, "a")?,
                    b: need(&a.b, "b")?,
                },
                RelationKind::HoldsRole => Args::HoldsRole {
                    person: need(&a.person, "person")?,
                    of: entity(&a.of)?,
                    role: r.role.clone().unwrap_or_default(),
                },
                RelationKind::LocatedIn => Args::LocatedIn {
                    inner: need(&a.inner, "inner")?,
                    outer: need(&a.outer, "outer")?,
                },
                RelationKind::Said => Args::Said {
                    speaker: need(&a.speaker, "speaker")?,
                    quote: r.quote.as_ref().map(|q| text.span(q)).transpose()?,
                },
            };
            relations.push(Relation {
                args,
                modality: r.modality.parse::<Modality>().map_err(|e| e.to_string())?,
                rule: r.rule.clone(),
                evidence: text.span(&r.evidence)?,
                trigger: r.trigger.as_ref().map(|s| text.span(s)).transpose()?,
                when: r.when.as_ref().map(|s| text.span(s)).transpose()?,
                date: r.date.clone(),
            });
        }
        Ok(Document {
            id: self.doc,
            text: text.finish()?,
            tokens: Vec::new(),
            sentences: Vec::new(),
            mentions,
            entities,
            datelines,
            relations,
            date: self.date,
        })
    }
}

/// The rule names of mentions and entities read back, each kept once for
/// the life of the process (the model holds them as `&'static str`, the
/// names of the rules compiled in).
static RULE_NAMES: Mutex<Option<FxHashSet<&'static str>>> = Mutex::new(None);

/// The most distinct rule names read back: the library's rules are a few
/// dozen, so a stream of made-up names is refused, not kept forever.
const MAX_RULE_NAMES: usize = 4096;

fn intern(name: &str) -> Result<&'static str, String> {
    let mut names = RULE_NAMES
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    let names = names.get_or_insert_with(FxHashSet::default);
    if let Some(&have) = names.get(name) {
        return Ok(have);
    }
    if names.len() >= MAX_RULE_NAMES || name.len() > 200 {
        return Err(format!(
            "rule name {:?} is one too many: at most {MAX_RULE_NAMES} distinct names of 200 bytes are read",
            name.chars().take(40).collect::<String>()
        ));
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    Ok(leaked)
}
