#!/usr/bin/env python3
"""Times `newsgraph extract` with one thread and with several on a JSON Lines
corpus, alternating the two, and prints each run and the median speed-up.

Beside them it times two one-thread processes run at once on the same
corpus: how much two jobs slow each other down on this machine (shared
caches, memory, a neighbour on the host) bounds what two threads can gain.

    cargo build --release
    python3 benches/corpus.py target/corpus-20mb.jsonl --mb 20
    python3 benches/threads.py target/corpus-20mb.jsonl --runs 5

Timed runs write to /dev/null. Wall times are the process's own; peak RSS
comes from the kernel's account of each child (wait4). Before timing, the
outputs of one and several threads are compared: they must be byte for byte
the same, or the script fails.
"""

import argparse
import hashlib
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def digest(cmd):
    """A digest of what `cmd` writes."""
    out = hashlib.sha256()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE) as child:
        for chunk in iter(lambda: child.stdout.read(1 << 20), b""):
            out.update(chunk)
    if child.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited with {child.returncode}")
    return out.hexdigest()


def run(cmd):
    """Runs `cmd` into /dev/null; returns wall seconds and peak RSS in kB."""
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} exited with {code}")
    return wall, usage.ru_maxrss


def pair(cmd):
    """Runs `cmd` twice at once; returns the wall time until both are done."""
    t0 = time.perf_counter()
    children = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL) for _ in range(2)]
    for child in children:
        if child.wait() != 0:
            sys.exit(f"{' '.join(cmd)} exited with {child.returncode}")
    return time.perf_counter() - t0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", help="a JSON Lines corpus (benches/corpus.py writes one)")
    p.add_argument("--runs", type=int, default=5, help="alternating runs of each")
    p.add_argument("--threads", type=int, default=2, help="the several (default 2)")
    p.add_argument(
        "--newsgraph",
        default=str(ROOT / "target" / "release" / "newsgraph"),
        help="the newsgraph binary (cargo build --release)",
    )
    args = p.parse_args()
    if not os.path.isfile(args.corpus):
        sys.exit(f"{args.corpus}: no such file (benches/corpus.py writes one)")
    base = [args.newsgraph, "extract", "--input", "jsonl"]
    one = base + ["--threads", "1", args.corpus]
    many = base + ["--threads", str(args.threads), args.corpus]

    if digest(one) != digest(many):
        sys.exit(f"the outputs of 1 and {args.threads} threads differ")
    ratios, ceilings = [], []
    print(f"{'run':>3} {'1 thread':>10} {'RSS kB':>8} {f'{args.threads} threads':>10} "
          f"{'RSS kB':>8} {'speed-up':>9} {'2 jobs at once':>15}")
    for i in range(max(args.runs, 1)):
        t1, rss1 = run(one)
        tn, rssn = run(many)
        both = pair(one)
        # Two jobs of t1 each, done in `both`: their throughput over one's.
        ceiling = 2 * t1 / both
        ratios.append(t1 / tn)
        ceilings.append(ceiling)
        print(f"{i + 1:>3} {t1:>9.2f}s {rss1:>8} {tn:>9.2f}s {rssn:>8} "
              f"{t1 / tn:>8.2f}× {ceiling:>14.2f}×")
    print(f"median speed-up {statistics.median(ratios):.2f}× "
          f"(two one-thread jobs at once: {statistics.median(ceilings):.2f}× one job's throughput)")


if __name__ == "__main__":
    main()
