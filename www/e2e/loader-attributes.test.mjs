// The loader's own attributes (README "Script tag options"): a `data-build` value that names no
// build loads the full build and says so once; `data-anti-flicker="0"` hides nothing, a value
// that is no number says so and keeps the 300 ms limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead } from './harness.mjs';
import { ready } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** A listing page whose loader tag carries `attrs`. */
const page = (attrs) => pageHead('loader attributes') + `<body>
<ul data-sw-list="grid"><li data-sw-id="a">A</li><li data-sw-id="b">B</li></ul>
<script src="/pkg/shelfwise.loader.js" data-storage="memory" ${attrs}></script>
</body></html>`;

const shelfwiseFiles = (log) => log.requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/pkg/')).sort();
const warnings = (log) => log.console.filter((m) => m.type === 'warning' || m.type === 'error').map((m) => m.text);

test('an unknown data-build value loads the full build and says so once, naming the attribute and the builds', async () => {
  for (const [name, attrs, warned] of [['unknown-build', 'data-build="cor"', true], ['full-build', 'data-build="full"', false]]) {
    const { page: p, log, context } = await openHtml(env, name, page(attrs));
    assert.equal(await ready(p), true, name);
    assert.deepEqual(shelfwiseFiles(log), ['/pkg/shelfwise.loader.js', '/pkg/shelfwise.script.js', '/pkg/shelfwise_bg.wasm'], name);
    assert.deepEqual(warnings(log), warned
      ? ['[shelfwise] data-build="cor" is not a build (use "full" or "core"): the full build is loaded']
      : [], name);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

/** Records, before any script runs, whether a style hiding the managed lists was ever added. */
const watchHiding = (context) => context.addInitScript(() => {
  window.__hidden = false;
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeName === 'STYLE' && /data-sw-list[^{]*\{[^}]*visibility:\s*hidden/.test(n.textContent)) window.__hidden = true;
      }
    }
  }).observe(document, { childList: true, subtree: true });
});

test('data-anti-flicker="0" hides nothing; present without a value it hides the lists; a value that is no number says so', async () => {
  for (const [attrs, hidden, warning] of [
    ['data-anti-flicker="0"', false, null],
    ['data-anti-flicker="-5"', false, null],
    ['data-anti-flicker', true, null],
    ['data-anti-flicker="150"', true, null],
    ['data-anti-flicker="soon"', true,
      '[shelfwise] data-anti-flicker="soon" is not a number of milliseconds (0 to 300): 300 is used'],
  ]) {
    const { page: p, log, context } = await env.page();
    await watchHiding(context);
    await context.route(`${env.base}/flicker.html`, (r) => r.fulfill({ contentType: 'text/html', body: page(attrs) }));
    await p.goto(`${env.base}/flicker.html`);
    assert.equal(await ready(p), true, attrs);
    assert.equal(await p.evaluate(() => window.__hidden), hidden, attrs);
    assert.equal(await p.$eval('[data-sw-list]', (e) => getComputedStyle(e).visibility), 'visible', `${attrs}: shown once ordered`);
    assert.deepEqual(warnings(log), warning ? [warning] : [], attrs);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('window.shelfwise set to something other than an array: one warning naming it, auto mode starts; a push of no function is ignored with one warning', async () => {
  // Auto mode started but the console said "not started …: m.forEach is not a function", and
  // shelfwise.push(5) logged "TypeError: g is not a function".
  const html = pageHead('preset') + `<body>
<ul data-sw-list="grid"><li data-sw-id="a">A</li><li data-sw-id="b">B</li></ul>
<script>window.shelfwise = { foo: 1 };</script>
<script src="/pkg/shelfwise.loader.js" data-storage="memory"></script>
</body></html>`;
  const { page: p, log, context } = await openHtml(env, 'preset-object', html);
  assert.equal(await ready(p), true);
  assert.deepEqual(warnings(log), ['[shelfwise] window.shelfwise is not an array: replaced']);
  log.console.length = 0;
  const ran = await p.evaluate(() => {
    let ran = false;
    window.shelfwise.push(5);
    window.shelfwise.push(({ engine }) => { ran = !!engine; });
    return ran;
  });
  assert.equal(ran, true, 'a function pushed after the non-function still runs');
  assert.deepEqual(warnings(log), ['[shelfwise] shelfwise.push(number) ignored: it takes a function']);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('data-wasm pointing at the other build\'s wasm: one warning naming data-wasm and data-build, server order', async () => {
  // The warning was the browser's "Import #101 … requires a callable".
  for (const [name, attrs, build] of [
    ['core-glue-full-wasm', 'data-build="core" data-wasm="/pkg/shelfwise_bg.wasm"', 'core'],
    ['full-glue-core-wasm', 'data-wasm="/pkg/shelfwise_core_bg.wasm"', 'full'],
  ]) {
    const { page: p, log, context } = await openHtml(env, name, page(attrs));
    // The warning comes once the wasm has failed to link (as in shop-fail-soft.test.mjs).
    for (let waited = 0; warnings(log).length === 0 && waited < 10000; waited += 100) await p.waitForTimeout(100);
    const wasm = attrs.match(/data-wasm="([^"]+)"/)[1];
    const expected = [`[shelfwise] not started, the page keeps its server order: data-wasm="${wasm}" is not the wasm of data-build="${build}"`];
    assert.deepEqual(warnings(log), expected, name);
    assert.deepEqual(await p.$$eval('li', (l) => l.map((e) => e.dataset.swId)), ['a', 'b']);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('a data-impressions value other than "true" or "false" says so once, naming the attribute and the values', async () => {
  // data-impressions="no" left impressions on in silence.
  for (const [name, attrs, warned] of [
    ['impressions-no', 'data-impressions="no"', ['[shelfwise] data-impressions="no" is not a setting (use "true" or "false"): impressions are learned']],
    ['impressions-false', 'data-impressions="false"', []],
    ['impressions-true', 'data-impressions="true"', []],
  ]) {
    const { page: p, log, context } = await openHtml(env, name, page(attrs));
    assert.equal(await ready(p), true, name);
    assert.deepEqual(warnings(log), warned, name);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('a window.shelfwiseConfig that is no object (a string, number, array, null) is ignored with one warning; the engine starts', async () => {
  // `Object.assign({}, 'x')` made it `{ 0: 'x' }`, and a number or null nothing: all in silence.
  for (const value of ["'x'", '5', "[{ storage: 'memory' }]", 'null', "{ storage: 'memory' }"]) {
    const html = pageHead('config').replace('</head>', `<script>window.shelfwiseConfig = ${value};</script></head>`) +
      `<body><ul data-sw-list="grid"><li data-sw-id="a">A</li></ul>
      <script src="/pkg/shelfwise.loader.js" data-storage="memory" data-namespace="tagged"></script></body></html>`;
    const { page: p, log, context } = await openHtml(env, 'config', html);
    assert.equal(await ready(p), true, value);
    assert.deepEqual(warnings(log), value.startsWith('{') ? []
      : ['[shelfwise] window.shelfwiseConfig must be an object of settings ({ namespace: … }): ignored'], value);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});
