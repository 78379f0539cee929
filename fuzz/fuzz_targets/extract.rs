//! Arbitrary bytes as a news article: the checks are `fuzz_checks::extract` in
//! `tests/integration/fuzz_checks.rs`, which the replay test also runs on
//! every committed crash input (`tests/fuzz-regressions/extract/`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/integration/invariants.rs"]
mod invariants;

#[path = "../../tests/integration/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::extract(data));
