#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS seconds each (default 30), one after another, and
# prints each target's executions and result. Needs the nightly toolchain and cargo-fuzz
# (`make fuzz` installs cargo-fuzz when missing). FUZZ_TARGETS limits the run to some targets;
# FUZZ_JOBS runs that many fuzzing processes per target (default 1).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

SECONDS_PER_TARGET=${FUZZ_SECONDS:-30}
JOBS=${FUZZ_JOBS:-1}
TARGETS=${FUZZ_TARGETS:-"event profile_json config_json rank tabs_merge"}
LOG_DIR=${FUZZ_LOG_DIR:-target/fuzz-logs}
mkdir -p "$LOG_DIR"

# Seeds: a real stored profile and the shipped settings.
mkdir -p corpus/profile_json corpus/config_json
cp ../tests/fixtures/profile-v1.json corpus/profile_json/seed-profile-v1.json
cp ../pkg-config/defaults.json corpus/config_json/seed-defaults.json

cargo +nightly fuzz build -O >/dev/null
status=0
for t in $TARGETS; do
  extra=()
  case $t in profile_json|config_json) extra+=(-dict=json.dict) ;; esac
  [ "$JOBS" -gt 1 ] && extra+=(-jobs="$JOBS" -workers="$JOBS")
  log="$LOG_DIR/$t.log"
  # -rss_limit_mb: a decoder that allocates without bound fails the run.
  if cargo +nightly fuzz run -O "$t" -- -max_total_time="$SECONDS_PER_TARGET" \
      -rss_limit_mb=512 -print_final_stats=1 "${extra[@]}" \
      >"$log" 2>&1; then
    result=ok
  else
    result=FAILED; status=1
  fi
  # With -jobs, each worker logs to fuzz-<n>.log in the current directory.
  runs=$( (cat "$log" fuzz-*.log 2>/dev/null || true) | awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}')
  rm -f fuzz-*.log
  echo "fuzz $t: $runs executions in ${SECONDS_PER_TARGET}s x $JOBS job(s): $result (log: fuzz/$log)"
done
exit $status
