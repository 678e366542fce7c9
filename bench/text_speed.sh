#!/bin/sh
# text_speed.sh -- text-mode throughput on one core (taskset -c 0).
#   1. one document: every flattened dev page that is valid UTF-8
#      (build/flat/*/*.txt, made by eval/text_eval.sh or flatten.sh),
#      concatenated once (~20 MB; not repeated, so identical-line
#      memoisation sees no copies of the same pages), through
#      `thresh extract --from text --format text|labels`; best of 5.
#      (Pages in other charsets are left out: one Latin-1 byte would turn
#      the whole concatenation into a CP1252 conversion, which is a
#      charset benchmark, not a text-mode one.)
#   2. per page: the 4 flattened sets as separate files in one process
#      (directory INPUTs, file reads included, output to /dev/null);
#      best of 5.  This is the realistic figure: pages are documents.
# Reports CPU time (task-clock), best of 5.
# Usage: bench/text_speed.sh [BIN]
set -eu
BIN=${1:-build/thresh}
W=build/bench_text
mkdir -p "$W"
[ -d build/flat/trafilatura-w3m ] || { echo "text_speed: run eval/text_eval.sh first (needs build/flat)"; exit 2; }
: > "$W/one.txt"
for f in build/flat/*/*.txt; do
  if iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then cat "$f" >> "$W/one.txt"; fi
done
size=$(stat -c %s "$W/one.txt")
# CPU time (perf stat -e task-clock) is the bar's figure: wall time on the
# shared 2-core machine is not reliable.  Without perf, user+sys time.
cpu_of() { # N CMD...: prints the best CPU time in seconds
  n=$1; shift; best=999999
  for r in $(seq "$n"); do
    if command -v perf >/dev/null 2>&1; then
      t=$(perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1 / 1000}')
    else
      t=$( { /usr/bin/time -f "%U %S" "$@" >/dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}')
    fi
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  echo "$best"
}
for fmt in text labels; do
  t=$(cpu_of 5 taskset -c 0 "$BIN" extract --from text --format $fmt "$W/one.txt")
  echo "one document, --format $fmt: $size bytes in ${t}s CPU = $(echo "$size / $t / 1000000" | bc -l | cut -c1-6) MB/s (one core)"
done
psize=0; nf=0
for d in build/flat/*/; do
  psize=$((psize + $(cat "$d"*.txt | wc -c))); nf=$((nf + $(ls "$d" | wc -l)))
done
t=$(cpu_of 5 taskset -c 0 "$BIN" extract --from text --format text build/flat/*/)
echo "per page ($nf files in one process, $psize bytes, output to /dev/null): ${t}s CPU = $(echo "$psize / $t / 1000000" | bc -l | cut -c1-6) MB/s (one core)"
