#!/usr/bin/env python3
"""Writes a JSON Lines corpus of real news text for throughput runs.

The documents are the CoNLL-2003 train and dev texts (rebuilt as
../shared/tools/conll_ner.py builds them: sentences one per line, tokens
joined by single spaces) and the seed articles, repeated under distinct
document ids until the corpus reaches the wanted size.

    python3 benches/corpus.py target/corpus-20mb.jsonl --mb 20
"""

import argparse
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def conll_documents(path):
    """Yields the text of each document of a CoNLL-2003 file."""
    doc, sentence = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-") or not line.strip():
                if sentence:
                    doc.append(" ".join(sentence))
                    sentence = []
                if line.startswith("-DOCSTART-") and doc:
                    yield "\n".join(doc)
                    doc = []
                continue
            sentence.append(line.split()[0])
    if sentence:
        doc.append(" ".join(sentence))
    if doc:
        yield "\n".join(doc)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", help="the JSON Lines file to write")
    p.add_argument("--mb", type=float, default=20.0, help="size to reach, in MB (default 20)")
    p.add_argument(
        "--data",
        default=str(ROOT.parent / "shared" / "data" / "conll2003"),
        help="folder with eng.train and eng.testa",
    )
    args = p.parse_args()

    texts = []
    for name in ("eng.train", "eng.testa"):
        path = pathlib.Path(args.data) / name
        if path.exists():
            texts.extend(conll_documents(path))
        else:
            print(f"note: {path} is missing; going on without it", file=sys.stderr)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        texts.append(seed.read_text(encoding="utf-8"))
    if not texts:
        sys.exit("no text found")

    target = int(args.mb * 1e6)
    written, n, round_ = 0, 0, 0
    with open(args.out, "w", encoding="utf-8") as out:
        while written < target:
            for text in texts:
                line = json.dumps({"id": f"r{round_}-d{n}", "text": text}, ensure_ascii=False)
                out.write(line + "\n")
                written += len(line.encode("utf-8")) + 1
                n += 1
                if written >= target:
                    break
            round_ += 1
    print(f"{args.out}: {n} documents, {written / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
