//! Datelines: the place (and agency) that opens a news story.
//!
//! Recognised at the start of a line, in the folded text (dashes are `-`):
//!
//! - `MUNICH (Reuters) - ...`, `GENEVA - ...`, `MUNICH -- ...`
//! - `AL-AIN, United Arab Emirates (AP) - ...`
//! - `BRUSSELS 1996-08-22` (wire style: the place and the date alone on a line)
//!
//! The place must be written in capitals; a capitalised headline followed by a
//! dash is not a dateline.

use once_cell::sync::Lazy;
use regex::Regex;

use crate::model::Span;

/// A dateline found in the text. Spans are in the text given to [`find_datelines`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DatelineMatch {
    /// The whole dateline, up to and including the dash or the date.
    pub span: Span,
    /// The place in capitals: "MUNICH", "AL-AIN".
    pub place: Span,
    /// The region or country after a comma, if any: "United Arab Emirates".
    pub region: Option<Span>,
    /// The agency in brackets, if any: "Reuters".
    pub agency: Option<Span>,
}

const CAPS_WORDS: &str = r"[A-Z][A-Z.'\-]*[A-Z.](?:[ ][A-Z][A-Z.'\-]*[A-Z.]){0,3}";

// Both patterns are matched against one line at a time (see
// [`find_datelines`]), so `^` and `$` are the line's ends.
static DASHED: Lazy<Regex> = Lazy::new(|| {
    let pattern = format!(
        r"^[ \t]*(?P<place>{CAPS_WORDS})(?:,[ ]*(?P<region>[A-Z][A-Za-z.'\-]*(?:[ ](?:[A-Z][A-Za-z.'\-]*|of|and|the)){{0,4}}))?[ ]*(?:\((?P<agency>[A-Za-z][A-Za-z .&'\-]{{0,40}})\)[ ]*)?-{{1,3}}[ \t]"
    );
    Regex::new(&pattern).expect("dateline pattern is valid")
});

static WIRE: Lazy<Regex> = Lazy::new(|| {
    let pattern = format!(r"^[ \t]*(?P<place>{CAPS_WORDS})[ ]+\d{{4}}-\d{{2}}-\d{{2}}[ \t]*\r?$");
    Regex::new(&pattern).expect("wire dateline pattern is valid")
});

/// Every dateline in `text`, in order.
///
/// # Examples
///
/// ```
/// use newsgraph::text::find_datelines;
///
/// let text = "Kerry and Lavrov open talks\nMUNICH (Reuters) - The talks began.";
/// let found = find_datelines(text);
/// assert_eq!(&text[found[0].place], "MUNICH");
/// assert_eq!(&text[found[0].agency.unwrap()], "Reuters");
/// ```
pub fn find_datelines(text: &str) -> Vec<DatelineMatch> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let end = text[from..].find('\n').map_or(text.len(), |n| from + n);
        if may_open_dateline(&text.as_bytes()[from..end]) {
            datelines_in_line(text, from, end, &mut out);
        }
        from = end + 1;
    }
    out
}

/// Whether a line starts as both patterns do: blanks, then a capital and a
/// second character of a word in capitals. Most lines do not, and the
/// regexes are run only on those that do.
fn may_open_dateline(line: &[u8]) -> bool {
    let start = line.iter().position(|&b| b != b' ' && b != b'\t');
    match start.map(|i| &line[i..]) {
        Some([a, b, ..]) => {
            a.is_ascii_uppercase() && matches!(b, b'A'..=b'Z' | b'.' | b'\'' | b'-')
        }
        _ => false,
    }
}

/// The dateline of the line `text[start..end]`, if any, pushed to `out`
/// with spans in `text`.
fn datelines_in_line(text: &str, start: usize, end: usize, out: &mut Vec<DatelineMatch>) {
    let line = &text[start..end];
    let span_of = |m: regex::Match<'_>| Span::new(start + m.start(), start + m.end());
    // What each pattern cannot do without, checked before it runs: a
    // dashed dateline is a dash and a blank with a story after it in small
    // letters; a wire dateline ends its line with the date.
    let b = line.as_bytes();
    let dashed = b.iter().any(u8::is_ascii_lowercase)
        && b.windows(2)
            .any(|w| w[0] == b'-' && matches!(w[1], b' ' | b'\t'));
    let wire = ends_with_date(b);
    for (re, may) in [(&*DASHED, dashed), (&*WIRE, wire)] {
        if !may {
            continue;
        }
        let Some(caps) = re.captures(line) else {
            continue;
        };
        let whole = caps.get(0).expect("group 0 always matches");
        // A story follows a dateline; "SOCCER - JAPAN GET LATE GOAL" is a
        // headline with a section slug.
        let rest = &line[whole.end()..];
        if std::ptr::eq(re, &*DASHED) && !rest.bytes().any(|b| b.is_ascii_lowercase()) {
            continue;
        }
        let place = caps.name("place").expect("place group is not optional");
        if is_label(place.as_str()) {
            continue;
        }
        out.push(DatelineMatch {
            span: span_of(whole),
            place: span_of(place),
            region: caps.name("region").map(span_of),
            agency: caps.name("agency").map(span_of),
        });
    }
}

/// Words in capitals that open a line as a dateline would but label the
/// item instead: "FILE - Vladimir Putin, left, …" is a file photo's
/// caption, "UPDATE 2 - …" a wire revision.
const LABELS: [&str; 24] = [
    "ADVISORY",
    "ANALYSIS",
    "BREAKING",
    "CAPTION",
    "COMMENT",
    "CORRECTION",
    "EDITORIAL",
    "EXCLUSIVE",
    "FACTBOX",
    "FEATURE",
    "FILE",
    "FILES",
    "INTERVIEW",
    "NEWS",
    "OPINION",
    "PHOTO",
    "PHOTOS",
    "PICTURE",
    "REFILE",
    "REVIEW",
    "RPT",
    "UPDATE",
    "VIDEO",
    "WATCH",
];

/// Whether a dateline's place is an item label ("FILE", "FILE PHOTO",
/// "UPDATE 1" has a digit and does not match the place pattern anyway).
fn is_label(place: &str) -> bool {
    place
        .split(' ')
        .all(|w| LABELS.contains(&w.trim_end_matches(['.', ':'])))
}

/// Whether `line` ends in a date `dddd-dd-dd`, then blanks and a `\r`
/// (either may be missing), as [`WIRE`] wants it to.
fn ends_with_date(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let end = line
        .iter()
        .rposition(|&b| b != b' ' && b != b'\t')
        .map_or(0, |i| i + 1);
    let Some(date) = line[..end].get(end.wrapping_sub(10)..) else {
        return false;
    };
    date.iter().enumerate().all(|(i, &b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_table() {
        type Found<'a> = Option<(&'a str, Option<&'a str>, Option<&'a str>)>;
        let cases: &[(&str, &str, Found<'_>)] = &[
            (
                "reuters",
                "MUNICH (Reuters) - Major powers began",
                Some(("MUNICH", None, Some("Reuters"))),
            ),
            (
                "em dash folded",
                "GENEVA - Secretary of State",
                Some(("GENEVA", None, None)),
            ),
            (
                "double dash",
                "MUNICH -- U.S. Secretary",
                Some(("MUNICH", None, None)),
            ),
            (
                "two words",
                "PANAMA CITY (AP) - Former dictator",
                Some(("PANAMA CITY", None, Some("AP"))),
            ),
            (
                "region",
                "AL-AIN, United Arab Emirates (AP) - The",
                Some(("AL-AIN", Some("United Arab Emirates"), Some("AP"))),
            ),
            (
                "wire",
                "BRUSSELS 1996-08-22",
                Some(("BRUSSELS", None, None)),
            ),
            (
                "wire, blanks and CR after",
                "BRUSSELS 1996-08-22 \t\r\nThe",
                Some(("BRUSSELS", None, None)),
            ),
            ("wire, not a date", "BRUSSELS 1996-08-2x", None),
            ("wire, more after", "BRUSSELS 1996-08-22 - EU", None),
            (
                "tab after the dash",
                "GENEVA -\tThe talks",
                Some(("GENEVA", None, None)),
            ),
            (
                "section slug is not",
                "SOCCER - JAPAN GET LATE GOAL TO DRAW",
                None,
            ),
            (
                "headline is not",
                "US, RUSSIA SAY SYRIA'S TRUCE NOT DEAD; MORE MEETINGS PLANNED",
                None,
            ),
            ("capitalised is not", "Kerry Meets Lavrov - Report", None),
            (
                "file photo caption is not",
                "FILE - The two leaders shake hands in a photo from last year",
                None,
            ),
            (
                "file photo, two words, is not",
                "FILE PHOTO - A minister arrives for talks",
                None,
            ),
            (
                "a label beside a place is a place",
                "PHOTO CITY - The town held a vote",
                Some(("PHOTO CITY", None, None)),
            ),
            ("bullet date is not", "- 21.09.2016", None),
            ("mid-line is not", "he said MUNICH - no", None),
        ];
        for (name, text, want) in cases {
            let got = find_datelines(text).first().map(|d| {
                (
                    &text[d.place],
                    d.region.map(|s| &text[s]),
                    d.agency.map(|s| &text[s]),
                )
            });
            assert_eq!(got, *want, "case {name}");
        }
    }
}
