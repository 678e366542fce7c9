#!/bin/sh
# text_eval.sh -- every accuracy figure of flattened-text mode, with the
# real CLI (build/thresh):
#   1. the seeds (../shared/seeds) against their gold labels/documents:
#      score_text.py (line F1 per region, comment recall/author/parent);
#   2. the dev sets flattened by w3m and lynx (flatten.sh), extracted with
#      `thresh extract --from text --format text`, scored by score.py
#      (snippet F1 on trafilatura, SH-F1 on readability);
#   3. the issue #3 bars: HTML mode on the same dev pages, and each
#      rendering's figure against (HTML figure - 0.04), to four decimals.
# Usage: eval/text_eval.sh [BIN]   (run from the top of the checkout)
# Per page: python3 ../shared/eval/score.py ../shared/eval/dev/SET
#           build/text_eval/SET-TOOL --per-page --worst 30
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

# The bars: text mode within 0.04 of HTML mode on the same pages.
echo "== issue #3 bars (text figure >= HTML figure - 0.04)"
for set in trafilatura readability; do
  mkdir -p "$OUT/$set-html"
  "$BIN" extract --format text -o "$OUT/$set-html" "$EV/dev/$set" >/dev/null 2>&1 || :
  for sys in html w3m lynx; do
    python3 "$EV/score.py" "$EV/dev/$set" "$OUT/$set-$sys" --json "$OUT/$set-$sys.json" >/dev/null
  done
  python3 - "$OUT" "$set" <<'PY'
import json, sys
out, s = sys.argv[1], sys.argv[2]
def fig(sys_):
    d = json.load(open('%s/%s-%s.json' % (out, s, sys_)))
    o = list(d['systems'].values())[0]['overall']
    return o['snippets']['f1'] if s == 'trafilatura' else o['shingle4_benchmark']['f1']
name = 'F1' if s == 'trafilatura' else 'SH-F1'
h = fig('html')
for t in ('w3m', 'lynx'):
    v = fig(t)
    print('%-12s %-5s %-6s %.4f  html %.4f  bar %.4f  %s' %
          (s, t, name, v, h, h - 0.04, 'met' if v >= h - 0.04 else 'NOT met'))
PY
done
