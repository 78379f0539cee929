//! Every committed crash input of a fuzz target (`tests/fuzz-regressions/TARGET/*`)
//! through that target's checks: a crash found once stays fixed, and CI
//! needs no fuzzer. Add a new crash by copying the fuzzer's `crash-…` file
//! into the target's folder under a name that says what it was.

use std::path::Path;

use super::fuzz_checks;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    // A target with no crash yet has no folder (git keeps no empty ones).
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut paths: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for p in &paths {
        let data = std::fs::read(p).unwrap();
        let caught = std::panic::catch_unwind(|| check(&data));
        assert!(caught.is_ok(), "{} fails the {target} checks", p.display());
    }
    paths.len()
}

#[test]
fn committed_crash_inputs_pass_their_targets_checks() {
    let rules = replay("rules", fuzz_checks::rules);
    assert!(rules >= 2, "the two reproducers of issue 21 are committed");
    replay("extract", fuzz_checks::extract);
    replay("gazetteer_tsv", fuzz_checks::gazetteer_tsv);
    replay("jsonl", fuzz_checks::jsonl);
}
