// New markup (src/web/auto/watch.rs): the elements matching `selector` in the element subtrees
// a MutationObserver batch added, each once, leaving out those no longer on the page. In JS:
// the same walk through web-sys bindings cost about 1 KB of wasm.
// scripts/build.sh pastes these functions into every glue (a classic script cannot import).

export function shelfwiseAdded(records, selector) {
  const found = new Set();
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.isConnected && node.nodeType === 1) {
        if (node.matches(selector)) found.add(node);
        for (const el of node.querySelectorAll(selector)) found.add(el);
      }
    }
  }
  return [...found];
}
