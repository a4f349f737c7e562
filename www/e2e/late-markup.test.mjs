// Markup the page adds after auto mode started (a theme's faceted filter replacing the grid,
// "load more", AJAX section rendering, a quick view, a single-page app's next route): new
// `data-sw-list` lists are ranked before the browser paints them, new `data-sw-slot` slots are
// filled (with the item data and display data that came with them), each learned action counts
// once, a list the page only moves is not taken again, and `auto.stop()` stops all of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead } from './harness.mjs';
import { atPaintScript, events, grid as hatGrid, hatShopperApp, item as hatItem, ranked, seedHats, served } from './hat-grid.mjs';
import { ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const head = (tags) => pageHead('late', tags);
// This page's items carry their names too (`data-sw-name`), as a theme's grid does.
const item = (id, category) => hatItem(id, category, { named: true });
const grid = (id) => hatGrid(id, { named: true });
const loader = '<script src="/pkg/shelfwise.loader.js" data-namespace="late" data-storage="memory"></script>';
const open = (name, html) => openHtml(env, name, html);

test('script tag: a grid the page inserts after start is ranked before it is painted; its impressions and clicks count once', async () => {
  const { page, log, context } = await open('insert', `${head(loader + atPaintScript)}<body><main><p>loading…</p></main></body></html>`);
  assert.equal(await ready(page), true);
  await seedHats(page);
  const order = await page.evaluate((html) => {
    document.querySelector('main').insertAdjacentHTML('beforeend', html);
    return window.atPaint('#late');
  }, grid('late'));
  assert.deepEqual(order, ranked('late'), 'ranked in the frame it appeared');
  assert.equal(await page.$eval('#late', (l) => l.hasAttribute('data-sw-managed')), true);
  // One impression event for the three visible items, once.
  await page.waitForFunction(() => window.shelfwise.engine.profile().events > 3, null, { polling: 100, timeout: 5000 });
  await page.click('#late >> text=late-1');
  await page.waitForTimeout(1500); // a second observer's impressions would be in by now
  assert.equal(await events(page), 5, 'three views, one impression event, one click');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('ES module: a grid inserted after startAuto is ranked before paint; stop() and startAuto again keep one listener', async () => {
  const { page, log, context } = await open('esm', `${head(hatShopperApp('late-esm') + atPaintScript)}<body><main></main><aside></aside></body></html>`);
  await page.waitForFunction(() => window.app);
  const order = await page.evaluate((html) => {
    document.querySelector('main').innerHTML = html;
    return window.atPaint('#first');
  }, grid('first'));
  assert.deepEqual(order, ranked('first'));
  // Stopped and started again: lists are taken again, clicks still count once.
  await page.evaluate(() => { window.app.auto.stop(); window.app.auto = window.app.startAuto(window.app.engine, { impressions: false }); });
  const again = await page.evaluate((html) => {
    document.querySelector('aside').innerHTML = html;
    return window.atPaint('#second');
  }, grid('second'));
  assert.deepEqual(again, ranked('second'));
  await page.click('#second >> text=second-2');
  await page.click('#first >> text=first-2');
  assert.equal(await page.evaluate(() => window.app.engine.profile().events), 5, 'three views and two clicks');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('a filter that replaces the grid, again and again: every new grid is ranked before paint', async () => {
  const page0 = `${head(loader + atPaintScript)}<body><div id="results">${grid('all')}</div></body></html>`;
  const { page, log, context } = await open('filter', page0);
  assert.equal(await ready(page), true);
  await seedHats(page);
  for (const id of ['f1', 'f2', 'f3']) {
    const order = await page.evaluate((html) => {
      document.getElementById('results').innerHTML = html; // the theme's section rendering
      return window.atPaint('#results [data-sw-list]');
    }, grid(id));
    assert.deepEqual(order, ranked(id), `grid ${id}`);
  }
  // replaceWith, as other themes do it.
  const replaced = await page.evaluate((html) => {
    const t = document.createElement('template');
    t.innerHTML = html;
    document.querySelector('#results [data-sw-list]').replaceWith(t.content);
    return window.atPaint('#f4');
  }, grid('f4'));
  assert.deepEqual(replaced, ranked('f4'));
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('a list the page moves is not taken or counted again, and stays managed', async () => {
  const { page, log, context } = await open('move', `${head(loader)}<body><header>${grid('rail')}</header><main></main><footer></footer></body></html>`);
  assert.equal(await ready(page), true);
  await page.waitForFunction(() => window.shelfwise.engine.profile().events > 0, null, { polling: 100, timeout: 5000 });
  assert.equal(await events(page), 1, 'one impression event for the rail');
  await page.evaluate(() => document.querySelector('footer').appendChild(document.getElementById('rail')));
  await page.waitForTimeout(50);
  // Moved across tasks: taken out, then put back.
  await page.evaluate(() => { window.__rail = document.getElementById('rail'); window.__rail.remove(); });
  await page.waitForTimeout(50);
  await page.evaluate(() => document.querySelector('main').appendChild(window.__rail));
  await page.waitForTimeout(1500); // impressions counted again would be in by now
  assert.equal(await events(page), 1, 'the moved rail is not counted again');
  // The moved list is still managed: an item the page adds is ranked into it.
  await seedHats(page);
  await page.evaluate((html) => document.getElementById('rail').insertAdjacentHTML('beforeend', html), item('rail-4', 'Hats'));
  await page.waitForTimeout(50);
  assert.equal(await page.$eval('#rail > li', (l) => l.dataset.swId).then((id) => /rail-[34]/.test(id)), true, 'a hat leads the moved rail');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

const catalog = (entries) => `<script type="application/json" data-sw-catalog>${JSON.stringify(entries)}</script>`;
const slot = (kind, attrs = '') => `<section data-sw-slot="${kind}" ${attrs} hidden><ul data-sw-slot-items></ul><template><li><span data-sw-field="name"></span></li></template></section>`;

test('slots inserted after start are filled once, with the item data and display data that came with them', async () => {
  const popularity = '<script type="application/json" data-sw-popularity>{ "overall": [["p1", 90], ["p2", 80], ["p3", 70]] }</script>';
  const start = catalog({ p1: { name: 'One' }, p2: { name: 'Two' }, p3: { name: 'Three' } });
  const { page, log, context } = await open('slots', `${head(loader)}<body><main>${popularity}${start}</main><div id="modal"></div></body></html>`);
  assert.equal(await ready(page), true);
  // A section rendered later, its slot's list watched by the page to count Shelfwise's fills.
  const top = await page.evaluate((html) => {
    const t = document.createElement('template');
    t.innerHTML = html;
    const section = t.content.firstElementChild;
    window.__fills = 0;
    new MutationObserver((r) => { window.__fills += r.filter((m) => m.addedNodes.length).length; })
      .observe(section.querySelector('[data-sw-slot-items]'), { childList: true });
    document.querySelector('main').append(section);
    return new Promise((done) => requestAnimationFrame(() => done([...section.querySelectorAll('[data-sw-filled]')].map((e) => e.textContent))));
  }, slot('top-sellers', 'data-sw-limit="2"'));
  assert.deepEqual(top, ['One', 'Two'], 'filled before paint');
  // A quick view: its product's neighbours, their display data and a related slot arrive together.
  await page.evaluate((html) => { document.getElementById('modal').innerHTML = html; },
    `<script type="application/json" data-sw-item-data data-sw-item="q0">{ "related": [["q1", 9], ["q2", 5]] }</script>${catalog({ q1: { name: 'Quick one' }, q2: { name: 'Quick two' } })}${slot('related', 'data-sw-item="q0" data-sw-limit="2"')}`);
  await page.waitForTimeout(200);
  assert.deepEqual(await page.$$eval('#modal [data-sw-filled]', (l) => l.map((e) => e.textContent)), ['Quick one', 'Quick two']);
  assert.equal(await page.$eval('#modal [data-sw-slot]', (s) => s.hidden), false);
  assert.equal(await page.evaluate(() => window.__fills), 1, 'the top-sellers slot was filled once');
  // Moving a filled slot does not fill it again.
  await page.evaluate(() => document.getElementById('modal').append(document.querySelector('main [data-sw-slot]')));
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__fills), 1, 'a moved slot is not filled again');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('auto.stop(): lists and slots inserted later keep the server order, page changes and clicks are no longer learned', async () => {
  const { page, log, context } = await open('stop', `${head(loader + atPaintScript)}<body>${grid('kept')}<main></main></body></html>`);
  assert.equal(await ready(page), true);
  await seedHats(page);
  await page.waitForFunction(() => window.shelfwise.engine.profile().events > 3, null, { polling: 100, timeout: 5000 });
  const before = await events(page);
  const order = await page.evaluate((html) => {
    window.shelfwise.auto.stop();
    document.querySelector('main').innerHTML = html;
    return window.atPaint('#after');
  }, grid('after') + slot('top-sellers'));
  assert.deepEqual(order, served('after'));
  await page.waitForTimeout(1500);
  assert.deepEqual(await page.$$eval('#after > li', (l) => l.map((e) => e.dataset.swId)), served('after'));
  assert.equal(await page.$eval('#after', (l) => l.hasAttribute('data-sw-managed')), false);
  assert.equal(await page.$eval('#kept', (l) => l.hasAttribute('data-sw-managed')), false, 'its lists are released');
  await page.click('#kept >> text=kept-2');
  assert.equal(await events(page), before, 'no impressions or clicks after stop()');
  // A hat the page adds to the stopped list stays where the page put it.
  await page.evaluate((html) => document.getElementById('kept').insertAdjacentHTML('beforeend', html), item('kept-4', 'Hats'));
  await page.waitForTimeout(50);
  assert.equal(await page.$eval('#kept > li:last-child', (l) => l.dataset.swId), 'kept-4');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('core build: a grid inserted after start is ranked before paint; a slot inserted later is left alone with one warning', async () => {
  const core = loader.replace('data-storage', 'data-build="core" data-storage');
  const { page, log, context } = await open('core', `${head(core + atPaintScript)}<body><main></main><aside></aside></body></html>`);
  assert.equal(await ready(page), true);
  await seedHats(page);
  const order = await page.evaluate((html) => {
    document.querySelector('main').innerHTML = html;
    return window.atPaint('#coregrid');
  }, grid('coregrid'));
  assert.deepEqual(order, ranked('coregrid'));
  await page.evaluate((html) => { document.querySelector('aside').innerHTML = html + html; }, slot('top-sellers'));
  await page.waitForTimeout(100);
  assert.equal(await page.$$eval('aside [data-sw-slot]', (l) => l.every((s) => s.hidden)), true);
  const warnings = log.console.filter((m) => m.type === 'warning');
  assert.equal(warnings.length, 1, 'one warning naming the core build');
  assert.match(warnings[0].text, /core build/);
  assert.deepEqual(log.errors, []);
  await context.close();
});
