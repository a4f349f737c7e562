//! Reading the page's config object: engine settings (clamped later by the core) and the
//! browser-only options.

use wasm_bindgen::{JsError, JsValue};

use super::convert::js_error;
use super::decode::{absent, boolean, field_error, get, number, object, string};
use crate::core::config::fields::{GROUPS, KEYS};
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

/// Index of `config.moments` in [`GROUPS`].
const MOMENTS: usize = 3;

const NONE: JsValue = JsValue::UNDEFINED;

/// The object of group `g` in [`GROUPS`] (the config object for 0; `groups` holds the ones
/// opened so far); `None` when absent.
fn object_of<'a>(config: &'a JsValue, groups: &'a [JsValue], g: usize) -> Option<&'a JsValue> {
    let o = if g == 0 { config } else { groups.get(g)? };
    (!absent(o)).then_some(o)
}

/// Reads `config` (which may be `undefined`) into `c`, which holds the defaults. Unknown keys
/// are ignored; wrong types throw. The settings are filled in place, not returned: a refused
/// field then drops nothing here (the caller drops `c` once), where a returned `Config` was
/// dropped at each early exit (0.27 KB of wasm in each build).
///
/// The numeric settings are read by one loop over [`KEYS`] and [`Config::slots`] (one list,
/// `core::config::fields`): each group's
/// object is read from its parent (and checked to be an object) when its first setting is
/// reached, so the config object's properties are read in the same order as when each setting
/// had a line of its own; an absent group (or one inside an absent group) is skipped.
pub fn read(v: &JsValue, c: &mut Config) -> Result<BrowserOptions, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(BrowserOptions {
            respect_gpc: true,
            ..BrowserOptions::default()
        });
    }
    object(v, "config")?;
    let mut groups = [NONE; GROUPS.len()];
    let mut opened = 1;
    for (slot, &(g, key)) in c.slots().iter_mut().zip(KEYS.iter()) {
        while opened <= g {
            if let Some(&(parent, key, path)) = GROUPS.get(opened) {
                let o = object_of(v, &groups, parent).map_or(NONE, |p| get(p, key));
                if !absent(&o) {
                    object(&o, path)?;
                }
                if let Some(place) = groups.get_mut(opened) {
                    *place = o;
                }
            }
            opened += 1;
        }
        let (Some(o), Some(&(_, _, path))) = (object_of(v, &groups, g), GROUPS.get(g)) else {
            continue;
        };
        if let Some(n) = number(o, key, At::object(path))? {
            slot.put(n);
        }
    }
    if let Some(m) = object_of(v, &groups, MOMENTS) {
        super::moments_config::read(m, &mut c.moments)?;
    }
    let p = At::object("config");
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
