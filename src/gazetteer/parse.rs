//! The TSV reader: one entry per line, every error named by file and line.
//!
//! The format is documented in `gazetteers/FORMAT.md`.

use crate::error::{Error, ErrorKind};
use crate::gazetteer::entry::{Alias, CasePolicy, Entry, Role};
use crate::model::{EntityId, EntityKind};

/// The exact header every gazetteer file starts with (after comments).
pub const HEADER: &str = "id\tkind\tname\taliases\tattributes";

/// Longest alias accepted, in bytes. Longer forms are data errors.
pub const MAX_ALIAS_BYTES: usize = 256;

/// Most aliases one entry may list. More is a data error: no real name has
/// a thousand spellings, and a runaway line should fail clearly.
pub const MAX_ALIASES: usize = 1_000;

/// Subkinds documented in FORMAT.md; others are rejected so typos surface.
const PLACE_SUBKINDS: &[&str] = &[
    "country",
    "territory",
    "continent",
    "region",
    "admin1",
    "admin2",
    "city",
    "district",
    "facility",
    "landmark",
    "water",
];
const ORG_SUBKINDS: &[&str] = &[
    "intl",
    "gov",
    "military",
    "armed",
    "party",
    "media",
    "company",
    "sports",
    "edu",
    "ngo",
    "religious",
    "other",
];

/// A gazetteer error at `source:line`.
fn err(source: &str, line: usize, reason: impl std::fmt::Display) -> Error {
    Error::at_line(ErrorKind::Gazetteer, source, line, reason.to_string())
}

/// Parses one gazetteer file. `source` names it in errors.
pub fn parse(source: &str, text: &str) -> Result<Vec<Entry>, Error> {
    parse_part(source, text, 1, false)
}

/// Parses part of a gazetteer file: `text` starts at line `first_line`,
/// after the header when `header_seen`.
pub fn parse_part(
    source: &str,
    text: &str,
    first_line: usize,
    mut header_seen: bool,
) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    for (n, raw) in text.split('\n').enumerate() {
        let line_no = n + first_line;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            if line != HEADER {
                return Err(err(
                    source,
                    line_no,
                    format!("expected the header {:?}, found {:?}", HEADER, clip(line)),
                ));
            }
            header_seen = true;
            continue;
        }
        entries.push(parse_line(source, line_no, line)?);
    }
    Ok(entries)
}

/// At most 60 characters of `s`, for error messages.
pub(crate) fn clip(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// One entry line, read step by step; the steps run in this order, so a
/// line with several faults reports the first.
fn parse_line(source: &str, line_no: usize, line: &str) -> Result<Entry, Error> {
    let [id, kind_col, name, aliases_col, attrs_col] = columns(source, line_no, line)?;
    let (id, kind_col, name) = (id.trim(), kind_col.trim(), name.trim());
    check_id_and_name(source, line_no, id, name)?;
    let (kind, subkind) = parse_kind(kind_col).ok_or_else(|| {
        err(
            source,
            line_no,
            format!("unknown kind {:?}", clip(kind_col)),
        )
    })?;
    check_form(source, line_no, name)?;
    let (aliases, name_policy) = parse_aliases(source, line_no, id, name, aliases_col)?;
    let attributes = parse_attributes(source, line_no, attrs_col)?;
    check_demonyms(source, line_no, id, &attributes)?;
    let (priority, roles) = priority_and_roles(source, line_no, &attributes)?;
    let population = population(&attributes);
    Ok(Entry {
        id: EntityId::new(id),
        kind,
        subkind,
        name: name.to_string(),
        name_policy,
        aliases,
        attributes,
        roles,
        priority,
        population,
        origin: origin(source, line_no),
    })
}

/// The five tab-separated columns of a line, untrimmed.
fn columns<'l>(source: &str, line_no: usize, line: &'l str) -> Result<[&'l str; 5], Error> {
    let mut cols = [""; 5];
    let mut count = 0;
    for (i, col) in line.split('\t').enumerate() {
        if let Some(slot) = cols.get_mut(i) {
            *slot = col;
        }
        count += 1;
    }
    if count != 5 {
        return Err(err(
            source,
            line_no,
            format!("expected 5 tab-separated columns, found {count}"),
        ));
    }
    Ok(cols)
}

/// The id and the name (both trimmed) are not empty.
fn check_id_and_name(source: &str, line_no: usize, id: &str, name: &str) -> Result<(), Error> {
    if id.is_empty() {
        return Err(err(source, line_no, "empty id"));
    }
    if name.is_empty() {
        return Err(err(
            source,
            line_no,
            format!("entry {id} has an empty name"),
        ));
    }
    Ok(())
}

/// The aliases column: `|`-separated forms, each with its case policy
/// marker (`=` exact, `~` weak, none for capitals); repeats dropped. A
/// marked alias repeating the name sets the name's policy instead, which is
/// returned beside the aliases.
fn parse_aliases(
    source: &str,
    line_no: usize,
    id: &str,
    name: &str,
    col: &str,
) -> Result<(Vec<Alias>, CasePolicy), Error> {
    let mut aliases = Vec::new();
    let mut name_policy = CasePolicy::Capitals;
    if col.trim().is_empty() {
        return Ok((aliases, name_policy));
    }
    let count = col.split('|').count();
    if count > MAX_ALIASES {
        return Err(Error::at_line(
            ErrorKind::Limit,
            source,
            line_no,
            format!("entry {id} has {count} aliases, more than the limit of {MAX_ALIASES}"),
        ));
    }
    for raw in col.split('|') {
        let (policy, form) = alias_policy(raw.trim());
        if form.is_empty() {
            return Err(err(
                source,
                line_no,
                format!("entry {id} has an empty alias"),
            ));
        }
        check_form(source, line_no, form)?;
        if form == name {
            name_policy = policy;
        } else if !aliases.iter().any(|a: &Alias| a.form == form) {
            aliases.push(Alias {
                form: form.to_string(),
                policy,
            });
        }
    }
    Ok((aliases, name_policy))
}

/// An alias's case policy, read from its marker, and the form without it.
fn alias_policy(raw: &str) -> (CasePolicy, &str) {
    match raw.as_bytes().first() {
        Some(b'=') => (CasePolicy::Exact, raw[1..].trim()),
        Some(b'~') => (CasePolicy::Weak, raw[1..].trim()),
        _ => (CasePolicy::Capitals, raw),
    }
}

/// The attributes column: `key=value` pairs separated by `;`, trimmed, in
/// order; empty pairs skipped.
fn parse_attributes(
    source: &str,
    line_no: usize,
    col: &str,
) -> Result<Vec<(String, String)>, Error> {
    let mut attributes = Vec::new();
    for pair in col.split(';') {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let (k, v) = pair.split_once('=').ok_or_else(|| {
            err(
                source,
                line_no,
                format!("attribute without '=': {:?}", clip(pair)),
            )
        })?;
        let k = k.trim();
        if k.is_empty() {
            return Err(err(
                source,
                line_no,
                format!("attribute with an empty key: {:?}", clip(pair)),
            ));
        }
        attributes.push((k.to_string(), v.trim().to_string()));
    }
    Ok(attributes)
}

/// Demonyms are forms like aliases, with the same limits.
fn check_demonyms(
    source: &str,
    line_no: usize,
    id: &str,
    attributes: &[(String, String)],
) -> Result<(), Error> {
    let Some((_, v)) = attributes.iter().find(|(k, _)| k == "demonyms") else {
        return Ok(());
    };
    let count = v.split('|').count();
    if count > MAX_ALIASES {
        return Err(Error::at_line(
            ErrorKind::Limit,
            source,
            line_no,
            format!("entry {id} has {count} demonyms, more than the limit of {MAX_ALIASES}"),
        ));
    }
    for d in v.split('|').map(str::trim).filter(|d| !d.is_empty()) {
        check_form(source, line_no, d)?;
    }
    Ok(())
}

/// The `priority` (the last one given; 0 without) and every `role` of the
/// attributes, read in attribute order.
fn priority_and_roles(
    source: &str,
    line_no: usize,
    attributes: &[(String, String)],
) -> Result<(i32, Vec<Role>), Error> {
    let mut priority = 0;
    let mut roles = Vec::new();
    for (k, v) in attributes {
        match k.as_str() {
            "priority" => {
                priority = v.parse().map_err(|_| {
                    err(
                        source,
                        line_no,
                        format!("priority is not an integer: {:?}", clip(v)),
                    )
                })?;
            }
            "role" => {
                for r in v.split('|').filter(|r| !r.trim().is_empty()) {
                    roles.push(parse_role(r).ok_or_else(|| {
                        err(
                            source,
                            line_no,
                            format!("malformed role {:?} (want Title@Of@from/to)", clip(r)),
                        )
                    })?);
                }
            }
            _ => {}
        }
    }
    Ok((priority, roles))
}

/// The first `population` attribute, 0 if none or not a number.
fn population(attributes: &[(String, String)]) -> u64 {
    attributes
        .iter()
        .find(|(k, _)| k == "population")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0)
}

/// `file:line` (one per entry: tens of thousands at start-up, so into a
/// buffer of the right size).
fn origin(source: &str, line_no: usize) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(source.len() + 8);
    out.push_str(source);
    out.push(':');
    // Writing to a `String` cannot fail.
    let _ = write!(out, "{line_no}");
    out
}

/// A form (name, alias or demonym) is within [`MAX_ALIAS_BYTES`] and has no
/// control character.
fn check_form(source: &str, line_no: usize, form: &str) -> Result<(), Error> {
    if form.len() > MAX_ALIAS_BYTES {
        return Err(Error::at_line(
            ErrorKind::Limit,
            source,
            line_no,
            format!(
                "alias of {} bytes is longer than the limit of {MAX_ALIAS_BYTES}: {:?}",
                form.len(),
                clip(form)
            ),
        ));
    }
    if form.chars().any(|c| c.is_control()) {
        return Err(err(
            source,
            line_no,
            format!("control character in {:?}", clip(form)),
        ));
    }
    Ok(())
}

/// `kind` or `kind/subkind`, with the subkinds FORMAT.md documents.
fn parse_kind(s: &str) -> Option<(EntityKind, Option<String>)> {
    let (top, sub) = match s.split_once('/') {
        Some((t, s)) => (t, Some(s)),
        None => (s, None),
    };
    let kind = match top {
        "person" => EntityKind::Person,
        "place" => EntityKind::Place,
        "org" => EntityKind::Organisation,
        _ => return None,
    };
    match (kind, sub) {
        (_, None) => Some((kind, None)),
        (EntityKind::Place, Some(s)) if PLACE_SUBKINDS.contains(&s) => {
            Some((kind, Some(s.to_string())))
        }
        (EntityKind::Organisation, Some(s)) if ORG_SUBKINDS.contains(&s) => {
            Some((kind, Some(s.to_string())))
        }
        _ => None,
    }
}

/// `Title@Of@from/to`; `Of` and the dates may be empty.
fn parse_role(s: &str) -> Option<Role> {
    let mut parts = s.split('@');
    let title = parts.next()?.trim();
    let of = parts.next().unwrap_or("").trim();
    let dates = parts.next().unwrap_or("").trim();
    if title.is_empty() || parts.next().is_some() {
        return None;
    }
    let (from, to) = match dates.split_once('/') {
        Some((f, t)) => (f.trim(), t.trim()),
        None if dates.is_empty() => ("", ""),
        None => return None,
    };
    for d in [from, to] {
        if !d.is_empty() && !is_date(d) {
            return None;
        }
    }
    let opt = |x: &str| (!x.is_empty()).then(|| x.to_string());
    Some(Role {
        title: title.to_string(),
        of: opt(of),
        of_id: None,
        from: opt(from),
        to: opt(to),
    })
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
