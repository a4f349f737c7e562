#!/usr/bin/env bash
# Builds the browser package into pkg/: one optimised .wasm shared by two glue files — the
# ES module (shelfwise.js, with TypeScript types, for bundlers and `import`) and the script-tag
# glue (shelfwise.script.js, wasm-bindgen --target no-modules) that the loader
# (www/shelfwise.js, copied to pkg/shelfwise.loader.js) injects — plus what pkg-config/ ships.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

PROFILE=${PROFILE:-release}
flag=(--release); [ "$PROFILE" = "dev" ] && flag=()
cargo build --lib --target wasm32-unknown-unknown "${flag[@]}" -q
dir=target/wasm32-unknown-unknown/$([ "$PROFILE" = "dev" ] && echo debug || echo release)

rm -rf pkg && mkdir -p pkg pkg/.no-modules
wasm-bindgen --target web --out-dir pkg --out-name shelfwise "$dir/shelfwise.wasm"
wasm-bindgen --target no-modules --no-modules-global shelfwise_wasm --no-typescript --out-dir pkg/.no-modules --out-name shelfwise "$dir/shelfwise.wasm"
# Both targets import the same functions from the same wasm; one file serves both glues.
cmp -s pkg/shelfwise_bg.wasm pkg/.no-modules/shelfwise_bg.wasm \
  || { echo "build: the two wasm-bindgen targets produced different .wasm files"; exit 1; }
mv pkg/.no-modules/shelfwise.js pkg/shelfwise.script.js
rm -rf pkg/.no-modules
if [ "$PROFILE" != "dev" ]; then
  # npm binaryen (see TOOLCHAIN.md: Debian's wasm-opt 108 produces broken output).
  # --low-memory-unused lets it fold constant offsets into loads and stores (about 0.9 KB gzip):
  # rustc's wasm32 layout puts the 1 MiB stack first, growing down towards address 0, and the
  # data after it, so the lowest 1 KiB is only reached by a stack that has already overflowed.
  wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers pkg/shelfwise_bg.wasm -o pkg/shelfwise_bg.wasm
  # Short import/export names in the wasm, and the same names in both glues (see the script).
  names=$(mktemp); trap 'rm -f "$names"' EXIT
  wasm-opt pkg/shelfwise_bg.wasm --minify-imports-and-exports-and-modules -o pkg/shelfwise_bg.wasm > "$names"
  node scripts/minify-wasm-names.mjs "$names" pkg/shelfwise_bg.wasm pkg/shelfwise.js pkg/shelfwise.script.js \
    -- pkg/shelfwise_bg.wasm.d.ts
  # What the script tag downloads is minified (esbuild from .tools, see install-tools.sh): the
  # glue's doc comments and long local names are about half its gzip size. Top-level names
  # (the `shelfwise_wasm` global) are kept: a classic script's top level is global.
  esbuild=.tools/node_modules/.bin/esbuild
  "$esbuild" --minify --log-level=warning pkg/shelfwise.script.js --outfile=pkg/shelfwise.script.js --allow-overwrite
  "$esbuild" --minify --log-level=warning www/shelfwise.js --outfile=pkg/shelfwise.loader.js
else
  cp www/shelfwise.js pkg/shelfwise.loader.js
fi
cp pkg-config/package.json pkg/package.json
cp pkg-config/defaults.json pkg/defaults.json
# The shopper panel: optional, loaded only by pages that show it (outside the size budget).
cp www/shelfwise-panel.js pkg/shelfwise-panel.js
cp README.md pkg/README.md 2>/dev/null || true
echo "built pkg/ ($PROFILE)"
