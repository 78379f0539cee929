"""newsgraph on a local Spark (local[2]): relations and entities DataFrames,
and the merged graph equal byte for byte to what `newsgraph graph` writes."""

import json
import os
import subprocess
import sys

import pytest

pyspark = pytest.importorskip("pyspark", reason="SKIPPED: pyspark is not installed (pip install pyspark; needs Java 17)")

import newsgraph  # noqa: E402
from newsgraph import spark as ngs  # noqa: E402


@pytest.fixture(scope="module")
def session():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("newsgraph-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(root, seeds):
    """(id, text) of the seeds and of every CoNLL-2003 train and dev
    document (ids conll-train-N, conll-dev-N), where ../shared/data has them."""
    sys.path.insert(0, str(root / "benches"))
    from corpus import conll_documents

    docs = list(seeds)
    data = root.parent / "shared" / "data" / "conll2003"
    for name, split in (("eng.train", "train"), ("eng.testa", "dev")):
        path = data / name
        if not path.exists():
            print(f"SKIPPED: {path} is missing; the Spark test runs on the seeds alone")
            continue
        docs.extend((f"conll-{split}-{i}", text) for i, text in enumerate(conll_documents(path)))
    return docs


@pytest.fixture(scope="module")
def frame(session, corpus):
    return session.createDataFrame(corpus, ["id", "text"]).repartition(8)


def cli_graph(root, corpus, tmp_path, *flags):
    cli = root / "target" / "release" / "newsgraph"
    if not cli.exists():
        pytest.skip(f"SKIPPED: no {cli} (cargo build --release) to compare with")
    jsonl = tmp_path / "corpus.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for i, t in corpus:
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    out = subprocess.run([str(cli), "graph", "--input", "jsonl", *flags, str(jsonl)], capture_output=True, check=True)
    return out.stdout


def test_graph_equals_the_cli_graph(root, corpus, frame, tmp_path):
    assert len(corpus) > 1000 or len(corpus) == 5
    g = ngs.graph(frame)
    assert g.to_json().encode("utf-8") == cli_graph(root, corpus, tmp_path)


def test_bounded_graph_equals_the_cli_graph(root, corpus, frame, tmp_path):
    g = ngs.graph(frame, max_evidence=2)
    assert g.to_json().encode("utf-8") == cli_graph(root, corpus, tmp_path, "--max-evidence", "2")


def test_relations_and_entities_frames(corpus, frame):
    x = newsgraph.Extractor()
    docs = [x.extract(t, id=i) for i, t in corpus[:40]]
    small = frame.sparkSession.createDataFrame(corpus[:40], ["id", "text"]).repartition(3)
    rels = ngs.relations(small).collect()
    want = sorted((d.id, r.type, r.rule, r.byte_start, r.byte_end) for d in docs for r in d.relations)
    assert sorted((r.doc, r.type, r.rule, r.byte_start, r.byte_end) for r in rels) == want
    for r in rels:
        text = dict(corpus[:40])[r.doc]
        assert text[r.start : r.end] == r.evidence
        if r.type == "MEETS":
            assert r.source_id and r.target_id and r.source_name
    ents = ngs.entities(small)
    assert ents.schema == ngs.ENTITY_SCHEMA
    assert ents.count() == sum(len(d.entities) for d in docs)
    kerry = ents.filter("id = 'person:john-kerry'").collect()
    assert kerry and all("Kerry" in " ".join(r.forms) for r in kerry)


@pytest.mark.parametrize("bound", [None, 2])
def test_aggregated_graph_equals_the_cli_graph(root, corpus, frame, tmp_path, bound):
    """The graph built without holding it anywhere (facts reduced by key,
    guesses folded by a join of name keys) writes the same bytes."""
    out = tmp_path / "graph.json"
    ngs.write_graph_json(frame, str(out), max_evidence=bound)
    flags = ("--max-evidence", str(bound)) if bound else ()
    assert out.read_bytes() == cli_graph(root, corpus, tmp_path, *flags)
