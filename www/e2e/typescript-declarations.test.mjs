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
