//! Place names that the context reads otherwise: a town named as the club
//! that plays for it in a results line, and a city read as the one in the
//! state or country named after it.

use super::tables::{Cells, SportsPage};
use super::{Referent, Resolved, ResolverInput};
use crate::gazetteer::{CasePolicy, Gazetteer, Sub};
use crate::matcher::Candidate;
use crate::model::{EntityKind, MentionKind};

/// Verbs and prepositions of sports results around a team's name.
const TEAM_AFTER: &[&str] = &[
    "AT", "beat", "beats", "defeated", "drew", "draw", "lost", "won", "edged", "routed",
    "thrashed", "trail", "trailed",
];

/// Words before a team's name. Not "at": in "ATLANTA AT CHICAGO" the
/// visiting club is named, then the city the game is played in.
const TEAM_BEFORE: &[&str] = &[
    "beat", "beating", "against", "defeated", "v", "vs", "vs.", "versus",
];

/// The home nations of the United Kingdom: first-level divisions that
/// field national teams, as countries do, so that their teams stay places.
const HOME_NATIONS: &[&str] = &[
    "iso3166-2:GB-ENG",
    "iso3166-2:GB-NIR",
    "iso3166-2:GB-SCT",
    "iso3166-2:GB-WLS",
];

/// Words a club's name comes before in sports prose: "Newcastle team
/// mate", "the Southampton manager".
const CLUB_NOUNS: &[&str] = &[
    "captain",
    "chairman",
    "club",
    "coach",
    "defender",
    "fans",
    "forward",
    "goalkeeper",
    "keeper",
    "manager",
    "midfielder",
    "player",
    "players",
    "side",
    "squad",
    "striker",
    "supporters",
    "team",
    "winger",
];

/// Words after which a town is the club a player moves to or plays for:
/// "joined Newcastle", "played for Wigan".
const CLUB_AFTER: &[&str] = &["join", "joined", "joining", "joins", "rejoined"];
const PLAYS_FOR: &[&str] = &[
    "play", "played", "playing", "plays", "scored", "scores", "scoring", "sign", "signed",
    "signing", "signs",
];

/// A city or county named as a sports team is an organisation: the club.
/// Read so where the text is a results line ("Somerset 83 and 174",
/// "Pohang 3 Ulsan 2"), a result in words ("Leicestershire beat
/// Somerset"), and, on a sports page, a row of a standings table
/// ("Ipswich 4 1 2 1 9 7 5", "NEW YORK 59 75 .440 25") or a club word
/// ("joined Newcastle", "the Southampton manager"). Countries stay places
/// (national teams are read as their country).
pub(super) fn sports_teams(
    gaz: &Gazetteer,
    input: &ResolverInput<'_>,
    page: &SportsPage<'_>,
    out: &mut [Resolved],
) {
    let tokens = input.tokens;
    let cells = Cells::new(input);
    let word = |i: usize| cells.word(i);
    let same_line = |i: usize| cells.same_line(i);
    let score = |i: usize| cells.score(i);
    // "Pohang 3 Ulsan 2", "Cincinnati 18 COLORADO 7": a score, then
    // the other side's name (capitalised words) and its score.
    let other_side = |i: usize| {
        (i + 1..(i + 5).min(tokens.len()))
            .any(|k| score(k) && (i..k).all(|m| same_line(m) && tokens[m].is_upper_initial()))
    };
    for r in out.iter_mut() {
        let Referent::Gazetteer(entry) = r.target else {
            continue;
        };
        let e = gaz.facts(entry);
        if r.kind != MentionKind::Name
            || e.kind != EntityKind::Place
            || !matches!(e.sub, Sub::City | Sub::Admin)
        {
            continue;
        }
        let (s, end) = r.tokens;
        let score_after = score(end)
            && (!same_line(end + 1)
                || matches!(word(end + 1), "," | "and" | "-")
                || other_side(end + 1));
        let verb_after = same_line(end) && TEAM_AFTER.contains(&word(end));
        let before = s > 0 && !tokens[s].line_start && TEAM_BEFORE.contains(&word(s - 1));
        let on_sports_page = || {
            let table_row = tokens[s].line_start && cells.figures_to_line_end(end);
            // In prose, towns name clubs ("the Southampton manager");
            // regions name teams of many kinds.
            let town = e.sub == Sub::City;
            let club_noun = town
                && same_line(end)
                && CLUB_NOUNS.iter().any(|w| w.eq_ignore_ascii_case(word(end)));
            let joined = town
                && s > 0
                && !tokens[s].line_start
                && (CLUB_AFTER.contains(&word(s - 1))
                    || (word(s - 1) == "for" && s > 1 && PLAYS_FOR.contains(&word(s - 2))));
            (table_row || club_noun || joined) && page.is()
        };
        let home_nation = || HOME_NATIONS.contains(&gaz.entry(entry).id().as_str());
        if (score_after || verb_after || before || on_sports_page()) && !home_nation() {
            r.target = Referent::Guess(
                EntityKind::Organisation,
                gaz.entry(entry).name().to_string(),
            );
            r.rule = "guess/team";
        }
    }
}

/// Last words of the names of events: "Hong Kong Open", "UEFA Cup",
/// "Atlanta Games".
const EVENT_HEADS: &[&str] = &[
    "Open",
    "OPEN",
    "Cup",
    "CUP",
    "Games",
    "GAMES",
    "Championship",
    "Championships",
    "Masters",
    "MASTERS",
    "Classic",
    "CLASSIC",
    "Trophy",
    "TROPHY",
    "Olympics",
    "Invitational",
];

/// A place or organisation named as part of an event's name ("the U.S.
/// Open", "the UEFA Cup", "the Atlanta Games") is not a mention of its
/// own: the event is neither a person, a place nor an organisation. Its
/// tokens stay taken, so that no guess claims them.
pub(super) fn event_names(gaz: &Gazetteer, input: &ResolverInput<'_>, out: &mut Vec<Resolved>) {
    let tokens = input.tokens;
    let head_at = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| !t.line_start && EVENT_HEADS.contains(&&input.text[t.span]))
    };
    out.retain(|r| {
        let person = match &r.target {
            Referent::Gazetteer(e) => gaz.facts(*e).kind == EntityKind::Person,
            Referent::Guess(kind, _) => *kind == EntityKind::Person,
        };
        person || r.kind != MentionKind::Name || !head_at(r.tokens.1)
    });
}

/// "Redmond, Washington", "Paris, Texas", "Cambridge, England": a city
/// then, after a comma, the state or country it lies in. Where one reading
/// of each fits (the city's country and first-level division are the
/// second name's), those readings are chosen, whatever larger namesakes
/// ("Washington, D.C.", "Paris, France") the names have elsewhere.
pub(super) fn in_state_or_country(
    gaz: &Gazetteer,
    input: &ResolverInput<'_>,
    groups: &mut [(&[Candidate], Option<usize>)],
) {
    for g in 1..groups.len() {
        let (first, second) = (groups[g - 1].0, groups[g].0);
        let comma = first[0].tokens.1;
        if second[0].tokens.0 != comma + 1
            || input.tokens.get(comma).map(|t| &input.text[t.span]) != Some(",")
        {
            continue;
        }
        // Only a state (`Sub::Admin`) or a country (`Sub::Other`) can
        // follow: facts first, entries (a cache miss each) only then.
        let region = |c: &Candidate| {
            let f = gaz.facts(c.entry);
            f.kind == EntityKind::Place && matches!(f.sub, Sub::Admin | Sub::Other)
        };
        if !second.iter().any(region) {
            continue;
        }
        let mut best: Option<(usize, usize, (i32, u32))> = None;
        for (a, ca) in first.iter().enumerate() {
            // In capitals too ("REDMOND, Washington"): the pair is the evidence.
            let f = gaz.facts(ca.entry);
            if f.kind != EntityKind::Place {
                continue;
            }
            let city = &gaz.entries()[ca.entry as usize];
            let (Some(country), admin1) = (city.attribute("country"), city.attribute("admin1"))
            else {
                continue;
            };
            for (b, cb) in second.iter().enumerate().filter(|(_, c)| region(c)) {
                let id = gaz.entries()[cb.entry as usize].id().as_str();
                let fits = id
                    .strip_prefix("iso3166-2:")
                    .and_then(|code| code.split_once('-'))
                    .is_some_and(|(c, a1)| c == country && Some(a1) == admin1)
                    || id.strip_prefix("country:") == Some(country);
                if !fits || cb.policy == CasePolicy::Weak {
                    continue;
                }
                let rank = (f.priority, f.population);
                if best.is_none_or(|(_, _, r)| rank > r) {
                    best = Some((a, b, rank));
                }
            }
        }
        if let Some((a, b, _)) = best {
            groups[g - 1].1 = Some(a);
            groups[g].1 = Some(b);
        }
    }
}
