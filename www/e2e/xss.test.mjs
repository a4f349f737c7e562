// Hostile data (catalog entries, banner attributes, JSON-LD, dataLayer items) is rendered
// inert: no script or dialog runs, markup shows as literal text, and only http(s) or relative
// URLs are ever written to the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('markup and script URLs in catalog, banner and recommendation data stay inert', async () => {
  const { page, log, context } = await env.page();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await context.route(/\/(img|p)\//, (r) => r.fulfill({ status: 204 }));
  await context.addInitScript(() => {
    window.dataLayer = [{ event: 'view_item', ecommerce: { items: [{ item_id: 'dl<script>', item_name: '<img src=x onerror=alert(10)>' }] } }];
  });
  await page.goto(`${env.base}/e2e/fixtures/xss.html`);
  assert.equal(await ready(page), true);
  await page.waitForFunction(() => document.querySelectorAll('[data-sw-filled]').length > 0);
  await page.evaluate(() => window.dataLayer.push({ event: 'select_item', ecommerce: { items: [{ item_id: '"><svg onload=alert(11)>' }] } }));
  await page.waitForTimeout(300);

  const filled = await page.$$eval('[data-sw-filled]', (l) => l.map((li) => ({
    id: li.dataset.swId,
    text: li.querySelector('[data-sw-field=name]').textContent,
    href: li.querySelector('a').getAttribute('href'),
    src: li.querySelector('img').getAttribute('src'),
    elements: li.querySelectorAll('*').length,
  })));
  const byId = Object.fromEntries(filled.map((f) => [f.id, f]));
  assert.deepEqual(Object.keys(byId).sort(), ['x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
  // Markup shows literally and adds no element (the template has exactly a, img, span).
  assert.equal(byId.x1.text, '<img src=x onerror=alert(1)>');
  assert.equal(byId.x2.text, '<script>alert(2)</script>');
  assert.equal(byId.x3.text, '"><svg onload=alert(3)>');
  assert.equal(byId.x4.text, 'Plain & <b>bold</b>');
  for (const f of filled) assert.equal(f.elements, 3, `${f.id}: no element from data`);
  // Only http(s) and relative URLs are written; javascript: (any case, leading space, with a
  // tab inside), data: and vbscript: URLs are dropped. A protocol-relative URL resolves to
  // https like any absolute https URL, so it is kept.
  for (const id of ['x1', 'x2', 'x3', 'x6']) assert.equal(byId[id].href, null, `${id} href`);
  for (const id of ['x1', 'x2']) assert.equal(byId[id].src, null, `${id} src`);
  assert.equal(byId.x3.src, '//evil.example/x.png');
  assert.equal(byId.x4.href, '/p/x4.html');
  assert.equal(byId.x5.href, 'https://shop.example/p/x5');
  assert.equal(byId.x5.src, 'https://shop.example/x5.png');

  // The stored profile holds data as data: the hostile strings are inert text there too, and
  // nothing ran anywhere.
  const banners = await page.$$eval('[data-sw-list] > li', (l) => l.map((li) => li.textContent));
  assert.deepEqual(banners.sort(), ['Banner one', 'Banner two']);
  assert.deepEqual(dialogs, [], 'no dialog opened');
  // The only classic scripts are Shelfwise's own files (the loader and the glue it adds).
  const scripts = await page.$$eval('script:not([type]), script[src]', (l) => l.map((e) => e.getAttribute('src')));
  assert.ok(scripts.every((src) => src && new URL(src, env.base).href.startsWith(`${env.base}/pkg/shelfwise.`)), JSON.stringify(scripts));
  assert.deepEqual(log.errors, []);
  await context.close();
});
