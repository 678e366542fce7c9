#!/bin/sh
# extract_speed.sh -- the speed bars of issue #2, on the dev pages:
#   thresh (th_extract + th_doc_render JSON)   vs  libxml2 bare tree parse  (bar >= 2.0)
#   thresh                                     vs  Readability.js on jsdom  (bar >= 100)
#
# Every number is one process pinned to one core (taskset -c $BENCH_CPU),
# pages read into memory before the clock starts, the clock being process
# CPU time, so other jobs on the shared machine disturb it less than wall
# time.  thresh and libxml2 repeat the page list until BENCH_SECONDS of CPU
# time have passed.  Readability is slow (about 1 MB/s), so it runs once over
# a subset -- every READABILITY_EVERY-th page of the sorted list -- and
# thresh is timed again on that same subset for the per-byte ratio.
# How each bar is measured: docs/internals/bench.md.
#
# Environment: THRESH_SHARED (default ../shared), THRESH_COMMIT (the commit
#   to print when not run in a git checkout), BENCH_SECONDS (5),
#   BENCH_CPU (0), BENCH_NICE (10), READABILITY_EVERY (8; 1 = all pages),
#   NO_READABILITY=1 to skip the peer.
# Output: a table on stdout; the raw result lines in build/bench/extract_speed.txt.
set -eu
cd "$(dirname "$0")/.."

SHARED=${THRESH_SHARED:-../shared}
DEV=$SHARED/eval/dev
if [ ! -d "$DEV/readability" ] || [ ! -d "$DEV/trafilatura" ]; then
    echo "extract_speed: skipped: $DEV not found (set THRESH_SHARED)"
    exit 0
fi
SECS=${BENCH_SECONDS:-5}
EVERY=${READABILITY_EVERY:-8}
OUT=build/bench
mkdir -p "$OUT"
make -s bench-tools >/dev/null

RUN="nice -n ${BENCH_NICE:-10}"
if command -v taskset >/dev/null 2>&1; then
    RUN="$RUN taskset -c ${BENCH_CPU:-0}"
fi

# The page lists: all dev pages sorted by path; the peer's subset.
ls "$DEV"/readability/*.html "$DEV"/trafilatura/*.html | LC_ALL=C sort > "$OUT/pages_all.txt"
awk -v k="$EVERY" '(NR - 1) % k == 0' "$OUT/pages_all.txt" > "$OUT/pages_subset.txt"

# key=value lookup in a result line
val() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

echo "== extract_speed: $(wc -l < "$OUT/pages_all.txt") pages, commit ${THRESH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo '?')}, $(date -u +%Y-%m-%dT%H:%MZ)"
T_ALL=$($RUN build/bench/extract_bench --min-seconds "$SECS" "@$OUT/pages_all.txt" 2>"$OUT/extract_errors.txt")
X_ALL=$($RUN build/bench/xml_parse --min-seconds "$SECS" "@$OUT/pages_all.txt")
printf '%s\n%s\n' "$T_ALL" "$X_ALL" > "$OUT/extract_speed.txt"
errs=$(val "$T_ALL" errors)
[ "$errs" = 0 ] || echo "   note: $errs pages returned an error status (see $OUT/extract_errors.txt)"

# The CLI end to end (files read from the page cache, JSON Lines written to
# /dev/null), one pass: informational, not a bar.
CLI_LINE=""
if [ -x build/thresh ] && [ -x /usr/bin/time ]; then
    if /usr/bin/time -f '%U %S %e' -o "$OUT/cli_time.txt" $RUN build/thresh extract -q \
        "$DEV/readability" "$DEV/trafilatura" >/dev/null 2>&1; then
        CLI_LINE=$(awk -v b="$(val "$T_ALL" bytes)" -v n="$(val "$T_ALL" pages)" \
            '{ c = $1 + $2; printf "cli pages=%d bytes=%d passes=1 cpu_s=%.3f wall_s=%.3f MB_s=%.2f pages_s=%.1f", n, b, c, $3, b / 1e6 / c, n / c }' \
            "$OUT/cli_time.txt")
        echo "$CLI_LINE" >> "$OUT/extract_speed.txt"
    fi
fi

R_SUB=""
if [ "${NO_READABILITY:-0}" != 1 ]; then
    PEER=build/peers/readability-js
    if [ ! -d "$PEER/node_modules/@mozilla/readability" ] || [ ! -d "$PEER/node_modules/jsdom" ]; then
        if [ -f "$SHARED/eval/peers/readability-js/package.json" ] && command -v npm >/dev/null 2>&1; then
            echo "   installing Readability.js + jsdom into $PEER (npm install)"
            mkdir -p "$PEER"
            cp "$SHARED/eval/peers/readability-js/package.json" \
               "$SHARED/eval/peers/readability-js/run_set.js" "$PEER/"
            chmod u+w "$PEER/package.json" "$PEER/run_set.js"
            (cd "$PEER" && npm install --no-audit --no-fund --loglevel=error >/dev/null) ||
                echo "   npm install failed: Readability skipped"
        else
            echo "   Readability skipped: no npm or no $SHARED/eval/peers/readability-js"
        fi
    fi
    if [ -d "$PEER/node_modules/jsdom" ]; then
        T_SUB=$($RUN build/bench/extract_bench --min-seconds "$SECS" "@$OUT/pages_subset.txt" 2>/dev/null)
        R_SUB=$($RUN node bench/readability_time.js "$PEER" "@$OUT/pages_subset.txt")
        printf '%s\n%s\n' "$(echo "$T_SUB" | sed 's/^extract/extract_subset/')" "$R_SUB" >> "$OUT/extract_speed.txt"
    fi
fi

t=$(val "$T_ALL" MB_s); x=$(val "$X_ALL" MB_s)
awk -v t="$t" -v x="$x" -v tp="$(val "$T_ALL" pages_s)" -v xp="$(val "$X_ALL" pages_s)" \
    -v b="$(val "$T_ALL" bytes)" -v n="$(val "$T_ALL" pages)" \
    -v c="$(val "$CLI_LINE" MB_s)" -v cp="$(val "$CLI_LINE" pages_s)" 'BEGIN {
    printf "   all dev pages: %d pages, %.1f MB\n", n, b / 1e6
    printf "   %-34s %9.2f MB/s %9.1f pages/s\n", "thresh extract+render (json)", t, tp
    printf "   %-34s %9.2f MB/s %9.1f pages/s\n", "libxml2 htmlReadMemory+free", x, xp
    if (c != "") printf "   %-34s %9.2f MB/s %9.1f pages/s  (one pass, info)\n", "thresh extract CLI, files -> JSONL", c, cp
    r = t / x
    printf "   ratio thresh/libxml2 %8.2f   (bar >= 2.0: %s)\n", r, (r >= 2.0 ? "PASS" : "FAIL")
}'
if [ -n "$R_SUB" ]; then
    ts=$(val "$T_SUB" MB_s); rs=$(val "$R_SUB" MB_s)
    awk -v t="$ts" -v r="$rs" -v n="$(val "$R_SUB" pages)" -v b="$(val "$R_SUB" bytes)" \
        -v e="$EVERY" -v re="$(val "$R_SUB" errors)" 'BEGIN {
    printf "   subset (every %dth page): %d pages, %.1f MB\n", e, n, b / 1e6
    printf "   %-34s %9.2f MB/s\n", "thresh extract+render (json)", t
    printf "   %-34s %9.3f MB/s   (%d errors)\n", "Readability.js 0.6.0 on jsdom", r, re
    q = t / r
    printf "   ratio thresh/Readability %8.1f   (bar >= 100: %s)\n", q, (q >= 100 ? "PASS" : "FAIL")
}'
fi
