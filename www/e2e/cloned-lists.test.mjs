// Lists that carry the `data-sw-managed` mark without being managed: a copy the page makes of
// a managed list (`cloneNode`, as frameworks re-render a grid or build "page 2" from its
// shell) and HTML saved from the live page (a server or service worker caching what it
// captured). Auto mode knows its lists by identity, so such a copy is ranked like any new
// list, while a list it already manages is never taken twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead } from './harness.mjs';
import { atPaintScript, events, grid, hatShopperApp, item, ranked, seedHats, served } from './hat-grid.mjs';
import { ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const head = (tags) => pageHead('clone', tags);
const loader = (ns, storage = 'memory') => `<script src="/pkg/shelfwise.loader.js" data-namespace="${ns}" data-storage="${storage}" data-impressions="false"></script>`;
const open = (name, html, others) => openHtml(env, name, html, others);

test('a copy the page clones from a managed grid is ranked like a new list, and its clicks count', async () => {
  const { page, log, context } = await open('clone', `${head(loader('clone') + atPaintScript)}<body>${grid('shop')}<main></main></body></html>`);
  assert.equal(await ready(page), true);
  assert.deepEqual(await page.evaluate(() => window.atPaint('#shop')), served('shop'), 'a new shopper sees the server order');
  assert.equal(await page.$eval('#shop', (l) => l.hasAttribute('data-sw-managed')), true);
  await seedHats(page);
  // The framework re-renders the grid from a deep copy of the live one (its mark included).
  const copy = await page.evaluate(() => {
    const c = document.getElementById('shop').cloneNode(true);
    c.id = 'copy';
    for (const li of c.children) li.dataset.swId = li.dataset.swId.replace('shop', 'copy');
    document.querySelector('main').append(c);
    return window.atPaint('#copy');
  });
  assert.deepEqual(copy, ranked('copy'), 'the deep copy is ranked before paint');
  // "Page 2" built in a shallow copy of the grid's shell, then filled with the next items.
  const next = await page.evaluate((html) => {
    const shell = document.getElementById('shop').cloneNode(false);
    shell.id = 'next';
    shell.innerHTML = html;
    document.querySelector('main').append(shell);
    return window.atPaint('#next');
  }, grid('next').replace(/^<ul[^>]*>|<\/ul>$/g, ''));
  assert.deepEqual(next, ranked('next'), 'the shell filled with new items is ranked');
  assert.equal(await page.$eval('#next', (l) => l.hasAttribute('data-sw-managed')), true, 'the mark is kept for CSS');
  // The original is still managed once: an item the page adds to it is ranked into it.
  await page.evaluate((html) => document.getElementById('shop').insertAdjacentHTML('beforeend', html), item('shop-4', 'Hats'));
  await page.waitForTimeout(50);
  assert.match(await page.$eval('#shop > li', (l) => l.dataset.swId), /shop-[34]/, 'a hat leads the original');
  const before = await events(page);
  await page.click('#copy [data-sw-id="copy-1"] a');
  assert.equal(await events(page), before + 1, 'a click on the copy counts once');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('HTML saved from the live page, mark included, is ranked at start', async () => {
  const saved = `${head(loader('saved', 'local'))}<body>${grid('saved', { attrs: ' data-sw-managed=""' })}</body></html>`;
  const { page, log, context } = await open('seed', `${head(loader('saved', 'local'))}<body></body></html>`, { saved });
  assert.equal(await ready(page), true);
  await seedHats(page);
  await page.evaluate(() => window.shelfwise.engine.flush());
  await page.goto(`${env.base}/saved.html`);
  assert.equal(await ready(page), true);
  assert.deepEqual(await page.$$eval('#saved > li', (l) => l.map((e) => e.dataset.swId)), ranked('saved'));
  // Managed: a hat the page adds later is ranked into it.
  await page.evaluate((html) => document.getElementById('saved').insertAdjacentHTML('afterbegin', html), item('saved-0', 'Bags'));
  await page.waitForTimeout(50);
  assert.equal(await page.$eval('#saved > li', (l) => l.dataset.swId), 'saved-3', 'still ordered after the page added an item');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('ES module: a list another auto mode manages is not taken again, a stale mark at start is', async () => {
  const { page, log, context } = await open('esm', `${head(hatShopperApp('clone-esm') + atPaintScript)}<body>${grid('first')}${grid('stale', { attrs: ' data-sw-managed' })}<main></main></body></html>`);
  await page.waitForFunction(() => window.app);
  assert.deepEqual(await page.$$eval('#first > li', (l) => l.map((e) => e.dataset.swId)), ranked('first'));
  assert.deepEqual(await page.$$eval('#stale > li', (l) => l.map((e) => e.dataset.swId)), ranked('stale'), 'a stale mark is no reason to skip a list');
  // A second auto mode (a route change) takes nothing the first manages: stopping it leaves
  // the first one's lists managed.
  await page.evaluate(() => { const a = window.app.startAuto(window.app.engine, { impressions: false }); a.stop(); });
  assert.equal(await page.$eval('#first', (l) => l.hasAttribute('data-sw-managed')), true);
  await page.evaluate((html) => document.getElementById('first').insertAdjacentHTML('afterbegin', html), item('first-0', 'Bags'));
  await page.waitForTimeout(50);
  assert.equal(await page.$eval('#first > li', (l) => l.dataset.swId), 'first-3', 'the first auto mode still orders it');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});
