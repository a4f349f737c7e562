// `auto.stop()` ends everything auto mode scheduled: an impression whose second of visibility
// is still running when stop() is called is not learned, and neither is anything the page
// does afterwards (impressions, clicks, add-to-cart buttons and forms, searches, dataLayer
// pushes, list changes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead } from './harness.mjs';
import { events, grid } from './hat-grid.mjs';
import { ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const head = (tags) => pageHead('stop', tags);
const loader = '<script src="/pkg/shelfwise.loader.js" data-namespace="stop" data-storage="memory"></script>';

const open = (name, html) => openHtml(env, name, html);

test('an impression still in its second of visibility when auto.stop() is called is not learned', async () => {
  // The grid starts below the fold: nothing is seen until the shopper scrolls to it.
  const { page, log, context } = await open('inflight', `${head(loader)}<body><div style="height:3000px">top</div>${grid('below')}</body></html>`);
  assert.equal(await ready(page), true);
  await page.waitForTimeout(1200);
  assert.equal(await events(page), 0, 'nothing seen yet');
  await page.evaluate(() => document.getElementById('below').scrollIntoView());
  // The observer has reported the items visible; their second is running.
  await page.waitForTimeout(300);
  await page.evaluate(() => window.shelfwise.auto.stop());
  await page.waitForTimeout(1500);
  assert.equal(await events(page), 0, 'the impression in flight was cancelled');
  // Scrolled away and back: still nothing.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(100);
  await page.evaluate(() => document.getElementById('below').scrollIntoView());
  await page.waitForTimeout(1500);
  assert.equal(await events(page), 0);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('after auto.stop() no click, add to cart, form, search or dataLayer push is learned', async () => {
  const body = `${grid('g')}
    <button id="add" data-sw-add-to-cart="hat-1" data-sw-category="Hats">Add</button>
    <form id="cart" data-sw-add-to-cart="hat-2" data-sw-category="Hats"><input name="qty" value="1"></form>
    <form id="search" data-sw-search><input name="q" value="sun hat"></form>
    <script>for (const f of document.forms) f.addEventListener('submit', (e) => e.preventDefault());</script>`;
  const { page, log, context } = await open('after', `${head('<script>window.dataLayer = [];</script>' + loader)}<body>${body}</body></html>`);
  assert.equal(await ready(page), true);
  await page.waitForFunction(() => window.shelfwise.engine.profile().events > 0, null, { polling: 100, timeout: 5000 });
  await page.waitForTimeout(300); // a second impression event would be in by now
  const before = await events(page);
  assert.equal(before, 1, 'one impression event for the grid');
  await page.evaluate(() => window.shelfwise.auto.stop());
  await page.click('#g [data-sw-id="g-2"] a');
  await page.click('#add');
  await page.press('#cart input', 'Enter');
  await page.press('#search input', 'Enter');
  await page.evaluate(() => {
    window.dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'hat-3', item_category: 'Hats' }] } });
    window.dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'hat-4', item_category: 'Hats' }] } });
  });
  await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), grid('late'));
  await page.waitForTimeout(1500);
  assert.equal(await events(page), before, 'nothing learned after stop()');
  assert.deepEqual(await page.$$eval('#late > li', (l) => l.map((e) => e.dataset.swId)), ['late-1', 'late-2', 'late-3']);
  // The JS API still learns: stop() ends auto mode, not the engine.
  await page.evaluate(() => window.shelfwise.engine.track({ type: 'view_item', item: { id: 'hat-5', category: ['Hats'] } }));
  assert.equal(await events(page), before + 1);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('after auto.stop(), refresh() and fillSlot() do nothing and the first call warns once', async () => {
  const slot = `<section data-sw-slot="top-sellers" data-sw-limit="2" hidden><ul data-sw-slot-items></ul>
    <template><li><span data-sw-field="name"></span></li></template></section>`;
  const data = `<script type="application/json" data-sw-popularity>{ "overall": [["s-1", 90], ["s-2", 80]] }</script>
    <script type="application/json" data-sw-catalog>{ "s-1": { "name": "One" }, "s-2": { "name": "Two" }, "s-3": { "name": "Three" } }</script>`;
  const { page, log, context } = await open('inert', `${head(loader)}<body>${grid('g')}${slot}${data}</body></html>`);
  assert.equal(await ready(page), true);
  const filled = () => page.$$eval('[data-sw-filled]', (l) => l.map((e) => e.dataset.swId));
  assert.deepEqual(await filled(), ['s-1', 's-2'], 'startAuto filled the slot');
  const order = () => page.$$eval('#g > li', (l) => l.map((e) => e.dataset.swId));
  const listed = await order();
  await page.evaluate(() => {
    window.shelfwise.auto.stop();
    // The shop takes the slot over: a stopped auto mode must not fill it again.
    for (const e of document.querySelectorAll('[data-sw-filled]')) e.remove();
    window.shelfwise.engine.track({ type: 'view_item', item: { id: 'g-3', category: ['Hats'] } });
    window.shelfwise.auto.refresh();
    window.shelfwise.auto.fillSlot('top-sellers', ['s-3']);
    window.shelfwise.auto.refresh();
  });
  assert.deepEqual(await filled(), [], 'no slot filled after stop()');
  assert.deepEqual(await order(), listed, 'no list reordered after stop()');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.map((m) => [m.type, m.text]), [
    ['warning', '[shelfwise] auto mode is stopped: refresh() and fillSlot() do nothing.'],
  ]);
  await context.close();
});
