// The fast path for lists of items (src/web/packed.rs). `shelfwisePackItems` reads every item
// in one pass, field by field in the order src/web/decode.rs reads them, and hands Rust one
// string (every text, separated by "\0") and one number array, instead of about thirty calls
// into JS per item. It returns undefined when an item is not as a valid call has it (a wrong
// type, a list over its limit): Rust then reads the items the slow way, which throws the Error
// naming the field. Values are not checked here (lengths, NaN, repeated ids): the core does.
// scripts/build.sh copies these functions into the script-tag glue, which cannot import.

export function shelfwisePackItems(items, maxItems, maxDepth, maxTags, maxFacets) {
  if (!Array.isArray(items) || items.length > maxItems) return;
  const texts = [];
  const ids = [];
  const nums = new Float64Array(items.length * 7); // per item: see packed.rs STRIDE
  const absent = (v) => v === undefined || v === null;
  const fail = () => { throw 0; };
  // An optional string: 1 when present (and pushed), 0 when absent.
  const text = (v) => (absent(v) ? 0 : typeof v === 'string' ? texts.push(v) && 1 : fail());
  // A string, or a whole number as its decimal text (ids and facet values).
  const idText = (v) => (typeof v === 'string' ? v
    : typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 9e15 ? String(v) : fail());
  // An optional number stored at `at`: `bit` when present, 0 when absent.
  const number = (v, at, bit) => (absent(v) ? 0 : typeof v === 'number' ? ((nums[at] = v), bit) : fail());
  // An optional list of strings: how many.
  const list = (v, max) => {
    if (absent(v)) return 0;
    if (!Array.isArray(v) || v.length > max) fail();
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') fail();
    texts.push(...v);
    return v.length;
  };
  try {
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      const at = 7 * i;
      if (typeof it !== 'object' || it === null || Array.isArray(it)) return;
      let id = it.id;
      if (absent(id)) id = it.item_id;
      if (absent(id)) return;
      texts.push((ids[i] = idText(id)));
      let flags = text(it.name) || text(it.item_name);
      const path = it.category;
      let depth = list(path, maxDepth);
      for (const level of [it.item_category, it.item_category2, it.item_category3,
        it.item_category4, it.item_category5]) {
        if (!absent(level) && typeof level !== 'string') return;
        if (absent(path)) depth += text(level);
      }
      flags |= (text(it.brand) || text(it.item_brand)) << 1;
      flags |= number(it.price, at + 4, 4) | number(it.quantity, at + 5, 8);
      const tags = list(it.tags, maxTags);
      const f = it.facets;
      let facets = 0;
      if (!absent(f)) {
        if (typeof f !== 'object' || Array.isArray(f)) return;
        const entries = Object.entries(f);
        if (entries.length > maxFacets) return;
        for (const [name, value] of entries) texts.push(name, idText(value));
        facets = entries.length;
      }
      flags |= number(it.score, at + 6, 16);
      nums[at] = flags;
      nums[at + 1] = depth;
      nums[at + 2] = tags;
      nums[at + 3] = facets;
    }
  } catch (_) {
    return;
  }
  return [texts.join('\0'), nums, ids, texts.length];
}

// The ids in ranked order: the caller's own strings, taken by position.
export function shelfwisePick(ids, order) {
  const out = new Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = ids[order[i]];
  return out;
}
