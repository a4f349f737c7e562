#!/usr/bin/env bash
# Cargo's runner for the wasm browser tests (`make test-browser`): runs one test binary with
# wasm-bindgen-test-runner in headless Chromium, as `wasm-pack test --headless --chrome` does.
# Sessions 7-8 saw the first navigation to the runner's test page never complete in about one run
# in four. The cause was the runner's HTTP server (tiny_http 0.12.0): when Chromium opened several
# connections at once for the page's module imports, its thread pool queued the last one with no
# thread left to read it, so one module never arrived and the page never loaded. install-tools.sh
# now builds the runner with scripts/tiny_http-task-pool.patch, and `make test-browser` first
# checks the installed runner with scripts/check-test-server.mjs (README "Development").
# What stays here is a guard: a binary that gives no result within BROWSER_TEST_LIMIT seconds
# (default 90; each binary takes under 15 s here, a test at most WASM_BINDGEN_TEST_TIMEOUT) is
# killed with its chromedriver and browser and run once more (BROWSER_TEST_ATTEMPTS, default 2),
# so an unknown hang can neither block CI for good nor pass unseen; a failing test fails at once.
set -u
limit=${BROWSER_TEST_LIMIT:-90}
attempts=${BROWSER_TEST_ATTEMPTS:-2}
name=$(basename "$1")
for attempt in $(seq "$attempts"); do
  # In a process group of its own, so that a hang leaves no chromedriver or browser behind.
  setsid wasm-bindgen-test-runner "$@" &
  pid=$!
  ( sleep "$limit"; kill -TERM -- "-$pid"; sleep 5; kill -KILL -- "-$pid" ) >/dev/null 2>&1 &
  watchdog=$!
  wait "$pid"
  code=$?
  kill "$watchdog" 2>/dev/null
  wait "$watchdog" 2>/dev/null
  # Killed by the watchdog (TERM or KILL): no result; any other code is the tests' own.
  [ "$code" -ne 143 ] && [ "$code" -ne 137 ] && exit "$code"
  kill -KILL -- "-$pid" 2>/dev/null
  echo "browser-test-runner: $name gave no result within ${limit} s (attempt $attempt of $attempts)" >&2
done
exit 1
