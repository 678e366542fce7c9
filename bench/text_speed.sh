#!/bin/sh
# text_speed.sh -- text-mode throughput on one core: the flattened dev
# pages (build/flat/*, made by eval/text_eval.sh or flatten.sh) are
# concatenated and repeated into one ~64 MB input, and
# `thresh extract --from text --format text` runs on it pinned with
# taskset -c 0; prints MB/s (best of 3).  Also times labels output.
# Usage: bench/text_speed.sh [BIN]
set -eu
BIN=${1:-build/thresh}
W=build/bench_text
mkdir -p "$W"
[ -d build/flat/trafilatura-w3m ] || { echo "text_speed: run eval/text_eval.sh first (needs build/flat)"; exit 2; }
cat build/flat/*/*.txt > "$W/one.txt"
: > "$W/big.txt"
while [ "$(stat -c %s "$W/big.txt")" -lt 64000000 ]; do cat "$W/one.txt" >> "$W/big.txt"; done
size=$(stat -c %s "$W/big.txt")
for fmt in text labels; do
  best=999999
  for r in 1 2 3; do
    s=$(date +%s.%N)
    taskset -c 0 "$BIN" extract --from text --format $fmt "$W/big.txt" > /dev/null
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  echo "text mode --format $fmt: $size bytes in ${best}s = $(echo "$size / $best / 1000000" | bc -l | cut -c1-6) MB/s (one core)"
done
# Per page (many small documents): the pages as separate files.
s=$(date +%s.%N)
taskset -c 0 "$BIN" extract --from text --format text -o "$W/out" build/flat/trafilatura-w3m > /dev/null
e=$(date +%s.%N)
psize=$(cat build/flat/trafilatura-w3m/*.txt | wc -c)
echo "per page (trafilatura-w3m, $(ls build/flat/trafilatura-w3m | wc -l) files, $psize bytes): $(echo "$psize / ($e - $s) / 1000000" | bc -l | cut -c1-6) MB/s incl. file I/O"
