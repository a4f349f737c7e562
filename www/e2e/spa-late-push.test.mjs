// The single-page app of spa-app.mjs with an order confirmation named only by a GA4 `purchase`
// push without a `transaction_id` (no `data-sw-purchase` markup): pushed before the app gives
// the route its address, the order is keyed by the address it was pushed at and, at the page's
// next read, by the address the page has then, so a reload there (which pushes it again)
// counts nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ready } from './shop-helpers.mjs';
import { closeQuiet, frames, learned, loader, open, reloadCounts, shell, useBrowser } from './spa-app.mjs';

useBrowser();

/** The shop's GA4 tag: `buy(id)` pushes a purchase of one item with no order id; an order
 * page (`/spa/thanks/ga4-<id>`) pushes its purchase on load, before Shelfwise starts. */
const ga4 = `<script>
window.buy = (id) => dataLayer.push({ event: 'purchase', ecommerce: { items: [{ item_id: id, item_category: 'Scarves', price: 20, quantity: 1 }] } });
const order = location.pathname.match(/^\\/spa\\/thanks\\/ga4-(.+)$/);
if (order) buy(order[1]);
</script>`;

test('script tag: a GA4-only order pushed before the app changes the address is not counted again by a reload there', async () => {
  const { page, log, context } = await open(shell(ga4 + loader()));
  assert.equal(await ready(page), true);
  // The app renders the confirmation and pushes the purchase, then gives the route its address
  // with no other change to the document; the shopper reloads.
  await page.evaluate(() => { document.querySelector('main').innerHTML = '<p>Thank you</p>'; buy('scarf-9'); });
  let p = await learned(page);
  assert.deepEqual(p.purchased, ['scarf-9'], 'the push is learned at once, at the old address');
  assert.equal(p.events, 1);
  await page.evaluate(() => history.pushState({}, '', '/spa/thanks/ga4-scarf-9'));
  await reloadCounts(page, 1, 'a reload of the address the app gave the GA4-only order late counts nothing');
  // The next one: the app gives the address as it renders the route (the document changes).
  await page.evaluate(() => go('/spa/home'));
  await page.evaluate(() => { document.querySelector('main').innerHTML = '<p>Thank you</p>'; buy('scarf-8'); });
  await page.evaluate(() => go('/spa/thanks/ga4-scarf-8'));
  await frames(page);
  p = await learned(page);
  assert.deepEqual(p.purchased, ['scarf-8', 'scarf-9']);
  assert.equal(p.events, 2);
  await reloadCounts(page, 2, 'and a reload there counts nothing');
  // A real new order of the same item, pushed at its own address, still counts.
  await page.evaluate(() => { history.pushState({}, '', '/spa/thanks/again'); buy('scarf-8'); });
  assert.equal((await learned(page)).events, 3, 'the same item bought again at another address is a new order');
  await closeQuiet(log, context);
});
