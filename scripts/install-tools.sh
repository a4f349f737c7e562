#!/usr/bin/env bash
# Installs, only when missing, every tool `make test` needs on a fresh Debian machine.
# Versions are pinned; see ../shared/TOOLCHAIN.md for why each one is installed this way.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
BINARYEN_VERSION=132.0.0
ESBUILD_VERSION=0.28.2
TOOLS_DIR="$PWD/.tools"
# wasm-bindgen-cli must match the wasm-bindgen version in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

say() { echo "[install-tools] $*"; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

need_apt=()
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
command -v brotli >/dev/null 2>&1 || need_apt+=(brotli)
command -v patch >/dev/null 2>&1 || need_apt+=(patch)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for comp in rustfmt clippy; do
  rustup component list --installed | grep -q "^$comp" || rustup component add "$comp"
done
# The release wasm's toolchain (scripts/build.sh): a pinned nightly with the standard library's
# source, which the release build compiles for size.
RELEASE_TOOLCHAIN=$(tr -d '[:space:]' < scripts/release-toolchain)
if ! rustup component list --installed --toolchain "$RELEASE_TOOLCHAIN" 2>/dev/null | grep -q '^rust-src'; then
  say "rustup toolchain install $RELEASE_TOOLCHAIN (with rust-src)"
  rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src
fi

if ! wasm-pack --version 2>/dev/null | grep -q "$WASM_PACK_VERSION"; then
  say "cargo install wasm-pack $WASM_PACK_VERSION"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked -q || cargo install wasm-pack --version "$WASM_PACK_VERSION" -q
fi
# wasm-bindgen-cli is built with scripts/tiny_http-task-pool.patch applied to its HTTP server
# (tiny_http 0.12.0): unpatched, wasm-bindgen-test-runner leaves one of the connections Chromium
# opens at once unread in about one browser-test run in four, and the test page never loads
# (README "Development"). A stamp beside cargo's binaries names the version and the patch built in.
TINY_HTTP_VERSION=0.12.0
BINDGEN_STAMP="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/shelfwise-wasm-bindgen-cli.stamp"
BINDGEN_BUILD="$WASM_BINDGEN_VERSION tiny_http $TINY_HTTP_VERSION $(sha256sum scripts/tiny_http-task-pool.patch | cut -c1-16)"
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION" \
  || [ "$(cat "$BINDGEN_STAMP" 2>/dev/null)" != "$BINDGEN_BUILD" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (tiny_http patched)"
  src=$(mktemp -d)
  mkdir "$src/src" && touch "$src/src/lib.rs"
  printf '[package]\nname = "tiny-http-source"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ntiny_http = "=%s"\n' \
    "$TINY_HTTP_VERSION" > "$src/Cargo.toml"
  cargo vendor -q --versioned-dirs --manifest-path "$src/Cargo.toml" "$src/vendor" >/dev/null
  patch -s -p1 -d "$src/vendor/tiny_http-$TINY_HTTP_VERSION" < scripts/tiny_http-task-pool.patch
  # Not --locked: its lockfile pins a crate version this registry does not serve. Lints capped:
  # the patched path crate would otherwise print tiny_http's own warnings.
  RUSTFLAGS="${RUSTFLAGS:-} --cap-lints=allow" \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force -q \
    --config "patch.crates-io.tiny_http.path=\"$src/vendor/tiny_http-$TINY_HTTP_VERSION\""
  rm -rf "$src"
  echo "$BINDGEN_BUILD" > "$BINDGEN_STAMP"
fi

if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "${BINARYEN_VERSION%%.*}"; then
  say "npm install binaryen@$BINARYEN_VERSION (wasm-opt)"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# esbuild minifies the script-tag glue and the loader that `scripts/build.sh` ships.
if ! "$TOOLS_DIR/node_modules/.bin/esbuild" --version 2>/dev/null | grep -qx "$ESBUILD_VERSION"; then
  say "npm install esbuild@$ESBUILD_VERSION (minifier)"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "esbuild@$ESBUILD_VERSION" >/dev/null
fi

# The e2e packages (playwright-core, vite): npm ci when any devDependency is missing or at another
# version than www/e2e/package.json pins (a warm machine from before a new one was added).
e2e_installed() {
  node -e '
    const { devDependencies } = require("./www/e2e/package.json");
    for (const [name, version] of Object.entries(devDependencies)) {
      let got;
      try { got = require(`./www/e2e/node_modules/${name}/package.json`).version; } catch { process.exit(1); }
      if (got !== version) process.exit(1);
    }'
}
if [ -f www/e2e/package-lock.json ] && ! e2e_installed; then
  say "npm ci in www/e2e"
  (cd www/e2e && npm ci --silent --no-audit --no-fund >/dev/null)
fi
# `make fuzz` only (`install-tools.sh fuzz`): the nightly toolchain and cargo-fuzz.
if [ "${1:-}" = "fuzz" ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "rustup toolchain install nightly"
    rustup toolchain install nightly --profile minimal
  fi
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    say "cargo install cargo-fuzz"
    cargo install cargo-fuzz --locked -q || cargo install cargo-fuzz -q
  fi
fi
say "ok"
