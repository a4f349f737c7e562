// GA4 items as many GTM data layers push them (src/web/auto/datalayer.rs): `price` and
// `quantity` as numeric strings ("49.90", "2"), which GA4 takes. Copies of such items with
// those as numbers; anything else, and any list or item that cannot be read (a throwing
// getter), is left as it was for the engine to judge; a list longer than `max` too (the
// engine refuses it whole). In JS, where reading may throw.
// scripts/build.sh pastes this function into every glue (a classic script cannot import).

export function shelfwiseGa4Items(items, max) {
  try {
    return items.length > max ? items : items.map((item) => {
      if (!item || typeof item !== 'object') return item;
      let copy = item;
      for (const key of ['price', 'quantity']) {
        const v = item[key];
        if (typeof v === 'string' && v.trim() && isFinite(v)) copy = { ...copy, [key]: +v };
      }
      return copy;
    });
  } catch {
    return items;
  }
}
