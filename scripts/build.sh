#!/usr/bin/env bash
# Builds the browser package into pkg/: one optimised .wasm, its ES-module glue and TypeScript
# types, plus what pkg-config/ ships (package.json, default settings).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

PROFILE=${PROFILE:-release}
flag=(--release); [ "$PROFILE" = "dev" ] && flag=()
cargo build --lib --target wasm32-unknown-unknown "${flag[@]}" -q
dir=target/wasm32-unknown-unknown/$([ "$PROFILE" = "dev" ] && echo debug || echo release)

rm -rf pkg && mkdir -p pkg
wasm-bindgen --target web --out-dir pkg --out-name shelfwise "$dir/shelfwise.wasm"
if [ "$PROFILE" != "dev" ]; then
  # npm binaryen (see TOOLCHAIN.md: Debian's wasm-opt 108 produces broken output).
  wasm-opt -Oz --converge --strip-debug --strip-producers pkg/shelfwise_bg.wasm -o pkg/shelfwise_bg.wasm
fi
cp pkg-config/package.json pkg/package.json
cp pkg-config/defaults.json pkg/defaults.json
# The shopper panel: optional, loaded only by pages that show it (outside the size budget).
cp www/shelfwise-panel.js pkg/shelfwise-panel.js
cp README.md pkg/README.md 2>/dev/null || true
echo "built pkg/ ($PROFILE)"
