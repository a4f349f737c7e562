// Helpers shared by the demo-shop tests: waiting for Shelfwise, reading managed lists,
// classifying console messages and requests.
export const SHOP = '/shop';

/** Resolves true once Shelfwise has started on the page (through the documented queue). */
export function ready(page, timeout = 10000) {
  return page.evaluate((ms) => new Promise((resolve) => {
    (window.shelfwise = window.shelfwise || []).push(() => resolve(true));
    setTimeout(() => resolve(false), ms);
  }), timeout);
}

/** Resolves once the engine has the shop's popularity data: the demo shop's loader fetches it
 * from popularity.json (`data-popularity`) and fills the slots again when it arrives, which on
 * a shopper's first page can be after Shelfwise started. Top sellers come from popularity only. */
export function popularityLoaded(page) {
  return page.waitForFunction(() => window.shelfwise.engine.recommend('topSellers', { count: 1 }).length > 0);
}

/** Clicks the link with `text` `times` times, each time waiting for `url` and going back until
 * Shelfwise is ready again (asserted). */
export async function clickAndComeBack(assert, page, text, url, times) {
  for (let i = 0; i < times; i++) {
    await page.click(`text=${text}`);
    await page.waitForURL(url);
    await page.goBack();
    assert.equal(await ready(page), true);
  }
}

/** The item ids of every managed list on the page, keyed by list kind and position. */
export function managedOrders(page) {
  return page.$$eval('[data-sw-list]', (lists) => Object.fromEntries(lists.map((l, i) => [
    `${l.dataset.swList}#${i}`, [...l.querySelectorAll(':scope > [data-sw-id]')].map((e) => e.dataset.swId)])));
}

/** The data-sw-category of each item of the first list matching `selector`. */
export function categories(page, selector) {
  return page.$$eval(`${selector} > [data-sw-id]`, (items) => items.map((e) => e.dataset.swCategory));
}

/** Console warnings written by Shelfwise. */
export const shelfwiseWarnings = (log) => log.console.filter((m) => m.type === 'warning' && m.text.startsWith('[shelfwise]'));

/** The profile as the engine reports it. */
export const profile = (page) => page.evaluate(() => window.shelfwise.engine.profile());

/** Every request must be a same-origin GET of the shop's files or Shelfwise's own files (the
 * shopper panel's `shelfwise-panel.js` included, on the pages that show it). */
export function assertOnlyOwnFiles(assert, log, base) {
  assert.ok(log.requests.length > 0);
  for (const r of log.requests) {
    assert.equal(r.method, 'GET', r.url);
    const url = new URL(r.url);
    assert.equal(url.origin, base, `same origin: ${r.url}`);
    assert.ok(url.pathname.startsWith(`${SHOP}/`) || /^\/pkg\/shelfwise([._]|-panel\.js$)/.test(url.pathname), `shop or Shelfwise file: ${r.url}`);
  }
}

/** The shop's pages of every kind, with a search query and an order built from the catalog. */
export async function shopPages(page, base) {
  await page.goto(`${base}${SHOP}/index.html`);
  const catalog = await page.evaluate(() => JSON.parse(document.getElementById('catalog').textContent));
  const departments = await page.$$eval('header nav a', (as) => as.map((a) => a.getAttribute('href')));
  const ids = Object.keys(catalog);
  return [
    'index.html', ...departments, catalog[ids[0]].url, catalog[ids[5]].url,
    `search.html?q=${encodeURIComponent(catalog[ids[0]].name.split(' ')[0])}`,
    'cart.html', `order.html?items=${ids[1]},${ids[2]}`,
  ].map((p) => `${base}${SHOP}/${p}`);
}
