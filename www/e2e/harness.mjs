// Shared e2e set-up: a server on a free loopback port, Debian's Chromium through
// playwright-core, and a page that records every request and console message.
import { chromium } from 'playwright-core';
import { startServer } from '../server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// `root`: a folder to serve at / instead of www/ (a bundled app); /pkg/ is the package either way.
// `args`: more Chromium flags (the benchmarks' `--js-flags=…`).
export async function launch({ csp = null, cacheControl, root, args = [] } = {}) {
  const server = await startServer({ port: 0, csp, quiet: true, cacheControl, root });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', ...args],
  });
  return {
    base,
    browser,
    server,
    async page() {
      const context = await browser.newContext();
      // E2E_CPU_THROTTLE=20: every page of the context runs 20x slower (CDP's CPU throttling),
      // which shows a test that counts on the page keeping up with the test's clock (a fixed
      // wait, a 1 s impression dwell) without loading the machine. Off unless set.
      if (process.env.E2E_CPU_THROTTLE) {
        const slow = async (p) => (await context.newCDPSession(p)).send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.E2E_CPU_THROTTLE) });
        context.on('page', (p) => { slow(p).catch(() => {}); });
      }
      const page = await context.newPage();
      const log = { requests: [], console: [], errors: [] };
      page.on('request', (r) => log.requests.push({ method: r.method(), url: r.url() }));
      page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
      page.on('pageerror', (e) => log.errors.push(String(e)));
      return { page, context, log };
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

// Another tab of `context` on the bare engine test page (www/e2e-pages/engine.html), its console
// messages and page errors recorded into `log`; resolves once `window.shelfwise` is there.
export async function openEngineTab(env, context, log) {
  const page = await context.newPage();
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  await page.goto(`${env.base}/e2e-pages/engine.html`);
  await page.waitForFunction(() => window.shelfwise);
  return page;
}

// A fresh context of `env` serving `html` at `/<name>.html`, opened in its page, and each of
// `others` (name -> html) beside it at `/<name>.html`.
export async function openHtml(env, name, html, others = {}) {
  const { page, log, context } = await env.page();
  for (const [path, body] of Object.entries({ [name]: html, ...others })) {
    await context.route(`${env.base}/${path}.html`, (r) => r.fulfill({ contentType: 'text/html', body }));
  }
  await page.goto(`${env.base}/${name}.html`);
  return { page, log, context };
}

// The start of a test page titled `title`, up to `</head>`, with `tags` in its head (and no
// favicon request). The test adds `<body>…</body></html>`.
export const pageHead = (title, tags = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${tags}</head>`;

// An ES module app as a shop writes one: it loads the package, creates `engine` with
// `options` (the Engine constructor's), then runs `code`, with `engine`, `Engine` and
// `startAuto` in scope. The module's source, for `page.addScriptTag({ type: 'module' })`.
export const engineModule = (options, code) => `import init, { Engine, startAuto } from '/pkg/shelfwise.js';
await init();
const engine = new Engine(${JSON.stringify(options)});
${code}`;

// `engineModule` as the `<script type="module">` tag of a page.
export const moduleApp = (options, code) => `<script type="module">\n${engineModule(options, code)}\n</script>`;
