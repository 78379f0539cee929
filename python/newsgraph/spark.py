"""newsgraph on Spark: a DataFrame of documents in, DataFrames of relations
and entities, and one merged Graph, out.

    from newsgraph import spark as ngs
    docs = session.read.json("news.jsonl")            # columns id, text
    rels = ngs.relations(docs)                        # one row per relation
    ents = ngs.entities(docs)                         # one row per entity per document
    graph = ngs.graph(docs, max_evidence=10)          # a newsgraph.Graph on the driver
    graph.write("graph.json")

Each partition goes through ``mapPartitions`` with one Extractor per Python
worker process (built on first use and kept for the worker's later tasks;
Spark reuses Python workers by default), extracting with
``Extractor.extract_many``. The graph is the partitions' graphs reduced
with ``Graph.merge`` (associative and commutative), so it equals, byte for
byte, what ``newsgraph graph`` writes for the same documents; it must fit
in the driver's memory, which ``max_evidence`` bounds (see the README).

Gazetteer and rule files given by path must be readable at that path on
every executor (ship them with ``--files`` and give their names, or put
them on shared storage). Settings are keyword arguments: ``gazetteers``,
``rules``, ``default_gazetteers``, ``default_rules`` as for
``newsgraph.Extractor``, and ``threads`` (extraction threads per task,
default 1: Spark already runs a task per core).
"""

from typing import Dict, Iterable, Iterator, Optional, Sequence, Tuple

from . import Extractor, Graph

__all__ = ["relations", "entities", "graph", "graph_lines", "write_graph_json", "RELATION_SCHEMA", "ENTITY_SCHEMA"]

# Extractors of this worker process, by their settings.
_EXTRACTORS: Dict[Tuple, Extractor] = {}


def _settings(
    gazetteers: Sequence[str] = (),
    rules: Sequence[str] = (),
    default_gazetteers: bool = True,
    default_rules: bool = True,
    threads: int = 1,
) -> Tuple:
    return (tuple(map(str, gazetteers)), tuple(map(str, rules)), bool(default_gazetteers), bool(default_rules), int(threads))


def _extractor(settings: Tuple) -> Extractor:
    x = _EXTRACTORS.get(settings[:4])
    if x is None:
        gazetteers, rules, default_gazetteers, default_rules = settings[:4]
        x = Extractor(
            gazetteers=list(gazetteers),
            rules=list(rules),
            default_gazetteers=default_gazetteers,
            default_rules=default_rules,
        )
        _EXTRACTORS[settings[:4]] = x
    return x


def _documents(rows: Iterable, settings: Tuple, id_col: str, text_col: str):
    x = _extractor(settings)
    return x.extract_many(((str(r[id_col]), r[text_col]) for r in rows), threads=settings[4])


def _schemas():
    from pyspark.sql.types import ArrayType, IntegerType, LongType, StringType, StructField, StructType

    s, i = StringType(), LongType()
    relation = StructType(
        [
            StructField("doc", s, False),
            StructField("type", s, False),
            StructField("modality", s, False),
            StructField("rule", s, False),
            StructField("source_id", s, True),
            StructField("source_name", s, True),
            StructField("target_id", s, True),
            StructField("target_name", s, True),
            StructField("place_id", s, True),
            StructField("place_name", s, True),
            StructField("role", s, True),
            StructField("quote", s, True),
            StructField("evidence", s, False),
            StructField("start", i, False),
            StructField("end", i, False),
            StructField("byte_start", i, False),
            StructField("byte_end", i, False),
            StructField("trigger", s, True),
            StructField("when", s, True),
            StructField("date", s, True),
        ]
    )
    entity = StructType(
        [
            StructField("doc", s, False),
            StructField("id", s, False),
            StructField("name", s, False),
            StructField("kind", s, False),
            StructField("subkind", s, True),
            StructField("source", s, False),
            StructField("mentions", IntegerType(), False),
            StructField("forms", ArrayType(s, False), False),
        ]
    )
    return relation, entity


def __getattr__(name):
    # The schemas need pyspark; build them only when asked for.
    if name in ("RELATION_SCHEMA", "ENTITY_SCHEMA"):
        relation, entity = _schemas()
        return relation if name == "RELATION_SCHEMA" else entity
    raise AttributeError(name)


# The first and second argument of each relation type, and the place.
_SOURCE = {"MEETS": "a", "CALLS": "a", "HOLDS_ROLE": "person", "LOCATED_IN": "inner", "SAID": "speaker"}
_TARGET = {"MEETS": "b", "CALLS": "b", "HOLDS_ROLE": "of", "LOCATED_IN": "outer"}


def _relation_rows(docs) -> Iterator[tuple]:
    for doc in docs:
        for r in doc.relations:
            args = r.arguments
            source = args.get(_SOURCE.get(r.type, ""))
            target = args.get(_TARGET.get(r.type, ""))
            place = args.get("place")
            yield (
                doc.id,
                r.type,
                r.modality,
                r.rule,
                source.id if source is not None else None,
                source.name if source is not None else None,
                target.id if target is not None else None,
                target.name if target is not None else None,
                place.id if place is not None else None,
                place.name if place is not None else None,
                args.get("role"),
                args.get("quote"),
                r.evidence,
                r.start,
                r.end,
                r.byte_start,
                r.byte_end,
                r.trigger,
                r.when,
                r.date,
            )


def _entity_rows(docs) -> Iterator[tuple]:
    for doc in docs:
        for e in doc.entities:
            mentions = e.mentions
            forms = sorted({m.text for m in mentions})
            yield (doc.id, e.id, e.name, e.kind, e.subkind, e.source, len(mentions), forms)


def relations(df, id_col: str = "id", text_col: str = "text", **settings):
    """One row per relation of every document: type, modality, rule, the
    arguments' ids and names (source, target, place; role and quote where
    the type has them), the evidence sentence with code-point and byte
    offsets, trigger, when and date. Schema: ``RELATION_SCHEMA``."""
    s = _settings(**settings)
    rdd = df.select(id_col, text_col).rdd.mapPartitions(lambda rows: _relation_rows(_documents(rows, s, id_col, text_col)))
    return df.sparkSession.createDataFrame(rdd, _schemas()[0])


def entities(df, id_col: str = "id", text_col: str = "text", **settings):
    """One row per entity of every document: id, name, kind, subkind,
    source, its mentions in the document and their distinct forms. Schema:
    ``ENTITY_SCHEMA``."""
    s = _settings(**settings)
    rdd = df.select(id_col, text_col).rdd.mapPartitions(lambda rows: _entity_rows(_documents(rows, s, id_col, text_col)))
    return df.sparkSession.createDataFrame(rdd, _schemas()[1])


def _partition_graph(rows, s, id_col, text_col, max_evidence) -> Iterator[Graph]:
    g = Graph(max_evidence=max_evidence)
    for doc in _documents(rows, s, id_col, text_col):
        g.add(doc)
    yield g


def _merged(a: Graph, b: Graph) -> Graph:
    a.merge(b)
    return a


def graph(df, id_col: str = "id", text_col: str = "text", max_evidence: Optional[int] = None, depth: int = 2, **settings) -> Graph:
    """The graph of every document: a Graph per partition, merged in a tree
    of ``depth`` levels on the executors and on the driver. Document ids
    must be unique, as for ``newsgraph graph``."""
    s = _settings(**settings)
    graphs = df.select(id_col, text_col).rdd.mapPartitions(
        lambda rows: _partition_graph(rows, s, id_col, text_col, max_evidence)
    )
    return graphs.treeReduce(_merged, depth=depth)


# The graph of a corpus that does not fit on one machine.


def _facts(rows, s, id_col, text_col, max_evidence):
    for doc in _documents(rows, s, id_col, text_col):
        g = Graph(max_evidence=max_evidence)
        g.add(doc)
        yield from g.facts()


def _joiner(max_evidence):
    def join(a: str, b: str) -> str:
        ((_, record),) = Graph.from_facts([a, b], max_evidence=max_evidence).facts()
        return record

    return join


def _aliases(group):
    """(guess, target) for the guesses of one key that exactly one
    gazetteer node has."""
    _, members = group
    targets = {node for node, guess in members if not guess}
    if len(targets) != 1:
        return []
    (target,) = targets
    return [(node, target) for node, guess in members if guess]


def graph_lines(df, id_col: str = "id", text_col: str = "text", max_evidence: Optional[int] = None, **settings):
    """The JSON export of the corpus's graph as two RDDs of ``(key, line)``,
    nodes and links, built without holding the graph anywhere.

    Each document's graph is cut into facts (a record per node and per edge,
    keyed); the records of a key are reduced (``reduceByKey``) with
    ``Graph.merge``'s join; guessed entities are matched to the gazetteer
    entities they name by a ``groupByKey`` of every node's name keys (a
    guess folds into the one gazetteer node sharing its key, as in the
    graph's own view); then each gazetteer node is grouped with its guesses,
    and each edge with those that fold into the same key, and folded. The
    aliases (guess → gazetteer id) are broadcast. Sorted by key and written
    between the export's head, middle and tail, the lines are the JSON that
    ``newsgraph graph`` writes: see ``write_graph_json``.
    """
    s = _settings(**settings)
    sc = df.sparkSession.sparkContext
    facts = df.select(id_col, text_col).rdd.mapPartitions(lambda rows: _facts(rows, s, id_col, text_col, max_evidence))
    joined = facts.reduceByKey(_joiner(max_evidence))
    nodes = joined.filter(lambda kv: kv[0].startswith("n"))
    edges = joined.filter(lambda kv: kv[0].startswith("e"))

    keys = nodes.flatMap(
        lambda kv: [
            (key, (node, guess))
            for node, guess, node_keys in Graph.from_facts([kv[1]]).alias_keys()
            for key in node_keys
        ]
    )
    alias = sc.broadcast(dict(keys.groupByKey().flatMap(_aliases).collect()))

    def node_group(kv):
        node = kv[0][1:]
        return (alias.value.get(node, node), kv[1])

    def fold_nodes(group):
        _, records = group
        g = Graph.from_facts(list(records), max_evidence=max_evidence)
        here = (n for n, _, _ in g.alias_keys())
        return g.folded({n: alias.value[n] for n in here if n in alias.value}).json_lines()

    def endpoints(record: str):
        import json

        link = json.loads(record)
        return {link["source"], link["target"], link.get("place")} - {None}

    def edge_group(kv):
        record = kv[1]
        sub = {n: alias.value[n] for n in endpoints(record) if n in alias.value}
        ((key, _),) = Graph.from_facts([record], max_evidence=max_evidence).folded(sub).facts()
        return (key, record)

    def fold_edges(group):
        _, records = group
        records = list(records)
        sub = {n: alias.value[n] for r in records for n in endpoints(r) if n in alias.value}
        return Graph.from_facts(records, max_evidence=max_evidence).folded(sub).json_lines()

    node_lines = nodes.map(node_group).groupByKey().flatMap(fold_nodes)
    link_lines = edges.map(edge_group).groupByKey().flatMap(fold_edges)
    return node_lines, link_lines


def write_graph_json(df, path: str, id_col: str = "id", text_col: str = "text", max_evidence: Optional[int] = None, **settings) -> None:
    """Writes the corpus's graph as the JSON export (``graph_lines``),
    streaming the sorted lines to the driver a partition at a time."""
    from . import _newsgraph

    nodes, links = graph_lines(df, id_col, text_col, max_evidence, **settings)
    with open(path, "w", encoding="utf-8", newline="") as out:
        for head, lines in ((_newsgraph.JSON_HEAD, nodes), (_newsgraph.JSON_MIDDLE, links)):
            out.write(head)
            for i, (_, line) in enumerate(lines.sortByKey().toLocalIterator()):
                out.write(",\n" if i else "\n")
                out.write(line)
        out.write(_newsgraph.JSON_TAIL)
