//! The browser layer (wasm32 only): the `#[wasm_bindgen]` API, `localStorage` persistence and
//! console messages. Business rules live in [`crate::core`]; this layer decodes, calls, encodes.

mod api;
mod auto;
mod config;
mod console;
mod convert;
mod decode;
mod decode_call;
mod moments_api;
mod moments_codec;
mod moments_config;
mod moments_dom;
mod packed;
mod privacy;
mod profile_codec;
mod recommend_codec;
mod storage;
mod tabs;
mod types;

pub use api::Engine;
pub use auto::{start_auto, Auto};
pub use moments_api::estimate_lift;
