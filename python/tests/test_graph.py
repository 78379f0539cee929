"""Graphs from Python: merge, pickling, exports read back, networkx."""

import io
import json
import pickle
import subprocess
import sys

import pytest

import newsgraph


@pytest.fixture(scope="module")
def docs(extractor, seeds):
    return [extractor.extract(text, id=sid) for sid, text in seeds]


def graph_of(docs):
    g = newsgraph.Graph()
    for d in docs:
        g.add(d)
    return g


def test_graph_equals_the_cli_graph(docs, root):
    """The graph of the seeds is byte for byte what `newsgraph graph seeds` writes."""
    cli = root / "target" / "release" / "newsgraph"
    if not cli.exists():
        pytest.skip(f"SKIPPED: no {cli} (cargo build --release) to compare with")
    out = subprocess.run([str(cli), "graph", str(root / "seeds")], capture_output=True, check=True)
    buf = io.BytesIO()
    graph_of(docs).write(buf, format="json")
    assert buf.getvalue() == out.stdout


def test_merge_is_associative_and_commutative(docs):
    a, b, c = graph_of(docs[:2]), graph_of(docs[2:4]), graph_of(docs[4:])
    left = graph_of([])
    left.merge(a)
    left.merge(b)
    left.merge(c)
    right = graph_of([])
    for part in (c, a, b):
        right.merge(part)
    assert left == right == graph_of(docs)
    assert left.to_json() == graph_of(docs).to_json()
    again = graph_of(docs)
    again.merge(graph_of(docs))
    assert again == graph_of(docs), "merging a graph into itself changes nothing"


def test_pickle_round_trip(docs):
    g = graph_of(docs)
    back = pickle.loads(pickle.dumps(g))
    assert back == g and back.to_json() == g.to_json()
    assert newsgraph.Graph.from_json(g.to_json().encode()) == g


def test_meetings_and_filter(docs):
    g = graph_of(docs)
    places = sorted(
        m["place"]["name"]
        for m in g.meetings()
        if {m["a"]["name"], m["b"]["name"]} == {"John Kerry", "Sergei Lavrov"}
    )
    assert places == ["Geneva", "Hamburg", "Munich", "New York City"]
    meets = g.filter(relations=["MEETS"], modalities=["asserted"])
    assert 0 < meets.edge_count < g.edge_count
    assert all(link["type"] == "MEETS" for link in json.loads(meets.to_json())["links"])
    with pytest.raises(ValueError, match="unknown relation type"):
        g.filter(relations=["LOVES"])


def test_every_export_read_back(docs, root, tmp_path):
    """Each format written from Python, read by networkx, Graphviz and csv
    (tests/check_exports.py, as CI runs it on the CLI's exports)."""
    g = graph_of(docs)
    g.write(tmp_path / "graph.json")
    g.write(str(tmp_path / "graph.graphml"), format="graphml")
    with open(tmp_path / "graph.dot", "wb") as f:
        g.write(f, format="dot")
    g.write(tmp_path, format="csv")
    g.write(tmp_path / "graph.jsonl", format="jsonl")
    lines = (tmp_path / "graph.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line) for line in lines)
    check = subprocess.run(
        [sys.executable, str(root / "tests" / "check_exports.py"), "--seeds", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    with pytest.raises(ValueError, match="unknown format"):
        g.write(tmp_path / "x", format="gexf")
    with pytest.raises(ValueError, match="directory"):
        g.write(io.BytesIO(), format="csv")


def test_to_networkx(docs):
    nx = pytest.importorskip("networkx")
    g = graph_of(docs)
    n = g.to_networkx()
    assert isinstance(n, nx.MultiDiGraph)
    assert n.number_of_nodes() == g.node_count and n.number_of_edges() == g.edge_count
    assert n.nodes["person:john-kerry"]["name"] == "John Kerry"


def test_bad_graph_json_is_an_error():
    with pytest.raises(newsgraph.NewsgraphError) as info:
        newsgraph.Graph.from_json('{"nodes": [], "links": [{"source": 1}]}')
    assert info.value.kind == "graph"


def test_max_evidence_bounds_evidence_and_keeps_counts(docs):
    whole = graph_of(docs)
    g = newsgraph.Graph(max_evidence=1)
    for d in reversed(docs):
        g.add(d)
    assert g.max_evidence == 1
    links = json.loads(g.to_json())["links"]
    full = {(l["source"], l["target"], l["key"]): l for l in json.loads(whole.to_json())["links"]}
    assert all(len(l["evidence"]) <= 1 for l in links)
    assert any(l["evidence_count"] > 1 for l in links)
    for l in links:
        f = full[(l["source"], l["target"], l["key"])]
        assert (l["evidence_count"], l["documents"], l["modalities"]) == (f["evidence_count"], f["documents"], f["modalities"])
        assert l["evidence"] == f["evidence"][:1]
    back = pickle.loads(pickle.dumps(g))
    assert back.max_evidence == 1 and back.to_json() == g.to_json()
    halves = newsgraph.Graph(max_evidence=1)
    for part in (docs[3:], docs[:3]):
        h = newsgraph.Graph(max_evidence=1)
        for d in part:
            h.add(d)
        halves.merge(h)
    assert halves.to_json() == g.to_json()
