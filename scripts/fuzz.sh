#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS seconds each (default 30), one after another, and
# prints each target's executions and result. Needs the nightly toolchain and cargo-fuzz
# (`make fuzz` installs cargo-fuzz when missing).
#
# Settings (environment):
#   FUZZ_SECONDS    seconds per target (default 30)
#   FUZZ_RUNS       executions per target instead of a time limit (e.g. 10000000)
#   FUZZ_TARGETS    the targets to run (default: all, in the order below)
#   FUZZ_JOBS       fuzzing processes per target (default 1)
#   FUZZ_SANITIZER  cargo-fuzz sanitizer: none (default) or address. `src/core` forbids
#                   `unsafe`, so the fuzzers hunt panics, unbounded allocation and broken
#                   invariants; AddressSanitizer finds nothing more there and costs 3-10x speed.
#   FUZZ_TRACE_COMPARES  1 (default) builds with comparison tracing, which guides the fuzzer
#                   to magic values (JSON keys, event names); 0 drops it, about 2x the speed
#                   for the structured targets (tabs_merge, tabs_erase, pack_build), whose
#                   bytes are read as numbers in ranges.
#   FUZZ_LOG_DIR    where each target's libFuzzer log goes (default fuzz/target/fuzz-logs)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

SECONDS_PER_TARGET=${FUZZ_SECONDS:-30}
JOBS=${FUZZ_JOBS:-1}
SANITIZER=${FUZZ_SANITIZER:-none}
build=(-O -s "$SANITIZER")
[ "${FUZZ_TRACE_COMPARES:-1}" = 0 ] && build+=(--no-trace-compares)
TARGETS=${FUZZ_TARGETS:-"event profile_json config_json rank tabs_merge tabs_erase pack pack_build"}
LOG_DIR=${FUZZ_LOG_DIR:-target/fuzz-logs}
mkdir -p "$LOG_DIR"

# Seeds: a real stored profile and the shipped settings, and the seeds in fuzz/seeds/TARGET/
# (a profile of the current schema: kept parts, cached items, Chinese and Japanese keys).
mkdir -p corpus/profile_json corpus/config_json
cp ../tests/fixtures/profile-v1.json corpus/profile_json/seed-profile-v1.json
cp ../pkg-config/defaults.json corpus/config_json/seed-defaults.json
for dir in seeds/*/; do
  t=$(basename "$dir")
  mkdir -p "corpus/$t"
  for f in "$dir"*; do cp "$f" "corpus/$t/seed-$(basename "$f")"; done
done

cargo +nightly fuzz build "${build[@]}" >/dev/null
status=0
for t in $TARGETS; do
  extra=()
  case $t in
    profile_json|config_json) extra+=(-dict=json.dict -max_len=4096) ;;
    # Structured targets read a few bytes per decision: 512 bytes already make long
    # sessions (dozens of events, every list limit); longer inputs only slow the search.
    # tabs_merge spends 2 bytes per step: 128 bytes are 64 steps, enough for all three tabs
    # to reach their event cap (16 each) with stale reads and storage events in between.
    tabs_merge) extra+=(-max_len=128) ;;
    # tabs_erase spends 3 bytes per step: 256 bytes are 85 steps (at most 128 operations).
    tabs_erase) extra+=(-max_len=256) ;;
    *) extra+=(-max_len=512) ;;
  esac
  [ "$JOBS" -gt 1 ] && extra+=(-jobs="$JOBS" -workers="$JOBS")
  if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS"); else limit=(-max_total_time="$SECONDS_PER_TARGET"); fi
  log="$LOG_DIR/$t.log"
  case $log in /*) log_shown=$log ;; *) log_shown=fuzz/$log ;; esac
  # -rss_limit_mb: a decoder that allocates without bound fails the run.
  if cargo +nightly fuzz run "${build[@]}" "$t" -- "${limit[@]}" \
      -rss_limit_mb=512 -print_final_stats=1 "${extra[@]}" \
      >"$log" 2>&1; then
    result=ok
  else
    result=FAILED; status=1
  fi
  # With -jobs, each worker logs to fuzz-<n>.log in the current directory.
  runs=$( (cat "$log" fuzz-*.log 2>/dev/null || true) | awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}')
  rm -f fuzz-*.log
  secs=$(awk '/^Done [0-9]+ runs in/ {s = $5} END {print s + 0}' "$log")
  echo "fuzz $t: $runs executions in ${secs}s x $JOBS job(s), sanitizer $SANITIZER: $result (log: $log_shown)"
done
exit $status
