#!/bin/sh
# run_all.sh -- every accuracy figure of thresh against the dev gold
# (`make eval`), one script after the other:
#   eval/extract_eval.sh --peers  body: trafilatura snippet F1 + comment
#                                 leaks, readability SH-F1, Readability.js
#   eval/meta_eval.py             title / author / date accuracy
#   eval/comments_eval.py         comment snippets found / leaked
#   eval/text_eval.sh             flattened text: seeds, w3m/lynx dev pages
#   make lang-eval                language ID on the dev pages
#   eval/dedup_eval.py            near-duplicate recall / precision
# Each skips with a message when ../shared is absent (THRESH_SHARED).
# Exits non-zero only when a script fails to run, not when a bar is missed.
set -u
cd "$(dirname "$0")/.."
rc=0
run() { echo; echo "######## $*"; "$@" || { echo "eval/run_all: '$*' failed"; rc=1; }; }
run sh eval/extract_eval.sh --peers
run python3 eval/meta_eval.py
run python3 eval/comments_eval.py --bin build/thresh
run sh eval/text_eval.sh
run make -s lang-eval
run python3 eval/dedup_eval.py
exit $rc
