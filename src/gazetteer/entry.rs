//! Gazetteer entries: ids, kinds, names, aliases, attributes and roles.

use crate::model::{EntityId, EntityKind};

/// How an alias must be written in the text to match.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CasePolicy {
    /// Every letter upper case in the alias is upper case in the text; the
    /// rest may be any case ("Kerry" matches "KERRY", not "kerry").
    Capitals,
    /// Exactly as written, and never inside an all-caps line (`=IS`, `=US`).
    Exact,
    /// Like `Capitals`, but the form is also a common word or name: accepted
    /// only with evidence in the document (`~May`, `~Split`).
    Weak,
}

/// An alias of an entry with its case policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The surface form as written in the gazetteer (markers removed).
    pub form: String,
    /// How it must be written in the text.
    pub policy: CasePolicy,
}

/// A role a person holds: "Secretary of State" of the United States from
/// 2013-02-01 to 2017-01-20.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The title as news writes it: "Foreign Minister".
    pub title: String,
    /// Whose role it is, as written in the gazetteer: "US", "United Nations".
    pub of: Option<String>,
    /// The id `of` resolves to in the loaded gazetteers, if it does.
    pub of_id: Option<EntityId>,
    /// Start date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), if known.
    pub from: Option<String>,
    /// End date, if the role has ended and the date is known.
    pub to: Option<String>,
}

impl Role {
    /// Whether the role was held on `date` (`YYYY-MM-DD`; shorter dates
    /// compare by their prefix).
    ///
    /// # Examples
    ///
    /// ```
    /// use newsgraph::Role;
    ///
    /// let role = Role { title: "Secretary of State".into(), of: Some("US".into()), of_id: None,
    ///                   from: Some("2013-02-01".into()), to: Some("2017-01-20".into()) };
    /// assert!(role.covers("2016-02-11"));
    /// assert!(!role.covers("2017-06-01"));
    /// ```
    pub fn covers(&self, date: &str) -> bool {
        let after_start = self
            .from
            .as_deref()
            .is_none_or(|f| date_cmp(f, date).is_le());
        let before_end = self.to.as_deref().is_none_or(|t| date_cmp(date, t).is_le());
        after_start && before_end
    }
}

/// Compares two dates of possibly different precision on their common prefix.
fn date_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let n = a.len().min(b.len());
    a[..n].cmp(&b[..n])
}

/// One gazetteer entry.
#[derive(Clone, Debug)]
pub struct Entry {
    pub(crate) id: EntityId,
    pub(crate) kind: EntityKind,
    pub(crate) subkind: Option<String>,
    pub(crate) name: String,
    /// Case policy of the name itself (a marked alias repeating the name sets it).
    pub(crate) name_policy: CasePolicy,
    pub(crate) aliases: Vec<Alias>,
    pub(crate) attributes: Vec<(String, String)>,
    pub(crate) roles: Vec<Role>,
    pub(crate) priority: i32,
    /// The `population` attribute, read once (0 when absent or not a number).
    pub(crate) population: u64,
    /// `file:line` the entry came from.
    pub(crate) origin: String,
}

impl Entry {
    /// The entry's id.
    pub fn id(&self) -> &EntityId {
        &self.id
    }

    /// Person, place or organisation.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }

    /// The subkind after the slash in the kind column: `city`, `country`, `armed`…
    pub fn subkind(&self) -> Option<&str> {
        self.subkind.as_deref()
    }

    /// The canonical name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The aliases, without the canonical name.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// The value of attribute `key` (the first, if it is repeated).
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// All attributes in file order.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attributes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The roles of a person.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// Priority among entries sharing a form (higher wins).
    pub fn priority(&self) -> i32 {
        self.priority
    }

    /// Population of a place, when the gazetteer gives it.
    pub fn population(&self) -> u64 {
        self.population
    }

    /// Where the entry was defined: `file:line`.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}
