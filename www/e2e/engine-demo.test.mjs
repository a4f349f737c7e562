// The minimal engine demo in a real browser: server order first, reorder after views,
// persistence across reloads, and only same-origin requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const order = (page) => page.$$eval('#grid > li', (lis) => lis.map((li) => li.dataset.id));

test('grid starts in server order, reorders after views and survives a reload', async () => {
  const { page, log } = await env.page();
  await page.goto(`${env.base}/index.html`);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Profile'));
  assert.deepEqual(await order(page), ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);

  // View two hats (p3, p6): hats move to the front, the viewed button keeps focus.
  await page.click('li[data-id="p3"] button');
  await page.click('li[data-id="p6"] button');
  const now = await order(page);
  assert.deepEqual(now.slice(0, 2).sort(), ['p3', 'p6']);
  assert.equal(await page.evaluate(() => document.activeElement.closest('li').dataset.id), 'p6');
  assert.match(await page.textContent('li[data-id="p3"] .why'), /category “hats”/);

  await page.reload();
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Profile'));
  assert.deepEqual((await order(page)).slice(0, 2).sort(), ['p3', 'p6'], 'profile survived the reload');

  // Reset brings back the server order and empties storage.
  await page.click('#reset');
  assert.deepEqual(await order(page), ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);
  assert.equal(await page.evaluate(() => localStorage.getItem('shelfwise-demo:v1:profile')), null);

  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error'), []);
  for (const r of log.requests) {
    assert.equal(r.method, 'GET', r.url);
    assert.ok(r.url.startsWith(env.base + '/'), `same-origin only: ${r.url}`);
  }
});
