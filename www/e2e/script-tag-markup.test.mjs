// Markup and pages a real shop has that Shelfwise must handle without surprising the shopper:
// tiles that are not items inside a grid, blank ids, JSON-LD with an empty sku, a broken
// display-data block, a loader tag in the wrong form or deferred, its own sort control, a GA4
// search event, blocked storage. The shop's server order stays wherever Shelfwise cannot do
// better, and the console says why, once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { ready, shelfwiseWarnings } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const doc = (ns, headTags, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>markup</title>
<script src="/pkg/shelfwise.loader.js" data-namespace="${ns}" data-impressions="false"></script>${headTags}</head><body>${body}</body></html>`;
const item = (id, category, attrs = '') => `<li data-sw-id="${id}" data-sw-category="${category}"${attrs}><a href="#${id}">${id}</a></li>`;

/** A page context whose shopper has viewed hats (stored under namespace `ns`), serving `pages`. */
async function hatShopper(ns, pages) {
  const { page, log, context } = await env.page();
  pages['seed.html'] = doc(ns, '', '<p>seed</p>');
  for (const [path, html] of Object.entries(pages)) {
    await context.route(`${env.base}/${path.split('?')[0]}*`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  }
  await page.goto(`${env.base}/seed.html`);
  assert.equal(await ready(page), true);
  await page.evaluate(() => {
    for (let i = 0; i < 3; i++) window.shelfwise.engine.track({ type: 'view_item', item: { id: `hat-${i}`, category: ['Hats'] } });
    window.shelfwise.engine.flush();
  });
  log.console.length = 0;
  return { page, log, context };
}

/** The children of the first list, as item ids or `#<class>` for other elements. */
const children = (page) => page.$eval('[data-sw-list]', (l) => [...l.children].map((e) => e.dataset.swId || `#${e.className}`));

test('tiles that are not items (a promo, a heading) keep their place when the items are reordered', async () => {
  const grid = `<ul data-sw-list="grid"><li class="heading">Our picks</li>${item('bag-1', 'Bags')}${item('bag-2', 'Bags')}
    <li class="promo">Free delivery</li>${item('hat-9', 'Hats')}${item('bag-3', 'Bags')}<li class="more">More</li></ul>`;
  const { page, log, context } = await hatShopper('tiles', { 'grid.html': doc('tiles', '', grid) });
  await page.goto(`${env.base}/grid.html`);
  assert.equal(await ready(page), true);
  assert.deepEqual(await children(page), ['#heading', 'hat-9', 'bag-1', '#promo', 'bag-2', 'bag-3', '#more'],
    'the hat comes first; heading, promo and "more" stay at their positions');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('an item with a blank data-sw-id: its list keeps the server order and the console says why, once', async () => {
  const lists = `<ul data-sw-list="grid" id="blank">${item('bag-1', 'Bags')}<li data-sw-id=" ">?</li>${item('hat-1', 'Hats')}</ul>
    <ul data-sw-list="grid" id="fine">${item('bag-2', 'Bags')}${item('hat-2', 'Hats')}</ul>`;
  const { page, log, context } = await hatShopper('blank', { 'blank.html': doc('blank', '', lists) });
  await page.goto(`${env.base}/blank.html`);
  assert.equal(await ready(page), true);
  await page.evaluate(() => window.shelfwise.auto.refresh()); // a second ranking says nothing new
  assert.deepEqual(await page.$$eval('#blank > li', (l) => l.map((e) => e.dataset.swId)), ['bag-1', ' ', 'hat-1']);
  assert.deepEqual(await page.$$eval('#fine > li', (l) => l.map((e) => e.dataset.swId)), ['hat-2', 'bag-2'], 'other lists are still ranked');
  const warnings = shelfwiseWarnings(log);
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.match(warnings[0].text, /keeps its server order.*data-sw-id/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

/** A page of lists (id -> attributes of its `<ul>`), each a bag then a hat, for the hat
 * shopper of namespace `ns`, open and ready; `ids(id)` reads a list's item ids. */
async function listsPage(ns, lists) {
  const html = Object.entries(lists).map(([id, attrs], i) =>
    `<ul ${attrs} id="${id}">${item(`bag-${i + 1}`, 'Bags')}${item(`hat-${i + 1}`, 'Hats')}</ul>`).join('\n');
  const { page, log, context } = await hatShopper(ns, { [`${ns}.html`]: doc(ns, '', html) });
  await page.goto(`${env.base}/${ns}.html`);
  assert.equal(await ready(page), true);
  return { log, context, ids: (id) => page.$$eval(`#${id} > li`, (l) => l.map((e) => e.dataset.swId)) };
}

/** The page said `reason` in exactly one Shelfwise warning, and threw nothing. */
function oneWarning(log, reason) {
  const warnings = shelfwiseWarnings(log);
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.match(warnings[0].text, reason);
  assert.deepEqual(log.errors, []);
}

test('an unknown data-sw-list kind or an out-of-range data-sw-impact: that list keeps the server order, one warning (README markup table)', async () => {
  const { log, context, ids } = await listsPage('kinds',
    { kind: 'data-sw-list="carousel"', impact: 'data-sw-list="grid" data-sw-impact="2"', fine: 'data-sw-list="grid"' });
  assert.deepEqual(await ids('kind'), ['bag-1', 'hat-1']);
  assert.deepEqual(await ids('impact'), ['bag-2', 'hat-2']);
  assert.deepEqual(await ids('fine'), ['hat-3', 'bag-3'], 'other lists are still ranked');
  // It names the attribute the page wrote, not the JS API's `options.context`.
  oneWarning(log, /keeps its server order: data-sw-list: must be "grid", "search" or "banner"/);
  await context.close();
});

test('a data-sw-impact that is not a number from 0 to 1 ("0,8", "high"): server order, one warning naming it', async () => {
  const { log, context, ids } = await listsPage('impacts', { comma: 'data-sw-list="grid" data-sw-impact="0,8"',
    word: 'data-sw-list="grid" data-sw-impact="high"', fine: 'data-sw-list="grid" data-sw-impact=".9"' });
  // "0,8" was read by parseFloat as 0 (server order, silently); "high" as no impact at all
  // (the grid's default 0.6: ranked, silently).
  assert.deepEqual(await ids('comma'), ['bag-1', 'hat-1']);
  assert.deepEqual(await ids('word'), ['bag-2', 'hat-2']);
  assert.deepEqual(await ids('fine'), ['hat-3', 'bag-3'], 'a valid impact still ranks');
  oneWarning(log, /keeps its server order: data-sw-impact: must be a number from 0 to 1/);
  await context.close();
});

test('a script-tag option the engine refuses: server order, one warning naming the attribute the shop wrote (README script tag options)', async () => {
  const { page, log, context } = await env.page();
  const grid = `<ul data-sw-list="grid">${item('bag-1', 'Bags')}${item('hat-1', 'Hats')}</ul>`;
  const settings = '<script>window.shelfwiseConfig = { storage: "session" };</script>';
  for (const [name, attr, field] of [['storage', 'data-storage="session"', 'data-storage: must be "local" or "memory"'],
    ['consent', 'data-consent="yes"', 'data-consent: '], ['search', 'data-search-param="q[]"', 'data-search-param: must be 1 to 40'],
    // Set in window.shelfwiseConfig, not on the tag: named as the JS API names it.
    ['settings', '', 'config.storage: must be "local" or "memory"']]) {
    const html = doc(`refused-${name}`, '', grid).replace('data-impressions="false"', `data-impressions="false" ${attr}`)
      .replace('<script src=', attr ? '<script src=' : `${settings}<script src=`);
    await context.route(`${env.base}/refused-${name}.html`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
    log.console.length = 0;
    await page.goto(`${env.base}/refused-${name}.html`);
    // The loader warns once the engine refused the setting (after the wasm loaded).
    for (let t = 0; t < 100 && shelfwiseWarnings(log).length === 0; t++) await page.waitForTimeout(50);
    const warnings = shelfwiseWarnings(log);
    assert.equal(warnings.length, 1, JSON.stringify(log.console));
    assert.ok(warnings[0].text.includes(`server order: ${field}`), warnings[0].text);
    assert.deepEqual(await page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId)), ['bag-1', 'hat-1']);
    assert.equal(await page.evaluate(() => Array.isArray(window.shelfwise)), true, 'not started');
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a JSON-LD Product with an empty sku is viewed under its productID', async () => {
  const ld = '<script type="application/ld+json">{ "@type": "Product", "sku": " ", "productID": "p-9", "category": "Hats" }</script>';
  const { page, log, context } = await hatShopper('ld', { 'ld.html': doc('ld', ld, '<p>product</p>') });
  await page.goto(`${env.base}/ld.html`);
  assert.equal(await ready(page), true);
  assert.deepEqual((await page.evaluate(() => window.shelfwise.engine.profile())).recentlyViewed, ['p-9', 'hat-2', 'hat-1', 'hat-0']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('a JSON-LD @type written as the schema.org URL, or as a list holding it, is a Product', async () => {
  // Only the short name "Product" (alone or in a list) was recognised: such pages learned nothing.
  const types = ['"http://schema.org/Product"', '"https://schema.org/Product"', '["https://schema.org/Product", "Thing"]'];
  const pages = {};
  types.forEach((t, i) => {
    pages[`ld-url-${i}.html`] = doc('ld-url', `<script type="application/ld+json">{ "@type": ${t}, "sku": "p-${i}", "category": "Hats" }</script>`, '<p>product</p>');
  });
  const { page, log, context } = await hatShopper('ld-url', pages);
  for (let i = 0; i < types.length; i++) {
    await page.goto(`${env.base}/ld-url-${i}.html`);
    assert.equal(await ready(page), true);
    assert.equal((await page.evaluate(() => window.shelfwise.engine.profile())).recentlyViewed[0], `p-${i}`, types[i]);
  }
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('a data-sw-catalog or data-sw-moments block that is not JSON is reported once each; the page still works', async () => {
  const blocks = '<script type="application/json" data-sw-catalog>{ "hat-1": { name: "Sun hat" } }</script>' +
    '<script type="application/json" data-sw-moments>{ offers: [] }</script>';
  const slot = `<section data-sw-slot="recently-viewed" hidden><ul data-sw-slot-items></ul><template><li data-sw-field="name"></li></template></section>`;
  const { page, log, context } = await hatShopper('blocks', { 'blocks.html': doc('blocks', blocks, `<ul data-sw-list="grid">${item('bag-1', 'Bags')}${item('hat-1', 'Hats')}</ul>${slot}`) });
  await page.goto(`${env.base}/blocks.html`);
  assert.equal(await ready(page), true);
  await page.click('[data-sw-id="hat-1"] a'); // a click runs the moments code again
  await page.evaluate(() => window.shelfwise.auto.refresh());
  assert.deepEqual(await page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId)), ['hat-1', 'bag-1']);
  const warnings = shelfwiseWarnings(log).map((m) => m.text);
  assert.equal(warnings.length, 2, JSON.stringify(warnings));
  // The relayed message without its own `shelfwise: `: the warning says [shelfwise] once.
  assert.match(warnings.find((w) => w.includes('data-sw-catalog')) ?? '', /^\[shelfwise\] the page's data-sw-catalog block was ignored: not valid JSON$/);
  assert.match(warnings.find((w) => w.includes('data-sw-moments')) ?? '', /data-sw-moments block was ignored: .*JSON/);
  for (const w of warnings) assert.doesNotMatch(w, /shelfwise\]? .*shelfwise:/i, w);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the loader in a type="module" tag does not start and says why, once', async () => {
  const { page, log, context } = await env.page();
  const html = doc('module', '', `<ul data-sw-list="grid">${item('bag-1', 'Bags')}</ul>`).replace('<script src', '<script type="module" src');
  await context.route(`${env.base}/module.html`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${env.base}/module.html`);
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.waitForTimeout(300);
  const warnings = shelfwiseWarnings(log);
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.match(warnings[0].text, /not started.*classic <script>/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the page's own sort control: its order stays, also when it then adds items", async () => {
  const priced = (id, category, price) => item(id, category, ` data-sw-price="${price}"`);
  const grid = `<ul data-sw-list="grid">${priced('bag-1', 'Bags', 30)}${priced('hat-1', 'Hats', 50)}${priced('bag-2', 'Bags', 10)}${priced('hat-2', 'Hats', 20)}</ul>
    <script>
      const byPrice = (l) => [...l.children].sort((a, b) => a.dataset.swPrice - b.dataset.swPrice).forEach((e) => l.append(e));
      window.sortByPrice = () => byPrice(document.querySelector('ul'));
      window.more = () => { const l = document.querySelector('ul'); l.insertAdjacentHTML('beforeend', ${JSON.stringify(priced('hat-3', 'Hats', 40))}); byPrice(l); };
    </script>`;
  const { page, log, context } = await hatShopper('sort', { 'sort.html': doc('sort', '', grid) });
  await page.goto(`${env.base}/sort.html`);
  assert.equal(await ready(page), true);
  const order = () => page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId));
  assert.deepEqual(await order(), ['hat-1', 'hat-2', 'bag-1', 'bag-2'], 'hats first');
  await page.evaluate(() => window.sortByPrice());
  await page.waitForTimeout(100); // the MutationObserver has run
  assert.deepEqual(await order(), ['bag-2', 'hat-2', 'bag-1', 'hat-1'], 'sorted by price, as the shopper asked');
  await page.evaluate(() => window.more());
  await page.waitForTimeout(100);
  assert.deepEqual(await order(), ['bag-2', 'hat-2', 'bag-1', 'hat-3', 'hat-1'], 'still by price after more items');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test("a results page whose GA4 tag reports the search too: one search, also after a reload", async () => {
  const gtag = `<script>window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); }
    gtag('event', 'search', { search_term: new URLSearchParams(location.search).get('q') });</script>`;
  const results = `<ul data-sw-list="search">${item('hat-5', 'Hats')}${item('bag-5', 'Bags')}</ul>`;
  const { page, log, context } = await hatShopper('ga4', { 'results.html': doc('ga4', gtag, results) });
  const events = () => page.evaluate(() => window.shelfwise.engine.profile().events);
  const before = await events();
  await page.goto(`${env.base}/results.html?q=sun+hat`);
  assert.equal(await ready(page), true);
  assert.deepEqual((await page.evaluate(() => window.shelfwise.engine.profile())).searches, ['sun hat']);
  assert.equal(await events(), before + 1, 'one search');
  await page.reload();
  assert.equal(await ready(page), true);
  assert.equal(await events(), before + 1, 'a reload is no new search');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('GA4 pushes with price and quantity as numeric strings, as common GTM templates write them, are learned', async () => {
  // GA4 takes "49.90" and "2"; the engine's API wants numbers, so Shelfwise refused every such
  // push (one warning: "items[0].price: must be a number") and learned none of them.
  const layer = `<script>window.dataLayer = window.dataLayer || [];
    dataLayer.push({ ecommerce: null });
    dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: '99.80', items: [
      { item_id: 'bag-7', item_name: 'Day pack', item_category: 'Bags', price: '49.90', quantity: '2' }] } });
    dataLayer.push({ event: 'view_item_list', ecommerce: { items: [{ item_id: 'hat-7', price: ' 20 ', quantity: '1', index: 0 }] } });
    dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'bag-8', price: 'cheap' }] } });
    dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'hat-9', item_category: 'Hats', price: '', quantity: ' ' }] } });</script>`;
  const { page, log, context } = await hatShopper('ga4s', { 'strings.html': doc('ga4s', layer, '<p>cart</p>') });
  await page.goto(`${env.base}/strings.html`);
  assert.equal(await ready(page), true);
  const p = await page.evaluate(() => window.shelfwise.engine.profile());
  assert.deepEqual(p.cart, ['bag-7']);
  assert.ok(p.interests.some((i) => i.key === 'p:12'), 'the price band of 49.90 is learned');
  assert.equal(p.events, 3 + 3, 'the three hat views, the add to cart, the impression and the view without a price');
  // An empty price or quantity (tag templates push '' for an item without one) is no price:
  // the event is learned without it, not refused whole.
  assert.equal(p.recentlyViewed[0], 'hat-9', 'the view with price "" is learned');
  // A price that is not a number at all is still refused, with one warning naming the field
  // and what is wrong with its value (it said "must be a number", though "49.90" is taken).
  const warnings = shelfwiseWarnings(log);
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.equal(warnings[0].text, '[shelfwise] an event from dataLayer was ignored: items[0].price: "cheap" is not a number');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('storage blocked (cookies off) and the loader deferred at the end of <body>: Shelfwise runs in memory, one warning', async () => {
  const { page, log, context } = await env.page();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  const body = `<ul data-sw-list="grid">${item('bag-1', 'Bags')}${item('hat-1', 'Hats')}</ul>
    <script defer src="/pkg/shelfwise.loader.js" data-namespace="blocked" data-impressions="false"></script>`;
  await context.route(`${env.base}/blocked.html`, (r) => r.fulfill({ contentType: 'text/html', body: doc('x', '', body).replace(/<script src="\/pkg[^<]*<\/script>/, '') }));
  await page.goto(`${env.base}/blocked.html`);
  assert.equal(await ready(page), true);
  assert.equal(await page.evaluate(() => window.shelfwise.engine.storageMode), 'memory');
  await page.click('[data-sw-id="hat-1"] a');
  assert.equal(await page.evaluate(() => window.shelfwise.engine.profile().events), 1, 'the click is learned for this page');
  const warnings = shelfwiseWarnings(log);
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.match(warnings[0].text, /localStorage/);
  assert.deepEqual(log.errors, []);
  await context.close();
});
