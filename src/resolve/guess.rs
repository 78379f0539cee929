//! The unknown-entity guesser: deterministic rules for names no gazetteer has.
//!
//! Each rule has a name that travels with the entity it creates:
//!
//! | rule | shape | kind |
//! |---|---|---|
//! | `guess/title` | title + capitalised words: "Maj. Gen. Igor Konashenkov" | PERSON |
//! | `guess/given-name` | known given name + capitalised words: "Zekeriya Karsli" | PERSON |
//! | `guess/byline` | "By Karen DeYoung", "Reporting by X and Y", "Photographer: X/Agency" | PERSON |
//! | `guess/org-head` | capitalised words ending in an organisation head: "Levant Front" | ORG |
//! | `guess/org-start` | "Center for …", "University of …" | ORG |
//! | `guess/place-head` | capitalised words ending in a place head: "Castello Road" | PLACE |
//! | `guess/place-start` | "Bay of Bengal" | PLACE |
//! | `guess/place-apposition` | "X, a town in Y" | PLACE |
//! | `guess/dateline` | an unknown dateline place: "PANAMA CITY (AP) -" | PLACE |

use crate::model::{EntityKind, Span};
use crate::resolve::lexicon::*;
use crate::text::{Shape, Token};
use crate::word_map::WordMap;

/// A guessed mention: tokens `start..end`, its kind and the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Guess {
    pub tokens: (usize, usize),
    pub kind: EntityKind,
    pub rule: &'static str,
}

/// Given names: whether each is also a common English word, and its gender.
#[derive(Clone, Debug, Default)]
pub(crate) struct GivenNames {
    /// Bit 0: a common word; bit 1: male; bit 2: female (neither: unisex).
    names: WordMap<u8>,
}

/// The gender a name or title gives a person, where it gives one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

impl GivenNames {
    /// Parses `name<TAB>gender<TAB>common_word` lines after a header.
    pub fn parse(text: &str) -> GivenNames {
        let mut names = WordMap::with_capacity(text.len() / 12);
        for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let mut cols = line.split('\t');
            if let (Some(name), Some(gender), Some(common)) =
                (cols.next(), cols.next(), cols.next())
            {
                let g = match gender.trim() {
                    "m" => 2,
                    "f" => 4,
                    _ => 0,
                };
                names.insert(name.as_bytes(), u8::from(common.trim() == "1") | g);
            }
        }
        GivenNames { names }
    }

    /// `Some(common_word)` if `name` is a given name.
    pub fn get(&self, name: &str) -> Option<bool> {
        self.names.get(name.as_bytes()).map(|b| b & 1 != 0)
    }

    /// The gender of a given name, unless it is unisex or unknown.
    pub fn gender(&self, name: &str) -> Option<Gender> {
        match self.names.get(name.as_bytes())? & 6 {
            2 => Some(Gender::Male),
            4 => Some(Gender::Female),
            _ => None,
        }
    }
}

/// What the guesser sees of a document.
pub(crate) struct GuessContext<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Per token: named by the gazetteer as a place or organisation.
    pub gazetteer_named: &'a [bool],
    /// Whether token `k` is named only by a place's alternate name
    /// ("Adams" of Pulandian, China), which a person's name outweighs.
    pub alias_only: &'a dyn Fn(usize) -> bool,
    /// Per token: a gazetteer demonym, organisation, or place other than a city.
    pub gazetteer_blocking: &'a [bool],
    /// Per token: on a line written mostly in capitals (a headline).
    pub caps_line: &'a [bool],
    pub datelines: &'a [Span],
    pub given: &'a GivenNames,
    /// Per token, the word lists it is in ([`lists_of`]).
    pub lists: &'a [u16],
}

/// For [`GuessContext::lists`]: per token, the word lists it is in.
pub(crate) fn token_lists(text: &str, tokens: &[Token]) -> Vec<u16> {
    tokens.iter().map(|t| lists_of(&text[t.span])).collect()
}

impl GuessContext<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| &self.text[t.span])
    }

    /// Whether token `i` is in one of the word lists of `lists` (bits of
    /// [`list`]); false past the end.
    fn is(&self, i: usize, lists: u16) -> bool {
        self.lists.get(i).is_some_and(|&l| l & lists != 0)
    }

    /// Whether token `i` starts a sentence or a line: the first token,
    /// or one after a full stop, a question or exclamation mark, a colon,
    /// a quotation mark or an opening bracket.
    fn sentence_start(&self, i: usize) -> bool {
        i == 0
            || self.tokens[i].line_start
            || matches!(
                self.word(i - 1),
                "." | "?" | "!" | ":" | ";" | "\"" | "'" | "(" | "-"
            )
    }

    /// Same line as the previous token.
    fn joined(&self, i: usize) -> bool {
        i < self.tokens.len() && !self.tokens[i].line_start
    }

    fn is_particle(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.shape == Shape::Lower)
            && self.is(i, list::NAME_PARTICLES)
    }

    /// A capitalised word that may be part of a personal name.
    fn is_name_word(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        let w = self.word(i);
        match t.shape {
            Shape::Capitalised => {
                let listed = self.is(
                    i,
                    list::NOT_NAMES
                        | list::ORG_HEADS
                        | list::PLACE_HEADS
                        | list::PERSON_TITLES
                        | list::TITLE_FILLERS,
                );
                // "Gen." is a title; "F." an initial.
                let long_abbrev = t.abbrev && w.len() > 2;
                !(listed || long_abbrev)
            }
            // "al-Assad", "bin-Laden": a particle joined to a capitalised name.
            Shape::Lower => w.split_once('-').is_some_and(|(p, rest)| {
                contains(NAME_PARTICLES, p) && rest.chars().next().is_some_and(char::is_uppercase)
            }),
            _ => false,
        }
    }

    /// Name tokens from `i`: capitalised words, initials, particles before a
    /// capitalised word. Returns the end (exclusive), at most `max` words.
    fn name_run(&self, i: usize, max: usize) -> usize {
        let mut j = i;
        let mut words = 0;
        while j < self.tokens.len() && words < max && (j == i || self.joined(j)) {
            if self.is_name_word(j) {
                words += 1;
                j += 1;
            } else if self.is_particle(j) && self.joined(j + 1) && self.is_name_word(j + 1) {
                j += 1;
            } else {
                break;
            }
        }
        // Never end on a particle.
        while j > i && self.is_particle(j - 1) {
            j -= 1;
        }
        j
    }

    /// Capitalised words joined by connectors, from `i`; the end (exclusive).
    fn cap_run(&self, i: usize) -> usize {
        let mut j = i;
        while j < self.tokens.len() && (j == i || self.joined(j)) {
            let capitalised = |k: usize| {
                self.tokens.get(k).is_some_and(|t| t.is_upper_initial())
                    && !self.is(k, list::NOT_NAMES)
            };
            let connector = j > i
                && (self.is(j, list::NAME_CONNECTORS) || self.word(j) == "'s")
                && !(self.word(j) == "in" && self.gazetteer_named.get(j + 1) == Some(&true))
                && self.joined(j + 1)
                && capitalised(j + 1);
            if !(capitalised(j) || connector) {
                break;
            }
            j += 1;
        }
        j
    }
}

/// All guesses for a document, possibly overlapping one another.
pub(crate) fn guess(cx: &GuessContext<'_>) -> Vec<Guess> {
    let mut out = Vec::new();
    titles(cx, &mut out);
    given_names(cx, &mut out);
    bylines(cx, &mut out);
    heads(cx, &mut out);
    appositions(cx, &mut out);
    datelines(cx, &mut out);
    out
}

fn titles(cx: &GuessContext<'_>, out: &mut Vec<Guess>) {
    // Where the last run of titles and fillers ended. A title inside that
    // run ends at the same place and would push the same guess again, so it
    // is skipped: "President President …" 20,000 times stays linear.
    let mut run_end = 0;
    for i in 0..cx.tokens.len() {
        if i < run_end || cx.caps_line[i] || !cx.is(i, list::PERSON_TITLES) {
            continue;
        }
        let mut j = i + 1;
        while cx.joined(j) && cx.is(j, list::TITLE_FILLERS | list::PERSON_TITLES) {
            j += 1;
        }
        run_end = j;
        if !cx.joined(j) {
            continue;
        }
        let end = cx.name_run(j, 4);
        if end > j {
            out.push(Guess {
                tokens: (j, end),
                kind: EntityKind::Person,
                rule: "guess/title",
            });
        }
    }
}

fn given_names(cx: &GuessContext<'_>, out: &mut Vec<Guess>) {
    for i in 0..cx.tokens.len() {
        if cx.caps_line[i] || cx.tokens[i].shape != Shape::Capitalised || cx.gazetteer_blocking[i] {
            continue;
        }
        // The name run first: most capitalised words are followed by no
        // name, and the given-name table is a memory-bound lookup.
        if !cx.joined(i + 1) {
            continue;
        }
        let end = cx.name_run(i + 1, 3);
        if end == i + 1 {
            continue;
        }
        let Some(common) = cx.given.get(cx.word(i)) else {
            continue;
        };
        // A given name that is also a common word ("Will", "Grant",
        // "Mark", "Storm") may be that word where a sentence starts ("Will
        // Berlin agree?") or inside a longer capitalised name ("Tropical
        // Storm Mora"): there it needs a surname that no gazetteer reads as
        // a place or organisation, other than by a place's alternate name.
        // After a small word its capital makes it a name: "defender Tony
        // Adams" is a person whatever towns share "Adams".
        let place_read = |k: usize| cx.gazetteer_named[k] && !(cx.alias_only)(k);
        let after_capital = i > 0 && cx.tokens[i - 1].is_upper_initial();
        if common && (cx.sentence_start(i) || after_capital) && (i + 1..end).any(place_read) {
            continue;
        }
        out.push(Guess {
            tokens: (i, end),
            kind: EntityKind::Person,
            rule: "guess/given-name",
        });
    }
}

/// "By A and B", "(Reporting by A; Editing by B)", "Photographer: A/Agency".
fn bylines(cx: &GuessContext<'_>, out: &mut Vec<Guess>) {
    for i in 0..cx.tokens.len() {
        let w = cx.word(i);
        let by_line = (w == "By" || w == "BY") && cx.tokens[i].line_start;
        let credit = w == "by" && i > 0 && cx.is(i - 1, list::CREDIT_WORDS);
        let start = if by_line || credit {
            i + 1
        } else if (w == "Photographer" || w == "Photo") && cx.word(i + 1) == ":" {
            i + 2
        } else {
            continue;
        };
        let mut j = start;
        while cx.joined(j) {
            let end = name_or_caps_run(cx, j);
            if end - j >= 2 || (end > j && cx.tokens[j].shape == Shape::AllCaps) {
                out.push(Guess {
                    tokens: (j, end),
                    kind: EntityKind::Person,
                    rule: "guess/byline",
                });
            }
            if end == j {
                break;
            }
            j = end;
            if matches!(cx.word(j), "and" | "," | "&" | "AND") && cx.joined(j + 1) {
                j += 1;
            } else {
                break;
            }
        }
    }
}

/// In a byline, names may be in capitals ("By KAREN DEYOUNG").
fn name_or_caps_run(cx: &GuessContext<'_>, i: usize) -> usize {
    let end = cx.name_run(i, 4);
    if end > i {
        return end;
    }
    let mut j = i;
    while cx.joined(j) && j - i < 4 && cx.tokens[j].shape == Shape::AllCaps && cx.word(j) != "AND" {
        j += 1;
    }
    if j - i >= 2 {
        j
    } else {
        i
    }
}

/// Organisation and place names by their first or last words.
fn heads(cx: &GuessContext<'_>, out: &mut Vec<Guess>) {
    let mut i = 0;
    while i < cx.tokens.len() {
        let t = cx.tokens[i];
        if cx.caps_line[i]
            || !t.is_upper_initial()
            || cx.is(i, list::NOT_NAMES)
            || (i > 0
                && cx.joined(i)
                && cx.tokens[i - 1].is_upper_initial()
                && !cx.is(i - 1, list::NOT_NAMES))
        {
            i += 1;
            continue;
        }
        let end = cx.cap_run(i);
        if end - i >= 2 {
            let first = (cx.word(i), cx.word(i + 1));
            // A head the gazetteer already explains is not a new name
            // ("Latest World News CTV News" is CTV News).
            let explained = cx.gazetteer_named[end - 1];
            let guess = if explained {
                None
            } else if ORG_STARTS.contains(&first) && end - i >= 3 {
                Some((EntityKind::Organisation, "guess/org-start"))
            } else if PLACE_STARTS.contains(&first) && end - i >= 3 {
                Some((EntityKind::Place, "guess/place-start"))
            } else if cx.is(end - 1, list::ORG_HEADS) {
                Some((EntityKind::Organisation, "guess/org-head"))
            } else if cx.is(end - 1, list::PLACE_HEADS) {
                Some((EntityKind::Place, "guess/place-head"))
            } else {
                None
            };
            if let Some((kind, rule)) = guess {
                // Titles in front are not part of the name ("Minister", "President").
                let mut s = i;
                while s < end && (cx.is(s, list::PERSON_TITLES) || cx.word(s) == "The") {
                    s += 1;
                }
                if end - s >= 2 {
                    out.push(Guess {
                        tokens: (s, end),
                        kind,
                        rule,
                    });
                }
            }
        }
        i = end.max(i + 1);
    }
}

/// "Darayya, a suburb of Damascus", "X, a town in Y".
fn appositions(cx: &GuessContext<'_>, out: &mut Vec<Guess>) {
    for i in 0..cx.tokens.len() {
        if cx.word(i) != "," || i == 0 {
            continue;
        }
        let det = cx.word(i + 1);
        if !matches!(det, "a" | "the" | "an")
            || !cx.is(i + 2, list::PLACE_NOUNS)
            || !matches!(
                cx.word(i + 3),
                "in" | "of" | "near" | "north" | "south" | "east" | "west"
            )
        {
            continue;
        }
        // The capitalised words right before the comma.
        let mut s = i;
        while s > 0
            && cx.tokens[s - 1].shape == Shape::Capitalised
            && cx.joined(s)
            && !cx.is(s - 1, list::NOT_NAMES)
        {
            s -= 1;
        }
        if s < i && i - s <= 3 {
            out.push(Guess {
                tokens: (s, i),
                kind: EntityKind::Place,
                rule: "guess/place-apposition",
            });
        }
    }
}

fn datelines(cx: &GuessContext<'_>, out: &mut Vec<Guess>) {
    for place in cx.datelines {
        let s = cx.tokens.partition_point(|t| t.span.start < place.start);
        let e = cx.tokens.partition_point(|t| t.span.end <= place.end);
        if s < e {
            out.push(Guess {
                tokens: (s, e),
                kind: EntityKind::Place,
                rule: "guess/dateline",
            });
        }
    }
}
