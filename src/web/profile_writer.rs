//! Profile → plain JS value, in exactly the stored layout serde gives the core types (short
//! keys, tuples as arrays, `z` only when paused): the counterpart of `profile_codec`. Written by
//! hand because serde-wasm-bindgen's generic serializer for these types cost about 10 KB of
//! wasm (4 KB gzip) on every page; `tests/web_storage.rs` checks the two agree byte for byte.

use js_sys::Object;
use wasm_bindgen::JsValue;

use super::js_out::{array, num, set, strings, tuple};
use crate::core::pack::Weighted;
use crate::core::profile::{Affinity, Choice, WriterMark};
use crate::core::Profile;

fn weighted(items: &[Weighted]) -> JsValue {
    array(items, |w| tuple([JsValue::from_str(&w.0), num(w.1)]))
}

fn affinity(a: &Affinity) -> JsValue {
    tuple([
        JsValue::from_str(a.key()),
        num(a.1),
        num(a.2),
        num(a.3),
        num(a.4),
    ])
}

fn choice(c: &Choice) -> JsValue {
    tuple([JsValue::from_str(&c.0), num(c.1), num(c.2)])
}

fn writer(w: &WriterMark) -> JsValue {
    tuple([num(w.0), num(w.1)])
}

/// The profile as the plain object `JSON.stringify` stores.
pub fn profile_to_js(p: &Profile) -> JsValue {
    let o = Object::new();
    set(&o, "v", &num(p.schema));
    set(&o, "c", &num(p.created));
    set(&o, "u", &num(p.updated));
    set(&o, "s", &num(p.session_start));
    set(&o, "k", &num(p.visits));
    set(&o, "n", &num(p.events));
    set(&o, "a", &array(&p.affinities, affinity));
    set(&o, "rv", &strings(&p.viewed));
    set(&o, "rc", &strings(&p.cart));
    set(&o, "rp", &strings(&p.purchased));
    set(&o, "rs", &strings(&p.searches));
    let m = Object::new();
    let ms = &p.moments;
    set(
        &m,
        "hv",
        &array(&ms.hesitation, |(c, n)| {
            tuple([JsValue::from_str(c), num(*n)])
        }),
    );
    set(&m, "cl", &num(ms.carried));
    set(&m, "pv", &num(ms.purchase_visits));
    set(&m, "lp", &num(ms.last_purchase_visit));
    set(&m, "pb", &array(&ms.price_views, |n| num(*n)));
    set(&m, "tg", &array(&ms.shown, |t| array(t, |n| num(*n))));
    set(&m, "hd", &num(ms.draw));
    set(&m, "ld", &num(ms.ldp));
    set(&o, "m", &m);
    set(&o, "x", &array(&p.choices, choice));
    if p.paused {
        set(&o, "z", &JsValue::TRUE);
    }
    if p.pause_turn > 0 {
        set(&o, "zt", &num(p.pause_turn));
    }
    let nb = Object::new();
    set(&nb, "t", &num(p.neighbours.tick));
    set(
        &nb,
        "i",
        &array(&p.neighbours.items, |c| {
            tuple([
                JsValue::from_str(c.id()),
                num(c.1),
                num(c.2),
                weighted(c.related()),
                weighted(c.bought()),
            ])
        }),
    );
    set(&o, "nb", &nb);
    set(&o, "w", &array(&p.writers, writer));
    set(&o, "o", &strings(&p.orders));
    // Lineage ids ([`crate::core::profile::lineage`]) and removal marks
    // ([`crate::core::profile::erased`]), when there are any.
    for (key, list) in [
        ("r", &p.lineage.ids),
        ("ra", &p.lineage.starts),
        ("rm", &p.removed),
        ("ct", &p.choice_turns),
    ] {
        if !list.is_empty() {
            set(&o, key, &strings(list));
        }
    }
    // What each item taught ([`crate::core::profile::taught`]), when any is kept.
    if !p.taught.is_empty() {
        let it = array(&p.taught, |t| tuple([affinity(&t.0), strings(t.keys())]));
        set(&o, "it", &it);
    }
    o.into()
}
