//! Reading the page's config object: engine settings (clamped later by the core) and the
//! browser-only options.

use wasm_bindgen::{JsError, JsValue};

use super::convert::js_error;
use super::decode::{absent, boolean, field_error, get, number, object, string};
use crate::core::item::At;
use crate::core::{Config, Consent};

/// Browser-only settings, read from the same config object as the engine settings.
#[derive(Debug, Default)]
pub struct BrowserOptions {
    /// Prefix of the storage keys. Default `"shelfwise"`.
    pub namespace: Option<String>,
    /// Never touch storage (`storage: "memory"`).
    pub memory_only: bool,
    /// The site's consent mode (`consent`), `granted` when not given.
    pub consent: Consent,
    /// Whether the Global Privacy Control signal means `denied` (`respectGpc`, default true).
    pub respect_gpc: bool,
}

fn set(obj: &JsValue, key: &str, path: At, target: &mut f64) -> Result<(), JsError> {
    if let Some(v) = number(obj, key, path)? {
        *target = v;
    }
    Ok(())
}

/// Reads `config` (which may be `undefined`) into `c`, which holds the defaults. Unknown keys
/// are ignored; wrong types throw. The settings are filled in place, not returned: a refused
/// field then drops nothing here (the caller drops `c` once), where a returned `Config` was
/// dropped at each early exit (0.27 KB of wasm in each build).
pub fn read(v: &JsValue, c: &mut Config) -> Result<BrowserOptions, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(BrowserOptions {
            respect_gpc: true,
            ..BrowserOptions::default()
        });
    }
    object(v, "config")?;
    let p = At::object("config");
    set(v, "halfLifeDays", p, &mut c.half_life_days)?;
    set(
        v,
        "sessionHalfLifeMinutes",
        p,
        &mut c.session_half_life_minutes,
    )?;
    set(v, "sessionWeight", p, &mut c.session_weight)?;
    set(v, "sessionGapMinutes", p, &mut c.session_gap_minutes)?;
    set(
        v,
        "categoryAncestorShare",
        p,
        &mut c.category_ancestor_share,
    )?;
    set(v, "purchasedPenalty", p, &mut c.purchased_penalty)?;
    set(v, "signalMaxAgeDays", p, &mut c.signal_max_age_days)?;
    set(v, "profileMaxIdleDays", p, &mut c.profile_max_idle_days)?;
    if let Some(b) = number(v, "maxProfileBytes", p)? {
        // NaN and ±Infinity keep the default, as the core does for the decimal settings; `as`
        // drops the fraction and saturates (below 0: 0), and the core clamps into range.
        if b.is_finite() {
            c.max_profile_bytes = b as usize;
        }
    }
    let w = get(v, "weights");
    if !absent(&w) {
        let p = At::object("config.weights");
        object(&w, "config.weights")?;
        let cw = &mut c.weights;
        for (key, target) in [
            ("impression", &mut cw.impression),
            ("view", &mut cw.view),
            ("click", &mut cw.click),
            ("dwellPerSecond", &mut cw.dwell_per_second),
            ("dwellCapSeconds", &mut cw.dwell_cap_seconds),
            ("addToCart", &mut cw.add_to_cart),
            ("removeFromCart", &mut cw.remove_from_cart),
            ("purchase", &mut cw.purchase),
            ("search", &mut cw.search),
        ] {
            set(&w, key, p, target)?;
        }
    }
    let i = get(v, "impact");
    if !absent(&i) {
        let p = At::object("config.impact");
        object(&i, "config.impact")?;
        set(&i, "grid", p, &mut c.impact.grid)?;
        set(&i, "search", p, &mut c.impact.search)?;
        set(&i, "banner", p, &mut c.impact.banner)?;
    }
    super::moments_config::read(v, &mut c.moments)?;
    let memory_only = match string(v, "storage", p)?.as_deref() {
        None | Some("local") => false,
        Some("memory") => true,
        Some(_) => {
            return Err(field_error(
                "config.storage",
                "must be \"local\" or \"memory\"",
            ))
        }
    };
    Ok(BrowserOptions {
        namespace: string(v, "namespace", p)?,
        memory_only,
        consent: match string(v, "consent", p)? {
            Some(text) => Consent::parse(&text, "config.consent").map_err(js_error)?,
            None => Consent::Granted,
        },
        respect_gpc: boolean(v, "respectGpc", p)?.unwrap_or(true),
    })
}
