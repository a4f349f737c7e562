// Serves the README's script-tag quick start verbatim as a page and uses it as a shopper would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead } from './harness.mjs';
import { readme, readmeExample } from './readme-blocks.mjs';
import { clickAndComeBack, ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('the README script-tag quick start works as written', async () => {
  const example = await readmeExample(assert, 'script-tag', 'html');
  const html = `${pageHead('quick start')}<body>\n${example}</body></html>`;
  const { page, log, context } = await openHtml(env, 'quickstart', html);
  await context.route(`${env.base}/p/*`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><p>product</p>' }));
  const order = () => page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId));

  assert.equal(await ready(page), true);
  assert.deepEqual(await order(page), ['sku-1', 'sku-2', 'sku-3'], 'a new shopper sees the server order');
  const readyLog = log.console.find((m) => m.text.startsWith('Shelfwise is ready'));
  assert.equal(readyLog?.text, 'Shelfwise is ready local', 'the queued function ran');

  // The shopper clicks the hat twice (a click on a managed item is learned), coming back each time.
  await clickAndComeBack(assert, page, 'Sun hat', /\/p\/sku-3$/, 2);
  assert.deepEqual(await order(page), ['sku-3', 'sku-1', 'sku-2'], 'hats first');
  assert.notEqual(await page.evaluate(() => localStorage.getItem('myshop:v1:profile')), null, 'stored under data-namespace');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
  await context.close();
});

test('the README slots example works as written: related fills, "because you viewed" names X on the next page', async () => {
  const example = await readmeExample(assert, 'slots', 'html');
  const doc = (body) => `${pageHead('slots')}<body>\n${body}</body></html>`;
  const { page, log, context } = await env.page();
  await context.route(`${env.base}/p/sku-1`, (r) => r.fulfill({ contentType: 'text/html', body: doc(example) }));
  // Another product page of the same shop: the same markup about sku-9.
  await context.route(`${env.base}/p/sku-9`, (r) => r.fulfill({ contentType: 'text/html', body: doc(example.replace('"sku": "sku-1"', '"sku": "sku-9"')) }));
  const slot = (kind) => page.$$eval(`[data-sw-slot="${kind}"] [data-sw-filled]`, (l) => l.map((e) => e.textContent.trim()));

  await page.goto(`${env.base}/p/sku-1`);
  assert.equal(await ready(page), true);
  assert.deepEqual(await slot('related'), ['Day pack €45', 'Sun hat €20', 'Running socks €9', 'Rain jacket €120']);
  assert.equal(await page.$eval('[data-sw-slot="because-you-viewed"]', (s) => s.hidden), true);

  await page.goto(`${env.base}/p/sku-9`);
  assert.equal(await ready(page), true);
  assert.equal(await page.$eval('[data-sw-slot="because-you-viewed"] h2', (h) => h.textContent), 'Because you viewed Trail runner');
  assert.deepEqual(await slot('because-you-viewed'), ['Day pack', 'Sun hat', 'Running socks', 'Rain jacket']);

  // The README's own-ids call, verbatim: sku-9 has no display data on the page and is skipped.
  const fill = (await readme()).match(/`(shelfwise\.push\(\(\{ auto \}\) => auto\.fillSlot\([^`]*\))`/);
  assert.ok(fill, 'README shows auto.fillSlot through shelfwise.push');
  await page.evaluate(fill[1]);
  assert.deepEqual(await slot('related'), ['Running socks €9']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
  await context.close();
});

test('the README shopper-panel example connects the panel and reports changes', async () => {
  const example = await readmeExample(assert, 'panel', 'html');
  // Served verbatim, with nothing before it but the page's own `rerank`: the block creates the
  // engine itself (a module of the page's own that does `await init()` has not finished when
  // another module runs, so `engine` would not be defined there).
  const html = `${pageHead('panel')}<body>
<script>window.rerank = () => { window.__reranked = (window.__reranked || 0) + 1; };</script>
${example}</body></html>`;
  const { page, log, context } = await openHtml(env, 'panel', html);
  await page.waitForSelector('shelfwise-panel >> text=Pause personalization', { timeout: 10000 })
    .catch(() => assert.fail(`the panel never showed the profile: ${JSON.stringify(log.errors)}`));
  await page.waitForSelector('shelfwise-why >> button');
  await page.click('shelfwise-panel >> text=Pause personalization');
  await page.waitForFunction(() => window.__reranked >= 1);
  await page.waitForSelector('shelfwise-panel >> #pause[aria-pressed="true"]');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the README shopper-panel example for the script tag connects the panel and re-ranks', async () => {
  const example = await readmeExample(assert, 'panel-script-tag', 'html');
  const html = `${pageHead('panel tag')}<body>
<ul data-sw-list="grid">
  <li data-sw-id="sku-1" data-sw-category="Shoes"><a href="#1">Trail runner</a></li>
  <li data-sw-id="sku-3" data-sw-category="Hats"><a href="#3">Sun hat</a></li>
</ul>
${example}</body></html>`;
  const { page, log, context } = await openHtml(env, 'panel-tag', html);
  const order = () => page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId));
  assert.equal(await ready(page), true);
  await page.evaluate(() => {
    window.shelfwise.engine.track({ type: 'view_item', item: { id: 'sku-3', category: ['Hats'] } });
    window.shelfwise.auto.refresh();
    window.shelfwisePanel.refresh();
  });
  assert.deepEqual(await order(), ['sku-3', 'sku-1']);
  // "Not interested" in hats, in the panel: the grid is ranked again at once.
  await page.click('shelfwise-panel >> role=button[name="Not interested in Category: hats"]');
  await page.waitForFunction(() => document.querySelector('[data-sw-list] > li').dataset.swId === 'sku-1');
  assert.deepEqual(await order(), ['sku-1', 'sku-3']);
  assert.deepEqual(log.errors, []);
  await context.close();
});
