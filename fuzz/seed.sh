#!/usr/bin/env bash
# Writes small seed corpora for the fuzz targets into fuzz/corpus/ (not
# committed): paragraphs of the seed articles, lines of the default rules and
# gazetteers, and JSON Lines records. Run from anywhere: `fuzz/seed.sh`.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/extract corpus/gazetteer_tsv corpus/rules corpus/jsonl
n=0
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
# rules: each lexicon/define line alone, and each rule with the lexicons and definitions it needs.
grep -E '^(lexicon|define|rule) ' "$root/rules/default.rules" > corpus/rules.all
grep -E '^(lexicon|define) ' corpus/rules.all > corpus/rules.base
while IFS= read -r line; do
  n=$((n + 1))
  case "$line" in
    rule*) { cat corpus/rules.base; printf '%s\n' "$line"; } > "corpus/rules/r$n" ;;
    *) printf '%s\n' "$line" > "corpus/rules/r$n" ;;
  esac
done < corpus/rules.all
cp "$root/rules/default.rules" corpus/rules/default
rm corpus/rules.all corpus/rules.base
# jsonl: records made from the first lines of each seed article.
i=0
for f in "$root"/seeds/*.txt; do
  i=$((i + 1))
  head -c 600 "$f" | python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "text": sys.stdin.read()}))' "$i" > "corpus/jsonl/s$i"
done
printf '{"id":"a","text":"Kerry met Lavrov."}\n\n{"id":7,"text":""}\r\n{"id":"b"}\n' > corpus/jsonl/mixed
for d in corpus/*/; do echo "$d: $(ls "$d" | wc -l) files"; done
