// Runs the README's example block verbatim in Chromium and checks what it logs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('the README example runs as written', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const match = readme.match(/<!-- readme-example[^>]*-->\s*```js\n([\s\S]*?)```/);
  assert.ok(match, 'README has a marked example block');
  const { page, log } = await env.page();
  await page.goto(`${env.base}/index.html`);
  await page.evaluate(() => localStorage.clear());
  const logged = [];
  page.on('console', (m) => logged.push(m));
  await page.addScriptTag({ type: 'module', content: `${match[1]}\nwindow.__readmeDone = true;` });
  await page.waitForFunction(() => window.__readmeDone === true);
  const values = await Promise.all(logged.map((m) => Promise.all(m.args().map((a) => a.jsonValue()))));
  const order = values.find((v) => Array.isArray(v[0]))?.[0];
  assert.deepEqual(order, ['sku-7', 'sku-9']);
  const top = values.find((v) => v[0] && v[0].kind)?.[0];
  assert.equal(top.kind, 'category');
  assert.equal(top.value, 'shoes');
  assert.deepEqual(log.errors, []);
});
