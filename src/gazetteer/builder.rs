//! The gazetteer builder: files and strings read into entries, ids checked
//! unique across everything added, then handed to `compile.rs`.
//!
//! The embedded defaults are parsed on threads (the largest file in two
//! halves). This module knows entries and their ids; how forms are compiled
//! is `compile.rs`'s business, and it knows nothing of the matcher.

use std::path::Path;

use super::compile::compile;
use super::{defaults, parse, Entry, Gazetteer};
use crate::error::{Error, ErrorKind};
use crate::input::{read_text, Utf8Policy};
use crate::model::EntityId;
use rustc_hash::FxHashMap;

/// Loads gazetteer files and compiles them.
///
/// Ids must be unique across everything added; a repeated id is an error
/// naming both places.
///
/// # Examples
///
/// ```
/// use newsgraph::Gazetteer;
///
/// let extra = "id\tkind\tname\taliases\tattributes\n\
///              org:acme\torg/company\tAcme Corp\tAcme\tcountry=US\n";
/// let gaz = Gazetteer::builder().add_str("mine.tsv", extra)?.build()?;
/// assert!(gaz.get("org:acme").is_some());
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct GazetteerBuilder {
    entries: Vec<Entry>,
    ids: FxHashMap<EntityId, usize>,
}

impl GazetteerBuilder {
    /// An empty builder (no default gazetteers).
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Adds the embedded default gazetteers.
    ///
    /// # Errors
    ///
    /// As [`add_str`](Self::add_str); the embedded files are tested.
    pub fn add_defaults(&mut self) -> Result<&mut Self, Error> {
        // The files are parsed on threads of their own (the largest in two
        // halves), which halves start-up on two cores, then added in order.
        let mut parts: Vec<(&str, &str, usize, bool)> = Vec::new();
        for &(name, text) in defaults::FILES {
            match split_half(text) {
                Some((head, tail, tail_line)) => {
                    parts.push((name, head, 1, false));
                    parts.push((name, tail, tail_line, true));
                }
                None => parts.push((name, text, 1, false)),
            }
        }
        let parsed: Vec<Result<Vec<Entry>, Error>> = std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .iter()
                .map(|&(name, text, line, header)| {
                    scope.spawn(move || parse::parse_part(name, text, line, header))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(Error::new(ErrorKind::Gazetteer, "a parser thread failed"))
                    })
                })
                .collect()
        });
        for entries in parsed {
            self.add_entries(entries?)?;
        }
        Ok(self)
    }

    /// Parses `text` as a gazetteer file named `source` in errors.
    ///
    /// # Errors
    ///
    /// A malformed line (column count, empty id/name/alias, unknown kind,
    /// attribute syntax) or an id already added, with `source:line` and the
    /// reason. Nothing of a failing file is added.
    pub fn add_str(&mut self, source: &str, text: &str) -> Result<&mut Self, Error> {
        self.add_entries(parse::parse(source, text)?)
    }

    /// Adds parsed entries, checking their ids; nothing is added on error.
    fn add_entries(&mut self, parsed: Vec<Entry>) -> Result<&mut Self, Error> {
        let mut seen: FxHashMap<&EntityId, usize> = FxHashMap::default();
        seen.reserve(parsed.len());
        for (i, e) in parsed.iter().enumerate() {
            let first = self
                .ids
                .get(&e.id)
                .map(|&j| &self.entries[j])
                .or_else(|| seen.get(&e.id).map(|&j| &parsed[j]));
            if let Some(first) = first {
                let why = if first.kind != e.kind {
                    format!(
                        "duplicate id {} with conflicting kind {} (first defined as {} at {})",
                        e.id, e.kind, first.kind, first.origin
                    )
                } else {
                    format!("duplicate id {} (first defined at {})", e.id, first.origin)
                };
                return Err(Error::at_origin(ErrorKind::Gazetteer, &e.origin, why));
            }
            seen.insert(&e.id, i);
        }
        self.ids.reserve(parsed.len());
        self.entries.reserve(parsed.len());
        for e in parsed {
            self.ids.insert(e.id.clone(), self.entries.len());
            self.entries.push(e);
        }
        Ok(self)
    }

    /// Reads and adds a gazetteer file.
    ///
    /// # Errors
    ///
    /// The file cannot be read or is not UTF-8 (with the byte offset), or
    /// any error of [`add_str`](Self::add_str).
    pub fn add_path(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, Error> {
        let path = path.as_ref();
        let text = read_text(path, Utf8Policy::Strict)?;
        self.add_str(&path.display().to_string(), &text)
    }

    /// Adds every entry of `other`, checking ids as [`add_str`](Self::add_str) does.
    ///
    /// # Errors
    ///
    /// An id of `other` already added here.
    pub fn merge(&mut self, other: &GazetteerBuilder) -> Result<&mut Self, Error> {
        for e in &other.entries {
            if let Some(&j) = self.ids.get(&e.id) {
                let first = &self.entries[j];
                return Err(Error::at_origin(
                    ErrorKind::Gazetteer,
                    &e.origin,
                    format!("duplicate id {} (first defined at {})", e.id, first.origin),
                ));
            }
            self.ids.insert(e.id.clone(), self.entries.len());
            self.entries.push(e.clone());
        }
        Ok(self)
    }

    /// Compiles everything added into a [`Gazetteer`].
    ///
    /// # Errors
    ///
    /// More than [`MAX_FORMS`](super::MAX_FORMS) distinct forms.
    pub fn build(&self) -> Result<Gazetteer, Error> {
        compile(self.entries.clone(), self.ids.clone())
    }

    /// Compiles everything added into a [`Gazetteer`], like
    /// [`build`](Self::build), without copying the entries.
    ///
    /// # Errors
    ///
    /// More than [`MAX_FORMS`](super::MAX_FORMS) distinct forms.
    pub fn finish(self) -> Result<Gazetteer, Error> {
        compile(self.entries, self.ids)
    }
}

/// A large file cut in two at a line break near its middle, after the
/// header: the two halves and the first line number of the second. `None`
/// for files too small to be worth a thread more.
fn split_half(text: &str) -> Option<(&str, &str, usize)> {
    if text.len() < 1 << 20 {
        return None;
    }
    let mut mid = text.len() / 2;
    while !text.is_char_boundary(mid) {
        mid += 1;
    }
    let cut = mid + text[mid..].find('\n')? + 1;
    let (head, tail) = text.split_at(cut);
    // The header must be in the first half.
    if !head.contains(parse::HEADER) {
        return None;
    }
    Some((head, tail, head.matches('\n').count() + 1))
}
