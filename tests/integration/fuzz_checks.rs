//! What each fuzz target checks of one input, shared by the fuzz targets
//! (`fuzz/fuzz_targets/*.rs` include this file and `invariants.rs` by path)
//! and by the replay test (`fuzz_replay.rs`), which runs every committed
//! crash input in `tests/fuzz-regressions/TARGET/` through the same checks,
//! so a fixed crash stays fixed without running the fuzzer in CI.
//!
//! Each check panics on a violation, as a fuzz target must.

use std::sync::OnceLock;

use newsgraph::{
    decode_text, DefaultGazetteers, DefaultRules, ErrorKind, Extractor, GazetteerBuilder,
    JsonlReader, RuleSet, Utf8Policy,
};

use super::invariants;

/// The small gazetteer the `rules` target runs its rules with.
pub const RULES_GAZETTEER: &str = "id\tkind\tname\taliases\tattributes\n\
person:john-kerry\tperson\tJohn Kerry\tKerry\trole=Secretary of State@US@2013/2017\n\
person:sergei-lavrov\tperson\tSergei Lavrov\tLavrov\trole=Foreign Minister@RU@2004/\n\
country:RU\tplace/country\tRussia\t\tdemonyms=Russian\n\
country:US\tplace/country\tUnited States\t=U.S.\tdemonyms=American\n\
geonames:2867714\tplace/city\tMunich\t\tcountry=DE\n\
country:DE\tplace/country\tGermany\t\tdemonyms=German\n\
org:reuters\torg/media\tReuters\t\t\n";

/// The text the `rules` target runs its rules over.
pub const RULES_TEXT: &str = "MUNICH (Reuters) — U.S. Secretary of State John Kerry and Russian \
Foreign Minister Sergei Lavrov met in Munich, Germany, on Friday. \u{201C}We will talk,\u{201D} \
Kerry said. Lavrov told reporters he would meet Kerry again. They met here. \
Reuters, based in London, said it.";

/// The text the `gazetteer_tsv` target runs its gazetteer over (and the
/// input itself).
const GAZETTEER_TEXT: &str =
    "GENEVA (Reuters) — Kerry met Lavrov in Munich. \u{201C}Fine,\u{201D} he said.";

/// Extracts `text` and checks the document's invariants, and that nothing
/// was dropped for a broken capture or span (a bug even when it is caught).
fn extract_checked(x: &Extractor, text: &str) {
    let (doc, work) = x.extract_counting("fuzz", text);
    if let Err(e) = invariants::check(&doc) {
        panic!("{e}\ntext: {text:?}");
    }
    assert_eq!(
        work.dropped, 0,
        "a match or span was dropped as broken\ntext: {text:?}"
    );
}

/// Arbitrary bytes as a user rule file (no default rules): either a
/// `file:line: reason` error, the same from the builder, or rules that run
/// over a short text with a small gazetteer and give a valid document.
pub fn rules(data: &[u8]) {
    let Ok(rules) = std::str::from_utf8(data) else {
        return;
    };
    let mut set = RuleSet::new();
    if let Err(e) = set.add_str("fuzz.rules", rules) {
        assert!(e.to_string().starts_with("fuzz.rules:"), "{e}");
        assert_eq!(e.kind(), ErrorKind::Rule, "{e}");
        return;
    }
    let mut builder = Extractor::builder();
    builder
        .default_gazetteers(DefaultGazetteers::Exclude)
        .default_rules(DefaultRules::Exclude);
    builder
        .gazetteer_str("small.tsv", RULES_GAZETTEER)
        .rules_str("fuzz.rules", rules);
    let x = match builder.build() {
        Ok(x) => x,
        Err(e) => panic!("RuleSet accepted what the builder refused: {e}"),
    };
    extract_checked(&x, RULES_TEXT);
}

/// Arbitrary bytes as a news article (lossy UTF-8), default extractor.
pub fn extract(data: &[u8]) {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    let Ok(text) = decode_text("fuzz", data.to_vec(), Utf8Policy::Lossy) else {
        panic!("lossy decoding never fails");
    };
    extract_checked(EXTRACTOR.get_or_init(Extractor::default), &text);
}

/// Arbitrary bytes as a user gazetteer (no defaults): either a `file:line:
/// reason` error or an extractor that works on a short text and on the
/// input itself.
pub fn gazetteer_tsv(data: &[u8]) {
    let Ok(tsv) = std::str::from_utf8(data) else {
        return;
    };
    // The loader alone.
    match GazetteerBuilder::new().add_str("fuzz.tsv", tsv) {
        Ok(b) => {
            if let Ok(g) = b.build() {
                for e in g.entries() {
                    let _ = g.lookup(e.name()).count();
                }
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.tsv:"), "{e}"),
    }
    // And through the extractor, default rules included.
    let mut builder = Extractor::builder();
    builder.default_gazetteers(DefaultGazetteers::Exclude);
    builder.default_rules(DefaultRules::Include);
    builder.gazetteer_str("fuzz.tsv", tsv);
    let Ok(x) = builder.build() else {
        return;
    };
    for text in [GAZETTEER_TEXT, tsv] {
        extract_checked(&x, text);
    }
}

/// Arbitrary bytes as JSON Lines input: every line is a record or an error
/// naming its line; lossy reading never reports bad UTF-8.
pub fn jsonl(data: &[u8]) {
    let lines = data.split(|&b| b == b'\n').count();
    for policy in [Utf8Policy::Strict, Utf8Policy::Lossy] {
        let mut last = 0;
        for result in JsonlReader::new("fuzz.jsonl", data, policy) {
            match result {
                Ok(r) => {
                    assert!(
                        r.line > last && r.line <= lines,
                        "line {} after {last}",
                        r.line
                    );
                    last = r.line;
                }
                Err(e) => {
                    assert!(
                        e.kind() != ErrorKind::Io,
                        "reading a slice cannot fail: {e}"
                    );
                    assert!(
                        !(policy == Utf8Policy::Lossy && e.kind() == ErrorKind::Utf8),
                        "lossy reading reported bad UTF-8: {e}"
                    );
                    let msg = e.to_string();
                    let line: usize = msg
                        .strip_prefix("fuzz.jsonl:")
                        .and_then(|r| r.split(':').next())
                        .and_then(|n| n.parse().ok())
                        .unwrap_or_else(|| panic!("error names no line: {msg}"));
                    assert!(
                        line > last && line <= lines,
                        "error line {line} after {last}"
                    );
                    last = line;
                }
            }
        }
    }
}
