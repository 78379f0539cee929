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

mod defaults;
mod entry;
mod forms;
mod parse;

use std::path::Path;

pub(crate) use forms::Forms;

pub use entry::{Alias, CasePolicy, Entry, Role};
pub use parse::{MAX_ALIASES, MAX_ALIAS_BYTES};

use crate::error::{Error, ErrorKind};
use crate::group::group_by_key;
use crate::input::{read_text, Utf8Policy};
use crate::model::{EntityId, EntityKind};
use crate::text::fold_char;
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
pub(crate) struct Target {
    pub entry: u32,
    /// The folded form, in gazetteer case, for the case policy check: a
    /// range of the gazetteer's spellings ([`Target::form`]).
    form: (u32, u32),
    pub policy: CasePolicy,
    pub form_kind: FormKind,
}

impl Target {
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
/// let kerry = gaz.lookup("Kerry");
/// assert_eq!(kerry[0].name(), "John Kerry");
/// assert_eq!(kerry[0].kind(), EntityKind::Person);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: FxHashMap<EntityId, usize>,
    forms: Forms,
    /// The forms as written, back to back ([`Target::form`]).
    spelled: String,
    /// Per pattern, where the `targets` it names start; one more at the end.
    target_starts: Vec<u32>,
    targets: Vec<Target>,
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
    pub fn lookup(&self, form: &str) -> Vec<&Entry> {
        let key = pattern_key(&fold_form(form));
        let mut out: Vec<&Entry> = Vec::new();
        if let Some(p) = self.forms.get(key.as_bytes()) {
            // A form's targets are in entry order, so an entry named twice
            // by it (name and alias) is named by neighbours: comparing with
            // the last one keeps a form shared by 200,000 entries linear.
            let mut last = None;
            for t in self.targets_of(p as usize) {
                if last != Some(t.entry) {
                    out.push(&self.entries[t.entry as usize]);
                    last = Some(t.entry);
                }
            }
        }
        out
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
    pub(crate) fn target_form(&self, target: &Target) -> &str {
        target.form(&self.spelled)
    }

    pub(crate) fn targets_of(&self, pattern: usize) -> &[Target] {
        &self.targets
            [self.target_starts[pattern] as usize..self.target_starts[pattern + 1] as usize]
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
                return Err(Error::new(
                    ErrorKind::Gazetteer,
                    format!("{}: {why}", e.origin),
                ));
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
    /// More than [`MAX_FORMS`] distinct forms.
    pub fn build(&self) -> Result<Gazetteer, Error> {
        compile(self.entries.clone(), self.ids.clone())
    }

    /// Compiles everything added into a [`Gazetteer`], like
    /// [`build`](Self::build), without copying the entries.
    ///
    /// # Errors
    ///
    /// More than [`MAX_FORMS`] distinct forms.
    pub fn finish(self) -> Result<Gazetteer, Error> {
        compile(self.entries, self.ids)
    }
}

/// No target: the end of a list in [`compile_forms`].
const NONE: u32 = u32::MAX;

/// Compiles `entries`, with `by_id` the index of their ids (the builder's).
fn compile(mut entries: Vec<Entry>, by_id: FxHashMap<EntityId, usize>) -> Result<Gazetteer, Error> {
    // What roles refer to and the facts need only the entries: they are
    // found on a thread of their own while the forms are compiled.
    let (forms, (of_ids, facts)) = std::thread::scope(|scope| {
        let side = scope.spawn(|| {
            let facts = entries.iter().map(Facts::of).collect();
            (role_targets(&entries), facts)
        });
        let forms = compile_forms(&entries);
        let side = side
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (forms, side)
    });
    let Compiled {
        forms,
        spelled,
        target_starts,
        targets,
    } = forms?;
    let roles = entries.iter_mut().flat_map(|e| &mut e.roles);
    for (role, of_id) in roles.zip(of_ids) {
        role.of_id = of_id;
    }
    Ok(Gazetteer {
        facts,
        entries,
        by_id,
        forms,
        spelled,
        target_starts,
        targets,
    })
}

/// The compiled forms of a gazetteer's entries (see [`Gazetteer`]'s fields
/// of the same names).
struct Compiled {
    forms: Forms,
    spelled: String,
    target_starts: Vec<u32>,
    targets: Vec<Target>,
}

fn compile_forms(entries: &[Entry]) -> Result<Compiled, Error> {
    let mut keys = forms::FormKeys::with_capacity(entries.len() * 4);
    // Every (form, target) in the order found; per target the one found
    // before it for the same form, and per form the last one: a list per
    // form without an allocation per form (there are 160,000).
    let mut found: Vec<(u32, Target)> = Vec::with_capacity(entries.len() * 4);
    let mut before: Vec<u32> = Vec::with_capacity(entries.len() * 4);
    let mut last: Vec<u32> = Vec::with_capacity(entries.len() * 4);
    // The forms as written, back to back; targets point into it.
    let mut spelled = String::with_capacity(entries.len() * 40);
    let (mut folded, mut key) = (String::new(), String::new());
    for (i, e) in entries.iter().enumerate() {
        let forms = std::iter::once((e.name.as_str(), e.name_policy, FormKind::Name))
            .chain(
                e.aliases
                    .iter()
                    .map(|a| (a.form.as_str(), a.policy, FormKind::Name)),
            )
            .chain(demonyms(e).map(|d| (d, CasePolicy::Capitals, FormKind::Demonym)));
        for (form, policy, form_kind) in forms {
            fold_form_into(form, &mut folded);
            if folded.is_empty() {
                continue;
            }
            key.clear();
            key.push_str(&folded);
            key.make_ascii_lowercase();
            let (p, new) = keys.form_or_insert(&key);
            if new {
                if last.len() >= MAX_FORMS {
                    return Err(Error::new(
                        ErrorKind::Limit,
                        format!("more than {MAX_FORMS} distinct gazetteer forms"),
                    ));
                }
                last.push(NONE);
            }
            // Only this entry's targets can be the same, and they are the
            // last ones of the form: a form that 100,000 entries share
            // costs linear, not quadratic, time.
            let mut at = last[p as usize];
            let mut same = false;
            while at != NONE && found[at as usize].1.entry == i as u32 {
                let t = &found[at as usize].1;
                if t.form_kind == form_kind && t.form(&spelled) == folded {
                    same = true;
                    break;
                }
                at = before[at as usize];
            }
            if !same {
                let start = spelled.len() as u32;
                spelled.push_str(&folded);
                before.push(last[p as usize]);
                last[p as usize] = found.len() as u32;
                found.push((
                    p,
                    Target {
                        entry: i as u32,
                        form: (start, folded.len() as u32),
                        policy,
                        form_kind,
                    },
                ));
            }
        }
    }
    drop((before, last));
    // The targets grouped by form, in the order found within a form.
    let (target_starts, targets) = group_by_key(keys.len(), found);
    for t in &targets {
        keys.add_spelling(t.form(&spelled));
    }
    Ok(Compiled {
        forms: keys.compile()?,
        spelled,
        target_starts,
        targets,
    })
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
    fold_form_into(form, &mut out);
    out
}

/// [`fold_form`] into a buffer.
fn fold_form_into(form: &str, out: &mut String) {
    out.clear();
    // Most forms are ASCII words with single spaces between them: nothing
    // to fold.
    let b = form.as_bytes();
    let plain = |i: usize, &c: &u8| {
        c.is_ascii_graphic() || (c == b' ' && i > 0 && i + 1 < b.len() && b[i + 1] != b' ')
    };
    if b.iter().enumerate().all(|(i, c)| plain(i, c)) {
        out.push_str(form);
    } else {
        fold_chars_into(form, out);
    }
}

/// [`fold_form_into`] char by char, for any form.
fn fold_chars_into(form: &str, out: &mut String) {
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
}

/// The table's key for a folded form: ASCII-lowercased.
fn pattern_key(folded: &str) -> String {
    folded.to_ascii_lowercase()
}

/// What each role of `entries` refers to, in order (entry by entry, role
/// by role): for its `of`, an ISO code's `country:XX`, otherwise the first
/// place or organisation with that name or alias.
fn role_targets(entries: &[Entry]) -> Vec<Option<EntityId>> {
    let roles = || entries.iter().flat_map(|e| &e.roles);
    // The names roles refer to, lower-cased, and the first place or
    // organisation with each.
    let mut names: FxHashMap<String, Option<EntityId>> = roles()
        .filter_map(|r| r.of.as_deref())
        .map(|of| (of.to_lowercase(), None))
        .collect();
    if names.is_empty() {
        return roles().map(|_| None).collect();
    }
    let mut lower = String::new();
    for e in entries.iter().filter(|e| e.kind != EntityKind::Person) {
        for form in
            std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(|a| a.form.as_str()))
        {
            lower.clear();
            if form.is_ascii() {
                lower.push_str(form);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(form.chars().flat_map(char::to_lowercase));
            }
            if let Some(slot @ None) = names.get_mut(lower.as_str()) {
                *slot = Some(e.id.clone());
            }
        }
    }
    let countries: std::collections::HashSet<&str> = entries
        .iter()
        .filter_map(|e| e.id.as_str().strip_prefix("country:"))
        .collect();
    roles()
        .map(|role| {
            let of = role.of.as_deref()?;
            if of.len() <= 3 && of.bytes().all(|b| b.is_ascii_uppercase()) && countries.contains(of)
            {
                Some(EntityId::new(format!("country:{of}")))
            } else {
                names.get(&of.to_lowercase()).cloned().flatten()
            }
        })
        .collect()
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

    proptest::proptest! {
        #[test]
        fn plain_forms_fold_to_themselves(s in "[ a-zA-Z.'\t\u{a0}\u{2019}-]{0,12}") {
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_form_into(&s, &mut fast);
            fold_chars_into(&s, &mut slow);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Gazetteer>();
    }
}
