// Automatic tracking, all local: product views (JSON-LD), clicks on managed items,
// add-to-cart buttons, the search form and URL, the order confirmation, impressions and GA4
// dataLayer pushes (before and after Shelfwise loads). Nothing leaves the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { SHOP, ready, profile, assertOnlyOwnFiles } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('a shopper journey is learned from the page: view, cart, search, purchase, impressions', async () => {
  const { page, log, context } = await env.page();
  await page.goto(`${env.base}${SHOP}/index.html`);
  await ready(page);
  assert.equal((await profile(page)).events, 0);
  // Impressions: the rail is on screen; after a second its items count as seen.
  await page.waitForFunction(() => window.shelfwise.engine.profile().events > 0, null, { polling: 100, timeout: 5000 });
  const seen = await profile(page);
  assert.deepEqual(seen.recentlyViewed, [], 'impressions are not views');

  // Click a product in the rail (select_item), land on its page (view_item from JSON-LD).
  const id = await page.$eval('[data-sw-list="grid"] > li', (e) => e.dataset.swId);
  await page.click(`[data-sw-id="${id}"] a`);
  await page.waitForURL(/product-/);
  await ready(page);
  let p = await profile(page);
  assert.deepEqual(p.recentlyViewed, [id]);
  assert.equal(p.events, seen.events + 2, 'one click, one product view');

  // Add to cart with the marked button.
  await page.click('[data-sw-add-to-cart]');
  p = await profile(page);
  assert.deepEqual(p.cart, [id]);

  // Search with the header form: learned once, though the results page shows the query too.
  await page.fill('header input[name=q]', 'classic');
  await page.press('header input[name=q]', 'Enter');
  await page.waitForURL(/search\.html\?q=classic/);
  await ready(page);
  p = await profile(page);
  assert.deepEqual(p.searches, ['classic']);
  const events = p.events;
  await page.reload();
  await ready(page);
  assert.equal((await profile(page)).events, events, 'a reload of the results page is not a new search');

  // Cart -> order confirmation: a purchase.
  await page.goto(`${env.base}${SHOP}/cart.html`);
  await ready(page);
  await page.click('#place-order');
  await page.waitForURL(/order\.html/);
  await ready(page);
  p = await profile(page);
  assert.deepEqual(p.purchased, [id]);
  assert.equal(await page.$eval('[data-sw-slot="recently-viewed"] [data-sw-filled]', (e) => e.dataset.swId), id);

  // Reset my profile: everything is forgotten, the stored entry is gone.
  await page.click('#reset-profile');
  p = await profile(page);
  assert.equal(p.events, 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('shelfwise-shop:v1:profile')), null);
  assert.equal(await page.$eval('[data-sw-slot="recently-viewed"]', (s) => s.hidden), true);

  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
  assertOnlyOwnFiles(assert, log, env.base);
  await context.close();
});

test('GA4 dataLayer pushes are learned locally, before and after the engine loads', async () => {
  const { page, log, context } = await env.page();
  await page.goto(`${env.base}/e2e/fixtures/datalayer.html`);
  assert.equal(await ready(page), true);
  let p = await profile(page);
  assert.deepEqual(p.recentlyViewed, ['dl-1']);
  assert.deepEqual(p.searches, ['camping stove']);
  assert.deepEqual(p.cart, ['dl-2']);
  const length = await page.evaluate(() => dataLayer.length);
  await page.evaluate(() => {
    dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T1', items: [{ item_id: 'dl-2', quantity: 1 }] } });
    window.gtag('event', 'select_item', { items: [{ item_id: 'dl-3', item_category: 'Tents' }] });
    // GA4 counts a view of each item a view_item lists (a bundle, a product and its variants).
    dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'a' }, { item_id: 'b' }] } });
    // One bad item refuses the whole push, named at its place, as in any list.
    dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'c' }, { item_id: 'd', price: -1 }] } });
  });
  p = await profile(page);
  assert.deepEqual(p.purchased, ['dl-2']);
  assert.ok(p.interests.some((i) => i.value === 'tents'));
  assert.deepEqual(p.recentlyViewed.slice(0, 3), ['b', 'a', 'dl-1'], 'a view of each item, in their order; c and d refused');
  assert.equal(await page.evaluate(() => dataLayer.length), length + 4, 'the shop\'s dataLayer still receives every push');
  // One push call with four entries: the shop's dataLayer gets all four, and so does the engine.
  const returned = await page.evaluate(() => dataLayer.push({ event: 'page_view' }, { event: 'scroll' }, { event: 'page_view' },
    { event: 'view_item', ecommerce: { items: [{ item_id: 'dl-4', item_category: 'Tents' }] } }));
  assert.equal(returned, length + 8, 'push returns the new length, as Array.prototype.push does');
  assert.equal(await page.evaluate(() => dataLayer.length), length + 8);
  assert.equal((await profile(page)).recentlyViewed[0], 'dl-4', 'the fourth entry of one push is learned');
  const warnings = log.console.filter((m) => m.type === 'warning');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].text, /^\[shelfwise\] an event from dataLayer was ignored: items\[1\]\.price: /, 'the warning says [shelfwise] once');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a product in a JSON-LD @graph (numeric sku, brand object, offer list, keywords list) is a product view; an add-to-cart form adds it', async () => {
  const { page, log, context } = await env.page();
  await page.goto(`${env.base}/e2e/fixtures/product-graph.html`);
  assert.equal(await ready(page), true);
  let p = await profile(page);
  assert.deepEqual(p.recentlyViewed, ['4711']);
  const values = p.interests.map((i) => i.value);
  for (const v of ['outdoor>jackets', 'fjell', 'waterproof', 'hiking', 'packable']) assert.ok(values.includes(v), `${v} in ${values}`);
  await page.evaluate(() => document.querySelector('form').addEventListener('submit', (e) => e.preventDefault()));
  await page.click('form button');
  p = await profile(page);
  assert.deepEqual(p.cart, ['4711']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('data-sw-product marks a product page; an empty add-to-cart means that product; a form search (custom parameter) counts once', async () => {
  const { page, log, context } = await env.page();
  await page.goto(`${env.base}/e2e/fixtures/product-attributes.html`);
  assert.equal(await ready(page), true);
  let p = await profile(page);
  assert.deepEqual(p.recentlyViewed, ['p-9']);
  assert.ok(p.interests.some((i) => i.value === 'hats>sun'));
  await page.click('[data-sw-add-to-cart]');
  const before = (await profile(page)).events;
  await page.fill('input[name=term]', 'straw hat');
  await page.press('input[name=term]', 'Enter');
  await page.click('#spa-search button'); // the same search again
  p = await profile(page);
  assert.deepEqual(p.cart, ['p-9']);
  assert.deepEqual(p.searches, ['straw hat']);
  assert.equal(p.events, before + 1, 'the repeated search is not learned twice');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});
