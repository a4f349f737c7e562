// Shortens the names the wasm and its JS glue share (scripts/build.sh runs it on pkg/).
//
// wasm-bindgen names every import `__wbg_<method>_<16 hex digits>` under the module
// "./shelfwise_bg.js", and every export after its Rust path. Both the .wasm and the glue carry
// each name, and the hex digits do not compress: about 2.3 KB of the wasm's gzip size.
// binaryen's `--minify-imports-and-exports-and-modules` renames them in the wasm (`a`, `b`, …,
// every import under module "a") and prints the old → new table; this script applies the same
// table to the glue files and the wasm's .d.ts, then checks, by compiling the new wasm, that
// every glue file provides every import the wasm asks for.
//
//   node scripts/minify-wasm-names.mjs <map.json> <module.wasm> <glue.js>... [-- <types.d.ts>]
import { readFileSync, writeFileSync } from 'node:fs';

const [mapFile, wasmFile, ...rest] = process.argv.slice(2);
const split = rest.indexOf('--');
const glues = split < 0 ? rest : rest.slice(0, split);
const typings = split < 0 ? [] : rest.slice(split + 1);
const map = JSON.parse(readFileSync(mapFile, 'utf8'));
const imports = new Map(map.imports.map(([, name, short]) => [name, short]));
const exports = new Map(map.exports.map(([name, short]) => [name, short]));
// `memory` stays: `init()` resolves to the exports, and pages read `memory` from them.
if (exports.has('memory')) {
  writeFileSync(wasmFile, renameExport(readFileSync(wasmFile), exports.get('memory'), 'memory'));
  exports.delete('memory');
}
const module = new WebAssembly.Module(readFileSync(wasmFile));
const importModules = new Set(WebAssembly.Module.imports(module).map((i) => i.module));
if (importModules.size !== 1) fail(`expected one import module, found ${[...importModules]}`);
const [newModule] = importModules;
const wasmImports = new Set(map.imports.map(([oldModule]) => oldModule));
if (wasmImports.size !== 1) fail(`expected one glue module, found ${[...wasmImports]}`);
const [oldModule] = wasmImports;

/** Reads an unsigned LEB128 number at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function encodeLeb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

/** `bytes` with the export named `from` renamed `to` (the export section rebuilt). */
function renameExport(bytes, from, to) {
  let at = 8; // magic and version
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    if (id === 7) {
      const [count, first] = leb(bytes, body);
      let p = first;
      const entries = [];
      for (let i = 0; i < count; i++) {
        const [len, name] = leb(bytes, p);
        const text = Buffer.from(bytes.subarray(name, name + len)).toString('utf8');
        const [, end] = leb(bytes, name + len + 1); // kind byte, then the index
        const tail = bytes.subarray(name + len, end);
        const newName = Buffer.from(text === from ? to : text, 'utf8');
        entries.push(Buffer.from(encodeLeb(newName.length)), newName, tail);
        p = end;
      }
      const section = Buffer.concat([Buffer.from(encodeLeb(count)), ...entries]);
      return Buffer.concat([
        bytes.subarray(0, at),
        Buffer.from([7, ...encodeLeb(section.length)]),
        section,
        bytes.subarray(body + size),
      ]);
    }
    at = body + size;
  }
  fail('no export section');
}

function fail(message) {
  console.error(`minify-wasm-names: ${message}`);
  process.exit(1);
}

/** Replaces every match of `pattern` whose first group is a key of `names`; counts them. */
function rename(text, pattern, names, build) {
  let count = 0;
  const out = text.replace(pattern, (whole, name, ...more) => {
    const short = names.get(name);
    if (short === undefined) return whole;
    count += 1;
    return build(short, ...more);
  });
  return [out, count];
}

for (const file of glues) {
  let text = readFileSync(file, 'utf8');
  let n;
  // Import functions are the keys of the glue's import object: `        __wbg_x_0123…: function(`.
  [text, n] = rename(text, /^ +([\w$]+)(?=: function\()/gm, imports, (short) => `        ${short}`);
  if (n !== imports.size) fail(`${file}: renamed ${n} of ${imports.size} imports`);
  const moduleKey = `"${oldModule}": import0`;
  if (!text.includes(moduleKey)) fail(`${file}: no ${moduleKey}`);
  text = text.replace(moduleKey, `"${newModule}": import0`);
  // Exports are read as `wasm.<name>` (the instance's exports object).
  [text, n] = rename(text, /\bwasm\.([\w$]+)/g, exports, (short) => `wasm.${short}`);
  const left = [...exports.keys()].filter((name) => text.includes(`wasm.${name}`));
  if (left.length) fail(`${file}: exports left unrenamed: ${left}`);
  writeFileSync(file, text);
  // Every import the wasm asks for must now be provided by this glue.
  for (const { name } of WebAssembly.Module.imports(module)) {
    if (!new RegExp(`^\\s+${name.replace(/\$/g, '\\$')}: function\\(`, 'm').test(text)) {
      fail(`${file}: the wasm imports ${name}, the glue does not provide it`);
    }
  }
}

for (const file of typings) {
  let text = readFileSync(file, 'utf8');
  [text] = rename(text, /^export const ([\w$]+):/gm, exports, (short) => `export const ${short}:`);
  writeFileSync(file, text);
}
