#!/usr/bin/env bash
# Prints raw / gzip / brotli sizes of what the script tag downloads and fails when the gzip
# total exceeds the budget (bytes; BUDGET_GZIP overrides). `--list` prints the file list only:
# the browser benchmark (www/bench/run.mjs) checks it against what the loader really fetches.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_GZIP=${BUDGET_GZIP:-60000}
files=(pkg/shelfwise_bg.wasm pkg/shelfwise.js)
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${files[@]}"; exit 0; fi
total_raw=0; total_gz=0; total_br=0
printf '%-28s %10s %10s %10s\n' "file" "raw" "gzip -9" "brotli"
for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "size-report: $f missing (run scripts/build.sh)"; exit 1; }
  raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-28s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
done
printf '%-28s %10d %10d %10d\n' "total" "$total_raw" "$total_gz" "$total_br"
if [ "$total_gz" -gt "$BUDGET_GZIP" ]; then
  echo "size-report: FAIL gzip total $total_gz bytes exceeds the budget of $BUDGET_GZIP bytes"
  exit 1
fi
echo "size-report: ok (gzip total $total_gz <= budget $BUDGET_GZIP bytes)"
