// The benchmark's plain-JavaScript peer: Shelfwise's ranking formula written by hand, the way a
// shop developer would without the engine. It reads the profile Shelfwise stored in
// localStorage and must produce the same order (the benchmark page checks that).
//
//   final = (1 − impact) · server + impact · personal
//   server   = 1 − i/(n−1) from the position (or the server score relative to the best one)
//   personal = sum of the item's matching interest strengths / the best item's sum
//   strength = long · 0.5^(Δt/halfLife) + sessionWeight · session · 0.5^(Δt/sessionHalfLife)

const DEFAULTS = { halfLifeDays: 14, sessionHalfLifeMinutes: 30, sessionWeight: 1, categoryAncestorShare: 0.5 };

/** Interest strengths decayed to `nowMs`, keyed by facet key (`c:shoes`, `b:acme`, …). */
export function strengths(profile, nowMs, settings = DEFAULTS) {
  const now = Math.floor(nowMs / 60000);
  const halfLife = settings.halfLifeDays * 1440;
  const table = new Map();
  for (const [key, long, session, at] of profile.a) {
    const dt = Math.max(0, now - at);
    const decay = (hl) => (dt > 0 ? 0.5 ** (dt / hl) : 1);
    const s = long * decay(halfLife) + settings.sessionWeight * (session * decay(settings.sessionHalfLifeMinutes));
    if (s > 0) table.set(key, s);
  }
  return table;
}

const lower = (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** Half-octave price band: 10–14 is one band, 14–20 the next. */
const priceBand = (price) => (price < 1 ? 0 : Math.floor(Math.log2(price) * 2) + 1);

function words(text) {
  const out = [];
  for (const w of text.split(/[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/)) {
    const word = lower(w);
    if ([...w].length >= 2 && out.length < 8 && !out.includes(word)) out.push(word);
  }
  return out;
}

/** The item's raw personal score: the sum of its matching interests. */
function personal(item, table, share, hasQueries) {
  let total = 0;
  const add = (key, weight = 1) => { total += (table.get(key) ?? 0) * weight; };
  const path = item.category ?? [];
  path.forEach((_, level) => {
    add(`c:${lower(path.slice(0, level + 1).join('>'))}`, share ** (path.length - level - 1));
  });
  if (item.brand) add(`b:${lower(item.brand)}`);
  if (item.price > 0) add(`p:${priceBand(item.price)}`);
  for (const tag of item.tags ?? []) add(`t:${lower(tag)}`);
  for (const [name, value] of Object.entries(item.facets ?? {})) add(`f:${lower(name)}=${lower(value)}`);
  if (hasQueries) {
    const seen = new Set();
    for (const text of [item.name ?? '', ...(item.tags ?? []), ...path]) {
      for (const w of words(text)) if (!seen.has(w)) { seen.add(w); add(`q:${w}`); }
    }
  }
  return total;
}

/** Ids of `items` in personalized order (`impact` 0.6 is Shelfwise's grid default). */
export function rank(items, table, { impact = 0.6, settings = DEFAULTS } = {}) {
  const n = items.length;
  const scored = items.every((it) => typeof it.score === 'number');
  const best = scored ? Math.max(...items.map((it) => it.score)) : 0;
  const hasQueries = [...table.keys()].some((k) => k.startsWith('q:'));
  const raw = items.map((it) => personal(it, table, settings.categoryAncestorShare, hasQueries));
  const max = Math.max(0, ...raw);
  if (impact <= 0 || max <= 0) return items.map((it) => it.id);
  return items
    .map((it, i) => {
      const server = scored && best > 0 ? it.score / best : n > 1 ? 1 - i / (n - 1) : 1;
      return { id: it.id, score: (1 - impact) * server + impact * (raw[i] / max) };
    })
    .sort((a, b) => b.score - a.score) // stable: ties keep the server order
    .map((r) => r.id);
}
