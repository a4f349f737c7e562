// Compares `rank` in two builds of the package, in the same page, samples alternating (the
// same machine state for both: on these shared VMs figures drift by 10-50 % between runs).
// With --track, also `track` (the session mix, then view_item only), after the rank figures.
//
//   node ab.mjs DIR_A DIR_B [--pages 6] [--views 20000] [--runs 21] [--track]
//
// DIR_A and DIR_B each hold a build's `shelfwise.js` (the ES-module glue) and
// `shelfwise_bg.wasm`, e.g. copies of pkg/ from two commits. Each engine first tracks the
// benchmark session and `--views` more view_item events, as the full benchmark's track figures
// do. Pages alternate which build loads first. Prints, per page and list size, both medians
// and B ÷ A (below 1: B is faster), then the median ratio over the pages.
//
// V8 compiles a wasm module once per renderer and shares the code among instances of the same
// bytes, optimised for the calls it saw first; two identical .wasm files would share it, so B's
// copy gets an extra custom section to be compiled on its own (BENCHMARKS, session 5).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/harness.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const valued = ['--pages', '--views', '--runs'];
const [dirA, dirB] = args.filter((x, i) => !x.startsWith('--') && !valued.includes(args[i - 1]));
const TRACK = args.includes('--track');
if (!dirA || !dirB) {
  console.error('usage: node ab.mjs DIR_A DIR_B [--pages 6] [--views 20000] [--runs 21] [--track]');
  process.exit(2);
}
const PAGES = option('pages', 6);

/** Copies a build to pkg/ab/<slot>/ (where ab.html loads it from). */
function place(dir, slot, distinct) {
  const to = `${root}pkg/ab/${slot}`;
  mkdirSync(to, { recursive: true });
  cpSync(`${dir}/shelfwise.js`, `${to}/shelfwise.js`);
  let wasm = readFileSync(`${dir}/shelfwise_bg.wasm`);
  // A custom section (id 0, size 10, name "x", 8 bytes): the same code, other bytes.
  if (distinct) wasm = Buffer.concat([wasm, Buffer.from([0, 10, 1, 0x78]), Buffer.from('distinct')]);
  writeFileSync(`${to}/shelfwise_bg.wasm`, wasm);
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const env = await launch({});
const ratios = {};
try {
  for (let p = 0; p < PAGES; p++) {
    // Even pages load A first, odd pages B first.
    const [first, second] = p % 2 ? [dirB, dirA] : [dirA, dirB];
    place(first, 'a', false);
    place(second, 'b', true);
    const { page, context } = await env.page();
    await page.goto(`${env.base}/bench/ab.html?views=${option('views', 20000)}&runs=${option('runs', 21)}&track=${TRACK ? 1 : 0}`);
    await page.waitForFunction(() => window.__ab, null, { timeout: 600000 });
    const result = await page.evaluate(() => window.__ab);
    await context.close();
    if (result.error) throw new Error(result.error);
    for (const [label, r] of Object.entries(result)) {
      const [a, b] = p % 2 ? [r.b, r.a] : [r.a, r.b];
      const ratio = p % 2 ? 1 / r.ratio : r.ratio;
      (ratios[label] ||= []).push(ratio);
      console.log(`page ${p + 1}, ${label}: A ${(a * 1000).toFixed(1)} µs, B ${(b * 1000).toFixed(1)} µs, B ÷ A ${ratio.toFixed(3)}`);
    }
  }
  for (const [label, rs] of Object.entries(ratios)) console.log(`${label}: median B ÷ A over ${rs.length} pages ${median(rs).toFixed(3)}`);
} finally {
  rmSync(`${root}pkg/ab`, { recursive: true, force: true });
  await env.close();
}
