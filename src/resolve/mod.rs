//! Layer 4, resolution: from candidates to the mentions of a document.
//!
//! 1. Gazetteer candidates sharing a span are one choice: an entity already
//!    named elsewhere in the document wins, then a strong alias over a weak
//!    one, then priority, then population. A weak alias (`~May`) survives only
//!    with evidence: its entity named strongly elsewhere in the document, or a
//!    place after "in", "at", "from", "near".
//! 2. The guesser proposes names no gazetteer has (see [`guess`]).
//! 3. Overlaps are resolved longest first, then by rank: gazetteer, dateline,
//!    organisation and place heads, titles, bylines, given names.
//! 4. Context reads some names again: a town named as a club in results,
//!    standings and sports prose, and a city read in its state or country
//!    ([`places`]); the names of a sports page's tables ([`tables`]).
//! 5. In-document coreference: a person's surname ("Konovalov", "De Mistura")
//!    names the person mentioned in full, even where the surname is also a
//!    place ("Washington" after "MaliVai Washington"), unless "in", "to"…
//!    make it one; "Name (ACR)" makes ACR an alias, and an acronym in
//!    brackets after a name no list knows is an organisation ([`acronyms`]);
//!    a guessed person whose surname is a gazetteer person is that person.
//!    A name only a person can fill is one: coordinated with a person before
//!    "met" or "held talks", or before "said he" (`guess/frame`).
//! 6. Pronouns ([`coref`], run by the extractor once entities exist): "he"
//!    and "she" become pronoun mentions of their person, by position and
//!    the gender titles and given names state.
//!
//! This layer knows gazetteers and tokens; it knows nothing of relations.

mod acronyms;
pub(crate) mod coref;
mod guess;
mod lexicon;
mod places;
mod tables;

use rustc_hash::{FxHashMap, FxHashSet};

pub(crate) use guess::{Gender, GivenNames};

use crate::gazetteer::{CasePolicy, FormKind, Gazetteer, Sub};

use crate::matcher::Candidate;
use crate::model::{EntityKind, MentionKind, Span};
use crate::text::{Shape, Token};

/// What a resolved mention names.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Referent {
    /// The gazetteer entry of this index.
    Gazetteer(u32),
    /// Kind and name of a guessed entity.
    Guess(EntityKind, String),
}

/// A mention after resolution, with folded-text token range.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub tokens: (usize, usize),
    pub target: Referent,
    pub kind: MentionKind,
    pub rule: &'static str,
}

/// Everything resolution needs to know about a document's text.
pub(crate) struct ResolverInput<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Spans of dateline places in the folded text.
    pub datelines: &'a [Span],
}

/// Resolves a document's mentions, in text order.
pub(crate) fn resolve(
    gaz: &Gazetteer,
    given: &GivenNames,
    input: &ResolverInput<'_>,
    cands: &[Candidate],
) -> Vec<Resolved> {
    let tokens = input.tokens;
    let chosen = choose(gaz, input, cands);

    // Tokens named by the gazetteer, and those that a given name may not
    // start from: demonyms, organisations and places other than cities.
    let mut named = vec![false; tokens.len()];
    // Per token, the chosen place candidate naming it (read only where the
    // guesser asks: an entry is a cache miss).
    let mut place_at = vec![u32::MAX; tokens.len()];
    let mut blocking = vec![false; tokens.len()];
    for (k, c) in chosen.iter().enumerate() {
        let e = gaz.facts(c.entry);
        let range = c.tokens.0..c.tokens.1;
        if c.form_kind == FormKind::Name && e.kind != EntityKind::Person {
            named[range.clone()].iter_mut().for_each(|f| *f = true);
            if e.kind == EntityKind::Place {
                place_at[range.clone()]
                    .iter_mut()
                    .for_each(|f| *f = k as u32);
            }
        }
        let block = c.form_kind == FormKind::Demonym
            || e.kind == EntityKind::Organisation
            || (e.kind == EntityKind::Place && (e.sub != Sub::City || e.priority > 0));
        if block {
            blocking[range].iter_mut().for_each(|f| *f = true);
        }
    }
    let caps_line = caps_lines(tokens);
    let lists = guess::token_lists(input.text, tokens);
    let cx = guess::GuessContext {
        text: input.text,
        tokens,
        gazetteer_named: &named,
        alias_only: &|k: usize| {
            place_at
                .get(k)
                .and_then(|&c| chosen.get(c as usize))
                .is_some_and(|c| {
                    let name = gaz.entries()[c.entry as usize].name();
                    !input.text[c.span].eq_ignore_ascii_case(name)
                })
        },
        gazetteer_blocking: &blocking,
        caps_line: &caps_line,
        datelines: input.datelines,
        given,
        lists: &lists,
    };
    let guesses = guess::guess(&cx);

    // Longest first, then by rank, then the earlier start; at a tie of all
    // three, a name right after a title is a person ("King Hassan",
    // "President Obama"), whatever town shares it: but not a country or
    // region after a title and its filler ("Foreign Minister of Russia").
    let mut items: Vec<(usize, usize, u8, Resolved)> =
        Vec::with_capacity(chosen.len() + guesses.len());
    for c in &chosen {
        let kind = match c.form_kind {
            FormKind::Name => MentionKind::Name,
            FormKind::Demonym => MentionKind::Demonym,
        };
        let rule = if c.policy == CasePolicy::Weak {
            "gazetteer/weak-alias"
        } else {
            "gazetteer"
        };
        items.push((
            c.tokens.0,
            c.tokens.1,
            0,
            Resolved {
                tokens: c.tokens,
                target: Referent::Gazetteer(c.entry),
                kind,
                rule,
            },
        ));
    }
    let surnames = surname_index(gaz, &chosen);
    for g in &guesses {
        // Named below, once it has won its tokens: most guesses lose them.
        let target = surname_entry(&surnames, g)
            .map_or(Referent::Guess(g.kind, String::new()), Referent::Gazetteer);
        // A title right before the name (not a filler: "Minister of …")
        // makes the guess as strong as a gazetteer name.
        let titled = g.rule == "guess/title"
            && g.tokens.0 > 0
            && lists[g.tokens.0 - 1] & lexicon::list::PERSON_TITLES != 0;
        items.push((
            g.tokens.0,
            g.tokens.1,
            if titled { 0 } else { rank(g.rule) },
            Resolved {
                tokens: g.tokens,
                target,
                kind: MentionKind::Name,
                rule: g.rule,
            },
        ));
    }
    // 0: a gazetteer name other than a town; 1: a guess; 2: a town.
    let tie = |r: &Resolved| match r.target {
        Referent::Gazetteer(entry) => {
            let f = gaz.facts(entry);
            if f.kind == EntityKind::Place && matches!(f.sub, Sub::City | Sub::Other) {
                2
            } else {
                0
            }
        }
        Referent::Guess(..) => 1,
    };
    items.sort_by(|a, b| {
        (b.1 - b.0)
            .cmp(&(a.1 - a.0))
            .then(a.2.cmp(&b.2))
            .then(a.0.cmp(&b.0))
            .then(tie(&a.3).cmp(&tie(&b.3)))
    });
    let mut taken = vec![false; tokens.len()];
    let mut out: Vec<Resolved> = Vec::new();
    for (s, e, _, r) in items {
        if taken[s..e].iter().any(|&t| t) {
            continue;
        }
        taken[s..e].iter_mut().for_each(|t| *t = true);
        out.push(r);
    }
    for r in &mut out {
        if let Referent::Guess(_, name) = &mut r.target {
            *name = guessed_name(input.text, tokens, r.tokens, r.rule);
        }
    }
    let page = tables::SportsPage::new(input, &lists);
    places::event_names(gaz, input, &mut out);
    places::sports_teams(gaz, input, &page, &mut out);
    tables::table_names(gaz, input, &page, &mut taken, &mut out);
    people_in_frames(gaz, input, &mut taken, &mut out);
    corefer_surnames(gaz, input, &mut taken, &mut out);
    acronyms::corefer_acronyms(input, &mut taken, &mut out);
    out.sort_by_key(|r| r.tokens.0);
    out
}

/// Rank of a guess rule in overlap resolution (lower wins).
fn rank(rule: &str) -> u8 {
    match rule {
        "guess/dateline" => 1,
        "guess/org-start" | "guess/place-start" => 2,
        "guess/org-head" | "guess/place-head" => 3,
        "guess/title" => 4,
        "guess/byline" => 5,
        "guess/place-apposition" => 6,
        _ => 7,
    }
}

/// Picks one entry per candidate span and drops weak aliases without evidence.
fn choose(gaz: &Gazetteer, input: &ResolverInput<'_>, cands: &[Candidate]) -> Vec<Candidate> {
    // Evidence is the entity named by another form: the same ambiguous form
    // repeated ("Clinton" … "Clinton") proves nothing. Per entry, the first
    // span a strong form names it at, and whether strong forms name it in
    // two different ways (ignoring case): then every form has evidence.
    // Kept as two facts rather than a list of spans, so that a name repeated
    // 100,000 times costs linear, not quadratic, time.
    let text = |s: Span| &input.text[s];
    let mut strong: FxHashMap<u32, (Span, bool)> = FxHashMap::default();
    for c in cands.iter().filter(|c| c.policy != CasePolicy::Weak) {
        let (first, several) = strong.entry(c.entry).or_insert((c.span, false));
        if !*several && !text(*first).eq_ignore_ascii_case(text(c.span)) {
            *several = true;
        }
    }
    let named_elsewhere = |c: &Candidate| {
        strong.get(&c.entry).is_some_and(|&(first, several)| {
            several || !text(first).eq_ignore_ascii_case(text(c.span))
        })
    };
    // Per span: its candidates and the one chosen, if any.
    let mut groups: Vec<(&[Candidate], Option<usize>)> = Vec::new();
    let mut i = 0;
    while i < cands.len() {
        let mut j = i + 1;
        while j < cands.len() && cands[j].span == cands[i].span {
            j += 1;
        }
        let span = &cands[i..j];
        // A surname shared with a minor place ("Clinton", "Dole"): the person
        // in a news gazetteer is the better bet than a town of 20,000.
        let minor_place = span
            .iter()
            .any(|c| gaz.facts(c.entry).kind == EntityKind::Place && !well_known(gaz, c.entry));
        let person_over_place =
            |c: &Candidate| minor_place && gaz.facts(c.entry).kind == EntityKind::Person;
        let best = span
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.policy != CasePolicy::Weak
                    || named_elsewhere(c)
                    || place_context(gaz, input, c)
                    || person_over_place(c)
            })
            .filter(|(_, c)| !c.caps_only || named_elsewhere(c) || well_known(gaz, c.entry))
            .max_by_key(|(_, c)| {
                let e = gaz.facts(c.entry);
                let strong = c.policy != CasePolicy::Weak;
                (
                    named_elsewhere(c),
                    strong || person_over_place(c),
                    person_over_place(c),
                    c.exact_case,
                    e.priority,
                    e.population,
                    std::cmp::Reverse(c.entry),
                )
            })
            .map(|(k, _)| k);
        groups.push((span, best));
        i = j;
    }
    places::in_state_or_country(gaz, input, &mut groups);
    groups
        .iter()
        .filter_map(|&(span, best)| best.map(|b| span[b].clone()))
        .collect()
}

/// Entries famous enough to be trusted in capitals ("SAY" is not Say, Niger):
/// people, organisations, countries, regions and cities of 100,000 or more.
fn well_known(gaz: &Gazetteer, entry: u32) -> bool {
    let e = gaz.facts(entry);
    e.kind != EntityKind::Place
        || e.priority > 0
        || e.population >= 100_000
        || matches!(e.sub, Sub::Admin | Sub::Other)
}

/// "in Split", "from Reading": a place of some size after a locative
/// preposition ("in March" is a month, "in Göd" too small to bet on).
fn place_context(gaz: &Gazetteer, input: &ResolverInput<'_>, c: &Candidate) -> bool {
    let e = gaz.facts(c.entry);
    if e.kind != EntityKind::Place || c.tokens.0 == 0 || input.tokens[c.tokens.0].line_start {
        return false;
    }
    if e.population < 50_000
        || lexicon::lists_of(&input.text[c.span]) & lexicon::list::NOT_NAMES != 0
    {
        return false;
    }
    let prev = input.tokens[c.tokens.0 - 1];
    matches!(
        &input.text[prev.span],
        "in" | "at" | "from" | "near" | "outside"
    )
}

/// Lines that are mostly capitals (headlines): the guesser stays away.
fn caps_lines(tokens: &[Token]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut s = 0;
    while s < tokens.len() {
        let mut e = s + 1;
        while e < tokens.len() && !tokens[e].line_start {
            e += 1;
        }
        let words = tokens[s..e]
            .iter()
            .filter(|t| t.is_word() && t.shape != Shape::Number)
            .count();
        let caps = tokens[s..e]
            .iter()
            .filter(|t| t.shape == Shape::AllCaps)
            .count();
        if words >= 3 && caps * 5 >= words * 3 {
            out[s..e].iter_mut().for_each(|f| *f = true);
        }
        s = e;
    }
    out
}

/// The name of a guessed entity: its text with single spaces, capitals
/// title-cased for datelines ("PANAMA CITY" → "Panama City").
fn guessed_name(text: &str, tokens: &[Token], (s, e): (usize, usize), rule: &str) -> String {
    let raw = &text[tokens[s].span.start..tokens[e - 1].span.end];
    let mut name = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(word);
    }
    if rule == "guess/dateline" || tokens[s..e].iter().all(|t| t.shape == Shape::AllCaps) {
        title_case(&name)
    } else {
        name
    }
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

/// One-token strong mentions of gazetteer people, by token: the first
/// chosen for each. Looked up per guess, where a scan of all chosen
/// candidates per guess was quadratic in a long document.
fn surname_index(gaz: &Gazetteer, chosen: &[Candidate]) -> FxHashMap<usize, u32> {
    let mut index = FxHashMap::default();
    for c in chosen {
        if c.tokens.1 == c.tokens.0 + 1
            && c.policy != CasePolicy::Weak
            && gaz.facts(c.entry).kind == EntityKind::Person
        {
            index.entry(c.tokens.0).or_insert(c.entry);
        }
    }
    index
}

/// A guessed person whose last word is a gazetteer person's strong alias
/// ("Tayyip Erdogan" → Recep Tayyip Erdogan).
fn surname_entry(surnames: &FxHashMap<usize, u32>, g: &guess::Guess) -> Option<u32> {
    if g.kind != EntityKind::Person || g.tokens.1 == 0 {
        return None;
    }
    surnames.get(&(g.tokens.1 - 1)).copied()
}

/// Verbs after "X and Y" that only people do together: "Hollande and
/// Merkel met", "Tsang and Birch held talks".
const TOGETHER: &[&str] = &[
    "met",
    "meet",
    "meets",
    "held",
    "hold",
    "holds",
    "shook",
    "shake",
    "shakes",
    "talked",
    "chat",
    "chatted",
    "conferred",
    "embraced",
    "greeted",
];

/// Names that only a person can fill: a capitalised word coordinated with
/// a person as the subject of a meeting ("Hollande and Angela Merkel
/// met", "Angela Merkel and Hollande held talks"), or followed by "said
/// he/she", is a person, whether no list knows it or a town shares its
/// name ("Tsang"). Countries and regions keep their reading.
fn people_in_frames(
    gaz: &Gazetteer,
    input: &ResolverInput<'_>,
    taken: &mut [bool],
    out: &mut Vec<Resolved>,
) {
    let tokens = input.tokens;
    let word = |i: usize| tokens.get(i).map_or("", |t| &input.text[t.span]);
    let is_person = |r: &Resolved| match &r.target {
        Referent::Gazetteer(e) => gaz.facts(*e).kind == EntityKind::Person,
        Referent::Guess(k, _) => *k == EntityKind::Person,
    };
    // Person mentions by first token (to their end) and by end token.
    let mut person_from: FxHashMap<usize, usize> = FxHashMap::default();
    let mut person_to: FxHashSet<usize> = FxHashSet::default();
    for r in out.iter().filter(|r| is_person(r)) {
        person_from.insert(r.tokens.0, r.tokens.1);
        person_to.insert(r.tokens.1);
    }
    let together_after = |end: usize| (end..end + 3).any(|k| TOGETHER.contains(&word(k)));
    let said_he =
        |end: usize| matches!(word(end), "said" | "says") && matches!(word(end + 1), "he" | "she");
    // In a frame: "X and PERSON <verb>", "PERSON and X <verb>", "X said he".
    let in_frame = |s: usize, e: usize| {
        let pair_after = word(e) == "and"
            && person_from
                .get(&(e + 1))
                .is_some_and(|&end| together_after(end));
        let pair_before = s >= 2 && word(s - 1) == "and" && person_to.contains(&(s - 1));
        pair_after || (pair_before && together_after(e)) || said_he(e)
    };
    let retyped: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            let Referent::Gazetteer(entry) = r.target else {
                return false;
            };
            let f = gaz.facts(entry);
            f.kind == EntityKind::Place
                && matches!(f.sub, Sub::City | Sub::Other)
                && r.kind == MentionKind::Name
                && r.tokens.1 == r.tokens.0 + 1
                && in_frame(r.tokens.0, r.tokens.1)
        })
        .map(|(k, _)| k)
        .collect();
    // Capitalised words no list knows.
    let free: Vec<usize> = (0..tokens.len())
        .filter(|&i| {
            !taken[i]
                && tokens[i].shape == Shape::Capitalised
                && in_frame(i, i + 1)
                && lexicon::lists_of(word(i)) & lexicon::list::NOT_NAMES == 0
        })
        .collect();
    for k in retyped {
        let r = &mut out[k];
        r.target = Referent::Guess(
            EntityKind::Person,
            guessed_name(input.text, tokens, r.tokens, "guess/frame"),
        );
        r.rule = "guess/frame";
    }
    for i in free {
        taken[i] = true;
        out.push(Resolved {
            tokens: (i, i + 1),
            target: Referent::Guess(
                EntityKind::Person,
                guessed_name(input.text, tokens, (i, i + 1), "guess/frame"),
            ),
            kind: MentionKind::Name,
            rule: "guess/frame",
        });
    }
}

/// Words before a name that make it a place: "in Washington".
const PLACE_PREPOSITIONS: &[&str] = &[
    "across", "around", "at", "from", "in", "inside", "into", "near", "outside", "through", "to",
    "toward", "towards", "via",
];

/// Surnames of people named in full name them again: "Ivan Konovalov" …
/// "Konovalov"; "Staffan de Mistura" … "De Mistura".
fn corefer_surnames(
    gaz: &Gazetteer,
    input: &ResolverInput<'_>,
    taken: &mut [bool],
    out: &mut Vec<Resolved>,
) {
    let tokens = input.tokens;
    let word = |i: usize| &input.text[tokens[i].span];
    // Surname key (lower-cased words, each ended by a space: tokens have
    // none) -> person; None when two people share it.
    let key_of = |range: std::ops::Range<usize>, key: &mut String| {
        key.clear();
        for i in range {
            push_lower(key, word(i));
            key.push(' ');
        }
    };
    let mut key = String::new();
    let mut keys: FxHashMap<String, Option<Referent>> = FxHashMap::default();
    for r in out.iter() {
        let is_person = match &r.target {
            Referent::Gazetteer(i) => gaz.facts(*i).kind == EntityKind::Person,
            Referent::Guess(k, _) => *k == EntityKind::Person,
        };
        let (s, e) = r.tokens;
        if !is_person || r.kind != MentionKind::Name || e - s < 2 {
            continue;
        }
        let mut k = e - 1;
        if k > s + 1 && lexicon::contains(lexicon::NAME_PARTICLES, &word(k - 1).to_lowercase()) {
            k -= 1;
        }
        key_of(k..e, &mut key);
        // One word of under three letters (with its space).
        if e - k == 1 && (key.len() < 4 || word(e - 1).ends_with('.')) {
            continue;
        }
        match keys.get_mut(key.as_str()) {
            Some(t @ Some(_)) if t.as_ref() != Some(&r.target) => *t = None,
            Some(_) => {}
            None => {
                keys.insert(key.clone(), Some(r.target.clone()));
            }
        }
    }
    if keys.is_empty() {
        return;
    }
    // A place named by a person's surname ("Washington", "Dole", "Jordan"
    // after "MaliVai Washington", "Bob Dole", "Neil Jordan") is the
    // person, unless the text says place ("in Washington") or it is a
    // dateline's.
    for r in out.iter_mut() {
        let (s, e) = r.tokens;
        let Referent::Gazetteer(entry) = r.target else {
            continue;
        };
        if r.kind != MentionKind::Name
            || e - s > 2
            || gaz.facts(entry).kind != EntityKind::Place
            || input
                .datelines
                .iter()
                .any(|d| d.start <= tokens[s].span.start && tokens[e - 1].span.end <= d.end)
        {
            continue;
        }
        key_of(s..e, &mut key);
        let Some(Some(person)) = keys.get(key.as_str()) else {
            continue;
        };
        let after_preposition = s > 0
            && !tokens[s].line_start
            && lexicon::contains(PLACE_PREPOSITIONS, &word(s - 1).to_lowercase());
        if !after_preposition {
            r.target = person.clone();
            r.rule = "coref/surname";
        }
    }
    let mut i = 0;
    while i < tokens.len() {
        let mut hit = None;
        if !taken[i] && tokens[i].is_upper_initial() {
            for len in [2usize, 1] {
                if i + len > tokens.len() || taken[i..i + len].iter().any(|&t| t) {
                    continue;
                }
                if len == 2 && tokens[i + 1].line_start {
                    continue;
                }
                key_of(i..i + len, &mut key);
                if let Some(Some(target)) = keys.get(key.as_str()) {
                    // The last word must be capitalised as a name is.
                    if tokens[i + len - 1].is_upper_initial() {
                        hit = Some((len, target.clone()));
                        break;
                    }
                }
            }
        }
        match hit {
            Some((len, target)) => {
                taken[i..i + len].iter_mut().for_each(|t| *t = true);
                out.push(Resolved {
                    tokens: (i, i + len),
                    target,
                    kind: MentionKind::Name,
                    rule: "coref/surname",
                });
                i += len;
            }
            None => i += 1,
        }
    }
}

/// Appends `word` lower-cased (as [`str::to_lowercase`] does) to `buf`.
fn push_lower(buf: &mut String, word: &str) {
    if word.is_ascii() {
        buf.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.push_str(&word.to_lowercase());
    }
}
