//! `newsgraph eval conll`: the printed scores and errors on bad files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn eval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["eval", "conll"])
        .args(args)
        .output()
        .unwrap()
}

/// A fresh scratch directory under the target dir.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// (tp, fp, fn) of a table row: its last three columns.
fn counts(stdout: &str, row: &str) -> (usize, usize, usize) {
    let line = stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(row))
        .unwrap_or_else(|| panic!("no {row} row in:\n{stdout}"));
    let n: Vec<usize> = line
        .split_whitespace()
        .rev()
        .take(3)
        .map(|c| c.parse().unwrap())
        .collect();
    (n[2], n[1], n[0])
}

#[test]
fn conll_scores_exact_spans_per_type() {
    let dir = scratch("eval-conll");
    // Only this gazetteer, so the predictions are known: "Acme" and "Acme
    // Corp" are ORG, "Bonn" is LOC.
    let gazetteer = dir.join("mine.tsv");
    std::fs::write(
        &gazetteer,
        "id\tkind\tname\taliases\tattributes\n\
         org:acme\torg/company\tAcme Corp\tAcme\t\n\
         place:bonn\tplace/city\tBonn\t\t\n",
    )
    .unwrap();
    // Document 1 (IOB1): both names found exactly.
    // Document 2 (IOB2): "Acme" is only part of the gold "Acme Widgets"
    // (ORG fp + fn), and the gold tags "Bonn" PER (LOC fp, PER fn).
    let conll = dir.join("tiny.conll");
    std::fs::write(
        &conll,
        "-DOCSTART- -X- O O\n\n\
         Acme NNP I-NP I-ORG\nCorp NNP I-NP I-ORG\nopened VBD I-VP O\n\
         in IN I-PP O\nBonn NNP I-NP I-LOC\n. . O O\n\n\
         -DOCSTART- -X- O O\n\n\
         Acme NNP B-NP B-ORG\nWidgets NNP I-NP I-ORG\nhired VBD B-VP O\n\
         staff NN B-NP O\nin IN B-PP O\nBonn NNP B-NP B-PER\n. . O O\n",
    )
    .unwrap();
    let out = eval(&[
        "--no-default-gazetteers",
        "--gazetteer",
        gazetteer.to_str().unwrap(),
        conll.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(counts(&stdout, "PER"), (0, 0, 1), "{stdout}");
    assert_eq!(counts(&stdout, "LOC"), (1, 1, 0), "{stdout}");
    assert_eq!(counts(&stdout, "ORG"), (1, 1, 1), "{stdout}");
    assert_eq!(counts(&stdout, "micro"), (2, 2, 2), "{stdout}");
    let micro = stdout.lines().find(|l| l.starts_with("micro")).unwrap();
    assert!(micro.contains(" 0.5000  0.5000  0.5000 "), "{micro}");
    // The texts "Acme Corp opened in Bonn ." and "Acme Widgets hired staff in Bonn .": 26 + 34 bytes.
    assert!(stdout.contains("documents=2 bytes=60 "), "{stdout}");
}

#[test]
fn conll_errors_name_file_and_line() {
    let dir = scratch("eval-conll-bad");
    let bad = dir.join("bad.conll");
    std::fs::write(&bad, "Bonn NNP I-NP I-LOC\n\nrain\n").unwrap();
    let out = eval(&[bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "bad data is status 1");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.conll:3: expected at least 2 columns (token … tag), found 1"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no table for a bad file");

    let out = eval(&[dir.join("missing.conll").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "a missing file is status 3");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("missing.conll: no such file or directory"),
        "{err}"
    );
}
