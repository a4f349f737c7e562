// A grid that shows more than 200 items at once (small tiles on a large screen, a swatch
// wall): impressions are learned in events of at most 200 items, the engine's limit per event,
// instead of one event it refuses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead } from './harness.mjs';
import { ready, shelfwiseWarnings } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('400 items visible at once: every impression is learned, nothing is refused', async () => {
  // Before: one `view_item_list` of 400 items, refused ("items: has 400 entries; the limit is
  // 200"): not one impression was learned.
  const tiles = Array.from({ length: 400 }, (_, i) => `<li data-sw-id="t-${i}" data-sw-category="C${i % 4}">.</li>`).join('');
  const html = pageHead('big grid', '<style>li { display: inline-block; width: 4px; height: 4px; overflow: hidden }</style>' +
    '<script src="/pkg/shelfwise.loader.js" data-storage="memory"></script>') +
    `<body><ul data-sw-list="grid">${tiles}</ul></body></html>`;
  const { page, log, context } = await openHtml(env, 'big-grid', html);
  assert.equal(await ready(page), true);
  // Impressions are learned a second after the tiles show; wait for them, or for a warning.
  await page.waitForFunction(() => window.shelfwise.engine.profile().events > 0, null, { timeout: 10000 })
    .catch(() => {});
  assert.deepEqual(shelfwiseWarnings(log), []);
  const p = await page.evaluate(() => window.shelfwise.engine.profile());
  assert.ok(p.events >= 2, `at least two events of at most 200 items (${p.events})`);
  assert.deepEqual(p.interests.map((i) => i.key).sort(), ['c:c0', 'c:c1', 'c:c2', 'c:c3']);
  assert.deepEqual(log.errors, []);
  await context.close();
});
