// Recommendation slots in the demo shop, filled by script-tag auto mode from engine.recommend:
// popularity for a new shopper, the shopper's category first after browsing, each product's
// own neighbour lists on its page, "because you viewed X" naming X, the cart's bought-together
// rail — with only the shop's static files requested and a clean console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './harness.mjs';
import { SHOP, ready, assertOnlyOwnFiles, popularityLoaded } from './shop-helpers.mjs';

const shopDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'shop');
const LIMIT = 6; // data-sw-limit of every slot in the demo shop

/** A JSON script block of a generated page, or undefined. */
function block(html, attribute) {
  const m = html.match(new RegExp(`<script type="application/json"[^>]*${attribute}[^>]*>(.*?)</script>`, 's'));
  return m ? JSON.parse(m[1]) : undefined;
}

// What the generated shop embeds: the catalog and each product's neighbours; the popularity
// data is one file all pages' loader tags name (`data-popularity`).
const home = readFileSync(join(shopDir, 'index.html'), 'utf8');
const catalog = block(home, 'data-sw-catalog');
const popularity = JSON.parse(readFileSync(join(shopDir, 'popularity.json'), 'utf8'));
const neighbours = Object.fromEntries(readdirSync(shopDir).filter((f) => f.startsWith('product-')).map((f) => {
  const data = block(readFileSync(join(shopDir, f), 'utf8'), 'data-sw-item-data');
  return [f.slice('product-'.length, -'.html'.length), data];
}).filter(([, d]) => d));
const ids = (list) => (list || []).map(([id]) => id);

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** Every slot on the page: its kind, whether hidden, heading text and the ids it shows. */
const slots = (page) => page.$$eval('[data-sw-slot]', (all) => Object.fromEntries(all.map((s) => [s.dataset.swSlot, {
  hidden: s.hidden, heading: s.querySelector('h2').textContent,
  ids: [...s.querySelectorAll('[data-sw-filled]')].map((e) => e.dataset.swId),
  names: [...s.querySelectorAll('[data-sw-filled] [data-sw-field=name]')].map((e) => e.textContent),
}])));

async function visit(page, path) {
  await page.goto(`${env.base}${SHOP}/${path}`);
  assert.equal(await ready(page), true, `Shelfwise started on ${path}`);
  await popularityLoaded(page);
  return slots(page);
}

function assertFull(slot, what) {
  assert.equal(slot.hidden, false, `${what} is shown`);
  assert.equal(slot.ids.length, LIMIT, `${what} never has fewer than asked`);
  assert.equal(new Set(slot.ids).size, LIMIT, `${what} repeats nothing`);
  assert.deepEqual(slot.names, slot.ids.map((id) => catalog[id].name), `${what} shows the page's display data`);
}

function assertClean(log) {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
}

test('the generated pages name the popularity file and carry their own neighbour lists, for products the shop sells', () => {
  assert.ok(popularity.overall.length >= LIMIT);
  for (const f of readdirSync(shopDir).filter((n) => n.endsWith('.html'))) {
    const html = readFileSync(join(shopDir, f), 'utf8');
    assert.match(html, /<script src="\.\.\/pkg\/shelfwise\.loader\.js"[^>]* data-popularity="popularity\.json"/, `${f} names the file`);
    assert.equal(block(html, 'data-sw-popularity'), undefined, `${f} inlines no popularity`);
  }
  assert.ok(Object.keys(neighbours).length > 10, 'many product pages carry neighbour data');
  for (const [id, d] of Object.entries(neighbours)) {
    for (const n of [...ids(d.related), ...ids(d.boughtTogether)]) assert.ok(catalog[n], `${id}: neighbour ${n} is sold`);
  }
  for (const list of Object.values(popularity.categories)) for (const [id] of list) assert.ok(catalog[id]);
});

test('a new shopper sees slots filled from popularity: full, no repeats; personal slots stay hidden', async () => {
  const { page, log, context } = await env.page();
  const s = await visit(page, 'index.html');
  const top = ids(popularity.overall).slice(0, LIMIT);
  assertFull(s['picked-for-you'], 'picked for you');
  assertFull(s['top-sellers'], 'top sellers');
  assert.deepEqual(s['picked-for-you'].ids, top, 'picked for you: the most popular items');
  assert.deepEqual(s['top-sellers'].ids, top, 'top sellers without categories: the most popular items');
  assert.equal(s['recently-viewed'].hidden, true, 'nothing viewed yet');
  assertClean(log);
  await context.close();
});

test('after viewing products of one category, picked for you and top sellers lead with it, also after a reload', async () => {
  const { page, log, context } = await env.page();
  // A category other than that of the most popular item, so popularity alone would not lead with it.
  const lead = catalog[popularity.overall[0][0]].category;
  const target = Object.values(catalog).map((c) => c.category).reverse().find((c) => c !== lead);
  const viewed = Object.keys(catalog).filter((id) => catalog[id].category === target).slice(0, 4);
  for (const id of viewed) await visit(page, catalog[id].url);
  for (const reload of [false, true]) {
    const s = reload ? (await page.reload(), await ready(page), await popularityLoaded(page), await slots(page)) : await visit(page, 'index.html');
    for (const kind of ['picked-for-you', 'top-sellers']) {
      assertFull(s[kind], kind);
      assert.equal(catalog[s[kind].ids[0]].category, target, `${kind} leads with ${target} (reload: ${reload})`);
    }
    assert.equal(catalog[s['top-sellers'].ids[1]].category.split(' > ')[0], target.split(' > ')[0],
      'top sellers: then the department of that category');
    assert.deepEqual(s['recently-viewed'].ids, [...viewed].reverse().slice(0, LIMIT), 'recently viewed, newest first');
  }
  assertClean(log);
  await context.close();
});

test('a product page shows its own neighbours: related, bought together, and "because you viewed X" naming X', async () => {
  const { page, log, context } = await env.page();
  const [x, y] = Object.keys(neighbours).filter((id) => neighbours[id].related.length >= 2);
  const first = await visit(page, catalog[x].url);
  assert.deepEqual(first.related.ids.slice(0, Math.min(LIMIT, neighbours[x].related.length)),
    ids(neighbours[x].related).slice(0, LIMIT), 'related leads with the item\'s viewed-together list');
  assertFull(first.related, 'related');
  assertFull(first['bought-together'], 'bought together');
  assert.ok(!first.related.ids.includes(x) && !first['bought-together'].ids.includes(x), 'never the page\'s own item');
  assert.equal(first['because-you-viewed'].hidden, true, 'no other viewed item to name yet');

  const second = await visit(page, catalog[y].url);
  assert.deepEqual(second.related.ids.slice(0, 2), ids(neighbours[y].related).filter((id) => id !== x).slice(0, 2));
  const because = second['because-you-viewed'];
  assert.equal(because.heading, `Because you viewed ${catalog[x].name}`, 'X is named');
  assertFull(because, 'because you viewed X');
  const fromX = ids(neighbours[x].related).concat(ids(neighbours[x].boughtTogether)).filter((id) => id !== x && id !== y);
  assert.equal(because.ids[0], fromX[0], 'led by X\'s neighbours');
  assert.ok(!because.ids.includes(x) && !because.ids.includes(y));
  assertClean(log);
  await context.close();
});

test('bought together follows the item\'s bought-together list, on its page and in the cart', async () => {
  const { page, log, context } = await env.page();
  const id = Object.keys(neighbours).find((i) => (neighbours[i].boughtTogether || []).length > 0);
  assert.ok(id, 'some product has a bought-together list');
  const together = ids(neighbours[id].boughtTogether);
  const s = await visit(page, catalog[id].url);
  assert.deepEqual(s['bought-together'].ids.slice(0, together.length), together.slice(0, LIMIT));
  await page.click('button.add');
  await visit(page, 'index.html'); // another page in between: the cart rail still uses the cached list
  const cart = await visit(page, 'cart.html');
  assertFull(cart['bought-together'], 'cart: bought together');
  assert.deepEqual(cart['bought-together'].ids.slice(0, together.length), together.slice(0, LIMIT));
  assertClean(log);
  await context.close();
});

test('slots request nothing: only same-origin GETs of the pages visited and static files, none per past item', async () => {
  const { page, log, context } = await env.page();
  const path = (id) => `${SHOP}/${catalog[id].url}`;
  const visited = Object.keys(neighbours).slice(0, 5);
  for (const id of visited) await visit(page, catalog[id].url);
  await visit(page, 'index.html');
  await visit(page, 'cart.html');
  assertOnlyOwnFiles(assert, log, env.base);
  const pages = new Set(log.requests.map((r) => new URL(r.url).pathname).filter((p) => p.endsWith('.html')));
  assert.deepEqual([...pages].sort(), [...visited.map(path), `${SHOP}/index.html`, `${SHOP}/cart.html`].sort(),
    'the only pages loaded are the ones navigated to');
  const other = log.requests.map((r) => new URL(r.url).pathname).filter((p) => !p.endsWith('.html'));
  for (const p of other) assert.match(p, /^\/(shop\/(shop\.(css|js)|popularity\.json)|pkg\/shelfwise([._](loader\.js|script\.js|bg\.wasm)|-panel\.js))$/, p);
  // The popularity file (data-popularity): its address exactly as the pages write it, nothing added.
  const files = log.requests.filter((r) => r.url.includes('popularity'));
  assert.ok(files.length > 0);
  for (const r of files) assert.equal(r.url, `${env.base}${SHOP}/popularity.json`);
  assertClean(log);
  await context.close();
});
