// The single-page app of spa-app.mjs, rendering a route before it changes the address (in a
// microtask, a frame, after a request, or only when told): the route's search and order are read
// at the address it ends up with, at the 2 s deadline, or when the page is left, each once;
// markup the next route replaced within the wait is read too, and an order shown again is not
// counted again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ready } from './shop-helpers.mjs';
import { base, closeQuiet, frames, learned, openScriptTag, readAtFinalAddress, reloadCounts, until, useBrowser } from './spa-app.mjs';

useBrowser();

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
  await page.goto(`${base()}/spa/search?q=boots`);
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
  await page.goto(`${base()}/spa/home`);
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

test('script tag: a route waiting for its address keeps each of its elements once, however often the document changes', async () => {
  const { page, log, context } = await openScriptTag();
  // Counts auto mode's checks of the route markup it kept (`matches` with the route's selector).
  await page.evaluate(() => {
    const matches = Element.prototype.matches;
    window.checked = 0;
    Element.prototype.matches = function (s) { if (s === '[data-sw-list="search"], [data-sw-purchase]') window.checked++; return matches.call(this, s); };
  });
  // An order rendered in place; a busy page adds route markup (JSON-LD) five times before the
  // app gives the order its address.
  await page.evaluate(() => goWhenTold('/spa/thanks'));
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<script type="application/ld+json">{ "@context": "https://schema.org", "@type": "BreadcrumbList" }</script>'));
  }
  await page.evaluate(() => tell());
  await until(page, () => window.shelfwise.engine.profile().events >= 1, 5000);
  await frames(page);
  const p = await learned(page);
  assert.deepEqual(p.purchased, ['scarf-1']);
  assert.equal(p.events, 1);
  assert.equal(await page.evaluate(() => window.checked), 1, 'the order element the wait saw six times is kept, and checked, once');
  await closeQuiet(log, context);
});

test('script tag: an order given its address late as the app replaces its markup is not counted again by a reload there', async () => {
  const { page, log, context } = await openScriptTag();
  // An order without an id, rendered in place and read at the deadline (at the old address);
  // then, in one task, the app gives it its address and replaces its markup (no order shown).
  await page.evaluate(() => goWhenTold('/spa/thanks'));
  await until(page, () => window.shelfwise.engine.profile().events >= 1, 5000);
  await page.evaluate(() => { tell(); document.querySelector('main').innerHTML = '<p>Thank you</p>'; });
  await frames(page);
  assert.equal((await learned(page)).events, 1);
  await reloadCounts(page, 1, 'a reload of the address the app gave the order as it replaced its markup counts nothing');
  // The next order, given its address as the app renders the next route (a product) in one go.
  await page.evaluate(() => goWhenTold('/spa/thanks/2'));
  await until(page, () => window.shelfwise.engine.profile().events >= 2, 5000);
  await page.evaluate(() => { tell(); render('/spa/p/hat-1'); });
  await until(page, () => window.shelfwise.engine.profile().events >= 3, 5000);
  const p = await learned(page);
  assert.deepEqual(p.purchased.slice().sort(), ['scarf-1', 'scarf-2']);
  assert.deepEqual(p.viewed, ['hat-1']);
  assert.equal(p.events, 3, 'each order once, and the product\'s view');
  await page.goto(`${base()}/spa/thanks/2`);
  assert.equal(await ready(page), true);
  assert.equal((await learned(page)).events, 3, 'a reload of the second order\'s address counts nothing');
  await closeQuiet(log, context);
});

/** Counts from now on auto mode's reads of the page's order element as an order (each read
 * writes the key of the order it shows into its `shelfwiseRead` property) in `window.reads`. */
const countReads = (page) => page.evaluate(() => {
  const order = document.querySelector('[data-sw-purchase]');
  let key = order.shelfwiseRead;
  window.reads = 0;
  Object.defineProperty(order, 'shelfwiseRead', { get: () => key, set: (v) => { window.reads++; key = v; }, configurable: true });
});

test('script tag: an order element a route kept or read at the deadline, still shown when its address comes, is read once', async () => {
  const { page, log, context } = await openScriptTag();
  // Rendered in place, kept by the wait (a batch adds route markup with no new address), and
  // still shown when the app gives it its address.
  await page.evaluate(() => goWhenTold('/spa/thanks'));
  await countReads(page);
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<script type="application/ld+json">{ "@context": "https://schema.org", "@type": "BreadcrumbList" }</script>'));
  await page.evaluate(() => tell());
  await until(page, () => window.shelfwise.engine.profile().events >= 1, 5000);
  await frames(page);
  assert.deepEqual((await learned(page)).purchased, ['scarf-1']);
  assert.equal(await page.evaluate(() => window.reads), 1, 'the order element the wait kept and the page still shows is read once');
  // Read at the deadline with no new address; then the app gives it its address (and changes
  // the document) with the order still shown.
  await page.evaluate(() => goWhenTold('/spa/thanks/2'));
  await until(page, () => window.shelfwise.engine.profile().events >= 2, 5000);
  await countReads(page);
  await page.evaluate(() => { tell(); document.body.append(document.createElement('progress')); });
  await frames(page);
  assert.equal(await page.evaluate(() => window.reads), 1, 'the order element read at the deadline and still shown at its address is read once more, not twice');
  assert.deepEqual((await learned(page)).purchased, ['scarf-2', 'scarf-1']);
  await reloadCounts(page, 2, 'its key is kept at its address: a reload there counts nothing');
  await closeQuiet(log, context);
});
