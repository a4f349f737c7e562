// What a shop developer trying the ES module for the first time runs into: the message of an
// engine made before `init()`, and errors that name the bad field with the range it must lie
// in (README "API": every method throws a JS Error whose message names the bad field).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** A page whose module imports the package as `window.sw` (and `window.init`) without calling `init()`. */
const page = pageHead('first steps') + `<body>
<script type="module">
import init, * as sw from '/pkg/shelfwise.js';
window.init = init;
window.sw = sw;
</script>
</body></html>`;

/** Runs each call in the page (with `sw`, and `e`, an engine once made): its error, or 'ok'. */
const outcomes = (p, calls) => p.evaluate((calls) => calls.map((c) => {
  try { new Function('sw', 'e', c)(window.sw, window.engine); return 'ok'; } catch (err) { return `${err.constructor.name}: ${err.message}`; }
}), calls);

test('new Engine(), estimateLift and startAuto before init() say to call init() first, not a minified property name', async () => {
  const { page: p, log, context } = await openHtml(env, 'before-init', page);
  await p.waitForFunction(() => window.sw);
  const notLoaded = 'Error: shelfwise: the wasm is not loaded yet: call `await init()` (or `initSync`) once before using the package';
  // Before: "TypeError: Cannot read properties of undefined (reading 'Ya')" ('rb' for startAuto).
  assert.deepEqual(await outcomes(p, [
    'new sw.Engine()',
    "sw.estimateLift({ treatment: { reports: 1, ones: 0 }, holdout: { reports: 1, ones: 0 }, epsilon: 1 })",
    'sw.startAuto({})',
    'sw.startAuto()',
  ]), [notLoaded, notLoaded, notLoaded, notLoaded]);
  // Every function the module exports (not `init` and `initSync`, which load the wasm) is
  // guarded: one exported later is too.
  const exported = await p.evaluate(() => Object.keys(window.sw)
    .filter((k) => typeof window.sw[k] === 'function' && !/^[A-Z]|^(default|initSync)$/.test(k)));
  assert.deepEqual(exported.sort(), ['estimateLift', 'startAuto']);
  // Once init() has run, the same calls work.
  await p.evaluate(async () => { await window.init(); });
  assert.deepEqual(await outcomes(p, ["window.engine = new sw.Engine({ storage: 'memory' })"]), ['ok']);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a neighbour weight or popularity count out of range is refused with the range it must lie in', async () => {
  const { page: p, log, context } = await openHtml(env, 'ranges', page);
  await p.waitForFunction(() => window.sw);
  await p.evaluate(async () => { await window.init(); window.engine = new window.sw.Engine({ storage: 'memory' }); });
  assert.deepEqual(await outcomes(p, [
    "e.addItemData('a', { related: [['b', 2000]] })",
    "e.addItemData('a', { boughtTogether: [['b', -1]] })",
    "e.setPopularity({ overall: [['a', 1e20]] })",
    "e.setPopularity({ categories: { shoes: [['a', -5]] } })",
    "e.addItemData('a', { related: [['b', 1000]] })",
  ]), [
    // Before: "must be a finite weight within the documented range", which named no range.
    'Error: shelfwise: related[0][1]: must be a number from 0 to 1000',
    'Error: shelfwise: boughtTogether[0][1]: must be a number from 0 to 1000',
    'Error: shelfwise: overall[0][1]: must be a number from 0 to 4000000000',
    'Error: shelfwise: categories.shoes[0][1]: must be a number from 0 to 4000000000',
    'ok',
  ]);
  assert.deepEqual(log.errors, []);
  await context.close();
});
