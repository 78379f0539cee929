//! Compiling a gazetteer: every entry's name, aliases and demonyms folded
//! into the table of forms, with the entries each form may name, and what
//! each role's `of` refers to.
//!
//! The order of the targets of a form is the order found (entry by entry,
//! name, aliases, demonyms), which lookups and the resolver rely on. This
//! module knows entries and forms; not documents, not the matcher.

use super::form_fold::fold_form_into;
use super::forms::{self, Forms};
use super::{CasePolicy, Entry, Facts, FormKind, FormTarget, Gazetteer, MAX_FORMS};
use crate::error::{Error, ErrorKind};
use crate::group::group_by_key;
use crate::model::{EntityId, EntityKind};
use rustc_hash::FxHashMap;

/// No target: the end of a list in [`compile_forms`].
const NONE: u32 = u32::MAX;

/// Compiles `entries`, with `by_id` the index of their ids (the builder's).
pub(super) fn compile(
    mut entries: Vec<Entry>,
    by_id: FxHashMap<EntityId, usize>,
) -> Result<Gazetteer, Error> {
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
    targets: Vec<FormTarget>,
}

/// The table of forms of `entries` and the targets of each form.
fn compile_forms(entries: &[Entry]) -> Result<Compiled, Error> {
    let mut keys = forms::FormKeys::with_capacity(entries.len() * 4);
    // Every (form, target) in the order found; per target the one found
    // before it for the same form, and per form the last one: a list per
    // form without an allocation per form (there are 160,000).
    let mut found: Vec<(u32, FormTarget)> = Vec::with_capacity(entries.len() * 4);
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
                    FormTarget {
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

/// The demonyms of `e` (its `demonyms` attribute, `|`-separated).
fn demonyms(e: &Entry) -> impl Iterator<Item = &str> {
    e.attribute("demonyms")
        .into_iter()
        .flat_map(|v| v.split('|'))
        .map(str::trim)
        .filter(|d| !d.is_empty())
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
