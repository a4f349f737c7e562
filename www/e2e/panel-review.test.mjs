// Shopper panel actions that must do what they say (www/e2e-pages/privacy.html): the "why"
// box's choices while consent is denied, and importing the same file again after a refusal
// (each import re-renders a fresh, empty file input); the "why" button of every list on a page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, moduleApp, openHtml, pageHead } from './harness.mjs';
import { item } from './hat-grid.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const catalog = JSON.parse(await readFile(new URL('../e2e-pages/catalog/page-1.json', import.meta.url), 'utf8'));
const first = catalog.items[0].id;
const panelLive = (page) => page.locator('shelfwise-panel [role=status]').textContent();

async function open(page, hash = '') {
  await page.goto('about:blank');
  await page.goto(`${env.base}/e2e-pages/privacy.html${hash ? '#' + hash : ''}`);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Page'));
}

test('"More like this" in the why box while consent is denied says nothing was kept', async () => {
  const { page, context, log } = await env.page();
  await open(page, 'consent=denied');
  const why = page.locator(`li[data-id="${first}"] shelfwise-why`);
  await why.locator('button[aria-expanded]').click();
  await why.locator('button', { hasText: 'More like this' }).click();
  const said = await why.locator('[role=status]').textContent();
  assert.deepEqual(await page.evaluate(() => window.engine.profile().choices), [], 'denied: no choice is kept');
  assert.doesNotMatch(said, /You will see more/, 'it must not claim the choice was kept');
  assert.match(said, /off/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a file refused while consent is denied can be imported again after consent is given', async () => {
  const { page, context, log } = await env.page();
  await open(page);
  await page.click(`li[data-id="${first}"] button.view`);
  const exported = await page.evaluate(() => window.engine.exportProfile());
  const file = join(await mkdtemp(join(tmpdir(), 'shelfwise-')), 'profile.json');
  await writeFile(file, JSON.stringify(exported));
  await page.click('#deny');
  const input = page.locator('shelfwise-panel #import-file');
  await input.setInputFiles(file);
  await page.waitForFunction(() => /nothing was imported/.test(document.querySelector('shelfwise-panel').shadowRoot.querySelector('[role=status]').textContent));
  assert.equal(await input.evaluate((i) => i.value), '', 'the picker is cleared, so the same file can be picked again');
  await page.click('#grant');
  await input.setInputFiles(file);
  await page.waitForFunction(() => /imported/.test(document.querySelector('shelfwise-panel').shadowRoot.querySelector('[role=status]').textContent));
  assert.deepEqual(await page.evaluate(() => window.engine.profile().recentlyViewed), [first]);
  assert.equal(await input.evaluate((i) => i.value), '');
  assert.match(await panelLive(page), /imported/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

const running = catalog.items.filter((it) => it.category[0] === 'Shoes').map((it) => it.id);
const marks = (page) => page.evaluate(() => document.documentElement.dataset.shelfwiseSegments);

/** Views three shoes (the "hesitant" segment); resolves once `<html>` says so. */
async function becomeHesitant(page) {
  for (const id of running.slice(0, 3)) await page.click(`li[data-id="${id}"] button.view`);
  assert.match(await marks(page), /hesitant/);
}

test('a refused import says why in plain words; only an unforeseen error puts its detail in the console', async () => {
  // The shopper read "That did not work: profile: is not a Shelfwise profile export".
  const { page, context, log } = await env.page();
  await open(page);
  await page.click(`li[data-id="${first}"] button.view`);
  const exported = await page.evaluate(() => window.engine.exportProfile());
  const dir = await mkdtemp(join(tmpdir(), 'shelfwise-'));
  const input = page.locator('shelfwise-panel #import-file');
  /** The panel's sentence after importing a file holding `text`. */
  const importing = async (name, text) => {
    await writeFile(join(dir, name), text);
    await page.evaluate(() => { document.querySelector('shelfwise-panel').shadowRoot.querySelector('[role=status]').textContent = ''; });
    await input.setInputFiles(join(dir, name));
    await page.waitForFunction(() => document.querySelector('shelfwise-panel').shadowRoot.querySelector('[role=status]').textContent !== '');
    return panelLive(page);
  };
  const cases = [
    ['other.json', JSON.stringify({ v: 1, name: 'other app', items: [] }), 'That file is not your Shelfwise data: choose a file saved with “Download my data”.'],
    ['damaged.json', JSON.stringify(exported).slice(0, 40), 'That file is damaged or is not your Shelfwise data.'],
    ['newer.json', JSON.stringify({ ...exported, v: 99 }), 'Your data could not be imported. Nothing was changed.'],
  ];
  for (const [name, text, said] of cases) assert.equal(await importing(name, text), said, name);
  const warnings = log.console.filter((m) => m.type === 'warning');
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.match(warnings[0].text, /^\[shelfwise\] .*schema 99/, 'the detail, for the developer');
  assert.deepEqual(await page.evaluate(() => window.engine.profile().recentlyViewed), [first], 'nothing replaced');
  await page.click('#deny');
  assert.equal(await importing('export.json', JSON.stringify(exported)), 'Personalization is off, so nothing was imported.');
  assert.equal(log.console.filter((m) => m.type === 'warning').length, 1, 'the plain cases log nothing');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a "why" box choice the engine refuses says so in plain words, the detail in the console', async () => {
  const { page, context, log } = await env.page();
  await open(page);
  // An id longer than 200 bytes: the engine refuses it naming `target.id`.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', `<shelfwise-why id="long" item-id="${'x'.repeat(300)}"></shelfwise-why>`));
  const why = page.locator('shelfwise-why#long');
  await why.locator('button[aria-expanded]').click();
  await why.locator('button', { hasText: 'More like this' }).click();
  assert.equal(await why.locator('[role=status]').textContent(), 'That did not work. Nothing was changed.');
  const warnings = log.console.filter((m) => m.type === 'warning');
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.match(warnings[0].text, /^\[shelfwise\] .*id/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('<html data-shelfwise-segments> forgets the segments on erase, denied consent and pause', async () => {
  assert.ok(running.length >= 3, 'three shoes on the catalog page');
  const { page, context, log } = await env.page();
  await open(page);
  await becomeHesitant(page);
  await page.evaluate(() => window.engine.erase());
  assert.doesNotMatch(await marks(page), /hesitant/, 'erase: the page no longer says what was erased');

  await becomeHesitant(page);
  await page.click('#deny');
  assert.equal(await marks(page), '', 'denied: no segment is exposed');

  await page.click('#grant');
  await becomeHesitant(page);
  await page.evaluate(() => window.engine.pause());
  assert.equal(await marks(page), '', 'paused: no segment is exposed');
  await page.evaluate(() => window.engine.resume());
  assert.match(await marks(page), /hesitant/, 'resumed: the segments are back');
  await page.evaluate(() => window.engine.reset());
  assert.doesNotMatch(await marks(page), /hesitant/, 'reset: forgotten too');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the panel refuses a file far larger than any export without reading it', async () => {
  const { page, context, log } = await env.page();
  await open(page);
  await page.click(`li[data-id="${first}"] button.view`);
  const exported = await page.evaluate(() => window.engine.exportProfile());
  // A valid export padded to 3 MB: no export is near that (the profile is at most 16 KiB).
  const file = join(await mkdtemp(join(tmpdir(), 'shelfwise-')), 'big.json');
  await writeFile(file, JSON.stringify({ ...exported, rv: ['other'], pad: 'x'.repeat(3 * 1024 * 1024) }));
  await page.locator('shelfwise-panel #import-file').setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('shelfwise-panel').shadowRoot.querySelector('[role=status]').textContent !== '');
  assert.match(await panelLive(page), /too large/);
  assert.deepEqual(await page.evaluate(() => window.engine.profile().recentlyViewed), [first], 'nothing imported');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an erase in another tab empties this tab\'s open panel too', async () => {
  const { page, context, log } = await env.page();
  await open(page);
  await page.click(`li[data-id="${first}"] button.view`);
  await page.evaluate(() => window.engine.flush());
  const other = await context.newPage();
  other.on('pageerror', (e) => log.errors.push(String(e)));
  await open(other);
  const viewed = () => other.locator('shelfwise-panel #viewed').count();
  assert.equal(await viewed(), 1, 'the other tab\'s panel lists the viewed item');
  await page.evaluate(() => window.engine.erase());
  await other.waitForFunction(() => window.engine.profile().recentlyViewed.length === 0);
  // The panel refreshes on a 0 ms timer the storage event queued: a 0 ms timer queued now
  // runs after it, however late (a fixed 100 ms need not be, on a busy machine).
  await other.evaluate(() => new Promise((done) => setTimeout(done, 0)));
  assert.equal(await viewed(), 0, 'the erased history is no longer on screen');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('importProfile of an object that only carries a version number throws and keeps the profile', async () => {
  const { page, context } = await env.page();
  await open(page);
  await page.click(`li[data-id="${first}"] button.view`);
  const r = await page.evaluate(() => {
    const out = [];
    // Not exports: another app's settings file, or a hand-made stub. Each would have replaced
    // the shopper's whole profile with an empty one.
    for (const data of [{ v: 2 }, { v: 1, name: 'other app', items: [] }]) {
      try { window.engine.importProfile(data); out.push('accepted'); } catch (e) { out.push(e.message); }
    }
    return { out, viewed: window.engine.profile().recentlyViewed };
  });
  for (const m of r.out) assert.match(m, /profile: is not a Shelfwise profile export/);
  assert.equal(r.viewed.length, 1, 'the profile is unchanged');
  // A real export still imports.
  assert.equal(await page.evaluate(() => window.engine.importProfile(window.engine.exportProfile())), false);
  await context.close();
});

test('the panel lists the segments the engine reports ("Groups you are in")', async () => {
  const { page, context, log } = await env.page();
  await open(page);
  await becomeHesitant(page);
  await page.evaluate(() => globalThis.shelfwisePanel.refresh());
  const groups = page.locator('shelfwise-panel #segments li');
  // engine.segments() is `{ names: [...] }`: the panel read only an array and showed nothing.
  // One row per name, in plain words (panel-rights.test.mjs checks the words).
  assert.equal(await groups.count(), (await page.evaluate(() => window.engine.segments().names)).length);
  assert.ok((await groups.allTextContents()).some((g) => g.startsWith('Looked at several products in shoes')));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a panel and a "why" button given the core build\'s engine (no profile or explain) say so and throw nothing', async () => {
  const { page, log, context } = await openHtml(env, 'core-panel', pageHead('core panel',
    '<script src="/pkg/shelfwise.loader.js" data-build="core" data-namespace="corepanel"></script><script src="/pkg/shelfwise-panel.js"></script>')
    + `<body><shelfwise-panel></shelfwise-panel><shelfwise-why item-id="a"></shelfwise-why>
<script>window.shelfwise = window.shelfwise || []; shelfwise.push(({ engine }) => { try { shelfwisePanel.connect(engine); } finally { window.connected = true; } });</script>
</body></html>`);
  await page.waitForFunction(() => window.connected);
  assert.match(await page.locator('shelfwise-panel .note').textContent({ timeout: 2000 }), /not available on this page/);
  await page.locator('shelfwise-why button[aria-expanded]').click();
  assert.match(await page.locator('shelfwise-why #why-text').textContent({ timeout: 2000 }), /not available on this page/);
  // The core build's engine has no profile(): the panel threw a TypeError into the page.
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error'), []);
  // The shopper reads "not available"; the page's developer was told nothing of why.
  assert.deepEqual(log.console.filter((m) => m.type === 'warning').map((m) => m.text),
    ['[shelfwise] shelfwisePanel.connect: this engine has no profile() or explain() (the core build, data-build="core"): the panel needs the full build']);
  await context.close();
});

test('on a page with two managed lists, the "why" button of the first list\'s item explains it', async () => {
  // Auto mode ranks each list in turn; explain() answered only from the last one ranked, so
  // every other list's button said its item "was not in the latest personalized list".
  const withWhy = (id, category) => item(id, category).replace('</li>', `<shelfwise-why item-id="${id}"></shelfwise-why></li>`);
  const list = (id) => `<ul data-sw-list="grid" id="${id}">${['Shoes', 'Bags', 'Hats'].map((c, i) => withWhy(`${id}-${i + 1}`, c)).join('')}</ul>`;
  const app = moduleApp({ namespace: 'twolists', storage: 'memory' }, `
for (let i = 0; i < 3; i++) engine.track({ type: 'view_item', item: { id: 'hat-' + i, category: ['Hats'] } });
startAuto(engine, { impressions: false });
shelfwisePanel.connect(engine);
window.connected = true;`);
  const { page, log, context } = await openHtml(env, 'two-lists', pageHead('two lists', '<script src="/pkg/shelfwise-panel.js"></script>')
    + `<body>${list('first')}${list('second')}${app}</body></html>`);
  await page.waitForFunction(() => window.connected);
  for (const id of ['first', 'second']) {
    assert.equal(await page.$eval(`#${id} > li`, (l) => l.dataset.swId), `${id}-3`, `${id}: the hat leads`);
    const why = page.locator(`li[data-sw-id="${id}-3"] shelfwise-why`);
    await why.locator('button[aria-expanded]').click();
    assert.match(await why.locator('#why-text').textContent(), /^Because you viewed 3 items in hats$/i, `${id} list`);
  }
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error'), []);
  await context.close();
});

test('the panel\'s remove button forgets one search: profile, export and storage no longer hold it', async () => {
  const { page, context, log } = await env.page();
  await open(page);
  await page.evaluate(() => {
    for (const query of ['Red Boots', 'blue socks']) window.engine.track({ type: 'search', query });
    globalThis.shelfwisePanel.refresh();
  });
  const rows = page.locator('shelfwise-panel #searches li');
  assert.deepEqual(await rows.allTextContents(), ['blue socksRemove', 'red bootsRemove']);
  await page.locator('shelfwise-panel button[aria-label="Remove the search “red boots” from your history"]').click();
  assert.match(await panelLive(page), /Removed the search “red boots”/);
  assert.deepEqual(await rows.allTextContents(), ['blue socksRemove']);
  // Focus moves to the remove button that took the removed one's place, else to the heading.
  const focused = () => page.locator('shelfwise-panel').evaluate((p) => p.shadowRoot.activeElement?.getAttribute('aria-label') || p.shadowRoot.activeElement?.id);
  assert.equal(await focused(), 'Remove the search “blue socks” from your history');
  const held = () => page.evaluate(() => {
    window.engine.flush();
    const p = window.engine.profile();
    return { searches: p.searches, terms: p.interests.map((i) => i.key).filter((k) => k.startsWith('q:')),
      text: JSON.stringify(window.engine.exportProfile()) + JSON.stringify(localStorage) + JSON.stringify(sessionStorage) };
  });
  for (const when of ['after the click', 'after a reload']) {
    const h = await held();
    assert.deepEqual(h.searches, ['blue socks'], when);
    assert.deepEqual(h.terms.sort(), ['q:blue', 'q:socks'], when);
    assert.doesNotMatch(h.text, /red boots|q:red|q:boots/i, when);
    assert.deepEqual(await rows.allTextContents(), ['blue socksRemove'], when);
    await open(page);
  }
  await page.locator('shelfwise-panel #searches button').click();
  assert.equal(await focused(), 'searches-heading', 'the last one removed: focus on the heading');
  assert.deepEqual(await page.evaluate(() => window.engine.profile().searches), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('panel.itemName that knows only some ids, or throws: the others show their id, and the panel still shows', async () => {
  // A shop's lookup (`(id) => catalog[id]?.name`) knows only the products on the page: the
  // panel showed "undefined" for the others, and a lookup that threw left it empty.
  for (const [name, lookup, expected] of [
    ['partial', '(id) => ({ "v-1": "Sun hat" })[id]', ['v-2', 'Sun hat', 'v-0']],
    ['throws', '() => { throw new Error("no catalog yet"); }', ['v-2', 'v-1', 'v-0']],
    ['blank', '() => " "', ['v-2', 'v-1', 'v-0']],
  ]) {
    const app = moduleApp({ namespace: `names-${name}`, storage: 'memory' }, `
for (let i = 0; i < 3; i++) engine.track({ type: 'view_item', item: { id: 'v-' + i, category: ['Hats'] } });
document.querySelector('shelfwise-panel').itemName = ${lookup};
shelfwisePanel.connect(engine);
window.connected = true;`);
    const { page, log, context } = await openHtml(env, `names-${name}`, pageHead('item names', '<script src="/pkg/shelfwise-panel.js"></script>')
      + `<body><shelfwise-panel></shelfwise-panel>${app}</body></html>`);
    await page.waitForFunction(() => window.connected);
    assert.deepEqual(await page.locator('shelfwise-panel #viewed li .label').allTextContents(), expected, name);
    assert.equal(await page.locator('shelfwise-panel #viewed li button').first().getAttribute('aria-label'),
      `Remove ${expected[0]} from your history`, name);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

/** A page with a panel connected to an in-memory engine (`window.engine`) that has viewed
 * `views` hats, v-0, v-1, …. */
async function panelPage(name, views) {
  const app = moduleApp({ namespace: name, storage: 'memory' }, `
for (let i = 0; i < ${views}; i++) engine.track({ type: 'view_item', item: { id: 'v-' + i, category: ['Hats'] } });
shelfwisePanel.connect(engine);
window.engine = engine;
window.connected = true;`);
  const opened = await openHtml(env, name, pageHead(name, '<script src="/pkg/shelfwise-panel.js"></script>')
    + `<body><shelfwise-panel></shelfwise-panel>${app}</body></html>`);
  await opened.page.waitForFunction(() => window.connected);
  return opened;
}

test('"Undo" after "Not interested" on an interest brings the interest back as strong as it was', async () => {
  // "Not interested" removed the learned interest as well, so its Undo cleared the choice but
  // the interest stayed gone.
  const { page, log, context } = await panelPage('undo-avoid', 3);
  const hats = () => page.evaluate(() => window.engine.profile().interests.find((i) => i.key === 'c:hats'));
  const rows = () => page.locator('shelfwise-panel #interests li .label').allTextContents();
  const before = await hats();
  assert.ok(before && before.strength > 0, 'the views were learned');
  const rowsBefore = await rows();
  await page.locator('shelfwise-panel button[aria-label="Not interested in Category: hats"]').click();
  assert.deepEqual((await page.evaluate(() => window.engine.profile().choices)).map((c) => c.key), ['c:hats']);
  assert.ok(!(await rows()).includes('Category: hats'), 'no longer listed as an interest');
  await page.locator('shelfwise-panel button[aria-label="Undo: Not interested — Category: hats"]').click();
  assert.match(await panelLive(page), /Undone/);
  assert.deepEqual(await page.evaluate(() => window.engine.profile().choices), []);
  assert.deepEqual(await hats(), before, 'the interest is back, as strong as it was');
  assert.deepEqual(await rows(), rowsBefore);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('Escape cancels the erase confirmation: nothing is erased and focus goes back to "Erase everything"', async () => {
  const { page, log, context } = await panelPage('erase-escape', 1);
  const focused = () => page.locator('shelfwise-panel').evaluate((p) => p.shadowRoot.activeElement?.id);
  for (const start of ['#erase-no', '#erase-yes']) {
    await page.locator('shelfwise-panel #erase').click();
    await page.locator(`shelfwise-panel ${start}`).focus();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('shelfwise-panel #erase-yes').count(), 0, `the confirmation is gone (Escape on ${start})`);
    assert.equal(await focused(), 'erase');
    assert.match(await panelLive(page), /Nothing was erased/);
    assert.deepEqual(await page.evaluate(() => window.engine.profile().recentlyViewed), ['v-0']);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});
