#!/usr/bin/env python3
"""Compares the extraction speed of two builds of newsgraph, turn by turn.

On a shared machine the same binary's MB/s moves by 10 to 25 % from one
run to the next, more than most changes are worth. So the two builds'
throughput examples run one after the other, many times, on the same CoNLL
text, and what is compared is the median of each and the median of the
pairwise ratios (each pair ran close together in time, under much the same
load). The figure read is MB/s of the thread's CPU time, which leaves out
time spent waiting for a core.

    cargo build --release --example throughput
    cp target/release/examples/throughput /tmp/throughput-new
    git stash; cargo build --release --example throughput; git stash pop
    python3 benches/ab.py target/release/examples/throughput /tmp/throughput-new

Both builds must print the same checksum, or the script fails: a faster
build that finds something else is not a faster build of the same thing.
A change meant to find other things (new rules) is timed with
`--allow-different`, which reports the differing checksums instead.
"""

import argparse
import pathlib
import re
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINE = re.compile(r"checksum (\d+)(?:, ([\d.]+) MB/s of CPU time)?")
WALL = re.compile(r"^\S+\s+([\d.]+) MB/s")


def measure(binary, conll, rounds, layer):
    """One run of a throughput example: (MB/s, checksum)."""
    out = subprocess.run(
        [binary, conll, str(rounds), layer], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        sys.exit(f"{binary} exited with {out.returncode}: {out.stderr.strip()}")
    for line in out.stdout.splitlines():
        m = LINE.search(line)
        if m and line.startswith(layer):
            cpu = m.group(2)
            speed = float(cpu) if cpu else float(WALL.match(line).group(1))
            return speed, m.group(1)
    sys.exit(f"{binary}: no '{layer}' line in its output")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("old", help="the baseline build's throughput example")
    p.add_argument("new", help="the other build's throughput example")
    p.add_argument("--pairs", type=int, default=12, help="runs of each, in turn")
    p.add_argument("--rounds", type=int, default=8, help="passes over the text per run")
    p.add_argument("--layer", default="pipeline", choices=["matcher", "entities", "pipeline"])
    p.add_argument(
        "--allow-different",
        action="store_true",
        help="time builds whose outputs differ (a change of what is found): report, do not fail",
    )
    p.add_argument(
        "--conll",
        default=str(ROOT.parent / "shared" / "data" / "conll2003" / "eng.train"),
        help="the CoNLL-2003 file whose text is read",
    )
    args = p.parse_args()
    if not pathlib.Path(args.conll).is_file():
        sys.exit(f"{args.conll}: no such file (give --conll)")
    old, new, ratios = [], [], []
    sums = set()
    for i in range(args.pairs):
        # Alternate which goes first, so that neither always follows the other.
        first, second = (args.old, args.new) if i % 2 == 0 else (args.new, args.old)
        a, sum_a = measure(first, args.conll, args.rounds, args.layer)
        b, sum_b = measure(second, args.conll, args.rounds, args.layer)
        sums |= {sum_a, sum_b}
        o, n = (a, b) if i % 2 == 0 else (b, a)
        old.append(o)
        new.append(n)
        ratios.append(n / o)
        print(f"pair {i + 1:>2}: old {o:7.2f}  new {n:7.2f}  new/old {n / o:.3f}", flush=True)
    if len(sums) != 1:
        if not args.allow_different:
            sys.exit(f"the builds disagree: checksums {sorted(sums)} (--allow-different times them anyway)")
        print(f"note: the builds find different things (checksums {sorted(sums)}); timed anyway")
    q = (
        statistics.quantiles(ratios, n=4, method="inclusive") if len(ratios) > 1 else [ratios[0]] * 3
    )
    print(f"median MB/s: old {statistics.median(old):.2f}, new {statistics.median(new):.2f}")
    print(f"new/old per pair: median {statistics.median(ratios):.3f} (quartiles {q[0]:.3f}-{q[2]:.3f})")


if __name__ == "__main__":
    main()
