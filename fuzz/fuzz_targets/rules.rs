//! Arbitrary bytes as a user rule file: the checks are `fuzz_checks::rules` in
//! `tests/integration/fuzz_checks.rs`, which the replay test also runs on
//! every committed crash input (`tests/fuzz-regressions/rules/`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/integration/invariants.rs"]
mod invariants;

#[path = "../../tests/integration/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::rules(data));
