#!/bin/sh
# run_all.sh -- every bench of thresh, one after the other (`make bench`):
#   bench/extract_speed.sh   thresh vs libxml2 and Readability.js (speed bars)
#   bench/memory.sh          peak RSS over the dev set (memory bar)
#   every other bench/*.sh   (text_speed.sh, corpus_speed.sh, ...) by name
#                            (bench/store_scale.py takes minutes: run it alone)
#   make parse-speed         the HTML parser alone, when the target exists
# Each script skips with a message when ../shared (the dev pages) is absent.
# Exits non-zero only if a script fails to run, not when a bar is missed:
# the bars are read from the output (and recorded in bench/RESULTS.md).
set -u
cd "$(dirname "$0")/.."
rc=0
for s in bench/extract_speed.sh bench/memory.sh bench/*.sh; do
    case $s in
    bench/run_all.sh) continue ;;
    bench/extract_speed.sh | bench/memory.sh) [ "${seen:-}" != "${seen#*"$s"}" ] && continue ;;
    esac
    seen="${seen:-} $s"
    [ -f "$s" ] || continue
    sh "$s" || { echo "run_all: $s failed"; rc=1; }
done
if make -n parse-speed >/dev/null 2>&1; then
    make -s parse-speed || { echo "run_all: make parse-speed failed"; rc=1; }
fi
exit $rc
