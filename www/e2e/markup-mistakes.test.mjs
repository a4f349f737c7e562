// Markup mistakes a shop makes while wiring the script tag (README "Markup Shelfwise reads"),
// found by auditing the product as a shop developer: Shelfwise must not learn something else
// than the page says, in silence, nor do nothing in silence. Each mistake keeps the page
// working and puts one `[shelfwise]` line in the console that names the attribute.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead } from './harness.mjs';
import { ready, shelfwiseWarnings } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** A page with the loader (in-memory profile, no impressions) and `head` and `body`. */
const doc = (head, body) => pageHead('markup mistakes',
  `<script src="/pkg/shelfwise.loader.js" data-storage="memory" data-impressions="false"></script>${head}`) +
  `<body>${body}</body></html>`;

/** The page opened as `name`, ready, with the interest keys its profile holds. */
async function open(name, head, body) {
  const { page, log, context } = await openHtml(env, name, doc(head, body));
  assert.equal(await ready(page), true, name);
  const keys = await page.evaluate(() => window.shelfwise.engine.profile().interests.map((i) => i.key));
  return { page, log, context, keys };
}

test('a price written with a thousands separator ("1,299.00") is not read as 1: not used, one warning naming it', async () => {
  // JS parseFloat reads "1,299.00" as 1: the shopper "liked" products around 1 (price band
  // p:1, "about 1–1.4" in the panel), with nothing in the console.
  for (const [name, head, body, field] of [
    ['attr-price', '', '<main data-sw-product="tv-1" data-sw-category="TV" data-sw-price="1,299.00"></main>', 'data-sw-price'],
    ['ld-price', '<script type="application/ld+json">{ "@type": "Product", "sku": "tv-1", "category": "TV", "offers": { "price": "1,299.00" } }</script>', '', 'offers.price'],
  ]) {
    const { log, context, keys } = await open(name, head, body);
    assert.deepEqual(keys, ['c:tv'], `${name}: the category is learned, no price band`);
    const warnings = shelfwiseWarnings(log);
    assert.equal(warnings.length, 1, JSON.stringify(log.console));
    assert.ok(warnings[0].text.includes(`${field}="1,299.00"`), warnings[0].text);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('plain prices, also with spaces around them, are read as before and say nothing', async () => {
  const { log, context, keys } = await open('plain-price', '',
    '<main data-sw-product="bag-1" data-sw-category="Bags" data-sw-price=" 49.90 "></main>');
  assert.deepEqual(keys.sort(), ['c:bags', 'p:12']);
  assert.deepEqual(log.console, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a list item with a price or score that is no plain number is still ranked, with that field unused and one warning', async () => {
  const grid = `<ul data-sw-list="grid">
    <li data-sw-id="a" data-sw-category="Bags" data-sw-price="€45" data-sw-score="1,5">a</li>
    <li data-sw-id="b" data-sw-category="Hats" data-sw-price="20" data-sw-score="1">b</li></ul>`;
  const { page, log, context } = await open('list-numbers', '', grid);
  await page.evaluate(() => {
    for (let i = 0; i < 3; i++) window.shelfwise.engine.track({ type: 'view_item', item: { id: `h${i}`, category: ['Hats'] } });
    window.shelfwise.auto.refresh();
  });
  assert.deepEqual(await page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId)), ['b', 'a'],
    'still ranked (not left in server order): the hat shopper gets the hat first');
  const warnings = shelfwiseWarnings(log);
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.match(warnings[0].text, /data-sw-(price|score)="(€45|1,5)" is not a plain number/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('items wrapped inside a list (not its children) leave it in server order with one warning; an empty list says nothing', async () => {
  // A theme's grid often has a row element between the list and its cards. Shelfwise reorders
  // only the list's own children, so it did nothing here, and said nothing.
  const body = `<div data-sw-list="grid" id="wrapped"><div class="row">
      <article data-sw-id="bag-1" data-sw-category="Bags">bag</article><article data-sw-id="hat-1" data-sw-category="Hats">hat</article>
    </div></div>
    <ul data-sw-list="grid" id="empty"></ul>
    <ul data-sw-list="grid" id="fine"><li data-sw-id="bag-2" data-sw-category="Bags">bag</li><li data-sw-id="hat-2" data-sw-category="Hats">hat</li></ul>`;
  const { page, log, context } = await open('wrapped', '', body);
  await page.evaluate(() => {
    for (let i = 0; i < 3; i++) window.shelfwise.engine.track({ type: 'view_item', item: { id: `h${i}`, category: ['Hats'] } });
    window.shelfwise.auto.refresh();
  });
  const ids = (id) => page.$$eval(`#${id} [data-sw-id]`, (l) => l.map((e) => e.dataset.swId));
  assert.deepEqual(await ids('wrapped'), ['bag-1', 'hat-1']);
  assert.deepEqual(await ids('fine'), ['hat-2', 'bag-2'], 'other lists are still ranked');
  const warnings = shelfwiseWarnings(log);
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.match(warnings[0].text, /keeps its server order: data-sw-list: .*data-sw-id.*children/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a JSON-LD block that is not valid JSON (a trailing comma) is reported once; other JSON-LD says nothing', async () => {
  // The product view was not learned and the console was empty: nothing told the shop why.
  const broken = '<script type="application/ld+json">{ "@type": "Product", "sku": "tv-1", "category": "TV", }</script>';
  const other = '<script type="application/ld+json">{ "@type": "BreadcrumbList", "itemListElement": [] }</script>';
  const { page, log, context } = await open('broken-ld', other + broken, '<p>product</p>');
  assert.deepEqual((await page.evaluate(() => window.shelfwise.engine.profile())).recentlyViewed, []);
  const warnings = shelfwiseWarnings(log);
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.equal(warnings[0].text, "[shelfwise] the page's JSON-LD block was ignored: not valid JSON");
  assert.deepEqual(log.errors, []);
  await context.close();
  const fine = await open('other-ld', other, '<p>no product</p>');
  assert.deepEqual(fine.log.console, []);
  await fine.context.close();
});

test('the engine\'s slot names (data-sw-slot="pickedForYou") fill as the markup kinds do; another kind warns once per page', async () => {
  // A developer reading the `recommend` API types its slot names; any unknown kind (a typo,
  // "related-items") left the slot hidden, with nothing in the console.
  const data = '<script type="application/json" data-sw-popularity>{ "overall": [["p1", 90], ["p2", 80]] }</script>' +
    '<script type="application/json" data-sw-catalog>{ "p1": { "name": "One" }, "p2": { "name": "Two" } }</script>';
  const slot = (kind) => `<section data-sw-slot="${kind}" hidden><ul data-sw-slot-items></ul><template><li data-sw-field="name"></li></template></section>`;
  const { page, log, context } = await open('slot-kinds', data,
    slot('pickedForYou') + slot('topSellers') + slot('related-items') + slot('related-items') + slot('top_sellers'));
  const shown = await page.$$eval('[data-sw-slot]', (l) => l.map((s) => [s.dataset.swSlot, s.hidden, s.querySelectorAll('[data-sw-filled]').length]));
  assert.deepEqual(shown, [['pickedForYou', false, 2], ['topSellers', false, 2], ['related-items', true, 0], ['related-items', true, 0], ['top_sellers', true, 0]]);
  // A slot added later, a refresh, and fillSlot under either name: still one warning.
  await page.evaluate((html) => {
    document.body.insertAdjacentHTML('beforeend', html);
    window.shelfwise.auto.refresh();
    window.shelfwise.auto.fillSlot('picked-for-you', ['p2']);
  }, slot('relatedItems'));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  assert.deepEqual(await page.$$eval('[data-sw-slot="pickedForYou"] [data-sw-filled]', (l) => l.map((e) => e.textContent)), ['Two'],
    'fillSlot(\'picked-for-you\') fills data-sw-slot="pickedForYou"');
  const warnings = shelfwiseWarnings(log);
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.equal(warnings[0].text, '[shelfwise] data-sw-slot="related-items" is not a slot kind (picked-for-you, related, bought-together, top-sellers, because-you-viewed, recently-viewed, or their engine names such as pickedForYou): the slot stays hidden unless auto.fillSlot fills it (name the shop\'s own kinds shop-…)');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a shop\'s own slot kind ("shop-…") filled by fillSlot says nothing; a typo still warns once', async () => {
  // README documents a shop's own kind filled with auto.fillSlot as supported, yet it logged
  // the "not a slot kind" warning on every page.
  const data = '<script type="application/json" data-sw-catalog>{ "p1": { "name": "One" }, "p2": { "name": "Two" } }</script>';
  const slot = (kind) => `<section data-sw-slot="${kind}" hidden><ul data-sw-slot-items></ul><template><li data-sw-field="name"></li></template></section>`;
  const filled = (page, kind) => page.$$eval(`[data-sw-slot="${kind}"] [data-sw-filled]`, (l) => l.map((e) => e.textContent));
  const own = await open('own-slot', data, slot('shop-new-arrivals'));
  await own.page.evaluate(() => window.shelfwise.auto.fillSlot('shop-new-arrivals', ['p2', 'p1']));
  assert.deepEqual(await filled(own.page, 'shop-new-arrivals'), ['Two', 'One'], 'fillSlot fills the shop\'s own kind');
  assert.deepEqual(shelfwiseWarnings(own.log), [], 'the shop\'s own kind, filled by fillSlot, says nothing');
  assert.deepEqual(own.log.errors, []);
  await own.context.close();
  const typo = await open('typo-slot', data, slot('shop-new-arrivals') + slot('related-items') + slot('related-items'));
  await typo.page.evaluate(() => window.shelfwise.auto.fillSlot('shop-new-arrivals', ['p1']));
  assert.deepEqual(await filled(typo.page, 'shop-new-arrivals'), ['One']);
  assert.deepEqual(shelfwiseWarnings(typo.log).map((m) => m.text.split(' is not a slot kind (')[0]),
    ['[shelfwise] data-sw-slot="related-items"'], 'one warning, for the typo only');
  assert.deepEqual(typo.log.errors, []);
  await typo.context.close();
});

test('data-sw-search on the input instead of its form: the search is learned on submit, or on Enter without a form', async () => {
  // The attribute belongs on the form; on the input, searches were not learned, in silence.
  const body = `<form id="f"><input name="query" data-sw-search><button>Search</button></form>
    <input id="solo" type="search" data-sw-search>
    <script>document.forms[0].addEventListener('submit', (e) => e.preventDefault());</script>`;
  const { page, log, context } = await open('search-input', '', body);
  await page.fill('#f input', 'sun hat');
  await page.click('#f button');
  await page.fill('#solo', 'rain jacket');
  await page.press('#solo', 'Enter');
  await page.fill('#f input', 'day pack');
  await page.press('#f input', 'Enter');
  const searches = await page.evaluate(() => window.shelfwise.engine.profile().searches);
  assert.deepEqual(searches.map((s) => s.text ?? s), ['day pack', 'rain jacket', 'sun hat']);
  assert.deepEqual(log.console, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a data-sw-search field without a form: Enter learns the search; other keys learn nothing and never reach the engine', async () => {
  // The keydown listener was in wasm: every key press in the shop crossed into it to read the
  // event's target and key, only for Enter to matter.
  const body = '<input id="solo" type="search" data-sw-search><input id="other" data-sw-search>';
  const { page, log, context } = await open('search-keys', '', body);
  const searches = () => page.evaluate(() => window.shelfwise.engine.profile().searches.map((s) => s.text ?? s));
  await page.fill('#solo', 'sun ha');
  for (const key of ['t', 'Shift', 'ArrowLeft', 'Tab']) await page.press('#solo', key);
  assert.deepEqual(await searches(), [], 'typing learns nothing');
  await page.press('#solo', 'Enter');
  assert.deepEqual(await searches(), ['sun hat'], 'Enter learns the search');
  // Key presses whose `target` counts the engine's reads (the listener reads it first).
  const reads = (keys, value) => page.evaluate(([keys, value]) => {
    const field = document.getElementById('other');
    field.value = value;
    let n = 0;
    for (const key of keys) {
      const ev = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      Object.defineProperty(ev, 'target', { get() { n += 1; return field; } });
      field.dispatchEvent(ev);
    }
    return n;
  }, [keys, value]);
  assert.equal(await reads(['a', 'Shift', 'Backspace', 'ArrowDown'], 'rain jacket'), 0,
    'keys other than Enter never reach the engine');
  assert.deepEqual(await searches(), ['sun hat'], 'other keys learn nothing');
  assert.ok(await reads(['Enter'], 'rain jacket') > 0, 'Enter reaches the engine (the count sees its reads)');
  assert.deepEqual(await searches(), ['rain jacket', 'sun hat'], 'and learns the search');
  assert.deepEqual(log.console, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a list that cannot be ranked names the markup attribute at fault, not the JS API field', async () => {
  // Before: "[shelfwise] a managed list keeps its server order: items[1].id: repeats an id
  // already in the list": `items[1].id` is the JS API's name; the page wrote data-sw-id.
  for (const [name, grid, want] of [
    ['dup-id', '<li data-sw-id="m">M</li><li data-sw-id="m">M again</li>',
      '[shelfwise] a managed list keeps its server order: data-sw-id: repeats an id already in the list'],
    ['long-name', `<li data-sw-id="a" data-sw-name="${'x'.repeat(201)}">A</li><li data-sw-id="b">B</li>`,
      '[shelfwise] a managed list keeps its server order: data-sw-name: is 201 bytes long; the limit is 200'],
  ]) {
    const { page, log, context } = await open(name, '', `<ul data-sw-list="grid">${grid}</ul>`);
    assert.deepEqual(shelfwiseWarnings(log).map((w) => w.text), [want], name);
    assert.equal(await page.$eval('ul', (u) => u.hasAttribute('data-sw-managed')), true, name);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('an item attribute that cannot be read is said once, not again by the clicks and impressions of its list, whose other impressions count', async () => {
  // README markup table: such an item leaves its list in server order "with one console
  // warning". Its clicks and impressions, learned from the same attributes, each said it
  // again as the shopper used the page: "an event from a click was ignored: items[0].name: is
  // 201 bytes long; …" and "an event from impressions was ignored: …".
  const bad = `<ul data-sw-list="grid"><li data-sw-id="a" data-sw-name="${'x'.repeat(201)}"><a id="pick" href="#a">A</a></li><li data-sw-id="b" data-sw-category="Bags">B</li></ul>`;
  // A list shown later: its impression, learned after the first list's (its second of
  // visibility starts later), says the first list's have been handled.
  const later = '<ul data-sw-list="grid" hidden><li data-sw-id="c" data-sw-category="Hats">C</li></ul>';
  const html = pageHead('markup mistakes', '<script src="/pkg/shelfwise.loader.js" data-storage="memory"></script>') +
    `<body>${bad}${later}</body></html>`;
  const { page, log, context } = await openHtml(env, 'long-name-events', html);
  assert.equal(await ready(page), true);
  await page.click('#pick');
  await page.$eval('ul:last-of-type', (u) => { u.hidden = false; });
  await page.waitForFunction(() => window.shelfwise.engine.profile().interests.some((i) => i.key === 'c:hats'));
  assert.deepEqual(shelfwiseWarnings(log).map((w) => w.text),
    ['[shelfwise] a managed list keeps its server order: data-sw-name: is 201 bytes long; the limit is 200']);
  // The item that cannot be read is left out of the impressions seen with it, not the others:
  // its one long name refused the whole batch (every list in view), so b's was lost.
  const keys = await page.evaluate(() => window.shelfwise.engine.profile().interests.map((i) => i.key));
  assert.ok(keys.includes('c:bags'), `b's impression is learned: ${keys}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('more than 32 tags or 8 category levels in markup: the first ones are used, with one warning per attribute and page', async () => {
  // The JS API refuses such an item naming the field; markup was cut off in silence.
  const tags = Array.from({ length: 33 }, (_, i) => `tag${i}`).join(', ');
  const levels = Array.from({ length: 9 }, (_, i) => `Level${i}`);
  const grid = `<ul data-sw-list="grid">${['a', 'b'].map((id) =>
    `<li data-sw-id="${id}" data-sw-category="${levels.join(' > ')}" data-sw-tags="${tags}">${id}</li>`).join('')}</ul>`;
  const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'Product', sku: 'ld-1',
    category: levels, keywords: tags })}</script>`;
  for (const [name, head, body, tagsName, levelsName] of [
    ['attr-limits', '', `<main data-sw-product="p-1" data-sw-category="${levels.join(' > ')}" data-sw-tags="${tags}"></main>${grid}`,
      'data-sw-tags', 'data-sw-category'],
    ['ld-limits', ld, '<p>product</p>', 'keywords', 'category'],
  ]) {
    const { log, context, keys } = await open(name, head, body);
    assert.ok(keys.some((k) => k.includes('tag31')) && !keys.some((k) => k.includes('tag32')), `${name}: the first 32 tags: ${keys}`);
    assert.ok(keys.some((k) => /level7/i.test(k)) && !keys.some((k) => /level8/i.test(k)), `${name}: the first 8 levels: ${keys}`);
    assert.deepEqual(shelfwiseWarnings(log).map((w) => w.text).sort(), [
      `[shelfwise] ${levelsName}: more than 8 levels, the first 8 are used`,
      `[shelfwise] ${tagsName}: more than 32 tags, the first 32 are used`,
    ].sort(), name);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
  // At the limits: nothing to say.
  const { log, context } = await open('at-limits', '', `<main data-sw-product="p-2" data-sw-category="${levels.slice(0, 8).join(' > ')}"
    data-sw-tags="${tags.split(', ').slice(0, 32).join(', ')}"></main>`);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('a count that is no plain number (data-sw-limit, data-sw-quantity) is warned with a whole-number example, a price with a decimal one', async () => {
  // Every number attribute's warning said "(such as 1299.90)": odd for a slot's item count. And
  // one warning stood for all number attributes, so a wrong price hid a wrong slot limit.
  const data = '<script type="application/json" data-sw-popularity>{ "overall": [["p1", 90], ["p2", 80]] }</script>' +
    '<script type="application/json" data-sw-catalog>{ "p1": { "name": "One" }, "p2": { "name": "Two" } }</script>';
  const slot = '<section data-sw-slot="top-sellers" data-sw-limit="four" hidden><ul data-sw-slot-items></ul><template><li data-sw-field="name"></li></template></section>';
  const product = (attrs) => `<main data-sw-product="tv-1" data-sw-category="TV" ${attrs}></main>`;
  const limit = '[shelfwise] data-sw-limit="four" is not a plain number (such as 4): not used';
  const price = '[shelfwise] data-sw-price="€80" is not a plain number (such as 1299.90): not used';
  for (const [name, body, expected] of [
    ['count-limit', slot, [limit]],
    ['count-quantity', product('data-sw-quantity="two"'), ['[shelfwise] data-sw-quantity="two" is not a plain number (such as 4): not used']],
    ['count-and-price', slot + product('data-sw-price="€80"'), [limit, price]],
  ]) {
    const { page, log, context } = await open(name, data, body);
    if (body.includes('data-sw-slot')) assert.equal(await page.locator('[data-sw-filled]').count(), 2, 'the slot keeps its default limit');
    assert.deepEqual(shelfwiseWarnings(log).map((w) => w.text).sort(), expected, JSON.stringify(log.console));
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});
