// The script-tag loader on a page that is still being parsed when the engine arrives: the wasm
// is instantiated and the stored profile read at once, while auto mode waits for the whole
// document, so items parsed after a slow script are ordered too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const doc = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>loader</title>
<script src="/pkg/shelfwise.loader.js" data-namespace="loader"></script></head><body>${body}</body></html>`;
const item = (id, category) => `<li data-sw-id="${id}" data-sw-category="${category}"><a href="/p/${id}">${id}</a></li>`;

test('a page still parsing: the profile is read before DOMContentLoaded, auto mode orders the whole list after it', async () => {
  const { page, log, context } = await env.page();
  // Every read of the stored profile, and when the document was parsed, in page time.
  await context.addInitScript(() => {
    window.__reads = [];
    const get = Storage.prototype.getItem;
    Storage.prototype.getItem = function (key) {
      if (key === 'loader:v1:profile') {
        window.__reads.push(performance.now());
        if (location.pathname === '/slow.html') window.__profileRead();
      }
      return get.call(this, key);
    };
    document.addEventListener('DOMContentLoaded', () => { window.__parsed = performance.now(); });
  });
  await context.route(`${env.base}/seed.html`, (r) => r.fulfill({ contentType: 'text/html', body: doc('<p>seed</p>') }));
  // The list's last two items come after a parser-blocking script that is held back until the
  // engine has read the stored profile on that page, so the glue and wasm arrive mid-parse
  // however slow the machine. A loader that reads it only after parsing never signals: the
  // script is then released after 20 s (that path only; page.goto waits 30 s), and the
  // assertion on when the profile was read fails.
  let profileRead;
  const read = new Promise((resolve) => { profileRead = resolve; });
  await context.exposeFunction('__profileRead', () => profileRead());
  await context.route(`${env.base}/slow.js`, async (r) => {
    await Promise.race([read, new Promise((resolve) => setTimeout(resolve, 20000).unref())]);
    await r.fulfill({ contentType: 'text/javascript', body: 'window.__slow = performance.now();' });
  });
  const list = `<ul data-sw-list="grid">${item('sku-1', 'Shoes')}<script src="/slow.js"></script>${item('sku-2', 'Bags')}${item('sku-3', 'Hats')}</ul>`;
  await context.route(`${env.base}/slow.html`, (r) => r.fulfill({ contentType: 'text/html', body: doc(list) }));

  // A shopper who viewed hats.
  await page.goto(`${env.base}/seed.html`);
  assert.equal(await ready(page), true);
  await page.evaluate(() => {
    for (let i = 0; i < 3; i++) window.shelfwise.engine.track({ type: 'view_item', item: { id: `hat-${i}`, category: ['Hats'] } });
    window.shelfwise.engine.flush();
  });

  await page.goto(`${env.base}/slow.html`);
  assert.equal(await ready(page), true);
  const { reads, parsed, slow } = await page.evaluate(() => ({ reads: window.__reads, parsed: window.__parsed, slow: window.__slow }));
  assert.ok(reads.length > 0, 'the stored profile was read');
  assert.ok(reads[0] < slow && slow <= parsed, `profile read at ${reads[0]} ms, while parsing (slow script ran at ${slow} ms, parsed at ${parsed} ms)`);
  const order = await page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId));
  assert.deepEqual(order, ['sku-3', 'sku-1', 'sku-2'], 'the hat parsed after the slow script comes first');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
  await context.close();
});
