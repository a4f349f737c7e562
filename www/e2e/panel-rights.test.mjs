// A shopper's rights walked through in the panel (www/e2e-pages/privacy.html): every kind of
// fact the profile stores is shown in plain words and can be removed, and a removal holds in
// storage and after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
