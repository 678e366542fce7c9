#!/bin/sh
# extract_eval.sh -- main-content extraction accuracy on the dev sets.
#
#   eval/extract_eval.sh [--peers] [--per-page N]
#
# Runs `thresh extract --format text -o DIR` over ../shared/eval/dev/
# trafilatura (snippet F1, comment leaks) and ../shared/eval/dev/readability
# (Scrapinghub SH-F1) into build/eval/thresh-{trafilatura,readability}/ and
# scores them with ../shared/eval/score.py.  With --peers it also runs
# Mozilla Readability.js (node; installed into build/peers/readability-js on
# first use) and prints both rows.  --per-page N lists the N worst pages.
#
# Environment: THRESH_SHARED (default ../shared), THRESH_BIN (default
# build/thresh; e.g. build/oracle/thresh for the gumbo parser).
# The bars (docs/internals/extract.md): trafilatura F1 >= 0.93 with at most
# 2 of 159 comment snippets leaked; readability SH-F1 >= 0.95.
set -eu

cd "$(dirname "$0")/.."
SHARED=${THRESH_SHARED:-../shared}
if [ ! -d "$SHARED/eval/dev" ]; then
    echo "extract_eval: SKIP: $SHARED/eval/dev not found (set THRESH_SHARED)"
    exit 0
fi
EVAL=$SHARED/eval
PEERS=0
WORST=0
while [ $# -gt 0 ]; do
    case "$1" in
    --peers) PEERS=1 ;;
    --per-page) WORST=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "extract_eval: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

BIN=${THRESH_BIN:-build/thresh}
if [ -z "${THRESH_BIN:-}" ]; then
    make -s cli >/dev/null
fi
[ -x "$BIN" ] || { echo "extract_eval: $BIN not built" >&2; exit 1; }

peer_setup() {
    P=build/peers/readability-js
    if [ ! -d "$P/node_modules/@mozilla/readability" ]; then
        command -v npm >/dev/null || { echo "extract_eval: npm missing (make deps)" >&2; return 1; }
        mkdir -p "$P"
        cp "$EVAL/peers/readability-js/package.json" "$EVAL/peers/readability-js/run_set.js" "$P/"
        (cd "$P" && npm install --silent --no-audit --no-fund >/dev/null 2>&1) ||
            { echo "extract_eval: npm install failed in $P" >&2; return 1; }
    fi
    cp "$EVAL/peers/readability-js/run_set.js" "$P/"
}

[ $PEERS = 1 ] && { peer_setup || PEERS=0; }

for set in trafilatura readability; do
    SET=$EVAL/dev/$set
    OUT=build/eval/thresh-$set
    rm -rf "$OUT"
    mkdir -p "$OUT"
    t0=$(date +%s.%N)
    nice "$BIN" extract --format text -o "$OUT" "$SET" 2>"$OUT.stderr" || true
    t1=$(date +%s.%N)
    n=$(ls "$OUT" | wc -l)
    echo "== $set: $n pages in $(echo "$t1 - $t0" | bc) s ($BIN)"
    DIRS=$OUT
    NAMES=thresh
    if [ $PEERS = 1 ]; then
        RAW=build/peers/raw-$set
        PRED=build/peers/readability-js-$set
        rm -rf "$RAW" "$PRED"
        nice node build/peers/readability-js/run_set.js "$SET" "$RAW" >/dev/null 2>&1 || true
        python3 "$EVAL/peers/content_to_txt.py" "$RAW" "$PRED" >/dev/null
        DIRS="$OUT $PRED"
        NAMES=thresh,readability-js
    fi
    ARGS="--n-bootstrap 200"
    [ "$WORST" -gt 0 ] && ARGS="$ARGS --per-page --worst $WORST"
    # shellcheck disable=SC2086
    python3 "$EVAL/score.py" "$SET" $DIRS --names "$NAMES" $ARGS | grep -v '^$'
    echo
done
