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
# The JS snippets (src/web/js/*.js) are pasted into both glues instead of being imported (a
# classic script cannot `import`, and the ES module then loads as one file).
snippets=$(sed -e 's/^export //' -e '/^ *\/\//d' src/web/js/*.js)
wasm-bindgen --target web --omit-imports --out-dir pkg --out-name shelfwise "$dir/shelfwise.wasm"
# (after its first line, the `@ts-self-types` comment)
{ head -n 1 pkg/shelfwise.js; echo "$snippets"; tail -n +2 pkg/shelfwise.js; } > pkg/glue.js
mv pkg/glue.js pkg/shelfwise.js
wasm-bindgen --target no-modules --omit-imports --no-modules-global shelfwise_wasm --no-typescript --out-dir pkg/.no-modules --out-name shelfwise "$dir/shelfwise.wasm"
head='let shelfwise_wasm = (function(exports) {'
[ "$(head -n 1 pkg/.no-modules/shelfwise.js)" = "$head" ] \
  || { echo "build: unexpected first line in the no-modules glue"; exit 1; }
{ echo "$head"; echo "$snippets"; tail -n +2 pkg/.no-modules/shelfwise.js; } > pkg/.no-modules/glue.js
mv pkg/.no-modules/glue.js pkg/.no-modules/shelfwise.js
rm -rf pkg/snippets pkg/.no-modules/snippets
# Both targets import the same functions from the same wasm; one file serves both glues.
cmp -s pkg/shelfwise_bg.wasm pkg/.no-modules/shelfwise_bg.wasm \
  || { echo "build: the two wasm-bindgen targets produced different .wasm files"; exit 1; }
mv pkg/.no-modules/shelfwise.js pkg/shelfwise.script.js
rm -rf pkg/.no-modules
if [ "$PROFILE" != "dev" ]; then
  # npm binaryen (see TOOLCHAIN.md: Debian's wasm-opt 108 produces broken output).
  wasm-opt -Oz --converge --strip-debug --strip-producers pkg/shelfwise_bg.wasm -o pkg/shelfwise_bg.wasm
fi
cp www/shelfwise.js pkg/shelfwise.loader.js
cp pkg-config/package.json pkg/package.json
cp pkg-config/defaults.json pkg/defaults.json
# The shopper panel: optional, loaded only by pages that show it (outside the size budget).
cp www/shelfwise-panel.js pkg/shelfwise-panel.js
cp README.md pkg/README.md 2>/dev/null || true
echo "built pkg/ ($PROFILE)"
