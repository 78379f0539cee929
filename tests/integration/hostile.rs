//! Hostile input, generated here (nothing large is kept in git): each case
//! must extract without panicking, keep the document invariants, and do work
//! linear in its size. Work is counted, never timed: mentions and relations
//! per token, and the relation rules' matching steps
//! ([`Extractor::extract_counting`]); doubling an input may at most
//! multiply them by 2.5.
//!
//! Sizes: debug builds (`cargo test`) run each case at a size that keeps the
//! suite quick, and the doubled size; release builds (`cargo test --release
//! hostile`) run the sizes the issue names (200,000 × "U.S. ", a 50,000-word
//! sentence, …). The 5 MB line is 5 MB in both.

use newsgraph::{Extractor, Work};

use crate::invariants;

/// Relation rule steps allowed per token. Matching is bounded per start
/// position by the engine's step budget, but that bound (rules × 4,000) is
/// far too loose to catch anything; every case here takes 300–600 steps a
/// token, so ten times that is the alarm.
const STEPS_PER_TOKEN: u64 = 5_000;

/// Full size in release builds, a tenth (at least 1) in debug builds.
fn size(release: usize) -> usize {
    if cfg!(debug_assertions) {
        (release / 10).max(1)
    } else {
        release
    }
}

/// Extracts `text`, checks the invariants and the per-token bounds, and
/// returns the counts.
fn extract(name: &str, text: &str) -> (usize, usize, Work) {
    let (doc, work) = Extractor::default().extract_counting(name, text);
    if let Err(e) = invariants::check(&doc) {
        panic!("{name}: {e}");
    }
    let tokens = work.tokens.max(1);
    let (mentions, relations) = (doc.mentions().len(), doc.relations().len());
    assert!(
        mentions <= tokens,
        "{name}: {mentions} mentions for {tokens} tokens"
    );
    assert!(
        relations <= 4 * tokens,
        "{name}: {relations} relations for {tokens} tokens"
    );
    assert!(
        work.rule_steps <= STEPS_PER_TOKEN * tokens as u64,
        "{name}: {} rule steps for {tokens} tokens",
        work.rule_steps
    );
    (mentions, relations, work)
}

/// Runs `make(n)` and `make(2 * n)`: twice the input may cost at most 2.5
/// times the work (plus a little, for counts near zero).
fn linear(name: &str, n: usize, make: impl Fn(usize) -> String) -> Work {
    let (m1, r1, w1) = extract(name, &make(n));
    let (m2, r2, w2) = extract(name, &make(2 * n));
    let ok = |a: u64, b: u64| b as f64 <= 2.5 * a as f64 + 100.0;
    assert!(
        ok(w1.tokens as u64, w2.tokens as u64),
        "{name}: tokens {} → {}",
        w1.tokens,
        w2.tokens
    );
    assert!(
        ok(w1.rule_steps, w2.rule_steps),
        "{name}: rule steps {} → {} when the input doubled",
        w1.rule_steps,
        w2.rule_steps
    );
    assert!(ok(m1 as u64, m2 as u64), "{name}: mentions {m1} → {m2}");
    assert!(ok(r1 as u64, r2 as u64), "{name}: relations {r1} → {r2}");
    w2
}

/// A deterministic pseudo-random stream (a linear congruential generator).
fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

const SEED_ARTICLE: &str = include_str!("../../seeds/000_5d4fefdc7511866f.txt");

#[test]
fn five_megabyte_line_without_spaces_or_punctuation() {
    let make = |bytes: usize| {
        let mut seed = 7;
        let letters = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        (0..bytes)
            .map(|_| letters[lcg(&mut seed) as usize % letters.len()] as char)
            .collect::<String>()
    };
    let text = make(5 << 20);
    assert_eq!(text.len(), 5 << 20);
    let (mentions, relations, work) = extract("5mb", &text);
    assert_eq!(work.tokens, 1, "one word");
    assert_eq!((mentions, relations), (0, 0));
    linear("5mb", 1 << 20, make);
}

#[test]
fn us_repeated() {
    // 200,000 × "U.S. " in release builds: one entity, a mention each time.
    let w = linear("U.S.", size(100_000), |n| "U.S. ".repeat(n));
    assert!(w.tokens >= size(100_000) * 2);
}

#[test]
fn all_caps_article() {
    let caps = SEED_ARTICLE.to_uppercase();
    linear("caps", size(40), |n| caps.repeat(n));
}

#[test]
fn nul_and_control_characters() {
    let unit =
        "Kerry\0met\u{1}Lavrov\u{7} in\u{1b}[31m Munich\u{0}.\u{8}\u{7f}\u{85}\u{2028}\u{feff} ";
    linear("control", size(20_000), |n| unit.repeat(n));
}

#[test]
fn crlf_and_lone_cr() {
    let unit = "GENEVA (Reuters) - Kerry met Lavrov.\r\nLavrov said \"yes\".\rKerry \
                left\r\r\n\r";
    linear("cr", size(10_000), |n| unit.repeat(n));
}

#[test]
fn html_debris_and_email_artefacts() {
    let unit = "<p class=\"x\">Kerry &amp; Lavrov met in <b>Munich</b></p>\
                <a href=\"/cdn-cgi/l/email-protection\">[email&#160;protected]</a> \
                [email protected] &nbsp;&#8220;no&#8221; <script>var U.S.=1;</script>\n";
    linear("html", size(5_000), |n| unit.repeat(n));
}

#[test]
fn right_to_left_and_mixed_scripts() {
    let unit = "Kerry met \u{644}\u{627}\u{641}\u{631}\u{648}\u{641} (Lavrov) in \
                \u{5d9}\u{5e8}\u{5d5}\u{5e9}\u{5dc}\u{5d9}\u{5dd}, Москва and \u{202e}Munich\u{202c} \
                東京 \u{200f}Geneva\u{200e}. Сергей Лавров said \u{201C}да\u{201D}. ";
    linear("rtl", size(10_000), |n| unit.repeat(n));
}

#[test]
fn emoji() {
    let unit = "Kerry 🇺🇸 met 👨‍👩‍👧‍👦 Lavrov 🇷🇺 in Munich 😀👍🏽. \u{201C}🙂,\u{201D} 🤝 said Kerry. ";
    linear("emoji", size(10_000), |n| unit.repeat(n));
}

#[test]
fn unbalanced_and_nested_quotes() {
    let unit = "\u{201C}Kerry said \"Lavrov 'met' \u{201C}him\u{201D} in Munich, \
                \u{201D}\u{201D} ''Yes,'' said Lavrov. \u{201C}\u{201C}\"' ";
    linear("quotes", size(10_000), |n| unit.repeat(n));
}

#[test]
fn a_sentence_of_fifty_thousand_words() {
    const WORDS: &[&str] = &[
        "Kerry",
        "met",
        "Lavrov",
        "and",
        "the",
        "Russian",
        "foreign",
        "minister",
        "in",
        "Munich",
        "said",
        "he",
        "would",
        "meet",
        "President",
        "Putin",
        ",",
        "U.S.",
        "Secretary",
        "of",
        "State",
        "John",
        "Kerry",
        "Geneva",
        "talks",
        "with",
    ];
    let make = |words: usize| {
        let mut seed = 11;
        (0..words)
            .map(|_| WORDS[lcg(&mut seed) as usize % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let w = linear("50k words", size(25_000), make);
    assert!(w.tokens >= size(50_000));
}

#[test]
fn a_page_of_many_stories() {
    // Datelines, dates, speakers, pronouns and role nominals, story after
    // story: each of these was once looked up by a scan of the whole
    // document (quadratic; now indexed or searched).
    let story = "Yahoo News, September 20, 2016\nGENEVA (Reuters) \u{2014} U.S. Secretary of \
                 State John Kerry met Russian Foreign Minister Sergei Lavrov here. The Russian \
                 foreign minister said the talks went well. \u{201C}We agree,\u{201D} he said. \
                 Reuters said it. It said so.\n\n";
    linear("stories", size(4_000), |n| story.repeat(n));
}

/// Document JSON of `text` must stay within 100 bytes per input byte
/// (issue 16: every pair of a 3,000-name list quoting the whole sentence
/// was 332 MB of JSON from 80 KB of text).
fn json_at_most_100_times(name: &str, text: &str) -> newsgraph::Document {
    let (doc, _) = extract_doc(name, text);
    let mut json = Vec::new();
    doc.write_json(&mut json).unwrap();
    assert!(
        json.len() <= 100 * text.len(),
        "{name}: {} bytes of JSON from {} bytes of text",
        json.len(),
        text.len()
    );
    doc
}

fn extract_doc(name: &str, text: &str) -> (newsgraph::Document, Work) {
    let (doc, work) = Extractor::default().extract_counting(name, text);
    if let Err(e) = invariants::check(&doc) {
        panic!("{name}: {e}");
    }
    (doc, work)
}

fn meetings(doc: &newsgraph::Document) -> usize {
    doc.relations()
        .iter()
        .filter(|r| r.kind() == newsgraph::RelationKind::Meets)
        .count()
}

/// Titled people, made-up names from a generator, to list in one sentence.
fn titled_people(n: usize) -> Vec<String> {
    const GIVEN: [&str; 8] = [
        "Anna", "Boris", "Carla", "David", "Elena", "Frank", "Greta", "Hans",
    ];
    let mut seed = 7u64;
    (0..n)
        .map(|i| {
            let s = lcg(&mut seed);
            format!(
                "Minister {} Quorvath{}{}",
                GIVEN[i % GIVEN.len()],
                (b'a' + (s % 26) as u8) as char,
                i
            )
        })
        .collect()
}

#[test]
fn a_list_of_three_thousand_people_who_met() {
    let people = titled_people(size(3_000).max(300));
    let text = format!("{} met in Geneva on Friday.", people.join(", "));
    let doc = json_at_most_100_times("list", &text);
    // A list that long is a gathering: no pairs of it are meetings.
    let meets = meetings(&doc);
    assert_eq!(meets, 0);
    for r in doc.relations() {
        assert!(r.evidence.len() <= newsgraph::MAX_EVIDENCE_BYTES);
    }
}

#[test]
fn a_megabyte_run_on_sentence_of_meetings() {
    let people = titled_people(64);
    let mut text = String::new();
    let mut i = 0;
    while text.len() < size(1 << 20).max(100_000) {
        let (a, b) = (&people[i % 64], &people[(i * 7 + 3) % 64]);
        text.push_str(&format!("{a} met with {b} in Geneva, and "));
        i += 1;
    }
    text.push_str("nothing else happened.");
    let doc = json_at_most_100_times("run-on", &text);
    let meets = meetings(&doc);
    assert!(meets > 0, "the meetings of the sentence are still found");
    for r in doc.relations() {
        assert!(r.evidence.len() <= newsgraph::MAX_EVIDENCE_BYTES);
    }
}
