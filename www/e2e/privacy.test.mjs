// Privacy and shopper control in a real browser (www/e2e-pages/privacy.html): each consent mode
// with storage checked after every step, GPC, export → erase → import, erase leaving nothing,
// every panel action by keyboard only, and "why this" against explain().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './harness.mjs';
import { deepFocus, eraseByKeyboard, tabTo, storageOf, shelfwiseKeys } from './privacy-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const catalog = JSON.parse(await readFile(new URL('../e2e-pages/catalog/page-1.json', import.meta.url), 'utf8'));
const SERVER_ORDER = catalog.items.map((it) => it.id);
const running = catalog.items.filter((it) => it.category.join('>') === 'Shoes>Running').map((it) => it.id);

const order = (page) => page.$$eval('#grid > li', (lis) => lis.map((li) => li.dataset.id));

async function open(page, hash = '') {
  await page.goto('about:blank'); // a fragment-only change would not load the page again
  await page.goto(`${env.base}/e2e-pages/privacy.html${hash ? '#' + hash : ''}`);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Page'));
}

async function view(page, id) {
  await page.click(`li[data-id="${id}"] button.view`);
}

function clean(log) {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error'), []);
}

test('the catalog page has two running shoes to learn from', () => {
  assert.ok(running.length >= 2, `running shoes on page 1: ${running}`);
});

test('granted: learns, stores after each step and keeps it across a reload', async () => {
  const { page, log } = await env.page();
  await open(page);
  assert.deepEqual(await shelfwiseKeys(page), [], 'nothing stored before any action');
  assert.deepEqual(await order(page), SERVER_ORDER);
  await view(page, running[0]);
  await page.waitForFunction(() => localStorage.getItem('shelfwise:v1:profile') !== null);
  assert.deepEqual(await shelfwiseKeys(page), ['local:shelfwise:v1:profile']);
  assert.match((await storageOf(page)).local['shelfwise:v1:profile'], new RegExp(running[0]));
  await view(page, running[1]);
  const learned = await order(page);
  assert.deepEqual(learned.slice(0, 2).sort(), running.slice(0, 2).sort());
  await page.reload();
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Page'));
  assert.deepEqual(await order(page), learned, 'the stored profile ranks the same after a reload');
  clean(log);
  await page.context().close();
});

test('pending: personalizes in memory, stores nothing; consent mid-visit keeps what was learned', async () => {
  const { page, log } = await env.page();
  await open(page, 'consent=pending');
  await view(page, running[0]);
  await view(page, running[1]);
  const learned = await order(page);
  assert.notDeepEqual(learned, SERVER_ORDER, 'personalized from this page');
  await page.waitForTimeout(50);
  assert.deepEqual(await shelfwiseKeys(page), [], 'pending writes nothing');
  await page.click('#grant');
  // The grant is recorded (the mode's name only), so other tabs still waiting follow it.
  assert.deepEqual(await shelfwiseKeys(page), ['local:shelfwise:v1:consent', 'local:shelfwise:v1:profile']);
  assert.equal((await storageOf(page)).local['shelfwise:v1:consent'], 'granted');
  const stored = (await storageOf(page)).local['shelfwise:v1:profile'];
  assert.ok(stored.includes(running[0]) && stored.includes(running[1]), 'both views written');
  await open(page);
  assert.deepEqual(await order(page), learned, 'nothing learned before consent was lost');
  clean(log);
  await page.context().close();
});

test('withdrawal erases everything stored; denied keeps the server order', async () => {
  const { page, log } = await env.page();
  await open(page);
  await view(page, running[0]);
  await page.waitForFunction(() => localStorage.getItem('shelfwise:v1:profile') !== null);
  await page.evaluate(() => {
    sessionStorage.setItem('shelfwise:v1:tab', 'x');
    localStorage.setItem('shelfwise:v1:profile:backup', 'y');
    localStorage.setItem('shop-cart', 'kept');
  });
  await page.click('#withdraw');
  // What stays is the record of the withdrawal (no shopping data), which every open tab and
  // every later page honours (consent-tabs.test.mjs).
  assert.deepEqual(await shelfwiseKeys(page), ['local:shelfwise:v1:consent'], 'withdrawal erased every other shelfwise key');
  assert.equal((await storageOf(page)).local['shelfwise:v1:consent'], 'pending');
  assert.equal((await storageOf(page)).local['shop-cart'], 'kept', "the shop's own keys stay");
  assert.equal(await order(page).then((o) => o[0]), running[0], 'pending still personalizes in memory');
  await page.click('#deny');
  assert.deepEqual(await order(page), SERVER_ORDER, 'denied: server order');
  await view(page, running[1]);
  assert.deepEqual(await order(page), SERVER_ORDER, 'denied: nothing learned');
  await page.waitForTimeout(50);
  assert.deepEqual(await shelfwiseKeys(page), ['local:shelfwise:v1:consent']);
  assert.equal((await storageOf(page)).local['shelfwise:v1:consent'], 'denied');
  clean(log);
  await page.context().close();
});

test('denied from the start: stored data is erased, nothing is learned', async () => {
  const { page, log } = await env.page();
  await open(page);
  await view(page, running[0]);
  await page.waitForFunction(() => localStorage.getItem('shelfwise:v1:profile') !== null);
  await open(page, 'consent=denied');
  // Only the refusal is stored, so tabs still open stop storing too.
  assert.deepEqual(await shelfwiseKeys(page), ['local:shelfwise:v1:consent']);
  assert.deepEqual(await order(page), SERVER_ORDER);
  await view(page, running[1]);
  assert.deepEqual(await order(page), SERVER_ORDER);
  assert.deepEqual(await shelfwiseKeys(page), ['local:shelfwise:v1:consent']);
  clean(log);
  await page.context().close();
});

test('Global Privacy Control means denied unless the site overrides it', async () => {
  const { page, context, log } = await env.page();
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  });
  await open(page);
  assert.match(await page.textContent('#status'), /consent denied/);
  await view(page, running[0]);
  assert.deepEqual(await order(page), SERVER_ORDER);
  assert.deepEqual(await shelfwiseKeys(page), []);
  await open(page, 'respectGpc=false');
  assert.match(await page.textContent('#status'), /consent granted/);
  await view(page, running[0]);
  assert.equal((await order(page))[0], running[0]);
  clean(log);
  await context.close();
});

test('export, erase and import with the keyboard restore the same ranking; erase leaves nothing', async () => {
  const { page, context, log } = await env.page();
  await open(page);
  await view(page, running[0]);
  await view(page, running[1]);
  await page.evaluate(() => window.engine.avoid({ category: ['Bags'] }));
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('shelfwise-change')));
  const learned = await order(page);

  const downloaded = page.waitForEvent('download');
  await tabTo(page, '#export');
  await page.keyboard.press('Enter');
  const download = await downloaded;
  const file = join(await mkdtemp(join(tmpdir(), 'shelfwise-')), 'profile.json');
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.shelfwiseProfile.v, 2, "the current profile schema");
  assert.ok(exported.recentlyViewed.includes(running[0]));

  await eraseByKeyboard(page);
  assert.match(await page.locator('shelfwise-panel [role=status]').textContent(), /erased/);
  assert.deepEqual(await order(page), SERVER_ORDER);
  const s = await storageOf(page);
  assert.deepEqual(await shelfwiseKeys(page), [], 'no shelfwise key in localStorage or sessionStorage');
  assert.equal(s.cookie, '', 'no cookies');
  assert.deepEqual(await context.cookies(), []);
  assert.deepEqual(s.idb, [], 'no IndexedDB databases');

  const chooser = page.waitForEvent('filechooser');
  await tabTo(page, '#import-file');
  await page.keyboard.press('Space');
  await (await chooser).setFiles(file);
  await page.waitForFunction(() => /imported/.test(document.querySelector('shelfwise-panel').shadowRoot.querySelector('[role=status]').textContent));
  assert.deepEqual(await order(page), learned, 'the import ranks exactly as before');
  await page.waitForFunction(() => localStorage.getItem('shelfwise:v1:profile') !== null);
  clean(log);
  await context.close();
});

test('every panel action works with the keyboard only and is announced', async () => {
  const { page, context, log } = await env.page();
  await open(page);
  for (const id of running.slice(0, 2)) await view(page, id);
  const live = () => page.locator('shelfwise-panel [role=status]').textContent();
  const panelText = () => page.locator('shelfwise-panel').evaluate((p) => p.shadowRoot.textContent);

  // Remove one interest.
  await tabTo(page, 'button[aria-label="Remove interest Category: shoes › running"]');
  await page.keyboard.press('Enter');
  assert.match(await live(), /Removed Category: shoes › running/);
  assert.ok(!(await page.evaluate(() => window.engine.profile().interests.map((i) => i.key))).includes('c:shoes>running'));

  // "More like this" and "Not interested" on an interest; both show under "Your choices".
  await tabTo(page, 'button[aria-label="Not interested in Category: shoes"]');
  await page.keyboard.press('Enter');
  assert.match(await panelText(), /Not interested — Category: shoes/);
  await tabTo(page, 'button[aria-label="Undo: Not interested — Category: shoes"]');
  await page.keyboard.press('Enter');
  assert.match(await live(), /Undone/);
  assert.deepEqual(await page.evaluate(() => window.engine.profile().choices), []);
  const brand = await page.evaluate(() => window.engine.profile().interests.find((i) => i.kind === 'brand').value);
  await tabTo(page, `button[aria-label="More like Brand: ${brand}"]`);
  await page.keyboard.press('Enter');
  assert.match(await panelText(), new RegExp(`More like this — Brand: ${brand}`));

  // Remove one viewed item.
  await tabTo(page, `button[aria-label="Remove ${running[0]} from your history"]`);
  await page.keyboard.press('Enter');
  assert.deepEqual(await page.evaluate(() => window.engine.profile().recentlyViewed), [running[1]]);

  // Pause and resume.
  await tabTo(page, '#pause');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('shelfwise-panel #pause').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await order(page), SERVER_ORDER, 'paused: server order');
  assert.match(await live(), /paused/);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('shelfwise-panel #pause').getAttribute('aria-pressed'), 'false');
  assert.notDeepEqual(await order(page), SERVER_ORDER);

  // Erase, cancelled first.
  await tabTo(page, '#erase');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.match(await live(), /Nothing was erased/);
  assert.ok((await page.evaluate(() => window.engine.profile().recentlyViewed)).length > 0);

  // "Why" and the per-item choices in a product card.
  const last = SERVER_ORDER.find((id) => !running.includes(id));
  await tabTo(page, `li[data-id="${last}"] shelfwise-why button[aria-expanded]`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal((await order(page))[0], last, '"More like this" on an item puts it first');
  assert.match(await panelText(), /More like this — Product: /);

  // Every control in the panel has a name a screen reader announces.
  const unnamed = await page.locator('shelfwise-panel').evaluate((p) =>
    [...p.shadowRoot.querySelectorAll('button, input')].filter((b) =>
      !(b.getAttribute('aria-label') || b.textContent.trim() || (b.labels && b.labels.length))).length);
  assert.equal(unnamed, 0);
  clean(log);
  await context.close();
});

test('"why this" says what the top contribution is, with an honest count', async () => {
  const { page, context, log } = await env.page();
  await open(page);
  for (const id of running) await view(page, id);
  await view(page, running[0]); // a repeat view is not a new item
  const top = (await order(page))[0];
  const first = await page.evaluate((id) => window.engine.explain(id).contributions[0], top);
  assert.equal(first.key, 'c:shoes>running');
  assert.equal(first.count, running.length, 'distinct running shoes viewed');
  await tabTo(page, `li[data-id="${top}"] shelfwise-why button[aria-expanded]`);
  await page.keyboard.press('Enter');
  const text = await page.locator(`li[data-id="${top}"] shelfwise-why #why-text`).textContent();
  assert.equal(text, `Because you viewed ${running.length} items in shoes › running`);
  assert.equal(text, await page.evaluate((id) => window.shelfwisePanel.whyText(window.engine.explain(id)), top));

  // An explicit choice is what the sentence names first.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // "Not interested" in this item
  assert.notEqual((await order(page))[0], top);
  await tabTo(page, `li[data-id="${top}"] shelfwise-why button[aria-expanded]`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(`li[data-id="${top}"] shelfwise-why #why-text`).textContent(),
    'Shown lower because you said you are not interested in this item');

  // While paused, nothing is personalized, and the sentence says so.
  await page.evaluate(() => window.engine.pause());
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('shelfwise-change')));
  assert.equal(await page.evaluate((id) => window.shelfwisePanel.whyText(window.engine.explain(id)), running[1]),
    'Shown in the shop’s own order: nothing you did changed its place');
  clean(log);
  await context.close();
});

test('"why this" wording for each kind of contribution and choice', async () => {
  const { page, context } = await env.page();
  await open(page);
  const say = (x) => page.evaluate((e) => window.shelfwisePanel.whyText(e), x);
  const base = { personalScore: 1, impact: 0.6, choicePoints: 0, choices: [] };
  const top = (kind, value, count) => ({ ...base, contributions: [{ key: '', kind, value, points: 1, count }] });
  assert.equal(await say(top('category', 'shoes>running', 3)), 'Because you viewed 3 items in shoes › running');
  assert.equal(await say(top('brand', 'acme', 1)), 'Because you viewed 1 item from acme');
  assert.equal(await say(top('price', '13', 2)), 'Because you viewed 2 items priced about 64–91');
  assert.equal(await say(top('tag', 'trail', 2)), 'Because you viewed 2 items tagged “trail”');
  assert.equal(await say(top('facet', 'color=red', 4)), 'Because you viewed 4 items with color: red');
  assert.equal(await say(top('search', 'trail', 1)), 'Because you searched for “trail”');
  assert.equal(await say(top('search', 'trail', 2)), 'Because you searched for “trail” 2 times');
  assert.equal(await say(top('brand', 'acme', 0)), 'Because you showed interest in the brand acme');
  assert.equal(await say({ ...top('brand', 'acme', 3), choicePoints: 2, choices: [{ key: 'c:socks', kind: 'category', value: 'socks', more: true }] }),
    'Because you asked for more like socks');
  assert.equal(await say({ ...base, contributions: [], personalScore: 0 }), 'Shown in the shop’s own order: nothing you did changed its place');
  assert.equal(await say(undefined), 'This item was not in a recent personalized list.');
  await context.close();
});
