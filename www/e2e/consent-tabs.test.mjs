// A consent withdrawal holds in every open tab of the shop (www/e2e-pages/privacy.html, whose
// stand-in banner calls engine.setConsent): two pages of one browser context share
// localStorage. Before, the other tab, still on "granted", went on writing its new events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const catalog = JSON.parse(await readFile(new URL('../e2e-pages/catalog/page-1.json', import.meta.url), 'utf8'));
const [first, second, third] = catalog.items.map((it) => it.id);

async function open(page, hash = '') {
  await page.goto(`${env.base}/e2e-pages/privacy.html${hash ? '#' + hash : ''}`);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Page'));
}

const view = (page, id) => page.click(`li[data-id="${id}"] button.view`);
const consent = (page) => page.evaluate(() => window.engine.consent);
/** Writes what the page has pending now (as on leaving it), then reads the stored profile. */
const stored = (page) => page.evaluate(() => { window.engine.flush(); return localStorage.getItem('shelfwise:v1:profile'); });

/** Two tabs of the shop, both with consent and a stored view. */
async function twoTabs() {
  const { page: a, context, log } = await env.page();
  await open(a);
  const b = await context.newPage();
  await open(b);
  await view(b, first);
  assert.match(await stored(b), new RegExp(first));
  return { a, b, context, log };
}

for (const [button, mode] of [['#withdraw', 'pending'], ['#deny', 'denied']]) {
  test(`a withdrawal to ${mode} in one tab stops the other tab storing`, async () => {
    const { a, b, context, log } = await twoTabs();
    await a.click(button);
    assert.equal(await a.evaluate(() => localStorage.getItem('shelfwise:v1:profile')), null);
    // Once the other tab's storage shows the erase (its `storage` events may come later), it
    // views two more items, each written at once if it writes at all.
    await b.waitForFunction(() => localStorage.getItem('shelfwise:v1:profile') === null);
    for (const id of [second, third]) {
      await view(b, id);
      assert.equal(await stored(b), null, `the other tab stored ${id} after a withdrawal to ${mode}`);
    }
    assert.equal(await consent(b), mode, 'the other tab follows the withdrawal');
    assert.equal(await b.evaluate(() => localStorage.getItem('shelfwise:v1:consent')), mode);
    // A page opened now starts from the refusal, whatever its configuration says.
    const c = await context.newPage();
    await open(c);
    assert.equal(await consent(c), mode);
    await view(c, third);
    assert.equal(await stored(c), null, 'a new page stored after the withdrawal');
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test('consent given again in one tab lets the other tab store again', async () => {
  const { a, b, context, log } = await twoTabs();
  await a.click('#deny');
  await b.waitForFunction(() => window.engine.consent === 'denied');
  await a.click('#grant');
  await b.waitForFunction(() => window.engine.consent === 'granted');
  await view(b, second);
  const text = await stored(b);
  assert.match(text ?? '', new RegExp(second), 'the other tab stores again');
  assert.doesNotMatch(text, new RegExp(`"${first}"`), 'nothing the refusal erased comes back');
  assert.deepEqual(log.errors, []);
  await context.close();
});
