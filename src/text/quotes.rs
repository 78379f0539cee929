//! Quotations: the token ranges that quotation marks enclose.

use super::{Shape, Token};

/// Quotation mark tokens: opening, closing, or either (straight quotes).
fn quote_mark(s: &str) -> Option<Option<bool>> {
    match s {
        "\u{201C}" | "\u{201E}" | "\u{00AB}" | "``" => Some(Some(true)),
        "\u{201D}" | "\u{00BB}" | "''" => Some(Some(false)),
        "\"" => Some(None),
        _ => None,
    }
}

/// Pairs quotation marks into token ranges (marks included), in order and
/// disjoint. A quotation left open at the end
/// of a paragraph ends there (news style for quotes that run on).
pub fn find_quotes(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if let Some(o) = open {
            if t.line_start && i > o + 1 {
                out.push((o, i));
                open = None;
            }
        }
        let Some(mark) = quote_mark(&text[t.span.range()]) else {
            continue;
        };
        match (open, mark) {
            (Some(o), Some(false) | None) => {
                out.push((o, i + 1));
                open = None;
            }
            (Some(o), Some(true)) => {
                out.push((o, i));
                open = Some(i);
            }
            (None, Some(true) | None) => open = Some(i),
            (None, Some(false)) => {}
        }
    }
    if let Some(o) = open {
        out.push((o, tokens.len()));
    }
    // Keep quotations with at least one word.
    out.retain(|&(a, b)| tokens[a..b].iter().any(|t| t.shape != Shape::Punct));
    out
}
