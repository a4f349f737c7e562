// Reading the stored profile's lists (src/web/stored_list.rs): `shelfwiseFlatten` walks one
// parsed list of texts, numbers or tuples of them (`[["c:shoes", 1.5, 0.2, 29000000, 3], …]`)
// and hands Rust its shape, its numbers and its texts in one call, instead of about ten calls
// into JS per entry. Shape: one character per value, in order: "[" a tuple (its length goes to
// the numbers), "s" a text, "n" a number, "?" anything else. `depth` says how many levels of
// lists inside the entries are walked (0: an entry's own values; 2: the neighbour cache's
// `[id, views, at, [[id, w], …], …]`); deeper lists are "?". `null` when `list` is not an array
// or a walked list is longer than `max`. The texts go as `js/pack.js` sends them: their UTF-8
// bytes and where each text ends in them (src/web/utf8_texts.rs).
// scripts/build.sh pastes these functions into every glue (a classic script cannot import).

export function shelfwiseFlatten(list, max, depth) {
  if (!Array.isArray(list) || list.length > max) return null;
  let shape = '';
  const nums = [];
  // Every text joined (one UTF-8 encoding at the end), and where each ends in it.
  let all = '';
  const ends = [];
  // Appends the values of `l`, walking the lists among them while `d` >= 0 (indexed loops: this
  // runs once per page load, in V8's interpreter, where iterators cost more). False when a
  // walked list is longer than `max`.
  const walk = (l, d) => {
    for (let i = 0; i < l.length; i++) {
      const v = l[i];
      const type = typeof v;
      if (type === 'string') {
        all += v;
        ends.push(all.length);
        shape += 's';
      } else if (type === 'number') {
        nums.push(v);
        shape += 'n';
      } else if (d < 0 || !Array.isArray(v)) {
        shape += '?';
      } else {
        if (v.length > max) return false;
        shape += '[';
        nums.push(v.length);
        if (!walk(v, d - 1)) return false;
      }
    }
    return true;
  };
  if (!walk(list, depth)) return null;
  // The UTF-8 bytes in one go when every text is ASCII (one byte per unit: the ends stand),
  // else text by text (a lone surrogate at the end of one text and one at the start of the
  // next must not make one character), each text's end then counted in bytes.
  const utf8 = new TextEncoder();
  let bytes = new Uint8Array(all.length);
  let { read, written } = utf8.encodeInto(all, bytes);
  if (read !== all.length || written !== read) {
    bytes = new Uint8Array(3 * all.length);
    written = 0;
    for (let t = 0, start = 0; t < ends.length; t++) {
      written += utf8.encodeInto(all.slice(start, (start = ends[t])), bytes.subarray(written)).written;
      ends[t] = written;
    }
  }
  return [shape, new Float64Array(nums), bytes.subarray(0, written), new Float64Array(ends)];
}
