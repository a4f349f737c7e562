// Storage faults across real tabs: an erase or a pause in one tab while the other tab is in the
// middle of a task that writes (its storage shows the other tab's change, and its `storage`
// event arrives, only after that task).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openEngineTab } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const open = (context, log) => openEngineTab(env, context, log);

const view = (tab, id) => tab.evaluate((id) => {
  window.engine.track({ type: 'view_item', item: { id, category: ['shoes'], brand: 'acme' } });
  window.engine.flush();
}, id);

// Two tabs with an engine on `namespace`, each having tracked and written one view.
async function twoTabs(namespace) {
  const { page: first, context, log } = await env.page();
  await first.close();
  const [a, b] = [await open(context, log), await open(context, log)];
  await a.evaluate(() => localStorage.clear());
  for (const tab of [a, b]) await tab.evaluate((ns) => { window.engine = new window.shelfwise.Engine({ namespace: ns }); }, namespace);
  await view(a, 'before-a');
  await view(b, 'before-b');
  for (const tab of [a, b]) await tab.waitForFunction(() => window.engine.profile().events === 2, null, { timeout: 10_000 });
  return { a, b, context, log };
}

// B is busy for a moment, then tracks and writes in the same task, from what it knew before;
// `change` runs in A meanwhile, then `then` (in node) before B's task ends. Resolves once every
// storage event has arrived.
async function raceBusyWrite(a, b, change, then = async () => {}) {
  const busy = b.evaluate(() => {
    const start = Date.now();
    while (Date.now() - start < 600) { /* a long task */ }
    window.engine.track({ type: 'view_item', item: { id: 'during', category: ['hats'], brand: 'zeta' } });
    window.engine.flush();
  });
  await new Promise((ok) => setTimeout(ok, 150));
  await a.evaluate(change);
  await then();
  await busy;
  await new Promise((ok) => setTimeout(ok, 500));
}

test('an erase in one tab is not undone by the other tab writing before its storage event', async () => {
  const { a, b, context, log } = await twoTabs('erase');
  await raceBusyWrite(a, b, () => window.engine.erase());
  const stored = await a.evaluate(() => localStorage.getItem('erase:v1:profile') ?? '');
  assert.ok(!stored.includes('before-a') && !stored.includes('before-b'), `erased data came back: ${stored}`);
  for (const tab of [a, b]) {
    const viewed = await tab.evaluate(() => window.engine.profile().recentlyViewed);
    assert.ok(!viewed.some((id) => id.startsWith('before')), `still held: ${viewed}`);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a pause in one tab is not undone by the other tab writing from stale data', async () => {
  const { a, b, context, log } = await twoTabs('pause');
  await raceBusyWrite(a, b, () => { window.engine.pause(); window.engine.flush(); });
  for (const tab of [a, b]) {
    assert.equal(await tab.evaluate(() => window.engine.profile().paused), true, 'learning resumed');
  }
  // Paused: neither tab learns, and what is stored says paused.
  await view(a, 'after-a');
  await view(b, 'after-b');
  await new Promise((ok) => setTimeout(ok, 200));
  const stored = JSON.parse(await a.evaluate(() => localStorage.getItem('pause:v1:profile')));
  assert.equal(stored.z, true, 'the stored profile lost the pause');
  assert.ok(!stored.rv.includes('after-a') && !stored.rv.includes('after-b'), `learned while paused: ${stored.rv}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a removal and a choice in one tab are not undone by the other tab writing from stale data', async () => {
  const { a, b, context, log } = await twoTabs('remove');
  await raceBusyWrite(a, b, () => {
    window.engine.removeItem('before-b');
    window.engine.avoid({ category: ['hats'] });
    window.engine.flush();
  });
  const stored = JSON.parse(await a.evaluate(() => localStorage.getItem('remove:v1:profile')));
  assert.ok(!stored.rv.includes('before-b'), `the removed item came back: ${stored.rv}`);
  assert.ok(stored.x.some(([key, sign]) => key === 'c:hats' && sign === -1), `the choice was undone: ${JSON.stringify(stored.x)}`);
  assert.ok(stored.rv.includes('during') && stored.rv.includes('before-a'), `the rest is kept: ${stored.rv}`);
  for (const tab of [a, b]) {
    const viewed = await tab.evaluate(() => window.engine.profile().recentlyViewed);
    assert.ok(!viewed.includes('before-b'), `still held: ${viewed}`);
  }
  // Viewed again afterwards, in the other tab: back, as new history.
  await view(b, 'before-b');
  await a.waitForFunction(() => window.engine.profile().recentlyViewed[0] === 'before-b', null, { timeout: 10_000 });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a removal and a choice in a tab that closed before the other tab wrote from stale data are kept', async () => {
  const { a, b, context, log } = await twoTabs('closed');
  // A is gone before B's write lands over its own: no journal is left to replay them.
  await raceBusyWrite(a, b, () => {
    window.engine.removeItem('before-b');
    window.engine.avoid({ category: ['hats'] });
    window.engine.flush();
  }, () => a.close());
  const stored = JSON.parse(await b.evaluate(() => localStorage.getItem('closed:v1:profile')));
  assert.ok(!stored.rv.includes('before-b'), `the removed item came back: ${stored.rv}`);
  assert.ok(stored.x.some(([key, sign]) => key === 'c:hats' && sign === -1), `the choice was undone: ${JSON.stringify(stored.x)}`);
  assert.ok(stored.rv.includes('during') && stored.rv.includes('before-a'), `the rest is kept: ${stored.rv}`);
  assert.ok(!(await b.evaluate(() => window.engine.profile().recentlyViewed)).includes('before-b'));
  assert.deepEqual(log.errors, []);
  await context.close();
});
