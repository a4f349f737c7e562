// Erasing (src/web/storage.rs `Store::erase_all`): removes every key that starts with `prefix`
// but `keep` (the consent record) from localStorage and sessionStorage, from the last key down
// (removing one does not shift the ones still to visit). A storage whose getter throws (blocked
// site data) is skipped, and a key that cannot be read or removed does not stop the others. In
// JS: the same loop through web-sys bindings cost about 0.3 KB of wasm.
// scripts/build.sh pastes these functions into every glue (a classic script cannot import).

export function shelfwiseRemovePrefixed(prefix, keep) {
  for (const name of ['localStorage', 'sessionStorage']) {
    let storage = null;
    try {
      storage = window[name];
    } catch (e) {
      continue;
    }
    for (let i = storage ? storage.length : 0; i-- > 0;) {
      try {
        const key = storage.key(i);
        if (key !== null && key !== keep && key.startsWith(prefix)) storage.removeItem(key);
      } catch (e) {
        // Keep going: the other keys still go.
      }
    }
  }
}
