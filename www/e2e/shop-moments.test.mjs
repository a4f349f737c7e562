// Shopping moments in the demo shop, driven through auto mode (the script tag): a cross-sell
// panel on add-to-cart from the shop's "viewed together" data, a cart reminder on a return
// visit, a hesitation offer after three product views in one department, keyboard dismissal,
// and the holdout arm keeping the server order with no panels at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { SHOP, ready, managedOrders, assertOnlyOwnFiles } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const T0 = new Date('2026-11-02T10:00:00Z');

async function shopper({ config = null, random = null } = {}) {
  const s = await env.page();
  await s.context.clock.install({ time: T0 });
  if (config) await s.context.addInitScript((c) => { window.shelfwiseConfig = c; }, config);
  if (random !== null) await s.context.addInitScript((r) => { Math.random = () => r; }, random);
  s.open = async (path) => {
    await s.page.goto(`${env.base}${SHOP}/${path}`);
    assert.equal(await ready(s.page), true, `Shelfwise started on ${path}`);
  };
  return s;
}

const panels = (page) => page.$$eval('[data-shelfwise-moment]', (ps) => ps.map((p) => ({
  kind: p.dataset.shelfwiseMoment, text: p.textContent.replace(/\s+/g, ' ').trim(),
})));

/** Product page paths of one department, in the catalog's (server) order. */
async function departmentProducts(s, department) {
  await s.open('index.html');
  const catalog = await s.page.evaluate(() => JSON.parse(document.getElementById('catalog').textContent));
  return Object.values(catalog).filter((p) => p.category.startsWith(`${department} >`)).map((p) => p.url);
}

function quiet(log) {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
}

test('add to cart shows the often-viewed-together panel; a return visit reminds of the cart', async () => {
  const s = await shopper();
  const [first] = await departmentProducts(s, 'Living');
  await s.open(first);
  const together = await s.page.evaluate(() => JSON.parse(document.querySelector('[data-sw-moments]').textContent).crossSell);
  const expected = Object.values(together)[0].map((c) => c.name);
  assert.ok(expected.length > 0, 'the sample has products viewed together with this one');
  await s.page.focus('[data-sw-add-to-cart]');
  await s.page.keyboard.press('Enter');
  const shown = await panels(s.page);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].kind, 'cross_sell');
  assert.deepEqual(await s.page.$$eval('[data-shelfwise-moment] li', (lis) => lis.map((l) => l.textContent)), expected);
  assert.equal(await s.page.evaluate(() => document.activeElement.hasAttribute('data-sw-add-to-cart')), true,
    'the panel did not take focus');
  await s.page.keyboard.press('Escape');
  assert.deepEqual(await panels(s.page), [], 'Escape dismisses');

  await s.open('index.html');
  assert.deepEqual(await panels(s.page), [], 'same visit: no reminder');
  await s.context.clock.setSystemTime(new Date(T0.getTime() + 3 * 3600e3));
  await s.open('index.html');
  const reminder = await panels(s.page);
  assert.equal(reminder.length, 1);
  assert.equal(reminder[0].kind, 'cart_reminder');
  assert.match(reminder[0].text, /^1 item\(s\) are still in your cart\./);
  assert.match(await s.page.getAttribute('html', 'data-shelfwise-segments'), /\breturning\b.*\bcart-abandoner\b/);
  await s.open('index.html');
  assert.deepEqual(await panels(s.page), [], 'one reminder per visit');
  quiet(s.log);
  assertOnlyOwnFiles(assert, s.log, env.base);
  await s.context.close();
});

test('three product views in one department bring its offer, dismissed from the keyboard', async () => {
  const s = await shopper();
  const garden = await departmentProducts(s, 'Garden');
  await s.open(garden[0]);
  await s.open(garden[1]);
  assert.deepEqual(await panels(s.page), []);
  await s.open(garden[2]);
  const shown = await panels(s.page);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].kind, 'hesitation_offer');
  assert.match(shown[0].text, /Still browsing garden\? Free delivery on Garden orders this week/);
  // Reach the panel's own "No thanks" button with Tab and press it.
  await s.page.focus('main');
  for (let i = 0; i < 10 && !(await s.page.evaluate(() => document.activeElement.hasAttribute('data-shelfwise-dismiss'))); i++) {
    await s.page.keyboard.press('Tab');
  }
  assert.equal(await s.page.evaluate(() => document.activeElement.textContent), 'No thanks');
  await s.page.keyboard.press('Enter');
  assert.deepEqual(await panels(s.page), []);
  quiet(s.log);
  await s.context.close();
});

test('the holdout arm keeps the server order and shows no panels; the treatment arm does not', async () => {
  const config = { namespace: 'shelfwise-shop', moments: { holdoutShare: 0.5 } };
  const results = {};
  for (const [arm, random] of [['holdout', 0.01], ['treatment', 0.9]]) {
    const s = await shopper({ config, random });
    const kitchen = await departmentProducts(s, 'Kitchen');
    await s.open('index.html');
    const server = await managedOrders(s.page);
    for (const url of kitchen.slice(0, 3)) await s.open(url);
    const offer = await panels(s.page);
    await s.open('index.html');
    assert.equal(await s.page.getAttribute('html', 'data-shelfwise-arm'), arm);
    assert.equal(await s.page.evaluate(() => window.shelfwise.engine.arm), arm);
    results[arm] = { server, now: await managedOrders(s.page), offer };
    quiet(s.log);
    await s.context.close();
  }
  assert.deepEqual(results.holdout.now, results.holdout.server, 'holdout: server order');
  assert.deepEqual(results.holdout.offer, [], 'holdout: no trigger');
  assert.notDeepEqual(results.treatment.now, results.treatment.server, 'treatment: personalized');
  assert.equal(results.treatment.offer.length, 1);
});
