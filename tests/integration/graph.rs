//! The entity graph: the seeds' meetings, golden exports, hostile names
//! through every format, guess folding, the merge laws, and real consumers
//! (networkx, Graphviz) reading the exports.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use newsgraph::{
    DefaultGazetteers, EntityGraph, Extractor, GraphFilter, Modality, RelationKind, Source,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const KERRY: &str = "person:john-kerry";
const LAVROV: &str = "person:sergei-lavrov";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed articles as (id, text), sorted by id.
fn seed_texts() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_str().unwrap().to_string();
            (id, fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn seeds_graph() -> &'static EntityGraph {
    static GRAPH: OnceLock<EntityGraph> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let x = Extractor::default();
        let mut g = EntityGraph::new();
        for (id, text) in seed_texts() {
            g.add(&x.extract(&id, &text));
        }
        g
    })
}

fn json_bytes(g: &EntityGraph) -> Vec<u8> {
    let mut out = Vec::new();
    g.write_json(&mut out).unwrap();
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn seeds_kerry_and_lavrov_meet_once_per_place() {
    let g = seeds_graph();
    let mut places: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in g.meetings() {
        if (m.a.id().as_str(), m.b.id().as_str()) == (KERRY, LAVROV) {
            let place = m.place.map_or("?", |p| p.name()).to_string();
            let docs = m.edge.documents().map(|d| d.to_string()).collect();
            assert!(
                places.insert(place.clone(), docs).is_none(),
                "two Kerry–Lavrov edges at {place}"
            );
            assert!(m.edge.evidence().all(|e| e.modality == Modality::Asserted));
        }
    }
    let want: BTreeMap<String, Vec<String>> = [
        ("Geneva", &["001_1cee79bf6af008b7"][..]),
        ("Hamburg", &["004_84135d7aa731eddd"]),
        ("Munich", &["000_5d4fefdc7511866f", "003_47427ce8c2fb7d6e"]),
        ("New York City", &["002_5affd8a61d8b978a"]),
    ]
    .into_iter()
    .map(|(p, d)| (p.to_string(), d.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(places, want);
}

#[test]
fn seeds_have_one_node_per_person() {
    let g = seeds_graph();
    let kerry = g.node(KERRY).unwrap();
    let forms: Vec<&str> = kerry.forms().collect();
    for f in ["John Kerry", "John F. Kerry", "Kerry"] {
        assert!(forms.contains(&f), "{f} not among {forms:?}");
    }
    assert_eq!(kerry.documents().count(), 5);
    let kerries: Vec<&str> = g
        .nodes()
        .filter(|n| {
            n.name().to_lowercase().contains("kerry")
                || n.forms().any(|f| f.to_lowercase().contains("kerry"))
        })
        .map(|n| n.id().as_str())
        .collect();
    assert_eq!(kerries, [KERRY]);
    assert_eq!(g.node_by_name("JOHN KERRY").unwrap().id().as_str(), KERRY);
    let mut names: Vec<&str> = g.nodes().map(|n| n.name()).collect();
    let all = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all, "a canonical name on two nodes");
}

#[test]
fn typed_access_on_the_seeds() {
    let g = seeds_graph();
    let met: Vec<&str> = g
        .neighbors(LAVROV, RelationKind::Meets)
        .map(|n| n.name())
        .collect();
    assert_eq!(met, ["John Kerry", "Staffan de Mistura"]);
    assert_eq!(g.edges_of_kind(RelationKind::Meets).count(), 6);
    let roles: Vec<&str> = g
        .edges_of_kind(RelationKind::HoldsRole)
        .filter(|e| e.source().as_str() == LAVROV)
        .filter_map(|e| e.role())
        .collect();
    assert!(roles.contains(&"Foreign Minister"), "{roles:?}");
    assert_eq!(
        g.edges_with_modality(Modality::Asserted).count()
            + g.edges()
                .filter(|e| !e.has_modality(Modality::Asserted))
                .count(),
        g.edge_count()
    );

    let mut f = GraphFilter::new();
    f.relations([RelationKind::Meets]).min_evidence(2);
    let strong = g.filter(&f);
    let places: Vec<&str> = strong.meetings().map(|m| m.place.unwrap().name()).collect();
    assert_eq!(
        places,
        ["Geneva", "Munich", "Hamburg"],
        "sorted by place id"
    );
    assert_eq!(strong.node_count(), 5, "two people and three places");
    let none = g.filter(
        GraphFilter::new()
            .modalities([Modality::Negated])
            .relations([RelationKind::Meets]),
    );
    assert_eq!(none.edge_count(), 0);
}

/// Compares with a file under tests/golden, or rewrites it when
/// NEWSGRAPH_BLESS is set.
fn golden(name: &str, actual: &[u8]) {
    let path = root().join("tests").join("golden").join(name);
    if std::env::var_os("NEWSGRAPH_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let want = fs::read(&path).unwrap_or_else(|e| {
        panic!("tests/golden/{name}: {e} (NEWSGRAPH_BLESS=1 cargo test writes it)")
    });
    if want != actual {
        let (want, got) = (
            String::from_utf8_lossy(&want),
            String::from_utf8_lossy(actual),
        );
        let line = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(got.lines().count()));
        panic!(
            "tests/golden/{name} differs at line {}:\n- {}\n+ {}\n(review, then NEWSGRAPH_BLESS=1 cargo test)",
            line + 1,
            want.lines().nth(line).unwrap_or("<end>"),
            got.lines().nth(line).unwrap_or("<end>"),
        );
    }
}

#[test]
fn golden_exports_of_the_seed_meetings() {
    let g = seeds_graph().filter(GraphFilter::new().relations([RelationKind::Meets]));
    let mut out = Vec::new();
    g.write_json(&mut out).unwrap();
    golden("seeds-meets.json", &out);
    out.clear();
    g.write_jsonl(&mut out).unwrap();
    golden("seeds-meets.jsonl", &out);
    out.clear();
    g.write_dot(&mut out).unwrap();
    golden("seeds-meets.dot", &out);
    out.clear();
    g.write_graphml(&mut out).unwrap();
    golden("seeds-meets.graphml", &out);
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    g.write_csv(&mut nodes, &mut edges).unwrap();
    golden("seeds-meets.nodes.csv", &nodes);
    golden("seeds-meets.edges.csv", &edges);
}

#[test]
fn csv_has_neo4j_bulk_import_headers() {
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    seeds_graph().write_csv(&mut nodes, &mut edges).unwrap();
    let (nodes, edges) = (
        String::from_utf8(nodes).unwrap(),
        String::from_utf8(edges).unwrap(),
    );
    let header = |s: &str| {
        s.lines()
            .next()
            .unwrap()
            .split(',')
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let nh = header(&nodes);
    assert_eq!(&nh[..3], ["id:ID", "name", ":LABEL"]);
    let eh = header(&edges);
    assert_eq!(&eh[..3], [":START_ID", ":END_ID", ":TYPE"]);
    for h in nh.iter().chain(&eh) {
        let ty = h.split(':').nth(1).unwrap_or("");
        assert!(
            ["", "ID", "LABEL", "START_ID", "END_ID", "TYPE", "int", "string[]"].contains(&ty),
            "{h}"
        );
    }
    assert_eq!(nodes.lines().count(), seeds_graph().node_count() + 1);
    let kerry_lavrov = edges
        .lines()
        .filter(|l| l.starts_with("person:john-kerry,person:sergei-lavrov,MEETS,"))
        .count();
    assert_eq!(kerry_lavrov, 4);
}

// Hostile names: every markup character of every format, line breaks and
// non-Latin scripts, in ids, names, roles and evidence.

const HOSTILE: [(&str, &str, &str); 5] = [
    (
        "person:o'brien",
        "PERSON",
        "Seán \"The Bull\" O'Brien & <Co>",
    ),
    ("person:back\\slash", "PERSON", "ends in a backslash \\"),
    ("org:a&b<c>", "ORG", "Line one\nLine two, \"quoted\"; semi"),
    ("place:北京", "PLACE", "北京市 — Пекин العربية"),
    ("org:crlf", "ORG", " spaced\r\nout, \\N 'single' "),
];

fn hostile_graph() -> EntityGraph {
    let nodes: Vec<Value> = HOSTILE
        .iter()
        .map(|(id, kind, name)| {
            json!({"id": id, "name": name, "type": kind, "source": "gazetteer",
                   "documents": {"doc \"1\"\n": 2}, "forms": [name]})
        })
        .collect();
    let ev = |rule: &str| {
        json!([{"doc": "doc \"1\"\n", "start": 0, "end": 9, "text": "<b>&amp;\"\n</b>",
                "rule": rule, "modality": "asserted"}])
    };
    let data = json!({
        "directed": true, "multigraph": true, "graph": {},
        "nodes": nodes,
        "links": [
            {"source": HOSTILE[0].0, "target": HOSTILE[1].0, "type": "MEETS", "place": HOLD_PLACE, "evidence": ev("meet/x")},
            {"source": HOSTILE[0].0, "target": HOSTILE[2].0, "type": "HOLDS_ROLE", "role": "CEO \"&\" <chief>\nnew", "evidence": ev("role/x")},
            {"source": HOSTILE[2].0, "target": HOSTILE[3].0, "type": "LOCATED_IN", "evidence": ev("located/x")},
            {"source": HOSTILE[1].0, "target": HOSTILE[1].0, "type": "SAID", "evidence": ev("said/x")},
        ]
    });
    EntityGraph::from_json(data.to_string().as_bytes()).unwrap()
}

const HOLD_PLACE: &str = "place:北京";

/// Undoes GraphML's escaping of a text node.
fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#9;", "\t")
        .replace("&#10;", "\n")
        .replace("&#13;", "\r")
        .replace("&amp;", "&")
}

/// Parses RFC 4180 CSV.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

/// Reads the DOT strings `"…"` of a line, undoing the exporter's escapes.
fn dot_strings(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut inside) = (Vec::new(), String::new(), false);
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (inside, c) {
            (true, '\\') => match chars.next() {
                Some('n') => cur.push('\n'),
                Some(c) => cur.push(c),
                None => {}
            },
            (true, '"') => {
                out.push(std::mem::take(&mut cur));
                inside = false;
            }
            (true, c) => cur.push(c),
            (false, '"') => inside = true,
            _ => {}
        }
    }
    out
}

#[test]
fn hostile_names_survive_every_format() {
    let g = hostile_graph();
    assert_eq!((g.node_count(), g.edge_count()), (5, 4));
    // The name as a line-based format keeps it: \r\n is one line break.
    let lines = |s: &str| s.replace("\r\n", "\n");

    let json = json_bytes(&g);
    let back = EntityGraph::from_json(&json[..]).unwrap();
    assert_eq!(json_bytes(&back), json, "json round trip");
    for (id, _, name) in HOSTILE {
        assert_eq!(back.node(id).unwrap().name(), name);
    }
    let role = back.edges_of_kind(RelationKind::HoldsRole).next().unwrap();
    assert_eq!(role.role(), Some("CEO \"&\" <chief>\nnew"));

    let mut out = Vec::new();
    g.write_jsonl(&mut out).unwrap();
    let records: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 9);
    for (id, _, name) in HOSTILE {
        let r = records.iter().find(|r| r["id"] == id).unwrap();
        assert_eq!(
            (r["record"].as_str(), r["name"].as_str()),
            (Some("node"), Some(name))
        );
    }

    let mut out = Vec::new();
    g.write_graphml(&mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    let ids: Vec<String> = regex::Regex::new(r#"<node id="([^"]*)">"#)
        .unwrap()
        .captures_iter(&xml)
        .map(|c| xml_unescape(&c[1]))
        .collect();
    let names: Vec<String> = regex::Regex::new(r#"<data key="n_name">([^<]*)</data>"#)
        .unwrap()
        .captures_iter(&xml)
        .map(|c| xml_unescape(&c[1]))
        .collect();
    let mut want: Vec<(String, String)> = HOSTILE
        .iter()
        .map(|(i, _, n)| (i.to_string(), n.to_string()))
        .collect();
    want.sort();
    assert_eq!(ids.into_iter().zip(names).collect::<Vec<_>>(), want);
    assert!(!xml.contains("\n\"") && xml.lines().all(|l| l.trim_start().starts_with('<')));

    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    g.write_csv(&mut nodes, &mut edges).unwrap();
    let rows = csv_rows(&String::from_utf8(nodes).unwrap());
    let got: Vec<(String, String)> = rows[1..]
        .iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    assert_eq!(got, want);
    let rows = csv_rows(&String::from_utf8(edges).unwrap());
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.len() == 10), "{rows:?}");
    assert!(rows.iter().any(|r| r[5] == "CEO \"&\" <chief>\nnew"));

    let mut out = Vec::new();
    g.write_dot(&mut out).unwrap();
    let dot = String::from_utf8(out).unwrap();
    let mut got: Vec<(String, String)> = dot
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.contains(" -> "))
        .map(|l| {
            let s = dot_strings(l);
            (s[0].clone(), s[1].clone())
        })
        .collect();
    got.sort();
    let want: Vec<(String, String)> = want.into_iter().map(|(i, n)| (i, lines(&n))).collect();
    assert_eq!(got, want);
    assert_eq!(dot.lines().filter(|l| l.contains(" -> ")).count(), 4);
}

#[test]
fn a_guess_folds_into_the_one_entity_it_names() {
    let node = |id: &str, name: &str, source: &str, forms: &[&str], doc: &str| {
        json!({"id": id, "name": name, "type": "PERSON", "source": source,
               "documents": {doc: 1}, "forms": forms})
    };
    let ev = |doc: &str| json!([{"doc": doc, "start": 0, "end": 5, "text": "x", "rule": "r", "modality": "asserted"}]);
    let graph = |nodes: Vec<Value>, links: Vec<Value>| {
        EntityGraph::from_json(
            json!({"nodes": nodes, "links": links})
                .to_string()
                .as_bytes(),
        )
        .unwrap()
    };
    let kerry = node(
        KERRY,
        "John Kerry",
        "gazetteer",
        &["John Kerry", "Kerry"],
        "a",
    );
    let lavrov = node(LAVROV, "Sergei Lavrov", "gazetteer", &["Lavrov"], "a");
    let guess = node("guess:person:kerry", "KERRY", "guess", &["KERRY"], "b");
    let links = vec![
        json!({"source": KERRY, "target": LAVROV, "type": "MEETS", "evidence": ev("a")}),
        json!({"source": LAVROV, "target": "guess:person:kerry", "type": "MEETS", "evidence": ev("b")}),
    ];
    let g = graph(
        vec![kerry.clone(), lavrov.clone(), guess.clone()],
        links.clone(),
    );
    assert_eq!(g.node_count(), 2);
    let n = g.node("guess:person:kerry").unwrap();
    assert_eq!(n.id().as_str(), KERRY);
    assert_eq!(
        n.merged().map(|m| m.as_str()).collect::<Vec<_>>(),
        ["guess:person:kerry"]
    );
    assert_eq!(n.mention_count(), 2);
    let edges: Vec<_> = g.edges().collect();
    assert_eq!(edges.len(), 1, "the two meetings are one edge");
    assert!(edges[0].documents().eq(["a", "b"]));

    // A second entity known as "Kerry": the guess is ambiguous and stays.
    let teresa = node(
        "person:teresa-heinz-kerry",
        "Teresa Heinz Kerry",
        "gazetteer",
        &["Kerry"],
        "c",
    );
    let g = graph(vec![kerry, lavrov, guess.clone(), teresa], links);
    assert_eq!(g.node_count(), 4);
    assert_eq!(
        g.node("guess:person:kerry").unwrap().source(),
        Source::Guess
    );
    assert_eq!(g.edge_count(), 2);

    // No gazetteer entity of that name: the guess stays.
    let g = graph(vec![guess], vec![]);
    assert_eq!(g.node("guess:person:kerry").unwrap().name(), "KERRY");
}

fn have(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes a graph the five ways tests/check_exports.py reads.
fn write_all(g: &EntityGraph, dir: &Path) {
    g.write_json(fs::File::create(dir.join("graph.json")).unwrap())
        .unwrap();
    g.write_graphml(fs::File::create(dir.join("graph.graphml")).unwrap())
        .unwrap();
    g.write_dot(fs::File::create(dir.join("graph.dot")).unwrap())
        .unwrap();
    let (n, e) = (
        fs::File::create(dir.join("nodes.csv")).unwrap(),
        fs::File::create(dir.join("edges.csv")).unwrap(),
    );
    g.write_csv(n, e).unwrap();
}

#[test]
fn networkx_and_graphviz_read_the_exports() {
    if !have("python3", &["-c", "import networkx"]) || !have("dot", &["-V"]) {
        // A skip must say so: tests/all.sh prints it and sets the variable;
        // anywhere else a missing tool is a failure, not a quiet "ok".
        assert!(
            std::env::var_os("NEWSGRAPH_SKIP_EXTERNAL").is_some(),
            "python3 with networkx, or graphviz's dot, is missing: install them \
             (apt-get install graphviz; pip install networkx), or set \
             NEWSGRAPH_SKIP_EXTERNAL=1 to skip the real-consumer checks"
        );
        return;
    }
    let script = root().join("tests").join("check_exports.py");
    for (name, graph, flags) in [
        ("seeds", seeds_graph().clone(), &["--seeds"][..]),
        ("hostile", hostile_graph(), &[][..]),
    ] {
        let dir = scratch(&format!("graph-{name}"));
        write_all(&graph, &dir);
        let out = Command::new("python3")
            .arg(&script)
            .args(flags)
            .arg(&dir)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("all checks passed"),
            "{name}:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

// The command line.

fn newsgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_merge_of_shards_is_the_graph_of_all() {
    let dir = scratch("graph-shards");
    let (a, b) = (dir.join("a"), dir.join("b"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    for (i, (id, text)) in seed_texts().into_iter().enumerate() {
        let shard = if i % 2 == 0 { &a } else { &b };
        fs::write(shard.join(format!("{id}.txt")), text).unwrap();
    }
    let p = |x: &Path| x.to_str().unwrap().to_string();
    for (shard, out) in [(&a, "a.json"), (&b, "b.json")] {
        let o = newsgraph(&["graph", &p(shard), "-o", &p(&dir.join(out))]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let merged = newsgraph(&["merge", &p(&dir.join("b.json")), &p(&dir.join("a.json"))]);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert_eq!(merged.stdout, json_bytes(seeds_graph()));

    let meets = newsgraph(&[
        "merge",
        &p(&dir.join("a.json")),
        &p(&dir.join("b.json")),
        "--relations",
        "MEETS",
        "--modality",
        "asserted",
        "--min-evidence",
        "3",
        "--format",
        "jsonl",
    ]);
    let text = String::from_utf8(meets.stdout).unwrap();
    let edges: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["record"] == "edge")
        .collect();
    assert_eq!(edges.len(), 3, "{text}");
    assert!(edges
        .iter()
        .all(|e| e["type"] == "MEETS" && e["evidence_count"].as_u64() >= Some(3)));
}

#[test]
fn cli_graph_formats_and_errors() {
    let dir = scratch("graph-cli");
    let seeds = root().join("seeds").join("001_1cee79bf6af008b7.txt");
    let seeds = seeds.to_str().unwrap();
    let csv = newsgraph(&["graph", seeds, "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&csv.stderr).contains("-o DIR"));

    // `merge` of one graph writes it in any format, without extracting.
    let graph = dir.join("seeds.json");
    fs::write(&graph, json_bytes(seeds_graph())).unwrap();
    let graph = graph.to_str().unwrap();
    let out = dir.join("csv");
    let csv = newsgraph(&[
        "merge",
        graph,
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(csv.status.success());
    let edges = fs::read_to_string(out.join("edges.csv")).unwrap();
    assert!(edges.starts_with(":START_ID,:END_ID,:TYPE,"));
    assert_eq!(edges.lines().count(), seeds_graph().edge_count() + 1);
    let nodes = fs::read_to_string(out.join("nodes.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,name,:LABEL,"));

    let dot = newsgraph(&["merge", graph, "--format", "dot", "--relations", "MEETS"]);
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert_eq!(dot.lines().filter(|l| l.contains(" -> ")).count(), 6);

    let bad = dir.join("bad.json");
    fs::write(&bad, r#"{"nodes": [], "links": [{"source": "x", "target": "y", "type": "MEETS", "evidence": []}]}"#).unwrap();
    let o = newsgraph(&["merge", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.json: graph json: links[0]: unknown node \"x\""),
        "{err}"
    );
    assert!(o.stdout.is_empty());
    let o = newsgraph(&["merge", dir.join("missing.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    let o = newsgraph(&["graph", seeds, "--relations", "KNOWS"]);
    assert_eq!(o.status.code(), Some(2), "clap rejects an unknown type");
}

#[test]
fn cli_graph_skips_bad_input_and_writes_nothing_when_strict() {
    use std::io::Write;
    use std::process::Stdio;
    let input =
        "{\"id\": \"a\", \"text\": \"John Kerry met Sergei Lavrov in Geneva.\"}\nnot json\n";
    let run = |extra: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["graph", "--input", "jsonl", "--format", "jsonl"])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        child.wait_with_output().unwrap()
    };
    let strict = run(&["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(strict.stdout.is_empty());
    assert!(String::from_utf8_lossy(&strict.stderr).contains("<stdin>:2: bad record"));
    let lenient = run(&[]);
    assert_eq!(lenient.status.code(), Some(1));
    let text = String::from_utf8(lenient.stdout).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.contains(r#""type":"MEETS""#))
            .count(),
        1,
        "{text}"
    );
}

// The merge laws, on graphs of random facts and of random documents.

const POOL: [(&str, &str, &str, &str); 9] = [
    (KERRY, "PERSON", "gazetteer", "John Kerry"),
    (
        "person:teresa-heinz-kerry",
        "PERSON",
        "gazetteer",
        "Teresa Heinz Kerry",
    ),
    (LAVROV, "PERSON", "gazetteer", "Sergei Lavrov"),
    ("guess:person:kerry", "PERSON", "guess", "Kerry"),
    ("guess:person:lavrov", "PERSON", "guess", "LAVROV"),
    ("geonames:2867714", "PLACE", "gazetteer", "Munich"),
    ("guess:place:munich", "PLACE", "guess", "munich"),
    ("country:DE", "PLACE", "gazetteer", "Germany"),
    ("org:un", "ORG", "gazetteer", "United Nations"),
];
const FORMS: [&str; 6] = [
    "Kerry",
    "John F. Kerry",
    "Lavrov",
    "München",
    "Munich",
    "U.N.",
];
const DOCS: [&str; 3] = ["d1", "d2", "d3"];
const TYPES: [&str; 4] = ["MEETS", "HOLDS_ROLE", "LOCATED_IN", "SAID"];
const MODALITIES: [&str; 4] = ["asserted", "planned", "hypothetical", "negated"];

fn node_strategy() -> impl Strategy<Value = Value> {
    (
        0..POOL.len(),
        prop::sample::subsequence(FORMS.to_vec(), 0..3),
        prop::collection::btree_map(prop::sample::select(DOCS.to_vec()), 1..4usize, 1..3),
        prop::option::of(prop::sample::select(vec!["city", "country"])),
        any::<bool>(),
    )
        .prop_map(|(i, forms, docs, subkind, shout)| {
            let (id, kind, source, name) = POOL[i];
            let name = if shout {
                name.to_uppercase()
            } else {
                name.to_string()
            };
            json!({"id": id, "type": kind, "source": source, "name": name,
                   "subkind": subkind, "forms": forms, "documents": docs})
        })
}

fn link_strategy() -> impl Strategy<Value = (usize, usize, Option<usize>, Value)> {
    let evidence = (
        prop::sample::select(DOCS.to_vec()),
        0..40usize,
        0..10usize,
        prop::sample::select(vec!["r/a", "r/b"]),
        prop::sample::select(MODALITIES.to_vec()),
        prop::sample::select(vec!["Kerry met Lavrov.", "“Yes,” he said <&>"]),
    )
        .prop_map(|(doc, start, len, rule, modality, text)| {
            json!({"doc": doc, "start": start, "end": start + len, "text": text,
                   "rule": rule, "modality": modality})
        });
    (
        0..TYPES.len(),
        any::<usize>(),
        any::<usize>(),
        prop::option::of(any::<usize>()),
        prop::sample::select(vec!["Foreign Minister", "foreign  minister", "Envoy"]),
        prop::collection::vec(evidence, 1..3),
    )
        .prop_map(|(t, s, d, place, role, evidence)| {
            let link = json!({"type": TYPES[t], "role": role, "evidence": evidence});
            (s, d, place, link)
        })
}

/// A graph of random facts over the pool of ids.
fn graph_strategy() -> impl Strategy<Value = EntityGraph> {
    (
        prop::collection::vec(node_strategy(), 0..6),
        prop::collection::vec(link_strategy(), 0..6),
    )
        .prop_map(|(nodes, links)| {
            let ids: Vec<Value> = nodes.iter().map(|n| n["id"].clone()).collect();
            let links: Vec<Value> = if ids.is_empty() {
                Vec::new()
            } else {
                links
                    .into_iter()
                    .map(|(s, d, place, mut link)| {
                        link["source"] = ids[s % ids.len()].clone();
                        link["target"] = ids[d % ids.len()].clone();
                        if let Some(p) = place {
                            link["place"] = ids[p % ids.len()].clone();
                        }
                        link
                    })
                    .collect()
            };
            let data = json!({"nodes": nodes, "links": links});
            EntityGraph::from_json(data.to_string().as_bytes()).unwrap()
        })
}

fn merged(a: &EntityGraph, b: &EntityGraph) -> EntityGraph {
    let mut out = a.clone();
    out.merge(b.clone());
    out
}

const TINY_GAZETTEER: &str = "id\tkind\tname\taliases\tattributes\n\
    person:ann-lee\tperson\tAnn Lee\tLee\t\n\
    person:bo-chan\tperson\tBo Chan\tChan\t\n\
    place:lyon\tplace/city\tLyon\t\tcountry=France\n\
    place:france\tplace/country\tFrance\t\t\n\
    org:acme\torg/company\tAcme Corporation\tAcme\t\n";

const SENTENCES: [&str; 8] = [
    "Ann Lee met Bo Chan in Lyon.",
    "Lee and Chan will meet in France.",
    "\"We agreed,\" Chan said.",
    "Acme Corporation is based in Lyon.",
    "Senator Tom Ray met Ann Lee on Monday.",
    "LYON — Chan met Lee here.",
    "Lee said the talks were useful.",
    "Ray and Chan did not meet.",
];

fn tiny_extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| {
        Extractor::builder()
            .default_gazetteers(DefaultGazetteers::Exclude)
            .gazetteer_str("tiny.tsv", TINY_GAZETTEER)
            .build()
            .unwrap()
    })
}

proptest! {
    #[test]
    fn merge_is_associative_commutative_and_idempotent(
        a in graph_strategy(), b in graph_strategy(), c in graph_strategy()
    ) {
        let left = merged(&merged(&a, &b), &c);
        let right = merged(&a, &merged(&b, &c));
        prop_assert_eq!(&left, &right);
        prop_assert_eq!(json_bytes(&left), json_bytes(&right));
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        prop_assert_eq!(json_bytes(&merged(&a, &b)), json_bytes(&merged(&b, &a)));
        prop_assert_eq!(merged(&a, &a), a);
    }

    #[test]
    fn reading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = EntityGraph::from_json(&bytes[..]);
    }

    #[test]
    fn json_export_import_round_trips(g in graph_strategy()) {
        let json = json_bytes(&g);
        let back = EntityGraph::from_json(&json[..]).unwrap();
        prop_assert_eq!(json_bytes(&back), json);
        prop_assert_eq!(back.node_count(), g.node_count());
        prop_assert_eq!(back.edge_count(), g.edge_count());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn graphs_of_documents_merge_in_any_order(
        docs in prop::collection::vec(
            (0..4usize, prop::collection::vec(0..SENTENCES.len(), 1..4), 0..3usize),
            1..7,
        )
    ) {
        let x = tiny_extractor();
        let mut all = EntityGraph::new();
        let mut shards = [EntityGraph::new(), EntityGraph::new(), EntityGraph::new()];
        for (id, sentences, shard) in &docs {
            let text: Vec<&str> = sentences.iter().map(|&i| SENTENCES[i]).collect();
            let doc = x.extract(&format!("doc{id}"), &text.join(" "));
            all.add(&doc);
            shards[*shard].add(&doc);
        }
        let [a, b, c] = shards;
        let abc = merged(&merged(&a, &b), &c);
        let cba = merged(&c, &merged(&b, &a));
        prop_assert_eq!(json_bytes(&abc), json_bytes(&cba));
        // Adding a document is merging its graph: the shards add up to the
        // whole, even when two documents share an id.
        prop_assert_eq!(json_bytes(&abc), json_bytes(&all));
    }
}

/// `(source, target, key)` → (statements, documents, modalities, rules) of
/// each edge: what a bound on evidence must leave exact.
type Tallies = BTreeMap<(String, String, String), (usize, Vec<String>, Vec<String>, Vec<String>)>;

fn tallies(g: &EntityGraph) -> Tallies {
    g.edges()
        .map(|e| {
            (
                (
                    e.source().to_string(),
                    e.target().map(|t| t.to_string()).unwrap_or_default(),
                    e.key(),
                ),
                (
                    e.evidence_count(),
                    e.documents().map(|d| d.to_string()).collect(),
                    e.modalities()
                        .iter()
                        .map(|m| m.as_str().to_string())
                        .collect(),
                    e.rules().iter().map(|r| r.to_string()).collect(),
                ),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_bound_on_evidence_keeps_counts_exact_and_merges_in_any_order(
        docs in prop::collection::vec(
            (prop::collection::vec(0..SENTENCES.len(), 1..5), 0..3usize, 0..3usize),
            1..8,
        ),
        max in 1..3usize,
    ) {
        let x = tiny_extractor();
        let bounded = || {
            let mut g = EntityGraph::new();
            g.set_max_evidence(Some(max));
            g
        };
        let mut whole = EntityGraph::new();
        let mut all = bounded();
        let mut shards = [bounded(), bounded(), bounded()];
        let mut apart = [bounded(), bounded(), bounded()];
        for (i, (sentences, shard, also)) in docs.iter().enumerate() {
            let text: Vec<&str> = sentences.iter().map(|&s| SENTENCES[s]).collect();
            let doc = x.extract(&format!("doc{i}"), &text.join(" "));
            whole.add(&doc);
            all.add(&doc);
            // A document may be in two shards: merged, it counts once.
            shards[*shard].add(&doc);
            shards[*also].add(&doc);
            apart[*shard].add(&doc);
        }
        let [a, b, c] = shards;
        let abc = merged(&merged(&a, &b), &c);
        let cba = merged(&c, &merged(&b, &a));
        prop_assert_eq!(json_bytes(&abc), json_bytes(&cba));
        prop_assert_eq!(json_bytes(&abc), json_bytes(&all));
        let mut cut = whole.clone();
        cut.set_max_evidence(Some(max));
        prop_assert_eq!(json_bytes(&cut), json_bytes(&all));
        prop_assert!(all.edges().all(|e| e.evidence().len() <= max));
        prop_assert_eq!(tallies(&all), tallies(&whole));
        // Read back, a bounded graph merges as exactly with graphs of
        // other documents.
        let [a, b, c] = apart;
        let back = EntityGraph::from_json(&json_bytes(&a)[..]).unwrap();
        let mut again = bounded();
        again.merge(back);
        let joined = merged(&merged(&again, &b), &c);
        prop_assert_eq!(json_bytes(&joined), json_bytes(&all));
        prop_assert_eq!(tallies(&joined), tallies(&whole));
    }
}

#[test]
fn cli_max_evidence_bounds_graph_and_merge_alike() {
    let dir = scratch("graph-bound");
    let seeds = root().join("seeds");
    let whole = newsgraph(&["graph", seeds.to_str().unwrap()]);
    assert!(whole.status.success());
    let full = dir.join("full.json");
    fs::write(&full, &whole.stdout).unwrap();
    let bounded = newsgraph(&["graph", "--max-evidence", "1", seeds.to_str().unwrap()]);
    let merged = newsgraph(&["merge", "--max-evidence", "1", full.to_str().unwrap()]);
    assert!(bounded.status.success() && merged.status.success());
    assert_eq!(bounded.stdout, merged.stdout);
    let read = |bytes: &[u8]| EntityGraph::from_json(bytes).unwrap();
    let (bounded, full) = (read(&bounded.stdout), read(&whole.stdout));
    assert!(bounded.edges().all(|e| e.evidence().len() <= 1));
    assert!(bounded.edges().any(|e| e.evidence_count() > 1));
    assert_eq!(tallies(&bounded), tallies(&full));
    let bad = newsgraph(&["graph", "--max-evidence", "many", seeds.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn facts_join_key_by_key_and_fold_into_the_export() {
    // The facts of shards, joined and folded key by key as newsgraph.spark
    // does, make the JSON export of the whole graph.
    let g = seeds_graph();
    let mut facts = Vec::new();
    g.write_facts(&mut facts).unwrap();
    let back = EntityGraph::from_facts(&facts[..], None).unwrap();
    assert_eq!(json_bytes(&back), json_bytes(g));
    let mut doubled = facts.clone();
    doubled.extend_from_slice(&facts);
    let twice = EntityGraph::from_facts(&doubled[..], None).unwrap();
    assert_eq!(
        json_bytes(&twice),
        json_bytes(g),
        "records of one key join as merge does"
    );
    let mut lines = back.json_lines();
    lines.sort();
    let (nodes, links): (Vec<_>, Vec<_>) = lines.into_iter().partition(|(k, _)| k.starts_with('n'));
    let body = |ls: Vec<(String, String)>| {
        ls.iter()
            .enumerate()
            .map(|(i, (_, l))| format!("{}{l}", if i == 0 { "\n" } else { ",\n" }))
            .collect::<String>()
    };
    let written = format!(
        "{}{}{}{}{}",
        newsgraph::JSON_HEAD,
        body(nodes),
        newsgraph::JSON_MIDDLE,
        body(links),
        newsgraph::JSON_TAIL
    );
    assert_eq!(written.into_bytes(), json_bytes(g));
    let err = EntityGraph::from_facts(&b"n1\t{\"record\":\"node\"}\n"[..], None).unwrap_err();
    assert!(err.to_string().starts_with("facts line 1: "), "{err}");
}
