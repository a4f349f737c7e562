// The document's click, submit and keydown listeners (src/web/auto/mod.rs). The keydown
// listener (`enter`, for a `data-sw-search` field without a form) calls `f` for Enter only,
// not while an input method composes: other key presses never cross into the wasm to be
// dropped there.
// scripts/build.sh pastes this function into every glue (a classic script cannot import).

export function shelfwiseListener(f, enter) {
  return enter ? (e) => e.key == 'Enter' && !e.isComposing && f(e) : f;
}
