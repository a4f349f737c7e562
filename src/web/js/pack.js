// Reading lists of items (src/web/packed.rs): `shelfwisePackItems` walks the items once, field
// by field in a fixed order, checks each value's type and hands Rust one string (every distinct
// text, separated by "\0"; with `lengths`, also each text's length, for texts that hold "\0"),
// one number array and each item's texts by number (ids and names are taken as new texts;
// categories, brands, tags and facets repeat across items and are sent once), instead of about
// thirty calls into JS per item. A value of the wrong type
// stops it with [kind, item index, field path, length, limit] for Rust to word the Error
// (kinds: packed.rs `message`). Values are not checked here (lengths, NaN, ids): the core does.
// scripts/build.sh pastes these functions into every glue (a classic script cannot import).

export function shelfwisePackItems(items, maxItems, maxDepth, maxTags, maxFacets, lengths, shared) {
  if (!Array.isArray(items)) return [6, -1, '', 0];
  if (items.length > maxItems) return [3, -1, '', items.length, maxItems];
  const texts = [];
  const sizes = [];
  const ids = [];
  const nums = new Float64Array(items.length * 7); // per item: see packed.rs STRIDE
  const absent = (v) => v === undefined || v === null;
  const fail = (kind, path, len, max) => { throw [kind, path, len, max]; };
  const refs = [];
  const seen = new Map();
  const push = (v) => { texts.push(v); if (lengths) sizes.push(v.length); };
  // A text of its own (an id or a name), or one that may repeat (sent once when `shared`).
  // Without `shared` every text is new, so the texts' numbers are not sent.
  const own = !shared ? push : (v) => { refs.push(texts.length); push(v); };
  const put = !shared ? push : (v) => {
    let k = seen.get(v);
    if (k === undefined) { seen.set(v, (k = texts.length)); push(v); }
    refs.push(k);
  };
  // An optional string: 1 when present (and added), 0 when absent.
  const text = (v, key, add = put) => (absent(v) ? 0 : typeof v === 'string' ? (add(v), 1) : fail(0, '.' + key));
  // A string, or a whole number as its decimal text (ids and facet values).
  const idText = (v, path, kind) => (typeof v === 'string' ? v
    : typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 9e15 ? String(v)
      : fail(typeof v === 'number' ? 5 : kind, path));
  // An optional number stored at `at`: `bit` when present, 0 when absent.
  const number = (v, key, at, bit) => (absent(v) ? 0 : typeof v === 'number' ? ((nums[at] = v), bit) : fail(1, '.' + key));
  // An optional list of strings: how many.
  const list = (v, key, max) => {
    if (absent(v)) return 0;
    if (!Array.isArray(v)) fail(2, '.' + key);
    if (v.length > max) fail(3, '.' + key, v.length, max);
    for (let i = 0; i < v.length; i++) {
      const s = v[i];
      if (typeof s !== 'string') fail(0, `.${key}[${i}]`);
      put(s);
    }
    return v.length;
  };
  // A GA4 category level: counted only when there is no `category` list.
  const level = (v, key, path) => (absent(v) ? 0 : typeof v !== 'string' ? fail(0, '.' + key) : absent(path) ? text(v) : 0);
  let i = 0;
  try {
    for (; i < items.length; i++) {
      const it = items[i];
      const at = 7 * i;
      if (typeof it !== 'object' || it === null || Array.isArray(it)) fail(4, '');
      let key = 'id';
      let id = it.id;
      if (absent(id)) {
        key = 'item_id';
        id = it.item_id;
      }
      let flags = 0;
      if (!absent(id)) {
        own((ids[i] = idText(id, '.' + key, 5)));
        flags = 32;
      }
      flags |= text(it.name, 'name', own) || text(it.item_name, 'item_name', own);
      const path = it.category;
      const depth = list(path, 'category', maxDepth) + level(it.item_category, 'item_category', path)
        + level(it.item_category2, 'item_category2', path) + level(it.item_category3, 'item_category3', path)
        + level(it.item_category4, 'item_category4', path) + level(it.item_category5, 'item_category5', path);
      flags |= (text(it.brand, 'brand') || text(it.item_brand, 'item_brand')) << 1;
      flags |= number(it.price, 'price', at + 4, 4) | number(it.quantity, 'quantity', at + 5, 8);
      const tags = list(it.tags, 'tags', maxTags);
      const f = it.facets;
      let facets = 0;
      if (!absent(f)) {
        if (typeof f !== 'object' || Array.isArray(f)) fail(4, '.facets');
        const names = Object.keys(f);
        if (names.length > maxFacets) fail(3, '.facets', names.length, maxFacets);
        for (const name of names) {
          put(name);
          put(idText(f[name], `.facets.${name}`, 0));
        }
        facets = names.length;
      }
      flags |= number(it.score, 'score', at + 6, 16);
      nums[at] = flags;
      nums[at + 1] = depth;
      nums[at + 2] = tags;
      nums[at + 3] = facets;
    }
  } catch (e) {
    if (!Array.isArray(e)) throw e;
    return [e[0], i, e[1], e[2] || 0, e[3] || 0];
  }
  // The items' numbers, then their texts by number.
  const all = shared ? new Float64Array(nums.length + refs.length) : nums;
  if (shared) { all.set(nums); all.set(refs, nums.length); }
  return [texts.join('\0'), all, ids, texts.length, new Float64Array(sizes), items.length];
}

// The ids in ranked order: the caller's own strings, taken by position.
export function shelfwisePick(ids, order) {
  const out = new Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = ids[order[i]];
  return out;
}
