// Compares start-up in two builds of the package: cached loads of the script tag (the
// benchmark's load.html, loader to ready callback, stored profile of the benchmark session),
// alternating between the builds in one browser context, so both see the same machine phase
// (figures drift by 10-50 % between runs on these shared VMs: BENCHMARKS "Machine and method").
//
//   node ab-load.mjs DIR_A DIR_B [--loads 40] [--non-ascii] [--new-tab]
//
// --non-ascii stores the same profile with its texts made non-ASCII (every "e" an "é", every
// "o" a "靴"), as a shop with German or Japanese category names would leave it.
//
// --new-tab opens every load in a new tab (the previous one closed), as a shopper's repeat
// visit in another tab or a later session does. Without it the loads follow each other in one
// tab, and Chromium keeps that tab's renderer process: V8 then reuses the module it compiled on
// the previous load (its functions already compiled). A new tab gets a new renderer process,
// which decodes the module again and compiles each function it calls on first use
// (BENCHMARKS "Start-up work (session 15)").
//
// DIR_A and DIR_B each hold a build's script-tag files as in pkg/: shelfwise.loader.js,
// shelfwise.script.js, shelfwise_bg.wasm, and the ES-module glue shelfwise.js (used once, to
// store the profile). Prints both medians and the median of the per-pair differences B - A
// (below 0: B is faster) with its p25-p75. B's wasm gets an extra custom section so that V8
// does not reuse A's compiled module for it (the same as ab.mjs).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/harness.mjs';
import { summary } from './stats.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--loads');
const LOADS = at >= 0 ? Number(args[at + 1]) : 40;
const NON_ASCII = args.includes('--non-ascii');
const NEW_TAB = args.includes('--new-tab');
const [dirA, dirB] = args.filter((x, i) => !x.startsWith('--') && args[i - 1] !== '--loads');
if (!dirA || !dirB) {
  console.error('usage: node ab-load.mjs DIR_A DIR_B [--loads 40] [--non-ascii] [--new-tab]');
  process.exit(2);
}

const FILES = ['shelfwise.loader.js', 'shelfwise.script.js', 'shelfwise.js'];

/** Copies a build to pkg/ab/<slot>/ with a load page whose tag points at its loader. */
function place(dir, slot, distinct) {
  const to = `${root}pkg/ab/${slot}`;
  mkdirSync(to, { recursive: true });
  for (const f of FILES) cpSync(`${dir}/${f}`, `${to}/${f}`);
  let wasm = readFileSync(`${dir}/shelfwise_bg.wasm`);
  // A custom section (id 0, size 10, name "x", 8 bytes): the same code, other bytes.
  if (distinct) wasm = Buffer.concat([wasm, Buffer.from([0, 10, 1, 0x78]), Buffer.from('distinct')]);
  writeFileSync(`${to}/shelfwise_bg.wasm`, wasm);
  const page = readFileSync(`${here}load.html`, 'utf8');
  if (!page.includes('"/pkg/shelfwise.loader.js"')) throw new Error('load.html: loader tag not found');
  writeFileSync(`${to}/load.html`, page.replace('"/pkg/shelfwise.loader.js"', `"/pkg/ab/${slot}/shelfwise.loader.js"`));
}

/** One load of `url`: run.mjs's wait (the page's own console line, no polling). */
async function loadOnce(tab, url) {
  const page = NEW_TAB ? await tab.context().newPage() : tab;
  if (NEW_TAB) await tab.close();
  const ready = page.waitForEvent('console', { predicate: (m) => m.text() === 'shelfwise-bench: ready', timeout: 60000 });
  await page.goto(url, { waitUntil: 'commit' });
  await ready;
  return { page, ready: await page.evaluate(() => window.__ready) };
}

const env = await launch({ cacheControl: 'max-age=3600' });
try {
  place(dirA, 'a', false);
  place(dirB, 'b', true);
  const context = await env.browser.newContext();
  let page = await context.newPage();
  // The stored profile every load reads: the benchmark session, as run.mjs makes it.
  await page.goto(`${env.base}/bench/catalog.js`);
  const interests = await page.evaluate(async (nonAscii) => {
    const { session } = await import('/bench/catalog.js');
    // Every text but ids and event types, made non-ASCII with --non-ascii.
    const texts = (v, key) => (Array.isArray(v) ? v.map((x) => texts(x))
      : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, texts(x, k)]))
        : typeof v === 'string' && key !== 'id' && key !== 'type' ? v.replace(/e/g, 'é').replace(/o/g, '靴') : v);
    const glue = await import('/pkg/ab/a/shelfwise.js');
    await glue.default();
    const engine = new glue.Engine({ namespace: 'shelfwise-bench' });
    engine.reset();
    for (const e of session()) engine.track(nonAscii ? texts(e) : e);
    engine.flush();
    const n = engine.profile().interests.length;
    engine.free();
    return n;
  }, NON_ASCII);
  const url = (slot) => `${env.base}/pkg/ab/${slot}/load.html`;
  // One load each first: the files reach the HTTP cache and V8 compiles each module once.
  for (const slot of ['a', 'b']) ({ page } = await loadOnce(page, url(slot)));
  const times = { a: [], b: [] };
  const diffs = [];
  for (let i = 0; i < LOADS; i++) {
    // Pairs alternate which build loads first.
    const order = i % 2 ? ['b', 'a'] : ['a', 'b'];
    const pair = {};
    for (const slot of order) {
      let r;
      ({ page, ready: r } = await loadOnce(page, url(slot)));
      if (r.interests !== interests) throw new Error(`build ${slot} read ${r.interests} interests, not ${interests}`);
      pair[slot] = r.loaderToReady;
      times[slot].push(r.loaderToReady);
    }
    diffs.push(pair.b - pair.a);
  }
  await context.close();
  const ms = (s) => `${s.median.toFixed(1)} ms (p25-p75 ${s.p25.toFixed(1)}-${s.p75.toFixed(1)})`;
  console.log(`stored profile: ${interests} interests; ${LOADS} cached loads each${NEW_TAB ? ', each in a new tab' : ''}, loader start to ready`);
  console.log(`A: ${ms(summary(times.a))}`);
  console.log(`B: ${ms(summary(times.b))}`);
  console.log(`B - A per pair: ${ms(summary(diffs))}`);
} finally {
  rmSync(`${root}pkg/ab`, { recursive: true, force: true });
  await env.close();
}
