// A shopper's rights walked through in the panel (www/e2e-pages/privacy.html): every kind of
// fact the profile stores is shown in plain words and can be removed, and a removal holds in
// storage and after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const catalog = JSON.parse(await readFile(new URL('../e2e-pages/catalog/page-1.json', import.meta.url), 'utf8'));
const [carted, bought] = catalog.items.slice(-2);
const line = (it) => ({ id: it.id, category: it.category, quantity: 1 });

async function open(page) {
  await page.goto('about:blank');
  await page.goto(`${env.base}/e2e-pages/privacy.html`);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Page'));
}

test('the panel shows the items in the cart and the items bought, and each can be removed for good', async () => {
  // The profile keeps the last 30 carted and 50 purchased ids (`rc`, `rp`); the panel listed
  // neither, so a purchase never viewed was stored with nothing on screen to see or remove.
  const { page, context, log } = await env.page();
  await open(page);
  await page.evaluate(([c, b]) => {
    window.engine.track({ type: 'add_to_cart', items: [c] });
    window.engine.track({ type: 'purchase', items: [b], transactionId: 'order-1' });
    window.engine.flush();
    globalThis.shelfwisePanel.refresh();
  }, [line(carted), line(bought)]);
  const rows = (id) => page.locator(`shelfwise-panel #${id} li .label`).allTextContents();
  assert.deepEqual(await rows('cart'), [carted.id], 'the panel lists the item in the cart');
  assert.deepEqual(await rows('bought'), [bought.id], 'the panel lists the item bought');
  await page.locator(`shelfwise-panel button[aria-label="Remove ${bought.id} from your purchases"]`).click();
  assert.match(await page.locator('shelfwise-panel [role=status]').textContent(), new RegExp(`Removed ${bought.id}`));
  for (const when of ['after the click', 'after a reload']) {
    const stored = await page.evaluate(() => { window.engine.flush(); return JSON.parse(localStorage.getItem('shelfwise:v1:profile')); });
    assert.deepEqual(stored.rp, [], when + ': no purchase stored');
    assert.deepEqual(stored.rc, [carted.id], when);
    assert.deepEqual(await rows('bought'), [], when);
    assert.deepEqual(await rows('cart'), [carted.id], when);
    await open(page);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('"Groups you are in" says in plain words what each group means, not the segment\'s name', async () => {
  // The panel showed the raw names ("new", "hesitant", "enthusiast"): a shopper cannot tell
  // what "hesitant" says about them, or why.
  const { page, context, log } = await env.page();
  await open(page);
  const shoes = catalog.items.filter((it) => it.category[0] === 'Shoes').slice(0, 3);
  for (const it of shoes) await page.click(`li[data-id="${it.id}"] button.view`);
  await page.evaluate(() => globalThis.shelfwisePanel.refresh());
  const names = await page.evaluate(() => window.engine.segments().names);
  assert.ok(names.includes('hesitant') && names.includes('new'), names.join(' '));
  const groups = await page.locator('shelfwise-panel #segments li').allTextContents();
  assert.equal(groups.length, names.length, 'one row per group');
  assert.ok(groups.includes('New visitor'), groups.join(' | '));
  assert.ok(groups.includes('Looked at several products in shoes without adding one to the cart'), groups.join(' | '));
  for (const name of names) assert.ok(!groups.includes(name), `the raw name "${name}" is not shown`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('consent withdrawn and given again does not bring back what the withdrawal erased', async () => {
  // setConsent('pending') erased storage but kept the whole profile read from it in memory, so
  // giving consent again wrote every earlier visit's history back.
  const { page, context, log } = await env.page();
  await open(page);
  const [earlier, now] = catalog.items.slice(0, 2).map((it) => it.id);
  await page.click(`li[data-id="${earlier}"] button.view`);
  await page.evaluate(() => window.engine.flush());
  await open(page); // a later page: the earlier view comes from storage
  await page.click(`li[data-id="${now}"] button.view`);
  await page.click('#withdraw');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['shelfwise:v1:consent'],
    'withdrawal erased storage but its own record');
  assert.deepEqual(await page.evaluate(() => window.engine.profile().recentlyViewed), [now],
    'pending keeps only what this page learned');
  await page.click('#grant');
  const stored = await page.evaluate(() => { window.engine.flush(); return JSON.parse(localStorage.getItem('shelfwise:v1:profile')); });
  assert.deepEqual(stored.rv, [now], 'consent given again stores only what was learned since the page opened');
  assert.doesNotMatch(JSON.stringify(stored), new RegExp(`"${earlier}"`));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('removing an item in the panel takes back the interests it taught, and only its part', async () => {
  // Removing the hat (the only hat viewed) kept "Category: hats" in the panel, counting 1 item,
  // and the hat's "why" still said "Because you viewed 1 item in hats".
  const { page, context, log } = await env.page();
  await open(page);
  const [hat, acmeShoe, trail] = ['p1-6', 'p1-5', 'p1-4'];
  for (const id of [hat, acmeShoe, trail]) await page.click(`li[data-id="${id}"] button.view`);
  const interests = () => page.evaluate(() => Object.fromEntries(window.engine.profile().interests.map((i) => [i.key, i])));
  const before = await interests();
  assert.equal(before['c:hats'].count, 1, 'the hat taught "hats"');
  assert.equal(before['b:acme'].count, 2, 'the hat and a shoe taught "acme"');
  await page.locator(`shelfwise-panel button[aria-label="Remove ${hat} from your history"]`).click();
  const labels = () => page.locator('shelfwise-panel #interests li .label').allTextContents();
  for (const when of ['after the click', 'after a reload']) {
    const after = await interests();
    assert.equal(after['c:hats'], undefined, when + ': removing the only hat keeps "hats": ' + JSON.stringify(after['c:hats']));
    assert.ok(!(await labels()).includes('Category: hats'), when + ': ' + (await labels()).join(' | '));
    assert.equal(after['b:acme'].count, 1, when + ': "acme" stays, counting the shoe only');
    assert.ok(after['b:acme'].score < before['b:acme'].score, when + ': "acme" is weaker');
    assert.ok(after['c:shoes>trail'] && after['c:shoes>trail'].count === 1, when + ': the trail shoe\'s interests stay');
    // The hat's "why" no longer names a view the history does not show.
    const why = page.locator(`li[data-id="${hat}"] shelfwise-why`);
    await why.locator('button').first().click();
    assert.doesNotMatch(await why.locator('#why-text').textContent(), /hats/, when);
    const stored = await page.evaluate(() => { window.engine.flush(); return JSON.parse(localStorage.getItem('shelfwise:v1:profile')); });
    assert.ok(!stored.a.some((a) => a[0] === 'c:hats'), when + ': stored without "hats"');
    await open(page);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('"Download my data" saves a file a person can read, and importing it restores the same profile', async () => {
  // The file was the compact stored form (keys `a`, `rv`, `rc`, `nb`, …, minutes since 1970),
  // readable only with the README's list.
  const { page, context, log } = await env.page();
  await open(page);
  for (const id of ['p1-2', 'p1-5']) await page.click(`li[data-id="${id}"] button.view`);
  await page.evaluate(() => { window.engine.avoid({ category: ['Bags'] }); globalThis.shelfwisePanel.refresh(); });
  const profile = () => page.evaluate(() => {
    const p = window.engine.profile();
    return { interests: p.interests.map((i) => [i.key, i.count]), viewed: p.recentlyViewed, choices: p.choices };
  });
  const before = await profile();
  const downloaded = page.waitForEvent('download');
  await page.locator('shelfwise-panel #export').click();
  const dir = await mkdtemp(join(tmpdir(), 'shelfwise-rights-'));
  const file = join(dir, 'mine.json');
  await (await downloaded).saveAs(file);
  const text = await readFile(file, 'utf8');
  const data = JSON.parse(text);
  for (const key of ['a', 'rv', 'rc', 'rp', 'nb', 'w', 'o', 'x']) {
    assert.ok(!(key in data), `the file's top-level key "${key}" is the compact form's`);
  }
  assert.match(data.about, /never sent anywhere/);
  assert.match(data.exportedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d/, 'dates as ISO text');
  assert.match(data.lastActivityAt, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(data.recentlyViewed, ['p1-5', 'p1-2']);
  const running = data.interests.find((i) => i.key === 'c:shoes>running');
  assert.equal(running.interest, 'Category: shoes › running', 'interests in words');
  assert.equal(running.itemsOrSearchesBehindIt, 2);
  assert.match(running.lastReinforcedAt, /^\d{4}-/);
  assert.deepEqual(data.yourChoices.map((c) => [c.choice, c.about]), [['Not interested', 'Category: bags']]);
  assert.equal(data.shelfwiseProfile.v, 2, 'the compact form is kept inside, for import');

  const live = () => page.locator('shelfwise-panel [role=status]').textContent();
  const input = page.locator('shelfwise-panel #import-file');
  const importing = async (path) => {
    await page.evaluate(() => { document.querySelector('shelfwise-panel').shadowRoot.querySelector('[role=status]').textContent = ''; });
    await input.setInputFiles(path);
    await page.waitForFunction(() => document.querySelector('shelfwise-panel').shadowRoot.querySelector('[role=status]').textContent !== '');
    return live();
  };
  const compact = await page.evaluate(() => window.engine.exportProfile());
  await page.evaluate(() => window.engine.erase());
  assert.equal(await importing(file), 'Your data was imported.');
  assert.deepEqual(await profile(), before, 'the readable file restores the same profile');
  // An export saved before (the compact form itself) still imports; a readable file whose
  // compact form is missing is refused in plain words, changing nothing.
  await page.evaluate(() => window.engine.erase());
  await writeFile(join(dir, 'old.json'), JSON.stringify(compact));
  assert.equal(await importing(join(dir, 'old.json')), 'Your data was imported.');
  assert.deepEqual(await profile(), before, 'an older, compact export restores it too');
  await writeFile(join(dir, 'bad.json'), JSON.stringify({ ...data, shelfwiseProfile: 'lost' }));
  assert.equal(await importing(join(dir, 'bad.json')),
    'That file is not your Shelfwise data: choose a file saved with “Download my data”.');
  assert.deepEqual(await profile(), before, 'nothing changed');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an item in several lists: each row\'s "Remove" names every list it leaves', async () => {
  // The cart row's button read "Remove <id> from your cart history", yet it removed the item
  // from "Recently viewed" too (removeItem forgets it everywhere): a screen reader user was told
  // less than what happened.
  const { page, context, log } = await env.page();
  await open(page);
  await page.evaluate((c) => {
    window.engine.track({ type: 'view_item', item: c });
    window.engine.track({ type: 'add_to_cart', items: [c] });
    globalThis.shelfwisePanel.refresh();
  }, line(carted));
  const label = `Remove ${carted.id} from your history and your cart history`;
  const labels = (id) => page.locator(`shelfwise-panel #${id} li button`).evaluateAll((b) => b.map((x) => x.getAttribute('aria-label')));
  assert.deepEqual(await labels('viewed'), [label]);
  assert.deepEqual(await labels('cart'), [label]);
  await page.locator('shelfwise-panel #cart li button').click();
  const rows = (id) => page.locator(`shelfwise-panel #${id} li`).count();
  assert.deepEqual([await rows('viewed'), await rows('cart')], [0, 0], 'gone from both lists, as the label said');
  assert.deepEqual(log.errors, []);
  await context.close();
});
