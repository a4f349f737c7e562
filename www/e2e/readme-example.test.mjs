// Runs the README's example block verbatim in Chromium and checks what it logs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engineModule, launch, openHtml, pageHead } from './harness.mjs';
import { readme, readmeExample } from './readme-blocks.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('the README example runs as written', async () => {
  const example = await readmeExample(assert, 'module');
  const { page, log } = await env.page();
  await page.goto(`${env.base}/index.html`);
  await page.evaluate(() => localStorage.clear());
  const logged = [];
  page.on('console', (m) => logged.push(m));
  await page.addScriptTag({ type: 'module', content: `${example}\nwindow.__readmeDone = true;` });
  await page.waitForFunction(() => window.__readmeDone === true);
  const values = await Promise.all(logged.map((m) => Promise.all(m.args().map((a) => a.jsonValue()))));
  const order = values.find((v) => Array.isArray(v[0]))?.[0];
  assert.deepEqual(order, ['sku-7', 'sku-9']);
  const top = values.find((v) => v[0] && v[0].kind)?.[0];
  // The comment after the call says what it logs (points aside).
  const said = example.match(/\/\/ \{ key: '([^']+)', kind: '([^']+)', value: '([^']+)', points: …, count: (\d+) \}/);
  assert.ok(said, 'the example says what explain logs');
  assert.deepEqual([top.key, top.kind, top.value, top.count], [said[1], said[2], said[3], Number(said[4])]);
  assert.equal(typeof top.points, 'number');
  assert.deepEqual(log.errors, []);
});

test('the README recommendations example returns what its comment says', async () => {
  const example = await readmeExample(assert, 'recommend');
  const said = example.match(/\/\/ → \[\{ id: "([^"]+)", reason: \{ kind: "([^"]+)", item: "([^"]+)" \} \}, …\]/);
  assert.ok(said, 'the block ends with the result it promises');
  // The block as written, with `engine` and a small pack (sku-42's neighbours: sku-7 first) in scope
  // and its last call's result kept.
  const body = example.replace(/^engine\.recommend\(/m, 'window.__recs = engine.recommend(');
  assert.notEqual(body, example, 'the block calls engine.recommend');
  const pack = {
    popularity: { overall: [['sku-5', 90], ['sku-2', 80]], categories: { 'shoes>running': [['sku-5', 40]] } },
    items: { 'sku-42': { related: [['sku-7', 900], ['sku-8', 400]], boughtTogether: [['sku-9', 500]] } },
  };
  const { page, log } = await env.page();
  await page.goto(`${env.base}/index.html`);
  await page.evaluate(() => localStorage.clear());
  await page.addScriptTag({ type: 'module', content: engineModule({ namespace: 'readme-recommend' }, `const pack = ${JSON.stringify(pack)};
${body}
window.__readmeDone = true;`) });
  await page.waitForFunction(() => window.__readmeDone === true);
  const recs = await page.evaluate(() => window.__recs);
  assert.deepEqual(recs[0], { id: said[1], reason: { kind: said[2], item: said[3] } });
  assert.ok(recs.length >= 4 && recs.length <= 8, `count: 8 at most, filled from the pack (${recs.length})`);
  assert.ok(!recs.some((r) => r.id === 'sku-42'), 'never the anchor item');
  assert.deepEqual(log.errors, []);
});

test('the API section\'s error messages are the ones the engine throws', async () => {
  const readmeText = await readme();
  const bad = readmeText.match(/\(`(shelfwise: items\[3\]\.price: [^`]*)`\)/);
  const unreadable = readmeText.match(/\(`(shelfwise: items\[3\]: could not be read \()…\)`/);
  const setting = readmeText.match(/throws: `(shelfwise: config\.halfLifeDays: [^`]*)`/);
  assert.ok(bad && unreadable && setting, 'README quotes the three messages');
  const { page, log } = await env.page();
  await page.goto(`${env.base}/index.html`);
  const got = await page.evaluate(async () => {
    const { default: init, Engine } = await import('/pkg/shelfwise.js');
    await init();
    const engine = new Engine({ storage: 'memory' });
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd', price: -1 }];
    const message = (f) => { try { f(); return null; } catch (e) { return e instanceof Error && e.message; } };
    const price = message(() => engine.rank(items));
    const throwing = [...items.slice(0, 3), { get id() { throw new Error('boom'); } }];
    const read = message(() => engine.rank(throwing));
    const setting = message(() => new Engine({ halfLifeDays: '14' }));
    return { price, read, setting, after: engine.rank(items.slice(0, 3)) };
  });
  // Markdown renders a line break inside a code span as a space.
  const text = (m) => m[1].replace(/\s+/g, ' ');
  assert.equal(got.price, text(bad));
  assert.ok(got.read?.startsWith(text(unreadable)), got.read);
  assert.equal(got.setting, text(setting));
  assert.deepEqual(got.after, ['a', 'b', 'c'], 'the engine stays usable');
  assert.deepEqual(log.errors, []);
});

test('the README framework example starts auto mode on the page\'s markup', async () => {
  const example = await readmeExample(assert, 'framework');
  // A bundler resolves the package name; here an import map does.
  const html = `${pageHead('framework', '<script type="importmap">{ "imports": { "shelfwise": "/pkg/shelfwise.js" } }</script>')}<body>
<ul data-sw-list="grid"><li data-sw-id="sku-1" data-sw-category="Shoes">Trail runner</li><li data-sw-id="sku-2" data-sw-category="Hats">Sun hat</li></ul>
<script type="module">${example}\nwindow.__auto = auto;</script></body></html>`;
  const { page, log, context } = await openHtml(env, 'framework', html);
  await page.waitForFunction(() => window.__auto !== undefined);
  assert.equal(await page.$eval('[data-sw-list]', (l) => l.hasAttribute('data-sw-managed')), true, 'the grid is managed');
  await page.evaluate(() => localStorage.removeItem('myshop:v1:profile'));
  await page.click('text=Sun hat');
  // The click on a managed item is learned and stored under the example's namespace.
  await page.waitForFunction(() => (localStorage.getItem('myshop:v1:profile') || '').includes('hats'), null, { timeout: 5000 });
  await page.evaluate(() => window.__auto.stop());
  assert.equal(await page.$eval('[data-sw-list]', (l) => l.hasAttribute('data-sw-managed')), false, 'stop() releases it');
  assert.deepEqual(log.errors, []);
  await context.close();
});
