//! Load-time checks of a parsed rule's captures: what a capture binds is
//! a non-empty span of units, a `quote` only quotations, and a required
//! capture is bound on every path through the pattern.
//!
//! They read the AST only; the matcher relies on them (and guards itself
//! too: a match that breaks them is dropped and counted).

use super::ast::{Atom, Item};

/// Whether `atom` can match without taking a unit (`BOS`, a look-ahead, a
/// group with an alternative of optional items).
fn nullable(atom: &Atom) -> bool {
    match atom {
        Atom::Bos | Atom::Eos | Atom::Not(_) => true,
        Atom::Group(alts) => alts
            .iter()
            .any(|seq| seq.iter().all(|i| i.min == 0 || nullable(&i.atom))),
        _ => false,
    }
}

/// The captures (a bit per index into
/// [`Rule::captures`](super::ast::Rule::captures)) that every match of
/// `seq` binds to at least one unit.
pub(super) fn always_binds(seq: &[Item]) -> u32 {
    seq.iter().fold(0, |acc, item| {
        if item.min == 0 {
            return acc;
        }
        let inner = match &item.atom {
            Atom::Group(alts) => alts
                .iter()
                .map(|a| always_binds(a))
                .fold(u32::MAX, |x, y| x & y),
            _ => 0,
        };
        let own = match item.capture {
            Some(c) if c < 32 && !nullable(&item.atom) => 1 << c,
            _ => 0,
        };
        acc | inner | own
    })
}

/// Whether every unit `atom` can take is a quotation.
fn quotes_only(atom: &Atom) -> bool {
    match atom {
        Atom::Quote => true,
        Atom::Group(alts) => alts.iter().flatten().all(|i| quotes_only(&i.atom)),
        _ => false,
    }
}

/// What a capture binds is a span of units: never empty, and for `quote`
/// only quotations. Captures inside a look-ahead bind nothing and are
/// allowed.
pub(super) fn check_captures(seq: &[Item], names: &[&'static str]) -> Result<(), String> {
    for item in seq {
        if let Some(c) = item.capture {
            let name = names.get(c).copied().unwrap_or("?");
            if nullable(&item.atom) {
                return Err(format!(
                    "capture `{name}` can match without taking a unit: capture an item that takes one"
                ));
            }
            if name == "quote" && !quotes_only(&item.atom) {
                return Err("capture `quote` may take only quotations (`QUOTE`)".into());
            }
        }
        if let Atom::Group(alts) = &item.atom {
            for alt in alts {
                check_captures(alt, names)?;
            }
        }
    }
    Ok(())
}
