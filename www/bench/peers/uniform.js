// The benchmark's Uniform Context peer: the same shopper events scored into Uniform's visitor
// scores (enrichments per category, brand and search word, with Shelfwise's default event
// weights as strengths), and the same eight banners chosen by Uniform's strongest-score
// algorithm. esbuild bundles this file (minified) into dist/uniform.js: that bundle is both
// what the page runs and what the size comparison measures.
import {
  Context, createLinearDecay, getEnrichmentVectorKey, STRONGEST_SCORE_PERSONALIZATION_ALGORITHM,
} from '@uniformdev/context';

const WEIGHTS = { view_item: 1, select_item: 2, view_item_list: 0.1, add_to_cart: 4, purchase: 8, search: 1.5 };
const CAP = 1000;

const key = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function enrichments(event) {
  if (event.type === 'search') {
    return event.query.split(/\s+/).map((w) => ({ cat: 'search', key: key(w), str: WEIGHTS.search }));
  }
  const items = event.items ?? [event.item];
  const str = event.type === 'dwell' ? Math.min(event.seconds, 120) * 0.02 : WEIGHTS[event.type];
  return items.flatMap((it) => [
    { cat: 'category', key: key(it.category[0]), str },
    { cat: 'category', key: key(it.category.join(' ')), str },
    { cat: 'brand', key: key(it.brand), str },
  ]);
}

/** A Uniform Context that keeps its scores in localStorage, as a shop would run it. */
export function createUniform() {
  const context = new Context({
    manifest: { project: { pz: { enr: { category: { cap: CAP }, brand: { cap: CAP }, search: { cap: CAP } } } } },
    defaultConsent: true,
    decay: createLinearDecay(),
  });
  return {
    context,
    /** Scores one shopper event (Uniform's update is asynchronous). */
    track: (event) => context.update({ enrichments: enrichments(event) }),
    /** The id of the banner for this visitor among `banners` (`{ id, category: [top] }`). */
    select(banners) {
      const variations = banners.map((b) => ({
        id: b.id,
        pz: { dim: getEnrichmentVectorKey('category', key(b.category[0])) },
      }));
      const result = context.personalize({
        name: 'hero', variations, take: 1, algorithm: STRONGEST_SCORE_PERSONALIZATION_ALGORITHM,
      });
      return result.variations[0]?.id;
    },
    forget: () => context.forget(true),
  };
}
