#!/usr/bin/env bash
# Builds the browser package into pkg/ from two builds of the crate:
# - the full build (default features): one optimised .wasm (shelfwise_bg.wasm) shared by two
#   glue files — the ES module (shelfwise.js, with TypeScript types, for bundlers and `import`)
#   and the script-tag glue (shelfwise.script.js, wasm-bindgen --target no-modules);
# - the core build (--no-default-features: no recommendations, moments, explain, profile,
#   export/import): shelfwise_core_bg.wasm and its script-tag glue shelfwise.core.script.js,
#   which the loader fetches instead on pages tagged data-build="core" (README "Two builds");
# plus the loader (www/shelfwise.js → pkg/shelfwise.loader.js) and what pkg-config/ ships.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

PROFILE=${PROFILE:-release}
# The dev build uses the project's stable toolchain. The release build uses the nightly pinned in
# scripts/release-toolchain (installed by scripts/install-tools.sh) to rebuild the standard
# library for size, with panics that trap at once: the crate is written never to panic, and a
# release build has no panic hook to print a message anyway (the `debug` feature adds one).
# 1.7 KB gzip less than stable for the full build, 2.9 KB for the core build (BENCHMARKS
# "Size work (session 7, nightly std)"). Its own target folder keeps the stable artifacts.
if [ "$PROFILE" = "dev" ]; then
  wasm_build=(cargo build)
  dir=target/wasm32-unknown-unknown/debug
else
  toolchain=$(tr -d '[:space:]' < scripts/release-toolchain)
  rustup run "$toolchain" rustc --version >/dev/null 2>&1 \
    || { echo "build: toolchain $toolchain is missing: run scripts/install-tools.sh"; exit 1; }
  export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
  wasm_build=(cargo "+$toolchain" build --release --target-dir target/release-wasm
    -Z build-std=std,panic_abort)
  # The standard library at the optimisation level of rustup's prebuilt one, as on stable:
  # built at the crate's `z`, `track` ran 15-20 % slower (BENCHMARKS "Size work (session 7)").
  for crate in core alloc std compiler_builtins hashbrown; do
    wasm_build+=(--config "profile.release.package.$crate.opt-level=3")
  done
  dir=target/release-wasm/wasm32-unknown-unknown/release
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
esbuild=.tools/node_modules/.bin/esbuild

# Release only: optimise the wasm, shorten the names it shares with its glues, minify the
# script-tag glue. Arguments: the .wasm, then its glue files (the script-tag glue last).
finish() {
  local wasm=$1; shift
  [ "$PROFILE" = "dev" ] && return 0
  # npm binaryen (see TOOLCHAIN.md: Debian's wasm-opt 108 produces broken output).
  # --low-memory-unused lets it fold constant offsets into loads and stores (about 0.9 KB
  # gzip): rustc's wasm32 layout puts the 1 MiB stack first, growing down towards address 0,
  # and the data after it, so the lowest 1 KiB is only reached by a stack that already overflowed.
  # wasm-bindgen leaves 49 closure shims that nothing calls in the function table: the
  # script points their entries at one trapping function (why no call reaches them: see it).
  node scripts/drop-closure-shims.mjs "$wasm"
  wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers "$wasm" -o "$wasm"
  # Functions whose code is alike side by side, for gzip (about 1.5 KB gzip in each build; see
  # the script): it names them in that order, the first pass below sorts them by those names and
  # `--strip-debug` drops the names again.
  node scripts/order-functions.mjs "$wasm"
  # Short import/export names in the wasm, and the same names in its glues (see the script);
  # the target-features section only mattered to the optimiser (about 130 bytes gzip).
  wasm-opt "$wasm" --reorder-functions-by-name --strip-debug --minify-imports-and-exports-and-modules \
    --strip-target-features -o "$wasm" > "$tmp/names.json"
  local typings=()
  [ -f "${wasm%.wasm}.wasm.d.ts" ] && typings=(-- "${wasm%.wasm}.wasm.d.ts")
  node scripts/minify-wasm-names.mjs "$tmp/names.json" "$wasm" "$@" "${typings[@]}"
  # What the script tag downloads is minified (esbuild from .tools, see install-tools.sh): the
  # glue's doc comments and long local names are about half its gzip size. Top-level names
  # (the `shelfwise_wasm` global) are kept: a classic script's top level is global.
  local script=${!#}
  "$esbuild" --minify --log-level=warning "$script" --outfile="$script" --allow-overwrite
}

# The JS snippets (src/web/js/*.js) are pasted into each glue instead of being imported: a
# classic script cannot `import`, and the ES module then loads as one file. The glues are made
# with --omit-imports, so they call the pasted functions by name.
snippets=$(sed -e 's/^export //' -e '/^ *\/\//d' src/web/js/*.js)
# pack.js's walk twice: `track`'s copy (shelfwisePackEventItems) replaces the alias that tests
# use, so each copy keeps V8 type feedback of its own (see pack.js).
alias='const shelfwisePackEventItems = shelfwisePackItems;'
grep -qxF "$alias" <<<"$snippets" || { echo "build: pack.js alias line not found"; exit 1; }
walk=$(sed -n '/^export function shelfwisePackItems(/,/^}/p' src/web/js/pack.js \
  | sed -e 's/^export function shelfwisePackItems(/function shelfwisePackEventItems(/' -e '/^ *\/\//d')
snippets=$(while IFS= read -r line; do
  if [ "$line" = "$alias" ]; then echo "$walk"; else printf '%s\n' "$line"; fi
done <<<"$snippets")
paste_snippets() {
  local glue=$1 first
  first=$(head -n 1 "$glue")
  case "$first" in
    'let shelfwise_wasm = (function(exports) {' | '/* @ts-self-types='*) ;;
    *) echo "build: unexpected first line in $glue"; exit 1 ;;
  esac
  { echo "$first"; echo "$snippets"; tail -n +2 "$glue"; } > "$tmp/glue.js"
  mv "$tmp/glue.js" "$glue"
}

# The script-tag glues without `initSync` (about 0.15 KB gzip each): the loader calls only the
# default init (www/shelfwise.js), and only with `{ module_or_path: fetch(…) }`, so that init
# keeps only the path of that call, and code no call reaches goes (scripts/trim-script-glue.mjs,
# about 0.3 KB gzip each). The ES module (pkg/shelfwise.js) keeps all of it: it is public API
# for bundler users.
drop_init_sync() {
  local glue=$1
  [ "$(grep -cxF '    function initSync(module) {' "$glue")" = 1 ] \
    && grep -qF 'Object.assign(__wbg_init, { initSync }, exports)' "$glue" \
    || { echo "build: initSync not found as expected in $glue"; exit 1; }
  sed -i -e '/^    function initSync(module) {$/,/^    }$/d' \
    -e 's/Object.assign(__wbg_init, { initSync }, exports)/Object.assign(__wbg_init, exports)/' "$glue"
  ! grep -q initSync "$glue" || { echo "build: initSync left in $glue"; exit 1; }
}

# The ES module's entry points (`new Engine` and every exported function: `estimateLift`,
# `startAuto`) say that `init()` has not run, instead of V8's "Cannot read properties of
# undefined (reading 'Ya')" about a minified export: forgetting `await init()` is a bundler
# user's first mistake. Every `export function` is guarded, so one added later is too (each
# listed here must be found). Only the ES module: the loader always runs init first.
guard_init() {
  local glue=$1 line
  local check="        if (wasm === undefined) throw new Error('shelfwise: the wasm is not loaded yet: call \`await init()\` (or \`initSync\`) once before using the package');"
  for line in '    constructor(config) {' 'export function estimateLift(input) {' 'export function startAuto(engine, options) {'; do
    [ "$(grep -cxF "$line" "$glue")" = 1 ] || { echo "build: '$line' not found once in $glue"; exit 1; }
  done
  awk -v check="$check" '{ print } $0 == "    constructor(config) {" || /^export function [A-Za-z0-9_$]+\(.*\) \{$/ { print check }' \
    "$glue" > "$tmp/guard.js"
  mv "$tmp/guard.js" "$glue"
  # The constructor and every exported function (a one-line signature, as wasm-bindgen writes
  # them) got the check.
  [ "$(($(grep -c '^export function ' "$glue") + 1))" = "$(grep -cxF "$check" "$glue")" ] \
    || { echo "build: an exported function of $glue is not guarded"; exit 1; }
}

rm -rf pkg && mkdir -p pkg

# The core build first (the same target directory: cargo keeps both feature sets' artifacts).
"${wasm_build[@]}" --lib --target wasm32-unknown-unknown --no-default-features -q
wasm-bindgen --target no-modules --omit-imports --no-modules-global shelfwise_wasm --no-typescript \
  --out-dir "$tmp/core" --out-name shelfwise "$dir/shelfwise.wasm"
mv "$tmp/core/shelfwise_bg.wasm" pkg/shelfwise_core_bg.wasm
mv "$tmp/core/shelfwise.js" pkg/shelfwise.core.script.js
paste_snippets pkg/shelfwise.core.script.js
drop_init_sync pkg/shelfwise.core.script.js
node scripts/trim-script-glue.mjs pkg/shelfwise.core.script.js
finish pkg/shelfwise_core_bg.wasm pkg/shelfwise.core.script.js

"${wasm_build[@]}" --lib --target wasm32-unknown-unknown -q
wasm-bindgen --target web --omit-imports --out-dir pkg --out-name shelfwise "$dir/shelfwise.wasm"
wasm-bindgen --target no-modules --omit-imports --no-modules-global shelfwise_wasm --no-typescript \
  --out-dir "$tmp/full" --out-name shelfwise "$dir/shelfwise.wasm"
rm -rf pkg/snippets
paste_snippets pkg/shelfwise.js
guard_init pkg/shelfwise.js
paste_snippets "$tmp/full/shelfwise.js"
# Both targets import the same functions from the same wasm; one file serves both glues.
cmp -s pkg/shelfwise_bg.wasm "$tmp/full/shelfwise_bg.wasm" \
  || { echo "build: the two wasm-bindgen targets produced different .wasm files"; exit 1; }
mv "$tmp/full/shelfwise.js" pkg/shelfwise.script.js
drop_init_sync pkg/shelfwise.script.js
node scripts/trim-script-glue.mjs pkg/shelfwise.script.js
finish pkg/shelfwise_bg.wasm pkg/shelfwise.js pkg/shelfwise.script.js

# The shopper panel: optional, loaded only by pages that show it (outside the size budget).
# Its source is ES modules (www/shelfwise-panel.js and its parts in www/panel/), bundled into
# one classic script: a page loads it with a plain script tag, as before.
panel=("$esbuild" --bundle --format=iife --log-level=warning www/shelfwise-panel.js
  --outfile=pkg/shelfwise-panel.js)
if [ "$PROFILE" = "dev" ]; then
  cp www/shelfwise.js pkg/shelfwise.loader.js
  "${panel[@]}"
else
  "$esbuild" --minify --log-level=warning www/shelfwise.js --outfile=pkg/shelfwise.loader.js
  "${panel[@]}" --minify
fi
cp pkg-config/package.json pkg/package.json
cp pkg-config/defaults.json pkg/defaults.json
cp README.md pkg/README.md 2>/dev/null || true
cp LICENSE-MIT LICENSE-APACHE pkg/
# Everything built must ship: each file in pkg/ is listed in package.json "files".
node -e '
  const fs = require("fs");
  const files = new Set(JSON.parse(fs.readFileSync("pkg/package.json", "utf8")).files);
  const missing = fs.readdirSync("pkg").filter((f) => f !== "package.json" && !files.has(f));
  if (missing.length) { console.error("build: not in package.json files: " + missing); process.exit(1); }'
echo "built pkg/ ($PROFILE)"
