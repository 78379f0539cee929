//! Unit tests of the gazetteer reader (`parse.rs`): entries, the error
//! table, limits and line endings.

use super::*;

fn one(line: &str) -> Result<Entry, Error> {
    let text = format!("# test\n{HEADER}\n{line}\n");
    parse("t.tsv", &text).map(|mut v| v.remove(0))
}

#[test]
fn origins() {
    assert_eq!(origin("places.tsv", 0), "places.tsv:0");
    assert_eq!(origin("places.tsv", 7), "places.tsv:7");
    assert_eq!(origin("a b.tsv", 1_234_567), "a b.tsv:1234567");
    assert_eq!(origin("", usize::MAX), format!(":{}", usize::MAX));
}

#[test]
fn parses_a_person() {
    let e = one("Q22316\tperson\tJohn Kerry\tJohn F. Kerry|~Kerry|=JFK\trole=Secretary of State@US@2013-02-01/2017-01-20;nationality=US").unwrap();
    assert_eq!(e.name(), "John Kerry");
    assert_eq!(e.kind(), EntityKind::Person);
    assert_eq!(
        e.aliases()[1],
        Alias {
            form: "Kerry".into(),
            policy: CasePolicy::Weak
        }
    );
    assert_eq!(e.aliases()[2].policy, CasePolicy::Exact);
    assert_eq!(e.roles()[0].title, "Secretary of State");
    assert_eq!(e.roles()[0].to.as_deref(), Some("2017-01-20"));
    assert_eq!(e.attribute("nationality"), Some("US"));
    assert_eq!(e.origin(), "t.tsv:3");
}

#[test]
fn error_table() {
    let cases = [
        (
            "columns",
            "x\tperson\tA",
            "t.tsv:3: expected 5 tab-separated columns, found 3",
        ),
        (
            "kind",
            "x\tplanet\tMars\t\t",
            "t.tsv:3: unknown kind \"planet\"",
        ),
        (
            "subkind",
            "x\tplace/moon\tMars\t\t",
            "t.tsv:3: unknown kind \"place/moon\"",
        ),
        (
            "empty alias",
            "x\tperson\tA B\tA||B\t",
            "t.tsv:3: entry x has an empty alias",
        ),
        (
            "empty name",
            "x\tperson\t\t\t",
            "t.tsv:3: entry x has an empty name",
        ),
        ("empty id", "\tperson\tA\t\t", "t.tsv:3: empty id"),
        (
            "attribute",
            "x\tperson\tA\t\tnationality",
            "t.tsv:3: attribute without '=': \"nationality\"",
        ),
        (
            "priority",
            "x\tperson\tA\t\tpriority=high",
            "t.tsv:3: priority is not an integer: \"high\"",
        ),
        (
            "role",
            "x\tperson\tA\t\trole=@US@2013",
            "t.tsv:3: malformed role \"@US@2013\" (want Title@Of@from/to)",
        ),
        (
            "role date",
            "x\tperson\tA\t\trole=King@US@13/14",
            "t.tsv:3: malformed role \"King@US@13/14\" (want Title@Of@from/to)",
        ),
    ];
    for (name, line, want) in cases {
        let got = one(line).map(|_| ()).unwrap_err();
        assert_eq!(got.to_string(), want, "case {name}");
    }
}

#[test]
fn marked_name_sets_its_policy() {
    let e = one("x\tplace/city\tSplit\t~Split|Spalato\t").unwrap();
    assert_eq!(e.name_policy, CasePolicy::Weak);
    assert_eq!(e.aliases().len(), 1);
}

#[test]
fn header_is_required() {
    let e = parse("t.tsv", "x\tperson\tA\t\t\n").unwrap_err();
    assert!(
        e.to_string().starts_with("t.tsv:1: expected the header"),
        "{e}"
    );
}

#[test]
fn long_alias_is_a_limit_error() {
    let long = "A".repeat(MAX_ALIAS_BYTES + 1);
    let e = one(&format!("x\tperson\tA\t{long}\t")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
}

#[test]
fn crlf_and_blank_lines() {
    let text = format!("{HEADER}\r\n\r\nx\tperson\tA\t\t\r\n");
    assert_eq!(parse("t.tsv", &text).unwrap().len(), 1);
}
