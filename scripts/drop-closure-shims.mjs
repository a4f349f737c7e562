// Points the function-table entries of wasm-bindgen's unused closure shims at one function that
// traps, so that wasm-opt can drop the shims (scripts/build.sh runs it on each wasm-bindgen
// output, before wasm-opt; about 2.3 KB raw / 0.6 KB gzip in each build), and those of js-sys's
// unused JSPI task waker (below).
//
// Why the shims are there: every `#[wasm_bindgen]` import declares a `__wbindgen_describe_*`
// function that the CLI runs at build time to learn its signature, and these are exported (so
// always linked) whether the crate calls the import or not. The describe function of an import
// that takes a closure (js-sys's `Array::for_each`, `Float64Array::find`, `Set::for_each`, …)
// takes the address of the closure's `invoke::<…>` shim, which puts the shim in the function
// table. The CLI deletes the describe functions after running them, but not the table entries
// they created, and a table entry keeps its function alive through every optimiser pass.
//
// Why no call can reach a replaced entry (wasm-bindgen 0.2.130, `src/convert/closures.rs` and
// `src/closure.rs`): the only place taking the address of an `invoke::<…>` shim is
// `describe_invoke`, called only from `describe` functions, which run at build time inside the
// CLI's interpreter and are deleted by it. At run time the glue calls a closure through the
// shim's own export (`wasm_bindgen__convert__closures_____invoke…`), which the CLI adds for
// every closure type the crate really passes to JavaScript; the table is neither exported nor
// imported. So an entry whose shim has no export is never called; the exported shims keep their
// entries. The table keeps its length, so no other entry moves.
//
// The same for js-sys's JSPI task waker (`js_sys::futures::jspi`, js-sys 0.3.107): the four
// functions of its `RawWakerVTable` (`task_waker::raw_clone`, `raw_wake`, `raw_wake_by_ref`,
// `raw_drop`) sit in the table because the vtable, a static in the data section, holds their
// indices, and with them `SpawnedTask::wake` and the task's drop glue (about 0.4 KB raw). A
// waker with that vtable is made only by `task_waker`, called only from `SpawnedTask::poll`,
// called only from the `#[no_mangle]` export `__wbg_jspi_task_poll`, which the CLI deletes in a
// module without `#[wasm_bindgen(jspi)]` exports (this crate has none, and spawns no future).
// So the entries are replaced only when that export is gone, and the script fails if it is not.
//
// The shims are found by their names, which wasm-bindgen's output still has here (the build
// strips them later): the script fails if it finds none, or if the crate's wasm-bindgen is not
// the version this was checked against, rather than silently doing nothing or something else.
//
//   node scripts/drop-closure-shims.mjs <module.wasm>
import { readFileSync, writeFileSync } from 'node:fs';
import binaryen from '../.tools/node_modules/binaryen/index.js';

const CHECKED_WASM_BINDGEN = '0.2.130';
const SHIM = /^wasm_bindgen\[[0-9a-f]+\]::convert::closures::_::invoke::</;
const WAKER = /^js_sys\[[0-9a-f]+\]::futures::jspi::task_waker::raw_(clone|wake|wake_by_ref|drop)$/;
const JSPI_POLL = '__wbg_jspi_task_poll';
const DEAD = '__shelfwise_unused_closure_shim';

const fail = (message) => {
  console.error(`drop-closure-shims: ${message}`);
  process.exit(1);
};
const [wasmFile] = process.argv.slice(2);
const lock = readFileSync(new URL('../Cargo.lock', import.meta.url), 'utf8');
const version = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)?.[1];
if (version !== CHECKED_WASM_BINDGEN) {
  fail(`wasm-bindgen is ${version}, checked against ${CHECKED_WASM_BINDGEN}: re-check the reasoning above`);
}

// Names kept in the output (wasm-opt strips them later), so `twiggy` can read a build made with
// `wasm-opt -g` instead.
binaryen.setDebugInfo(true);
const module = binaryen.readBinary(readFileSync(wasmFile));
const exported = new Set();
for (let i = 0; i < module.getNumExports(); i++) {
  const e = binaryen.getExportInfo(module.getExportByIndex(i));
  if (e.kind === binaryen.ExternalFunction) exported.add(e.value);
  if (e.name === JSPI_POLL) fail(`${wasmFile} exports ${JSPI_POLL}: its task waker is in use`);
}
module.addFunction(DEAD, binaryen.none, binaryen.none, [], module.unreachable());
let dropped = 0;
let wakers = 0;
const segments = [];
for (let i = 0; i < module.getNumElementSegments(); i++) {
  segments.push(binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(i)));
}
for (const segment of segments) {
  const offset = binaryen.getExpressionInfo(segment.offset);
  if (offset.id !== binaryen.ConstId || offset.type !== binaryen.i32) {
    fail(`element segment ${segment.name} has no constant i32 offset`);
  }
  const data = segment.data.map((name) => {
    if (WAKER.test(name)) {
      wakers++;
      return DEAD;
    }
    if (!SHIM.test(name) || exported.has(name)) return name;
    dropped++;
    return DEAD;
  });
  module.removeElementSegment(segment.name);
  module.addActiveElementSegment(segment.table, segment.name, data, module.i32.const(offset.value));
}
if (dropped === 0) fail(`no unused closure shim found in ${wasmFile} (names stripped, or renamed?)`);
if (wakers !== 4) fail(`found ${wakers} of the 4 JSPI task waker functions in ${wasmFile} (renamed?)`);
if (!module.validate()) fail(`${wasmFile} no longer validates`);
writeFileSync(wasmFile, module.emitBinary());
