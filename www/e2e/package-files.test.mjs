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
