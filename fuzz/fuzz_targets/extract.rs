//! Arbitrary bytes as a news article: extraction must not panic, and the
//! document must hold its invariants (spans on char boundaries, JSON that
//! parses and quotes the text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::{decode_text, Extractor, Utf8Policy};
use once_cell::sync::Lazy;

#[path = "../../tests/integration/invariants.rs"]
mod invariants;

static EXTRACTOR: Lazy<Extractor> = Lazy::new(Extractor::default);

fuzz_target!(|data: &[u8]| {
    // Valid UTF-8 as is; anything else as `--lossy` reads it.
    let Ok(text) = decode_text("fuzz", data.to_vec(), Utf8Policy::Lossy) else {
        panic!("lossy decoding never fails");
    };
    let doc = EXTRACTOR.extract("fuzz", &text);
    if let Err(e) = invariants::check(&doc) {
        panic!("{e}\ninput: {text:?}");
    }
});
