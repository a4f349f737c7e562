// Trims the script-tag glues to what the loader can run (scripts/build.sh runs it after
// `drop_init_sync`). The ES module (pkg/shelfwise.js) keeps all of it: it is public API for
// bundler users. Three kinds of code go:
// - Init paths the loader never takes. The loader (www/shelfwise.js) always calls the glue's
//   default init as `shelfwise_wasm({ module_or_path: fetch(…) })`: a plain object holding a
//   promise of a `Response`. wasm-bindgen's init also takes a URL string, a `Request`, a `URL`,
//   a compiled `WebAssembly.Module`, bytes, the deprecated bare argument, or nothing (then it
//   finds the wasm next to `document.currentScript`); none of those can come from the loader,
//   so the `script_src` lookup, the deprecation warning, the `fetch` of a URL and the
//   `WebAssembly.instantiate` of a module or bytes go. What the loader's call runs is unchanged,
//   text for text (the `Response` checks, the streaming compile, its MIME-type warning and
//   fallback).
// - `passStringToWasm0`'s branch for a call without `realloc`: every call passes one.
// - The `TextEncoder.encodeInto` stand-in: it is installed only where `encodeInto` is missing
//   (browsers before Chrome 74, Firefox 66, Safari 14.1), which cannot compile this wasm anyway
//   (it needs reference types: Chrome 96, Firefox 79, Safari 15), so it was never called; where
//   it is missing, the load still fails at the same place, the wasm's compile.
// Each block must be found once, exactly as wasm-bindgen 0.2.130 writes it (Cargo.toml pins
// it), or the build fails: a new wasm-bindgen is checked by hand, not trimmed by guesswork.
//
//   node scripts/trim-script-glue.mjs <glue.js>...
import { readFileSync, writeFileSync } from 'node:fs';

// `__wbg_load` as wasm-bindgen writes it, in parts: the `Response` path sits inside `responseIf`,
// the other forms in `otherForms`.
const loadHead = `    async function __wbg_load(module, imports) {
`;
const responseIf = `        if (typeof Response === 'function' && module instanceof Response) {
`;
const responsePath = `            if (!module.ok) {
                throw new Error(\`failed to fetch Wasm: \${module.status} \${module.statusText} fetching '\${module.url}'\`);
            }

            if (typeof WebAssembly.instantiateStreaming === 'function') {
                try {
                    return await WebAssembly.instantiateStreaming(module, imports);
                } catch (e) {
                    const validResponse = expectedResponseType(module.type);

                    if (validResponse && module.headers.get('Content-Type') !== 'application/wasm') {
                        console.warn("\`WebAssembly.instantiateStreaming\` failed because your server does not serve Wasm with \`application/wasm\` MIME type. Falling back to \`WebAssembly.instantiate\` which is slower. Original error:\\n", e);

                    } else { throw e; }
                }
            }

            const bytes = await module.arrayBuffer();
            return await WebAssembly.instantiate(bytes, imports);
`;
const otherForms = `        } else {
            const instance = await WebAssembly.instantiate(module, imports);

            if (instance instanceof WebAssembly.Instance) {
                return { instance, module };
            } else {
                return instance;
            }
        }
`;
const loadTail = `
        function expectedResponseType(type) {
            switch (type) {
                case 'basic': case 'cors': case 'default': return true;
            }
            return false;
        }
    }
`;

/** `text` with each line's first four spaces taken off. */
const outdent = (text) => text.replace(/^ {4}/gm, '');

const blocks = [
  // Where the glue finds its wasm when init is given nothing.
  [`    let script_src;
    if (typeof document !== 'undefined' && document.currentScript !== null) {
        script_src = new URL(document.currentScript.src, location.href).toString();
    }
`, ''],
  // Instantiates a `Response`, a module or bytes: the loader passes a `Response`. The
  // function keeps its `Response` path, out of its `if` (one level less indented).
  [loadHead + responseIf + responsePath + otherForms + loadTail, loadHead + outdent(responsePath) + loadTail],
  // Reads init's argument in every accepted form: the loader passes { module_or_path }.
  [`    async function __wbg_init_once(module_or_path) {

        if (module_or_path !== undefined) {
            if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
                ({module_or_path} = module_or_path)
            } else {
                console.warn('using deprecated parameters for the initialization function; pass a single object instead')
            }
        }

        if (module_or_path === undefined && script_src !== undefined) {
            module_or_path = script_src.replace(/\\.js$/, "_bg.wasm");
        }
        const imports = __wbg_get_imports();

        if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {
            module_or_path = fetch(module_or_path);
        }

        const { instance, module } = await __wbg_load(await module_or_path, imports);

        return __wbg_finalize_init(instance, module);
    }
`, `    async function __wbg_init_once(module_or_path) {
        ({module_or_path} = module_or_path);
        const imports = __wbg_get_imports();
        const { instance, module } = await __wbg_load(await module_or_path, imports);
        return __wbg_finalize_init(instance, module);
    }
`],
  // The call without `realloc` (its encoder's `encode` path): no call site omits it.
  [`        if (realloc === undefined) {
            const buf = cachedTextEncoder.encode(arg);
            const ptr = malloc(buf.length, 1) >>> 0;
            getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
            WASM_VECTOR_LEN = buf.length;
            return ptr;
        }

`, ''],
  // `encodeInto` for browsers without it, none of which compiles this wasm.
  [`    if (!('encodeInto' in cachedTextEncoder)) {
        cachedTextEncoder.encodeInto = function (arg, view) {
            const buf = cachedTextEncoder.encode(arg);
            view.set(buf);
            return {
                read: arg.length,
                written: buf.length
            };
        };
    }
`, ''],
];

for (const file of process.argv.slice(2)) {
  let glue = readFileSync(file, 'utf8');
  for (const [from, to] of blocks) {
    const at = glue.indexOf(from);
    if (at < 0 || glue.indexOf(from, at + 1) >= 0) {
      console.error(`trim-script-glue: ${file}: this block is not found once:\n${from}`);
      process.exit(1);
    }
    glue = glue.slice(0, at) + to + glue.slice(at + from.length);
  }
  if (glue.includes('script_src') || /passStringToWasm0\([^)]*, wasm\.__wbindgen_malloc\)/.test(glue)) {
    console.error(`trim-script-glue: ${file}: script_src or a passStringToWasm0 call without realloc is left`);
    process.exit(1);
  }
  writeFileSync(file, glue);
}
