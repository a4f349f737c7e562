// The single-page app the spa-*.test.mjs files drive: routes rendered into one document by
// `history.pushState`, with ways to render before the address changes, and helpers to open it
// and read what the engine learned.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageHead } from './harness.mjs';
import { ready } from './shop-helpers.mjs';

let env;
/** Launches the browser for the calling test file (once, before its tests) and closes it after. */
export function useBrowser() {
  before(async () => { env = await launch(); });
  after(async () => { await env.close(); });
}
/** The test server's origin. */
export const base = () => env.base;

const li = (id, category) => `<li data-sw-id="${id}" data-sw-category="${category}" data-sw-quantity="1">${id}</li>`;
const ld = (id) => `<script type="application/ld+json">{ "@context": "https://schema.org", "@type": "Product", "sku": "${id}", "category": "Hats" }</script>`;
/** A product route: its JSON-LD, its neighbours (no `data-sw-item`: the page's product's) and a related slot. */
const productRoute = (id) => `<h1>${id}</h1>${ld(id)}
<script type="application/json" data-sw-item-data>{ "related": [["hat-7", 9], ["hat-8", 5]] }</script>
<script type="application/json" data-sw-catalog>{ "hat-7": { "name": "Seven" }, "hat-8": { "name": "Eight" } }</script>
<section data-sw-slot="related" data-sw-limit="2" hidden><ul data-sw-slot-items></ul><template><li><span data-sw-field="name"></span></li></template></section>`;
const routes = {
  '/spa/home': '<p>Welcome</p>',
  '/spa/p/hat-1': productRoute('hat-1'),
  '/spa/p/hat-2': productRoute('hat-2'),
  '/spa/search': `<ul data-sw-list="search">${li('boot-1', 'Boots')}${li('boot-2', 'Boots')}</ul>`,
  '/spa/order': `<p>Thank you</p><ul data-sw-purchase="SPA-1">${li('hat-1', 'Hats')}${li('hat-2', 'Hats')}</ul>`,
  '/spa/thanks': `<p>Thank you</p><ul data-sw-purchase>${li('scarf-1', 'Scarves')}</ul>`,
  '/spa/thanks/2': `<p>Thank you</p><ul data-sw-purchase>${li('scarf-2', 'Scarves')}</ul>`,
  // A product named only by `data-sw-product` (no JSON-LD of its own).
  '/spa/p/hat-3': '<div data-sw-product="hat-3" data-sw-category="Hats"><h1>Hat three</h1></div>',
};
/** The app: renders the route of `location.pathname` into `<main>`, on load (as its server
 * would), on a click on a link (pushState first, as Turbo Drive does) and on popstate. */
const app = `<script>
window.dataLayer = window.dataLayer || [];
const routes = ${JSON.stringify(routes).replace(/</g, '\\u003c')};
window.render = (path = location.pathname) => { document.querySelector('main').innerHTML = routes[path] || ''; };
window.go = (url) => { history.pushState({}, '', url); render(); };
// Renders first, changes the address later: in a microtask, or in the next animation frame.
window.goLate = (url, frame) => {
  render(new URL(url, location.href).pathname);
  const push = () => history.pushState({}, '', url);
  if (frame) requestAnimationFrame(push); else queueMicrotask(push);
};
// Leaves each product route's JSON-LD in <head>, as an app whose head manager appends.
window.goHead = (url, id) => {
  history.pushState({}, '', url);
  render('/spa/home');
  if (id) document.head.insertAdjacentHTML('beforeend', ${JSON.stringify(ld('ID')).replace(/</g, '\\u003c')}.replace('ID', id));
};
// Renders first, then awaits a request (and a few frames more) before it changes the address.
window.goAfterFetch = async (url) => {
  render(new URL(url, location.href).pathname);
  await fetch('/spa/api');
  for (let i = 0; i < 3; i++) await new Promise((done) => requestAnimationFrame(done));
  history.pushState({}, '', url);
};
// Renders first and changes the address only when told (tell()): the shopper may move on between.
window.goWhenTold = (url) => {
  render(new URL(url, location.href).pathname);
  window.tell = () => history.pushState({}, '', url);
};
// The next order written into the order element already on the page (the app reuses it).
window.nextOrder = (id, item) => {
  const order = document.querySelector('[data-sw-purchase]');
  order.setAttribute('data-sw-purchase', id);
  order.innerHTML = ${JSON.stringify(li('ITEM', 'Scarves')).replace(/</g, '\\u003c')}.replace('ITEM', item);
};
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[href^="/spa/"]');
  if (a) { e.preventDefault(); go(a.getAttribute('href')); }
});
addEventListener('popstate', () => render());
</script>`;
const nav = '<nav><a href="/spa/p/hat-1">Hat one</a> <a href="/spa/p/hat-2">Hat two</a> <a href="/spa/search?q=boots">Boots</a> <a href="/spa/order">Order</a></nav>';
export const shell = (tags) => `${pageHead('spa', app + tags)}<body>${nav}<main></main><script>render()</script></body></html>`;
export const loader = (attrs = '') => `<script src="/pkg/shelfwise.loader.js" data-namespace="spa" data-impressions="false"${attrs}></script>`;

export async function open(html) {
  const { page, log, context } = await env.page();
  await context.route(`${env.base}/spa/**`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${env.base}/spa/home`);
  return { page, log, context };
}

export const learned = (page, engine = 'window.shelfwise.engine') => page.evaluate((e) => {
  const p = (0, eval)(e).profile();
  return { events: p.events, viewed: p.recentlyViewed, searches: p.searches, purchased: p.purchased };
}, engine);
/** Goes back one entry and resolves once the app rendered it. */
export const back = (page) => page.evaluate(() => new Promise((done) => {
  addEventListener('popstate', () => setTimeout(done), { once: true });
  history.back();
}));
/** The script-tag app, started. */
export async function openScriptTag() {
  const opened = await open(shell(loader()));
  assert.equal(await ready(opened.page), true);
  return opened;
}
/** Closes the page after checking it logged nothing. */
export async function closeQuiet(log, context) {
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
  await context.close();
}
/** Resolves after the next two animation frames. */
export const frames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
export const related = (page) => page.$$eval('main [data-sw-filled]', (l) => l.map((e) => e.textContent));

/** A search route, then an order route without an order id, each rendered before the app
 * changes the address (`search(url)`, `order(url)`, run in the page; `when`: how much later):
 * each is learned once, at the address it ends up with (a reload of the order page counts
 * nothing). */
export async function readAtFinalAddress(page, when, search, order) {
  await page.evaluate(search, '/spa/search?q=boots');
  await frames(page);
  let p = await learned(page);
  assert.deepEqual(p.searches, ['boots'], `the search of an address pushed ${when} is learned`);
  assert.equal(p.events, 1);
  await page.evaluate(order, '/spa/thanks');
  await frames(page);
  p = await learned(page);
  assert.deepEqual(p.purchased, ['scarf-1']);
  assert.equal(p.events, 2, 'the order is learned once');
  await page.reload();
  assert.equal(await ready(page), true);
  assert.equal((await learned(page)).events, 2, 'a reload of the order page counts nothing: it was keyed by the address it ended up with');
}

/** Resolves once `check` (run in the page) is true, or after `ms` (the assertion after it then
 * says what is missing): for reads the app's timing or auto mode's settling time decides. */
export const until = (page, check, ms = 10000) => page.waitForFunction(check, null, { timeout: ms }).catch(() => {});

/** Reloads the page and checks it then holds `events` events (`message`: why). */
export async function reloadCounts(page, events, message) {
  await page.reload();
  assert.equal(await ready(page), true);
  assert.equal((await learned(page)).events, events, message);
}
