// The script tag's `data-popularity` option (README "Script tag options"): the shop's
// popularity data comes from one file, fetched once per page without cookies and with nothing
// of the profile in its address; ranking does not wait for it, slots are filled (again) when it
// arrives, the page's own data-sw-popularity block wins, and every failure is soft and said
// once. The ES module does the same by hand (README "Quick start (ES module)").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHtml, pageHead, moduleApp } from './harness.mjs';
import { readmeExample } from './readme-blocks.mjs';
import { ready, shelfwiseWarnings } from './shop-helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const FILE = '/sw/popularity.json';
const POPULAR = { overall: [['p1', 90], ['p2', 80], ['p3', 70]] };
const loader = (attrs = '') => `<script src="/pkg/shelfwise.loader.js" data-namespace="pop" data-popularity="${FILE}"${attrs}></script>`;
const catalog = `<script type="application/json" data-sw-catalog>${JSON.stringify({
  p1: { name: 'One' }, p2: { name: 'Two' }, p3: { name: 'Three' }, q1: { name: 'Quick one' },
})}</script>`;
const slot = (kind, attrs = '') => `<section data-sw-slot="${kind}" ${attrs} hidden><ul data-sw-slot-items></ul><template><li><span data-sw-field="name"></span></li></template></section>`;
// A grid in server order, a top-sellers slot (popularity only) and a related slot whose item
// data names one neighbour (filled without popularity, topped up from it).
const SERVER_ORDER = ['g1', 'g2', 'g3'];
const body = (extra = '') => `<body><ul data-sw-list="grid" id="grid">${SERVER_ORDER.map((id, i) =>
  `<li data-sw-id="${id}" data-sw-category="${['Hats', 'Shoes', 'Bags'][i]}">${id}</li>`).join('')}</ul>
<script type="application/json" data-sw-item-data data-sw-item="q0">{ "related": [["q1", 9]] }</script>
${catalog}${extra}${slot('top-sellers', 'id="top" data-sw-limit="2"')}${slot('related', 'id="related" data-sw-item="q0" data-sw-limit="3"')}</body></html>`;

const shown = (page, id) => page.$$eval(`#${id} [data-sw-filled]`, (l) => l.map((e) => e.textContent));
const grid = (page) => page.$$eval('#grid > li', (l) => l.map((e) => e.dataset.swId));

/** Routes the popularity file: `respond(route)` answers it once `release()` is called. */
async function holdFile(context, respond) {
  let release;
  const held = new Promise((ok) => { release = ok; });
  const seen = [];
  await context.route(`${env.base}${FILE}*`, async (route) => {
    seen.push({ url: route.request().url(), headers: await route.request().allHeaders() });
    await held;
    await respond(route).catch(() => {}); // the page may be gone
  });
  return { release, seen };
}
const json = (data) => (route) => route.fulfill({ contentType: 'application/json', body: typeof data == 'string' ? data : JSON.stringify(data) });

test('the file is fetched once without cookies; the grid is ranked without it and the slots are filled when it arrives', async () => {
  const { page, log, context } = await env.page();
  await context.addCookies([{ name: 'session', value: 'shopper-42', url: env.base }]);
  const file = await holdFile(context, json(POPULAR));
  let pageHeaders;
  await context.route(`${env.base}/pop.html`, async (r) => {
    pageHeaders = await r.request().allHeaders();
    await r.fulfill({ contentType: 'text/html', body: pageHead('pop', loader()) + body() });
  });
  await page.goto(`${env.base}/pop.html`);
  // Auto mode started while the file is still on its way: the grid is managed, the slots show
  // what they can without popularity.
  assert.equal(await ready(page), true);
  assert.equal(await page.$eval('#grid', (l) => l.hasAttribute('data-sw-managed')), true);
  assert.deepEqual(await grid(page), SERVER_ORDER);
  assert.deepEqual(await shown(page, 'related'), ['Quick one']);
  assert.equal(await page.$eval('#top', (s) => s.hidden), true, 'no popularity yet');
  file.release();
  await page.waitForFunction(() => !document.getElementById('top').hidden);
  assert.deepEqual(await shown(page, 'top'), ['One', 'Two']);
  assert.deepEqual(await shown(page, 'related'), ['Quick one', 'One', 'Two'], 'the filled slot is filled again with popularity');
  assert.deepEqual(await grid(page), SERVER_ORDER, 'the grid is not ranked again');
  // One request for the file, its address as written, no cookie (the page's own request has it).
  assert.match(pageHeaders.cookie, /session=shopper-42/);
  assert.equal(file.seen.length, 1);
  assert.equal(file.seen[0].url, `${env.base}${FILE}`);
  assert.equal(file.seen[0].headers.cookie, undefined, 'no cookie with the file');
  // Every request the page made: the page, Shelfwise's own three files and the popularity file.
  assert.deepEqual(log.requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`).sort(),
    ['GET /pop.html', 'GET /pkg/shelfwise.loader.js', 'GET /pkg/shelfwise.script.js', 'GET /pkg/shelfwise_bg.wasm', `GET ${FILE}`].sort());
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('a file that arrived before auto mode started fills the slots as auto mode starts', async () => {
  const { page, log, context } = await env.page();
  await context.route(`${env.base}${FILE}`, json(POPULAR));
  // The engine's glue waits until the file has been read by the page.
  let releaseGlue;
  const glue = new Promise((ok) => { releaseGlue = ok; });
  await context.route(`${env.base}/pkg/shelfwise.script.js`, async (r) => { await glue; await r.continue(); });
  await context.route(`${env.base}/pop.html`, (r) => r.fulfill({ contentType: 'text/html', body: pageHead('pop', loader()) + body() }));
  await page.goto(`${env.base}/pop.html`, { waitUntil: 'commit' });
  await page.waitForFunction((f) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(f) && e.responseEnd > 0), FILE);
  releaseGlue();
  // Read in the first queued callback, which runs right after auto mode started.
  const atStart = await page.evaluate(() => new Promise((done) => {
    (window.shelfwise = window.shelfwise || []).push(() => done([...document.querySelectorAll('#top [data-sw-filled]')].map((e) => e.textContent)));
  }));
  assert.deepEqual(atStart, ['One', 'Two']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});

test('the page\'s own data-sw-popularity block wins over the file, early or late', async () => {
  const own = `<script type="application/json" data-sw-popularity>${JSON.stringify({ overall: [['p3', 9], ['p2', 8]] })}</script>`;
  for (const late of [false, true]) {
    const { page, log, context } = await env.page();
    const file = await holdFile(context, json(POPULAR));
    if (!late) file.release();
    await context.route(`${env.base}/pop.html`, (r) => r.fulfill({ contentType: 'text/html', body: pageHead('pop', loader()) + body(own) }));
    await page.goto(`${env.base}/pop.html`);
    assert.equal(await ready(page), true);
    file.release();
    await page.waitForFunction((f) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(f) && e.responseEnd > 0), FILE);
    await page.waitForTimeout(100); // the file's data is read by now
    assert.deepEqual(await shown(page, 'top'), ['Three', 'Two'], `late: ${late}`);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.console, []);
    await context.close();
  }
});

// Each failure: how the file is answered, and what the one warning says after the URL.
const FAILURES = [
  ['a 404', (r) => r.fulfill({ status: 404, body: 'not here' }), 'HTTP 404'],
  ['a network error', (r) => r.abort('connectionrefused'), 'Failed to fetch'],
  ['invalid JSON', json('{ "overall": [['), 'JSON'],
  ['data setPopularity refuses', json({ overall: [['p1', 'many']] }), 'overall[0][1]'],
];

for (const [name, respond, reason] of FAILURES) {
  test(`fails soft on ${name}: server order, slots without popularity, one warning naming the URL and why`, async () => {
    const { page, log, context } = await env.page();
    const file = await holdFile(context, respond);
    file.release();
    await context.route(`${env.base}/pop.html`, (r) => r.fulfill({ contentType: 'text/html', body: pageHead('pop', loader()) + body() }));
    await page.goto(`${env.base}/pop.html`);
    assert.equal(await ready(page), true);
    await waitForWarning(log);
    const warnings = shelfwiseWarnings(log).map((m) => m.text);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.ok(warnings[0].startsWith(`[shelfwise] data-popularity="${FILE}" was not used: `), warnings[0]);
    assert.ok(warnings[0].includes(reason), `${warnings[0]} names ${reason}`);
    assert.deepEqual(await grid(page), SERVER_ORDER);
    assert.deepEqual(await shown(page, 'related'), ['Quick one']);
    assert.equal(await page.$eval('#top', (s) => s.hidden), true);
    assert.deepEqual(log.errors, []);
    // Besides it, only the browser's own line about a failed request.
    const others = log.console.filter((m) => !m.text.startsWith('[shelfwise]') && !/^Failed to load resource/.test(m.text));
    assert.deepEqual(others, []);
    await context.close();
  });
}

/** Resolves once the console has a `[shelfwise]` warning, or after 10 s without one. */
async function waitForWarning(log) {
  for (let i = 0; i < 500 && shelfwiseWarnings(log).length === 0; i++) await new Promise((ok) => setTimeout(ok, 20));
}

test('fails soft on a file that does not answer: given up after 10 seconds (page clock), said once', async () => {
  const { page, log, context } = await env.page();
  await context.clock.install();
  await holdFile(context, json(POPULAR)); // never released
  await context.route(`${env.base}/pop.html`, (r) => r.fulfill({ contentType: 'text/html', body: pageHead('pop', loader()) + body() }));
  await page.goto(`${env.base}/pop.html`);
  assert.equal(await ready(page), true);
  assert.deepEqual(shelfwiseWarnings(log), []);
  await page.clock.runFor(10_000);
  await waitForWarning(log);
  const warnings = shelfwiseWarnings(log).map((m) => m.text);
  assert.deepEqual(warnings, [`[shelfwise] data-popularity="${FILE}" was not used: no answer within 10 s`]);
  assert.deepEqual(await grid(page), SERVER_ORDER);
  assert.deepEqual(await shown(page, 'related'), ['Quick one']);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the core build does not fetch the file (it has no slots) and says so once', async () => {
  const { page, log, context } = await openHtml(env, 'core', `${pageHead('core', loader(' data-build="core"'))}<body><ul data-sw-list="grid" id="grid">${SERVER_ORDER.map((id) => `<li data-sw-id="${id}" data-sw-category="Hats">${id}</li>`).join('')}</ul></body></html>`);
  assert.equal(await ready(page), true);
  assert.deepEqual(log.requests.map((r) => new URL(r.url).pathname).sort(),
    ['/core.html', '/pkg/shelfwise.loader.js', '/pkg/shelfwise.core.script.js', '/pkg/shelfwise_core_bg.wasm'].sort());
  assert.deepEqual(shelfwiseWarnings(log).map((m) => m.text),
    [`[shelfwise] data-popularity="${FILE}" was not used: the core build (data-build="core") has no recommendation slots`]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('ES module: the README\'s two lines load the file; after startAuto, setPopularity fills the slots again', async () => {
  const lines = await readmeExample(assert, 'popularity-file');
  const { page, log, context } = await env.page();
  await context.route(`${env.base}${FILE}`, json(POPULAR));
  // Before startAuto, as the README shows: auto mode starts with it.
  await context.route(`${env.base}/before.html`, (r) => r.fulfill({ contentType: 'text/html',
    body: pageHead('before') + body(moduleApp({ namespace: 'pop' }, `${lines}\nstartAuto(engine);\nwindow.__done = true;`)) }));
  await page.goto(`${env.base}/before.html`);
  await page.waitForFunction(() => window.__done === true);
  assert.deepEqual(await shown(page, 'top'), ['One', 'Two']);
  // After startAuto: the running auto mode's slots are filled again when it arrives.
  await context.route(`${env.base}/after.html`, (r) => r.fulfill({ contentType: 'text/html',
    body: pageHead('after') + body(moduleApp({ namespace: 'pop' }, `window.__engine = engine;\nwindow.__auto = startAuto(engine);\n${lines}\nwindow.__done = true;`)) }));
  await page.goto(`${env.base}/after.html`);
  await page.waitForFunction(() => window.__done === true);
  assert.deepEqual(await shown(page, 'top'), ['One', 'Two']);
  assert.deepEqual(await shown(page, 'related'), ['Quick one', 'One', 'Two']);
  // A stopped auto mode's slots are left alone.
  await page.evaluate(() => { window.__auto.stop(); window.__engine.setPopularity({ overall: [['p3', 9]] }); });
  assert.deepEqual(await shown(page, 'top'), ['One', 'Two']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
});
