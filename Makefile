# Shelfwise: the two commands a new user needs are `make demo` and `make test`.
# Each step is also a target (or a script under scripts/) you can run alone.

PORT ?= 8080
TOOLS := $(CURDIR)/.tools/node_modules/.bin
export PATH := $(TOOLS):$(PATH)
export WASM_BINDGEN_TEST_TIMEOUT ?= 60
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: demo test tools build fmt-check clippy clippy-wasm test-native test-browser test-node size e2e bench shop fuzz bench-track

## Build the package and the demo shop, serve them on http://127.0.0.1:$(PORT) (foreground; Ctrl+C stops).
demo: tools build shop
	node www/server.mjs --port $(PORT)

## Install what is missing, then run every check CI runs.
test: tools fmt-check clippy clippy-wasm test-native test-browser test-node build size e2e
	@echo "make test: all checks passed"

tools:
	@bash scripts/install-tools.sh

build:
	@bash scripts/build.sh

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --all-targets -- -D warnings

clippy-wasm:
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

test-native:
	cargo test

# Every tests/web*.rs file (they are configured run_in_browser), each through
# scripts/browser-test-runner.sh (wasm-bindgen-test-runner with a time limit). The same tests
# run by hand with `wasm-pack test --headless --chrome --mode no-install -- --test web`.
# First, scripts/check-test-server.mjs checks that the installed runner is the one
# scripts/install-tools.sh builds (its page server answers a burst of connections).
BROWSER_TESTS := $(patsubst tests/%.rs,--test %,$(sort $(wildcard tests/web*.rs)))
test-browser:
	node scripts/check-test-server.mjs
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(CURDIR)/scripts/browser-test-runner.sh \
	  cargo test --no-fail-fast --target wasm32-unknown-unknown $(BROWSER_TESTS)

test-node:
	wasm-pack test --node --mode no-install -- --test node

size:
	@bash scripts/size-report.sh

## Generate the demo shop (www/shop/, git-ignored) from ../shared/data (SHELFWISE_DATA overrides),
## with its recommendation pack built by `cargo run --release --bin shelfwise -- build-pack`.
shop:
	node www/shop-src/generate.mjs

e2e: shop
	cd www/e2e && node --test --test-concurrency=1

## Speed and size benchmarks (not part of `make test`: slow and noisy). Native criterion
## benchmarks, then the headless-Chromium benchmark with its peers; see BENCHMARKS.md.
bench: tools build
	cargo bench --bench engine
	cd www/bench && { [ -d node_modules/esbuild ] || npm ci --no-audit --no-fund; } && node run.mjs

## Fuzz every target in fuzz/ for FUZZ_SECONDS seconds each (default 30; nightly + cargo-fuzz,
## installed here when missing). Results and long-run figures: RELIABILITY.md.
fuzz:
	@bash scripts/install-tools.sh fuzz
	bash scripts/fuzz.sh

## Long-session timing of track (release, native): see BENCHMARKS.md "Long sessions".
bench-track:
	cargo bench --bench track
