// Markup a real shop writes that Shelfwise must handle without surprising the shopper: tiles
// that are not items inside a grid, blank ids, JSON-LD with an empty sku, a broken display-data
// block. The shop's server order stays wherever Shelfwise cannot do better, and the console
// says why, once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { ready, shelfwiseWarnings } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const doc = (ns, headTags, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>markup</title>
<script src="/pkg/shelfwise.loader.js" data-namespace="${ns}" data-impressions="false"></script>${headTags}</head><body>${body}</body></html>`;
const item = (id, category, attrs = '') => `<li data-sw-id="${id}" data-sw-category="${category}"${attrs}><a href="#${id}">${id}</a></li>`;

/** A page context whose shopper has viewed hats (stored under namespace `ns`), serving `pages`. */
async function hatShopper(ns, pages) {
  const { page, log, context } = await env.page();
  pages['seed.html'] = doc(ns, '', '<p>seed</p>');
  for (const [path, html] of Object.entries(pages)) {
    await context.route(`${env.base}/${path.split('?')[0]}*`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  }
  await page.goto(`${env.base}/seed.html`);
  assert.equal(await ready(page), true);
  await page.evaluate(() => {
    for (let i = 0; i < 3; i++) window.shelfwise.engine.track({ type: 'view_item', item: { id: `hat-${i}`, category: ['Hats'] } });
    window.shelfwise.engine.flush();
  });
  log.console.length = 0;
  return { page, log, context };
}

/** The children of the first list, as item ids or `#<class>` for other elements. */
const children = (page) => page.$eval('[data-sw-list]', (l) => [...l.children].map((e) => e.dataset.swId || `#${e.className}`));

test('tiles that are not items (a promo, a heading) keep their place when the items are reordered', async () => {
  const grid = `<ul data-sw-list="grid"><li class="heading">Our picks</li>${item('bag-1', 'Bags')}${item('bag-2', 'Bags')}
    <li class="promo">Free delivery</li>${item('hat-9', 'Hats')}${item('bag-3', 'Bags')}<li class="more">More</li></ul>`;
  const { page, log, context } = await hatShopper('tiles', { 'grid.html': doc('tiles', '', grid) });
  await page.goto(`${env.base}/grid.html`);
  assert.equal(await ready(page), true);
  assert.deepEqual(await children(page), ['#heading', 'hat-9', 'bag-1', '#promo', 'bag-2', 'bag-3', '#more'],
    'the hat comes first; heading, promo and "more" stay at their positions');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});
