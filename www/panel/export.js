// The shopper panel's download: the profile in a file a person can read (keys in words, dates
// as ISO text), with the compact stored form inside (`shelfwiseProfile`) so the panel's import
// takes it back. Part of shelfwise-panel.js (scripts/build.sh bundles the parts into one
// classic script); it adds nothing to the script tag's download. README "The shopper panel"
// lists the names; `exportProfile()` still gives the compact form alone.
import { KIND, describe } from './words.js';

/** What the file says it is: its first value, checked on import. */
export const FORMAT = 'Shelfwise data export, version 1';

const KINDS = { c: 'category', b: 'brand', p: 'price', t: 'tag', f: 'facet', q: 'search' };
const TRIGGERS = ['cart reminder', 'offer in a category viewed without adding to the cart',
  'bought together with what was added to the cart', 'guide or post matching your interests'];

/** A stored minute (since 1970) as ISO text; `null` for none. */
const when = (m) => (typeof m === 'number' && m > 0 ? new Date(m * 60000).toISOString() : null);
const list = (v) => (Array.isArray(v) ? v : []);

/** An interest key (`c:shoes>running`) in words: "Category: shoes › running". */
export function keyWords(key) {
  const kind = KINDS[String(key)[0]] || 'other';
  const value = kind === 'other' ? String(key) : String(key).slice(2);
  return (KIND[kind] || KIND.other) + ': ' + describe(kind, value);
}

const pairs = (v) => list(v).map(([item, weight]) => ({ item, weight }));

function moments(m = {}) {
  const [below, compared] = list(m.pb);
  return {
    productViewsSinceTheLastAddToCartByCategory: Object.fromEntries(list(m.hv)),
    cartItemsLeftFromTheLastVisitWhenThisOneBegan: m.cl || 0,
    visitsWithAPurchase: m.pv || 0,
    visitOfTheLatestPurchase: m.lp || 0,
    pricedViewsBelowTheCategoryMedian: below || 0,
    pricedViewsCompared: compared || 0,
    messagesShown: list(m.tg).map(([kind, times, visit, at]) => ({
      message: TRIGGERS[kind] || 'kind ' + kind, timesShownInThatVisit: times, visit, lastShownAt: when(at) })),
    measurementGroupBucket: m.hd || 0,
    randomizedAnswersKept: m.ld || 0,
  };
}

/** The profile `c` (as `exportProfile()` gives it) in a file a person can read, made at `now`. */
export function readable(c, now = new Date()) {
  const nb = c.nb || {};
  return {
    format: FORMAT,
    about: 'Everything Shelfwise learned about you in this browser, on this shop’s pages. It was '
      + 'never sent anywhere. “shelfwiseProfile” at the end is the same data in the compact form '
      + 'Shelfwise stores; “Import data from a file” in the panel reads this whole file back.',
    exportedAt: now.toISOString(),
    profileCreatedAt: when(c.c),
    lastActivityAt: when(c.u),
    thisVisitStartedAt: when(c.s),
    visits: c.k || 0,
    eventsLearned: c.n || 0,
    personalizationPaused: !!c.z,
    interests: list(c.a).map(([key, longTerm, thisVisit, at, count]) => ({
      interest: keyWords(key), key, longTermScore: longTerm, thisVisitScore: thisVisit,
      lastReinforcedAt: when(at), itemsOrSearchesBehindIt: count || 0 })),
    recentlyViewed: list(c.rv),
    addedToCart: list(c.rc),
    bought: list(c.rp),
    recentSearches: list(c.rs),
    yourChoices: list(c.x).map(([key, sign, at]) => ({
      choice: sign > 0 ? 'More like this' : 'Not interested',
      about: String(key).startsWith('i:') ? 'Product: ' + String(key).slice(2) : keyWords(key), madeAt: when(at) })),
    whatEachItemTaught: list(c.it).map(([[item, weight, thisVisit, at, counted] = [], keys]) => ({
      item, weight, thisVisitWeight: thisVisit, lastAt: when(at), viewsCounted: counted || 0,
      interests: list(keys).map(keyWords) })),
    recommendationListsOfViewedItems: list(nb.i).map(([item, views, , together, bought]) => ({
      item, recentViews: views, viewedTogether: pairs(together), boughtTogether: pairs(bought) })),
    orderKeys: { about: 'A short hash of each order learned, so a reloaded order page counts once; never the order id.',
      keys: list(c.o) },
    removedThisVisit: { about: 'A hash of each item, interest or search you removed in this visit, so other open tabs '
      + 'remove it too; never the id or text.', marks: list(c.rm) },
    choiceChangesThisVisit: list(c.ct),
    pageLoadsThatWroteIt: list(c.w).map(([pageLoad, eventsHeld]) => ({ pageLoad, eventsHeld })),
    profileStart: list(c.r),
    otherStarts: list(c.ra),
    pauseChanges: c.zt || 0,
    shoppingMoments: moments(c.m),
    shelfwiseProfile: c,
  };
}

/**
 * The compact profile in a file read for import: a readable export's `shelfwiseProfile`, or an
 * older export (the compact form itself). `null` for a file that is neither.
 */
export function compactOf(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  if (data.format === FORMAT || 'shelfwiseProfile' in data) {
    const c = data.shelfwiseProfile;
    return c && typeof c === 'object' && !Array.isArray(c) ? c : null;
  }
  return 'v' in data ? data : null;
}
