// Shared e2e set-up: a server on a free loopback port, Debian's Chromium through
// playwright-core, and a page that records every request and console message.
import { chromium } from 'playwright-core';
import { startServer } from '../server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch({ csp = null, cacheControl } = {}) {
  const server = await startServer({ port: 0, csp, quiet: true, cacheControl });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    base,
    browser,
    async page() {
      const context = await browser.newContext();
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

// A fresh context of `env` serving `html` at `/<name>.html`, opened in its page.
export async function openHtml(env, name, html) {
  const { page, log, context } = await env.page();
  await context.route(`${env.base}/${name}.html`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${env.base}/${name}.html`);
  return { page, log, context };
}
