//! What every [`Document`] must hold, whatever its input. Shared by the
//! property and hostile-input tests and by the fuzz targets (`fuzz/`, which
//! include this file by path), so all three check the same thing.

use newsgraph::{Args, Document, Span};

/// The first broken invariant, as a message: every span of the document
/// (tokens, sentences, mentions, datelines, evidence, triggers, quotations)
/// is a char-boundary range of the text; mention and relation indices point
/// at entities; the Document JSON serialises, parses back, equals
/// [`Document::to_json`], and each of its `{start, end, text}` objects has
/// `text == &text[start..end]`.
pub fn check(doc: &Document) -> Result<(), String> {
    let text = doc.text();
    let span = |what: &str, s: Span| -> Result<(), String> {
        if s.start <= s.end && text.get(s.start..s.end).is_some() {
            Ok(())
        } else {
            Err(format!(
                "{what} span {}..{} is not a char-boundary range of the {}-byte text",
                s.start,
                s.end,
                text.len()
            ))
        }
    };
    let entity = |what: &str, i: usize| -> Result<(), String> {
        if i < doc.entities().len() {
            Ok(())
        } else {
            Err(format!(
                "{what} points at entity {i} of {}",
                doc.entities().len()
            ))
        }
    };
    for t in doc.tokens() {
        span("token", t.span)?;
    }
    for s in doc.sentences() {
        span("sentence", s.span)?;
    }
    for m in doc.mentions() {
        span("mention", m.span)?;
        entity("mention", m.entity)?;
    }
    for e in doc.entities() {
        for &m in &e.mentions {
            if m >= doc.mentions().len() {
                return Err(format!("entity {} lists mention {m}", e.id));
            }
        }
    }
    for d in doc.datelines() {
        span("dateline", d.span)?;
        span("dateline place", d.place)?;
        if let Some(a) = d.agency {
            span("dateline agency", a)?;
        }
    }
    for r in doc.relations() {
        span("evidence", r.evidence)?;
        if let Some(t) = r.trigger {
            span("trigger", t)?;
        }
        if let Some(t) = r.when {
            span("when", t)?;
        }
        match &r.args {
            Args::Meets { a, b, place } => {
                entity("MEETS a", *a)?;
                entity("MEETS b", *b)?;
                if let Some(p) = place {
                    entity("MEETS place", *p)?;
                }
            }
            Args::HoldsRole { person, of, .. } => {
                entity("HOLDS_ROLE person", *person)?;
                if let Some(o) = of {
                    entity("HOLDS_ROLE of", *o)?;
                }
            }
            Args::LocatedIn { inner, outer } => {
                entity("LOCATED_IN inner", *inner)?;
                entity("LOCATED_IN outer", *outer)?;
            }
            Args::Said { speaker, quote } => {
                entity("SAID speaker", *speaker)?;
                if let Some(q) = quote {
                    span("quote", *q)?;
                }
            }
            _ => {}
        }
    }

    let mut line = Vec::new();
    doc.write_json(&mut line)
        .map_err(|e| format!("write_json: {e}"))?;
    let parsed: serde_json::Value =
        serde_json::from_slice(&line).map_err(|e| format!("Document JSON does not parse: {e}"))?;
    if parsed != serde_json::to_value(doc).unwrap() {
        return Err("write_json and to_json differ".into());
    }
    if parsed["doc"] != doc.id() {
        return Err(format!(
            "\"doc\" is {} for id {:?}",
            parsed["doc"],
            doc.id()
        ));
    }
    check_json_spans(text, &parsed, "$")
}

/// Every object with numeric `start`, `end` and a string `text` quotes the
/// text at that range.
fn check_json_spans(text: &str, v: &serde_json::Value, path: &str) -> Result<(), String> {
    match v {
        serde_json::Value::Object(map) => {
            if let (Some(s), Some(e), Some(t)) = (
                map.get("start").and_then(|s| s.as_u64()),
                map.get("end").and_then(|e| e.as_u64()),
                map.get("text").and_then(|t| t.as_str()),
            ) {
                let got = text.get(s as usize..e as usize);
                if got != Some(t) {
                    return Err(format!(
                        "{path}: text {t:?} is not the text at {s}..{e} ({got:?})"
                    ));
                }
            }
            for (k, x) in map {
                check_json_spans(text, x, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                check_json_spans(text, x, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
