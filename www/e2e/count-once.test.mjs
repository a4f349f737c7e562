// One shopper action counts once in script-tag mode: an order-confirmation page reloaded, an
// add-to-cart button inside an add-to-cart form, and a click, add or purchase reported both by
// the markup and by the shop's GA4 dataLayer push. Two real actions still count twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { ready, profile } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const page = (ns, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>once</title>
<script>window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); }</script>
<script src="/pkg/shelfwise.loader.js" data-namespace="${ns}" data-impressions="false"></script></head><body>${body}</body></html>`;
const line = (id) => `<li data-sw-id="${id}" data-sw-category="Hats" data-sw-quantity="1">${id}</li>`;
const ga4Purchase = (id) => `<script>dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: ${JSON.stringify(id)},
  items: [{ item_id: 'hat-1', item_category: 'Hats', quantity: 1 }, { item_id: 'hat-2', item_category: 'Hats', quantity: 1 }] } });</script>`;

/** A fresh context serving `pages` (path -> html; the query is ignored), and its first page. */
async function shop(pages) {
  const { page: tab, log, context } = await env.page();
  for (const [path, html] of Object.entries(pages)) {
    await context.route(`${env.base}/${path}*`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  }
  return { tab, log, context };
}

async function visit(tab, url) {
  await tab.goto(`${env.base}/${url}`);
  assert.equal(await ready(tab), true);
  return profile(tab);
}

async function reload(tab) {
  await tab.reload();
  assert.equal(await ready(tab), true);
  return profile(tab);
}

test('reloading an order-confirmation page counts its purchase once (markup with and without an order id, GA4 with both)', async () => {
  const { tab, log, context } = await shop({
    'plain.html': page('orders', `<ul data-sw-purchase>${line('hat-1')}${line('hat-2')}</ul>`),
    'marked.html': page('orders', `<ul data-sw-purchase="A-100">${line('hat-1')}${line('hat-2')}</ul>${ga4Purchase('A-100')}`),
    'ga4.html': page('orders', `<p>Thank you</p>${ga4Purchase('G-7')}`),
    'both.html': page('orders', `<ul data-sw-purchase>${line('hat-1')}${line('hat-2')}</ul>${ga4Purchase('B-8')}`),
  });
  let p = await visit(tab, 'plain.html?order=1');
  assert.equal(p.events, 1, 'the order is learned');
  assert.deepEqual(p.purchased, ['hat-2', 'hat-1']);
  p = await reload(tab);
  assert.equal(p.events, 1, 'a reload of the same order page counts nothing');
  p = await visit(tab, 'plain.html?order=2');
  assert.equal(p.events, 2, 'another order (another address) counts');
  for (const [url, events] of [['marked.html', 3], ['ga4.html', 4], ['both.html', 5]]) {
    p = await visit(tab, url);
    assert.equal(p.events, events, `${url}: one purchase`);
    p = await reload(tab);
    assert.equal(p.events, events, `${url}: a reload counts nothing`);
  }
  assert.equal(await tab.evaluate(() => JSON.stringify(localStorage)).then((s) => s.includes('A-100')), false,
    'order ids are not stored as they are');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('a GA4 purchase push without transaction_id counts once across reloads and tabs, and once with the markup of its order', async () => {
  // The confirmation page pushes its dataLayer again on every load: each reload counted the
  // order again ("a reload of the page counts nothing": 2 !== 1).
  const push = (ids) => `<script>dataLayer.push({ event: 'purchase', ecommerce: { items: ${
    JSON.stringify(ids.map((item_id) => ({ item_id, item_category: 'Hats', quantity: 1 })))} } });</script>`;
  const { tab, log, context } = await shop({
    'thanks.html': page('noid', `<p>Thank you</p>${push(['hat-1', 'hat-2'])}`),
    'mixed.html': page('noid', `<ul data-sw-purchase>${line('hat-2')}${line('hat-1')}</ul>${push(['hat-1', 'hat-2'])}`),
  });
  let p = await visit(tab, 'thanks.html?order=1');
  assert.equal(p.events, 1, 'the pushed order is learned');
  p = await reload(tab);
  assert.equal(p.events, 1, 'a reload of the page counts nothing');
  const other = await context.newPage();
  p = await visit(other, 'thanks.html?order=1');
  assert.equal(p.events, 1, 'the same page in another tab counts nothing');
  await other.close();
  p = await visit(tab, 'thanks.html?order=2');
  assert.equal(p.events, 2, 'another order (another address) counts');
  p = await visit(tab, 'mixed.html');
  assert.equal(p.events, 3, 'the markup and the push of one order (items in another order) count once');
  p = await reload(tab);
  assert.equal(p.events, 3, 'and a reload counts nothing');
  // The JS API keeps its rule: without transactionId every purchase call counts.
  p = await tab.evaluate(() => {
    window.shelfwise.auto.stop();
    const e = window.shelfwise.engine;
    for (let i = 0; i < 2; i++) e.track({ type: 'purchase', items: [{ id: 'hat-1', category: ['Hats'] }] });
    return e.profile();
  });
  assert.equal(p.events, 5, 'two track calls without transactionId count twice');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

/** A big order's [id, category] lines: 200 hats, then socks up to `n` (more than 250: all hats). */
const ids = (n, from, category) => Array.from({ length: n }, (_, i) => [`${category.toLowerCase()}-${from + i}`, category]);
const bigOrder = (n) => n > 250 ? ids(n, 0, 'Hats') : [...ids(200, 0, 'Hats'), ...ids(n - 200, 200, 'Socks')];
const bigLines = (o) => o.map(([id, c]) => `<li data-sw-id="${id}" data-sw-category="${c}" data-sw-quantity="1">x</li>`).join('');
/** What a profile learned of a big order, and what it holds once the 250-item order is learned. */
const learned = (p) => ({ events: p.events, last: p.purchased[0], kept: p.purchased.length,
  interests: p.interests.map((i) => i.key).filter((k) => k.startsWith('c:')).sort() });
const whole = { events: 2, last: 'socks-249', kept: 50, interests: ['c:hats', 'c:socks'] };

test('an order page of 250 items (more than an event holds) is learned whole, in parts, and counted once across a reload', async () => {
  // It was refused whole with one warning ("items: at most 200"): none of the purchase learned.
  const order = bigLines(bigOrder(250));
  const { tab, log, context } = await shop({
    'big.html': page('big', `<ul data-sw-purchase>${order}</ul>`),
    'big-id.html': page('big', `<ul data-sw-purchase="C-250">${order}</ul>`),
  });
  let p = await visit(tab, 'big.html?order=1');
  assert.deepEqual(learned(p), whole, 'all 250 items learned: 200, then 50 with the order');
  p = await reload(tab);
  assert.deepEqual(learned(p), whole, 'a reload of the order page counts nothing');
  p = await visit(tab, 'big-id.html');
  assert.equal(p.events, 4, 'another order (with its id) is learned');
  p = await reload(tab);
  assert.equal(p.events, 4, 'and counted once across a reload');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('a GA4 purchase push of 250 items is learned whole, in parts, and counts once with the markup of the same order', async () => {
  // It was refused whole with one warning ("items: has 250 entries; the limit is 200"): none of
  // the push learned.
  const push = (o, id) => `<script>dataLayer.push({ event: 'purchase', ecommerce: { ${id ? `transaction_id: '${id}', ` : ''}items: ${
    JSON.stringify(o.map(([item_id, item_category]) => ({ item_id, item_category, quantity: '1' })))} } });</script>`;
  const big = bigOrder(250);
  const { tab, log, context } = await shop({
    'ga4-big.html': page('ga4big', `<p>Thank you</p>${push(big, 'G-250')}`),
    'both-big.html': page('ga4big', `<ul data-sw-purchase>${bigLines(big)}</ul>${push(big)}`),
    'ga4-huge.html': page('ga4big', `<p>Thank you</p>${push(bigOrder(1001), 'G-1001')}`),
    'markup-huge.html': page('ga4big', `<ul data-sw-purchase="M-1001">${bigLines(bigOrder(1001))}</ul>`),
    'ga4-cart.html': page('ga4big', `<script>dataLayer.push({ event: 'add_to_cart', ecommerce: { items: ${
      JSON.stringify(big.map(([item_id, item_category]) => ({ item_id, item_category, quantity: '1' })))} } });</script>`),
  });
  let p = await visit(tab, 'ga4-big.html');
  assert.deepEqual(learned(p), whole, 'all 250 items of the push learned: 200, then 50 with the order');
  p = await reload(tab);
  assert.deepEqual(learned(p), whole, 'a reload of the page counts nothing');
  p = await visit(tab, 'both-big.html?order=1');
  assert.equal(p.events, 4, 'the markup and the push of one order (no order id) count once');
  p = await reload(tab);
  assert.equal(p.events, 4, 'and a reload counts nothing');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  // More than 1,000 items: refused whole, with the same single warning naming `items`.
  const warnings = [];
  for (const url of ['ga4-huge.html', 'markup-huge.html']) {
    p = await visit(tab, url);
    assert.equal(p.events, 4, `${url}: nothing learned`);
    warnings.push(log.console.splice(0).map((m) => m.text.replace(/^.*was ignored: /, '')));
  }
  assert.deepEqual(warnings[0], ['items: has 1001 entries; the limit is 1000'], 'one GA4 warning naming items');
  assert.deepEqual(warnings[1], warnings[0], 'the markup warns the same');
  // Other events keep the 200-item limit: a 250-item add_to_cart push is refused whole.
  p = await visit(tab, 'ga4-cart.html');
  assert.equal(p.events, 4, 'nothing learned from the 250-item add_to_cart push');
  assert.deepEqual(log.console.splice(0).map((m) => m.text.replace(/^.*was ignored: /, '')),
    ['items: has 250 entries; the limit is 200'], 'one GA4 warning naming items and the 200 limit');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an add-to-cart button inside an add-to-cart form counts one add per click', async () => {
  const form = `<form data-sw-add-to-cart="hat-1" data-sw-category="Hats"><input name="qty" value="1">
    <button data-sw-add-to-cart="hat-1" data-sw-category="Hats">Add to cart</button></form>
    <script>document.querySelector('form').addEventListener('submit', (e) => e.preventDefault());</script>`;
  const { tab, log, context } = await shop({ 'form.html': page('form', form) });
  let p = await visit(tab, 'form.html');
  const before = p.events;
  await tab.click('button');
  p = await profile(tab);
  assert.deepEqual(p.cart, ['hat-1']);
  assert.equal(p.events, before + 1, 'one add');
  await tab.waitForTimeout(500);
  await tab.press('input[name=qty]', 'Enter'); // submits through the button: a second real add
  assert.equal((await profile(tab)).events, before + 2);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('a GA4 select_item or add_to_cart push and the matching markup count once; two real adds count two', async () => {
  const body = `<ul data-sw-list="grid">${['hat-1', 'hat-2'].map((id) => `<li data-sw-id="${id}" data-sw-category="Hats"><a href="#${id}">${id}</a></li>`).join('')}</ul>
    <button id="add" data-sw-add-to-cart="hat-3" data-sw-category="Hats">Add</button>
    <script>
      // The shop's own GA4 tagging, as a tag manager would add it.
      for (const a of document.querySelectorAll('[data-sw-list] a')) a.addEventListener('click', () =>
        gtag('event', 'select_item', { items: [{ item_id: a.parentElement.dataset.swId, item_category: 'Hats' }] }));
      document.getElementById('add').addEventListener('click', () => setTimeout(() => {
        dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'hat-3', item_category: 'Hats', quantity: 1 }] } });
        window.__pushes = (window.__pushes || 0) + 1; // the push is learned (or joined) within the call
      }, 200));
    </script>`;
  const { tab, log, context } = await shop({ 'grid.html': page('ga4', body) });
  let p = await visit(tab, 'grid.html');
  const before = p.events;
  await tab.click('[data-sw-id="hat-1"] a');
  p = await profile(tab);
  assert.equal(p.events, before + 1, 'one select_item from the click and the GA4 push');
  await tab.click('#add');
  await tab.waitForFunction(() => window.__pushes === 1); // the GA4 push comes after the cart request, 200 ms later
  assert.equal((await profile(tab)).events, before + 2, 'one add from the button and the GA4 push');
  await tab.click('#add');
  await tab.waitForFunction(() => window.__pushes === 2);
  p = await profile(tab);
  assert.equal(p.events, before + 3, 'the same item added again, seconds later, is a second add');
  assert.deepEqual(p.cart, ['hat-3']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('two real adds of the same item seconds apart count two, from the markup alone or from GA4 alone', async () => {
  const body = `<button id="markup" data-sw-add-to-cart="hat-4" data-sw-category="Hats">Add</button>
    <button id="ga4" onclick="dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'hat-5' }] } })">Add</button>`;
  const { tab, log, context } = await shop({ 'two.html': page('two', body) });
  let p = await visit(tab, 'two.html');
  const before = p.events;
  for (const id of ['#markup', '#ga4']) {
    await tab.click(id);
    await tab.waitForTimeout(1000);
    await tab.click(id);
  }
  p = await profile(tab);
  assert.equal(p.events, before + 4);
  assert.deepEqual(p.cart, ['hat-5', 'hat-4']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});
