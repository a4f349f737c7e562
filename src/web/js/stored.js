// Reading the stored profile's lists (src/web/stored_list.rs): `shelfwiseFlatten` walks one
// parsed list of texts, numbers or tuples of them (`[["c:shoes", 1.5, 0.2, 29000000, 3], …]`)
// and hands Rust its shape, its numbers and its texts in one call, instead of about ten calls
// into JS per entry. Shape: one character per value, in order: "[" a tuple (its length goes to
// the numbers), "s" a text, "n" a number, "?" anything else. `depth` says how many levels of
// lists inside the entries are walked (0: an entry's own values; 2: the neighbour cache's
// `[id, views, at, [[id, w], …], …]`); deeper lists are "?". `null` when `list` is not an array
// or a walked list is longer than `max`.
// scripts/build.sh pastes these functions into every glue (a classic script cannot import).

export function shelfwiseFlatten(list, max, depth) {
  if (!Array.isArray(list) || list.length > max) return null;
  let shape = '';
  const nums = [];
  const texts = [];
  const lengths = [];
  // Appends the values of `l`, walking the lists among them while `d` >= 0 (indexed loops: this
  // runs once per page load, in V8's interpreter, where iterators cost more). False when a
  // walked list is longer than `max`.
  const walk = (l, d) => {
    for (let i = 0; i < l.length; i++) {
      const v = l[i];
      const type = typeof v;
      if (type === 'string') {
        texts.push(v);
        lengths.push(v.length);
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
  return [shape, new Float64Array(nums), texts.join('\0'), new Float64Array(lengths)];
}
