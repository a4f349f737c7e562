// How the demo server serves the package for repeat visits (README "Repeat visits"): the
// wasm as exactly `application/wasm`, every file with validators, and 304 for an unchanged file.
// Without validators a `no-cache` response is downloaded again on every visit, a new response
// each time, and Chromium never reuses the wasm's compiled code, which it keys by the response's
// time (BENCHMARKS "Start-up work (session 16)").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let env;
// Status of every response the server sent for the full build's wasm, in order.
const wasmStatus = [];
before(async () => {
  env = await launch();
  env.server.on('request', (req, res) => {
    if (req.url.endsWith('/shelfwise_bg.wasm')) res.on('finish', () => wasmStatus.push(res.statusCode));
  });
});
after(async () => { await env.close(); });

const wasm = () => `${env.base}/pkg/shelfwise_bg.wasm`;

test('the wasm comes with validators, and a request naming it as it is gets 304 without a body', async () => {
  const first = await fetch(wasm());
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('content-type'), 'application/wasm');
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  const etag = first.headers.get('etag');
  const modified = first.headers.get('last-modified');
  assert.ok(etag, 'no ETag header');
  assert.ok(modified, 'no Last-Modified header');
  assert.ok((await first.arrayBuffer()).byteLength > 1000);

  const byTag = await fetch(wasm(), { headers: { 'if-none-match': etag } });
  assert.equal(byTag.status, 304);
  assert.equal((await byTag.arrayBuffer()).byteLength, 0);
  assert.equal(byTag.headers.get('etag'), etag);
  const byDate = await fetch(wasm(), { headers: { 'if-modified-since': modified } });
  assert.equal(byDate.status, 304);
  await byDate.arrayBuffer();
});

test('another ETag or an older date gets the whole file; If-None-Match wins over the date', async () => {
  const { headers } = await fetch(wasm(), { method: 'HEAD' });
  const other = await fetch(wasm(), { headers: { 'if-none-match': '"other"', 'if-modified-since': headers.get('last-modified') } });
  assert.equal(other.status, 200);
  assert.ok((await other.arrayBuffer()).byteLength > 1000);
  const older = await fetch(wasm(), { headers: { 'if-modified-since': new Date(0).toUTCString() } });
  assert.equal(older.status, 200);
  await older.arrayBuffer();
});

test("Chromium revalidates the script tag's wasm on a repeat visit in a new tab: 304, not a second download", async () => {
  const { page, context } = await env.page();
  const visit = async (tab) => {
    await tab.goto(`${env.base}/bench/load.html`);
    await tab.waitForFunction(() => window.shelfwise && window.shelfwise.engine);
  };
  wasmStatus.length = 0;
  await visit(page);
  const again = await context.newPage();
  await page.close();
  await visit(again);
  assert.deepEqual(wasmStatus, [200, 304]);
  await context.close();
});
