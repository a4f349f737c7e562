// The shopper panel's words: how interests, choices and explanations read in plain language.
// Part of shelfwise-panel.js (scripts/build.sh bundles the parts into one classic script).

export const KIND = { category: 'Category', brand: 'Brand', price: 'Price range', tag: 'Tag',
  facet: 'Feature', search: 'Searched for', item: 'Product', other: 'Other' };

/** A value as the shopper reads it. */
export function describe(kind, value) {
  if (kind === 'category') return value.split('>').join(' › ');
  if (kind === 'facet') return value.replace('=', ': ');
  if (kind === 'price') {
    // Price band n covers prices from 2^((n-1)/2) up to 2^(n/2) (see src/core/facet.rs).
    const n = Number(value);
    return n > 0 ? 'about ' + Math.round(2 ** ((n - 1) / 2)) + '–' + Math.round(2 ** (n / 2)) : 'under 1';
  }
  return value;
}

/** What an interest or choice is about, inside a sentence. */
export function subject(kind, value) {
  const v = describe(kind, value);
  switch (kind) {
    case 'item': return 'this item';
    case 'brand': return 'the brand ' + v;
    case 'price': return 'items priced ' + v;
    case 'tag': return 'items tagged “' + v + '”';
    case 'facet': return 'items with ' + v;
    case 'search': return 'searches for “' + v + '”';
    default: return v;
  }
}


const items = (n) => (n === 1 ? '1 item' : n + ' items');

/**
 * "Why am I seeing this?" in plain language, from engine.explain(id): an explicit choice
 * first (it outweighs everything learned), else the largest contribution with the number of
 * distinct items (or searches) the profile holds behind it.
 */
export function whyText(x) {
  if (!x) return 'This item was not in a recent personalized list.';
  if (x.choicePoints) {
    const more = x.choicePoints > 0;
    const c = (x.choices || []).find((ch) => ch.more === more);
    if (c) {
      return more ? 'Because you asked for more like ' + subject(c.kind, c.value)
        : 'Shown lower because you said you are not interested in ' + subject(c.kind, c.value);
    }
  }
  const top = x.contributions && x.contributions[0];
  if (!top || !(x.personalScore > 0) || !(x.impact > 0)) {
    return 'Shown in the shop’s own order: nothing you did changed its place';
  }
  const v = describe(top.kind, top.value);
  const n = top.count;
  if (top.kind === 'search') return 'Because you searched for “' + v + '”' + (n > 1 ? ' ' + n + ' times' : '');
  if (!n) return 'Because you showed interest in ' + subject(top.kind, top.value);
  switch (top.kind) {
    case 'category': return 'Because you viewed ' + items(n) + ' in ' + v;
    case 'brand': return 'Because you viewed ' + items(n) + ' from ' + v;
    case 'price': return 'Because you viewed ' + items(n) + ' priced ' + v;
    case 'tag': return 'Because you viewed ' + items(n) + ' tagged “' + v + '”';
    default: return 'Because you viewed ' + items(n) + ' with ' + v;
  }
}

/**
 * A segment of engine.segments() (`s`: its `names`, `hesitantCategory`, `favouriteCategory`) as
 * the shopper reads it; a name this file does not know shows as it is.
 */
export function segmentWords(name, s) {
  const where = (c) => (c ? ' in ' + describe('category', c) : ' in one department');
  switch (name) {
    case 'new': return 'New visitor';
    case 'returning': return 'Returning visitor';
    case 'hesitant': return 'Looked at several products' + where(s.hesitantCategory) + ' without adding one to the cart';
    case 'cart-abandoner': return 'Left items in the cart on an earlier visit';
    case 'bargain-hunter': return 'Often looks at items priced below the usual for their kind';
    case 'loyal': return 'Bought on more than one visit';
    case 'enthusiast': return 'Very interested in ' + (s.favouriteCategory ? describe('category', s.favouriteCategory) : 'one department');
    default: return name;
  }
}

export function strengthWords(s) {
  const pct = Math.round(s * 100);
  return (s >= 0.66 ? 'strong' : s >= 0.33 ? 'medium' : 'light') + ' (' + pct + '%)';
}

