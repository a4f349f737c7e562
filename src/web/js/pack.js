// Reading lists of items (src/web/packed.rs): `shelfwisePackItems` walks the items once, field
// by field in a fixed order, checks each value's type and hands Rust the UTF-8 bytes of every
// distinct text, where each text ends, one number array and each item's texts by number (ids
// and names are taken as new texts; categories, brands, tags and facets repeat across items and
// are sent once), instead of about thirty calls into JS per item. A value of the wrong type
// stops it with [kind, item index, field path, length, limit] for Rust to word the Error
// (kinds: packed.rs `message`); a getter or Proxy trap of the page's that throws stops it with
// [7, item index (-1: the list), '', 0, 0, the text of what it threw]: returned, not thrown
// through wasm's frames (see list.js).
// Values are not checked here (lengths, NaN, ids): the core does.
// scripts/build.sh pastes these functions into every glue (a classic script cannot import).

const shelfwiseUtf8 = new TextEncoder();
// The number arrays of the last walk, kept for the next: in Chromium making them costs more than
// filling them. A walk takes them (a getter that calls `rank` again makes its own); arrays for
// more than 2,048 items are not kept. Rust copies what a walk returns before the next one.
let shelfwiseSpare = {};

// The text of a thrown value (list.js's shelfwiseThrown; reading it may throw too).
function shelfwisePackThrown(e) {
  try {
    return String(e instanceof Error ? e.message : e);
  } catch (_) {
    return '';
  }
}

export function shelfwisePackItems(items, maxItems, maxDepth, maxTags, maxFacets, shared) {
  // A revoked Proxy, or a Proxy's trap that throws (index -1: the list itself).
  let n;
  try {
    if (!Array.isArray(items)) return [6, -1, '', 0];
    n = items.length;
  } catch (e) {
    return [7, -1, '', 0, 0, shelfwisePackThrown(e)];
  }
  if (n > maxItems) return [3, -1, '', n, maxItems];
  // The most texts one item holds (an item over a limit stops the walk before it is stored):
  // the arrays grow, when they must, once per item.
  const most = 3 + maxDepth + maxTags + 2 * maxFacets;
  const spare = shelfwiseSpare;
  shelfwiseSpare = {};
  const sized = (a, len, Type = Float64Array) => (a && a.length >= len ? a : new Type(len));
  const grow = (a, len) => { const b = new Float64Array(2 * len); b.set(a); return b; };
  // Per item (packed.rs STRIDE): flags + 64 × (depth + 64 × (tags + 64 × facets)), then the
  // price, quantity and score, each read only when its flag is set; after the items, their
  // texts by number (only when `shared`: else every text is new, in order), then where each
  // text ends.
  let nums = sized(spare.nums, 18 * n + most);
  let r = 4 * n;
  const ids = [];
  // Every new text's UTF-8 bytes, written as it comes (ASCII char by char, other texts by
  // TextEncoder), and where each ends in them.
  let bytes = sized(spare.bytes, 64 * n + 256, Uint8Array);
  let used = 0;
  let ends = sized(spare.ends, 5 * n + most);
  let count = 0;
  // A null-prototype object finds a text at least as fast as a Map.
  const seen = Object.create(null);
  const facetNames = [];
  const facetRefs = [];
  let failed = null;
  const fail = (kind, path, len, max) => { throw (failed = [kind, path, len, max]); };
  const add = (v) => {
    const len = v.length;
    if (used + 3 * len > bytes.length) {
      const b = new Uint8Array(2 * (used + 3 * len));
      b.set(bytes.subarray(0, used));
      bytes = b;
    }
    // Read into locals once: the loop then keeps them in registers, not in the closure.
    const out = bytes;
    const start = used;
    let k = 0;
    for (let c; k < len && (c = v.charCodeAt(k)) < 128; k++) out[start + k] = c;
    used = start + (k === len ? len : shelfwiseUtf8.encodeInto(v, out.subarray(start)).written);
    ends[count] = used;
    return count++;
  };
  // A text of its own (an id or a name), or one that may repeat (sent once when `shared`).
  const own = shared ? (v) => { nums[r++] = add(v); } : add;
  const put = shared ? (v) => {
    let k = seen[v];
    if (k === undefined) seen[v] = k = add(v);
    nums[r++] = k;
  } : add;
  // A string, or a safe integer as its decimal text (ids and facet values); a larger whole
  // number has lost digits already (8). The field's path is `at + key`, joined only on failure
  // (joined for every item: a sixth of the walk timed alone; BENCHMARKS, session 13).
  const idText = (v, at, key, kind) => (typeof v === 'string' ? v
    : Number.isSafeInteger(v) ? String(v)
      : fail(typeof v === 'number' ? (Number.isInteger(v) ? 8 : 5) : kind, at + key));
  // Whether an optional number is present.
  const number = (v, key) => v != null && (typeof v === 'number' || fail(1, '.' + key));
  // An optional string (the first of its two names present): whether present.
  const text = (v, key) => v != null && (typeof v === 'string' || fail(0, '.' + key));
  // An optional list of strings: how many.
  const list = (v, key, max) => {
    if (v == null) return 0;
    if (!Array.isArray(v)) fail(2, '.' + key);
    const len = v.length;
    if (len > max) fail(3, '.' + key, len, max);
    for (let i = 0; i < len; i++) {
      const s = v[i];
      if (typeof s !== 'string') fail(0, `.${key}[${i}]`);
      put(s);
    }
    return len;
  };
  // A GA4 category level: counted only when there is no `category` list.
  const level = (v, key, path) => (text(v, key) && path == null ? (put(v), 1) : 0);
  let i = 0;
  try {
    for (; i < n; i++) {
      if (count + most > ends.length) ends = grow(ends, ends.length);
      if (r + most > nums.length) nums = grow(nums, nums.length);
      const it = items[i];
      const at = 4 * i;
      if (typeof it !== 'object' || it === null || Array.isArray(it)) fail(4, '');
      let flags = 0;
      let id = it.id;
      const key = id == null ? ((id = it.item_id), 'item_id') : 'id';
      if (id != null) {
        own((ids[i] = idText(id, '.', key, 5)));
        flags = 32;
      }
      let name = it.name;
      if (text(name, 'name') || text((name = it.item_name), 'item_name')) {
        own(name);
        flags |= 1;
      }
      const path = it.category;
      // The GA4 levels read and checked in order, as before; an absent one calls nothing.
      let depth = list(path, 'category', maxDepth);
      let c = it.item_category;
      if (c != null) depth += level(c, 'item_category', path);
      if ((c = it.item_category2) != null) depth += level(c, 'item_category2', path);
      if ((c = it.item_category3) != null) depth += level(c, 'item_category3', path);
      if ((c = it.item_category4) != null) depth += level(c, 'item_category4', path);
      if ((c = it.item_category5) != null) depth += level(c, 'item_category5', path);
      let brand = it.brand;
      if (text(brand, 'brand') || text((brand = it.item_brand), 'item_brand')) {
        put(brand);
        flags |= 2;
      }
      const price = it.price;
      if (number(price, 'price')) {
        nums[at + 1] = price;
        flags |= 4;
      }
      const quantity = it.quantity;
      if (number(quantity, 'quantity')) {
        nums[at + 2] = quantity;
        flags |= 8;
      }
      const tags = list(it.tags, 'tags', maxTags);
      const f = it.facets;
      let facets = 0;
      if (f != null) {
        if (typeof f !== 'object' || Array.isArray(f)) fail(4, '.facets');
        const names = Object.keys(f);
        facets = names.length;
        if (facets > maxFacets) fail(3, '.facets', facets, maxFacets);
        for (let k = 0; k < facets; k++) {
          const name = names[k];
          // Items usually name their facets alike: the previous item's number for the name.
          if (shared && name === facetNames[k]) nums[r++] = facetRefs[k];
          else {
            put(name);
            facetNames[k] = name;
            facetRefs[k] = nums[r - 1];
          }
          put(idText(f[name], '.facets.', name, 0));
        }
      }
      const score = it.score;
      if (number(score, 'score')) {
        nums[at + 3] = score;
        flags |= 16;
      }
      nums[at] = flags + 64 * (depth + 64 * (tags + 64 * facets));
    }
  } catch (e) {
    if (failed === null || e !== failed) return [7, i, '', 0, 0, shelfwisePackThrown(e)];
    return [e[0], i, e[1], e[2] || 0, e[3] || 0];
  } finally {
    if (n <= 2048) shelfwiseSpare = { nums, ends, bytes };
  }
  if (r + count > nums.length) nums = grow(nums, r + count);
  nums.set(ends.subarray(0, count), r);
  return [bytes.subarray(0, used), nums.subarray(0, r + count), ids, n, r];
}

// `track`'s event items walk through a copy of the same function: V8 keeps type feedback per
// function, so `rank`'s copy is optimised for `rank`'s lists alone, not also for events' few
// items of many shapes (2-3 % faster after many `track` calls; BENCHMARKS "Speed work (session
// 5)"). Tests load this file as it is, one function under both names; scripts/build.sh pastes a
// renamed copy over this line.
export const shelfwisePackEventItems = shelfwisePackItems;

// The ids in ranked order: the caller's own strings, taken by position.
export function shelfwisePick(ids, order) {
  const out = new Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = ids[order[i]];
  return out;
}
