// The npm user's path, as a shop's frontend takes it: `npm pack` the built pkg/, install the
// tarball into a throwaway consumer project, bundle the README's ES-module quick start with
// esbuild (the commands README "Bundlers" gives) and with Vite (`vite build`, a pinned
// devDependency of this package), serve each output with www/server.mjs (and the app with
// Vite's dev server), load it in Chromium: the grid is reordered for a stored profile, the
// panel is defined (Vite app), no console error or failed request. Node resolves the package
// name and runs README's Node block.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './harness.mjs';
import { readmeExample } from './readme-blocks.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = join(here, '..', '..', 'pkg');
const tools = join(here, '..', '..', '.tools', 'node_modules', '.bin');
const vite = join(here, 'node_modules', 'vite', 'bin', 'vite.js');
const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });

// The shop's app: the README quick start (init, new Engine, track a view, rank a small list),
// then auto mode on the page's grid with a second engine that keeps its profile in localStorage.
const APP = `import init, { Engine, startAuto } from 'shelfwise';

await init();
const quick = new Engine({ storage: 'memory' });
quick.track({ type: 'view_item', item: { item_id: 'sku-1', item_category: 'Shoes', item_brand: 'Acme', price: 80 } });
const order = quick.rank([{ id: 'sku-9', category: ['Hats'] }, { id: 'sku-7', category: ['Shoes'], brand: 'Acme' }], { context: 'grid' });

const engine = new Engine({ namespace: 'consumer' });
const auto = startAuto(engine);
window.__app = { order, engine, auto };
`;
const GRID = `<ul data-sw-list="grid">
<li data-sw-id="h1" data-sw-category="Hats">Sun hat</li>
<li data-sw-id="h2" data-sw-category="Hats">Wool hat</li>
<li data-sw-id="s1" data-sw-category="Shoes">Trail runner</li>
</ul>`;
const html = (script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>consumer</title></head><body>
${GRID}
<shelfwise-panel></shelfwise-panel>
${script}
</body></html>
`;

let dir;
let consumer;
before(() => {
  assert.ok(existsSync(join(pkg, 'package.json')), 'pkg/ is built (bash scripts/build.sh)');
  assert.ok(existsSync(vite), 'vite is installed in www/e2e (scripts/install-tools.sh runs npm ci there)');
  assert.ok(existsSync(join(tools, 'esbuild')), 'esbuild is installed in .tools (scripts/install-tools.sh)');
  dir = mkdtempSync(join(tmpdir(), 'shelfwise-consumer-'));
  const tarball = run('npm', ['pack', pkg, '--pack-destination', dir, '--silent'], dir).trim().split('\n').pop();
  consumer = join(dir, 'shop');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  // --offline: the package has no dependencies, so the install needs no registry.
  run('npm', ['install', join(dir, tarball), '--offline', '--no-audit', '--no-fund', '--silent'], consumer);
  writeFileSync(join(consumer, 'app.js'), APP);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

// Loads `/index.html` of the folder `root` (a bundler's output), checks the quick start's ranking,
// stores an interest in shoes, reloads: the grid is reordered from the stored profile.
// `url`: the app's origin when another server serves it (Vite's dev server).
async function checkApp(root, extra = async () => {}, url = null) {
  const env = await launch({ root });
  const base = url ?? env.base;
  try {
    const { page, log, context } = await env.page();
    const failed = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`); });
    const ids = () => page.$$eval('[data-sw-list] > li', (l) => l.map((e) => e.dataset.swId));
    // The app started, or the test fails with what went wrong.
    const started = async () => {
      try {
        await page.waitForFunction(() => window.__app, null, { timeout: 10000 });
      } catch {
        assert.fail(`the app did not start: ${JSON.stringify({ failed, errors: log.errors, console: log.console })}`);
      }
    };
    await page.goto(`${base}/index.html`);
    await started();
    assert.deepEqual(await page.evaluate(() => window.__app.order), ['sku-7', 'sku-9'], 'the quick start ranks');
    assert.deepEqual(await ids(), ['h1', 'h2', 's1'], 'no profile yet: the server order');
    await page.evaluate(() => window.__app.engine.track({ type: 'view_item', item: { item_id: 's9', item_category: 'Shoes' } }));
    await page.reload();
    await started();
    assert.equal((await ids())[0], 's1', 'the stored interest in shoes moves the shoe first');
    assert.equal(await page.$eval('[data-sw-list]', (l) => l.hasAttribute('data-sw-managed')), true);
    await extra(page);
    assert.deepEqual(failed, [], 'no failed request');
    assert.ok(!log.requests.some((r) => r.url.includes('/pkg/')), 'everything comes from the bundle');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
    await context.close();
  } finally {
    await env.close();
  }
}

test('esbuild: the app bundled with the command README "Bundlers" gives runs in Chromium', async () => {
  const dist = join(consumer, 'dist');
  // The README's commands, as written (esbuild from .tools, the version scripts/install-tools.sh pins).
  const commands = await readmeExample(assert, 'esbuild', 'sh');
  run('sh', ['-ec', commands], consumer, { PATH: `${tools}:${process.env.PATH}` });
  writeFileSync(join(dist, 'index.html'), html('<script type="module" src="./app.js"></script>'));
  await checkApp(dist);
});

test('Vite: `vite build` of the app with the panel imported from the package runs in Chromium', async () => {
  writeFileSync(join(consumer, 'main.js'), `import 'shelfwise/shelfwise-panel.js';\nimport './app.js';\nshelfwisePanel.connect(window.__app.engine);\n`);
  writeFileSync(join(consumer, 'index.html'), html('<script type="module" src="./main.js"></script>'));
  run(process.execPath, [vite, 'build', '--outDir', 'vite-dist', '--logLevel', 'warn'], consumer);
  const assets = readdirSync(join(consumer, 'vite-dist', 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `Vite emits the wasm as an asset (${assets})`);
  await checkApp(join(consumer, 'vite-dist'), async (page) => {
    assert.equal(await page.evaluate(() => typeof customElements.get('shelfwise-panel')), 'function', 'the panel is defined');
    // Connected to the app's engine, the panel lists the stored interest.
    await page.waitForFunction(() => /shoes/i.test(document.querySelector('shelfwise-panel').shadowRoot?.textContent || ''),
      null, { timeout: 5000 });
  });
});

test('Vite: the dev server serves the same app (its dependency optimiser keeps the wasm reachable)', async () => {
  const { createServer } = await import('vite');
  const server = await createServer({ root: consumer, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  await server.listen();
  try {
    const { port } = server.httpServer.address();
    await checkApp(consumer, async (page) => {
      assert.equal(await page.evaluate(() => typeof customElements.get('shelfwise-panel')), 'function', 'the panel is defined');
    }, `http://127.0.0.1:${port}`);
  } finally {
    await server.close();
  }
});

test('Node resolves the package name and its subpaths; the README Node block runs as it says', async () => {
  const out = run(process.execPath, ['--input-type=module', '-e', `
const m = await import('shelfwise');
const defaults = await import('shelfwise/defaults.json', { with: { type: 'json' } });
console.log(typeof m.default, typeof m.Engine, typeof m.startAuto, typeof defaults.default.halfLifeDays);
console.log(await m.default().then(() => 'init ran', (e) => e.message));`], consumer);
  // README: "init() fails there (`fetch failed` …)".
  assert.equal(out.trim(), 'function function function number\nfetch failed');
  const example = await readmeExample(assert, 'node');
  const said = example.match(/console\.log\(.*\); \/\/ (.+)\n/);
  assert.ok(said, 'the block says what it logs');
  writeFileSync(join(consumer, 'node-example.mjs'), example);
  assert.equal(run(process.execPath, ['node-example.mjs'], consumer).trim(), said[1]);
});
