// Shelfwise script-tag loader. A shim with no logic of its own: it reads the config, loads the
// engine (shelfwise.script.js + shelfwise_bg.wasm from the folder this file was served from),
// starts auto mode and runs the page's queued callbacks. The build copies it to
// pkg/shelfwise.loader.js.
//
//   <script src="/pkg/shelfwise.loader.js" data-namespace="myshop"></script>
//   window.shelfwise = window.shelfwise || []; shelfwise.push(({ engine, auto }) => …);
//
// `data-build="core"` loads the core build instead (shelfwise.core.script.js +
// shelfwise_core_bg.wasm, about a quarter smaller): for pages without recommendation slots,
// item data, moment templates or calls to the optional API (README "Two builds").
//
// `data-popularity="/sw/popularity.json"` fetches the shop's popularity data from one file
// (README "Script tag options"); the page's own data-sw-popularity block wins.
//
// If the engine cannot load (404, a CSP without 'wasm-unsafe-eval', no WebAssembly), the page
// keeps its server order and the console says why, once.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return console.warn('[shelfwise] not started: not a classic <script> tag');
  // The tag on the page twice (the first one's glue may not have run yet, so its global is no
  // sign): only the first tag starts the engine.
  if (window.shelfwiseLoader) return;
  window.shelfwiseLoader = 1;
  var data = script.dataset;
  var base = script.src.replace(/[^/]*$/, '');
  var build = data.build === 'core' ? { glue: 'shelfwise.core.script.js', wasm: 'shelfwise_core_bg.wasm' }
    : { glue: 'shelfwise.script.js', wasm: 'shelfwise_bg.wasm' };
  // A typo (`data-build="cor"`) fails soft: the full build, and one line saying so.
  if (data.build !== undefined && data.build !== 'core' && data.build !== 'full') {
    console.warn('[shelfwise] data-build="' + data.build + '" is not a build (use "full" or "core"): the full build is loaded');
  }
  // Settings are an object; anything else (a string, an array, null) is ignored, said once.
  var config = window.shelfwiseConfig;
  if (config !== undefined && (!config || typeof config != 'object' || Array.isArray(config))) {
    console.warn('[shelfwise] window.shelfwiseConfig must be an object of settings ({ namespace: … }): ignored');
    config = 0;
  }
  config = Object.assign({}, config);
  // Tag attributes win over window.shelfwiseConfig (a refused one is named by why()); written
  // out, so e2e package-files can check README's attribute table against what is read here.
  if (data.namespace) config.namespace = data.namespace;
  if (data.storage) config.storage = data.storage;
  if (data.consent) config.consent = data.consent;
  if (data.searchParam) config.searchParam = data.searchParam;
  if (data.impressions === 'false') config.impressions = false;
  else if (data.impressions !== undefined && data.impressions !== 'true') {
    console.warn('[shelfwise] data-impressions="' + data.impressions + '" is not a setting (use "true" or "false"): impressions are learned');
  }
  var queue = window.shelfwise || [];
  // Anything else there (another script's global, a typo) is not the callback queue: said once.
  if (!Array.isArray(queue)) {
    console.warn('[shelfwise] window.shelfwise is not an array: replaced');
    queue = [];
  }
  window.shelfwise = queue;

  // Anti-flicker (opt-in): hide the managed lists until they are ordered, for at most `ms`
  // milliseconds, 0 to 300 (outside: clamped; 0 hides nothing; no value: 300).
  var reveal = function () {};
  var ms = data.antiFlicker === '' ? 300 : Number(data.antiFlicker);
  if (data.antiFlicker && isNaN(ms)) {
    console.warn('[shelfwise] data-anti-flicker="' + data.antiFlicker + '" is not a number of milliseconds (0 to 300): 300 is used');
    ms = 300;
  }
  if (ms > 0) {
    var style = document.createElement('style');
    style.textContent = '[data-sw-list]{visibility:hidden}';
    document.head.appendChild(style);
    reveal = function () { style.remove(); };
    setTimeout(reveal, Math.min(ms, 300));
  }

  // The engine's Errors start with `shelfwise: ` for page code; a warning says it once, naming
  // a setting a tag attribute gave by that attribute.
  function why(error) {
    return String((error && error.message) || error).replace(/^shelfwise: /, '')
      .replace(/^\w+\.(storage|consent|searchParam)\b/, function (name, key) {
        return data[key] ? 'data-' + key.replace('P', '-p') : name; // data-search-param
      });
  }

  // A data-wasm file the glue cannot link (the full build's under core glue) or call (the core
  // build's under full glue: a missing export) is the other build's: said so.
  function fail(error) {
    reveal();
    if (data.wasm && /LinkError|is not a function/.test(error)) error = 'data-wasm="' + data.wasm + '" is not the wasm of data-build="' + (data.build || 'full') + '"';
    console.warn('[shelfwise] not started, the page keeps its server order: ' + why(error));
  }

  // data-popularity: the shop's popularity file (the same for every shopper), fetched at once
  // as written (no cookies, nothing of the profile) and handed to the engine as it arrives;
  // ranking never waits for it. Any failure leaves the slots without it, said once.
  var popular; // [data] once the file is read, until auto mode starts
  var handOver; // then: hands the file's data to the engine (slots are filled again)
  function popularFailed(error) {
    console.warn('[shelfwise] data-popularity="' + data.popularity + '" was not used: ' + why(error));
  }
  var wasmFile; // the wasm's response, fetched while the glue loads rather than after it

  // Resolves once the document is parsed (auto mode reads and reorders it).
  function parsed() {
    return new Promise(function (done) {
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', done);
      else done();
    });
  }

  // The wasm is instantiated and the stored profile read as soon as the glue is there, while
  // the page may still be parsing; only auto mode waits for the parsed document.
  function start() {
    var wasm = shelfwise_wasm; // the global the glue defines (--no-modules-global)
    var engine;
    wasm({ module_or_path: wasmFile }).then(function () {
      engine = new wasm.Engine(config);
      return parsed();
    }).then(function () {
      // The page's own data-sw-popularity block wins: the file is not used on that page.
      handOver = function (p) {
        if (document.querySelector('script[data-sw-popularity]')) return;
        try { engine.setPopularity(p); } catch (e) { popularFailed(e); }
      };
      if (popular) handOver(popular[0]);
      var ready = { engine: engine, auto: wasm.startAuto(engine, config) };
      reveal();
      var run = function (fn) {
        if (typeof fn != 'function') return console.warn('[shelfwise] shelfwise.push(' + typeof fn + ') ignored: it takes a function');
        try { fn(ready); } catch (e) { console.error(e); }
      };
      window.shelfwise = { push: run, engine: ready.engine, auto: ready.auto };
      queue.forEach(run);
    }).catch(fail);
  }

  if (typeof WebAssembly !== 'object') return fail('this browser has no WebAssembly');
  wasmFile = fetch(data.wasm || base + build.wasm);
  wasmFile.catch(function () {}); // start() reports a failed fetch
  if (data.popularity) {
    if (data.build == 'core') popularFailed('the core build (data-build="core") has no recommendation slots');
    else {
      var abort = new AbortController();
      setTimeout(function () { abort.abort('no answer within 10 s'); }, 1e4);
      fetch(data.popularity, { credentials: 'omit', signal: abort.signal }).then(function (r) {
        if (!r.ok) throw 'HTTP ' + r.status;
        return r.json();
      }).then(function (p) {
        handOver ? handOver(p) : popular = [p];
      }, popularFailed);
    }
  }
  var glue = document.createElement('script');
  glue.src = base + build.glue;
  glue.onerror = function () { fail('could not load ' + glue.src); };
  glue.onload = start;
  document.head.appendChild(glue);
})();
