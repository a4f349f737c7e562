#!/usr/bin/env bash
# Prints raw / gzip / brotli sizes of what the script tag downloads (the loader, the script-tag
# glue and the wasm) and fails when the gzip total exceeds the budget (bytes; BUDGET_GZIP
# overrides). The ES-module glue (pkg/shelfwise.js) is listed apart: bundler users get it
# instead of the loader and the script-tag glue. `--list` prints the budgeted files only: the
# browser benchmark (www/bench/run.mjs) checks them against what the loader really fetches.
set -euo pipefail
cd "$(dirname "$0")/.."
# The budget is a ratchet just above today's size, so any growth fails CI. It is NOT the
# target: the target is 30 KB (see README "How big and how fast"); lower this number with
# every size cut, never raise it without a reason in the CHANGELOG.
BUDGET_GZIP=${BUDGET_GZIP:-135168}
files=(pkg/shelfwise.loader.js pkg/shelfwise.script.js pkg/shelfwise_bg.wasm)
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${files[@]}"; exit 0; fi
total_raw=0; total_gz=0; total_br=0
printf '%-28s %10s %10s %10s\n' "file" "raw" "gzip -9" "brotli"
for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "size-report: $f missing (run scripts/build.sh)"; exit 1; }
  raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-28s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
done
printf '%-28s %10d %10d %10d\n' "total (script tag)" "$total_raw" "$total_gz" "$total_br"
es=pkg/shelfwise.js
[ -f "$es" ] && printf '%-28s %10d %10d %10d   (ES module instead of loader + script glue)\n' "$es" \
  "$(wc -c < "$es")" "$(gzip -9 -c "$es" | wc -c)" "$(brotli -q 11 -c "$es" | wc -c)"
if [ "$total_gz" -gt "$BUDGET_GZIP" ]; then
  echo "size-report: FAIL gzip total $total_gz bytes exceeds the budget of $BUDGET_GZIP bytes"
  exit 1
fi
echo "size-report: ok (gzip total $total_gz <= budget $BUDGET_GZIP bytes)"
