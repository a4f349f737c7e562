// Reading the page's own lists and records (src/web/js_list.rs). Getters, Proxy traps and
// iterators are the page's code and may throw; they run here, and a throw comes back to Rust as
// the text of what was thrown. Thrown through wasm's frames instead, it would skip their
// clean-up: the engine would stay borrowed (free() then fails) and its stack pointer lowered,
// until, after about a thousand such calls, the module traps for good.
// scripts/build.sh pastes these functions into every glue (a classic script cannot import).

// The text of a thrown value, for the Error Rust words (reading it may throw too). pack.js has
// its own copy (shelfwisePackThrown): tests load each file as a module of its own.
function shelfwiseThrown(e) {
  try {
    return String(e instanceof Error ? e.message : e);
  } catch (_) {
    return '';
  }
}

// A plain copy of the array `v` (each value read once, here), -1 when `v` is not an array,
// its length when it has more than `max` entries (none read), or the text of what reading it
// threw.
export function shelfwiseCopyList(v, max) {
  try {
    if (!Array.isArray(v)) return -1;
    const n = v.length;
    if (n > max) return n;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = v[i];
    return out;
  } catch (e) {
    return shelfwiseThrown(e);
  }
}

// `[name, value]` for each own enumerable property of `v` (`Object.entries`), how many there
// are when more than `max` (no value read), or the text of what reading them threw.
export function shelfwiseEntries(v, max) {
  try {
    const names = Object.keys(v);
    return names.length > max ? names.length : names.map((k) => [k, v[k]]);
  } catch (e) {
    return shelfwiseThrown(e);
  }
}

// 1 when `v` is an object (not an array) whose first `max` enumerable fields read without
// throwing, 0 when it is no such object, or the text of what reading it threw: a revoked Proxy
// (any look at it throws, `Array.isArray` too) or one whose traps throw is refused here, by
// name, before Rust reads its fields (one plain read beyond them reaches a `get` trap of a
// Proxy that lists no fields).
export function shelfwiseRecord(v, max) {
  try {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return 0;
    for (const k in v) {
      if (max-- === 0) break;
      v[k];
    }
    v.constructor;
    return 1;
  } catch (e) {
    return shelfwiseThrown(e);
  }
}
