// Generates the demo shop (www/shop/, git-ignored) from the DIGINETICA sample (CIKM Cup 2016):
// real item ids, category ids and popularity; display names, prices and the grouping of
// categories into departments are generated deterministically from the ids (the pages say so).
//
//   node www/shop-src/generate.mjs [--data <dir>] [--out <dir>] [--pack <pack.json>]
//
// The data folder is, in order: --data, $SHELFWISE_DATA, <repo>/../shared/data,
// <repo>/../../shared/data (a git worktree one level deeper). It is read, never copied.
// The recommendation pack is built from the same data with `shelfwise build-pack` (through
// `cargo run --release`) into target/shop-pack.json, unless --pack names one. Each product page
// embeds its own item's neighbour lists (data-sw-item-data); the popularity part is one file,
// popularity.json, which every page's loader tag names (data-popularity: fetched once, cached
// by the browser); both are restricted to the products the shop sells.
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const arg = (name) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };

export const CATEGORIES = 12;       // most active categories of the sample
export const PER_CATEGORY = 12;     // most popular items of each
const DEPARTMENTS = [
  { name: 'Living', slug: 'living', color: '#4b6cb7', nouns: ['Lamp', 'Rug', 'Clock'] },
  { name: 'Kitchen', slug: 'kitchen', color: '#b7794b', nouns: ['Mug', 'Kettle', 'Bottle'] },
  { name: 'Garden', slug: 'garden', color: '#4bb76c', nouns: ['Planter', 'Vase', 'Lantern'] },
  { name: 'Outdoors', slug: 'outdoors', color: '#9b4bb7', nouns: ['Backpack', 'Blanket', 'Chair'] },
];
const ADJECTIVES = ['Classic', 'Compact', 'Everyday', 'Deluxe', 'Studio', 'Nordic', 'Urban', 'Vintage', 'Coastal', 'Alpine'];

function findData() {
  const candidates = [arg('data'), process.env.SHELFWISE_DATA,
    join(repo, '..', 'shared', 'data'), join(repo, '..', '..', 'shared', 'data')].filter(Boolean);
  for (const c of candidates) {
    const dir = existsSync(join(c, 'diginetica-sample')) ? join(c, 'diginetica-sample') : c;
    if (existsSync(join(dir, 'events.csv'))) return dir;
  }
  throw new Error(`diginetica-sample not found (looked in ${candidates.join(', ')}); set SHELFWISE_DATA`);
}

/** FNV-1a: a stable 32-bit hash of an id, the seed of every generated field. */
export function hash(text) {
  let h = 0x811c9dc5;
  for (const ch of text) { h ^= ch.charCodeAt(0); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

/** Builds the catalog: the most active categories, their most popular items, in server order. */
export function buildCatalog(eventsCsv) {
  const lines = eventsCsv.trim().split('\n').slice(1);
  const popularity = new Map(); const categoryOf = new Map(); const activity = new Map();
  for (const line of lines) {
    const [, , , , item, category] = line.split(',');
    if (!item || !category) continue;
    popularity.set(item, (popularity.get(item) || 0) + 1);
    categoryOf.set(item, category);
    activity.set(category, (activity.get(category) || 0) + 1);
  }
  const byCount = (m) => (a, b) => m.get(b) - m.get(a) || Number(a) - Number(b);
  const categories = [...activity.keys()].sort(byCount(activity)).slice(0, CATEGORIES).map((id, rank) => {
    const dept = DEPARTMENTS[rank % DEPARTMENTS.length];
    const noun = dept.nouns[Math.floor(rank / DEPARTMENTS.length)];
    return { id, dept, noun, name: `${noun}s`, path: `${dept.name} > ${noun}s` };
  });
  const products = [];
  for (const c of categories) {
    const items = [...popularity.keys()].filter((i) => categoryOf.get(i) === c.id)
      .sort(byCount(popularity)).slice(0, PER_CATEGORY);
    for (const id of items) {
      const h = hash(id);
      const cents = 499 + (h % 19500);
      products.push({
        id, category: c, popularity: popularity.get(id),
        name: `${ADJECTIVES[h % ADJECTIVES.length]} ${c.noun} ${100 + ((h >>> 8) % 900)}`,
        price: (cents / 100).toFixed(2), hue: (h >>> 4) % 360,
      });
    }
  }
  products.sort((a, b) => b.popularity - a.popularity || Number(a.id) - Number(b.id));
  return { categories, products };
}

/** Catalog products seen in the same sessions as each product, most shared sessions first: the
 * shop's aggregate "often viewed together" data behind the cross-sell panel. */
export function viewedTogether(eventsCsv, products, limit = 3) {
  const inCatalog = new Set(products.map((p) => p.id));
  const sessions = new Map();
  for (const line of eventsCsv.trim().split('\n').slice(1)) {
    const [session, , , , item] = line.split(',');
    if (!inCatalog.has(item)) continue;
    if (!sessions.has(session)) sessions.set(session, new Set());
    sessions.get(session).add(item);
  }
  const pairs = new Map(products.map((p) => [p.id, new Map()]));
  for (const items of sessions.values()) {
    for (const a of items) for (const b of items) {
      if (a !== b) pairs.get(a).set(b, (pairs.get(a).get(b) || 0) + 1);
    }
  }
  const byId = new Map(products.map((p) => [p.id, p]));
  return new Map([...pairs].map(([id, counts]) => [id, [...counts]
    .sort((x, y) => y[1] - x[1] || Number(x[0]) - Number(y[0])).slice(0, limit).map(([other]) => byId.get(other))]));
}

/** Offer texts per department (top-level category), shown after repeated views without an
 * add-to-cart. Made up, like the prices. */
const OFFERS = Object.fromEntries(DEPARTMENTS.map((d) => [d.slug, `Free delivery on ${d.name} orders this week`]));

/** Tags per department, made up like the names: each product gets its category's tag (chosen by
 * the real category id) and one chosen by its own id. */
const TAGS = {
  living: ['cosy', 'lighting', 'minimal', 'handmade'], kitchen: ['coffee', 'baking', 'tea', 'stoneware'],
  garden: ['balcony', 'herbs', 'watering', 'terracotta'], outdoors: ['camping', 'hiking', 'picnic', 'waterproof'],
};
export const tagsOf = (p) => [...new Set([p.category.id, p.id].map((id) => TAGS[p.category.dept.slug][hash(id) % 4]))];

/** Guides (made-up blog posts, one page each) the content suggestion matches by tags. */
export const GUIDES = [
  { id: 'reading-corner', title: 'A cosy reading corner', tags: ['cosy', 'lighting'] },
  { id: 'coffee-and-tea', title: 'Coffee and tea at home', tags: ['coffee', 'tea'] },
  { id: 'balcony-herbs', title: 'Herbs on a small balcony', tags: ['balcony', 'herbs'] },
  { id: 'day-hike', title: 'Packing for a day hike', tags: ['hiking', 'picnic'] },
];
const guideUrl = (g) => `guide-${g.id}.html`;
const CONTENT = GUIDES.map((g) => ({ id: g.id, tags: g.tags, title: g.title, url: guideUrl(g) }));

/** Trigger templates: the engine clones them and fills the slots with text. */
const MOMENT_TEMPLATES = `<div class="moments" data-shelfwise-moments aria-live="polite"></div>
<template data-shelfwise-trigger="cart_reminder"><p><strong data-shelfwise-slot="count"></strong> item(s) are still in <a href="cart.html">your cart</a>.</p></template>
<template data-shelfwise-trigger="hesitation_offer"><p>Still browsing <span data-shelfwise-slot="category"></span>? <strong data-shelfwise-slot="offer"></strong></p><button type="button" data-shelfwise-dismiss>No thanks</button></template>
<template data-shelfwise-trigger="cross_sell"><p>Often viewed together:</p><ul data-shelfwise-slot="items"></ul></template>
<template data-shelfwise-trigger="content_suggestion"><p>From our guides: <a data-shelfwise-slot="link"><span data-shelfwise-slot="offer"></span></a></p></template>`;

/** Runs `shelfwise build-pack` on the sample (events and product categories) into `out`. */
export function buildPack(dataDir, out) {
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('cargo', ['run', '--release', '--quiet', '--bin', 'shelfwise', '--', 'build-pack',
    '--input', join(dataDir, 'events.csv'), '--categories', join(dataDir, 'product-categories.csv'), '--out', out],
  { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** How many items each popularity list the pages carry keeps. */
export const POPULAR_PER_LIST = 48;

/**
 * The pack's data for the shop's own products: popularity per shop category path (lower-case,
 * levels joined by '>', as Shelfwise keys categories), per department and overall, the tuned
 * pickedForYou blend, and each product's neighbour lists, keeping only products the shop sells.
 */
export function shopPackData(pack, categories, products) {
  const sold = new Set(products.map((p) => p.id));
  const keep = (list) => (list || []).filter(([id]) => sold.has(String(id)));
  const top = (lists) => {
    const best = new Map();
    for (const [id, n] of lists.flat()) best.set(id, Math.max(best.get(id) || 0, n));
    return [...best].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0])).slice(0, POPULAR_PER_LIST);
  };
  const key = (path) => path.split('>').map((l) => l.trim().toLowerCase()).join('>');
  const perCategory = new Map(categories.map((c) => [c, keep(pack.popularity.categories[c.id])]));
  const popular = { overall: top([...perCategory.values()]), categories: {} };
  // The pickedForYou blend `build-pack --tune` chose for this shop travels with popularity.
  if (pack.popularity.blend) popular.blend = pack.popularity.blend;
  for (const [c, list] of perCategory) if (list.length) popular.categories[key(c.path)] = top([list]);
  for (const dept of new Set(categories.map((c) => c.dept))) {
    const list = top(categories.filter((c) => c.dept === dept).map((c) => perCategory.get(c)));
    if (list.length) popular.categories[key(dept.name)] = list;
  }
  const items = {};
  for (const p of products) {
    const entry = pack.items[p.id];
    if (!entry) continue;
    const related = keep(entry.related); const boughtTogether = keep(entry.boughtTogether);
    if (related.length || boughtTogether.length) items[p.id] = { related, boughtTogether };
  }
  return { popularity: popular, items };
}

const json = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const productUrl = (p) => `product-${p.id}.html`;

function picture(p, size = 120) {
  return `<svg class="pic" viewBox="0 0 120 90" width="${size}" height="${size * 0.75}" aria-hidden="true">` +
    `<rect width="120" height="90" rx="8" fill="hsl(${p.hue} 45% 82%)"/>` +
    `<text x="60" y="58" text-anchor="middle" font-size="34" fill="hsl(${p.hue} 45% 30%)">${esc(p.category.noun[0])}</text></svg>`;
}

function card(p, extra = '', after = '') {
  return `<li data-sw-id="${esc(p.id)}" data-sw-name="${esc(p.name)}" data-sw-category="${esc(p.category.path)}" ` +
    `data-sw-price="${p.price}"${extra}><a href="${productUrl(p)}">${picture(p)}<span class="name">${esc(p.name)}</span></a>` +
    `<span class="meta">${esc(p.category.path)} · €${p.price}</span>${after}</li>`;
}

// The shopper panel (www/shelfwise-panel.js, copied to pkg/) is loaded only by the pages that
// show it: the privacy page, and the pages whose personalized cards carry a "why" button.
const PANEL_SCRIPT = '<script src="../pkg/shelfwise-panel.js"></script>\n';
const whyCard = (p) => card(p, '', `<shelfwise-why item-id="${esc(p.id)}"></shelfwise-why>`);

const slotTemplate = `<template><li><a data-sw-field="url"><svg class="pic" viewBox="0 0 120 90" width="96" height="72" aria-hidden="true"><rect width="120" height="90" rx="8" fill="#ddd"/></svg><span class="name" data-sw-field="name"></span></a><span class="meta" data-sw-field="price"></span></li></template>`;

function slot(kind, title, note = '', heading = esc(title)) {
  return `<section class="slot" data-sw-slot="${kind}" data-sw-limit="6" hidden aria-label="${esc(title)}">` +
    `<h2>${heading}</h2>${note}<ul class="rail" data-sw-slot-items></ul>${slotTemplate}</section>`;
}

// "Because you viewed X": X's name is written into the heading by Shelfwise (textContent).
const becauseSlot = slot('because-you-viewed', 'Because you viewed', '',
  'Because you viewed <span data-sw-anchor-field="name">an item</span>');

function page({ title, body, catalog, head = '', moments = { offers: OFFERS, content: CONTENT } }) {
  const nav = DEPARTMENTS.map((d) => `<a href="department-${d.slug}.html">${d.name}</a>`).join(' ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)} · Shelfwise demo shop</title>
<link rel="stylesheet" href="shop.css">
<script src="../pkg/shelfwise.loader.js" data-namespace="shelfwise-shop" data-anti-flicker="300" data-popularity="popularity.json"></script>
${head}</head>
<body>
<header>
<a class="logo" href="index.html">Shelfwise demo shop</a>
<nav aria-label="Departments">${nav}</nav>
<form action="search.html" role="search" data-sw-search><input type="search" name="q" aria-label="Search" placeholder="Search products"><button>Search</button></form>
<a href="cart.html" class="cart-link">Cart (<span id="cart-count">0</span>)</a>
<button type="button" id="reset-profile">Reset my profile</button>
<span id="profile-status" role="status"></span>
</header>
<main>
${MOMENT_TEMPLATES}
${body}
</main>
<footer><p><a href="privacy.html">Your privacy</a>: see and control what Shelfwise learned in this browser.</p>
<p>Demo data: item ids, category ids and popularity are real (DIGINETICA sample, CIKM Cup 2016).
Product names, prices, tags, category names and the grouping into departments are generated deterministically from the ids, and the guides are made up.
Shelfwise keeps its profile in this browser's localStorage only and sends nothing.</p></footer>
<script type="application/json" id="catalog" data-sw-catalog>${catalog}</script>
<script type="application/json" data-sw-moments>${JSON.stringify(moments).replace(/</g, '\\u003c')}</script>
<script src="shop.js"></script>
</body>
</html>
`;
}

export function generate(dataDir, outDir, pack) {
  const events = readFileSync(join(dataDir, 'events.csv'), 'utf8');
  const { categories, products } = buildCatalog(events);
  const together = viewedTogether(events, products);
  const shopData = shopPackData(pack, categories, products);
  const catalog = JSON.stringify(Object.fromEntries(products.map((p) => [p.id, {
    name: p.name, url: productUrl(p), price: `€${p.price}`, category: p.category.path, popularity: p.popularity, tags: tagsOf(p),
  }]))).replace(/</g, '\\u003c');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const write = (name, html) => writeFileSync(join(outDir, name), html);
  for (const f of ['shop.css', 'shop.js']) copyFileSync(join(here, f), join(outDir, f));
  // The popularity part, the same for every page: one file the loader fetches (data-popularity).
  writeFileSync(join(outDir, 'popularity.json'), JSON.stringify(shopData.popularity));

  // Homepage: department banners, the most popular item of each category, recently viewed.
  const banners = DEPARTMENTS.map((d) => `<li data-sw-id="banner-${d.slug}" data-sw-category="${d.name}" style="background:${d.color}">` +
    `<a href="department-${d.slug}.html"><svg viewBox="0 0 200 60" width="200" height="60" aria-hidden="true"><circle cx="30" cy="30" r="22" fill="#fff3"/></svg>` +
    `<strong>${d.name}</strong> <span>${d.nouns.map((n) => `${n}s`).join(', ')}</span></a></li>`).join('\n');
  const popular = categories.map((c) => products.find((p) => p.category === c)).filter(Boolean)
    .sort((a, b) => b.popularity - a.popularity || Number(a.id) - Number(b.id));
  write('index.html', page({ title: 'Home', catalog, head: PANEL_SCRIPT, body: `
<h1>Welcome</h1>
<ul class="banners" data-sw-list="banner" aria-label="Departments we feature">
${banners}
</ul>
<section aria-labelledby="popular"><h2 id="popular">Popular now</h2>
<ol class="rail" data-sw-list="grid" aria-labelledby="popular">
${popular.map(whyCard).join('\n')}
</ol></section>
${slot('picked-for-you', 'Picked for you')}
${slot('top-sellers', 'Top sellers in your categories')}
${slot('recently-viewed', 'Recently viewed')}
` }));

  for (const d of DEPARTMENTS) {
    const items = products.filter((p) => p.category.dept === d);
    write(`department-${d.slug}.html`, page({ title: d.name, catalog, head: PANEL_SCRIPT, body: `
<h1>${d.name}</h1>
<p>${items.length} products, most popular first.</p>
<ol class="grid" data-sw-list="grid" data-sw-impact="1" aria-label="${d.name} products">
${items.map(whyCard).join('\n')}
</ol>
${slot('recently-viewed', 'Recently viewed')}
` }));
  }

  for (const p of products) {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', sku: p.id, name: p.name,
      category: p.category.path, keywords: tagsOf(p).join(', '), offers: { '@type': 'Offer', price: p.price, priceCurrency: 'EUR' } }).replace(/</g, '\\u003c');
    const crossSell = { [p.id]: together.get(p.id).map((q) => ({ id: q.id, name: q.name, url: productUrl(q) })) };
    const itemData = shopData.items[p.id]
      ? `<script type="application/json" data-sw-item-data>${json(shopData.items[p.id])}</script>\n` : '';
    write(productUrl(p), page({ title: p.name, catalog, moments: { offers: OFFERS, content: CONTENT, crossSell },
      head: `<script type="application/ld+json">${ld}</script>\n${itemData}`, body: `
<article class="product">
${picture(p, 240)}
<div><h1>${esc(p.name)}</h1>
<p class="meta"><a href="department-${p.category.dept.slug}.html">${esc(p.category.dept.name)}</a> · ${esc(p.category.name)} · item ${esc(p.id)} · viewed or bought ${p.popularity} times in the sample</p>
<p class="meta">Tags: ${tagsOf(p).map(esc).join(', ')}</p>
<p class="price">€${p.price}</p>
<button type="button" class="add" data-sw-add-to-cart="${esc(p.id)}">Add to cart</button></div>
</article>
${slot('related', 'Related products')}
${slot('bought-together', 'Frequently bought together')}
${becauseSlot}
${slot('recently-viewed', 'Recently viewed')}
` }));
  }

  for (const g of GUIDES) {
    write(guideUrl(g), page({ title: g.title, catalog, body: `
<article class="guide"><h1>${esc(g.title)}</h1>
<p class="meta">Guide · tags: ${g.tags.map(esc).join(', ')}</p>
<p>A made-up guide of the demo shop: it exists so that Shelfwise can suggest it to shoppers whose viewed products carry these tags.</p></article>
` }));
  }

  write('search.html', page({ title: 'Search', catalog, body: `
<h1 id="search-title">Search</h1>
<p id="search-note"></p>
<ol class="grid" data-sw-list="search" aria-labelledby="search-title"></ol>
` }));
  write('cart.html', page({ title: 'Cart', catalog, body: `
<h1>Your cart</h1>
<ul id="cart-lines" class="lines"></ul>
<p><a id="place-order" href="order.html">Place order</a></p>
${slot('bought-together', 'Frequently bought together')}
` }));
  write('privacy.html', page({ title: 'Your privacy', catalog, head: PANEL_SCRIPT, body: `
<h1>Your privacy</h1>
<p>Shelfwise personalizes this shop from what you do here and keeps what it learns in this browser only.
Here you can see it, correct it, pause it, take it with you as a file, or erase it.</p>
<shelfwise-panel heading="What this shop learned about you" file-name="shelfwise-shop-profile.json"></shelfwise-panel>
` }));
  write('order.html', page({ title: 'Order confirmed', catalog, body: `
<h1>Thank you for your order</h1>
<ul id="order-lines" class="lines" data-sw-purchase></ul>
${slot('recently-viewed', 'Recently viewed')}
` }));
  return { categories, products };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(arg('out') || join(repo, 'www', 'shop'));
  const data = findData();
  const pack = arg('pack') ? JSON.parse(readFileSync(arg('pack'), 'utf8'))
    : buildPack(data, join(repo, 'target', 'shop-pack.json'));
  const { categories, products } = generate(data, out, pack);
  console.log(`demo shop: ${products.length} products in ${categories.length} categories -> ${out}`);
}
