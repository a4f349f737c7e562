// The demo shop generator: real ids, categories and popularity from the sample; generated
// names and prices that are the same on every run; nothing copied verbatim from the data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog, hash, shopPackData, viewedTogether, CATEGORIES, PER_CATEGORY } from '../shop-src/generate.mjs';

const csv = [
  'session_id,user_id,ts_ms,date,item_id,category_id,event_type',
  '1,,1,2016-01-01,10,7,view', '1,,2,2016-01-01,11,7,view', '2,,3,2016-01-01,10,7,purchase',
  '3,,4,2016-01-01,20,8,view', '3,,5,2016-01-01,21,8,view', '3,,6,2016-01-01,21,8,view',
  '4,,7,2016-01-01,21,8,purchase', '4,,8,2016-01-01,30,9,view',
].join('\n');

test('catalog: most active categories, most popular items first, real ids kept', () => {
  const { categories, products } = buildCatalog(csv);
  assert.deepEqual(categories.map((c) => c.id), ['8', '7', '9']);
  assert.deepEqual(products.map((p) => [p.id, p.popularity]), [['21', 3], ['10', 2], ['11', 1], ['20', 1], ['30', 1]]);
  assert.equal(products.find((p) => p.id === '21').category.id, '8');
  assert.ok(CATEGORIES * PER_CATEGORY >= products.length);
});

test('names and prices are generated deterministically from the ids', () => {
  const a = buildCatalog(csv).products;
  const b = buildCatalog(csv).products;
  assert.deepEqual(a.map((p) => [p.name, p.price]), b.map((p) => [p.name, p.price]));
  assert.equal(hash('21'), hash('21'));
  assert.notEqual(hash('21'), hash('12'));
  for (const p of a) {
    assert.match(p.name, /^[A-Z][a-z]+ [A-Z][a-z]+ \d{3}$/);
    assert.ok(Number(p.price) >= 4.99 && Number(p.price) < 200, p.price);
    assert.ok(p.category.path.endsWith(`> ${p.category.noun}s`));
  }
});

test('cross-sell data: catalog products seen in the same sessions, most shared sessions first', () => {
  const { products } = buildCatalog(csv);
  const together = viewedTogether(`${csv}\n5,,9,2016-01-02,10,7,view\n5,,10,2016-01-02,11,7,view\n5,,11,2016-01-02,30,9,view`, products);
  const ids = (id) => together.get(id).map((p) => p.id);
  assert.deepEqual(ids('10'), ['11', '30'], 'sessions 1 and 5 share 10 and 11; session 5 also 30');
  assert.deepEqual(ids('21'), ['20', '30'], 'sessions 3 and 4; ties by id');
  assert.deepEqual(ids('20'), ['21']);
});

test('the pages carry the pack\'s data for the products the shop sells, keyed as Shelfwise keys categories', () => {
  const { categories, products } = buildCatalog(csv);
  const pack = {
    popularity: { overall: [['99', 50], ['21', 3]], categories: { 8: [['21', 3], ['20', 1], ['99', 50]], 7: [['10', 2]] } },
    items: { 21: { related: [['99', 900], ['20', 500]], boughtTogether: [['10', 300]] }, 99: { related: [['21', 1]] }, 30: { related: [['99', 2]] } },
  };
  const { popularity, items } = shopPackData(pack, categories, products);
  const path = (id) => categories.find((c) => c.id === id).path.toLowerCase().replace(/ > /g, '>');
  assert.deepEqual(popularity.categories[path('8')], [['21', 3], ['20', 1]], 'items the shop does not sell are left out');
  assert.deepEqual(popularity.categories[path('8').split('>')[0]].slice(0, 1), [['21', 3]], 'department lists too');
  assert.deepEqual(popularity.overall, [['21', 3], ['10', 2], ['20', 1]]);
  assert.deepEqual(items, { 21: { related: [['20', 500]], boughtTogether: [['10', 300]] } }, 'empty lists are not embedded');
});
