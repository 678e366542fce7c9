#!/bin/sh
# text_eval.sh -- every accuracy figure of flattened-text mode, with the
# real CLI (build/thresh):
#   1. the seeds (../shared/seeds) against their gold labels/documents:
#      score_text.py (line F1 per region, comment recall/author/parent);
#   2. the dev sets flattened by w3m and lynx (flatten.sh), extracted with
#      `thresh extract --from text --format text`, scored by score.py
#      (snippet F1 on trafilatura, SH-F1 on readability).
# Usage: eval/text_eval.sh [BIN]   (run from the top of the checkout)
set -eu
BIN=${1:-build/thresh}
SH=${THRESH_SHARED:-../shared}
EV=$SH/eval
OUT=build/text_eval
[ -x "$BIN" ] || { echo "text_eval: build $BIN first (make)"; exit 2; }
[ -d "$EV" ] || { echo "text_eval: $EV not found"; exit 2; }
rm -rf "$OUT"; mkdir -p "$OUT/seeds"

echo "== seeds: $BIN extract --from text (labels + json) vs $EV/seeds"
"$BIN" extract --from text --format labels -o "$OUT/seeds" "$SH/seeds" >/dev/null
"$BIN" extract --from text --format json -o "$OUT/seeds" "$SH/seeds" >/dev/null
python3 "$EV/score_text.py" "$EV/seeds" "$OUT/seeds"

for set in trafilatura readability; do
  for tool in w3m lynx; do
    flat=build/flat/$set-$tool
    if [ ! -d "$flat" ] || [ -z "$(ls "$flat" 2>/dev/null)" ]; then
      nice "$EV/flatten.sh" "$EV/dev/$set" "$flat" "$tool"
    fi
    mkdir -p "$OUT/$set-$tool"
    "$BIN" extract --from text --format text -o "$OUT/$set-$tool" "$flat" >/dev/null || :
    echo "== dev/$set flattened by $tool, text mode"
    python3 "$EV/score.py" "$EV/dev/$set" "$OUT/$set-$tool" | tail -1
  done
done
