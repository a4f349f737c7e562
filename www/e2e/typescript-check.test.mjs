// The shipped TypeScript declarations (pkg/shelfwise.d.ts) checked by the compiler, as a shop's
// TypeScript project checks its calls: the README's ES-module examples and the calls the README
// allows compile, and calls the engine refuses do not (each marked `@ts-expect-error`, which
// fails the check once the call compiles). `tsc --noEmit` of the typescript pinned in
// package.json (offline, well under a second). Needs only the built pkg/ (scripts/build.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeExample } from './readme-blocks.mjs';

const dts = fileURLToPath(new URL('../../pkg/shelfwise.d.ts', import.meta.url));
const tsc = fileURLToPath(new URL('node_modules/typescript/bin/tsc', import.meta.url));

/** `tsc --noEmit` over `files` (name -> source) in a new folder; resolves to its output ('' when
 * it compiled). `/pkg/shelfwise.js` and `shelfwise` name the package's declarations, and
 * `lib` is the README's (ES2022, the DOM and `esnext.disposable` for `using`). */
async function check(files) {
  const dir = await mkdtemp(join(tmpdir(), 'shelfwise-tsc-'));
  try {
    const compilerOptions = {
      target: 'es2022', module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true,
      lib: ['es2022', 'dom', 'esnext.disposable'], paths: { '/pkg/shelfwise.js': [dts], shelfwise: [dts] },
    };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
    for (const [name, source] of Object.entries(files)) await writeFile(join(dir, name), source);
    return await new Promise((done) => {
      execFile(process.execPath, [tsc, '-p', dir], (_error, stdout, stderr) => done(`${stdout}${stderr}`.trim()));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("the README's ES-module examples compile against the shipped types", async () => {
  const module = await readmeExample(assert, 'module');
  const framework = await readmeExample(assert, 'framework');
  const recommend = await readmeExample(assert, 'recommend');
  const out = await check({
    'module.ts': module,
    'framework.ts': `${framework}\nexport { auto };`,
    'recommend.ts': `import { Engine, type ItemData, type PopularityData } from '/pkg/shelfwise.js';
declare const engine: Engine;
declare const pack: { popularity: PopularityData; items: Record<string, ItemData> };
${recommend}`,
  });
  assert.equal(out, '');
});

test('ChoiceTarget: one of an id, a category or a key, as the engine takes it; two of them do not compile', async () => {
  const out = await check({
    'choices.ts': `import { Engine } from '/pkg/shelfwise.js';
const engine = new Engine({ storage: 'memory' });
// What the README allows: one field; undefined or null count as absent.
engine.prefer({ id: 'sku-1' });
engine.prefer({ id: 42 });
engine.avoid({ category: ['Shoes', 'Running'] });
const path: string[] = 'Shoes > Running'.split(' > ');
engine.prefer({ category: path });
engine.clearChoice({ key: 'b:acme' });
for (const choice of engine.profile().choices) engine.clearChoice({ key: choice.key });
engine.prefer({ id: 'sku-1', category: null, key: undefined });
engine.avoid({ key: 'b:acme', id: null });
// Checked at run time only (README "API"): these compile, and the engine throws naming the field.
engine.avoid({ category: [] });
engine.prefer({ category: ['1', '2', '3', '4', '5', '6', '7', '8', '9'] });
engine.avoid({ key: 'q:shoes' });
// What the engine refuses ("target: must have only one of an id, a category or a key", …).
// @ts-expect-error an id and a key
engine.prefer({ id: 'sku-1', key: 'b:acme' });
// @ts-expect-error an id and a category
engine.avoid({ id: 'sku-1', category: ['Shoes'] });
// @ts-expect-error a category and a key
engine.clearChoice({ category: ['Shoes'], key: 'b:acme' });
// @ts-expect-error all three
engine.prefer({ id: 1, category: ['Shoes'], key: 'b:acme' });
// @ts-expect-error none
engine.prefer({});
// @ts-expect-error no object
engine.prefer('sku-1');
// @ts-expect-error a category that is no list
engine.prefer({ category: 'Shoes' });
// @ts-expect-error an id that is no string or number
engine.prefer({ id: true });
`,
  });
  assert.equal(out, '');
});

test('an item needs its id (`id` or GA4 `item_id`), as the engine does', async () => {
  const out = await check({
    'items.ts': `import { Engine, type RankItem, type ShelfwiseItem } from '/pkg/shelfwise.js';
const engine = new Engine({ storage: 'memory' });
engine.track({ type: 'view_item', item: { id: 'sku-1', category: ['Shoes'] } });
engine.track({ type: 'view_item', item: { item_id: 42, item_category: 'Shoes' } });
engine.track({ type: 'add_to_cart', items: [{ id: 'sku-1', quantity: 2 }, { item_id: 'sku-2' }] });
const items: RankItem[] = [{ id: 'sku-9', score: 3 }, { item_id: 'sku-7', brand: 'Acme' }];
engine.rank(items, { context: 'search' });
const item: ShelfwiseItem = { id: 'sku-1', item_id: 'sku-1' };
engine.track({ type: 'select_item', item });
// What the engine refuses ("item.id: is required (a non-empty string)", …).
// @ts-expect-error no id
engine.track({ type: 'view_item', item: { name: 'Trail runner' } });
// @ts-expect-error no id in the second item
engine.track({ type: 'add_to_cart', items: [{ id: 'sku-1' }, { quantity: 2 }] });
// @ts-expect-error no id
engine.rank([{ id: 'sku-1' }, { category: ['Hats'], score: 1 }]);
// @ts-expect-error an unknown field, as before
engine.rank([{ id: 'sku-1', colour: 'red' }]);
`,
  });
  assert.equal(out, '');
});

test('an event takes its item or its items, not both (the engine used one and dropped the other in silence)', async () => {
  const out = await check({
    'events.ts': `import { Engine } from '/pkg/shelfwise.js';
const engine = new Engine({ storage: 'memory' });
const a = { id: 'sku-1' };
engine.track({ type: 'view_item', item: a });
engine.track({ type: 'view_item', items: [a] });
engine.track({ type: 'view_item', item: a, items: null });
engine.track({ type: 'add_to_cart', item: a });
engine.track({ type: 'add_to_cart', items: [a, { id: 'sku-2', quantity: 2 }] });
engine.track({ type: 'purchase', items: [a], transactionId: 'T-1' });
engine.track({ event: 'purchase', items: [a], transaction_id: 1001 });
engine.track({ type: 'search', query: 'trail shoes', results: ['sku-1', 2] });
engine.track({ event: 'search', search_term: 'trail shoes' });
engine.track({ type: 'dwell', item: a, seconds: 12 });
engine.track({ type: 'view_item_list', items: [a], ts: Date.now() - 1000 });
// What the engine refuses, or takes only part of.
// @ts-expect-error both: view_item learned item, and dropped items
engine.track({ type: 'view_item', item: a, items: [{ id: 'sku-2' }] });
// @ts-expect-error both: add_to_cart learned items, and dropped item
engine.track({ type: 'add_to_cart', item: a, items: [{ id: 'sku-2' }] });
// @ts-expect-error neither ("items: is required")
engine.track({ type: 'purchase', transactionId: 'T-2' });
// @ts-expect-error neither ("item: is required")
engine.track({ type: 'view_item' });
// @ts-expect-error both: the query was learned, the search term dropped
engine.track({ type: 'search', query: 'red', search_term: 'blue' });
// @ts-expect-error neither ("query: is required")
engine.track({ type: 'search' });
// @ts-expect-error a dwell needs its seconds
engine.track({ type: 'dwell', item: a });
`,
  });
  assert.equal(out, '');
});
