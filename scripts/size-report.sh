#!/usr/bin/env bash
# Prints raw / gzip / brotli sizes of what the script tag downloads (the loader, the script-tag
# glue and the wasm; for the full build and for the core build of data-build="core" pages) and
# fails when a gzip total exceeds its budget (bytes; BUDGET_GZIP and BUDGET_CORE_GZIP override). The ES-module glue (pkg/shelfwise.js) is listed apart: bundler users get it
# instead of the loader and the script-tag glue. `--list` prints the budgeted files only: the
# browser benchmark (www/bench/run.mjs) checks them against what the loader really fetches.
set -euo pipefail
cd "$(dirname "$0")/.."
# The budget is a ratchet just above today's size, so any growth fails CI. It is NOT the
# target: the target is 30 KB (see README "How big and how fast"); lower this number with
# every size cut, never raise it without a reason in the CHANGELOG.
BUDGET_GZIP=${BUDGET_GZIP:-116343}
files=(pkg/shelfwise.loader.js pkg/shelfwise.script.js pkg/shelfwise_bg.wasm)
# Pages tagged data-build="core" (README "Two builds") download these instead; their own ratchet.
BUDGET_CORE_GZIP=${BUDGET_CORE_GZIP:-89783}
core_files=(pkg/shelfwise.loader.js pkg/shelfwise.core.script.js pkg/shelfwise_core_bg.wasm)
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${files[@]}"; exit 0; fi
if [ "${1:-}" = "--list-core" ]; then printf '%s\n' "${core_files[@]}"; exit 0; fi

# Prints one row per file and a total row labelled $1 for the files after it; sets total_gz.
report() {
  local label=$1; shift
  local total_raw=0 total_br=0 f raw gz br
  total_gz=0
  for f in "$@"; do
    [ -f "$f" ] || { echo "size-report: $f missing (run scripts/build.sh)"; exit 1; }
    raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
    printf '%-30s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
  done
  printf '%-30s %10d %10d %10d\n' "$label" "$total_raw" "$total_gz" "$total_br"
}

printf '%-30s %10s %10s %10s\n' "file" "raw" "gzip -9" "brotli"
report "total (script tag)" "${files[@]}"
full_gz=$total_gz
es=pkg/shelfwise.js
[ -f "$es" ] && printf '%-30s %10d %10d %10d   (ES module instead of loader + script glue)\n' "$es" \
  "$(wc -c < "$es")" "$(gzip -9 -c "$es" | wc -c)" "$(brotli -q 11 -c "$es" | wc -c)"
echo
report "total (data-build=\"core\")" "${core_files[@]}"
core_gz=$total_gz
fail=0
if [ "$full_gz" -gt "$BUDGET_GZIP" ]; then
  echo "size-report: FAIL gzip total $full_gz bytes exceeds the budget of $BUDGET_GZIP bytes"; fail=1
fi
if [ "$core_gz" -gt "$BUDGET_CORE_GZIP" ]; then
  echo "size-report: FAIL core build gzip total $core_gz bytes exceeds its budget of $BUDGET_CORE_GZIP bytes"; fail=1
fi
[ "$fail" = 0 ] || exit 1
echo "size-report: ok (gzip total $full_gz <= budget $BUDGET_GZIP bytes; core build $core_gz <= $BUDGET_CORE_GZIP)"
