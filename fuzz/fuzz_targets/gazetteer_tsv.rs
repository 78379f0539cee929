//! Arbitrary bytes as a user gazetteer (no defaults): either a `file:line:
//! reason` error or an extractor that works on a short text and on the
//! input itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::{DefaultGazetteers, DefaultRules, Extractor, GazetteerBuilder};

#[path = "../../tests/integration/invariants.rs"]
mod invariants;

const TEXT: &str = "GENEVA (Reuters) — Kerry met Lavrov in Munich. \u{201C}Fine,\u{201D} he said.";

fuzz_target!(|data: &[u8]| {
    let Ok(tsv) = std::str::from_utf8(data) else {
        return;
    };
    // The loader alone.
    match GazetteerBuilder::new().add_str("fuzz.tsv", tsv) {
        Ok(b) => {
            if let Ok(g) = b.build() {
                for e in g.entries() {
                    let _ = g.lookup(e.name());
                }
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.tsv:"), "{e}"),
    }
    // And through the extractor, default rules included.
    let mut builder = Extractor::builder();
    builder.default_gazetteers(DefaultGazetteers::Exclude);
    builder.default_rules(DefaultRules::Include);
    if builder.gazetteer_str("fuzz.tsv", tsv).is_err() {
        return;
    }
    let Ok(x) = builder.build() else {
        return;
    };
    for text in [TEXT, tsv] {
        let doc = x.extract("fuzz", text);
        if let Err(e) = invariants::check(&doc) {
            panic!("{e}\ntext: {text:?}");
        }
    }
});
