#!/usr/bin/env python3
"""Reads newsgraph's graph exports with the tools people use on them.

    python3 tests/check_exports.py [--seeds] DIR

DIR holds one graph written five ways: graph.json, graph.graphml, graph.dot,
nodes.csv and edges.csv (see .ci/run for the commands). The JSON is read
with networkx's node_link_graph, the GraphML with networkx's read_graphml,
the CSV with Python's csv module, and the DOT is rendered by `dot -Tsvg`; the
script checks that all of them hold the same nodes (ids and names, exactly)
and edges. With --seeds it also checks the seed articles' meetings of John
Kerry and Sergei Lavrov: one edge per place, with the documents that state it.

Exit status 0 when every check passes, 1 otherwise.
"""

import collections
import csv
import inspect
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

try:
    import networkx as nx
    from networkx.readwrite import json_graph
except ImportError:
    sys.exit("check_exports: needs networkx (pip install networkx) and Graphviz's dot")

SEED_MEETINGS = {
    "Munich": ["000_5d4fefdc7511866f", "003_47427ce8c2fb7d6e"],
    "Geneva": ["001_1cee79bf6af008b7"],
    "New York City": ["002_5affd8a61d8b978a"],
    "Hamburg": ["004_84135d7aa731eddd"],
}
KERRY, LAVROV = "person:john-kerry", "person:sergei-lavrov"
NODES_HEADER = ["id:ID", "name", ":LABEL", "subkind", "source", "mentions:int", "documents:string[]"]
EDGES_HEADER = [":START_ID", ":END_ID", ":TYPE", "place", "place_name", "role", "evidence:int",
                "documents:string[]", "modalities:string[]", "rules:string[]"]

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message)


def load_json(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    # networkx 3.4 renamed the `link` keyword to `edges` (and plans to change
    # its default); name the key explicitly on any version.
    params = inspect.signature(json_graph.node_link_graph).parameters
    kwargs = {"edges": "links"} if "edges" in params else {"link": "links"} if "link" in params else {}
    return data, json_graph.node_link_graph(data, **kwargs)


def edge_set(graph, place_attr):
    """(source, target, type, place) of every edge, as a multiset."""
    return collections.Counter(
        (u, v, d.get("type"), d.get(place_attr)) for u, v, d in graph.edges(data=True)
    )


def svg_nodes(svg):
    """Node title → rendered label (text lines joined by newlines) of an SVG from dot."""
    ns = {"s": "http://www.w3.org/2000/svg"}
    out = {}
    for g in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}g"):
        if g.get("class") != "node":
            continue
        title = g.find("s:title", ns).text or ""
        lines = [(t.text or "").strip() for t in g.findall("s:text", ns)]
        out[title] = "\n".join(lines)
    return out


def main(argv):
    seeds = "--seeds" in argv
    args = [a for a in argv if a != "--seeds"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    d = Path(args[0])
    wanted = ["graph.json", "graph.graphml", "graph.dot", "nodes.csv", "edges.csv"]
    missing = [name for name in wanted if not (d / name).is_file()]
    if missing:
        print(f"check_exports: {d} lacks {', '.join(missing)}: it must hold one graph "
              "written five ways, e.g.\n"
              f"  newsgraph graph seeds --format json -o {d}/graph.json\n"
              f"  newsgraph merge {d}/graph.json --format graphml -o {d}/graph.graphml\n"
              f"  newsgraph merge {d}/graph.json --format dot -o {d}/graph.dot\n"
              f"  newsgraph merge {d}/graph.json --format csv -o {d}", file=sys.stderr)
        return 2

    data, g = load_json(d / "graph.json")
    names = {n["id"]: n["name"] for n in data["nodes"]}
    print(f"json: networkx {nx.__version__} {type(g).__name__}: "
          f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    check(g.is_multigraph() and g.is_directed(), "json: not a directed multigraph")
    check(g.number_of_nodes() == len(data["nodes"]), "json: node count")
    check(g.number_of_edges() == len(data["links"]), "json: edge count")
    check(all(g.nodes[i]["name"] == n for i, n in names.items()), "json: node names")

    gm = nx.read_graphml(d / "graph.graphml")
    print(f"graphml: {type(gm).__name__}: {gm.number_of_nodes()} nodes, {gm.number_of_edges()} edges")
    check(gm.number_of_nodes() == g.number_of_nodes(), "graphml: node count differs from json")
    check(gm.number_of_edges() == g.number_of_edges(), "graphml: edge count differs from json")
    check({i: gm.nodes[i].get("name") for i in gm.nodes} == names, "graphml: node ids or names differ from json")
    check(all(isinstance(gm.nodes[i]["mentions"], int) for i in gm.nodes), "graphml: mentions not typed int")
    check(edge_set(gm, "place") == edge_set(g, "place"), "graphml: edges differ from json")

    with open(d / "nodes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    check(rows[0] == NODES_HEADER, f"csv: nodes header {rows[0]}")
    check({r[0]: r[1] for r in rows[1:]} == names, "csv: node ids or names differ from json")
    with open(d / "edges.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    check(rows[0] == EDGES_HEADER, f"csv: edges header {rows[0]}")
    csv_edges = collections.Counter((r[0], r[1], r[2], r[3] or None) for r in rows[1:])
    check(csv_edges == edge_set(g, "place"), "csv: edges differ from json")
    print(f"csv: {len(rows) - 1} edges")

    if shutil.which("dot") is None:
        print("check_exports: Graphviz's dot is not on PATH (apt-get install graphviz)", file=sys.stderr)
        return 2
    svg = subprocess.run(["dot", "-Tsvg", str(d / "graph.dot")], capture_output=True, check=False)
    check(svg.returncode == 0, f"dot -Tsvg failed: {svg.stderr.decode(errors='replace')}")
    if svg.returncode == 0:
        rendered = svg_nodes(svg.stdout)
        drawn = {t: label for t, label in rendered.items() if not t.startswith("legend:")}
        print(f"dot -Tsvg: {len(svg.stdout)} bytes, {len(drawn)} entity nodes drawn")
        # Graphviz keeps a quoted ID's backslashes doubled; labels are exact.
        want = {i.replace("\\", "\\\\"): "\n".join(line.strip() for line in n.splitlines())
                for i, n in names.items()}
        check(drawn == want, "dot: drawn node ids or labels differ from json")

    if seeds:
        meets = collections.defaultdict(list)
        for link in data["links"]:
            if link["type"] == "MEETS" and {link["source"], link["target"]} == {KERRY, LAVROV}:
                meets[names.get(link.get("place"))].append(link["documents"])
        print("seeds: Kerry-Lavrov MEETS:", dict(meets))
        check(meets == {p: [docs] for p, docs in SEED_MEETINGS.items()},
              "seeds: Kerry-Lavrov meetings are not one edge per place with its documents")
        places = sorted(d.get("place_name", "") for u, v, d in gm.edges(data=True)
                        if d.get("type") == "MEETS" and {u, v} == {KERRY, LAVROV})
        check(places == sorted(SEED_MEETINGS), f"seeds: graphml Kerry-Lavrov places {places}")
        check(len([n for n in names.values() if "Kerry" in n]) == 1, "seeds: more than one Kerry node")

    print("check_exports:", "FAILED" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
