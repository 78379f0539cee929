//! The `newsgraph` command: output contract and behaviour on bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

pub(crate) fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading its input (bad arguments): a
    // broken pipe here is not the test's concern.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

/// A fresh scratch directory under the target dir.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn seeds_directory_gives_one_line_per_document() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out = run(
        &["extract", seeds.to_str().unwrap(), "--format", "jsonl"],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["doc"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "000_5d4fefdc7511866f",
            "001_1cee79bf6af008b7",
            "002_5affd8a61d8b978a",
            "003_47427ce8c2fb7d6e",
            "004_84135d7aa731eddd"
        ]
    );
    for d in &docs {
        assert!(d["relations"].is_array());
        for e in d["entities"].as_array().unwrap() {
            assert!(matches!(
                e["type"].as_str(),
                Some("PERSON" | "PLACE" | "ORG")
            ));
            assert!(matches!(e["source"].as_str(), Some("gazetteer" | "guess")));
        }
    }
}

#[test]
fn json_format_is_one_array() {
    let out = run(
        &["extract", "--input", "jsonl", "--format", "json"],
        b"{\"id\":\"a\",\"text\":\"Kerry met Lavrov.\"}\n{\"id\":\"b\",\"text\":\"\"}\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(
        v[1]["entities"].as_array().unwrap().len(),
        0,
        "empty text is an empty document"
    );
}

#[test]
fn jsonl_from_stdin_keeps_ids() {
    let out = run(&["extract", "--input", "jsonl", "-"], b"{\"id\":\"doc-1\",\"text\":\"GENEVA - Kerry arrived.\"}\n\n{\"id\":7,\"text\":\"NATO met.\"}\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = lines(&out);
    assert_eq!(docs[0]["doc"], "doc-1");
    assert_eq!(docs[1]["doc"], "7");
}

#[test]
fn bad_jsonl_record_names_its_line() {
    let input = b"{\"id\":\"a\",\"text\":\"Kerry.\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"Lavrov.\"}\n";
    let out = run(&["extract", "--input", "jsonl", "--strict"], input);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>:2: bad record: missing field `text`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(lines(&out).len(), 1, "--strict stops at the bad record");

    let out = run(&["extract", "--input", "jsonl"], input);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skipped record is a non-zero exit"
    );
    let ids: Vec<String> = lines(&out)
        .iter()
        .map(|d| d["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "c"], "good records around a bad one are kept");
    assert!(
        stderr(&out).contains("1 bad input(s) skipped"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = scratch("utf8");
    let file = dir.join("bad.txt");
    std::fs::write(&file, b"Lavrov met\xff NATO").unwrap();
    let out = run(&["extract", file.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("bad.txt: invalid UTF-8 at byte offset 10"),
        "{}",
        stderr(&out)
    );

    let out = run(&["extract", "--lossy", file.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &lines(&out)[0];
    assert_eq!(doc["entities"].as_array().unwrap().len(), 2);
}

#[test]
fn missing_path_is_status_3_and_others_still_run() {
    let dir = scratch("missing");
    let good = dir.join("good.txt");
    std::fs::write(&good, "Kerry met Lavrov.").unwrap();
    let out = run(
        &[
            "extract",
            dir.join("nope.txt").to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 2, "the error and the count: {err}");
    assert!(err.contains("nope.txt: no such file or directory"), "{err}");
    assert!(
        err.ends_with("newsgraph: 1 bad input(s) skipped\n"),
        "{err}"
    );
    assert_eq!(lines(&out).len(), 1, "the good file is still processed");
}

#[test]
fn empty_file_is_an_empty_document() {
    let dir = scratch("empty");
    let file = dir.join("empty.txt");
    std::fs::write(&file, "").unwrap();
    let out = run(&["extract", file.to_str().unwrap()], b"");
    assert!(out.status.success());
    let docs = lines(&out);
    assert_eq!(docs[0]["doc"], "empty");
    assert!(docs[0]["entities"].as_array().unwrap().is_empty());
}

#[test]
fn bad_gazetteer_line_names_file_and_line() {
    let dir = scratch("gaz");
    let cases: &[(&str, &str, &str)] = &[
        (
            "columns",
            "id\tkind\tname\taliases\tattributes\nx\tperson\tA\n",
            ":2: expected 5 tab-separated columns, found 3",
        ),
        (
            "empty alias",
            "id\tkind\tname\taliases\tattributes\nx\tperson\tA\tB||C\t\n",
            ":2: entry x has an empty alias",
        ),
        (
            "unknown kind",
            "id\tkind\tname\taliases\tattributes\nx\tplanet\tMars\t\t\n",
            ":2: unknown kind \"planet\"",
        ),
        (
            "conflicting kind",
            "id\tkind\tname\taliases\tattributes\nx\tperson\tA\t\t\nx\torg\tB\t\t\n",
            ":3: duplicate id x with conflicting kind ORG",
        ),
    ];
    for (name, tsv, want) in cases {
        let file = dir.join(format!("{}.tsv", name.replace(' ', "-")));
        std::fs::write(&file, tsv).unwrap();
        let out = run(
            &[
                "extract",
                "--no-default-gazetteers",
                "--gazetteer",
                file.to_str().unwrap(),
                "-",
            ],
            b"text",
        );
        assert_eq!(out.status.code(), Some(4), "case {name}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{}{want}", file.display())),
            "case {name}: {err}"
        );
    }
}

#[test]
fn closed_pipe_ends_quietly() {
    let mut input = Vec::new();
    for i in 0..3000 {
        input.extend_from_slice(
            format!("{{\"id\":\"{i}\",\"text\":\"Kerry met Lavrov in Munich.\"}}\n").as_bytes(),
        );
    }
    let mut child = bin()
        .args(["extract", "--input", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
}

fn doc_ids(out: &Output) -> Vec<String> {
    lines(out)
        .iter()
        .map(|d| d["doc"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn bad_text_file_among_good_ones() {
    let dir = scratch("bad-among-good");
    std::fs::write(dir.join("a.txt"), b"Lavrov met\xff NATO").unwrap();
    std::fs::write(dir.join("b.txt"), "Kerry met Lavrov in Munich.").unwrap();
    let out = run(&["extract", dir.to_str().unwrap()], b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skipped file is a non-zero exit"
    );
    assert_eq!(doc_ids(&out), ["b"], "the good file is still written");
    let want = format!(
        "newsgraph: {}: invalid UTF-8 at byte offset 10 (use --lossy to replace it)\n\
         newsgraph: 1 bad input(s) skipped\n",
        dir.join("a.txt").display()
    );
    assert_eq!(stderr(&out), want);
}

#[test]
fn every_kind_of_bad_jsonl_record() {
    let input: &[u8] = b"{\"id\":\"a\",\"text\":\"Kerry.\"}\r\n\
        {\"id\":\"b\"}\n\
        not json\n\
        \n\
        {\"id\":\"c\",\"text\":\"Lavrov \xff.\"}\n\
        {\"id\":\"d\",\"text\":7}\n\
        {\"id\":\"e\",\"text\":\"Munich.\"}";
    let out = run(&["extract", "--input", "jsonl", "--keep-going"], input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(doc_ids(&out), ["a", "e"], "every good record is written");
    assert_eq!(
        stderr(&out),
        "newsgraph: <stdin>:2: bad record: missing field `text` at column 10\n\
         newsgraph: <stdin>:3: bad record: expected ident at column 2\n\
         newsgraph: <stdin>:5: bad record: invalid UTF-8 at byte offset 25 of the line (use --lossy to replace it)\n\
         newsgraph: <stdin>:6: bad record: invalid type: integer `7`, expected a string at column 18\n\
         newsgraph: 4 bad input(s) skipped\n"
    );

    let out = run(
        &["extract", "--input", "jsonl", "--keep-going", "--lossy"],
        input,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(doc_ids(&out), ["a", "c", "e"]);
    assert!(
        stderr(&out).ends_with("newsgraph: 3 bad input(s) skipped\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn missing_and_unreadable_paths_are_status_3_one_line_each() {
    let dir = scratch("unreadable");
    let good = dir.join("good.txt");
    std::fs::write(&good, "Kerry met Lavrov.").unwrap();
    let tree = dir.join("tree");
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::write(tree.join("a.txt"), "Kerry in Geneva.").unwrap();
    // A dangling link: listed in the directory, unreadable.
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("gone.txt"), tree.join("dangling.txt")).unwrap();
    let (nope1, nope2) = (dir.join("nope1.txt"), dir.join("nope2.txt"));
    let out = run(
        &[
            "extract",
            nope1.to_str().unwrap(),
            good.to_str().unwrap(),
            tree.to_str().unwrap(),
            nope2.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        doc_ids(&out),
        ["good", "a"],
        "the readable files are processed"
    );
    let err = stderr(&out);
    let mut want = vec![format!(
        "newsgraph: {}: no such file or directory",
        nope1.display()
    )];
    if cfg!(unix) {
        want.push(format!(
            "newsgraph: {}: no such file or directory",
            tree.join("dangling.txt").display()
        ));
    }
    want.push(format!(
        "newsgraph: {}: no such file or directory",
        nope2.display()
    ));
    // One line per path; files found in a directory are reported with
    // their batch, so after paths that are missing outright.
    let mut got: Vec<&str> = err.lines().collect();
    assert_eq!(
        got.pop(),
        Some(format!("newsgraph: {} bad input(s) skipped", want.len()).as_str())
    );
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);

    // A directory read as JSON Lines is its *.jsonl files: none here, a
    // warning.
    let records = dir.join("ok.jsonl");
    std::fs::write(&records, "{\"id\":\"x\",\"text\":\"Kerry.\"}\n").unwrap();
    let out = run(
        &[
            "extract",
            "--input",
            "jsonl",
            tree.to_str().unwrap(),
            records.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(doc_ids(&out), ["x"]);
    assert_eq!(
        stderr(&out),
        format!(
            "newsgraph: warning: {}: no .jsonl files in this directory\n",
            tree.display()
        )
    );
}

#[test]
fn unreadable_path_wins_over_bad_data_in_the_exit_status() {
    let dir = scratch("both");
    std::fs::write(dir.join("bad.txt"), b"\xc3").unwrap();
    let out = run(
        &[
            "extract",
            dir.join("bad.txt").to_str().unwrap(),
            dir.join("missing.txt").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(stderr(&out).lines().count(), 3, "{}", stderr(&out));
    assert!(lines(&out).is_empty());
}

#[test]
fn closed_pipe_ends_quietly_in_json_format_too() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut child = bin()
        .args(["extract", "--format", "json", seeds.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(stderr(&out), "", "no panic message, no error");
}

#[test]
fn threads_keep_input_order_and_results() {
    // Documents of very different lengths, so that workers finish out of
    // order, and a bad record in the middle.
    let mut input = String::new();
    for i in 0..90 {
        let text = "John Kerry met Sergei Lavrov in Geneva on Friday. ".repeat(1 + (i * 7) % 12);
        input.push_str(&serde_json::json!({"id": format!("d{i}"), "text": text}).to_string());
        input.push('\n');
        if i == 45 {
            input.push_str("{\"id\": \"broken\"\n");
        }
    }
    let outputs: Vec<Output> = ["1", "3"]
        .iter()
        .map(|n| {
            run(
                &[
                    "extract",
                    "--input",
                    "jsonl",
                    "--keep-going",
                    "--threads",
                    n,
                ],
                input.as_bytes(),
            )
        })
        .collect();
    for out in &outputs {
        assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
        assert!(
            stderr(out).contains("<stdin>:47: bad record"),
            "{}",
            stderr(out)
        );
    }
    let ids: Vec<String> = lines(&outputs[0])
        .iter()
        .map(|d| d["doc"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = (0..90).map(|i| format!("d{i}")).collect();
    assert_eq!(ids, want);
    assert!(lines(&outputs[0])[0]["relations"]
        .as_array()
        .is_some_and(|r| !r.is_empty()));
    for out in &outputs[1..] {
        assert_eq!(
            out.stdout, outputs[0].stdout,
            "same bytes whatever --threads"
        );
    }

    // With --strict, several threads stop at the same record.
    let out = run(
        &["extract", "--input", "jsonl", "--strict", "--threads", "2"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out).len(), 46);
}

/// Issue 21: two rule files found by fuzzing crashed `extract` with status
/// 101. Now each is a load-time `file:line: reason` error, status 4.
#[test]
fn rule_files_that_once_crashed_are_load_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions/rules");
    let text = scratch("rule-crashes").join("munich.txt");
    std::fs::write(&text, super::fuzz_checks::RULES_TEXT).unwrap();
    for (file, want) in [
        (
            "glued-punctuation-quote-capture.rules",
            ":3: `QUOTE,,` is not one token as text is cut",
        ),
        (
            "optional-unknown-word-quote-capture.rules",
            ":2: capture `quote` may take only quotations (`QUOTE`)",
        ),
    ] {
        let rules = dir.join(file);
        let out = run(
            &[
                "extract",
                "--no-default-rules",
                "--rules",
                rules.to_str().unwrap(),
                text.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(4), "{file}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{}{want}", rules.display())),
            "{file}: {err}"
        );
    }
}
