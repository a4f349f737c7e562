// Compares run.mjs's "track session mix, first calls after start" (V8's baseline code: the
// first ~100 ms of `track` calls after the benchmark session) in two builds of the package:
// each sample is a fresh page in a fresh browser context (a new renderer, empty caches) with
// one build, builds alternating (A B, B A, A B, …), so both meet the same machine states.
//
//   node ab-first.mjs DIR_A DIR_B [--pages 20] [--js-flags "--liftoff-only"] [--same-page [--ms 200]]
//
// DIR_A and DIR_B each hold a build's `shelfwise.js` and `shelfwise_bg.wasm` (as for ab.mjs).
// Every page's .wasm gets a custom section of its own (the same code, other bytes), so no page
// reuses code V8 compiled or optimised for an earlier one. Prints per build the median and
// p25–p75 of the pages' figures (each the median of 5 samples, as run.mjs), the same for the
// session's 300 first `track` calls (one batch, made before), and B ÷ A of the medians.
// `--js-flags` passes V8 flags to Chromium: `--liftoff-only` times the baseline code alone
// (no tier-up: what the figure measures before V8's optimising tier has compiled the hot
// functions), `--no-liftoff` the optimised code alone. `--same-page` loads both builds in each
// page instead (which one tracks the session first alternates), then alternates batches of 64
// calls between them for `--ms` ms: both meet the same machine state, down to the background
// threads that compile the optimised code; it also prints B ÷ A per page (the median over its
// batch pairs), median and p25–p75 over the pages.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/harness.mjs';
import { summary } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const PAGES = Number(option('pages') || 20);
const JS_FLAGS = option('js-flags');
const SAME_PAGE = args.includes('--same-page');
const MS = Number(option('ms') || 200);
const [dirA, dirB] = args.filter((x, k) => !x.startsWith('--') && !['--pages', '--js-flags', '--ms'].includes(args[k - 1]));
if (!dirA || !dirB) {
  console.error('usage: node ab-first.mjs DIR_A DIR_B [--pages 20] [--js-flags FLAGS] [--same-page [--ms 200]]');
  process.exit(2);
}

let nonce = 0;
/** Copies a build to pkg/ab/<slot>/ with a custom section no other page's .wasm has. */
function place(dir, slot) {
  const to = `${root}pkg/ab/${slot}`;
  mkdirSync(to, { recursive: true });
  cpSync(`${dir}/shelfwise.js`, `${to}/shelfwise.js`);
  const tag = Buffer.from(String(++nonce).padStart(8, '0'));
  // A custom section: id 0, size 10, name "x" (1 byte), then 8 bytes.
  writeFileSync(`${to}/shelfwise_bg.wasm`, Buffer.concat([readFileSync(`${dir}/shelfwise_bg.wasm`),
    Buffer.from([0, 10, 1, 0x78]), tag]));
}

const us = (ms) => (ms * 1000).toFixed(1);
const line = (s) => `median ${us(s.median)} µs (p25–p75 ${us(s.p25)}–${us(s.p75)})`;
const env = await launch({ args: JS_FLAGS ? [`--js-flags=${JS_FLAGS}`] : [] });
const figures = { A: { first: [], session: [] }, B: { first: [], session: [] } };
const ratios = [];
try {
  for (let p = 0; p < PAGES; p++) {
    const order = p % 2 ? ['B', 'A'] : ['A', 'B'];
    // One page per build (as run.mjs), or both builds in one page (--same-page).
    for (const names of SAME_PAGE ? [order] : order.map((n) => [n])) {
      for (const name of names) place(name === 'A' ? dirA : dirB, name.toLowerCase());
      const { page, context } = await env.page();
      await page.goto(`${env.base}/bench/ab-first.html?slots=${names.map((n) => n.toLowerCase()).join(',')}&ms=${MS}`);
      await page.waitForFunction(() => window.__first, null, { timeout: 120000 });
      const r = await page.evaluate(() => window.__first);
      await context.close();
      if (r.error) throw new Error(r.error);
      for (const name of names) {
        const f = r[name.toLowerCase()];
        figures[name].first.push(f.first);
        figures[name].session.push(f.session);
        console.log(`page ${p + 1} ${name}: first calls ${us(f.first)} µs (${f.calls} calls${SAME_PAGE ? '' : ' a sample'}), session ${us(f.session)} µs a call`);
      }
      // The page's B ÷ A: the median over the batch pairs (the same moment after start for
      // both), so a batch the machine preempted moves it less than it moves the totals.
      if (SAME_PAGE) ratios.push(summary(r.b.batches.map((t, k) => t / r.a.batches[k])).median);
    }
  }
  const s = { A: {}, B: {} };
  for (const name of ['A', 'B']) {
    s[name].first = summary(figures[name].first);
    s[name].session = summary(figures[name].session);
    console.log(`${name} (${name === 'A' ? dirA : dirB}): first calls ${line(s[name].first)}; session ${line(s[name].session)}`);
  }
  if (SAME_PAGE) {
    const r = summary(ratios);
    console.log(`B ÷ A per page: median ${r.median.toFixed(3)} (p25–p75 ${r.p25.toFixed(3)}–${r.p75.toFixed(3)})`);
  }
  console.log(`B ÷ A over ${PAGES} pages each: first calls ${(s.B.first.median / s.A.first.median).toFixed(3)}, session ${(s.B.session.median / s.A.session.median).toFixed(3)}`);
} finally {
  rmSync(`${root}pkg/ab`, { recursive: true, force: true });
  await env.close();
}
