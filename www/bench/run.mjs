// Runs the browser benchmark: bundles the peers with esbuild, measures download sizes, then
// drives Debian's Chromium (through ../e2e/harness.mjs) over the benchmark page and the load
// page. Writes results/latest.json and results/latest.md and prints the markdown.
//
//   node run.mjs [--runs 15] [--loads 15] [--only rank|load] [--poll-ready]
//
// `--only rank` runs only the rank figures (no load, track, DOM or peer-library figures), for
// quick before/after comparisons of ranking work. `--only load` runs only the load figures
// (the stored profile is made as in a full run), for start-up work. `--poll-ready` waits for
// the load pages the way runs before session 4 did (see loadOnce).
// Exits 1 when a check fails (the plain-JS peer ranks differently, the page throws, or the
// loader fetches files the size budget does not cover). Time targets are reported, not asserted.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launch } from '../e2e/harness.mjs';
import { summary } from './stats.js';
import { markdown } from './report.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = option('runs', 15);
const LOADS = option('loads', 15);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : '';
const POLL_READY = process.argv.includes('--poll-ready');

/** Raw, `gzip -9` and `brotli -q 11` sizes: the same tools as scripts/size-report.sh. */
function sizes(bytes) {
  const packed = (cmd, args) => execFileSync(cmd, args, { input: bytes, maxBuffer: 1 << 26 }).length;
  return { raw: bytes.length, gzip: packed('gzip', ['-9', '-c']), brotli: packed('brotli', ['-q', '11', '-c']) };
}

const total = (list) => list.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });

/** Bundles `entry` (a path or source text) minified for browsers; returns the output bytes. */
async function bundle(entry, outfile) {
  const common = { bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2020', outfile, logLevel: 'error' };
  const input = entry.endsWith('.js') ? { entryPoints: [entry] } : { stdin: { contents: entry, resolveDir: here } };
  await build({ ...common, ...input });
  return readFileSync(outfile);
}

async function measureSizes() {
  const list = (flag) => execFileSync('bash', [`${root}scripts/size-report.sh`, flag], { encoding: 'utf8' }).trim().split('\n');
  const files = list('--list');
  const coreFiles = list('--list-core');
  const shelfwise = Object.fromEntries(files.map((f) => [f, sizes(readFileSync(`${root}${f}`))]));
  const esModule = sizes(readFileSync(`${root}pkg/shelfwise.js`));
  const core = Object.fromEntries(coreFiles.filter((f) => !files.includes(f)).map((f) => [f, sizes(readFileSync(`${root}${f}`))]));
  const coreTotal = total(coreFiles.map((f) => shelfwise[f] || core[f]));
  mkdirSync(`${here}dist`, { recursive: true });
  const gb = `${here}node_modules/@growthbook/growthbook/dist/bundles/auto.min.js`;
  const peers = {
    'Uniform Context (esbuild bundle of what the benchmark uses)': sizes(await bundle(`${here}peers/uniform.js`, `${here}dist/uniform.js`)),
    'GrowthBook script-tag build (dist/bundles/auto.min.js)': sizes(readFileSync(gb)),
    'Ninetailed experience.js (esbuild bundle of Ninetailed)': sizes(await bundle(
      "export { Ninetailed } from '@ninetailed/experience.js';", `${here}dist/ninetailed.js`)),
    'plain-JS ranker (esbuild bundle)': sizes(await bundle(`${here}peers/plain-rank.js`, `${here}dist/plain-rank.js`)),
  };
  return { files, coreFiles, shelfwise: { ...shelfwise, total: total(Object.values(shelfwise)) }, core: { ...core, total: coreTotal },
    esModule, peers };
}

function watch(page, problems) {
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
}

/**
 * Opens a load page and waits for its own "ready" console line, sending nothing into the page
 * while it starts. Waiting with `waitForFunction` once the load event had fired (before session
 * 4; `--poll-ready` still does) put Playwright's calls and its poller, run on every animation
 * frame, into the engine's start: 2-4 ms more on cached loads (BENCHMARKS, session 4).
 */
async function loadOnce(page, url) {
  if (POLL_READY) {
    await page.goto(url);
    await page.waitForFunction(() => window.__ready, null, { timeout: 60000 });
    return page.evaluate(() => window.__ready);
  }
  const ready = page.waitForEvent('console', { predicate: (m) => m.text() === 'shelfwise-bench: ready', timeout: 60000 });
  await page.goto(url, { waitUntil: 'commit' });
  await ready;
  return page.evaluate(() => window.__ready);
}

/** Cold loads (a fresh browser context each: empty HTTP cache) then cached loads of `path`. */
async function loads(env, storageState, path, problems) {
  const url = `${env.base}${path}`;
  const out = { cold: [], cached: [], coldNav: [], cachedNav: [], seen: null };
  for (let i = 0; i < LOADS; i++) {
    const context = await env.browser.newContext({ storageState });
    const page = await context.newPage();
    watch(page, problems);
    const r = await loadOnce(page, url);
    out.cold.push(r.loaderToReady); out.coldNav.push(r.navigationToReady);
    out.seen = r;
    await context.close();
  }
  const context = await env.browser.newContext({ storageState });
  const page = await context.newPage();
  watch(page, problems);
  await loadOnce(page, url);
  for (let i = 0; i < LOADS; i++) {
    const r = await loadOnce(page, url);
    out.cached.push(r.loaderToReady); out.cachedNav.push(r.navigationToReady);
  }
  await context.close();
  return out;
}

async function loadFigures(env, storageState, size, checks, problems) {
  const figures = {};
  const pages = [['script tag', '/bench/load.html', size.files], ['script tag, core build', '/bench/load-core.html', size.coreFiles],
    ['ES module', '/bench/load-module.html', null]];
  for (const [name, path, files] of pages) {
    const r = await loads(env, storageState, path, problems);
    checks[`stored profile loaded, ${name} (interests)`] = r.seen.interests;
    if (files) {
      const fetched = r.seen.resources.filter((p) => p.startsWith('/pkg/')).map((p) => p.slice(1)).sort();
      checks[`${name} fetches exactly the size-budgeted files`] =
        JSON.stringify(fetched) === JSON.stringify([...files].sort()) ? true : { fetched, budgeted: files };
    }
    Object.assign(figures, {
      [`engine ready after loader start, cold (${name})`]: summary(r.cold),
      [`engine ready after loader start, cached (${name})`]: summary(r.cached),
      [`engine ready after navigation start, cold (${name})`]: summary(r.coldNav),
      [`engine ready after navigation start, cached (${name})`]: summary(r.cachedNav),
    });
  }
  return figures;
}

async function main() {
  const size = await measureSizes();
  const env = await launch({ cacheControl: 'max-age=3600' });
  const problems = [];
  try {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    watch(page, problems);
    await page.goto(`${env.base}/bench/index.html?runs=${RUNS}&only=${ONLY}`);
    await page.waitForFunction(() => window.__bench, null, { timeout: 900000, polling: 500 });
    const bench = await page.evaluate(() => window.__bench);
    if (bench.error) throw new Error(`benchmark page failed: ${bench.error}`);
    const storageState = await context.storageState();
    await context.close();
    const checks = { ...bench.checks };
    const loads = ONLY && ONLY !== 'load' ? {} : await loadFigures(env, storageState, size, checks, problems);
    const result = {
      date: new Date().toISOString(),
      machine: {
        nproc: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg().map((x) => x.toFixed(2)).join(' '),
        chromium: env.browser.version(), node: process.version, userAgent: bench.userAgent,
      },
      runs: RUNS, loads: LOADS,
      figures: { ...loads, ...bench.figures },
      sizes: { shelfwise: size.shelfwise, core: size.core, esModule: size.esModule, peers: size.peers },
      checks, problems,
    };
    mkdirSync(`${here}results`, { recursive: true });
    writeFileSync(`${here}results/latest.json`, `${JSON.stringify(result, null, 2)}\n`);
    const md = markdown(result);
    writeFileSync(`${here}results/latest.md`, md);
    console.log(md);
    const failed = Object.entries(checks).filter(([k, v]) => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (failed.length || problems.length) {
      console.error('bench: FAIL', JSON.stringify({ failed, problems }, null, 2));
      process.exitCode = 1;
    }
  } finally {
    await env.close();
  }
}

await main();
