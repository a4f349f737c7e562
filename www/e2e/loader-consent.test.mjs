// The loader's `data-consent` attribute: a shop that needs consent and uses only the script tag
// starts in "pending" (nothing stored until its banner calls setConsent('granted')) or
// "denied"; a value the engine does not know keeps the server order and says why, once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const doc = (consent) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>consent</title>
<script>window.shelfwiseConfig = { consent: 'granted' };</script>
<script src="/pkg/shelfwise.loader.js" data-namespace="tagconsent" data-consent="${consent}"></script></head>
<body><ul data-sw-list="grid"><li data-sw-id="a" data-sw-category="Bags">a</li><li data-sw-id="b" data-sw-category="Shoes">b</li></ul></body></html>`;

async function open(consent) {
  const { page, context, log } = await env.page();
  await context.route(`${env.base}/consent.html`, (r) => r.fulfill({ contentType: 'text/html', body: doc(consent) }));
  await page.goto(`${env.base}/consent.html`);
  return { page, context, log };
}

/** Tracks two shoe views through the page's queue and flushes; resolves to what was stored. */
function browse(page) {
  return page.evaluate(() => new Promise((done) => {
    window.shelfwise.push(({ engine }) => {
      for (let i = 0; i < 2; i++) engine.track({ type: 'view_item', item: { id: 'b', category: ['Shoes'] } });
      engine.flush();
      done({ consent: engine.consent, stored: Object.keys(localStorage), order: engine.rank([{ id: 'a', category: ['Bags'] }, { id: 'b', category: ['Shoes'] }]) });
    });
  }));
}

test('data-consent="pending" stores nothing (the attribute wins over shelfwiseConfig)', async () => {
  const { page, context, log } = await open('pending');
  const r = await browse(page);
  assert.equal(r.consent, 'pending');
  assert.deepEqual(r.stored, [], 'nothing in localStorage before consent');
  assert.deepEqual(r.order, ['b', 'a'], 'still personalized from this page');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('data-consent="denied" learns nothing and keeps the server order', async () => {
  const { page, context } = await open('denied');
  const r = await browse(page);
  assert.equal(r.consent, 'denied');
  assert.deepEqual(r.stored, ['tagconsent:v1:consent'], 'only the refusal, so open tabs stop too');
  assert.deepEqual(r.order, ['a', 'b']);
  await context.close();
});

test('an unknown data-consent value fails soft: server order, one console line naming the field', async () => {
  const { page, context, log } = await open('yes');
  // The warning comes once the engine refused the setting, after the wasm is compiled: any
  // time after the page loaded on a busy machine. Then a little longer, so a second warning
  // would be seen.
  if (!log.console.some((m) => m.type === 'warning')) await page.waitForEvent('console', { predicate: (m) => m.type() === 'warning' });
  await page.waitForTimeout(300);
  const warnings = log.console.filter((m) => m.type === 'warning').map((m) => m.text);
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.match(warnings[0], /server order.*consent/);
  assert.deepEqual(await page.$$eval('[data-sw-id]', (li) => li.map((e) => e.dataset.swId)), ['a', 'b']);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await context.close();
});
