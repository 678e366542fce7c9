#!/bin/sh
# memory.sh -- the memory bar of issue #2: the peak RSS of one process that
# extracts the whole dev set (th_extract + th_doc_render JSON + frees, page
# after page) stays <= 64 MB, and does not grow with the number of pages.
#
# It runs build/bench/extract_bench --stream (each page read from disk just
# before it is extracted, freed right after) over the first 100, 200, 400
# and all pages of the sorted dev list, one process each, and prints for
# each: the peak RSS from getrusage inside the process, the same from
# /usr/bin/time -v outside it, and the current RSS after the last page.
# Flat means: the peak over all pages is within FLAT_SLACK_MB (8) of the
# peak over the first 100, and the RSS after the last page is too.
# How it is measured: docs/internals/bench.md.
#
# Environment: THRESH_SHARED (default ../shared), MEM_LIMIT_MB (64),
#   FLAT_SLACK_MB (8), BENCH_NICE (10).
set -eu
cd "$(dirname "$0")/.."

SHARED=${THRESH_SHARED:-../shared}
DEV=$SHARED/eval/dev
if [ ! -d "$DEV/readability" ] || [ ! -d "$DEV/trafilatura" ]; then
    echo "memory: skipped: $DEV not found (set THRESH_SHARED)"
    exit 0
fi
LIMIT=${MEM_LIMIT_MB:-64}
SLACK=${FLAT_SLACK_MB:-8}
OUT=build/bench
mkdir -p "$OUT"
make -s bench-tools >/dev/null
ls "$DEV"/readability/*.html "$DEV"/trafilatura/*.html | LC_ALL=C sort > "$OUT/pages_all.txt"
total=$(wc -l < "$OUT/pages_all.txt")
RUN="nice -n ${BENCH_NICE:-10}"

val() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

echo "== memory: peak RSS, one process, pages streamed (commit ${THRESH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo '?')})"
printf '   %6s %8s %10s %14s %14s %12s\n' pages MB largest_KB peak_rss_MB time_v_MB end_rss_MB
: > "$OUT/memory.txt"
first_peak=""; first_end=""; worst=0; fail=0
for n in 100 200 400 all; do
    if [ "$n" = all ]; then n=$total; fi
    [ "$n" -le "$total" ] || continue
    head -n "$n" "$OUT/pages_all.txt" > "$OUT/pages_mem.txt"
    largest=$(xargs stat -c %s < "$OUT/pages_mem.txt" | sort -n | tail -1)
    if [ -x /usr/bin/time ]; then
        line=$(/usr/bin/time -v -o "$OUT/time_v.txt" $RUN build/bench/extract_bench \
               --stream "@$OUT/pages_mem.txt" 2>/dev/null)
        tv=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/time_v.txt")
    else
        line=$($RUN build/bench/extract_bench --stream "@$OUT/pages_mem.txt" 2>/dev/null)
        tv=-1
    fi
    echo "$line" >> "$OUT/memory.txt"
    peak=$(val "$line" peak_rss_kb); endr=$(val "$line" cur_rss_kb)
    awk -v n="$n" -v b="$(val "$line" bytes)" -v l="$largest" -v p="$peak" -v t="$tv" -v e="$endr" \
        'BEGIN { printf "   %6d %8.1f %10d %14.1f %14.1f %12.1f\n", n, b/1e6, l/1024, p/1024, t/1024, e/1024 }'
    [ -n "$first_peak" ] || { first_peak=$peak; first_end=$endr; }
    [ "$peak" -le "$worst" ] || worst=$peak
    [ "$tv" -le "$worst" ] || worst=$tv
    last_peak=$peak; last_end=$endr
done
awk -v w="$worst" -v lim="$LIMIT" -v fp="$first_peak" -v lp="$last_peak" \
    -v fe="$first_end" -v le="$last_end" -v s="$SLACK" 'BEGIN {
    printf "   peak RSS %.1f MB (bar <= %d MB: %s)\n", w/1024, lim, (w/1024 <= lim ? "PASS" : "FAIL")
    flat = (lp - fp) / 1024 <= s && (le - fe) / 1024 <= s
    printf "   growth 100 -> all pages: peak %+.1f MB, end RSS %+.1f MB (flat within %d MB: %s)\n",
           (lp - fp)/1024, (le - fe)/1024, s, (flat ? "PASS" : "FAIL")
}'
