// The shopper panel's attributes (README "Shopper panel": `heading`, `max-interests`,
// `file-name`) as a shop developer writes them: a value the panel cannot use keeps the default
// and says so in one console warning naming the attribute and the value, as the script tag's
// markup warnings do (one warning per mistake, however often the panel re-renders).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, moduleApp, openHtml, pageHead } from './harness.mjs';
import { shelfwiseWarnings } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** A page whose panel has `attrs`, connected to an in-memory engine that viewed 15 items,
 * each of its own category (15 interests). */
async function open(name, attrs) {
  const app = moduleApp({ namespace: name, storage: 'memory' }, `
for (let i = 0; i < 15; i++) engine.track({ type: 'view_item', item: { id: 'v-' + i, category: ['C' + i] } });
shelfwisePanel.connect(engine);
window.engine = engine;
window.connected = true;`);
  const opened = await openHtml(env, name, pageHead(name, '<script src="/pkg/shelfwise-panel.js"></script>')
    + `<body><shelfwise-panel ${attrs}></shelfwise-panel>${app}</body></html>`);
  await opened.page.waitForFunction(() => window.connected);
  return opened;
}

const rows = (page) => page.locator('shelfwise-panel #interests li').count();

test('max-interests: a whole number shows that many interests, without a word in the console', async () => {
  for (const [attrs, shown] of [['max-interests="3"', 3], ['max-interests=" 12 "', 12], ['', 10]]) {
    const { page, log, context } = await open('max-interests-fine', attrs);
    assert.equal(await rows(page), shown, attrs);
    assert.deepEqual(log.console, [], attrs);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('max-interests that is no whole number from 1 shows the default 10, with one warning naming the attribute and the value', async () => {
  // "-1" showed every interest but the last (`slice(0, -1)`); "abc", "0" and "2.5" fell back
  // (or, "2.5", were cut to 2) in silence: nothing told the shop its attribute was not used.
  for (const value of ['abc', '-1', '0', '2.5', '']) {
    const { page, log, context } = await open('max-interests-bad', `max-interests="${value}"`);
    assert.equal(await rows(page), 10, value);
    // Re-rendered after an action and on refresh: still the one warning.
    await page.locator('shelfwise-panel #pause').click();
    await page.evaluate(() => window.shelfwisePanel.refresh());
    const warnings = shelfwiseWarnings(log);
    assert.equal(warnings.length, 1, JSON.stringify(log.console));
    assert.equal(warnings[0].text, `[shelfwise] <shelfwise-panel> max-interests="${value}" is not a whole number from 1 (such as 5): the default 10 is used`);
    // Corrected later: used at once, and a new mistake is reported again.
    await page.evaluate(() => { document.querySelector('shelfwise-panel').setAttribute('max-interests', '4'); window.shelfwisePanel.refresh(); });
    assert.equal(await rows(page), 4, value);
    await page.evaluate(() => { document.querySelector('shelfwise-panel').setAttribute('max-interests', 'x'); window.shelfwisePanel.refresh(); });
    assert.equal(shelfwiseWarnings(log).length, 2, JSON.stringify(log.console));
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});
