// The two builds of the script tag (README "Two builds"): pages tagged data-build="core" load
// the core build only; pages with slots load the full build; both share one stored profile,
// also when they are open in two tabs at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch } from './harness.mjs';
import { clickAndComeBack, ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const doc = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>page</title></head><body>\n${body}</body></html>`;

/** The README's script-tag quick start (a listing page) and slots example (a product page). */
async function readmePages() {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = (name) => readme.match(new RegExp(`<!-- readme-example: ${name}[^>]*-->\\s*\`\`\`html\\n([\\s\\S]*?)\`\`\``))[1];
  const listing = block('script-tag');
  const core = listing.replace('<script src="/pkg/shelfwise.loader.js"', '<script src="/pkg/shelfwise.loader.js" data-build="core"');
  assert.notEqual(core, listing, 'the quick start has the loader tag');
  return { core, product: block('slots') };
}

/** Serves `/list` (the core listing page, its loader tag given `listingAttrs` too), `/p/sku-1`
 * and `/p/sku-9` (full product pages). */
async function routes(context, listingAttrs = '') {
  const pages = await readmePages();
  const listing = pages.core.replace('data-build="core"', `data-build="core"${listingAttrs}`);
  await context.route(`${env.base}/list`, (r) => r.fulfill({ contentType: 'text/html', body: doc(listing) }));
  await context.route(`${env.base}/p/sku-1`, (r) => r.fulfill({ contentType: 'text/html', body: doc(pages.product) }));
  await context.route(`${env.base}/p/sku-9`, (r) => r.fulfill({
    contentType: 'text/html', body: doc(pages.product.replace('"sku": "sku-1"', '"sku": "sku-9"')),
  }));
  await context.route(`${env.base}/p/sku-3`, (r) => r.fulfill({ contentType: 'text/html', body: doc('<p>Sun hat</p>') }));
}

// Which files (sorted: the loader fetches the wasm while the glue loads, in no fixed order).
const shelfwiseFiles = (log) => log.requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/pkg/')).sort();
const order = (page) => page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId));
const problems = (log) => log.console.filter((m) => m.type === 'error' || m.type === 'warning');

test('a page tagged data-build="core" loads only the core build, reorders and learns; the full build still finds what it stored', async () => {
  const { page, log, context } = await env.page();
  await routes(context);

  // A product page with slots: the full build, which caches the product's neighbour lists.
  await page.goto(`${env.base}/p/sku-1`);
  assert.equal(await ready(page), true);
  assert.deepEqual(shelfwiseFiles(log), ['/pkg/shelfwise.loader.js', '/pkg/shelfwise.script.js', '/pkg/shelfwise_bg.wasm'].sort());
  assert.equal(await page.evaluate(() => typeof window.shelfwise.engine.recommend), 'function');

  // The listing page: the core build only, the same profile.
  log.requests.length = 0;
  await page.goto(`${env.base}/list`);
  assert.equal(await ready(page), true);
  assert.deepEqual(shelfwiseFiles(log), ['/pkg/shelfwise.loader.js', '/pkg/shelfwise.core.script.js', '/pkg/shelfwise_core_bg.wasm'].sort());
  assert.equal(await page.evaluate(() => typeof window.shelfwise.engine.recommend), 'undefined', 'no optional API in the core build');
  assert.deepEqual(await order(page), ['sku-1', 'sku-2', 'sku-3'], 'the viewed trail runner leads');
  await clickAndComeBack(assert, page, 'Sun hat', /\/p\/sku-3$/, 2);
  assert.deepEqual(await order(page), ['sku-3', 'sku-1', 'sku-2'], 'hats first: the core build learned the clicks');

  // Back on a full-build product page: what the core build wrote is there, and so is what
  // the full build cached before (the trail runner's neighbours fill "because you viewed").
  await page.goto(`${env.base}/p/sku-9`);
  assert.equal(await ready(page), true);
  const p = await page.evaluate(() => window.shelfwise.engine.profile());
  assert.ok(p.interests.some((i) => i.key === 'c:hats'), 'the clicks learned by the core build');
  assert.ok(p.recentlyViewed.includes('sku-1'));
  assert.equal(await page.$eval('[data-sw-slot="because-you-viewed"] h2', (h) => h.textContent), 'Because you viewed Trail runner');
  assert.deepEqual(await page.$$eval('[data-sw-slot="because-you-viewed"] [data-sw-filled]', (l) => l.map((e) => e.textContent.trim())),
    ['Day pack', 'Sun hat', 'Running socks', 'Rain jacket']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(problems(log), []);
  await context.close();
});

test('the core build leaves slots as served and says so once', async () => {
  const { page, log, context } = await env.page();
  const { product } = await readmePages();
  const body = product.replace('<script src="/pkg/shelfwise.loader.js"', '<script src="/pkg/shelfwise.loader.js" data-build="core"');
  await context.route(`${env.base}/core-product`, (r) => r.fulfill({ contentType: 'text/html', body: doc(body) }));
  await page.goto(`${env.base}/core-product`);
  assert.equal(await ready(page), true);
  assert.equal(await page.$eval('[data-sw-slot="related"]', (s) => s.hidden), true, 'the slot stays hidden');
  assert.equal(await page.$$eval('[data-sw-filled]', (l) => l.length), 0);
  const warnings = problems(log);
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.match(warnings[0].text, /^\[shelfwise\] .*core build \(data-build="core"\)/);
  // The page's own product view is still learned.
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('myshop:v1:profile')));
  assert.equal(stored.n, 1);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a core tab and a full tab open at once: one engine per page, and the profile holds both tabs\' events', async () => {
  const { page: first, context, log } = await env.page();
  // No impressions: on a slow machine the listing's items stay in view for a second and one
  // impression event would join the exact event count below.
  await routes(context, ' data-impressions="false"');
  const tabs = [first, await context.newPage()];
  tabs[1].on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  tabs[1].on('pageerror', (e) => log.errors.push(String(e)));
  tabs[1].on('request', (r) => log.requests.push({ method: r.method(), url: r.url() }));
  await tabs[0].goto(`${env.base}/list`);
  assert.equal(await ready(tabs[0]), true);
  await tabs[1].goto(`${env.base}/p/sku-1`);
  assert.equal(await ready(tabs[1]), true);
  for (const [t, tab] of tabs.entries()) {
    assert.equal(await tab.evaluate(() => typeof shelfwise_wasm), 'function', 'one glue per page');
    // Each tab tracks ten views of its own items, interleaved with the other tab.
    for (let n = 0; n < 10; n++) {
      await tab.evaluate(([t, n]) => window.shelfwise.engine.track({ type: 'view_item', item: { id: `tab${t}-${n}`, category: ['Tabs'] } }), [t, n]);
    }
    await tab.evaluate(() => window.shelfwise.engine.flush());
  }
  // The core tab merges the full tab's writes (storage events) into its own next write.
  await tabs[0].evaluate(() => { window.shelfwise.engine.track({ type: 'view_item', item: { id: 'last', category: ['Tabs'] } }); window.shelfwise.engine.flush(); });
  // Page views: the product page's own view_item (1) and each tab's 10 + the last one. Tabs
  // in two renderer processes see each other's writes a moment late, and a write made from a
  // view that lagged is repaired by the tab whose events it lacked (its `storage` event): so
  // wait until what is stored holds them all (an event really lost never arrives), then check
  // that none counts twice.
  const storedEvents = () => JSON.parse(localStorage.getItem('myshop:v1:profile')).n;
  const all = 1 + 10 + 10 + 1;
  await tabs[0].waitForFunction((all) => JSON.parse(localStorage.getItem('myshop:v1:profile')).n >= all, all, { timeout: 10_000 })
    .catch(() => {});
  assert.equal(await tabs[0].evaluate(storedEvents), all);
  // The full tab merges the core tab's writes as they arrive (storage events).
  await tabs[1].waitForFunction(() => window.shelfwise.engine.profile().recentlyViewed.includes('last'), null, { timeout: 10_000 });
  await tabs[1].evaluate(() => window.shelfwise.engine.flush());
  assert.equal(await tabs[0].evaluate(storedEvents), all, 'still every event once');
  const full = await tabs[1].evaluate(() => window.shelfwise.engine.profile().recentlyViewed);
  for (const id of ['tab0-9', 'tab1-9', 'sku-1']) assert.ok(full.includes(id), `${id} in ${full}`);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(problems(log), []);
  await context.close();
});
