// The benchmark's catalog and shopper session: the same seeded generator as benches/engine.rs,
// so native and in-browser figures describe the same work. 12 × 6 categories, 40 brands,
// prices 5–200, up to 3 of 30 tags, one of 10 colours; a session of 300 events, 80 % about
// three favourite categories. Product names are made up.

const TOPS = ['Shoes', 'Bags', 'Hats', 'Socks', 'Jackets', 'Shirts', 'Pants', 'Watches', 'Toys',
  'Books', 'Kitchen', 'Garden'];
const COLORS = ['red', 'blue', 'green', 'black', 'white', 'grey', 'brown', 'pink', 'yellow', 'orange'];
const FAVOURITES = new Set(['Shoes', 'Bags', 'Jackets']);

/** The 32-bit linear congruential generator of benches/engine.rs. */
function lcg(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 8;
  };
  return { below: (n) => next() % n };
}

/** Item `i` of the catalog (always the same). */
export function catalogItem(i) {
  const r = lcg(Math.imul(i, 2654435761) + 1);
  const top = TOPS[r.below(12)];
  const sub = r.below(6);
  const brand = r.below(40);
  const price = 5 + r.below(19500) / 100;
  const tagCount = r.below(4);
  const tags = [];
  for (let t = 0; t < tagCount; t++) tags.push(`tag${r.below(30)}`);
  const color = COLORS[r.below(10)];
  return {
    id: `sku-${i}`,
    name: `${top} item ${i}`,
    category: [top, `${top} ${sub}`],
    brand: `Brand ${brand}`,
    price,
    tags,
    facets: { color },
  };
}

/** The first `n` catalog items. */
export function catalog(n) {
  return Array.from({ length: n }, (_, i) => catalogItem(i));
}

function pick(r) {
  for (;;) {
    const item = catalogItem(r.below(10000));
    if (FAVOURITES.has(item.category[0]) || r.below(5) === 0) return item;
  }
}

/** The shopper's session: 300 events of every kind. */
export function session() {
  const r = lcg(7);
  const events = [];
  for (let n = 0; n < 300; n++) {
    const roll = r.below(100);
    if (roll <= 49) events.push({ type: 'view_item', item: pick(r) });
    else if (roll <= 64) events.push({ type: 'select_item', item: pick(r) });
    else if (roll <= 74) events.push({ type: 'view_item_list', items: Array.from({ length: 20 }, () => pick(r)) });
    else if (roll <= 82) events.push({ type: 'add_to_cart', items: [pick(r)] });
    else if (roll <= 92) {
      const seconds = r.below(120);
      events.push({ type: 'dwell', item: pick(r), seconds });
    } else if (roll <= 97) events.push({ type: 'search', query: 'red running shoes' });
    else events.push({ type: 'purchase', items: [pick(r)] });
  }
  return events;
}

/** Eight banners, each targeting one category (what `rank(…, { context: 'banner' })` takes). */
export function banners() {
  return ['Shoes', 'Bags', 'Hats', 'Jackets', 'Watches', 'Toys', 'Kitchen', 'Garden']
    .map((top) => ({ id: `banner-${top.toLowerCase()}`, category: [top] }));
}

const idNumber = (id) => Number(id.slice(4));

/**
 * The aggregate pack's entry for catalog item `i`, as a product page hands it to
 * `addItemData`: 50 "viewed together" and 20 "bought together" neighbours (the pack builder's
 * default is 50 per item), mostly from the item's own category, weights 1–1000.
 */
export function itemData(i) {
  const r = lcg(Math.imul(i, 40503) + 17);
  const near = (n) => {
    const out = [];
    const seen = new Set([i]);
    while (out.length < n) {
      const j = (i + 1 + r.below(600) * (r.below(4) === 0 ? 17 : 72)) % 10000;
      if (!seen.has(j)) { seen.add(j); out.push([`sku-${j}`, 1000 - out.length * 15]); }
    }
    return out;
  };
  return { related: near(50), boughtTogether: near(20) };
}

/** The pack's popularity part: 200 items overall and 50 per category path. */
export function popularity() {
  const items = catalog(10000);
  const categories = {};
  for (const it of items) {
    const key = it.category.join('>').toLowerCase();
    const list = (categories[key] ??= []);
    if (list.length < 50) list.push([it.id, 1000 - list.length]);
  }
  return { overall: items.slice(0, 200).map((it, k) => [it.id, 5000 - k]), categories };
}

export { idNumber };
