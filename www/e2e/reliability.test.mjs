// Reliability in a real browser: many tabs writing one profile, localStorage filled to its
// quota by other keys, and a long session of 100,000 events. Driven through the JS API on a
// bare test page (www/e2e-pages/engine.html).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openEngineTab } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const open = (context, log) => openEngineTab(env, context, log);

test('two tabs tracking 100 views each, interleaved: both tabs hold all 200', async () => {
  const { page: first, context, log } = await env.page();
  await first.close();
  const tabs = [await open(context, log), await open(context, log)];
  await tabs[0].evaluate(() => localStorage.clear());
  for (const [i, tab] of tabs.entries()) {
    await tab.evaluate((name) => { window.engine = new window.shelfwise.Engine({ namespace: 'tabs' }); window.tab = name; }, `t${i}`);
  }
  const track = (tab, n) => tab.evaluate((n) => {
    const id = `${window.tab}-${n}`;
    window.engine.track({ type: 'view_item', item: { id, category: ['shoes'], brand: id } });
  }, n);
  // Both tabs track at the same time; writes happen after each call, off the tracking call.
  for (let n = 0; n < 100; n++) await Promise.all(tabs.map((tab) => track(tab, n)));

  const expected = [];
  for (const t of ['t0', 't1']) for (let n = 0; n < 100; n++) expected.push(`b:${t}-${n}`);
  const summary = (tab) => tab.evaluate(() => {
    const p = window.engine.profile();
    return { events: p.events, brands: p.interests.filter((i) => i.kind === 'brand').map((i) => i.key).sort() };
  });
  // Storage events carry each tab's writes to the other within moments.
  for (const tab of tabs) {
    await tab.waitForFunction(() => window.engine.profile().events === 200, null, { timeout: 30_000 })
      .catch(() => {});
  }
  for (const tab of tabs) {
    const s = await summary(tab);
    assert.equal(s.events, 200, 'every view counted once');
    assert.deepEqual(s.brands, [...expected].sort(), 'every view left its interest');
  }
  const stored = await tabs[0].evaluate(() => localStorage.getItem('tabs:v1:profile'));
  assert.ok(stored.length <= 16 * 1024, `stored ${stored.length} bytes`);
  assert.equal(JSON.parse(stored).n, 200);
  const shoes = await tabs[1].evaluate(() => window.engine.profile().interests.find((i) => i.key === 'c:shoes').score);
  assert.ok(shoes > 390 && shoes <= 400, `200 views: long + session ≈ 400 (${shoes})`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('bursts of tracks in one task, tab after tab, then pagehide and reload: every event is stored', async () => {
  // Inside a burst the engine writes only every 96 events (its journal holds 192); the rest
  // waits for the coalesced write after the task, or for pagehide when the page goes first.
  const { page: first, context, log } = await env.page();
  await first.close();
  const tabs = [await open(context, log), await open(context, log)];
  await tabs[0].evaluate(() => localStorage.clear());
  for (const tab of tabs) await tab.evaluate(() => { window.engine = new window.shelfwise.Engine({ namespace: 'burst' }); });
  const burst = (tab, name, n, leave) => tab.evaluate(([name, n, leave]) => {
    for (let i = 0; i < n; i++) {
      window.engine.track({ type: 'view_item', item: { id: `${name}-${i}`, category: ['shoes'], brand: 'acme' } });
    }
    if (!leave) return null;
    // The page goes away in the same task: no timer has run since the burst.
    window.dispatchEvent(new Event('pagehide'));
    return { stored: JSON.parse(localStorage.getItem('burst:v1:profile')).n, learned: window.engine.profile().events };
  }, [name, n, leave]);
  // The coalesced writes and the storage events bring both tabs to every event.
  const settled = async (events) => {
    for (const tab of tabs) {
      // Generous: on a loaded machine a burst's storage events and merges take seconds.
      await tab.waitForFunction((n) => window.engine.profile().events === n, events, { timeout: 30_000 }).catch(() => {});
      // On a mismatch, say what this tab's view of localStorage holds: a stored count that is
      // complete means the last write's `storage` event has not reached this tab (delivery),
      // a short one that the writing tab's coalesced write after its task has not happened.
      const [held, stored] = await tab.evaluate(() => [
        window.engine.profile().events,
        JSON.parse(localStorage.getItem('burst:v1:profile') || '{}').n,
      ]);
      assert.equal(held, events, `every event counted once (tab ${tabs.indexOf(tab)}; stored n ${stored})`);
    }
  };
  await burst(tabs[0], 'a', 250, false);
  await settled(250);
  await burst(tabs[1], 'b', 1000, false);
  await settled(1250);
  const left = await burst(tabs[0], 'c', 250, true);
  assert.deepEqual(left, { stored: 1500, learned: 1500 }, 'pagehide wrote the unwritten tail of the burst');
  await tabs[0].reload();
  await tabs[0].waitForFunction(() => window.shelfwise);
  const events = await tabs[0].evaluate(() => new window.shelfwise.Engine({ namespace: 'burst' }).profile().events);
  assert.equal(events, 1500, 'after reload, every event is there');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('storage filled to quota by other keys: the engine compacts, keeps working, newest wins', async () => {
  const { page, log, context } = await env.page();
  await page.goto(`${env.base}/e2e-pages/engine.html`);
  await page.waitForFunction(() => window.shelfwise);
  const result = await page.evaluate(() => {
    localStorage.clear();
    const view = (n, pad) => ({
      type: 'view_item',
      item: { id: `item-${n}-${pad}`, category: [`category-${n % 97}-${pad}`], brand: `brand-${n}-${pad}`, tags: [`tag-${n}-${pad}`] },
    });
    const engine = new window.shelfwise.Engine({ namespace: 'quota' });
    for (let n = 0; n < 60; n++) engine.track(view(n, 'first-visit'));
    engine.flush();
    const before = localStorage.getItem('quota:v1:profile').length;
    // Another script fills the rest of the origin's storage.
    let filled = 0;
    for (let size = 1 << 20, k = 0; size >= 1; size = Math.floor(size / 4)) {
      for (;;) {
        try { localStorage.setItem(`filler-${k++}`, 'x'.repeat(size)); filled += size; } catch { break; }
      }
    }
    let threw = null;
    try {
      for (let n = 1000; n < 1400; n++) engine.track(view(n, 'second-visit'));
      engine.flush();
    } catch (e) { threw = String(e); }
    const stored = localStorage.getItem('quota:v1:profile');
    const profile = engine.profile();
    for (let k = 0; localStorage.getItem(`filler-${k}`) !== null || k < 10; k++) localStorage.removeItem(`filler-${k}`);
    return { before, filled, threw, stored, events: profile.events, newest: profile.recentlyViewed[0] };
  });
  assert.ok(result.filled > 1_000_000, `storage was filled (${result.filled} chars)`);
  assert.equal(result.threw, null, 'no exception reaches the page');
  assert.ok(result.before > 4096, `first profile ${result.before} bytes`);
  const stored = JSON.parse(result.stored);
  assert.ok(result.stored.length <= result.before, `compacted to fit: ${result.stored.length} ≤ ${result.before}`);
  assert.equal(stored.rv[0], 'item-1399-second-visit', 'the newest state was written');
  assert.equal(stored.n, 460);
  assert.equal(result.events, 460);
  assert.equal(result.newest, 'item-1399-second-visit');
  const warnings = log.console.filter((m) => m.type === 'warning' && m.text.includes('[shelfwise]'));
  assert.ok(warnings.length <= 2, JSON.stringify(warnings));
  assert.ok(warnings.some((w) => w.text.includes('compacted')), 'says what it did, once');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('long session: 100,000 events keep track fast, memory flat and the profile ≤ 16 KiB', async (t) => {
  const { page, log, context } = await env.page();
  await page.goto(`${env.base}/e2e-pages/engine.html`);
  await page.waitForFunction(() => window.shelfwise);
  const r = await page.evaluate(() => {
    localStorage.clear();
    const engine = new window.shelfwise.Engine({ namespace: 'long' });
    let seed = 0x2545f491;
    const next = (m) => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) % m; };
    const kinds = ['view_item', 'view_item', 'view_item', 'select_item', 'add_to_cart', 'purchase', 'search', 'dwell', 'view_item_list'];
    const item = () => ({
      id: `product-${next(1_000_000)}`, category: [`category-${next(500)}`, `sub-${next(500)}`],
      brand: `brand-${next(2000)}`, price: next(100_000) / 7, tags: [`tag-${next(5000)}`], facets: { color: `c${next(300)}` },
    });
    const event = () => {
      const type = kinds[next(kinds.length)];
      if (type === 'search') return { type, query: `query ${next(10000)} words` };
      if (type === 'dwell') return { type, item: item(), seconds: next(300) };
      if (type === 'view_item_list') return { type, items: [item(), item(), item(), item()] };
      if (type === 'add_to_cart' || type === 'purchase') return { type, items: [item()] };
      return { type, item: item() };
    };
    const batch = 100;
    const perCall = [];
    const memory = {};
    for (let b = 0; b < 100_000 / batch; b++) {
      const events = Array.from({ length: batch }, event);
      const t0 = performance.now();
      for (const e of events) engine.track(e);
      perCall.push((performance.now() - t0) / batch);
      if ((b + 1) * batch === 10_000) memory.at10k = window.shelfwise.wasm.memory.buffer.byteLength;
      if ((b + 1) * batch === 50_000) memory.at50k = window.shelfwise.wasm.memory.buffer.byteLength;
    }
    engine.flush();
    memory.at100k = window.shelfwise.wasm.memory.buffer.byteLength;
    perCall.sort((x, y) => x - y);
    const q = (p) => perCall[Math.floor(p * (perCall.length - 1))];
    const stored = localStorage.getItem('long:v1:profile');
    const p = engine.profile();
    return { p50: q(0.5), p95: q(0.95), max: q(1), memory, storedBytes: new TextEncoder().encode(stored).length, events: p.events, interests: p.interests.length };
  });
  t.diagnostic(`track per call over 1000 batches of 100: p50 ${(r.p50 * 1000).toFixed(1)} µs, p95 ${(r.p95 * 1000).toFixed(1)} µs, max ${(r.max * 1000).toFixed(1)} µs`);
  t.diagnostic(`wasm memory: ${r.memory.at10k} bytes after 10k events, ${r.memory.at50k} after 50k, ${r.memory.at100k} after 100k; stored profile ${r.storedBytes} bytes; ${r.interests} interests`);
  assert.equal(r.events, 100_000);
  assert.ok(r.storedBytes <= 16 * 1024, `stored ${r.storedBytes} bytes`);
  assert.ok(r.storedBytes > 8 * 1024, 'the session filled the budget');
  // Linear memory grows in 64 KiB pages: at most one page of allocator slack after warm-up,
  // and none at all over the second 50,000 events.
  assert.ok(r.memory.at100k - r.memory.at10k <= 65_536, 'wasm memory stays bounded');
  assert.equal(r.memory.at100k, r.memory.at50k, 'no growth with the number of events');
  assert.deepEqual(log.errors, []);
  await context.close();
});
