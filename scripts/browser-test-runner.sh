#!/usr/bin/env bash
# Cargo's runner for the wasm browser tests (`make test-browser`): runs one test binary with
# wasm-bindgen-test-runner in headless Chromium, as `wasm-pack test --headless --chrome` does.
# On these machines chromedriver's first navigation to the runner's test page sometimes never
# completes (in about one run in four, session 7; seen with RUST_LOG=debug: the POST
# /session/…/url gets no answer, before any test has run), which hung `make test` for good.
# A binary that gives no result within BROWSER_TEST_LIMIT seconds (default 90; each binary
# takes under 15 s here, a test at most WASM_BINDGEN_TEST_TIMEOUT) is run again, up to
# BROWSER_TEST_ATTEMPTS times (default 5); a test that fails fails at once.
set -u
limit=${BROWSER_TEST_LIMIT:-90}
attempts=${BROWSER_TEST_ATTEMPTS:-5}
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
