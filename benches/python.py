#!/usr/bin/env python3
"""Python and Spark throughput beside the command line, on the same text.

    python3 benches/corpus.py target/corpus-20mb.jsonl --mb 20
    cargo build --release && python3 -m pip install ./python
    python3 benches/python.py target/corpus-20mb.jsonl [--runs 3] [--spark]

For 1 and 2 threads: `newsgraph extract --threads N --input jsonl FILE`
(output to /dev/null) and `Extractor.extract_many(records, threads=N)` in
this process (each Document's relations read, so that nothing is left
undone), alternately, `--runs` times each; the median MB/s of each and
their ratio. With `--spark`, `newsgraph.spark.relations` on a local[2]
session (the relations DataFrame counted) beside `--threads 2`, with the
peak RSS of the Spark JVM and its Python workers (Linux /proc), and of
the command line (`/usr/bin/time`).
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLI = ROOT / "target" / "release" / "newsgraph"


def cli_run(path, threads):
    """(seconds, peak RSS in KB) of the command line."""
    t = time.perf_counter()
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%M", str(CLI), "extract", "--threads", str(threads), "--input", "jsonl", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return time.perf_counter() - t, int(out.stderr.strip().splitlines()[-1])


def python_run(x, records, threads):
    t = time.perf_counter()
    n = 0
    for doc in x.extract_many(records, threads=threads):
        n += len(doc.relations)
    return time.perf_counter() - t


def tree_rss_kb(pid):
    """RSS of a process and its descendants, in KB (Linux)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return total


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", help="a JSON Lines file of {id, text}")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--spark", action="store_true")
    args = p.parse_args()

    import newsgraph

    records = [(r["id"], r["text"]) for r in map(json.loads, open(args.corpus, encoding="utf-8"))]
    mb = sum(len(t.encode("utf-8")) for _, t in records) / 1e6
    x = newsgraph.Extractor()
    print(f"{args.corpus}: {len(records)} documents, {mb:.1f} MB of text")
    for threads in (1, 2):
        cli, py = [], []
        for _ in range(args.runs):
            cli.append(mb / cli_run(args.corpus, threads)[0])
            py.append(mb / python_run(x, records, threads))
        c, q = statistics.median(cli), statistics.median(py)
        print(f"threads {threads}: newsgraph extract {c:.2f} MB/s, Python extract_many {q:.2f} MB/s, ratio {q / c:.3f}")

    if args.spark:
        from pyspark.sql import SparkSession

        from newsgraph import spark as ngs

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        session = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
        df = session.createDataFrame(records, ["id", "text"]).repartition(8).cache()
        df.count()
        jvm = session.sparkContext._gateway.proc.pid if session.sparkContext._gateway.proc else os.getpid()
        peak = [0]
        done = threading.Event()

        def watch():
            while not done.wait(0.2):
                peak[0] = max(peak[0], tree_rss_kb(jvm))

        threading.Thread(target=watch, daemon=True).start()
        t = time.perf_counter()
        n = ngs.relations(df).count()
        spark_s = time.perf_counter() - t
        done.set()
        cli_s, cli_kb = cli_run(args.corpus, 2)
        print(
            f"spark local[2] relations: {mb / spark_s:.2f} MB/s ({n} relations), peak RSS of the JVM and its workers {peak[0] / 1024:.0f} MB; "
            f"newsgraph extract --threads 2: {mb / cli_s:.2f} MB/s, peak RSS {cli_kb / 1024:.0f} MB"
        )
        session.stop()


if __name__ == "__main__":
    main()
