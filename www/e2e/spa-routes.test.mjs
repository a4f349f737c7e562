// A shop whose pages change on client-side navigation (Hotwire Turbo, swup, AJAX themes, a
// Next or Nuxt storefront): a click does `history.pushState` and renders the next route's
// markup into the same document. The route's product view (JSON-LD), its search (`?q=`) and
// its order (`data-sw-purchase`) are learned as on a page load, each once: a re-render of the
// same route, a GA4 `view_item` push for the same product and `startAuto` called again learn
// nothing more; going back to a product page is a new view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, moduleApp, pageHead } from './harness.mjs';
import { ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const li = (id, category) => `<li data-sw-id="${id}" data-sw-category="${category}" data-sw-quantity="1">${id}</li>`;
const ld = (id) => `<script type="application/ld+json">{ "@context": "https://schema.org", "@type": "Product", "sku": "${id}", "category": "Hats" }</script>`;
/** A product route: its JSON-LD, its neighbours (no `data-sw-item`: the page's product's) and a related slot. */
const productRoute = (id) => `<h1>${id}</h1>${ld(id)}
<script type="application/json" data-sw-item-data>{ "related": [["hat-7", 9], ["hat-8", 5]] }</script>
<script type="application/json" data-sw-catalog>{ "hat-7": { "name": "Seven" }, "hat-8": { "name": "Eight" } }</script>
<section data-sw-slot="related" data-sw-limit="2" hidden><ul data-sw-slot-items></ul><template><li><span data-sw-field="name"></span></li></template></section>`;
const routes = {
  '/spa/home': '<p>Welcome</p>',
  '/spa/p/hat-1': productRoute('hat-1'),
  '/spa/p/hat-2': productRoute('hat-2'),
  '/spa/search': `<ul data-sw-list="search">${li('boot-1', 'Boots')}${li('boot-2', 'Boots')}</ul>`,
  '/spa/order': `<p>Thank you</p><ul data-sw-purchase="SPA-1">${li('hat-1', 'Hats')}${li('hat-2', 'Hats')}</ul>`,
  '/spa/thanks': `<p>Thank you</p><ul data-sw-purchase>${li('scarf-1', 'Scarves')}</ul>`,
  '/spa/thanks/2': `<p>Thank you</p><ul data-sw-purchase>${li('scarf-2', 'Scarves')}</ul>`,
  // A product named only by `data-sw-product` (no JSON-LD of its own).
  '/spa/p/hat-3': '<div data-sw-product="hat-3" data-sw-category="Hats"><h1>Hat three</h1></div>',
};
/** The app: renders the route of `location.pathname` into `<main>`, on load (as its server
 * would), on a click on a link (pushState first, as Turbo Drive does) and on popstate. */
const app = `<script>
window.dataLayer = window.dataLayer || [];
const routes = ${JSON.stringify(routes).replace(/</g, '\\u003c')};
window.render = (path = location.pathname) => { document.querySelector('main').innerHTML = routes[path] || ''; };
window.go = (url) => { history.pushState({}, '', url); render(); };
// Renders first, changes the address later: in a microtask, or in the next animation frame.
window.goLate = (url, frame) => {
  render(new URL(url, location.href).pathname);
  const push = () => history.pushState({}, '', url);
  if (frame) requestAnimationFrame(push); else queueMicrotask(push);
};
// Leaves each product route's JSON-LD in <head>, as an app whose head manager appends.
window.goHead = (url, id) => {
  history.pushState({}, '', url);
  render('/spa/home');
  if (id) document.head.insertAdjacentHTML('beforeend', ${JSON.stringify(ld('ID')).replace(/</g, '\\u003c')}.replace('ID', id));
};
// Renders first, then awaits a request (and a few frames more) before it changes the address.
window.goAfterFetch = async (url) => {
  render(new URL(url, location.href).pathname);
  await fetch('/spa/api');
  for (let i = 0; i < 3; i++) await new Promise((done) => requestAnimationFrame(done));
  history.pushState({}, '', url);
};
// Renders first and changes the address only when told (tell()): the shopper may move on between.
window.goWhenTold = (url) => {
  render(new URL(url, location.href).pathname);
  window.tell = () => history.pushState({}, '', url);
};
// The next order written into the order element already on the page (the app reuses it).
window.nextOrder = (id, item) => {
  const order = document.querySelector('[data-sw-purchase]');
  order.setAttribute('data-sw-purchase', id);
  order.innerHTML = ${JSON.stringify(li('ITEM', 'Scarves')).replace(/</g, '\\u003c')}.replace('ITEM', item);
};
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[href^="/spa/"]');
  if (a) { e.preventDefault(); go(a.getAttribute('href')); }
});
addEventListener('popstate', () => render());
</script>`;
const nav = '<nav><a href="/spa/p/hat-1">Hat one</a> <a href="/spa/p/hat-2">Hat two</a> <a href="/spa/search?q=boots">Boots</a> <a href="/spa/order">Order</a></nav>';
const shell = (tags) => `${pageHead('spa', app + tags)}<body>${nav}<main></main><script>render()</script></body></html>`;
const loader = (attrs = '') => `<script src="/pkg/shelfwise.loader.js" data-namespace="spa" data-impressions="false"${attrs}></script>`;

async function open(html) {
  const { page, log, context } = await env.page();
  await context.route(`${env.base}/spa/**`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${env.base}/spa/home`);
  return { page, log, context };
}

const learned = (page, engine = 'window.shelfwise.engine') => page.evaluate((e) => {
  const p = (0, eval)(e).profile();
  return { events: p.events, viewed: p.recentlyViewed, searches: p.searches, purchased: p.purchased };
}, engine);
/** Goes back one entry and resolves once the app rendered it. */
const back = (page) => page.evaluate(() => new Promise((done) => {
  addEventListener('popstate', () => setTimeout(done), { once: true });
  history.back();
}));
/** The script-tag app, started. */
async function openScriptTag() {
  const opened = await open(shell(loader()));
  assert.equal(await ready(opened.page), true);
  return opened;
}
/** Closes the page after checking it logged nothing. */
async function closeQuiet(log, context) {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
}
/** Resolves after the next two animation frames. */
const frames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
const related = (page) => page.$$eval('main [data-sw-filled]', (l) => l.map((e) => e.textContent));

/** A search route, then an order route without an order id, each rendered before the app
 * changes the address (`search(url)`, `order(url)`, run in the page; `when`: how much later):
 * each is learned once, at the address it ends up with (a reload of the order page counts
 * nothing). */
async function readAtFinalAddress(page, when, search, order) {
  await page.evaluate(search, '/spa/search?q=boots');
  await frames(page);
  let p = await learned(page);
  assert.deepEqual(p.searches, ['boots'], `the search of an address pushed ${when} is learned`);
  assert.equal(p.events, 1);
  await page.evaluate(order, '/spa/thanks');
  await frames(page);
  p = await learned(page);
  assert.deepEqual(p.purchased, ['scarf-1']);
  assert.equal(p.events, 2, 'the order is learned once');
  await page.reload();
  assert.equal(await ready(page), true);
  assert.equal((await learned(page)).events, 2, 'a reload of the order page counts nothing: it was keyed by the address it ended up with');
}

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

test('script tag: a route rendered before its address changes is read at its final address', async () => {
  const { page, log, context } = await openScriptTag();
  // The address changes in a microtask after the search's render, in the next frame after the order's.
  await readAtFinalAddress(page, 'after the render', (url) => goLate(url), (url) => goLate(url, true));
  // The app leaves the order page for home first, then changes the document before it renders
  // home: the order page's markup, still there, is not an order at the new address.
  await page.evaluate(() => { history.pushState({}, '', '/spa/home'); document.body.append(document.createElement('progress')); });
  await frames(page);
  await page.evaluate(() => render());
  await frames(page);
  assert.equal((await learned(page)).events, 2, 'the order page\'s markup counts nothing after the address changed');
  await closeQuiet(log, context);
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

/** Resolves once `check` (run in the page) is true, or after `ms` (the assertion after it then
 * says what is missing): for reads the app's timing or auto mode's settling time decides. */
const until = (page, check, ms = 10000) => page.waitForFunction(check, null, { timeout: ms }).catch(() => {});

test('script tag: a route whose address changes after a request is read at that address, once', async () => {
  const { page, log, context } = await openScriptTag();
  await readAtFinalAddress(page, 'after a request', (url) => goAfterFetch(url), (url) => goAfterFetch(url));
  // A route whose address never changes is read all the same, without waiting for ever.
  await page.evaluate(() => render('/spa/order'));
  await until(page, () => window.shelfwise.engine.profile().events >= 3);
  const p = await learned(page);
  assert.deepEqual(p.purchased.slice().sort(), ['hat-1', 'hat-2', 'scarf-1'], 'an order rendered with no new address is learned');
  assert.equal(p.events, 3);
  await closeQuiet(log, context);
});

test('script tag: a shopper who leaves while a route waits for its address keeps its order and search', async () => {
  const { page, log, context } = await openScriptTag();
  // Rendered with no new address, then the page is left at once (well within the wait).
  await page.evaluate(() => render('/spa/order'));
  await page.goto(`${env.base}/spa/search?q=boots`);
  assert.equal(await ready(page), true);
  let p = await learned(page);
  assert.deepEqual(p.purchased.slice().sort(), ['hat-1', 'hat-2'], 'the order of a route left before its wait ended is learned');
  assert.equal(p.events, 2, 'the order once, and the search of the new page');
  await page.evaluate(() => render('/spa/search'));
  await page.reload();
  assert.equal(await ready(page), true);
  p = await learned(page);
  assert.equal(p.events, 2, 'a route with nothing new to read adds nothing when the page is left');
  await closeQuiet(log, context);
});

test('script tag: a route rendered in a background tab is read without waiting to be shown', async () => {
  const { page, log, context } = await openScriptTag();
  // A background tab runs no animation frame (headless Chromium's tabs are all visible, so the
  // page's frames are stopped here as a hidden tab's are); its timers and observers still run.
  await page.evaluate(() => {
    window.requestAnimationFrame = () => 0;
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { get: () => true });
  });
  // The app renders the order confirmation while the shopper pays in another tab.
  await page.evaluate(() => goLate('/spa/thanks'));
  await until(page, () => window.shelfwise.engine.profile().events >= 1);
  let p = await learned(page);
  assert.deepEqual(p.purchased, ['scarf-1'], 'the order of a route rendered in a background tab is learned');
  assert.equal(p.events, 1);
  await page.evaluate(() => goLate('/spa/search?q=boots'));
  await until(page, () => window.shelfwise.engine.profile().events >= 2);
  p = await learned(page);
  assert.deepEqual(p.searches, ['boots'], 'so is its search');
  assert.equal(p.events, 2);
  await page.reload();
  assert.equal(await ready(page), true);
  assert.equal((await learned(page)).events, 2, 'each once: the order was keyed by its own address');
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

test('script tag: a second order written into the same order element is learned, the first never twice', async () => {
  const { page, log, context } = await openScriptTag();
  await page.click('text=Order');
  assert.equal((await learned(page)).events, 1);
  // The next order in the same element, with no new address.
  await page.evaluate(() => nextOrder('SPA-2', 'scarf-2'));
  await until(page, () => window.shelfwise.engine.profile().events >= 2);
  let p = await learned(page);
  assert.deepEqual(p.purchased.slice().sort(), ['hat-1', 'hat-2', 'scarf-2'], 'the second order is learned');
  assert.equal(p.events, 2);
  // And one more, with its own address.
  await page.evaluate(() => { history.pushState({}, '', '/spa/order/3'); nextOrder('SPA-3', 'scarf-3'); });
  await until(page, () => window.shelfwise.engine.profile().events >= 3);
  p = await learned(page);
  assert.ok(p.purchased.includes('scarf-3'), 'the third order is learned');
  assert.equal(p.events, 3);
  // The same order written again, and the element left on the next route: nothing more.
  await page.evaluate(() => nextOrder('SPA-3', 'scarf-3'));
  await page.evaluate(() => { history.pushState({}, '', '/spa/home'); document.body.append(document.createElement('progress')); });
  await frames(page);
  await page.evaluate(() => go('/spa/p/hat-1'));
  assert.equal((await learned(page)).events, 4, 'only the next route\'s view: no order counted twice');
  await closeQuiet(log, context);
});

/** Reloads the page and checks it then holds `events` events (`message`: why). */
async function reloadCounts(page, events, message) {
  await page.reload();
  assert.equal(await ready(page), true);
  assert.equal((await learned(page)).events, events, message);
}

test('script tag: a route\'s order and search replaced by the next route within the wait are learned once', async () => {
  const { page, log, context } = await openScriptTag();
  // An order without an id rendered in place; the shopper moves on to a product before the
  // address changed (the next route pushes its own address first).
  await page.evaluate(() => render('/spa/thanks'));
  await page.evaluate(() => go('/spa/p/hat-1'));
  await until(page, () => window.shelfwise.engine.profile().events >= 2, 5000);
  let p = await learned(page);
  assert.deepEqual(p.purchased, ['scarf-1'], 'the order of a route replaced by the next one within the wait is learned');
  assert.deepEqual(p.viewed, ['hat-1']);
  assert.equal(p.events, 2, 'the order once, and the next route\'s view');
  // Search results rendered first, replaced by another route before the app changes the address
  // to the search's (it awaited a request): the search is read at that address.
  await page.evaluate(() => goWhenTold('/spa/search?q=boots'));
  await frames(page);
  await page.evaluate(() => render('/spa/home'));
  await frames(page);
  await page.evaluate(() => tell());
  await until(page, () => window.shelfwise.engine.profile().searches.length >= 1, 5000);
  p = await learned(page);
  assert.deepEqual(p.searches, ['boots'], 'the search of a route replaced before its address came is learned');
  assert.equal(p.events, 3);
  await reloadCounts(page, 3, 'a reload counts nothing more');
  await closeQuiet(log, context);
});

test('script tag: an order rendered twice before its address changes, then replaced, counts once', async () => {
  const { page, log, context } = await openScriptTag();
  // The order confirmation rendered in place, rendered again (new elements, the same order), then
  // replaced by home before the app changes the address to the order's.
  await page.evaluate(() => goWhenTold('/spa/thanks'));
  await frames(page);
  await page.evaluate(() => render('/spa/thanks'));
  await frames(page);
  await page.evaluate(() => render('/spa/home'));
  await frames(page);
  await page.evaluate(() => tell());
  await until(page, () => window.shelfwise.engine.profile().events >= 1, 5000);
  await frames(page);
  let p = await learned(page);
  assert.deepEqual(p.purchased, ['scarf-1'], 'the order replaced before its address came is learned');
  assert.equal(p.events, 1, 'once, though two elements showed it');
  // Rendered in place again and replaced by a product rendered in place: read at the deadline.
  await page.evaluate(() => render('/spa/order'));
  await frames(page);
  await page.evaluate(() => render('/spa/p/hat-2'));
  await until(page, () => window.shelfwise.engine.profile().events >= 3, 5000);
  p = await learned(page);
  assert.deepEqual(p.purchased.slice().sort(), ['hat-1', 'hat-2', 'scarf-1'], 'an order replaced in place within the wait is learned');
  assert.equal(p.events, 3, 'with the product\'s view');
  // Left within the wait: an order replaced by home in place is read as the page goes.
  await page.evaluate(() => { document.querySelector('main').innerHTML = '<ul data-sw-purchase="SPA-5"><li data-sw-id="scarf-5">5</li></ul>'; });
  await frames(page);
  await page.evaluate(() => render('/spa/home'));
  await page.goto(`${env.base}/spa/home`);
  assert.equal(await ready(page), true);
  p = await learned(page);
  assert.ok(p.purchased.includes('scarf-5'), 'an order replaced within the wait is learned when the page is left');
  assert.equal(p.events, 4);
  await closeQuiet(log, context);
});

test('script tag: an order read at the deadline, then given its address late, is not counted again by a reload there', async () => {
  const { page, log, context } = await openScriptTag();
  // An order without an id, rendered in place; the app gives it its address after the wait, with
  // no other change to the document, and the shopper reloads.
  await page.evaluate(() => goWhenTold('/spa/thanks'));
  await until(page, () => window.shelfwise.engine.profile().events >= 1, 5000);
  assert.deepEqual((await learned(page)).purchased, ['scarf-1'], 'read at the deadline, at the old address');
  await page.evaluate(() => tell());
  await reloadCounts(page, 1, 'a reload of the address the app gave the order late counts nothing');
  // The next one: the app renders the order again (new elements) as it gives the late address.
  await page.evaluate(() => goWhenTold('/spa/thanks/2'));
  await until(page, () => window.shelfwise.engine.profile().events >= 2, 5000);
  await page.evaluate(() => { tell(); render(); });
  await frames(page);
  let p = await learned(page);
  assert.deepEqual(p.purchased, ['scarf-2', 'scarf-1']);
  assert.equal(p.events, 2, 'the same order rendered again at its late address counts once');
  await reloadCounts(page, 2, 'and a reload there counts nothing');
  await closeQuiet(log, context);
});
