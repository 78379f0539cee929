//! The corpus runner and the command line over it: document ids, bad
//! input, warnings, dates, Document JSON Lines as input, exit statuses.

use std::path::Path;
use std::process::Output;

use newsgraph::corpus::{Corpus, Input, InputFormat, Processed, Runner};
use newsgraph::{Document, ErrorKind, Extractor};

use crate::cli::{lines, run, scratch, stderr};

fn ids(out: &Output) -> Vec<String> {
    lines(out)
        .iter()
        .map(|d| d["doc"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ids_are_paths_relative_to_the_argument() {
    let dir = scratch("corpus-ids");
    for sub in ["2016/a", "2017/b"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("story.txt"), "Kerry met Lavrov.").unwrap();
    }
    let out = run(&["extract", dir.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids(&out), ["2016/a/story", "2017/b/story"]);
}

#[test]
fn a_real_collision_is_a_bad_input_naming_the_first() {
    let dir = scratch("corpus-collision");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("story.txt"), "Kerry met Lavrov.").unwrap();
    }
    let (a, b) = (dir.join("a"), dir.join("b"));
    let out = run(&["extract", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ids(&out), ["story"], "the first keeps its id");
    let want = format!(
        "newsgraph: {}: document id \"story\" is already the id of {}\n",
        b.join("story.txt").display(),
        a.join("story.txt").display()
    );
    assert!(stderr(&out).starts_with(&want), "{}", stderr(&out));

    // JSON Lines records alike.
    let out = run(
        &["extract", "--input", "jsonl"],
        b"{\"id\":\"x\",\"text\":\"Kerry.\"}\n{\"id\":\"x\",\"text\":\"Lavrov.\"}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ids(&out), ["x"]);
    assert!(
        stderr(&out).contains("<stdin>:2: document id \"x\" is already the id of <stdin>:1"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn warnings_for_an_empty_directory_and_json_read_as_text() {
    let dir = scratch("corpus-warnings");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let records = dir.join("records.jsonl");
    std::fs::write(
        &records,
        "{\"id\": \"a\", \"text\": \"Kerry met Lavrov.\"}\n",
    )
    .unwrap();
    let out = run(
        &[
            "extract",
            empty.to_str().unwrap(),
            records.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "warnings are not errors");
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "newsgraph: warning: {}: no .txt files in this directory",
            empty.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "newsgraph: warning: {}: looks like JSON Lines but is read as text",
            records.display()
        )),
        "{err}"
    );
    assert_eq!(ids(&out), ["records"]);
}

#[test]
fn a_records_date_is_the_documents_date() {
    let input = b"{\"id\":\"a\",\"date\":\"2016-02-15T09:00:00Z\",\"text\":\"John Kerry met Sergei Lavrov in Munich on Friday.\"}\n\
                  {\"id\":\"b\",\"date\":\"15/02/2016\",\"text\":\"Kerry.\"}\n";
    let out = run(&["extract", "--input", "jsonl"], input);
    assert_eq!(out.status.code(), Some(1));
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["date"], "2016-02-15");
    assert_eq!(docs[0]["relations"][0]["date"], "2016-02-12", "last Friday");
    assert!(
        stderr(&out).contains("<stdin>:2: bad record: date \"15/02/2016\" is not YYYY-MM-DD"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn extract_once_graph_many_times() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let seeds = seeds.to_str().unwrap();
    let documents = run(&["extract", "--format", "jsonl", seeds], b"");
    assert!(documents.status.success());
    let from_documents = run(&["graph", "--input", "documents", "-"], &documents.stdout);
    assert!(
        from_documents.status.success(),
        "{}",
        stderr(&from_documents)
    );
    let direct = run(&["graph", seeds], b"");
    assert_eq!(from_documents.stdout, direct.stdout, "the same bytes");
    // And `extract --input documents` writes them back unchanged.
    let again = run(&["extract", "--input", "documents", "-"], &documents.stdout);
    assert_eq!(again.stdout, documents.stdout);

    // A bad document line is a bad input with its line.
    let mut broken = documents.stdout.clone();
    broken.extend_from_slice(
        b"{\"doc\":\"z\",\"entities\":[],\"relations\":[{\"type\":\"MEETS\"}]}\n",
    );
    let out = run(&["graph", "--input", "documents", "-"], &broken);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>:6: bad document: missing field"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn exit_statuses_are_distinct() {
    let dir = scratch("corpus-status");
    let text = dir.join("a.txt");
    std::fs::write(&text, "Kerry met Lavrov.").unwrap();
    let t = text.to_str().unwrap();
    let code = |args: &[&str]| run(args, b"").status.code();
    assert_eq!(code(&["extract", t]), Some(0));
    assert_eq!(code(&["extract", "--no-such-flag", t]), Some(2), "usage");
    assert_eq!(
        code(&["extract", dir.join("none.txt").to_str().unwrap()]),
        Some(3),
        "unreadable"
    );
    let bad_rules = dir.join("bad.rules");
    std::fs::write(&bad_rules, "nonsense\n").unwrap();
    assert_eq!(
        code(&["extract", "--rules", bad_rules.to_str().unwrap(), t]),
        Some(4),
        "config"
    );
    if Path::new("/dev/full").exists() {
        assert_eq!(code(&["graph", t, "-o", "/dev/full"]), Some(5), "output");
    } else {
        eprintln!("skipped the output-status check: no /dev/full on this system");
    }
}

#[test]
fn the_library_runs_a_corpus_in_input_order() {
    let dir = scratch("corpus-library");
    let mut lines = String::new();
    for i in 0..40 {
        lines.push_str(&format!(
            "{{\"id\":\"d{i:02}\",\"text\":\"John Kerry met Sergei Lavrov in Munich. {i}\"}}\n"
        ));
        if i == 20 {
            lines.push_str("not json\n");
        }
    }
    let file = dir.join("in.jsonl");
    std::fs::write(&file, lines).unwrap();
    let x = Extractor::default();
    let mut corpus = Corpus::new([&file]);
    corpus.format(InputFormat::Jsonl);
    for threads in [1, 3] {
        let (mut ids, mut bad) = (Vec::new(), Vec::new());
        Runner::new(&x)
            .threads(threads)
            .run(
                corpus.inputs(),
                |doc: Document| (doc.id().to_string(), doc.relations().len()),
                |out| {
                    match out {
                        Processed::Done((id, relations)) => {
                            assert_eq!(relations, 1, "{id}");
                            ids.push(id);
                        }
                        Processed::Bad(e) => bad.push(e),
                        other => panic!("{other:?}"),
                    }
                    Ok(true)
                },
            )
            .unwrap();
        let want: Vec<String> = (0..40).map(|i| format!("d{i:02}")).collect();
        assert_eq!(ids, want, "{threads} threads");
        assert_eq!(bad.len(), 1);
        assert_eq!((bad[0].kind(), bad[0].line()), (ErrorKind::Json, Some(22)));
    }
    // A sink that says stop stops.
    let mut seen = 0;
    Runner::new(&x)
        .threads(2)
        .run(
            corpus.inputs(),
            |_doc| (),
            |_| {
                seen += 1;
                Ok(seen < 5)
            },
        )
        .unwrap();
    assert_eq!(seen, 5);
    // Inputs of a missing path: one bad input naming it.
    let inputs: Vec<Input> = Corpus::new(["no/such/place"]).inputs().collect();
    assert!(matches!(&inputs[..], [Input::Bad(e)] if e.kind() == ErrorKind::Io));
}
