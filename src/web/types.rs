//! TypeScript declarations for the structured values the API takes and returns; the generated
//! types would only say `any`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Engine settings; every field is optional and clamped into its documented range. */
export interface ShelfwiseConfig {
  /** Half-life of long-term interests in days. Default 14, range [0.1, 365]. */
  halfLifeDays?: number;
  /** Half-life of the session signal in minutes. Default 30, range [1, 1440]. */
  sessionHalfLifeMinutes?: number;
  /** Weight of the session signal when ranking. Default 1, range [0, 10]. */
  sessionWeight?: number;
  /** Inactivity in minutes that starts a new session. Default 30, range [1, 1440]. */
  sessionGapMinutes?: number;
  /** What each event adds to the interests it touches. */
  weights?: Partial<{
    /** `view_item_list` (an impression). Default 0.1, range [0, 100]. */
    impression: number;
    /** `view_item`. Default 1, range [0, 100]. */
    view: number;
    /** `select_item`. Default 2, range [0, 100]. */
    click: number;
    /** `dwell`, per second. Default 0.02, range [0, 10]. */
    dwellPerSecond: number;
    /** Dwell longer than this many seconds counts as this many. Default 120, range [1, 3600]. */
    dwellCapSeconds: number;
    /** `add_to_cart`, per unit of quantity (square-root damped). Default 4, range [0, 100]. */
    addToCart: number;
    /** `remove_from_cart`, subtracted. Default 1, range [0, 100]. */
    removeFromCart: number;
    /** `purchase`, per unit of quantity (square-root damped). Default 8, range [0, 100]. */
    purchase: number;
    /** `search`, per query term. Default 1.5, range [0, 100]. */
    search: number;
  }>;
  /** Default impact per context, each in [0, 1]: grid 0.6, search 0.35, banner 1. */
  impact?: Partial<{ grid: number; search: number; banner: number }>;
  /** Share of a leaf category's weight given to each ancestor level. Default 0.5, range [0, 1]. */
  categoryAncestorShare?: number;
  /** Subtracted from the [0, 1] score of purchased items when `demotePurchased` is set; above 1 sends them last. Default 1.5, range [0, 2]. */
  purchasedPenalty?: number;
  /** Largest stored profile in bytes. Default 16384, range [2048, 16384]. */
  maxProfileBytes?: number;
  /** Prefix of the localStorage keys: letters, digits, '-' and '_' (others dropped, at most 40 kept). Default "shelfwise". */
  namespace?: string;
  /** "local" (default) keeps the profile in localStorage; "memory" never touches storage. */
  storage?: "local" | "memory";
  /** Consent mode at start. Default "granted"; sites that need consent start with "pending". A refusal or withdrawal recorded in this browser (setConsent) holds over a less strict mode here until setConsent("granted"); "denied" here is recorded for every open tab. */
  consent?: Consent;
  /** When true (default), a browser sending Global Privacy Control starts in "denied". */
  respectGpc?: boolean;
  /** Interests not reinforced for this many days are deleted. Default 90, range [1, 3650]. */
  signalMaxAgeDays?: number;
  /** A profile without activity for this many days is deleted. Default 180, range [1, 3650]. */
  profileMaxIdleDays?: number;
}

/** "granted": store and personalize; "pending": this page only, nothing stored; "denied": nothing. */
export type Consent = "granted" | "pending" | "denied";

/** What an explicit choice is about: one item, a category path, or an interest key such as "b:acme" (not a search word's "q:" key: a search is removed, never preferred or avoided). Exactly one of `id`, `category` (1 to 8 levels) and `key`, the others absent (`undefined` or `null`): two do not compile, and throw "target: must have only one of an id, a category or a key". */
export type ChoiceTarget =
  | { id: string | number; category?: null; key?: null }
  | { category: string[]; id?: null; key?: null }
  | { key: string; id?: null; category?: null };

/** An explicit choice as the profile snapshot and explanations show it. */
export interface ChoiceView {
  /** "i:<id>" for an item, else an interest key; pass `{ key }` back to change it. */
  key: string;
  kind: "item" | Contribution["kind"];
  value: string;
  /** true: "more like this"; false: "not interested". */
  more: boolean;
}

/** The profile in its stored form, as `exportProfile()` returns it and `importProfile()` takes it. */
export interface ShelfwiseExport {
  v: number;
  [field: string]: unknown;
}

/** An item, with GA4 `items[]` field names accepted as aliases; its id (`id`, or GA4 `item_id`) is required. */
export type ShelfwiseItem = ShelfwiseItemFields & (
  | { /** Product id, at most 200 bytes; a number is its decimal digits (a safe integer). */ id: string | number; item_id?: string | number }
  | { /** GA4's name of `id` (used when `id` is absent). */ item_id: string | number; id?: string | number }
);

/** An item's fields but its id. */
export interface ShelfwiseItemFields {
  /** Display name (GA4 `item_name`); only used to match search terms, never stored. */
  name?: string;
  item_name?: string;
  /** Category path, general to specific, at most 8 levels. */
  category?: string[];
  item_category?: string; item_category2?: string; item_category3?: string;
  item_category4?: string; item_category5?: string;
  brand?: string;
  item_brand?: string;
  /** Finite, from 0 to 1e12. */
  price?: number;
  /** From 0 to 10000, rounded; below 1 counts as 1; default 1. */
  quantity?: number;
  /** At most 32 tags. */
  tags?: string[];
  /** At most 32 free-form facets, such as { color: "red" } or { size: 42 } (whole numbers). */
  facets?: Record<string, string | number>;
}

/** An item to rank: an item with an optional server relevance score (higher is better). */
export type RankItem = ShelfwiseItem & {
  score?: number;
};

/** An event's one item (`item`) or its list (`items`): exactly one of them, the other absent (`undefined` or `null`). With both, the engine learned one and dropped the other. */
export type ItemOrItems<L> = { item: ShelfwiseItem; items?: null } | { items: L; item?: null };

/** A shopper event, named after GA4's e-commerce events. At most 200 items per event. */
export type ShopperEvent = { ts?: number } & (
  | ({ type: "view_item" | "select_item" } & ItemOrItems<[ShelfwiseItem]>)
  | ({ type: "view_item_list" | "add_to_cart" | "remove_from_cart" } & ItemOrItems<ShelfwiseItem[]>)
  | ({
      type: "purchase";
      /** The order's id (GA4 `transaction_id`), at most 200 bytes: a purchase of an order already learned is ignored. */
      transactionId?: string | number; transaction_id?: string | number;
    } & ItemOrItems<ShelfwiseItem[]>)
  | ({ type: "search"; results?: (string | number)[] } & ({ query: string; search_term?: null } | { search_term: string; query?: null }))
  | ({ type: "dwell"; seconds: number } & ItemOrItems<[ShelfwiseItem]>)
);

/** The same events named as in GA4's `dataLayer`: `event` in place of `type`. */
export type ShopperEventGa4 = ShopperEvent extends infer E
  ? E extends { type: infer T } ? Omit<E, "type"> & { event: T } : never
  : never;

export interface RankOptions {
  /** Which default impact applies. Default "grid". */
  context?: "grid" | "search" | "banner";
  /** 0 keeps the server order exactly, 1 is fully personal. */
  impact?: number;
  /** Move items the shopper already bought down. */
  demotePurchased?: boolean;
  /** At most `maxPerGroup` (default 2) items of one brand or category in the top `topK` (default 10). */
  diversity?: { by: "brand" | "category"; maxPerGroup?: number; topK?: number };
}

export interface Contribution {
  /** The interest key, such as "c:shoes>running". */
  key: string;
  /** Distinct recently viewed items (or searches) behind the interest. */
  count: number;
  kind: "category" | "brand" | "price" | "tag" | "facet" | "search" | "other";
  value: string;
  points: number;
}

export interface Explanation {
  id: string;
  /** 1-based position in the order `rank` was given. */
  serverPosition: number;
  /** 1-based position in the order `rank` returned. */
  position: number;
  serverScore: number;
  personalScore: number;
  impact: number;
  score: number;
  demoted: boolean;
  contributions: Contribution[];
  /** Points added (negative: subtracted) by the shopper's explicit choices. */
  choicePoints: number;
  /** The explicit choices that apply to the item. */
  choices: ChoiceView[];
}

export interface Interest {
  key: string;
  kind: Contribution["kind"];
  value: string;
  score: number;
  strength: number;
  /** Distinct recently viewed items (or searches) behind the interest. */
  count: number;
}

export interface ProfileSnapshot {
  schema: number;
  createdAt: number;
  updatedAt: number;
  visits: number;
  events: number;
  interests: Interest[];
  recentlyViewed: string[];
  cart: string[];
  purchased: string[];
  searches: string[];
  /** Explicit choices, newest first. */
  choices: ChoiceView[];
  /** True while personalization is paused. */
  paused: boolean;
}
/** A recommendation slot. */
export type RecommendSlot =
  | "recentlyViewed" | "related" | "boughtTogether" | "pickedForYou" | "topSellers" | "becauseYouViewed";

export interface RecommendOptions {
  /** How many items, a whole number from 1 to 100. Default 10. */
  count?: number;
  /** The anchor item (the page's own item) for "related", "boughtTogether" and "becauseYouViewed"; never returned. */
  item?: string | number;
  /** Ids never to return (items already on the page, the cart…). At most 200. */
  exclude?: (string | number)[];
  /** Leave out items the shopper already viewed. Default true for anchored slots, false otherwise. */
  excludeSeen?: boolean;
}

/** Why an item was recommended; `item` is the X of "because you viewed X". */
export interface RecommendationReason {
  kind: "recentlyViewed" | "viewedTogether" | "boughtTogether" | "becauseYouViewed" | "topSeller" | "popular";
  item?: string;
  category?: string;
}

export interface Recommendation {
  id: string;
  reason: RecommendationReason;
}

/** `[id, weight]`: a neighbour (weight 0..1000) or a popular item (weight = its popularity). */
export type WeightedId = [string | number, number];

/** What a product page hands over for its own item, as in the pack built by `shelfwise build-pack` (at most 100 per list). */
export interface ItemData {
  related?: WeightedId[];
  boughtTogether?: WeightedId[];
}

/** The pack's public popularity part: the same for every shopper. At most 200 items per list, 1000 categories. */
export interface PopularityData {
  overall?: WeightedId[];
  /** Category path (levels joined by ">", in any case; spaces around ">" are dropped, as in `data-sw-category`) to its most popular items. */
  categories?: Record<string, WeightedId[]>;
  /** The `pickedForYou` blend `shelfwise build-pack --tune` chose for the shop; absent: the defaults. Finite numbers, clamped into range: repeat 0..100 (default 1), decay 0..1 (0.95), bought 0..10 (1). */
  blend?: { repeat?: number; decay?: number; bought?: number };
}
"#;
