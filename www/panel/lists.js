// The shopper panel's lists: what the profile holds (interests, choices, recently viewed,
// added to cart, bought, recent searches, groups), each entry with the controls that change it.
// Part of shelfwise-panel.js (scripts/build.sh bundles the parts into one classic script).
// Profile data is only ever written with textContent, never as HTML.
import { KIND, describe, segmentWords, strengthWords } from './words.js';

/** An element with properties (`text`: its text, `on`: a click handler) and children. */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'text') node.textContent = v;
    else if (k === 'on') node.addEventListener('click', v);
    else if (k in node && !k.startsWith('aria') && k !== 'role') node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}

/** A headed list (`id`), or `emptyText` under the heading when it has no entries. */
function list(heading, id, entries, emptyText) {
  const h = el('h3', { id: id + '-heading', tabIndex: -1, text: heading });
  if (!entries.length) return el('div', {}, h, el('p', { className: 'empty', text: emptyText }));
  return el('div', {}, h, el('ul', { id, 'aria-labelledby': id + '-heading' }, ...entries));
}

/**
 * The "Remove" button of row `i` of list `id` (`props`: its label, data attributes). Afterwards
 * focus goes to the row that took its place, else the new last row, else the list's heading.
 */
function removeButton(panel, id, i, props, run, message) {
  const at = '#' + id + ' li:';
  return el('button', { type: 'button', ...props, text: 'Remove', on: () => panel.act(run, message,
    [at + 'nth-child(' + (i + 1) + ') button', at + 'last-child button', '#' + id + '-heading']) });
}

/**
 * How many interests `panel` lists: its `max-interests`, a whole number from 1, else 10. A value
 * it cannot use is named in the console once per panel and value, not at every re-render.
 */
function maxInterests(panel) {
  const text = panel.getAttribute('max-interests');
  const n = text != null && /^\s*\d+\s*$/.test(text) ? Number(text) : 0;
  if (text == null || n >= 1) return text == null ? 10 : n;
  if (panel._badMax !== text) {
    panel._badMax = text;
    console.warn('[shelfwise] <shelfwise-panel> max-interests="' + text + '" is not a whole number from 1 (such as 5): the default 10 is used');
  }
  return 10;
}

function interests(panel, p) {
  const max = maxInterests(panel);
  // An interest the shopper said "Not interested" in shows under "Your choices" only. The engine
  // keeps what it learned (the choice outweighs it), so Undo brings it back as strong as it was.
  const avoided = new Set((p.choices || []).filter((c) => !c.more).map((c) => c.key));
  const rows = p.interests.filter((it) => !avoided.has(it.key)).slice(0, max).map((it, i) => {
    const what = (KIND[it.kind] || KIND.other) + ': ' + describe(it.kind, it.value);
    return el('li', {},
      el('span', { className: 'label', text: what }),
      el('span', { className: 'strength', text: strengthWords(it.strength) }),
      removeButton(panel, 'interests', i, { 'data-key': it.key, 'aria-label': 'Remove interest ' + what },
        (e) => e.removeInterest(it.key), 'Removed ' + what + '.'),
      it.kind === 'search' ? null : el('button', { type: 'button', 'aria-label': 'More like ' + what,
        text: 'More like this', on: () => panel.act((e) => e.prefer({ key: it.key }),
          'You will see more of ' + what + '.', '#choices-heading') }),
      it.kind === 'search' ? null : el('button', { type: 'button', 'aria-label': 'Not interested in ' + what,
        text: 'Not interested', on: () => panel.act((e) => e.avoid({ key: it.key }),
          'You will see less of ' + what + '.', '#choices-heading') }));
  });
  return list('What you seem interested in', 'interests', rows, 'Nothing learned yet.');
}

function choices(panel, p) {
  const rows = (p.choices || []).map((c) => {
    const what = (KIND[c.kind] || KIND.other) + ': ' + describe(c.kind, c.value);
    const said = (c.more ? 'More like this — ' : 'Not interested — ') + what;
    return el('li', {},
      el('span', { className: 'label', text: said }),
      el('button', { type: 'button', 'aria-label': 'Undo: ' + said, text: 'Undo',
        on: () => panel.act((e) => e.clearChoice({ key: c.key }), 'Undone: ' + said + '.', '#choices-heading') }));
  });
  return list('Your choices', 'choices', rows, 'You have not told us what you want more or less of.');
}

/** The shop's name for `id` (`panel.itemName`), else the id itself: a lookup that knows only
 * some ids (`undefined`, blank) or throws must not show "undefined" or leave the panel empty. */
function itemName(panel, id) {
  try {
    const n = typeof panel.itemName === 'function' ? panel.itemName(id) : null;
    return (typeof n === 'string' && n.trim()) || typeof n === 'number' ? String(n) : id;
  } catch (_) {
    return id;
  }
}

/** The three item lists of profile `p`: its field, and how a "Remove" label names it. */
const ITEM_LISTS = [['recentlyViewed', 'your history'], ['cart', 'your cart history'], ['purchased', 'your purchases']];

/** A list of item ids (`ids`, newest first) under `heading`; each row's "Remove" forgets the
 * item everywhere in the profile (removeItem: viewed, cart, purchases and choices), and its
 * label names every list of `p` the item leaves ("Remove <name> from your history and your
 * cart history"). */
function items(panel, p, ids, id, heading, emptyText) {
  const rows = ids.map((item, i) => {
    const name = itemName(panel, item);
    const from = ITEM_LISTS.filter(([field]) => (p[field] || []).includes(item)).map(([, words]) => words);
    return el('li', {},
      el('span', { className: 'label', text: name }),
      removeButton(panel, id, i, { 'aria-label': 'Remove ' + name + ' from ' + from.join(' and ') },
        (e) => e.removeItem(item), 'Removed ' + name + ' from your history.'));
  });
  return list(heading, id, rows, emptyText);
}

/** Recent searches; removing one also forgets its search terms (removeSearch). */
function searches(panel, p) {
  const rows = p.searches.map((q, i) => el('li', {},
    el('span', { className: 'label', text: q }),
    removeButton(panel, 'searches', i, { 'aria-label': 'Remove the search “' + q + '” from your history' },
      (e) => e.removeSearch(q), 'Removed the search “' + q + '” from your history.')));
  return list('Recent searches', 'searches', rows, 'No searches yet.');
}

function segments(engine) {
  const s = typeof engine.segments === 'function' ? engine.segments() : null; // { names } (none in the core build)
  const names = s && Array.isArray(s.names) ? s.names : null;
  if (!Array.isArray(names)) return null;
  const rows = names.map((n) => el('li', {}, el('span', { className: 'label',
    text: typeof n === 'string' ? segmentWords(n, s) : (n.label || n.name || n.id || '') })));
  return list('Groups you are in', 'segments', rows, 'You are in no groups.');
}

/** The lists of profile `p` in `panel`, in reading order (`null` for one the build lacks). */
export function lists(panel, p, engine) {
  return [interests(panel, p), choices(panel, p),
    items(panel, p, p.recentlyViewed, 'viewed', 'Recently viewed', 'No products viewed yet.'),
    items(panel, p, p.cart || [], 'cart', 'Added to your cart', 'Nothing added to a cart yet.'),
    items(panel, p, p.purchased || [], 'bought', 'Bought', 'Nothing bought yet.'),
    searches(panel, p), segments(engine)];
}
