//! Layer 2, gazetteers: entries loaded from TSV and compiled into one
//! Aho-Corasick automaton of forms.
//!
//! A [`Gazetteer`] maps every surface form (names, aliases, demonyms) to the
//! entries it may name. Forms are folded the same way as document text
//! (curly quotes, dashes, odd spaces) and keyed ASCII-case-insensitively;
//! whether a hit is written in an acceptable case is decided per alias by its
//! [`CasePolicy`] in the matcher. The automaton is searched anchored, from
//! the tokens that may start a form (`forms.rs` says how). This layer
//! knows nothing of documents nor of the matcher above it (whose
//! [`Gazetteer::find_all`] lives in `matcher.rs`).

mod builder;
mod compile;
mod defaults;
mod entry;
mod form_fold;
mod forms;
mod parse;

pub(crate) use forms::Forms;

pub use builder::GazetteerBuilder;
pub use entry::{Alias, CasePolicy, Entry, Role};
pub use parse::{MAX_ALIASES, MAX_ALIAS_BYTES};

use crate::error::Error;
use crate::model::{EntityId, EntityKind};
use form_fold::{fold_form, pattern_key};
use rustc_hash::FxHashMap;

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
pub(crate) struct FormTarget {
    pub entry: u32,
    /// The folded form, in gazetteer case, for the case policy check: a
    /// range of the gazetteer's spellings ([`FormTarget::form`]).
    form: (u32, u32),
    pub policy: CasePolicy,
    pub form_kind: FormKind,
}

impl FormTarget {
    /// The folded form, in gazetteer case, out of the gazetteer's spellings.
    pub fn form<'s>(&self, spelled: &'s str) -> &'s str {
        &spelled[self.form.0 as usize..(self.form.0 + self.form.1) as usize]
    }
}

/// Compiled gazetteers: entries plus the automaton of all their forms.
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
/// let kerry = gaz.lookup("Kerry").next().unwrap();
/// assert_eq!(kerry.name(), "John Kerry");
/// assert_eq!(kerry.kind(), EntityKind::Person);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: FxHashMap<EntityId, usize>,
    forms: Forms,
    /// The forms as written, back to back ([`FormTarget::form`]).
    spelled: String,
    /// Per pattern, where the `targets` it names start; one more at the end.
    target_starts: Vec<u32>,
    targets: Vec<FormTarget>,
    /// Per entry, what resolution asks of it, packed: see [`Facts`].
    facts: Vec<Facts>,
}

/// What the resolver asks of an entry for every candidate, kept apart from
/// the entries (a few hundred bytes each, with their strings elsewhere) in
/// twelve bytes: the candidates of a text hit entries at random, and these
/// stay in the cache where the entries do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Facts {
    pub kind: EntityKind,
    pub sub: Sub,
    pub priority: i32,
    /// The population, at most `u32::MAX`.
    pub population: u32,
}

/// An entry's subkind, as far as the resolver tells them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sub {
    None,
    City,
    /// `admin1` or `admin2`.
    Admin,
    Other,
}

impl Facts {
    /// The facts of `e`.
    fn of(e: &Entry) -> Facts {
        Facts {
            kind: e.kind(),
            sub: match e.subkind() {
                None => Sub::None,
                Some("city") => Sub::City,
                Some("admin1" | "admin2") => Sub::Admin,
                Some(_) => Sub::Other,
            },
            priority: e.priority(),
            population: u32::try_from(e.population()).unwrap_or(u32::MAX),
        }
    }
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

    /// Number of distinct compiled forms (ignoring ASCII case).
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    /// All entries in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Entries whose name, alias or demonym is `form` (ignoring case).
    pub fn lookup(&self, form: &str) -> impl Iterator<Item = &Entry> + '_ {
        let key = pattern_key(&fold_form(form));
        let targets = match self.forms.get(key.as_bytes()) {
            Some(p) => self.targets_of(p as usize),
            None => &[],
        };
        // A form's targets are in entry order, so an entry named twice by it
        // (name and alias) is named by neighbours: comparing with the last
        // one keeps a form shared by 200,000 entries linear.
        let mut last = None;
        targets.iter().filter_map(move |t| {
            let new = last != Some(t.entry);
            last = Some(t.entry);
            new.then(|| &self.entries[t.entry as usize])
        })
    }

    /// Every distinct form (name, alias or demonym), folded and
    /// ASCII-lower-cased, in the order first found.
    pub fn form_keys(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.forms.len() as u32).map(|f| self.forms.key(f))
    }

    pub(crate) fn forms(&self) -> &Forms {
        &self.forms
    }

    /// What resolution asks of entry `index`.
    #[inline]
    pub(crate) fn facts(&self, index: u32) -> Facts {
        self.facts[index as usize]
    }

    /// The form of `target` as written (folded).
    pub(crate) fn target_form(&self, target: &FormTarget) -> &str {
        target.form(&self.spelled)
    }

    pub(crate) fn targets_of(&self, pattern: usize) -> &[FormTarget] {
        &self.targets
            [self.target_starts[pattern] as usize..self.target_starts[pattern + 1] as usize]
    }

    pub(crate) fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
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
        assert_eq!(g.lookup("russians").next().unwrap().name(), "Russia");
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
    fn send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Gazetteer>();
    }
}
