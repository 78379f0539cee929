//! Layer 2, gazetteers: entries loaded from TSV and compiled into one
//! Aho-Corasick automaton.
//!
//! A [`Gazetteer`] maps every surface form (names, aliases, demonyms) to the
//! entries it may name. Forms are folded the same way as document text
//! (curly quotes, dashes, odd spaces) and compiled ASCII-case-insensitively;
//! whether a hit is written in an acceptable case is decided per alias by its
//! [`CasePolicy`] in the matcher. This module knows nothing of documents.

mod defaults;
mod entry;
mod parse;

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

pub use entry::{Alias, CasePolicy, EntityId, EntityKind, Entry, Role};
pub use parse::MAX_ALIAS_BYTES;

use crate::error::{Error, ErrorKind};
use crate::input::{read_text, Utf8Policy};
use crate::text::fold_char;

/// Most surface forms one gazetteer may compile (a documented limit).
pub const MAX_FORMS: usize = 5_000_000;

/// Whether a form names the entity or is its demonym ("Russian").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum FormKind {
    Name,
    Demonym,
}

/// One entry a compiled pattern may name, with the form as written.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub entry: u32,
    /// The folded form, in gazetteer case, for the case policy check.
    pub form: Box<str>,
    pub policy: CasePolicy,
    pub form_kind: FormKind,
}

/// Compiled gazetteers: entries plus the automaton over all their forms.
///
/// `Gazetteer` is `Send + Sync`; build it once and share it.
///
/// # Examples
///
/// ```
/// use newsgraph::{EntityKind, Gazetteer};
///
/// let tsv = "id\tkind\tname\taliases\tattributes\n\
///            person:john-kerry\tperson\tJohn Kerry\tJohn F. Kerry|Kerry\t\n";
/// let gaz = Gazetteer::builder().add_str("people.tsv", tsv)?.build()?;
/// let kerry = gaz.lookup("Kerry");
/// assert_eq!(kerry[0].name(), "John Kerry");
/// assert_eq!(kerry[0].kind(), EntityKind::Person);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<EntityId, u32>,
    automaton: AhoCorasick,
    /// Per pattern, the range of `targets` it names.
    pattern_targets: Vec<(u32, u32)>,
    targets: Vec<Target>,
}

impl Gazetteer {
    /// A builder to load gazetteer files.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::new()
    }

    /// The embedded default gazetteers, compiled.
    ///
    /// # Errors
    ///
    /// Only if the embedded data is malformed, which a test rules out.
    pub fn defaults() -> Result<Gazetteer, Error> {
        GazetteerBuilder::new().add_defaults()?.build()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct compiled forms (automaton patterns).
    pub fn form_count(&self) -> usize {
        self.pattern_targets.len()
    }

    /// All entries in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id
            .get(&EntityId::new(id))
            .map(|&i| &self.entries[i as usize])
    }

    /// Entries whose name, alias or demonym is `form` (ignoring case).
    pub fn lookup(&self, form: &str) -> Vec<&Entry> {
        let key = pattern_key(&fold_form(form));
        let mut out: Vec<&Entry> = Vec::new();
        for m in self.automaton.find_iter(key.as_str()) {
            if m.start() == 0 && m.end() == key.len() {
                for t in self.targets_of(m.pattern().as_usize()) {
                    let e = &self.entries[t.entry as usize];
                    if !out.iter().any(|x| x.id == e.id) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    pub(crate) fn automaton(&self) -> &AhoCorasick {
        &self.automaton
    }

    pub(crate) fn targets_of(&self, pattern: usize) -> &[Target] {
        let (start, len) = self.pattern_targets[pattern];
        &self.targets[start as usize..(start + len) as usize]
    }

    pub(crate) fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }
}

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
    ids: HashMap<EntityId, usize>,
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
        for (name, text) in defaults::FILES {
            self.add_str(name, text)?;
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
        let parsed = parse::parse(source, text)?;
        let mut seen: HashMap<&EntityId, usize> = HashMap::new();
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
                return Err(Error::new(
                    ErrorKind::Gazetteer,
                    format!("{}: {why}", e.origin),
                ));
            }
            seen.insert(&e.id, i);
        }
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
                return Err(Error::new(
                    ErrorKind::Gazetteer,
                    format!(
                        "{}: duplicate id {} (first defined at {})",
                        e.origin, e.id, first.origin
                    ),
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
    /// More than [`MAX_FORMS`] distinct forms, or an automaton the
    /// aho-corasick crate refuses to build.
    pub fn build(&self) -> Result<Gazetteer, Error> {
        let mut entries = self.entries.clone();
        resolve_roles(&mut entries);
        let mut keys: HashMap<String, u32> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut per_pattern: Vec<Vec<Target>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let forms = std::iter::once((e.name.as_str(), e.name_policy, FormKind::Name))
                .chain(
                    e.aliases
                        .iter()
                        .map(|a| (a.form.as_str(), a.policy, FormKind::Name)),
                )
                .chain(demonyms(e).map(|d| (d, CasePolicy::Capitals, FormKind::Demonym)));
            for (form, policy, form_kind) in forms {
                let folded = fold_form(form);
                if folded.is_empty() {
                    continue;
                }
                let key = pattern_key(&folded);
                let p = match keys.get(&key) {
                    Some(&p) => p,
                    None => {
                        if patterns.len() >= MAX_FORMS {
                            return Err(Error::new(
                                ErrorKind::Limit,
                                format!("more than {MAX_FORMS} distinct gazetteer forms"),
                            ));
                        }
                        let p = patterns.len() as u32;
                        keys.insert(key.clone(), p);
                        patterns.push(key);
                        per_pattern.push(Vec::new());
                        p
                    }
                };
                let list = &mut per_pattern[p as usize];
                if !list
                    .iter()
                    .any(|t| t.entry == i as u32 && *t.form == *folded && t.form_kind == form_kind)
                {
                    list.push(Target {
                        entry: i as u32,
                        form: folded.into_boxed_str(),
                        policy,
                        form_kind,
                    });
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(aho_corasick::StartKind::Both)
            .build(&patterns)
            .map_err(|e| {
                Error::new(
                    ErrorKind::Limit,
                    format!("cannot compile {} gazetteer forms: {e}", patterns.len()),
                )
            })?;
        let mut targets = Vec::with_capacity(per_pattern.iter().map(Vec::len).sum());
        let mut pattern_targets = Vec::with_capacity(per_pattern.len());
        for list in per_pattern {
            pattern_targets.push((targets.len() as u32, list.len() as u32));
            targets.extend(list);
        }
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i as u32))
            .collect();
        Ok(Gazetteer {
            entries,
            by_id,
            automaton,
            pattern_targets,
            targets,
        })
    }
}

fn demonyms(e: &Entry) -> impl Iterator<Item = &str> {
    e.attribute("demonyms")
        .into_iter()
        .flat_map(|v| v.split('|'))
        .map(str::trim)
        .filter(|d| !d.is_empty())
}

/// Folds a form like document text: typographic variants, single spaces.
pub(crate) fn fold_form(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    let mut space = false;
    for c in form.chars() {
        let c = fold_char(c).map(char::from).unwrap_or(c);
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The automaton's key for a folded form: ASCII-lowercased.
fn pattern_key(folded: &str) -> String {
    folded.to_ascii_lowercase()
}

/// Resolves each role's `of` to an entry id: an ISO code to `country:XX`,
/// otherwise a name or alias of a place or organisation.
fn resolve_roles(entries: &mut [Entry]) {
    let mut names: HashMap<String, EntityId> = HashMap::new();
    for e in entries.iter().filter(|e| e.kind != EntityKind::Person) {
        for form in
            std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(|a| a.form.as_str()))
        {
            names
                .entry(form.to_lowercase())
                .or_insert_with(|| e.id.clone());
        }
    }
    let ids: std::collections::HashSet<EntityId> = entries.iter().map(|e| e.id.clone()).collect();
    for e in entries.iter_mut() {
        for role in &mut e.roles {
            let Some(of) = role.of.as_deref() else {
                continue;
            };
            let code = EntityId::new(format!("country:{of}"));
            role.of_id = if of.len() <= 3
                && of.bytes().all(|b| b.is_ascii_uppercase())
                && ids.contains(&code)
            {
                Some(code)
            } else {
                names.get(&of.to_lowercase()).cloned()
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "id\tkind\tname\taliases\tattributes\n\
        country:RU\tplace/country\tRussia\tRussian Federation\tdemonyms=Russian|Russians\n\
        person:sergei-lavrov\tperson\tSergei Lavrov\tSergey Lavrov|Lavrov\trole=Foreign Minister@RU@2004-03-09/\n";

    #[test]
    fn lookup_and_roles() {
        let g = Gazetteer::builder()
            .add_str("t.tsv", TSV)
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g.lookup("russians")[0].name(), "Russia");
        let lavrov = g.get("person:sergei-lavrov").unwrap();
        assert_eq!(
            lavrov.roles()[0].of_id.as_ref().map(EntityId::as_str),
            Some("country:RU")
        );
    }

    #[test]
    fn duplicate_ids() {
        let dup = "id\tkind\tname\taliases\tattributes\ncountry:RU\torg\tRussia Inc\t\t\n";
        let err = Gazetteer::builder()
            .add_str("a.tsv", TSV)
            .unwrap()
            .add_str("b.tsv", dup)
            .unwrap_err();
        assert_eq!(err.to_string(), "b.tsv:2: duplicate id country:RU with conflicting kind ORG (first defined as PLACE at a.tsv:2)");
        let same = "id\tkind\tname\taliases\tattributes\nx\tperson\tA\t\t\nx\tperson\tB\t\t\n";
        let err = Gazetteer::builder().add_str("c.tsv", same).unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.tsv:3: duplicate id x (first defined at c.tsv:2)"
        );
    }

    #[test]
    fn folding_forms() {
        assert_eq!(
            fold_form("  Côte d\u{2019}Ivoire\u{00A0} "),
            "Côte d'Ivoire"
        );
    }

    #[test]
    fn send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Gazetteer>();
    }
}
