//! When a meeting took place, as the text states it near the trigger: "on
//! Friday", "on July 25", "Thursday", "last week", "yesterday". The phrase
//! is kept as written (its span); a weekday, a day of a month, "today" and
//! "yesterday" are also resolved to `YYYY-MM-DD` against the document's
//! date when it has one. Nothing is guessed without that date.

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// What a time phrase says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Said {
    /// A weekday, 0 = Monday.
    Weekday(u32),
    /// A month (1–12) and day.
    MonthDay(u32, u32),
    /// Days from the document's date: today 0, yesterday −1, tomorrow 1.
    Offset(i64),
    /// Kept as text only: "last week", "in March".
    Text,
}

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(w) && (w.len() >= 3))
        .map(|i| i as u32 + 1)
}

fn day(word: &str) -> Option<u32> {
    let d: u32 = word
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// The time phrase starting at `words[i]` (lower-cased words), as the
/// number of words it takes and what it says.
pub(crate) fn phrase_at(words: &[&str], i: usize) -> Option<(usize, Said)> {
    let w = |k: usize| words.get(i + k).copied().unwrap_or("");
    let weekday = |s: &str| WEEKDAYS.iter().position(|d| *d == s).map(|d| d as u32);
    // "on Friday", "on July 25", "on 25 July", "Friday", "July 25".
    let (skip, head) = if w(0) == "on" { (1, w(1)) } else { (0, w(0)) };
    if let Some(d) = weekday(head) {
        // "Friday night", "Friday evening" stay one phrase.
        let part = matches!(w(skip + 1), "morning" | "afternoon" | "evening" | "night");
        return Some((skip + 1 + usize::from(part), Said::Weekday(d)));
    }
    if let (Some(m), Some(d)) = (month(head), day(w(skip + 1))) {
        return Some((skip + 2, Said::MonthDay(m, d)));
    }
    if let (Some(d), Some(m)) = (day(head), month(w(skip + 1))) {
        return Some((skip + 2, Said::MonthDay(m, d)));
    }
    match (w(0), w(1)) {
        ("today", _) => Some((1, Said::Offset(0))),
        ("yesterday", _) => Some((1, Said::Offset(-1))),
        ("tomorrow", _) => Some((1, Said::Offset(1))),
        ("last" | "next" | "this", "week" | "month" | "year" | "weekend") => Some((2, Said::Text)),
        ("last" | "next" | "this", x) if weekday(x).is_some() => Some((2, Said::Text)),
        ("earlier" | "later", "this") if matches!(w(2), "week" | "month" | "year") => {
            Some((3, Said::Text))
        }
        ("in", x) if month(x).is_some() && x.len() > 3 => Some((2, Said::Text)),
        _ => None,
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count (inverse of [`days`]).
fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `said` as a date, against the document's `YYYY-MM-DD` date: a weekday
/// is the last such day on or before it, or for what is to come (`ahead`)
/// the next after it; a month and day is in the document's year.
pub(crate) fn resolve(said: Said, doc_date: &str, ahead: bool) -> Option<String> {
    let mut parts = doc_date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    let today = days(y, m, d);
    let z = match said {
        Said::Weekday(w) => {
            // 1970-01-01 was a Thursday (3).
            let dow = (today + 3).rem_euclid(7);
            let back = (dow - i64::from(w)).rem_euclid(7);
            if ahead {
                today + (i64::from(w) - dow).rem_euclid(7)
            } else {
                today - back
            }
        }
        Said::MonthDay(mm, dd) => days(y, mm, dd),
        Said::Offset(k) => today + k,
        Said::Text => return None,
    };
    let (y, m, d) = civil(z);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(s: &str) -> Option<(usize, Said)> {
        let words: Vec<&str> = s.split(' ').collect();
        phrase_at(&words, 0)
    }

    #[test]
    fn phrases() {
        assert_eq!(phrase("on friday in geneva"), Some((2, Said::Weekday(4))));
        assert_eq!(phrase("thursday night"), Some((2, Said::Weekday(3))));
        assert_eq!(phrase("on july 25"), Some((3, Said::MonthDay(7, 25))));
        assert_eq!(phrase("25 july"), Some((2, Said::MonthDay(7, 25))));
        assert_eq!(phrase("last week"), Some((2, Said::Text)));
        assert_eq!(phrase("yesterday"), Some((1, Said::Offset(-1))));
        assert_eq!(phrase("in geneva"), None);
        assert_eq!(phrase("on may"), None);
    }

    #[test]
    fn dates_resolve_against_the_document() {
        // 2016-09-20 was a Tuesday.
        assert_eq!(
            resolve(Said::Weekday(4), "2016-09-20", false).as_deref(),
            Some("2016-09-16")
        );
        assert_eq!(
            resolve(Said::Weekday(1), "2016-09-20", false).as_deref(),
            Some("2016-09-20")
        );
        assert_eq!(
            resolve(Said::Weekday(4), "2016-09-20", true).as_deref(),
            Some("2016-09-23")
        );
        assert_eq!(
            resolve(Said::MonthDay(7, 25), "2016-09-20", false).as_deref(),
            Some("2016-07-25")
        );
        assert_eq!(
            resolve(Said::Offset(-1), "2016-03-01", false).as_deref(),
            Some("2016-02-29")
        );
        assert_eq!(resolve(Said::Text, "2016-03-01", false), None);
        assert_eq!(resolve(Said::Weekday(0), "no date", false), None);
    }
}
