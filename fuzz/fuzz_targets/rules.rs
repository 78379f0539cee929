//! Arbitrary bytes as a user rule file (no default rules): either a
//! `file:line: reason` error or rules that run, in bounded work, over a short
//! text with a small gazetteer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::{DefaultGazetteers, DefaultRules, Extractor, RuleSet};

#[path = "../../tests/integration/invariants.rs"]
mod invariants;

const GAZETTEER: &str = "id\tkind\tname\taliases\tattributes\n\
person:john-kerry\tperson\tJohn Kerry\tKerry\trole=Secretary of State@US@2013/2017\n\
person:sergei-lavrov\tperson\tSergei Lavrov\tLavrov\trole=Foreign Minister@RU@2004/\n\
country:RU\tplace/country\tRussia\t\tdemonyms=Russian\n\
country:US\tplace/country\tUnited States\t=U.S.\tdemonyms=American\n\
geonames:2867714\tplace/city\tMunich\t\tcountry=DE\n\
country:DE\tplace/country\tGermany\t\tdemonyms=German\n\
org:reuters\torg/media\tReuters\t\t\n";

const TEXT: &str = "MUNICH (Reuters) — U.S. Secretary of State John Kerry and Russian \
Foreign Minister Sergei Lavrov met in Munich, Germany, on Friday. \u{201C}We will talk,\u{201D} \
Kerry said. Lavrov told reporters he would meet Kerry again. They met here. \
Reuters, based in London, said it.";

fuzz_target!(|data: &[u8]| {
    let Ok(rules) = std::str::from_utf8(data) else {
        return;
    };
    let mut set = RuleSet::new();
    if let Err(e) = set.add_str("fuzz.rules", rules) {
        assert!(e.to_string().starts_with("fuzz.rules:"), "{e}");
        return;
    }
    let mut builder = Extractor::builder();
    builder
        .default_gazetteers(DefaultGazetteers::Exclude)
        .default_rules(DefaultRules::Exclude);
    builder
        .gazetteer_str("small.tsv", GAZETTEER)
        .expect("the small gazetteer is valid");
    if let Err(e) = builder.rules_str("fuzz.rules", rules) {
        panic!("RuleSet accepted what the builder refused: {e}");
    }
    let x = builder
        .build()
        .expect("rules and gazetteer were both accepted");
    let doc = x.extract("fuzz", TEXT);
    if let Err(e) = invariants::check(&doc) {
        panic!("{e}");
    }
});
