// The TypeScript declarations (pkg/shelfwise.d.ts) say what the runtime accepts: arguments the
// API treats as optional are declared optional (`x?: T`; a parameter typed `T | undefined`
// without `?` must still be passed, so `new Engine()` and `engine.rank(items)` failed to
// type-check), ids are `string | number` wherever `rank` accepts numbers, and GA4's `event` key
// is accepted in place of `type`. Needs only the built pkg/ (scripts/build.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const dts = await readFile(new URL('../../pkg/shelfwise.d.ts', import.meta.url), 'utf8');
// The Engine class's declaration, one member per line.
const engine = dts.slice(dts.indexOf('export class Engine {'));
const members = engine.slice(0, engine.indexOf('\n}')).split('\n').map((l) => l.trim());

test('arguments the runtime treats as optional are optional', () => {
  for (const sig of [
    'constructor(config?: ShelfwiseConfig | null);',
    'rank(items: RankItem[], options?: RankOptions | null): string[];',
    'recommend(slot: RecommendSlot, options?: RecommendOptions | null): Recommendation[];',
    'addItemData(id: string | number, data?: ItemData | null): void;',
    'trigger(occasion?: Occasion | null): Trigger | undefined;',
    'showTrigger(occasion?: Occasion | null): Trigger | undefined;',
    'welcomeBack(limit?: number | null): string[];',
  ]) assert.ok(members.includes(sig), `${sig} in:\n${members.join('\n')}`);
  // No Engine method takes a `T | undefined` that callers must still pass.
  assert.deepEqual(members.filter((m) => /\w: [^?]*\| undefined[,)]/.test(m)), []);
});

test('startAuto takes its options as optional, as the runtime reads null and no options as defaults', () => {
  assert.ok(dts.includes('export function startAuto(engine: Engine, options?: AutoOptions | null): Auto;'),
    dts.split('\n').filter((l) => l.includes('function startAuto')).join('\n'));
  // No exported function takes a `T | undefined` that callers must still pass.
  assert.deepEqual(dts.split('\n').filter((l) => /^export function .*\w: [^?]*\| undefined[,)]/.test(l)), []);
});

test('methods taking an item id take the numbers rank and track accept', () => {
  for (const sig of [
    'explain(id: string | number): Explanation | undefined;',
    'removeItem(id: string | number): boolean;',
  ]) assert.ok(members.includes(sig), sig);
});

test('getters and item fields are typed as the runtime answers and accepts', () => {
  assert.ok(members.includes('readonly storageMode: "local" | "memory";'));
  assert.ok(members.includes('readonly arm: "treatment" | "holdout";'));
  assert.match(dts, /facets\?: Record<string, string \| number>;/, 'facets take whole numbers');
});

test("events may name their type with GA4's `event` key", () => {
  assert.match(dts, /export type ShopperEvent = /);
  assert.match(dts, /export type ShopperEventGa4 = /);
  assert.ok(members.includes('track(event: ShopperEvent | ShopperEventGa4): void;'));
});

test('the README documents every Engine member, Auto method and exported function, and names no other', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const api = readme.slice(readme.indexOf('\n## API'), readme.indexOf('\n### Native tools'));
  const declared = (cls) => {
    const body = dts.slice(dts.indexOf(`export class ${cls} {`));
    return body.slice(0, body.indexOf('\n}')).split('\n')
      .map((l) => l.trim().match(/^(?:readonly )?(\w+)[(:]/)?.[1])
      .filter((n) => n && !['free', 'constructor'].includes(n));
  };
  const functions = [...dts.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1])
    .filter((n) => n !== 'initSync');
  const documented = [...declared('Engine'), ...declared('Auto'), ...functions];
  for (const name of documented) assert.match(api, new RegExp('`' + name + '[`(]'), `${name} in the README's API`);
  // Every method or getter a row of the API section's method tables names exists.
  const rows = api.split('\n| method |').slice(1).flatMap((t) => t.split('\n\n')[0].split('\n'))
    .filter((l) => l.startsWith('| `'));
  const named = rows.flatMap((l) => [...l.split(' | ')[0].matchAll(/`(\w+)(?:\(|`)/g)].map((m) => m[1]));
  assert.ok(named.length > 25, named.join(" "));
  for (const name of named) assert.ok(documented.includes(name), `README names ${name}, which the package does not declare`);
});

test('removeSearch takes a search as profile().searches lists it', () => {
  assert.ok(members.includes('removeSearch(text: string): boolean;'), members.filter((m) => m.startsWith('remove')).join('\n'));
});

// The README's API rows against the declarations: each `name(a, b?)` a row names has the
// parameters, and the optional ones, that shelfwise.d.ts declares for it.
test("the README's API rows give each method the parameters the declarations have", async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const api = readme.slice(readme.indexOf('\n## API'), readme.indexOf('\n### Native tools'));
  const params = (list) => list.split(',').map((p) => p.trim()).filter(Boolean)
    .map((p) => p.match(/^(\w+\??)/)[1]);
  const declared = new Map();
  for (const line of dts.split('\n')) {
    const m = line.trim().match(/^(?:export function )?(\w+)\(([^)]*)\)/);
    if (m && !declared.has(m[1])) declared.set(m[1], params(m[2]).join(', '));
  }
  const rows = api.split('\n').filter((l) => l.startsWith('| `'));
  const calls = rows.flatMap((l) => [...l.split(' | ')[0].matchAll(/`(\w+)\(([^)]*)\)`/g)]);
  assert.ok(calls.length > 25, calls.map((c) => c[0]).join(' '));
  for (const [, name, args] of calls) {
    assert.equal(`${name}(${params(args).join(', ')})`, `${name}(${declared.get(name)})`,
      `README's \`${name}(${args})\` against shelfwise.d.ts`);
  }
});

/** What a script-tag glue exports once it has run: top-level names, and the members of its
 * Engine and Auto classes (internal `__` names and `free` left out). */
async function exportsOf(file) {
  const vm = await import('node:vm');
  const ctx = vm.createContext({ TextEncoder, TextDecoder });
  const glue = await readFile(new URL(`../../pkg/${file}`, import.meta.url), 'utf8');
  vm.runInContext(`${glue}\n;globalThis.exported = shelfwise_wasm;`, ctx);
  const w = ctx.exported;
  const members = (cls) => (w[cls] ? Object.getOwnPropertyNames(w[cls].prototype) : [])
    .filter((n) => !n.startsWith('__') && !['constructor', 'free'].includes(n));
  return {
    functions: Object.keys(w).filter((n) => !['Engine', 'Auto', 'initSync'].includes(n)).sort(),
    engine: members('Engine').sort(),
    auto: members('Auto').sort(),
  };
}

test('the full build exports what shelfwise.d.ts declares; the core build leaves out exactly what README "Two builds" lists', async () => {
  const block = (cls) => {
    const body = dts.slice(dts.indexOf(`export class ${cls} {`));
    return body.slice(0, body.indexOf('\n}')).split('\n')
      .map((l) => l.trim().match(/^(?:readonly )?(\w+)[(:]/)?.[1])
      .filter((n) => n && !['free', 'constructor'].includes(n)).sort();
  };
  const functions = [...dts.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1])
    .filter((n) => n !== 'initSync').sort();
  const full = await exportsOf('shelfwise.script.js');
  assert.deepEqual(full, { functions, engine: block('Engine'), auto: block('Auto') });

  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const two = readme.slice(readme.indexOf('### Two builds'), readme.indexOf('### Framework users'));
  const sentence = (start, end) => {
    const s = two.slice(two.indexOf(start));
    return [...s.slice(0, s.indexOf(end)).matchAll(/`(?:auto\.)?(\w+)`/g)].map((m) => m[1]);
  };
  const leftOut = sentence('It leaves out', 'so pages showing');
  const kept = sentence('keeps consent', 'It leaves out');
  const all = [...full.functions, ...full.engine, ...full.auto];
  for (const name of [...leftOut, ...kept]) assert.ok(all.includes(name), `README "Two builds" names ${name}, which the full build does not export`);
  const core = await exportsOf('shelfwise.core.script.js');
  const without = (list) => list.filter((n) => !leftOut.includes(n));
  assert.deepEqual(core, { functions: without(full.functions), engine: without(full.engine), auto: without(full.auto) },
    'the core build: the full build without what README "Two builds" leaves out');
  for (const name of kept) assert.ok([...core.engine, ...core.auto].includes(name), `${name} is kept in the core build`);
});
