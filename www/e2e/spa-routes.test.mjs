// A shop whose pages change on client-side navigation (Hotwire Turbo, swup, AJAX themes, a
// Next or Nuxt storefront): a click does `history.pushState` and renders the next route's
// markup into the same document. The route's product view (JSON-LD), its search (`?q=`) and
// its order (`data-sw-purchase`) are learned as on a page load, each once: a re-render of the
// same route, a GA4 `view_item` push for the same product and `startAuto` called again learn
// nothing more; going back to a product page is a new view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleApp } from './harness.mjs';
import { ready } from './shop-helpers.mjs';
import { back, closeQuiet, learned, loader, open, openScriptTag, related, shell, useBrowser } from './spa-app.mjs';

useBrowser();

test('script tag: a route\'s product view, search and order are learned once each, on navigation', async () => {
  const { page, log, context } = await open(shell(loader()));
  assert.equal(await ready(page), true);
  assert.equal((await learned(page)).events, 0, 'the home route shows nothing to learn');

  await page.click('text=Hat one');
  let p = await learned(page);
  assert.deepEqual(p.viewed, ['hat-1'], 'the product route\'s view is learned');
  assert.equal(p.events, 1);
  assert.deepEqual(await related(page), ['Seven', 'Eight'], 'its item data was handed over before the related slot was filled');

  // The framework renders the same route again, and the shop's GA4 tag reports the view too.
  await page.evaluate(() => render());
  await page.evaluate(() => dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'hat-1', item_category: 'Hats' }] } }));
  assert.equal((await learned(page)).events, 1, 'a re-render and a GA4 view_item of the same product count nothing more');

  // The GA4 push may come first: after pushState, before the route is rendered.
  await page.evaluate(() => {
    history.pushState({}, '', '/spa/p/hat-2');
    dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'hat-2', item_category: 'Hats' }] } });
    render();
  });
  p = await learned(page);
  assert.deepEqual(p.viewed, ['hat-2', 'hat-1']);
  assert.equal(p.events, 2, 'a GA4 view_item pushed before the route renders and its markup count once');

  await page.click('text=Boots');
  p = await learned(page);
  assert.deepEqual(p.searches, ['boots'], 'the search results route\'s query is learned');
  assert.equal(p.events, 3);
  await page.evaluate(() => render());
  assert.equal((await learned(page)).events, 3, 'a re-rendered search route counts nothing');

  await page.click('text=Order');
  p = await learned(page);
  assert.deepEqual(p.purchased.slice().sort(), ['hat-1', 'hat-2'], 'the order route\'s purchase is learned');
  assert.equal(p.events, 4);
  await page.evaluate(() => render());
  assert.equal((await learned(page)).events, 4, 'a re-rendered order route counts nothing');

  // Back: the search again (the latest search, not counted again), then the product page: a new view.
  await back(page);
  assert.equal((await learned(page)).events, 4, 'back to the search results counts nothing');
  await back(page);
  p = await learned(page);
  assert.equal(p.events, 5, 'back to a product page is a new view, as a page load would be');
  assert.deepEqual(p.viewed, ['hat-2', 'hat-1']);

  // The order page reached by navigation again, then reloaded: its order was learned.
  await page.evaluate(() => go('/spa/order'));
  await page.reload();
  assert.equal(await ready(page), true);
  assert.equal((await learned(page)).events, 5, 'the order counts once across navigation and reload');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('core build: a route\'s product view is learned once', async () => {
  const { page, log, context } = await open(shell(loader(' data-build="core"')));
  assert.equal(await ready(page), true);
  await page.click('text=Hat two');
  await page.evaluate(() => render());
  // The core build has no `profile()`: the stored profile's event count.
  const events = await page.evaluate(() => JSON.parse(localStorage.getItem('spa:v1:profile') || '{"n":0}').n);
  assert.equal(events, 1, 'the product route\'s view is learned, once');
  // The route's slot and item data are the full build's: one warning naming the core build.
  const warnings = log.console.filter((m) => m.type === 'warning');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].text, /core build/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('ES module: startAuto called again after a route does not count its view twice, whichever runs first', async () => {
  const esm = moduleApp({ namespace: 'spa-esm', storage: 'memory' },
    'window.app = { engine, startAuto, auto: startAuto(engine, { impressions: false }) };');
  const { page, log, context } = await open(shell(esm));
  await page.waitForFunction(() => window.app);
  // The documented pattern, after the document's observer saw the route (a later task).
  await page.evaluate(() => go('/spa/p/hat-1'));
  await page.evaluate(() => { app.auto.stop(); app.auto = app.startAuto(app.engine, { impressions: false }); });
  // In the same task as the render, before the observer's batch.
  await page.evaluate(() => { go('/spa/p/hat-2'); app.auto = app.startAuto(app.engine, { impressions: false }); });
  const p = await learned(page, 'app.engine');
  assert.deepEqual(p.viewed, ['hat-2', 'hat-1']);
  assert.equal(p.events, 2, 'one view per route');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('script tag: a JSON-LD Product left in <head> by an earlier route does not name the page\'s product', async () => {
  const { page, log, context } = await openScriptTag();
  await page.evaluate(() => goHead('/spa/p/hat-1', 'hat-1'));
  await page.evaluate(() => goHead('/spa/p/hat-2', 'hat-2'));
  let p = await learned(page);
  assert.deepEqual(p.viewed, ['hat-2', 'hat-1'], 'the route\'s new Product block names its product');
  assert.equal(p.events, 2);
  await page.evaluate(() => goHead('/spa/home'));
  await page.evaluate(() => render());
  assert.equal((await learned(page)).events, 2, 'a route without a product of its own views none of the old ones');
  await page.evaluate(() => goHead('/spa/p/hat-1', 'hat-1'));
  p = await learned(page);
  assert.deepEqual(p.viewed, ['hat-1', 'hat-2'], 'back to a product: its new block, though an old one has the same text');
  assert.equal(p.events, 3);
  // A re-render of the route, with a new address of the same product (a variant), views nothing.
  await page.evaluate(() => { history.pushState({}, '', '/spa/p/hat-1?size=m'); render('/spa/home'); });
  assert.equal((await learned(page)).events, 3, 'the same product again is not a new view');
  await closeQuiet(log, context);
});

test('script tag: a GA4 view_item of several items pushed before the route renders counts each item\'s view once', async () => {
  const { page, log, context } = await openScriptTag();
  await page.evaluate(() => {
    history.pushState({}, '', '/spa/p/hat-2');
    dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'hat-2', item_category: 'Hats' }, { item_id: 'hat-1', item_category: 'Hats' }] } });
  });
  const before = (await learned(page)).events;
  await page.evaluate(() => render());
  const p = await learned(page);
  assert.deepEqual(p.viewed.slice().sort(), ['hat-1', 'hat-2']);
  assert.equal(p.events, before, 'the route showing the push\'s first item counts nothing more');
  await closeQuiet(log, context);
});

test('script tag: a route named only by data-sw-product wins over a JSON-LD Product an earlier route left', async () => {
  const { page, log, context } = await openScriptTag();
  await page.evaluate(() => goHead('/spa/p/hat-1', 'hat-1'));
  await page.evaluate(() => go('/spa/p/hat-3'));
  let p = await learned(page);
  assert.deepEqual(p.viewed, ['hat-3', 'hat-1'], 'the route\'s data-sw-product names its product');
  assert.equal(p.events, 2);
  await page.evaluate(() => render());
  assert.equal((await learned(page)).events, 2, 'a re-render of the route counts nothing more');
  await page.evaluate(() => goHead('/spa/p/hat-2', 'hat-2'));
  p = await learned(page);
  assert.deepEqual(p.viewed, ['hat-2', 'hat-3', 'hat-1'], 'then a route with a Product block of its own');
  assert.equal(p.events, 3);
  await closeQuiet(log, context);
});
