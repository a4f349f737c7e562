//! The browser layer (wasm32 only): the `#[wasm_bindgen]` API, `localStorage` persistence and
//! console messages. Business rules live in [`crate::core`]; this layer decodes, calls, encodes.
// The core build (`--no-default-features`) compiles these modules without the optional entry
// points (feature `extras`); helpers only those use are then unused there, and LTO drops them.
// The full build, which every test and the default clippy run use, keeps both lints.
#![cfg_attr(not(feature = "extras"), allow(dead_code, unused_imports))]

mod alloc;
mod api;
mod auto;
mod config;
mod consent_tabs;
mod console;
mod convert;
mod decode;
mod decode_call;
mod dom_calls;
pub mod encode;
mod js_list;
mod js_out;
#[cfg(feature = "extras")]
mod moments_api;
mod moments_codec;
mod moments_config;
mod moments_dom;
mod packed;
mod privacy;
mod profile_codec;
mod profile_writer;
#[cfg(feature = "extras")]
mod recommend_api;
mod recommend_codec;
mod storage;
mod stored_list;
mod tabs;
mod types;
mod utf8_texts;

pub use api::Engine;
pub use auto::{start_auto, start_auto_js, Auto};
#[cfg(feature = "extras")]
pub use moments_api::estimate_lift;
