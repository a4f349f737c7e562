// The ES module's auto-mode API refuses invalid input the way every Engine method does: a JS
// `Error` whose message names the bad field, nothing changed (README "API": all methods
// throw a JS Error whose message names the bad field).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead, moduleApp } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** A page with one `related` slot, whose module app starts auto mode as `window.app`. */
const slotPage = pageHead('api input') + `<body>
<script type="application/json" data-sw-catalog>{ "1": { "name": "One" }, "sku-2": { "name": "Two" } }</script>
<section data-sw-slot="related" hidden><ul data-sw-slot-items></ul><template><li data-sw-field="name"></li></template></section>
${moduleApp({ storage: 'memory' }, 'window.app = { engine, startAuto, auto: startAuto(engine, { impressions: false }) };')}
</body></html>`;

/** Opens the slot page as `/<name>.html` once its app runs. */
async function open(name) {
  const opened = await openHtml(env, name, slotPage);
  await opened.page.waitForFunction(() => window.app);
  return opened;
}

/** Runs each call in the page: its error message, or 'ok'. */
const outcomes = (page, calls) => page.evaluate((calls) => calls.map((c) => {
  try { new Function('app', c)(window.app); return 'ok'; } catch (e) { return `${e.constructor.name}: ${e.message}`; }
}), calls);

test('startAuto refuses an impressions option that is not true or false, naming it', async () => {
  const { page, log, context } = await open('impressions');
  // 'false' and 0 turned impressions ON, in silence: the opposite of what the shop asked.
  for (const value of ["'false'", '0']) {
    assert.equal((await outcomes(page, [`app.startAuto(app.engine, { impressions: ${value} })`]))[0],
      'Error: shelfwise: options.impressions: must be true or false', value);
  }
  assert.deepEqual(await outcomes(page, ['app.startAuto(app.engine, { impressions: false })']), ['ok']);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('auto.fillSlot takes ids as every method does (strings or whole numbers) and names a bad argument', async () => {
  const { page, log, context } = await open('fill');
  const r = await outcomes(page, [
    "app.auto.fillSlot('related', [1, 'sku-2'])",
    "app.auto.fillSlot('related', 'sku-2')",
    "app.auto.fillSlot('related', [{}])",
    "app.auto.fillSlot(5, ['sku-2'])",
    'app.auto.fillSlot()',
  ]);
  assert.deepEqual(r, [
    'ok',
    'Error: shelfwise: ids: must be an array',
    'Error: shelfwise: ids[0]: must be a string or a whole number',
    'Error: shelfwise: kind: must be a string',
    'Error: shelfwise: kind: must be a string',
  ]);
  // The first call showed both items; the refused ones changed nothing.
  assert.deepEqual(await page.$$eval('[data-sw-slot-items] li', (l) => l.map((e) => e.textContent)), ['One', 'Two']);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("arguments of the wrong kind are refused with Shelfwise's message naming the argument, not wasm-bindgen's", async () => {
  const { page, log, context } = await open('arguments');
  const r = await outcomes(page, [
    'app.startAuto(null)',
    'app.startAuto()',
    'app.startAuto({})',
    "app.startAuto(app.engine, 'x')",
    'app.startAuto(app.engine, 5)',
    "(() => { const e = new app.engine.constructor({ storage: 'memory' }); e.free(); app.startAuto(e); })()",
    'app.engine.setConsent(null)',
    'app.engine.setConsent(5)',
    'app.engine.recommend(null)',
    'app.engine.recommend(5)',
    'app.engine.removeInterest(null)',
    'app.engine.removeInterest(5)',
  ]);
  const notAnEngine = 'Error: shelfwise: engine: must be an Engine (new Engine(config)) that was not freed';
  const slots = 'must be one of recentlyViewed, related, boughtTogether, pickedForYou, topSellers, becauseYouViewed';
  assert.deepEqual(r, [
    notAnEngine,
    notAnEngine,
    notAnEngine,
    'Error: shelfwise: options: must be an object',
    'Error: shelfwise: options: must be an object',
    notAnEngine,
    'Error: shelfwise: consent: must be "granted", "pending" or "denied"',
    'Error: shelfwise: consent: must be "granted", "pending" or "denied"',
    `Error: shelfwise: slot: ${slots}`,
    `Error: shelfwise: slot: ${slots}`,
    'Error: shelfwise: key: must be a string',
    'Error: shelfwise: key: must be a string',
  ]);
  // The engine still works, and auto mode started on it still does.
  assert.deepEqual(await outcomes(page, ["app.engine.rank([{ id: 'a' }])", 'app.startAuto(app.engine, {}).refresh()']), ['ok', 'ok']);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('track() given a whole GA4 dataLayer push is refused naming ecommerce and what to pass; its fields spread in are learned', async () => {
  // `{ event, ecommerce: { items } }` (README: `event` as in GA4's dataLayer) failed with
  // "item: is required", which says nothing of where the items are.
  const { page, log, context } = await open('ga4-push');
  const nested = 'Error: shelfwise: ecommerce: pass its fields directly, as in track({ event, ...ecommerce }); auto mode reads dataLayer pushes itself';
  const view = "{ event: 'view_item', ecommerce: { currency: 'EUR', items: [{ item_id: 'sku-2', item_category: 'Hats', price: 20 }] } }";
  const buy = "{ event: 'purchase', ecommerce: { transaction_id: 'T-1', items: [{ item_id: 'sku-3', item_category: 'Bags' }] } }";
  assert.deepEqual(await outcomes(page, [`app.engine.track(${view})`, `app.engine.track(${buy})`]), [nested, nested]);
  assert.deepEqual(await page.evaluate(() => window.app.engine.profile().recentlyViewed), [], 'nothing learned');
  assert.deepEqual(await outcomes(page, [
    `const push = ${view}; app.engine.track({ event: push.event, ...push.ecommerce })`,
    `const push = ${buy}; app.engine.track({ event: push.event, ...push.ecommerce })`,
  ]), ['ok', 'ok']);
  const p = await page.evaluate(() => window.app.engine.profile());
  assert.deepEqual([p.recentlyViewed, p.purchased], [['sku-2'], ['sku-3']]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('track with both item and items learns the one its type reads and warns once per ignored field, naming it', async () => {
  // README "Events": one-item events take `item`, the others `items`. With both, the other was
  // ignored in silence (the TypeScript types refuse both; plain JS does not).
  const { page, log, context } = await open('item-and-items');
  const profile = await page.evaluate(() => {
    const e = window.app.engine;
    for (let i = 0; i < 2; i++) e.track({ type: 'view_item', item: { id: 'a' }, items: [{ id: 'b' }] });
    e.track({ type: 'add_to_cart', item: { id: 'c' }, items: [{ id: 'd' }] });
    e.track({ type: 'view_item', item: { id: 'e' } });
    e.track({ type: 'add_to_cart', items: [{ id: 'f' }] });
    return e.profile();
  });
  assert.deepEqual(profile.recentlyViewed, ['e', 'a'], 'view_item learns item');
  assert.deepEqual(profile.cart, ['f', 'd'], 'add_to_cart learns items');
  assert.deepEqual(log.console.filter((m) => m.type === 'warning').map((m) => m.text), [
    '[shelfwise] track: both item and items given; view_item learns item, items is ignored',
    '[shelfwise] track: both item and items given; add_to_cart learns items, item is ignored',
  ]);
  assert.deepEqual(log.errors, []);
  await context.close();
});
