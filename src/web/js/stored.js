// Reading the stored profile's lists (src/web/stored_list.rs): `shelfwiseFlatten` walks one
// parsed list of texts, numbers or tuples of them (`[["c:shoes", 1.5, 0.2, 29000000, 3], …]`)
// and hands Rust its shape, its numbers and its texts in one call, instead of about ten calls
// into JS per entry. Shape: one character per value, in order: "[" a tuple (its length goes to
// the numbers), "s" a text, "n" a number, "?" anything else (nothing deeper is read). `null`
// when `list` is not an array or a list is longer than `max`.
// scripts/build.sh pastes these functions into every glue (a classic script cannot import).

export function shelfwiseFlatten(list, max) {
  if (!Array.isArray(list) || list.length > max) return null;
  let shape = '';
  const nums = [];
  const texts = [];
  const lengths = [];
  const scalar = (v) => {
    if (typeof v === 'string') {
      texts.push(v);
      lengths.push(v.length);
      return 's';
    }
    if (typeof v !== 'number') return '?';
    nums.push(v);
    return 'n';
  };
  for (const v of list) {
    if (!Array.isArray(v)) {
      shape += scalar(v);
      continue;
    }
    if (v.length > max) return null;
    shape += '[';
    nums.push(v.length);
    for (const x of v) shape += Array.isArray(x) ? '?' : scalar(x);
  }
  return [shape, new Float64Array(nums), texts.join('\0'), new Float64Array(lengths)];
}
