//! Acronyms: "Center for Strategic Trend Studies (CSTS)" makes CSTS a name
//! of that entity wherever it appears in the document; and an acronym in
//! brackets after a name no list knows ("the Party of Democratic Action
//! (SDA)", "the National Bank of Romania (BNR)") is an organisation, named
//! by its acronym, with the name before it where that name is free.
//!
//! Knows tokens and the mentions resolved so far; nothing of relations.

use rustc_hash::FxHashMap;

use super::{guessed_name, lexicon, Referent, Resolved, ResolverInput};
use crate::model::{EntityKind, MentionKind};
use crate::text::Shape;

/// Words between the capitalised words of an organisation's name.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "de", "du", "des", "la", "le", "&",
];

/// The acronyms of a document, then their mentions.
pub(super) fn corefer_acronyms(
    input: &ResolverInput<'_>,
    taken: &mut [bool],
    out: &mut Vec<Resolved>,
) {
    let tokens = input.tokens;
    let n = tokens.len();
    let word = |i: usize| &input.text[tokens[i].span];
    let mut acronyms: FxHashMap<&str, Referent> = FxHashMap::default();
    for r in out.iter() {
        let (s, e) = r.tokens;
        if r.kind != MentionKind::Name || e - s < 2 || e + 2 >= n {
            continue;
        }
        if word(e) == "(" && word(e + 2) == ")" && tokens[e + 1].shape == Shape::AllCaps {
            let acr = word(e + 1);
            let initials: String = (s..e)
                .filter(|&k| tokens[k].is_upper_initial())
                .filter_map(|k| word(k).chars().next())
                .collect();
            if acr.len() >= 2 && acr.chars().next() == initials.chars().next() {
                acronyms.insert(acr, r.target.clone());
            }
        }
    }
    // "( BNR )" after a name of two capitalised words or more: an
    // organisation no list knows, its letters among the name's initials
    // (names are often translated: "Party of Democratic Action (SDA)"
    // shares two).
    let mut added = Vec::new();
    for i in 1..n.saturating_sub(1) {
        let acr = word(i);
        if taken[i]
            || tokens[i].shape != Shape::AllCaps
            || !(2..=6).contains(&acr.len())
            || !acr.bytes().all(|b| b.is_ascii_uppercase())
            || word(i - 1) != "("
            || word(i + 1) != ")"
            || acronyms.contains_key(acr)
        {
            continue;
        }
        // The name before the bracket, back to its first capitalised word.
        let mut s = i - 1;
        let mut capitals = Vec::new();
        while s > 0 {
            let k = s - 1;
            let w = word(k);
            if tokens[k].is_upper_initial() && lexicon::lists_of(w) & lexicon::list::NOT_NAMES == 0
            {
                capitals.push(w.as_bytes()[0]);
            } else if !CONNECTORS.contains(&w) || capitals.is_empty() {
                break;
            }
            s = k;
            if tokens[k].line_start {
                break;
            }
        }
        while s < i - 1 && !tokens[s].is_upper_initial() {
            s += 1;
        }
        let shared = acr.bytes().filter(|b| capitals.contains(b)).count();
        if capitals.len() < 2 || shared < 2.min(acr.len()) {
            continue;
        }
        // One entity, named by the name before the bracket where no
        // other mention holds it, else by the acronym.
        let free_name = (s..i - 1).all(|k| !taken[k]) && i - 1 - s >= 2;
        let name = if free_name {
            guessed_name(input.text, tokens, (s, i - 1), "guess/acronym")
        } else {
            acr.to_string()
        };
        // A name already resolved (a guessed organisation, say) is the
        // acronym's entity.
        let named = out
            .iter()
            .find(|r| r.tokens == (s, i - 1) && r.kind == MentionKind::Name)
            .map(|r| r.target.clone());
        let referent = named.unwrap_or(Referent::Guess(EntityKind::Organisation, name));
        if free_name {
            added.push(((s, i - 1), referent.clone()));
        }
        added.push(((i, i + 1), referent.clone()));
        acronyms.insert(acr, referent);
    }
    for ((s, e), target) in added {
        if taken[s..e].iter().any(|&t| t) {
            continue;
        }
        taken[s..e].iter_mut().for_each(|t| *t = true);
        out.push(Resolved {
            tokens: (s, e),
            target,
            kind: MentionKind::Name,
            rule: "guess/acronym",
        });
    }
    for (i, t) in tokens.iter().enumerate() {
        if taken[i] || t.shape != Shape::AllCaps {
            continue;
        }
        if let Some(target) = acronyms.get(word(i)) {
            taken[i] = true;
            out.push(Resolved {
                tokens: (i, i + 1),
                target: target.clone(),
                kind: MentionKind::Name,
                rule: "coref/acronym",
            });
        }
    }
}
