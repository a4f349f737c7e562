// What the package ships besides the engine, used as pkg-config/README.md says: the default
// settings file `pkg/defaults.json` (pass any subset of it to `new Engine(config)`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('pkg/defaults.json, whole or its moments part, is accepted by new Engine and changes nothing', async () => {
  const { page, context, log } = await env.page();
  await page.goto(`${env.base}/e2e-pages/engine.html`);
  await page.waitForFunction(() => window.shelfwise);
  const r = await page.evaluate(async () => {
    const defaults = await (await fetch('/pkg/defaults.json')).json();
    const { Engine } = window.shelfwise;
    const out = {};
    for (const [name, config] of [['whole', defaults], ['moments', { moments: defaults.moments }]]) {
      try {
        const e = new Engine({ ...config, storage: 'memory' });
        out[name] = e.rank([{ id: 'a' }, { id: 'b' }]).join(',');
        e.free();
      } catch (err) { out[name] = err.message; }
    }
    return out;
  });
  // `priceMedians` shipped as `[]`: "config.moments.priceMedians: must be an object".
  assert.deepEqual(r, { whole: 'a,b', moments: 'a,b' });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the package ships the licenses its package.json declares', async () => {
  const fs = await import('node:fs');
  const pkg = new URL('../../pkg/', import.meta.url);
  const meta = JSON.parse(fs.readFileSync(new URL('package.json', pkg), 'utf8'));
  assert.equal(meta.license, 'MIT OR Apache-2.0');
  for (const [file, head] of [['LICENSE-MIT', 'MIT License'], ['LICENSE-APACHE', 'Apache License']]) {
    assert.ok(meta.files.includes(file), `${file} in package.json files`);
    assert.match(fs.readFileSync(new URL(file, pkg), 'utf8'), new RegExp(head));
  }
});

// README "Script tag options" against the loader the package ships: every `data-*` attribute
// the loader reads has a row, and every row is one it reads; the auto-mode options it passes
// on (`searchParam`, `impressions`) are the AutoOptions that shelfwise.d.ts declares.
test('README documents exactly the data attributes the loader reads', async () => {
  const fs = await import('node:fs');
  const loader = fs.readFileSync(new URL('../../pkg/shelfwise.loader.js', import.meta.url), 'utf8');
  const source = fs.readFileSync(new URL('../shelfwise.js', import.meta.url), 'utf8');
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const kebab = (name) => 'data-' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
  const read = [...new Set([...source.matchAll(/\bdata\.(\w+)/g)].map((m) => kebab(m[1])))].sort();
  // The shipped loader is the minified source: it reads the same attributes.
  for (const name of read) {
    const camel = name.slice(5).replace(/-(\w)/g, (_, c) => c.toUpperCase());
    assert.ok(loader.includes(`.${camel}`), `pkg/shelfwise.loader.js reads ${name}`);
  }
  const section = readme.slice(readme.indexOf('### Script tag options'), readme.indexOf('### Markup Shelfwise reads'));
  const rows = section.split('\n').filter((l) => l.startsWith('| `data-'))
    .map((l) => l.match(/^\| `(data-[\w-]+)`/)[1]).sort();
  assert.deepEqual(rows, read, 'README "Script tag options" rows against the data attributes www/shelfwise.js reads');
  const dts = fs.readFileSync(new URL('../../pkg/shelfwise.d.ts', import.meta.url), 'utf8');
  const autoOptions = dts.slice(dts.indexOf('export interface AutoOptions {'));
  const declared = [...autoOptions.slice(0, autoOptions.indexOf('\n}')).matchAll(/^\s+(\w+)\?:/gm)].map((m) => m[1]);
  const passed = [...source.matchAll(/config\.(\w+) = /g)].map((m) => m[1])
    .filter((n) => !['namespace', 'storage', 'consent'].includes(n));
  assert.deepEqual(passed.sort(), declared.sort(), 'the auto-mode options the loader passes are AutoOptions');
});

// README "How big and how fast" against the release package (scripts/build.sh) and the size
// ratchets: the raw sizes are the built files', the gzip totals are scripts/size-report.sh's budgets (which CI keeps equal
// to today's sizes), so a change in size cannot leave a stale figure behind.
test("README's download figures are the built files' raw sizes and the size-report ratchets", async () => {
  const fs = await import('node:fs');
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const report = fs.readFileSync(new URL('../../scripts/size-report.sh', import.meta.url), 'utf8');
  const budget = (name) => Number(report.match(new RegExp(`^${name}=\\$\\{${name}:-(\\d+)\\}`, 'm'))[1]);
  const [full, core] = [budget('BUDGET_GZIP'), budget('BUDGET_CORE_GZIP')];
  const size = (f) => fs.statSync(new URL(`../../pkg/${f}`, import.meta.url)).size;
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  const grouped = (n) => n.toLocaleString('en-US');
  const rows = readme.slice(readme.indexOf('| download | raw |'), readme.indexOf('Bundler users import'))
    .split('\n').filter((l) => l.startsWith('| '));
  const row = (start) => {
    const r = rows.find((l) => l.startsWith(start));
    assert.ok(r, `a row ${start}`);
    return r.split(' | ').map((c) => c.replace(/[*|]/g, '').trim());
  };
  const loader = size('shelfwise.loader.js');
  const parts = { loader, glue: size('shelfwise.script.js'), wasm: size('shelfwise_bg.wasm') };
  assert.equal(row('| `shelfwise.loader.js`')[1], kb(loader));
  assert.equal(row('| `shelfwise.script.js`')[1], kb(parts.glue));
  assert.equal(row('| `shelfwise_bg.wasm`')[1], kb(parts.wasm));
  assert.equal(row('| `shelfwise-panel.js`')[1], kb(size('shelfwise-panel.js')));
  const total = row('| **Shelfwise total**');
  assert.deepEqual(total.slice(1, 3), [kb(parts.loader + parts.glue + parts.wasm), kb(full)]);
  const coreRow = row('| **Shelfwise core build**');
  const coreRaw = loader + size('shelfwise.core.script.js') + size('shelfwise_core_bg.wasm');
  assert.deepEqual(coreRow.slice(1, 3), [kb(coreRaw), kb(core)]);
  assert.ok(readme.includes(`(\`shelfwise.loader.js\`, ${kb(loader)},`), 'the quick start gives the loader its size');
  assert.ok(readme.includes(`ES-module glue, ${kb(size('shelfwise.js'))} raw`), 'the ES module glue its raw size');
  assert.ok(readme.includes(`(${grouped(full)} bytes gzip, core build ${grouped(core)})`), 'the ratchets, in bytes');
  for (const [figure, name] of [[kb(full), 'full'], [kb(core), 'core']]) {
    assert.ok(readme.split(figure).length - 1 >= 3, `the ${name} build's ${figure} throughout the README`);
  }
});
