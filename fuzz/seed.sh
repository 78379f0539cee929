#!/usr/bin/env bash
# Writes small seed corpora for the fuzz targets into fuzz/corpus/ (not
# committed): paragraphs of the seed articles, lines of the default rules and
# gazetteers, and JSON Lines records. Run from anywhere: `fuzz/seed.sh`.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/extract corpus/gazetteer_tsv corpus/rules corpus/jsonl
# extract: each seed paragraph (blank-line separated), at most 60, and each whole article.
for f in "$root"/seeds/*.txt; do
  cp "$f" "corpus/extract/$(basename "$f" .txt)"
  awk -v RS= -v out="corpus/extract/$(basename "$f" .txt)-p" '{ print > (out NR) }' "$f"
done
# gazetteer_tsv: the header with 8-line slices of each default gazetteer.
header=$'id\tkind\tname\taliases\tattributes'
for f in "$root"/gazetteers/*.tsv; do
  b=$(basename "$f" .tsv)
  grep -v '^#' "$f" | tail -n +2 | shuf -n 40 --random-source=<(yes) | split -l 8 - "corpus/gazetteer_tsv/$b-"
  for s in corpus/gazetteer_tsv/"$b"-*; do
    { printf '%s\n' "$header"; cat "$s"; } > "$s.tsv" && rm "$s"
  done
done
# rules: each rule with just the lexicons and definitions it names (so each
# seed stays small), and each lexicon/define line alone.
python3 - "$root/rules/default.rules" corpus/rules <<'PY'
import re, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if re.match(r"(lexicon|define|rule) ", l)]
named = {}
for l in lines:
    m = re.match(r"(lexicon|define) ([\w-]+):", l)
    if m:
        named.setdefault(m.group(2), []).append(l)
def needs(line, seen):
    for ref in re.findall(r"[@~$]([\w-]+)", line.split(":", 1)[1]):
        if ref not in seen and ref in named:
            seen.add(ref)
            for d in named[ref]:
                needs(d, seen)
    return seen
for i, l in enumerate(lines):
    if l.startswith("rule "):
        deps = needs(l, set())
        text = "".join(d for d in lines if not d.startswith("rule ") and re.match(r"\w+ ([\w-]+):", d).group(1) in deps) + l
    else:
        text = l
    open(f"{sys.argv[2]}/r{i}", "w", encoding="utf-8").write(text)
PY
# rules.dict: a libFuzzer dictionary of the rule language's tokens and the
# default rules' words (-dict=fuzz/rules.dict), so mutations build rules.
python3 - "$root/rules/default.rules" rules.dict <<'PY'
import re, sys
syntax = ["lexicon ", "define ", "rule ", ": ", " | ", "(", ")", "!(", "?", "*", "+", "{0,3}", "{1,2}",
          "^", "=", "$", "@", "~", "#", "\n",
          "PERSON", "PLACE", "ORG", "ENTITY", "DEMONYM", "PRONOUN", "QUOTE", "WORD", "CAP", "NUM",
          "_", "ANY", "BOS", "EOS", "PLACE/city", "PLACE/country", "ORG/media",
          "MEETS", "HOLDS_ROLE", "LOCATED_IN", "SAID", "NOMINAL",
          "a=", "b=", "place=", "person=", "of=", "role=", "inner=", "outer=", "speaker=", "quote=",
          "modality=planned", "modality=negated", "verify=gazetteer", "role=resident"]
words = set()
for line in open(sys.argv[1], encoding="utf-8"):
    if re.match(r"(lexicon|define|rule) ", line):
        head, body = line.split(":", 1)
        words.update(head.split()[1:2])
        words.update(w for w in re.split(r"[\s()|]+", body) if w)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for tok in syntax + sorted(words):
        esc = "".join("\\" + chr(b) if chr(b) in '\\"' else chr(b) if 32 <= b < 127 else "\\x%02x" % b
                      for b in tok.encode("utf-8"))
        out.write('"%s"\n' % esc)
PY
# jsonl: records made from the first lines of each seed article.
i=0
for f in "$root"/seeds/*.txt; do
  i=$((i + 1))
  head -c 600 "$f" | python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "text": sys.stdin.read()}))' "$i" > "corpus/jsonl/s$i"
done
printf '{"id":"a","text":"Kerry met Lavrov."}\n\n{"id":7,"text":""}\r\n{"id":"b"}\n' > corpus/jsonl/mixed
for d in corpus/*/; do echo "$d: $(ls "$d" | wc -l) files"; done
echo "rules.dict: $(wc -l < rules.dict) tokens"
