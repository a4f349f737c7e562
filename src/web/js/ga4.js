// GA4 items as many GTM data layers push them (src/web/auto/datalayer.rs): `price` and
// `quantity` as numeric strings ("49.90", "2"), which GA4 takes. `{ items }`: copies of such
// items with those as numbers, and an empty one ('', which some templates push for an item
// without a price) as absent; anything else, and any list or item that cannot be read (a
// throwing getter), left as it was for the engine to judge; a list longer than `max` too (the
// engine refuses it whole). `{ error }` instead for a string that is no number: the message
// naming it (`items[0].price: "abc" is not a number`: the engine's "must be a number" would
// not say that "49.90" is fine). In JS, where reading may throw.
// scripts/build.sh pastes this function into every glue (a classic script cannot import).

export function shelfwiseGa4Items(items, max) {
  try {
    let bad;
    const copies = items.length > max ? items : items.map((item, i) => {
      if (!item || typeof item !== 'object') return item;
      let copy = item;
      for (const key of ['price', 'quantity']) {
        const v = item[key];
        if (typeof v !== 'string') continue;
        // Empty (tag templates push '' for an item without one): no price or quantity.
        if (!v.trim()) copy = { ...copy, [key]: undefined };
        else if (isFinite(v)) copy = { ...copy, [key]: +v };
        else bad ??= `items[${i}].${key}: ${JSON.stringify(v.slice(0, 40))} is not a number`;
      }
      return copy;
    });
    return bad ? { error: bad } : { items: copies };
  } catch {
    return { items };
  }
}
