#!/usr/bin/env python3
"""Times newsgraph beside spaCy on the same news text and the same aliases.

Peers, each on the same documents, one process, one thread:

- spaCy's EntityRuler in a blank English pipeline, with one phrase pattern
  per gazetteer form newsgraph uses (names, aliases and demonyms of
  gazetteers/*.tsv; given names are not entities and are left out);
- spaCy's en_core_web_sm NER, when that model is installed;
- newsgraph extract (the whole pipeline: entities and relations), run as
  the release binary on the same documents as JSON Lines, and again with
  --no-default-rules (entities only, the EntityRuler's job).

Build times are reported apart and left out of the MB/s: spaCy's pipeline
and patterns are built before its clock starts, and newsgraph's start-up is
measured on an empty input and subtracted (its whole-process figure is
printed too), and its in-process speed on the same file is printed as
`newsgraph eval conll` reports it (extraction only). Every tool's run is timed RUNS times (default 3) and the
fastest is kept, as is the fastest start-up: a one-off stall of the machine
then weighs on no one.

Set-up (optional, not needed by `cargo test`):

    python3 -m pip install spacy==3.8.18
    python3 -m spacy download en_core_web_sm      # optional peer
    cargo build --release
    python3 benches/compare/compare.py            # CoNLL-2003 train text

The text is the CoNLL-2003 train split rebuilt as ../shared/tools/conll_ner.py
builds it, or any CoNLL file given with --conll; --limit-mb caps it.
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benches"))
from corpus import conll_documents  # noqa: E402


def gazetteer_forms(folder):
    """Every name, alias and demonym of the gazetteer files, as written."""
    forms = set()
    for path in sorted(folder.glob("*.tsv")):
        if path.name == "given_names.tsv":
            continue
        header = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            if len(cols) != 5:
                continue
            forms.add(cols[2].strip())
            for alias in cols[3].split("|"):
                alias = alias.strip().lstrip("=~").strip()
                if alias:
                    forms.add(alias)
            for attr in cols[4].split(";"):
                key, _, value = attr.partition("=")
                if key.strip() == "demonyms":
                    forms.update(d.strip() for d in value.split("|") if d.strip())
    return sorted(forms)


def mbps(nbytes, seconds):
    return nbytes / seconds / 1e6 if seconds > 0 else float("inf")


def time_spacy_ruler(texts, forms, runs):
    import spacy

    nlp = spacy.blank("en")
    t0 = time.perf_counter()
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns([{"label": "ENT", "pattern": f} for f in forms])
    build = time.perf_counter() - t0
    return (build,) + fastest(runs, lambda: sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64)))


def fastest(runs, job):
    """The fastest of `runs` timings of `job`, and what it returned."""
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = job()
        took = time.perf_counter() - t0
        best = took if best is None else min(best, took)
    return best, out


def time_spacy_model(texts, runs):
    import spacy

    try:
        t0 = time.perf_counter()
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        return None
    build = time.perf_counter() - t0
    return (build,) + fastest(runs, lambda: sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64)))


def time_newsgraph(binary, texts, runs, extra=()):
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp) / "corpus.jsonl"
        empty = pathlib.Path(tmp) / "empty.jsonl"
        with open(corpus, "w", encoding="utf-8") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
        empty.write_text("")
        cmd = [str(binary), "extract", "--input", "jsonl", "--threads", "1", *extra]
        run = lambda path: subprocess.run(cmd + [str(path)], check=True, capture_output=True).stdout
        start, _ = fastest(max(runs, 3), lambda: run(empty))
        whole, out = fastest(runs, lambda: run(corpus))
    mentions = sum(
        len(e["mentions"]) for line in out.splitlines() for e in json.loads(line)["entities"]
    )
    return start, whole, mentions


def time_in_process(binary, conll, runs):
    """The extraction-only MB/s that `newsgraph eval conll` reports on the
    same CoNLL file (the full pipeline, timed inside the process: no
    start-up to subtract); the fastest of `runs`."""
    best = 0.0
    for _ in range(runs):
        out = subprocess.run(
            [str(binary), "eval", "conll", str(conll)], check=True, capture_output=True, text=True
        ).stdout
        speed = re.search(r"MB/s=([0-9.]+)", out)
        if speed:
            best = max(best, float(speed.group(1)))
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--conll",
        default=str(ROOT.parent / "shared" / "data" / "conll2003" / "eng.train"),
        help="CoNLL-2003 file whose text to use",
    )
    p.add_argument("--limit-mb", type=float, default=0, help="use at most this much text")
    p.add_argument(
        "--newsgraph",
        default=str(ROOT / "target" / "release" / "newsgraph"),
        help="the newsgraph binary (cargo build --release)",
    )
    p.add_argument("--runs", type=int, default=3, help="timings per tool; the fastest is kept")
    args = p.parse_args()
    runs = max(args.runs, 1)

    texts = list(conll_documents(args.conll))
    if args.limit_mb:
        kept, size = [], 0
        for t in texts:
            if size >= args.limit_mb * 1e6:
                break
            kept.append(t)
            size += len(t.encode("utf-8"))
        texts = kept
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    forms = gazetteer_forms(ROOT / "gazetteers")
    print(f"text: {len(texts)} documents, {nbytes / 1e6:.2f} MB; gazetteer forms: {len(forms)}")

    rows = []
    start, whole, mentions = time_newsgraph(args.newsgraph, texts, runs)
    ng = mbps(nbytes, whole - start)
    rows.append(("newsgraph extract (full pipeline)", start, whole - start, mentions))
    print(f"newsgraph whole process: {mbps(nbytes, whole):.2f} MB/s ({whole:.2f} s)")
    e_start, e_whole, e_mentions = time_newsgraph(
        args.newsgraph, texts, runs, ["--no-default-rules"]
    )
    rows.append(("newsgraph extract --no-default-rules", e_start, e_whole - e_start, e_mentions))
    inner = None if args.limit_mb else time_in_process(args.newsgraph, args.conll, runs)
    if inner:
        print(f"newsgraph in-process (eval conll, extraction only): {inner:.2f} MB/s")
    try:
        rows.append(("spaCy EntityRuler (blank en)",) + time_spacy_ruler(texts, forms, runs))
        model = time_spacy_model(texts, runs)
        if model:
            rows.append(("spaCy en_core_web_sm",) + model)
        else:
            print("note: en_core_web_sm is not installed; skipped")
    except ImportError:
        print("note: spaCy is not installed (python3 -m pip install spacy); newsgraph only")

    # The ratio column: the full pipeline's speed over each tool's.
    print(f"\n{'tool':<38} {'build s':>8} {'run s':>8} {'MB/s':>8} {'newsgraph ×':>12} {'entities':>9}")
    for name, build, run, ents in rows:
        speed = mbps(nbytes, run)
        print(f"{name:<38} {build:>8.2f} {run:>8.2f} {speed:>8.2f} {ng / speed:>12.1f} {ents:>9}")
        if inner and name.startswith("spaCy"):
            print(f"{'':<38} in-process newsgraph is {inner / speed:.1f}× this")


if __name__ == "__main__":
    main()
