//! Names in the tables of a sports page: standings, results lines,
//! scorecards and finishing orders, where names stand between figures
//! without the prose that would say what they are.
//!
//! - A name no list knows that opens a row of figures ("Watsonians 4 3 0
//!   1 9 4 10") or stands in a results line ("Jed-Forest 17 Watsonians
//!   54") is a club.
//! - A name before a country in brackets ("Samokhvalova (Russia) 3:45",
//!   "Pete Sampras (U.S.) beat Jiri Novak (Czech Republic)") is an
//!   athlete.
//! - An initial and a surname ("J. Pooley 111") and a name after a
//!   cricket dismissal ("c Healy b Fleming 44") are players.
//!
//! All of it only on a sports page (see [`SportsPage`]): a weather or
//! market table prints towns between figures too.
//!
//! This module knows tokens, the mentions resolved so far and the
//! gazetteer's kinds; it knows nothing of relations.

use std::cell::Cell;

use super::{guessed_name, lexicon, Referent, Resolved, ResolverInput};
use crate::gazetteer::{Gazetteer, Sub};
use crate::model::{EntityKind, MentionKind};
use crate::text::{Shape, Token};

/// Whether a document is a sports page: two different words of sport in
/// it, in any case ("SOCCER - LEAGUE STANDINGS"). Read once, when first
/// asked: most documents never ask.
pub(super) struct SportsPage<'a> {
    input: &'a ResolverInput<'a>,
    /// The word lists of each token ([`lexicon::lists_of`]).
    lists: &'a [u16],
    known: Cell<Option<bool>>,
}

impl<'a> SportsPage<'a> {
    pub(super) fn new(input: &'a ResolverInput<'a>, lists: &'a [u16]) -> SportsPage<'a> {
        SportsPage {
            input,
            lists,
            known: Cell::new(None),
        }
    }

    pub(super) fn is(&self) -> bool {
        if let Some(known) = self.known.get() {
            return known;
        }
        let word = |i: usize| &self.input.text[self.input.tokens[i].span];
        let mut first: Option<usize> = None;
        let mut yes = false;
        for (i, &l) in self.lists.iter().enumerate() {
            if l & lexicon::list::SPORTS == 0 {
                continue;
            }
            match first {
                None => first = Some(i),
                Some(f) if !word(f).eq_ignore_ascii_case(word(i)) => {
                    yes = true;
                    break;
                }
                Some(_) => {}
            }
        }
        self.known.set(Some(yes));
        yes
    }
}

/// Tokens read as the cells of a table: words, scores and figures, line
/// by line. Shared by the table pass and the club readings of towns.
#[derive(Clone, Copy)]
pub(super) struct Cells<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl<'a> Cells<'a> {
    pub(super) fn new(input: &'a ResolverInput<'a>) -> Cells<'a> {
        Cells {
            text: input.text,
            tokens: input.tokens,
        }
    }

    /// The text of token `i`; empty past the end.
    pub(super) fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| &self.text[t.span])
    }

    /// Whether token `i` exists and continues the line of the one before.
    pub(super) fn same_line(&self, i: usize) -> bool {
        i < self.tokens.len() && !self.tokens[i].line_start
    }

    /// A score on the same line: one to three digits ("3", "114").
    pub(super) fn score(&self, i: usize) -> bool {
        let w = self.word(i);
        self.same_line(i)
            && self.tokens[i].shape == Shape::Number
            && w.len() <= 3
            && w.bytes().all(|b| b.is_ascii_digit())
    }

    /// A figure of a table: a number, or a short cell of digits and
    /// marks ("4", ".440", "1/2", "-").
    fn figure(&self, i: usize) -> bool {
        let w = self.word(i);
        self.tokens.get(i).is_some_and(|t| t.shape == Shape::Number)
            || (w.len() <= 4
                && w.bytes()
                    .all(|b| b.is_ascii_digit() || b"./-+".contains(&b)))
    }

    /// Whether the rest of the line from token `i` is figures, three or
    /// more of them with digits: a table row after its name.
    pub(super) fn figures_to_line_end(&self, i: usize) -> bool {
        let (mut k, mut numbers) = (i, 0);
        while self.same_line(k) {
            if !self.figure(k) {
                return false;
            }
            numbers += usize::from(self.word(k).bytes().any(|b| b.is_ascii_digit()));
            k += 1;
        }
        numbers >= 3
    }
}

/// What each token holds so far.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    Free,
    /// A club already (a town read as one).
    Club,
    /// A country, for "Name (Country)".
    Country,
    /// A place other than a country: a surname may read as one ("Bob
    /// Kennedy (U.S.)").
    Place,
    Other,
}

/// Finds the names of a sports page's tables; adds them to `out` and
/// marks their tokens in `taken`.
pub(super) fn table_names(
    gaz: &Gazetteer,
    input: &ResolverInput<'_>,
    page: &SportsPage<'_>,
    taken: &mut [bool],
    out: &mut Vec<Resolved>,
) {
    // The page is read from the tokens' word lists: cheaper than any
    // table test, so asked first.
    if !page.is() {
        return;
    }
    let tokens = input.tokens;
    let n = tokens.len();
    let cells = Cells::new(input);
    let word = |i: usize| cells.word(i);
    let same_line = |i: usize| cells.same_line(i);
    let mut held = vec![Held::Free; n];
    for r in out.iter() {
        let h = match r.target {
            _ if r.rule == "guess/team" => Held::Club,
            Referent::Gazetteer(e) if gaz.facts(e).kind == EntityKind::Place => {
                if gaz.facts(e).sub == Sub::Other && gaz.entry(e).subkind() == Some("country") {
                    Held::Country
                } else if r.kind == MentionKind::Name {
                    Held::Place
                } else {
                    Held::Other
                }
            }
            _ => Held::Other,
        };
        held[r.tokens.0..r.tokens.1].iter_mut().for_each(|x| *x = h);
    }
    for (i, &t) in taken.iter().enumerate() {
        if t && held[i] == Held::Free {
            held[i] = Held::Other;
        }
    }
    // A free name: capitalised words (a hyphenated one counts), none taken,
    // on one line; its end.
    let name_from = |i: usize, most: usize| -> Option<usize> {
        let mut e = i;
        while e < n
            && e - i < most
            && (e == i || same_line(e))
            && held[e] == Held::Free
            && tokens[e].is_upper_initial()
            && !tokens[e].abbrev
            && lexicon::lists_of(word(e)) & lexicon::list::NOT_NAMES == 0
        {
            e += 1;
        }
        (e > i).then_some(e)
    };
    let score = |i: usize| cells.score(i);
    let figures_to_line_end = |i: usize| cells.figures_to_line_end(i);
    // A side of a results line: a free name or a club already, and its end.
    let name_or_club = |i: usize| -> Option<usize> {
        if i < n && held[i] == Held::Club {
            let mut e = i;
            while e < n && held[e] == Held::Club && (e == i || same_line(e)) {
                e += 1;
            }
            return Some(e);
        }
        name_from(i, 4)
    };
    let mut found: Vec<(usize, usize, EntityKind, &'static str)> = Vec::new();
    let mut i = 0;
    while i < n {
        let t = tokens[i];
        // Rows: a club opening a row of figures, or two sides and scores.
        if t.line_start {
            if let Some(e) = name_or_club(i) {
                // A row of figures, or an innings: "Kelwick 312 (" or
                // "Kelwick 312 and 190".
                let standings = held[i] == Held::Free
                    && (figures_to_line_end(e)
                        || (score(e) && matches!(word(e + 1), "(" | "and") && same_line(e + 1)));
                let b = e + 1;
                let side_b = (score(e) && same_line(b))
                    .then(|| name_or_club(b))
                    .flatten()
                    .filter(|&be| score(be));
                if standings || side_b.is_some() {
                    if held[i] == Held::Free {
                        found.push((i, e, EntityKind::Organisation, "guess/team"));
                    }
                    if let Some(be) = side_b.filter(|_| held[b] == Held::Free) {
                        found.push((b, be, EntityKind::Organisation, "guess/team"));
                    }
                    i = e;
                    continue;
                }
            }
        }
        // "J. Pooley 111", "S. Arbuthnot c Lowe": an initial and a surname.
        if t.abbrev && word(i).len() == 2 && t.shape != Shape::Number && held[i] == Held::Free {
            if let Some(e) = name_from(i + 1, 2).filter(|_| same_line(i + 1)) {
                {
                    found.push((i, e, EntityKind::Person, "guess/table-player"));
                    i = e;
                    continue;
                }
            }
        }
        // "c Healy b Fleming 44": a dismissal, then the fielder or bowler.
        if t.span.len() <= 3
            && matches!(
                input.text.as_bytes()[t.span.start],
                b'b' | b'c' | b's' | b'l'
            )
            && matches!(word(i), "b" | "c" | "st" | "lbw")
            && same_line(i + 1)
        {
            if let Some(e) = name_from(i + 1, 3) {
                found.push((i + 1, e, EntityKind::Person, "guess/table-player"));
                i = e;
                continue;
            }
        }
        // "Samokhvalova (Russia) 3:45", "Bob Kennedy (U.S.)": a name, then
        // a country in brackets. A word of the name may read as a town
        // ("Kennedy"); the person wins.
        let country_near = || (i + 2..(i + 5).min(n)).any(|k| held[k] == Held::Country);
        if matches!(held[i], Held::Free | Held::Place) && t.is_upper_initial() && country_near() {
            let mut e = i;
            while e < n
                && e - i < 3
                && (e == i || same_line(e))
                && matches!(held[e], Held::Free | Held::Place)
                && tokens[e].is_upper_initial()
                && !tokens[e].abbrev
                && lexicon::lists_of(word(e)) & lexicon::list::NOT_NAMES == 0
            {
                e += 1;
            }
            let some_free = held[i..e].contains(&Held::Free);
            let country = e > i && e + 1 < n && word(e) == "(" && held[e + 1] == Held::Country && {
                let mut k = e + 1;
                while k < n && held[k] == Held::Country {
                    k += 1;
                }
                word(k) == ")"
            };
            if some_free
                && country
                && (i == 0 || !tokens[i - 1].is_upper_initial() || tokens[i].line_start)
            {
                found.push((i, e, EntityKind::Person, "guess/table-player"));
            }
            if e > i {
                i = e;
                continue;
            }
        }
        i += 1;
    }
    for (s, e, kind, rule) in found {
        // A person over a town read in the name: the town's mention goes.
        if held[s..e].contains(&Held::Place) {
            out.retain(|r| r.tokens.1 <= s || e <= r.tokens.0);
            taken[s..e].iter_mut().for_each(|t| *t = false);
        }
        if taken[s..e].iter().any(|&t| t) {
            continue;
        }
        taken[s..e].iter_mut().for_each(|t| *t = true);
        out.push(Resolved {
            tokens: (s, e),
            target: Referent::Guess(kind, guessed_name(input.text, tokens, (s, e), rule)),
            kind: MentionKind::Name,
            rule,
        });
    }
}
