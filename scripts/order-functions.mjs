// Names a wasm's functions so that `wasm-opt --reorder-functions-by-name` (scripts/build.sh
// runs it next, then strips the names) puts functions whose code is alike side by side: gzip
// finds its repeats only within the last 32 KB, and the compiler's order (by crate and module)
// keeps most alike bodies (shims, drop glue, decoders of one shape) further apart than that.
// About 1.6 KB gzip less in the full build and 1.5 KB in the core build (BENCHMARKS "Size work
// (session 20, branch size25, issue 7)").
// The order changes no code: the optimiser renumbers every call, table entry and export.
//
// The order, greedy and deterministic: the first function stays first; then, again and again,
// of the functions not placed yet, the one with the largest share of its 4-byte runs found in
// the three functions placed last (ties: the earliest in the compiler's order). Imports keep
// their order, before every function. (Measured against the last one, two or four functions:
// the last three gave the smallest two builds together, by 0.1–0.2 KB gzip.)
//
//   node scripts/order-functions.mjs <module.wasm>   (rewrites it: a new name section)
import { readFileSync, writeFileSync } from 'node:fs';

const fail = (message) => {
  console.error(`order-functions: ${message}`);
  process.exit(1);
};
const [wasmFile] = process.argv.slice(2);
const wasm = readFileSync(wasmFile);

// LEB128 (unsigned, 32-bit) at `at`: [value, offset after it].
const readU32 = (at) => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = wasm[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
};
const u32 = (n) => {
  const bytes = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    bytes.push(byte);
  } while (n);
  return Buffer.from(bytes);
};
const text = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);

// The sections, and from them the number of imported functions and each function's code.
const sections = [];
for (let at = 8; at < wasm.length; ) {
  const [size, body] = readU32(at + 1);
  sections.push({ id: wasm[at], start: at, body, end: body + size });
  at = body + size;
}
let imported = 0;
let declared = -1;
const bodies = [];
for (const { id, body } of sections) {
  let [count, at] = readU32(body);
  if (id === 2) {
    for (let i = 0; i < count; i++) {
      let len;
      for (const _ of [0, 1]) [len, at] = readU32(at), (at += len); // module and field names
      const kind = wasm[at++];
      if (kind === 0) imported++, ([, at] = readU32(at)); // function: type index
      else if (kind === 1 || kind === 2) {
        if (kind === 1) at++; // table: element type (one byte in this crate's wasm)
        const flags = wasm[at++];
        [, at] = readU32(at);
        if (flags & 1) [, at] = readU32(at);
      } else if (kind === 3) at += 2; // global: value type (one byte here), mutability
      else fail(`import kind ${kind} not handled`);
    }
  } else if (id === 3) declared = count;
  else if (id === 10) {
    for (let i = 0; i < count; i++) {
      let len;
      [len, at] = readU32(at);
      bodies.push(wasm.subarray(at, at + len));
      at += len;
    }
  }
}
if (bodies.length === 0 || bodies.length !== declared) {
  fail(`${bodies.length} function bodies for ${declared} functions declared`);
}

// Each body's distinct 4-byte runs, and which bodies hold each run.
const runs = bodies.map((b) => {
  const set = new Set();
  for (let i = 0; i + 4 <= b.length; i++) set.add(b.readUInt32LE(i));
  return [...set];
});
const holders = new Map();
runs.forEach((list, f) => {
  for (const run of list) {
    const fs = holders.get(run);
    if (fs) fs.push(f);
    else holders.set(run, [f]);
  }
});

// The runs of the last three functions placed (how many of the three hold each).
const recent = new Map();
const note = (f, add) => {
  for (const run of runs[f]) {
    const n = (recent.get(run) ?? 0) + add;
    if (n) recent.set(run, n);
    else recent.delete(run);
  }
};
const placed = new Uint8Array(bodies.length);
const order = [0];
placed[0] = 1;
note(0, 1);
const shared = new Uint32Array(bodies.length);
for (let next = 1; order.length < bodies.length; ) {
  const touched = [];
  for (const run of recent.keys()) {
    for (const f of holders.get(run)) {
      if (!placed[f]) {
        if (shared[f] === 0) touched.push(f);
        shared[f]++;
      }
    }
  }
  let best = -1;
  let bestScore = 0;
  for (const f of touched) {
    const score = shared[f] / (runs[f].length + 1);
    if (score > bestScore || (score === bestScore && f < best)) [best, bestScore] = [f, score];
    shared[f] = 0;
  }
  if (best < 0) {
    while (placed[next]) next++;
    best = next;
  }
  placed[best] = 1;
  order.push(best);
  note(best, 1);
  if (order.length > 3) note(order[order.length - 4], -1);
}

// The name section: imports `0<index>`, functions `1<place>`, all of one length, so that the
// names sort in the wanted order.
const width = String(imported + bodies.length).length;
const names = [];
for (let i = 0; i < imported; i++) names.push([i, `0${String(i).padStart(width, '0')}`]);
order.forEach((f, place) => names.push([imported + f, `1${String(place).padStart(width, '0')}`]));
names.sort((a, b) => a[0] - b[0]);
const functionNames = Buffer.concat([u32(names.length), ...names.map(([i, n]) => Buffer.concat([u32(i), text(n)]))]);
const nameBody = Buffer.concat([text('name'), Buffer.from([1]), u32(functionNames.length), functionNames]);
const nameSection = Buffer.concat([Buffer.from([0]), u32(nameBody.length), nameBody]);

// Every section as it was but an old name section, and the new one after the last.
const kept = sections
  .filter(({ id, body }) => {
    if (id !== 0) return true;
    const [len, at] = readU32(body);
    return wasm.subarray(at, at + len).toString() !== 'name';
  })
  .map(({ start, end }) => wasm.subarray(start, end));
writeFileSync(wasmFile, Buffer.concat([wasm.subarray(0, 8), ...kept, nameSection]));
