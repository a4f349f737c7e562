// The "why" button's choices and the panel on the same page: a "More like this" or "Not
// interested" given in a `<shelfwise-why>` box shows in every connected panel's "Your choices"
// at once (README "The shopper panel": `shelfwisePanel.connect(engine)` connects every panel
// and "why" button of the page), without the page calling `shelfwisePanel.refresh()` itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const page = `${pageHead('why and panel', '<script src="/pkg/shelfwise-panel.js"></script>')}<body>
<ul><li>Sun hat <shelfwise-why item-id="sku-3"></shelfwise-why></li></ul>
<shelfwise-panel></shelfwise-panel>
<script type="module">
import init, { Engine } from '/pkg/shelfwise.js';
await init();
const engine = new Engine({ namespace: 'why-panel' });
engine.track({ type: 'view_item', item: { id: 'sku-3', category: ['Hats'] } });
engine.rank([{ id: 'sku-3', category: ['Hats'] }, { id: 'sku-1' }]);
shelfwisePanel.connect(engine);
window.engine = engine;
</script>
</body></html>`;

for (const [button, more] of [['More like this', true], ['Not interested', false]]) {
  test(`"${button}" in a why box shows in the panel's choices at once`, async () => {
    const { page: tab, log, context } = await openHtml(env, 'why-panel', page);
    await tab.waitForSelector('shelfwise-panel #pause');
    const why = tab.locator('shelfwise-why');
    await why.locator('button[aria-expanded]').click();
    await why.locator('button', { hasText: button }).click();
    assert.deepEqual((await tab.evaluate(() => window.engine.profile().choices)).map((c) => [c.key, c.more]), [['i:sku-3', more]]);
    const choices = await tab.locator('shelfwise-panel').evaluate((p) => p.shadowRoot.textContent);
    assert.doesNotMatch(choices, /You have not told us what you want more or less of/,
      'the panel still says there is no choice after the why box made one');
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test('an open why box forgets its reason when the panel erases everything', async () => {
  // The box kept saying "Because you viewed 1 item in hats" after "Erase everything": the
  // erased history stayed on screen until the shopper closed and opened the box again.
  const { page: tab, log, context } = await openHtml(env, 'why-erase', page);
  await tab.waitForSelector('shelfwise-panel #pause');
  const why = tab.locator('shelfwise-why');
  await why.locator('button[aria-expanded]').click();
  assert.match(await why.locator('#why-text').textContent(), /Because you viewed 1 item in hats/);
  const panel = tab.locator('shelfwise-panel');
  await panel.locator('#erase').click();
  await panel.locator('#erase-yes').click();
  await tab.waitForFunction(() => !/viewed/.test(document.querySelector('shelfwise-why').shadowRoot.querySelector('#why-text').textContent), null, { timeout: 3000 })
    .catch(() => {});
  const said = await why.locator('#why-text').textContent();
  assert.doesNotMatch(said, /viewed|hats/, said);
  assert.equal(said, await tab.evaluate(() => shelfwisePanel.whyText(window.engine.explain('sku-3'))), 'what explain() says now');
  assert.equal(await why.locator('button[aria-expanded]').getAttribute('aria-expanded'), 'true', 'still open');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('shelfwisePanel.refresh() re-reads what an open why box says, as it re-reads the panels', async () => {
  // The page's own code erased (not the panel): its refresh() re-read the panels, while an open
  // box went on saying "Because you viewed 1 item in hats".
  const { page: tab, log, context } = await openHtml(env, 'why-refresh', page);
  await tab.waitForSelector('shelfwise-panel #pause');
  const why = tab.locator('shelfwise-why');
  await why.locator('button[aria-expanded]').click();
  assert.match(await why.locator('#why-text').textContent(), /Because you viewed 1 item in hats/);
  await tab.evaluate(() => { window.engine.reset(); shelfwisePanel.refresh(); });
  const said = await why.locator('#why-text').textContent();
  assert.doesNotMatch(said, /viewed|hats/, said);
  assert.equal(said, await tab.evaluate(() => shelfwisePanel.whyText(window.engine.explain('sku-3'))), 'what explain() says now');
  assert.deepEqual(log.errors, []);
  await context.close();
});
