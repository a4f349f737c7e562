// `engine.track` called by the shop's own code is one more source of the same action: a shop
// whose button handler calls `track({ type: 'add_to_cart', … })` while the button is marked up
// (or while its tag manager pushes GA4 `add_to_cart`) counts one add per click, and two real
// adds still count two. Without auto mode, every `track` call counts, as always.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, moduleApp, openHtml, pageHead } from './harness.mjs';
import { ready, profile } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const head = (tags) => pageHead('api', `<script>window.dataLayer = window.dataLayer || [];</script>${tags}`);
const loader = '<script src="/pkg/shelfwise.loader.js" data-namespace="api" data-storage="memory" data-impressions="false"></script>';

const open = (name, html) => openHtml(env, name, html);

// The shop's own handlers, written against the documented API (`shelfwise.push`).
const shopScript = `<script>
  const add = (id) => shelfwise.engine.track({ type: 'add_to_cart', items: [{ id, category: ['Hats'], quantity: 1 }] });
  window.shelfwise = window.shelfwise || [];
  shelfwise.push(() => {
    // A marked button whose handler also reports the add.
    document.getElementById('marked').addEventListener('click', () => add('hat-1'));
    // An unmarked button: the handler reports the add, and so does the tag manager, later.
    document.getElementById('tagged').addEventListener('click', () => {
      add('hat-2');
      setTimeout(() => {
        dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'hat-2', item_category: 'Hats', quantity: 1 }] } });
        window.__pushed = true; // the push is learned (or joined) within the call
      }, 300);
    });
    // A click on a product card, reported by the handler too.
    for (const a of document.querySelectorAll('[data-sw-list] a')) a.addEventListener('click', () =>
      shelfwise.engine.track({ type: 'select_item', item: { id: a.parentElement.dataset.swId, category: ['Hats'] } }));
  });
</script>`;
const body = `<ul data-sw-list="grid"><li data-sw-id="hat-3" data-sw-category="Hats"><a href="#hat-3">hat-3</a></li></ul>
  <button id="marked" data-sw-add-to-cart="hat-1" data-sw-category="Hats">Add</button>
  <button id="tagged">Add</button>`;

test('script tag: a marked button whose handler also calls engine.track counts one add per click', async () => {
  const { page, log, context } = await open('marked', `${head(loader)}<body>${body}${shopScript}</body></html>`);
  assert.equal(await ready(page), true);
  const before = (await profile(page)).events;
  await page.click('#marked');
  assert.equal((await profile(page)).events, before + 1, 'the markup and the handler report one add');
  await page.waitForTimeout(1000);
  await page.click('#marked');
  assert.equal((await profile(page)).events, before + 2, 'a second add of the same item, a second later, counts');
  await page.click('[data-sw-id="hat-3"] a');
  assert.equal((await profile(page)).events, before + 3, 'a card click reported by the markup and the handler counts once');
  await page.click('#tagged');
  await page.waitForFunction(() => window.__pushed); // the tag manager's push, 300 ms later
  const p = await profile(page);
  assert.equal(p.events, before + 4, 'the handler and the GA4 push report one add');
  assert.deepEqual(p.cart, ['hat-2', 'hat-1']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('script tag: two engine.track calls for two real adds count two; an invalid call still throws', async () => {
  const { page, log, context } = await open('twice', `${head(loader)}<body>${body}${shopScript}</body></html>`);
  assert.equal(await ready(page), true);
  const before = (await profile(page)).events;
  await page.evaluate(() => {
    for (let i = 0; i < 2; i++) window.shelfwise.engine.track({ type: 'add_to_cart', items: [{ id: 'hat-9', category: ['Hats'] }] });
  });
  assert.equal((await profile(page)).events, before + 2);
  // The markup reports an add; a call naming a bad field is refused all the same.
  await page.click('#marked');
  const message = await page.evaluate(() => {
    try {
      window.shelfwise.engine.track({ type: 'add_to_cart', items: [{ id: 'hat-1', price: -1 }] });
      return 'no error';
    } catch (e) { return e.message; }
  });
  assert.match(message, /price/);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('ES module without startAuto: every engine.track call counts, as before', async () => {
  const app = moduleApp({ namespace: 'api-esm', storage: 'memory' }, `
    for (let i = 0; i < 3; i++) engine.track({ type: 'add_to_cart', items: [{ id: 'hat-1', category: ['Hats'] }] });
    engine.track({ type: 'select_item', item: { id: 'hat-1' } });
    engine.track({ type: 'select_item', item: { id: 'hat-1' } });
    window.events = engine.profile().events;`);
  const { page, log, context } = await open('esm', `${head(app)}<body></body></html>`);
  await page.waitForFunction(() => window.events !== undefined);
  assert.equal(await page.evaluate(() => window.events), 5);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('ES module: a purchase tracked before startAuto and the order page\'s markup count once', async () => {
  // The shop's code reports the purchase (no order id) and the add before it, then starts
  // auto mode, which reads the order page's markup and the earlier GA4 push.
  const app = moduleApp({ namespace: 'api-before', storage: 'memory' }, `
    engine.track({ type: 'add_to_cart', items: [{ id: 'hat-7', category: ['Hats'] }] });
    engine.track({ type: 'purchase', items: [{ id: 'hat-1', category: ['Hats'] }, { id: 'hat-2', category: ['Hats'] }] });
    const auto = startAuto(engine, { impressions: false });
    window.profile = engine.profile();
    window.stopAndTrack = () => {
      auto.stop();
      engine.track({ type: 'purchase', items: [{ id: 'hat-1' }, { id: 'hat-2' }] });
      return engine.profile().events;
    };`);
  const body = `<div data-sw-purchase><span data-sw-id="hat-2" data-sw-category="Hats"></span><span data-sw-id="hat-1" data-sw-category="Hats"></span></div>
  <script>dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'hat-7', item_category: 'Hats' }] } });</script>`;
  const { page, log, context } = await open('before-start', `${head('')}<body>${body}${app}</body></html>`);
  await page.waitForFunction(() => window.profile !== undefined);
  const p = await page.evaluate(() => window.profile);
  assert.equal(p.events, 2, 'one add and one purchase');
  assert.deepEqual([...p.purchased].sort(), ['hat-1', 'hat-2']);
  // Two real purchases still count two (a second call is a second action).
  assert.equal(await page.evaluate(() => window.stopAndTrack()), 3);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});
