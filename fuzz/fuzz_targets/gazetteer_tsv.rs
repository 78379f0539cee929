//! Arbitrary bytes as a user gazetteer: the checks are `fuzz_checks::gazetteer_tsv` in
//! `tests/integration/fuzz_checks.rs`, which the replay test also runs on
//! every committed crash input (`tests/fuzz-regressions/gazetteer_tsv/`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/integration/invariants.rs"]
mod invariants;

#[path = "../../tests/integration/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::gazetteer_tsv(data));
