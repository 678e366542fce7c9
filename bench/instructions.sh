#!/bin/sh
# instructions.sh -- machine-independent companion of the libxml2 speed bar:
# instructions executed per input byte (valgrind callgrind), thresh's whole
# pipeline (th_extract + th_doc_render JSON + frees, counted inside
# extract_bench's run_page) against libxml2's bare tree parse (inside
# xml_parse's parse_page), one pass over the same pages.
#
# Instruction counts do not move when other jobs share the machine, so they
# show whether a change made thresh do less work even when the MB/s figures
# are noisy.  They are NOT the bar: time per instruction differs (SIMD string
# functions, cache misses), and under valgrind glibc picks its non-AVX-512
# string functions.  The bar is bench/extract_speed.sh's CPU-time ratio.
#
# Pages: the Readability subset of extract_speed.sh (every READABILITY_EVERY-
# th = 8th page, 79 pages, 12.8 MB); about a minute under callgrind.
# Environment: THRESH_SHARED (../shared), READABILITY_EVERY (8), BENCH_NICE (10).
set -eu
cd "$(dirname "$0")/.."

SHARED=${THRESH_SHARED:-../shared}
DEV=$SHARED/eval/dev
if [ ! -d "$DEV/readability" ] || [ ! -d "$DEV/trafilatura" ]; then
    echo "instructions: skipped: $DEV not found (set THRESH_SHARED)"
    exit 0
fi
if ! command -v valgrind >/dev/null 2>&1; then
    echo "instructions: skipped: no valgrind"
    exit 0
fi
OUT=build/bench
mkdir -p "$OUT"
make -s bench-tools >/dev/null
ls "$DEV"/readability/*.html "$DEV"/trafilatura/*.html | LC_ALL=C sort > "$OUT/pages_all.txt"
awk -v k="${READABILITY_EVERY:-8}" '(NR - 1) % k == 0' "$OUT/pages_all.txt" > "$OUT/pages_subset.txt"
bytes=$(xargs stat -c %s < "$OUT/pages_subset.txt" | awk '{ s += $1 } END { print s }')
RUN="nice -n ${BENCH_NICE:-10}"

# Ir inside the function named $1 (static, possibly renamed .isra/.constprop).
count() {
    fn=$1; shift
    $RUN valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.$fn.out" \
        --toggle-collect="$fn*" "$@" >/dev/null 2>&1
    sed -n 's/^summary: //p' "$OUT/callgrind.$fn.out"
}

t=$(count run_page build/bench/extract_bench --once "@$OUT/pages_subset.txt")
x=$(count parse_page build/bench/xml_parse --once "@$OUT/pages_subset.txt")
echo "== instructions (callgrind), $(wc -l < "$OUT/pages_subset.txt") pages, commit ${THRESH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo '?')}"
awk -v t="$t" -v x="$x" -v b="$bytes" 'BEGIN {
    printf "   %-34s %8.1f instructions/byte (%.0f M)\n", "thresh extract+render (json)", t / b, t / 1e6
    printf "   %-34s %8.1f instructions/byte (%.0f M)\n", "libxml2 htmlReadMemory+free", x / b, x / 1e6
    printf "   libxml2/thresh instructions %6.2f   (info; the bar is CPU time)\n", x / t
}' | tee "$OUT/instructions.txt"
