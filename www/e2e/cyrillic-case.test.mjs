// A shop in Russian: a search for a lowercase word (`кроссовки`) meets the category written
// with a capital (`Кроссовки`), and the same brand in capitals (`ЗАРА`) and not (`Зара`) is one
// interest. Before Unicode case folding neither matched: the grid kept its server order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { ready, profile } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const doc = (body) => `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Магазин</title>
<script src="/pkg/shelfwise.loader.js" data-namespace="ru" data-impressions="false"></script></head><body>${body}</body></html>`;
const item = (id, category, brand) =>
  `<li data-sw-id="${id}" data-sw-category="${category}" data-sw-brand="${brand}"><a href="#${id}">${id}</a></li>`;
const grid = `<h1>Каталог</h1><ul data-sw-list="grid">${item('sumka-1', 'Сумки', 'Mango')}${item('kurtka-1', 'Куртки', 'Mango')}
  ${item('krossovki-1', 'Кроссовки', 'Nike')}${item('sumka-2', 'Сумки', 'Mango')}${item('krossovki-2', 'Обувь>Кроссовки', 'Adidas')}</ul>`;
const results = `<h1>Результаты поиска</h1><ul data-sw-list="search">${item('krossovki-3', 'Кроссовки', 'Puma')}${item('sumka-3', 'Сумки', 'Mango')}</ul>`;

const order = (page) => page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId));

test('a search for a lowercase Russian word reorders a grid whose categories are capitalised', async () => {
  const { page, log, context } = await env.page();
  for (const [name, body] of [['katalog', grid], ['poisk', results]]) {
    await context.route(`${env.base}/${name}.html*`, (r) => r.fulfill({ contentType: 'text/html', body: doc(body) }));
  }
  await page.goto(`${env.base}/katalog.html`);
  assert.equal(await ready(page), true);
  assert.deepEqual(await order(page), ['sumka-1', 'kurtka-1', 'krossovki-1', 'sumka-2', 'krossovki-2'], 'server order at first');
  await page.goto(`${env.base}/poisk.html?q=${encodeURIComponent('кроссовки')}`);
  assert.equal(await ready(page), true);
  const learned = await profile(page);
  assert.deepEqual(learned.searches, ['кроссовки']);
  await page.goto(`${env.base}/katalog.html`);
  assert.equal(await ready(page), true);
  assert.deepEqual(await order(page), ['krossovki-1', 'krossovki-2', 'sumka-1', 'kurtka-1', 'sumka-2'],
    'both Кроссовки items first, in server order');
  // One brand written two ways is one interest.
  await page.evaluate(() => {
    const e = window.shelfwise.engine;
    e.track({ type: 'view_item', item: { id: 'z1', category: ['Платья'], brand: 'ЗАРА' } });
    e.track({ type: 'view_item', item: { id: 'z2', category: ['платья'], brand: 'Зара' } });
  });
  const keys = (await profile(page)).interests.map((i) => i.key).sort();
  assert.deepEqual(keys.filter((k) => k.startsWith('b:') || k.startsWith('c:п')), ['b:зара', 'c:платья']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});
