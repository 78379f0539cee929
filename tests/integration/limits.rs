//! Users' gazetteer and rule files at and past the limits: every bad file is
//! a clear `file:line: reason` error or loads within a documented limit;
//! nothing panics or builds without bound. The limits are documented in
//! gazetteers/FORMAT.md and rules/FORMAT.md.

use newsgraph::{
    DefaultGazetteers, DefaultRules, ErrorKind, Extractor, Gazetteer, RuleSet, MAX_ALIASES,
    MAX_ALIAS_BYTES, MAX_RULES,
};

const HEADER: &str = "id\tkind\tname\taliases\tattributes\n";

fn gazetteer_error(tsv: &str) -> (ErrorKind, String) {
    let err = Gazetteer::builder()
        .add_str("mine.tsv", &format!("{HEADER}{tsv}"))
        .map(|_| ())
        .unwrap_err();
    (err.kind(), err.to_string())
}

#[test]
fn bad_gazetteer_lines_name_file_line_and_reason() {
    let long = "A".repeat(100_000);
    let many = vec!["x"; 1_000_000].join("|");
    let cases: Vec<(&str, String, ErrorKind, String)> = vec![
        (
            "duplicate id",
            "p:1\tperson\tA B\t\t\np:1\tperson\tC D\t\t\n".into(),
            ErrorKind::Gazetteer,
            "mine.tsv:3: duplicate id p:1 (first defined at mine.tsv:2)".into(),
        ),
        (
            "conflicting kinds",
            "p:1\tperson\tA B\t\t\np:1\tplace/city\tA B\t\t\n".into(),
            ErrorKind::Gazetteer,
            "mine.tsv:3: duplicate id p:1 with conflicting kind PLACE (first defined as PERSON at mine.tsv:2)".into(),
        ),
        (
            "empty name",
            "p:1\tperson\t  \tAB\t\n".into(),
            ErrorKind::Gazetteer,
            "mine.tsv:2: entry p:1 has an empty name".into(),
        ),
        (
            "empty marked alias",
            "p:1\tperson\tA B\t= \t\n".into(),
            ErrorKind::Gazetteer,
            "mine.tsv:2: entry p:1 has an empty alias".into(),
        ),
        (
            "control character",
            "p:1\tperson\tA\u{0}B\t\t\n".into(),
            ErrorKind::Gazetteer,
            "mine.tsv:2: control character in \"A\\0B\"".into(),
        ),
        (
            "absurdly long alias",
            format!("p:1\tperson\tA B\t{long}\t\n"),
            ErrorKind::Limit,
            format!(
                "mine.tsv:2: alias of 100000 bytes is longer than the limit of {MAX_ALIAS_BYTES}: \"{}…\"",
                "A".repeat(60)
            ),
        ),
        (
            "a million aliases on one entry",
            format!("p:1\tperson\tA B\t{many}\t\n"),
            ErrorKind::Limit,
            format!("mine.tsv:2: entry p:1 has 1000000 aliases, more than the limit of {MAX_ALIASES}"),
        ),
        (
            "a million demonyms",
            format!("c:1\tplace/country\tA B\t\tdemonyms={many}\n"),
            ErrorKind::Limit,
            format!("mine.tsv:2: entry c:1 has 1000000 demonyms, more than the limit of {MAX_ALIASES}"),
        ),
        (
            "absurdly long demonym",
            format!("c:1\tplace/country\tA B\t\tdemonyms=Bish|{long}\n"),
            ErrorKind::Limit,
            format!(
                "mine.tsv:2: alias of 100000 bytes is longer than the limit of {MAX_ALIAS_BYTES}: \"{}…\"",
                "A".repeat(60)
            ),
        ),
    ];
    for (name, tsv, kind, want) in cases {
        assert_eq!(gazetteer_error(&tsv), (kind, want), "case {name}");
    }
}

/// 1,000,000 aliases in one file (10 per entry) in release builds; a tenth
/// in debug builds, where building a million forms takes too long for
/// `cargo test` (`cargo test --release limits` runs the full size).
#[test]
fn a_million_aliases_load() {
    let aliases = if cfg!(debug_assertions) {
        100_000
    } else {
        1_000_000
    };
    let mut tsv = String::from(HEADER);
    for e in 0..aliases / 10 {
        tsv.push_str(&format!("org:{e}\torg\tOrg {e}\t"));
        let list: Vec<String> = (0..10).map(|a| format!("Alias {e} {a}")).collect();
        tsv.push_str(&list.join("|"));
        tsv.push_str("\t\n");
    }
    let gaz = Gazetteer::builder()
        .add_str("big.tsv", &tsv)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(gaz.len(), aliases / 10);
    assert_eq!(gaz.form_count(), aliases + aliases / 10);
    let last = format!("Alias {} 9", aliases / 10 - 1);
    assert_eq!(
        gaz.lookup(&last).next().unwrap().id().as_str(),
        format!("org:{}", aliases / 10 - 1)
    );
}

/// One form shared by many entries (it was quadratic to compile).
#[test]
fn one_alias_shared_by_many_entries() {
    let n = if cfg!(debug_assertions) {
        20_000
    } else {
        200_000
    };
    let mut tsv = String::from(HEADER);
    for e in 0..n {
        tsv.push_str(&format!("person:{e}\tperson\tPerson {e}\t~Kerry\t\n"));
    }
    let x = Extractor::builder()
        .default_gazetteers(DefaultGazetteers::Exclude)
        .gazetteer_str("shared.tsv", &tsv)
        .build()
        .unwrap();
    assert_eq!(x.gazetteer().lookup("Kerry").count(), n);
    let doc = x.extract("d", "Person 7 said Kerry was here.");
    assert_eq!(doc.entities()[0].name, "Person 7");
}

fn rule_error(rules: &str) -> String {
    let mut set = RuleSet::new();
    set.add_str("mine.rules", "lexicon say: said | told\n")
        .unwrap();
    set.add_str("mine.rules", rules).unwrap_err().to_string()
}

#[test]
fn bad_rule_lines_name_file_line_and_reason() {
    let deep = format!(
        "rule x SAID: speaker=PERSON {}_{}",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let mut exponential = String::from("define d0: ( said | told )\n");
    for i in 1..=12 {
        exponential.push_str(&format!(
            "define d{i}: {}\n",
            format!("$d{} ", i - 1).repeat(10)
        ));
    }
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "huge quantifier",
            "rule x SAID: speaker=PERSON _{0,65535} ^@say".into(),
            "mine.rules:1: bad quantifier `{0,65535}` (expected {m,n} with m ≤ n ≤ 40)",
        ),
        (
            "quantifier past u64",
            "rule x SAID: speaker=PERSON _{99999999999999999999999}".into(),
            "mine.rules:1: bad quantifier `{99999999999999999999999}` (expected {m,n} with m ≤ n ≤ 40)",
        ),
        (
            "unclosed quantifier",
            "rule x SAID: speaker=PERSON _{3".into(),
            "mine.rules:1: bad quantifier `{3`",
        ),
        (
            "unbalanced (",
            "rule x SAID: speaker=(PERSON | ORG ^@say".into(),
            "mine.rules:1: missing `)`",
        ),
        (
            "unbalanced )",
            "rule x SAID: speaker=PERSON ) ^@say".into(),
            "mine.rules:1: unexpected `)`",
        ),
        (
            "unbalanced !(",
            "rule x SAID: speaker=PERSON !( of".into(),
            "mine.rules:1: missing `)`",
        ),
        (
            "deep nesting",
            deep,
            "mine.rules:1: groups nest deeper than 32",
        ),
        (
            "glued punctuation (issue 21)",
            "rule x SAID: quote=QUOTE,,? speaker=PERSON ^@say".into(),
            "mine.rules:1: `QUOTE,,` is not one token as text is cut (`quote` `,` `,`): write its parts apart, or quote a single token",
        ),
        (
            "glued alternative and capture",
            "rule x SAID: (speaker=ORG |0speaker=PERSON) ^@say".into(),
            "mine.rules:1: `0speaker=PERSON` is not one token as text is cut (`0speaker` `=` `person`): write its parts apart, or quote a single token",
        ),
        (
            "quote capturing a word (issue 21)",
            "rule x SAID: quote=QUOTdat? speaker=PERSON ^@say".into(),
            "mine.rules:1: capture `quote` may take only quotations (`QUOTE`)",
        ),
        (
            "required capture in one alternative only",
            "define speaker: (PERSON | PRONOUN)\nrule x SAID: quote=QUOTE ,? (^@say | speaker=$speaker ^@say)".into(),
            "mine.rules:2: rule `x` must capture `speaker` on every path: an optional item or an alternative can leave it unbound",
        ),
        (
            "optional required capture",
            "rule x MEETS: a=PERSON? met b=PERSON".into(),
            "mine.rules:1: rule `x` must capture `a` on every path: an optional item or an alternative can leave it unbound",
        ),
        (
            "capture of nothing",
            "rule x MEETS: a=(PERSON?) met b=PERSON".into(),
            "mine.rules:1: capture `a` can match without taking a unit: capture an item that takes one",
        ),
        (
            "capture of a look-ahead",
            "rule x MEETS: a=PERSON met b=!(PERSON)".into(),
            "mine.rules:1: capture `b` can match without taking a unit: capture an item that takes one",
        ),
        (
            "exponential definitions",
            exponential,
            "mine.rules:5: in definition `d3`: in definition `d2`: in definition `d1`: pattern has more than 10000 items with its definitions expanded",
        ),
    ];
    for (name, rules, want) in cases {
        assert_eq!(rule_error(&rules), want, "case {name}");
    }
}

#[test]
fn a_hundred_thousand_rules_stop_at_the_limit() {
    let mut rules = String::from("lexicon say: said\n");
    for i in 0..100_000 {
        rules.push_str(&format!("rule r{i} SAID: speaker=PERSON ^@say\n"));
    }
    let err = RuleSet::new()
        .add_str("many.rules", &rules)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Rule);
    assert_eq!(
        err.to_string(),
        format!("many.rules:{}: more than {MAX_RULES} rules", MAX_RULES + 2)
    );
}

/// An extractor with only these rules and the default gazetteers.
fn with_rules(rules: &str) -> Extractor {
    Extractor::builder()
        .default_rules(DefaultRules::Exclude)
        .rules_str("mine.rules", rules)
        .build()
        .unwrap()
}

/// On a 2 MB thread stack (the default for spawned threads), in a debug
/// build: long patterns used to overflow the stack while matching (depth
/// grew with every unit of the path); nested quantifiers overflowed the
/// arithmetic of the rule index.
#[test]
fn long_and_nested_patterns_match_on_a_small_stack() {
    let long = format!("rule long SAID: speaker=PERSON {}\n", "_{40} ".repeat(200));
    let nested = format!(
        "rule nested SAID: speaker=PERSON {}_{} x\n",
        "( ".repeat(31),
        " ){1,40}".repeat(31)
    );
    for rules in [long, nested] {
        let x = with_rules(&rules);
        let text = format!("John Kerry {}", "word x ".repeat(5_000));
        let found = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let (doc, work) = x.extract_counting("d", &text);
                (doc.relations().len(), work.rule_steps)
            })
            .unwrap()
            .join()
            .expect("matching fits a 2 MB stack");
        assert_eq!(found.0, 0, "no match can be that long");
        assert!(found.1 > 0, "the rule ran");
    }
}

#[test]
fn huge_lexicons_stop_at_their_limits() {
    // 100,000 phrases sharing a first word: adding each scanned its bucket.
    let phrases: Vec<String> = (0..100_000).map(|i| format!("said w{i}")).collect();
    let one = format!("lexicon say: {}\n", phrases.join(" | "));
    let err = RuleSet::new()
        .add_str("big.rules", &one)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "big.rules:1: lexicon `say` has more than 10000 phrases"
    );

    let mut many = String::new();
    for i in 0..100_000 {
        many.push_str(&format!("lexicon l{i}: word\n"));
    }
    let err = RuleSet::new()
        .add_str("many.rules", &many)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "many.rules:10001: more than 10000 lexicons"
    );
}

#[test]
fn over_long_jsonl_records_are_skipped_with_their_line() {
    use newsgraph::{JsonlReader, Utf8Policy, MAX_RECORD_BYTES};
    let long = format!("{{\"id\":\"a\",\"text\":\"{}\"}}", "x".repeat(10_000));
    let input = format!("{long}\r\n{{\"id\":\"b\",\"text\":\"Kerry.\"}}\r\n\n{long}");
    let got: Vec<Result<String, String>> =
        JsonlReader::new("in", input.as_bytes(), Utf8Policy::Strict)
            .max_record_bytes(100)
            .map(|r| {
                r.map(|r| format!("{}@{}", r.id, r.line))
                    .map_err(|e| e.to_string())
            })
            .collect();
    assert_eq!(
        got,
        [
            Err("in:1: bad record: longer than the limit of 100 bytes".to_string()),
            Ok("b@2".to_string()),
            Err("in:4: bad record: longer than the limit of 100 bytes".to_string()),
        ]
    );
    assert_eq!(MAX_RECORD_BYTES, 64 << 20, "the documented default");
}

/// Issue 21: the reproducers through the builder are errors; spaced and
/// complete, the same rules run and give valid spans.
#[test]
fn rules_that_once_crashed_are_builder_errors_and_their_fixes_run() {
    let build = |rules: &str| {
        Extractor::builder()
            .default_rules(DefaultRules::Exclude)
            .rules_str("r.rules", rules)
            .build()
            .map(|_| ())
    };
    for bad in [
        "lexicon say: told\ndefine speaker: (PERSON | PRONOUN)\nrule said/q SAID: quote=QUOTE,,? (^@say | speaker=$speaker ^@say)\n",
        "lexicon say: said\nrule said/q SAID: quote=QUOTdat? (^@say | speaker=PERSON ^@say)\n",
    ] {
        let err = build(bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Rule);
        assert!(err.to_string().starts_with("r.rules:"), "{err}");
    }
    // What the writer meant: an optional quotation, the speaker on both paths.
    let x = with_rules(
        "lexicon say: said | told\n\
         rule said/q SAID: quote=QUOTE? ,? (^@say speaker=PERSON | speaker=PERSON ^@say)\n",
    );
    let text = "\u{201C}We will talk,\u{201D} John Kerry said. Sergei Lavrov told reporters.";
    let (doc, work) = x.extract_counting("d", text);
    assert_eq!(work.dropped, 0);
    let said: Vec<_> = doc.relations().iter().collect();
    assert_eq!(said.len(), 2, "{said:?}");
    for r in said {
        if let newsgraph::Args::Said { quote: Some(q), .. } = r.args {
            assert_eq!(doc.span_text(q), "\u{201C}We will talk,\u{201D}");
        }
    }
}
