// Pages for the auto-mode list tests: grids whose third item is a hat, and a shopper who viewed
// hats, so that a grid ranked for them leads with its hat and a grid left alone does not.
import { moduleApp } from './harness.mjs';

/** A grid item `id` of `category` linking to `#<id>`; `named` adds `data-sw-name` (the id). */
export const item = (id, category, { named = false } = {}) =>
  `<li data-sw-id="${id}" data-sw-category="${category}"${named ? ` data-sw-name="${id}"` : ''}><a href="#${id}">${id}</a></li>`;

/** A grid `id` of shoes, bags and hats (`<id>-1` to `<id>-3`), `attrs` on its `<ul>`. */
export const grid = (id, { attrs = '', named = false } = {}) =>
  `<ul data-sw-list="grid" id="${id}"${attrs}>${['Shoes', 'Bags', 'Hats'].map((c, i) => item(`${id}-${i + 1}`, c, { named })).join('')}</ul>`;

/** Grid `id` as ranked for the hat shopper: the hat first. */
export const ranked = (id) => [`${id}-3`, `${id}-1`, `${id}-2`];

/** Grid `id` in the server's order. */
export const served = (id) => [`${id}-1`, `${id}-2`, `${id}-3`];

/** The page's helper: `window.atPaint(selector)` reads a list's item ids in the next animation
 * frame, which comes before the browser paints what the page just changed. */
export const atPaintScript = `<script>window.atPaint = (selector) => new Promise((done) => requestAnimationFrame(() =>
  done([...document.querySelectorAll(selector + ' > [data-sw-id]')].map((e) => e.dataset.swId))));</script>`;

/** Makes the script tag's shopper a hat shopper: three hat views (three events). */
export const seedHats = (page) => page.evaluate(() => {
  for (let i = 0; i < 3; i++) window.shelfwise.engine.track({ type: 'view_item', item: { id: `hat-${i}`, category: ['Hats'] } });
});

/** An ES module app (namespace `namespace`, memory storage) whose shopper viewed three hats,
 * with auto mode started without impressions: `window.app` holds `engine`, `auto` and
 * `startAuto`. */
export const hatShopperApp = (namespace) => moduleApp({ namespace, storage: 'memory' }, `
for (let i = 0; i < 3; i++) engine.track({ type: 'view_item', item: { id: 'hat-' + i, category: ['Hats'] } });
window.app = { engine, auto: startAuto(engine, { impressions: false }), startAuto };`);

/** The script tag's engine's event count. */
export const events = (page) => page.evaluate(() => window.shelfwise.engine.profile().events);
