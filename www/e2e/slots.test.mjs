// Recommendation slots are filled from the shop's <template> with text and attributes only:
// data is never parsed as HTML, and only http(s) or relative URLs are written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('fillSlot clones the template, sets text and safe URLs only, and respects the limit', async () => {
  const { page, log, context } = await env.page();
  await context.route(/\/(img|p)\//, (r) => r.fulfill({ status: 204 }));
  await page.goto(`${env.base}/e2e/fixtures/slots.html`);
  assert.equal(await ready(page), true);
  assert.equal(await page.$eval('[data-sw-slot]', (s) => s.hidden), true, 'an empty slot stays hidden');
  await page.evaluate(() => window.shelfwise.auto.fillSlot('related', ['a', 'unknown', 'onpage', 'b', 'c', 'd']));
  const filled = await page.$$eval('[data-sw-filled]', (l) => l.map((li) => ({
    id: li.dataset.swId,
    text: li.querySelector('[data-sw-field=name]').textContent,
    href: li.querySelector('a').getAttribute('href'),
    src: li.querySelector('img').getAttribute('src'),
    price: li.querySelector('[data-sw-field=price]').textContent,
    imgs: li.querySelectorAll('img').length,
  })));
  assert.deepEqual(filled, [
    { id: 'a', text: '<img src=x onerror=window.__pwned=1>', href: null, src: null, price: '12.5', imgs: 1 },
    { id: 'onpage', text: 'From the page', href: '/p/onpage', src: null, price: '9', imgs: 1 },
    { id: 'b', text: 'Safe', href: 'https://shop.example/p/b', src: '/img/b.png', price: '€3', imgs: 1 },
  ]);
  assert.equal(await page.$eval('[data-sw-slot]', (s) => s.hidden), false);
  assert.equal(await page.$eval('.fixed', (e) => e.isConnected), true, 'the shop\'s own children stay');
  // Filling again replaces the previous items.
  await page.evaluate(() => window.shelfwise.auto.fillSlot('related', ['c']));
  assert.deepEqual(await page.$$eval('[data-sw-filled]', (l) => l.map((e) => e.dataset.swId)), ['c']);
  await page.evaluate(() => window.shelfwise.auto.fillSlot('related', []));
  assert.equal(await page.$eval('[data-sw-slot]', (s) => s.hidden), true);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(log.errors, []);
  await context.close();
});
