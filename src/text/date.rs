//! The date a document states near its top: "Yahoo News, September 20, 2016",
//! "Feb. 11, 2016", "11 February 2016", "2016-02-11", "21.09.2016".

use once_cell::sync::Lazy;
use regex::Regex;

use crate::model::Span;

/// How far into a document its date is looked for, in bytes.
pub const DATE_WINDOW: usize = 600;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static DATE: Lazy<Regex> = Lazy::new(|| {
    let month = r"(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";
    let pattern = format!(
        r"\b(?:{month}\s+(\d{{1,2}}),\s+((?:19|20)\d\d)|(\d{{1,2}})\s+{month}\s+((?:19|20)\d\d)|((?:19|20)\d\d)-(\d\d)-(\d\d)|(\d\d)\.(\d\d)\.((?:19|20)\d\d))\b"
    );
    Regex::new(&pattern).expect("the date pattern is valid")
});

/// The first full date in the first [`DATE_WINDOW`] bytes of `text`, as
/// `YYYY-MM-DD` with its span.
///
/// # Examples
///
/// ```
/// use newsgraph::text::find_date;
///
/// let (span, date) = find_date("Yahoo News, September 20, 2016\n\nThe United States…").unwrap();
/// assert_eq!(date, "2016-09-20");
/// assert_eq!(span.start, 12);
/// assert_eq!(find_date("No date here, only 2016."), None);
/// ```
pub fn find_date(text: &str) -> Option<(Span, String)> {
    let mut end = text.len().min(DATE_WINDOW);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for c in DATE.captures_iter(&text[..end]) {
        let whole = c.get(0)?;
        let g = |i: usize| c.get(i).map(|m| m.as_str());
        let (y, m, d) = if let (Some(mo), Some(d), Some(y)) = (g(1), g(2), g(3)) {
            (y.to_string(), month_number(mo)?, d.parse().ok()?)
        } else if let (Some(d), Some(mo), Some(y)) = (g(4), g(5), g(6)) {
            (y.to_string(), month_number(mo)?, d.parse().ok()?)
        } else if let (Some(y), Some(m), Some(d)) = (g(7), g(8), g(9)) {
            (y.to_string(), m.parse().ok()?, d.parse().ok()?)
        } else if let (Some(d), Some(m), Some(y)) = (g(10), g(11), g(12)) {
            (y.to_string(), m.parse().ok()?, d.parse().ok()?)
        } else {
            continue;
        };
        let (m, d): (u32, u32) = (m, d);
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some((
                Span::new(whole.start(), whole.end()),
                format!("{y}-{m:02}-{d:02}"),
            ));
        }
    }
    None
}

fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == key).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let cases = [
            ("Feb. 11, 2016 - MUNICH", Some("2016-02-11")),
            ("Updated 11 February 2016", Some("2016-02-11")),
            ("- 21.09.2016", Some("2016-09-21")),
            ("posted 2016-12-08 10:00", Some("2016-12-08")),
            ("Sept. 9, 2016", Some("2016-09-09")),
            ("in May 2016 and 2017", None),
            ("99.99.2016", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                find_date(text).map(|d| d.1),
                want.map(String::from),
                "{text}"
            );
        }
    }

    #[test]
    fn only_near_the_top() {
        let text = format!("{}September 20, 2016", "x ".repeat(DATE_WINDOW));
        assert_eq!(find_date(&text), None);
    }
}
