// Shopping moments in a real browser (www/e2e-pages/moments.html): each trigger at its moment,
// keyboard dismissal, one panel per page view, focus never moved, reduced motion, segments on
// <html>, and the holdout arm seeing the server order. Only same-origin requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const SERVER = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];
const T0 = new Date('2026-11-02T10:00:00Z');

async function open({ query = '', random = null, reducedMotion = 'no-preference' } = {}) {
  const session = await env.page();
  const { page } = session;
  await page.clock.install({ time: T0 });
  if (random !== null) await page.addInitScript((r) => { Math.random = () => r; }, random);
  await page.emulateMedia({ reducedMotion });
  session.load = async () => {
    await page.goto(`${env.base}/e2e-pages/moments.html${query}`);
    await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Ready'));
  };
  await session.load();
  return session;
}

const order = (page) => page.$$eval('#grid > li', (lis) => lis.map((li) => li.dataset.id));
const panels = (page) => page.$$eval('[data-shelfwise-moment]', (ps) => ps.map((p) => ({
  kind: p.dataset.shelfwiseMoment, text: p.textContent.replace(/\s+/g, ' ').trim(), motion: p.dataset.shelfwiseMotion,
})));
const click = (page, id, cls) => page.click(`li[data-id="${id}"] button.${cls}`);

function clean(log) {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
  for (const r of log.requests) {
    assert.equal(r.method, 'GET', r.url);
    assert.ok(r.url.startsWith(env.base + '/'), `same-origin only: ${r.url}`);
  }
}

test('cart reminder on a return visit after a reload with a non-empty cart', async () => {
  const { page, log, load } = await open();
  await click(page, 'p3', 'view');
  await click(page, 'p2', 'add');
  await click(page, 'p5', 'add');
  assert.deepEqual(await panels(page), [], 'no reminder in the visit that filled the cart');
  await page.reload();
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Ready'));
  assert.deepEqual(await panels(page), [], 'a reload 0 minutes later is the same visit');
  // Two hours later: a new visit, with the cart left over from the previous one.
  await page.clock.setSystemTime(new Date(T0.getTime() + 2 * 3600e3));
  await load();
  const shown = await panels(page);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].kind, 'cart_reminder');
  assert.match(shown[0].text, /^2 items are still in your cart\./);
  assert.deepEqual(await page.$$eval('[data-shelfwise-moment] li', (lis) => lis.map((l) => l.dataset.id)), ['p5', 'p2']);
  const region = await page.$eval('[data-shelfwise-moment]', (p) => p.parentElement.getAttribute('aria-live'));
  assert.equal(region, 'polite');
  const segments = await page.getAttribute('html', 'data-shelfwise-segments');
  assert.deepEqual(segments.split(' '), ['returning', 'cart-abandoner', 'enthusiast'], 'two bags in the cart');
  assert.ok(await page.isVisible('#welcome'), 'CSS keyed on the segment attribute');
  assert.deepEqual(await page.$$eval('#left-off li', (lis) => lis.map((l) => l.textContent)), ['Sun hat'],
    'the welcome-back slot shows where the shopper left off');
  // The frequency cap (1 per visit) holds across a further reload in the same visit.
  await load();
  assert.deepEqual(await panels(page), []);
  clean(log);
});

test('hesitation offer after three views in one category, dismissed with the keyboard', async () => {
  const { page, log } = await open({ reducedMotion: 'reduce' });
  await click(page, 'p1', 'view');
  await click(page, 'p4', 'view');
  assert.deepEqual(await panels(page), []);
  await page.focus('li[data-id="p8"] button.view');
  await page.keyboard.press('Enter');
  const shown = await panels(page);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].kind, 'hesitation_offer');
  assert.match(shown[0].text, /Still looking at shoes\? 10% off running shoes with code RUN10/);
  assert.equal(shown[0].motion, 'reduce', 'prefers-reduced-motion is honoured');
  assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.dataset.id), 'p8',
    'the panel did not take focus');
  assert.match(await page.getAttribute('html', 'data-shelfwise-segments'), /\bhesitant\b/);
  // A fourth view on the same page shows nothing more: one trigger per page view.
  await click(page, 'p1', 'view');
  assert.equal((await panels(page)).length, 1);
  await page.keyboard.press('Escape');
  assert.deepEqual(await panels(page), [], 'Escape dismisses');
  clean(log);
});

test('cross-sell on add-to-cart, dismissed with Shift+Tab and Enter on its button', async () => {
  const { page, log } = await open();
  await click(page, 'p1', 'add');
  const shown = await panels(page);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].kind, 'cross_sell');
  assert.equal(shown[0].motion, 'full');
  assert.deepEqual(await page.$$eval('[data-shelfwise-moment] li', (lis) => lis.map((l) => [l.dataset.id, l.textContent])),
    [['p7', 'Wool socks'], ['p3', 'Sun hat']]);
  // Focus stayed on the add button; the panel (above the grid) is reached with the keyboard.
  assert.equal(await page.evaluate(() => document.activeElement.className), 'add');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Dismiss');
  await page.keyboard.press('Enter');
  assert.deepEqual(await panels(page), []);
  clean(log);
});

test('content suggestion matched by tags on the next page', async () => {
  const { page, log, load } = await open();
  await click(page, 'p8', 'view');
  await load();
  const shown = await panels(page);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].kind, 'content_suggestion');
  assert.match(shown[0].text, /Choosing trail shoes/);
  assert.equal(await page.getAttribute('[data-shelfwise-moment] a', 'href'), '/guides/trail.html');
  clean(log);
});

test('holdout arm sees the server order, no triggers and no segments; the arm is kept', async () => {
  const held = await open({ query: '?holdout=0.5', random: 0.01 });
  const treated = await open({ query: '?holdout=0.5', random: 0.9 });
  for (const { page } of [held, treated]) {
    assert.equal(await page.getAttribute('html', 'data-shelfwise-arm'), page === held.page ? 'holdout' : 'treatment');
    for (const id of ['p3', 'p6', 'p3']) await click(page, id, 'view');
    await click(page, 'p1', 'add');
  }
  assert.deepEqual(await order(held.page), SERVER);
  assert.notDeepEqual(await order(treated.page), SERVER);
  assert.deepEqual(await panels(held.page), []);
  assert.equal((await panels(treated.page)).length, 1);
  assert.equal(await held.page.getAttribute('html', 'data-shelfwise-segments'), '');
  // A new page in the same browser (real Math.random this time) keeps the stored draw.
  const again = await held.context.newPage();
  await again.goto(`${env.base}/e2e-pages/moments.html?holdout=0.5`);
  await again.waitForFunction(() => document.getElementById('status').textContent.startsWith('Ready'));
  assert.equal(await again.evaluate(() => window.shelfwiseMoments.engine.arm), 'holdout');
  assert.deepEqual(await order(again), SERVER);
  clean(held.log);
  clean(treated.log);
});
