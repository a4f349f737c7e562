// Shelfwise started twice on one page must behave as if started once: the loader's tag pasted
// twice (a theme and a plugin both adding it), and `startAuto` called again by a single-page
// app on each route change. Every click and dataLayer push is learned once, nothing already
// learned is replayed, and nothing throws.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, moduleApp, openHtml, pageHead } from './harness.mjs';
import { item } from './hat-grid.mjs';
import { ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const head = (tags) => pageHead('twice', tags);
const grid = `<ul data-sw-list="grid">${item('sku-1', 'Shoes')}${item('sku-2', 'Bags')}${item('sku-3', 'Hats')}</ul>`;

const open = (name, html) => openHtml(env, name, html);

test('the loader tag twice on a page: one engine, one download, queued functions run once, clicks count once', async () => {
  const loader = '<script src="/pkg/shelfwise.loader.js" data-namespace="twice" data-impressions="false"></script>';
  const queued = '<script>window.shelfwise = window.shelfwise || []; shelfwise.push(() => { window.__runs = (window.__runs || 0) + 1; });</script>';
  const { page, log, context } = await open('twice', `${head(loader + loader)}<body>${grid}${queued}${loader}</body></html>`);
  assert.equal(await ready(page), true);
  await page.waitForTimeout(300); // a second start would have run by now
  assert.equal(await page.evaluate(() => window.__runs), 1, 'the queued function ran once');
  assert.equal(log.requests.filter((r) => r.url.endsWith('.wasm')).length, 1, 'one wasm download');
  assert.equal(log.requests.filter((r) => r.url.endsWith('shelfwise.script.js')).length, 1, 'one glue download');
  await page.click('text=sku-3');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.shelfwise.engine.profile().events), 1, 'one click is one event');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('startAuto called again on a route change: clicks and dataLayer pushes count once, old pushes are not replayed', async () => {
  const app = moduleApp({ namespace: 'spa', storage: 'memory' }, `
    window.dataLayer = [{ event: 'view_item', ecommerce: { items: [{ item_id: 'sku-9', item_category: 'Tents' }] } }];
    startAuto(engine, { impressions: false });
    window.app = { engine, route() {
      // The app renders another listing into the same shell, then starts auto mode on it.
      document.querySelector('main').innerHTML = ${JSON.stringify(grid.replace('grid"', 'grid" id="second"'))};
      startAuto(engine, { impressions: false });
    } };`);
  const { page, log, context } = await open('spa', `${head(app)}<body><main>${grid}</main></body></html>`);
  await page.waitForFunction(() => window.app);
  assert.equal(await page.evaluate(() => window.app.engine.profile().events), 1, 'the early push is learned');
  await page.evaluate(() => window.app.route());
  assert.equal(await page.evaluate(() => window.app.engine.profile().events), 1, 'the early push is not learned again');
  await page.click('#second >> text=sku-3');
  assert.equal(await page.evaluate(() => window.app.engine.profile().events), 2, 'one click is one event');
  await page.evaluate(() => window.dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'sku-2', item_category: 'Bags' }] } }));
  assert.equal(await page.evaluate(() => window.app.engine.profile().events), 3, 'one push is one event');
  assert.equal(await page.evaluate(() => window.dataLayer.length), 2, "the page's own analytics see each push once");
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('startAuto called again while a list stays on the page (a header rail): the list is managed and its impressions counted once', async () => {
  const app = moduleApp({ namespace: 'spa-rail', storage: 'memory' }, `
    startAuto(engine);
    document.querySelector('main').innerHTML = '<p>another route</p>';
    startAuto(engine);
    window.app = { engine };`);
  const { page, log, context } = await open('rail', `${head(app)}<body><header>${grid}</header><main><p>home</p></main></body></html>`);
  await page.waitForFunction(() => window.app);
  await page.waitForFunction(() => window.app.engine.profile().events > 0, null, { polling: 100, timeout: 5000 });
  await page.waitForTimeout(1500); // a second observer's impressions would be in by now
  assert.equal(await page.evaluate(() => window.app.engine.profile().events), 1, 'one impression event for the rail');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});
