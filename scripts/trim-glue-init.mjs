// Trims the script-tag glues' start-up to the one call the loader makes (scripts/build.sh runs
// it after `drop_init_sync`). The loader (www/shelfwise.js) always calls the glue's default init
// as `shelfwise_wasm({ module_or_path: fetch(…) })`: a plain object holding a promise of a
// `Response`. wasm-bindgen's init also takes a URL string, a `Request`, a `URL`, a compiled
// `WebAssembly.Module`, bytes, the deprecated bare argument, or nothing (then it finds the wasm
// next to `document.currentScript`); none of those paths can run from the loader, so they go:
// the `script_src` lookup, the deprecation warning, the `fetch` of a URL and the
// `WebAssembly.instantiate` of a module or bytes. What the loader's call runs is unchanged, text
// for text (the `Response` checks, the streaming compile, its MIME-type warning and fallback).
// The ES module (pkg/shelfwise.js) keeps the full init: it is public API for bundler users.
// Each block must be found once, exactly as wasm-bindgen 0.2.130 writes it (Cargo.toml pins
// it), or the build fails: a new wasm-bindgen is checked by hand, not trimmed by guesswork.
//
//   node scripts/trim-glue-init.mjs <glue.js>...
import { readFileSync, writeFileSync } from 'node:fs';

const blocks = [
  // Where the glue finds its wasm when init is given nothing.
  [`    let script_src;
    if (typeof document !== 'undefined' && document.currentScript !== null) {
        script_src = new URL(document.currentScript.src, location.href).toString();
    }
`, ''],
  // Instantiates a `Response`, a module or bytes: the loader passes a `Response`.
  [`    async function __wbg_load(module, imports) {
        if (typeof Response === 'function' && module instanceof Response) {
            if (!module.ok) {
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
        } else {
            const instance = await WebAssembly.instantiate(module, imports);

            if (instance instanceof WebAssembly.Instance) {
                return { instance, module };
            } else {
                return instance;
            }
        }

        function expectedResponseType(type) {
            switch (type) {
                case 'basic': case 'cors': case 'default': return true;
            }
            return false;
        }
    }
`, `    async function __wbg_load(module, imports) {
        if (!module.ok) {
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

        function expectedResponseType(type) {
            switch (type) {
                case 'basic': case 'cors': case 'default': return true;
            }
            return false;
        }
    }
`],
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
];

for (const file of process.argv.slice(2)) {
  let glue = readFileSync(file, 'utf8');
  for (const [from, to] of blocks) {
    const at = glue.indexOf(from);
    if (at < 0 || glue.indexOf(from, at + 1) >= 0) {
      console.error(`trim-glue-init: ${file}: this block is not found once:\n${from}`);
      process.exit(1);
    }
    glue = glue.slice(0, at) + to + glue.slice(at + from.length);
  }
  if (glue.includes('script_src')) {
    console.error(`trim-glue-init: ${file}: script_src is still used`);
    process.exit(1);
  }
  writeFileSync(file, glue);
}
