#!/bin/sh
# corpus_speed.sh -- corpus-run throughput bars (issue 4):
#   1. end to end, WARC.gz -> SQLite store, >= 70% of the throughput of
#      `thresh extract` alone on the same pages (both on one worker);
#   2. 2 workers >= 1.7x one worker (WARC.gz -> store, and -> JSON Lines).
# "One worker" runs pinned to one core (taskset -c 0): a run has a reader
# thread (gunzip, HTTP) and an ordering/writer thread (dedup, SQLite) next
# to its workers, so --jobs 1 unpinned already uses part of a second core
# and would understate the scaling; thresh extract is pinned the same way.
# Payloads are stored as sent without content-encoding (like wget
# --warc-file); the tests cover chunked and gzip payloads.
# The WARC.gz is written by build/mkwarc from ../shared/eval/dev pages into
# build/corpus-bench/ (never into the repository).  Best of RUNS runs.
# Skips when the dev pages are absent.  Usage: bench/corpus_speed.sh [RUNS]
# With PROFILE=1: also records the pinned one-worker db run with perf
# (no call graphs: cheap enough not to distort cache-sensitive code) and
# prints where its CPU goes by library and the top symbols.
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SHARED=${THRESH_SHARED:-../shared}
DEV="$SHARED/eval/dev"
if [ ! -d "$DEV" ]; then echo "corpus_speed: skip ($DEV absent)"; exit 0; fi
BIN=${THRESH_BIN:-build/thresh}
[ -x "$BIN" ] && [ -x build/mkwarc ] || make -s "$BIN" build/mkwarc >/dev/null
OUT=build/corpus-bench
mkdir -p "$OUT"
WARC=$OUT/dev.warc.gz
[ -s "$WARC" ] || build/mkwarc "$WARC" "$DEV"/readability/*.html "$DEV"/trafilatura/*.html
PIN="taskset -c 0"
command -v taskset >/dev/null || PIN=""
MB=$(cat "$DEV"/readability/*.html "$DEV"/trafilatura/*.html | wc -c | awk '{printf "%.1f", $1/1e6}')

# Of RUNS runs of a command: the best (lowest) wall time and the lowest
# CPU time (user+sys), each over all runs: "wall cpu".  Best-of, not
# median: on a shared machine the other jobs only ever add time.  The CPU
# time is perf's task-clock (1 ms resolution) when perf works here, else
# /usr/bin/time's user+sys (10 ms).  Round 3 took the CPU time of the
# best-wall run instead: under load that run is not the one with the
# least CPU, and the ratio moved by +-0.02 between runs.
PERF_OK=0
if command -v perf >/dev/null && perf stat -x, -e task-clock -o "$OUT/perf.txt" true >/dev/null 2>&1; then
    PERF_OK=1
fi
med() {
    for i in $(seq "$RUNS"); do
        rm -f "$OUT"/c.db "$OUT"/c.db-wal "$OUT"/c.db-shm
        if [ "$PERF_OK" = 1 ]; then
            run="perf stat -x, -e task-clock -o $OUT/perf.txt sh -c \"$1\""
        else
            run="sh -c \"$1\""
        fi
        if /usr/bin/time -f "%e %U %S" -o "$OUT/time.txt" sh -c "$run" >/dev/null 2>"$OUT/err.txt"; then
            t=$(tail -1 "$OUT/time.txt")
            if [ "$PERF_OK" = 1 ]; then
                c=$(awk -F, '/task-clock/ {printf "%.3f", $1 / 1000}' "$OUT/perf.txt")
            else
                c=$(echo "$t" | awk '{printf "%.2f", $2 + $3}')
            fi
            echo "$t" | awk -v c="$c" '{printf "%s %s\n", $1, c}'
        else
            echo "corpus_speed: FAILED: $1" >&2; cat "$OUT/time.txt" "$OUT/err.txt" >&2
        fi
    done > "$OUT/runs.txt"
    w=$(sort -n "$OUT/runs.txt" | head -1 | cut -d' ' -f1)
    c=$(cut -d' ' -f2 "$OUT/runs.txt" | sort -n | head -1)
    [ -n "$w" ] && echo "$w $c"
}
wall() { echo "$1" | cut -d' ' -f1; }
cpu() { echo "$1" | cut -d' ' -f2; }

m_ext=$(med "$PIN $BIN extract '$DEV/readability' '$DEV/trafilatura'")
m_c1=$(med "$PIN $BIN corpus -q --jobs 1 '$WARC' -o '$OUT/c.db'")
m_c2=$(med "$BIN corpus -q --jobs 2 '$WARC' -o '$OUT/c.db'")
m_j1=$(med "$PIN $BIN corpus -q --jobs 1 '$WARC' -o '$OUT/c.jsonl'")
m_j2=$(med "$BIN corpus -q --jobs 2 '$WARC' -o '$OUT/c.jsonl'")
t_ext=$(wall "$m_ext"); t_c1=$(wall "$m_c1"); t_c2=$(wall "$m_c2")
t_j1=$(wall "$m_j1"); t_j2=$(wall "$m_j2")
pages=$(ls "$DEV"/readability/*.html "$DEV"/trafilatura/*.html | wc -l)
echo "corpus_speed: $pages dev pages, $MB MB of HTML ($(du -k "$WARC" | cut -f1) kB as WARC.gz), best of $RUNS, $(nproc) cores"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg) (wall-clock bars need an idle machine)"
printf "  thresh extract (1 core)            %6.2f s wall %6.1f MB/s  cpu %5.3f s\n" "$t_ext" "$(echo "$MB / $t_ext" | bc -l)" "$(cpu "$m_ext")"
printf "  corpus WARC.gz -> db, --jobs 1 (1 core) %6.2f s wall %6.1f MB/s  cpu %5.3f s\n" "$t_c1" "$(echo "$MB / $t_c1" | bc -l)" "$(cpu "$m_c1")"
printf "  corpus WARC.gz -> db, --jobs 2     %6.2f s wall %6.1f MB/s  cpu %5.3f s\n" "$t_c2" "$(echo "$MB / $t_c2" | bc -l)" "$(cpu "$m_c2")"
printf "  corpus WARC.gz -> jsonl, --jobs 1 (1 core) %6.2f s wall               cpu %5.3f s\n" "$t_j1" "$(cpu "$m_j1")"
printf "  corpus WARC.gz -> jsonl, --jobs 2  %6.2f s wall               cpu %5.3f s\n" "$t_j2" "$(cpu "$m_j2")"
r1=$(echo "$t_ext / $t_c1" | bc -l)
r2=$(echo "$t_c1 / $t_c2" | bc -l)
r3=$(echo "$t_j1 / $t_j2" | bc -l)
ok1=$(echo "$r1 >= 0.70" | bc); ok2=$(echo "$r2 >= 1.7" | bc)
printf "  bar: corpus/extract throughput %.2f (>= 0.70) %s; by CPU time %.3f\n" "$r1" "$([ "$ok1" = 1 ] && echo PASS || echo FAIL)" "$(echo "$(cpu "$m_ext") / $(cpu "$m_c1")" | bc -l)"
printf "  bar: 2 workers / 1 worker (db) %.2fx (>= 1.7) %s; jsonl %.2fx\n" "$r2" "$([ "$ok2" = 1 ] && echo PASS || echo FAIL)" "$r3"
# The same bars with the pinned runs' CPU time standing for their wall
# time (what they take on a core of their own): other sessions' jobs share
# core 0 and stretch the pinned wall times, never the CPU times.
printf "  with the 1-core runs timed by CPU: throughput corpus (db, --jobs %s, wall) / extract %.2f; 2 workers / 1 worker: db %.2fx, jsonl %.2fx\n" \
    "$(nproc)" "$(echo "$(cpu "$m_ext") / $t_c2" | bc -l)" "$(echo "$(cpu "$m_c1") / $t_c2" | bc -l)" "$(echo "$(cpu "$m_j1") / $t_j2" | bc -l)"
# Where the pinned one-worker db run's CPU goes (--timings), and the
# budget the 0.70 bar leaves: extract's CPU / 0.70 minus the extraction
# stage is what everything else may cost.
rm -f "$OUT"/c.db "$OUT"/c.db-wal "$OUT"/c.db-shm
$PIN $BIN corpus -q --timings --jobs 1 "$WARC" -o "$OUT/c.db" 2>"$OUT/timings.txt" >/dev/null
sed 's/^/  /' "$OUT/timings.txt"
awk -v ext="$(cpu "$m_ext")" '
    / extract  / { x = $2 }
    /read \(gunzip/ { rd = $(NF-2) }
    /full-text index rows/ { f = $(NF-2) }
    /commits and checkpoint/ { c = $(NF-2) }
    /CPU by stage/ { gsub(/[(]/, "", $6); all = $6 }
    END {
        if (x == "") exit
        printf "  budget at 0.70: %.3f s beyond the extraction stage (%.3f s); spent %.3f s, of which reading + full-text index + commits %.3f s\n", \
            ext / 0.70 - x, x, all - x, rd + f + c
    }' "$OUT/timings.txt"
if [ "${PROFILE:-0}" = 1 ] && command -v perf >/dev/null; then
    rm -f "$OUT"/c.db "$OUT"/c.db-wal "$OUT"/c.db-shm
    $PIN perf record -q -F 4000 -o "$OUT/perf.data" $BIN corpus -q --jobs 1 "$WARC" -o "$OUT/c.db" >/dev/null 2>&1
    echo "  profile of corpus WARC.gz -> db, --jobs 1 (perf report -i $OUT/perf.data):"
    perf report -i "$OUT/perf.data" --no-children --sort dso 2>/dev/null | grep '%' | grep -v '^#' | head -8
    perf report -i "$OUT/perf.data" --no-children --sort sym 2>/dev/null | grep '%' | grep -v '^#' | head -25
fi
