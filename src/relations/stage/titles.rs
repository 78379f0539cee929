//! Role titles as text: their words for comparing two titles ("Foreign
//! Minister" and "minister of foreign affairs" share "foreign" and
//! "minister"), and the title case a captured role is written in.
//!
//! Plain functions of strings; they know nothing of rules or relations.

use rustc_hash::FxHashSet;

/// The lower-cased words of a title, without function words.
pub(super) fn title_words(title: &str) -> FxHashSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "the" | "for" | "and" | "to"))
        .map(str::to_lowercase)
        .collect()
}

/// "national reconciliation minister" → "National Reconciliation Minister";
/// function words stay lower case, abbreviations and capitals are kept.
pub(super) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && matches!(w, "of" | "the" | "for" | "and" | "to" | "on" | "at") {
            out.push_str(w);
            continue;
        }
        let mut chars = w.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            title_case("national reconciliation minister"),
            "National Reconciliation Minister"
        );
        assert_eq!(title_case("Secretary of State"), "Secretary of State");
        assert_eq!(title_case("Maj. Gen."), "Maj. Gen.");
        let w = title_words("Secretary of State");
        assert!(w.contains("secretary") && w.contains("state") && w.len() == 2);
    }
}
