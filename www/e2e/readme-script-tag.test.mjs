// Serves the README's script-tag quick start verbatim as a page and uses it as a shopper would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
  // "after creating the engine": a module before the block creates it synchronously (initSync, no
  // top-level await), so it exists when the block's module runs; `rerank` is the page's own.
  const wasm = (await readFile(new URL('../../pkg/shelfwise_bg.wasm', import.meta.url))).toString('base64');
  const html = `${pageHead('panel')}<body>
<script>window.rerank = () => { window.__reranked = (window.__reranked || 0) + 1; };</script>
<script type="module">
import { initSync, Engine } from '/pkg/shelfwise.js';
initSync({ module: Uint8Array.from(atob('${wasm}'), (c) => c.charCodeAt(0)) });
window.engine = new Engine({ namespace: 'readme-panel' });
window.engine.track({ type: 'view_item', item: { id: 'sku-1', category: ['Shoes', 'Running'] } });
window.engine.rank([{ id: 'sku-1', category: ['Shoes', 'Running'] }]);
</script>
${example}</body></html>`;
  const { page, log, context } = await openHtml(env, 'panel', html);
  await page.waitForSelector('shelfwise-panel >> text=Pause personalization');
  await page.waitForSelector('shelfwise-why >> button');
  await page.click('shelfwise-panel >> text=Pause personalization');
  await page.waitForFunction(() => window.__reranked >= 1);
  assert.equal(await page.evaluate(() => window.engine.profile().paused), true);
  assert.deepEqual(log.errors, []);
  await context.close();
});
