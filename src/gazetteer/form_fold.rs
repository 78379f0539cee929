//! Folding gazetteer forms as document text is folded (typographic
//! variants, single spaces), and the key a folded form is stored under.
//!
//! The same folding must run on forms and on text (`text::fold_char` is the
//! shared piece); this module knows nothing else.

use crate::text::fold_char;

/// Folds a form like document text: typographic variants, single spaces.
pub(super) fn fold_form(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    fold_form_into(form, &mut out);
    out
}

/// [`fold_form`] into a buffer.
pub(super) fn fold_form_into(form: &str, out: &mut String) {
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
pub(super) fn pattern_key(folded: &str) -> String {
    folded.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
