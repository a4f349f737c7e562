//! # Shelfwise
//!
//! A personalization engine for online shops that runs entirely in the shopper's browser.
//! It learns a first-party profile from what the shopper does on the shop's pages, keeps it in
//! `localStorage` only, and reorders what the server already sent.
//!
//! - [`core`] is pure Rust: events, the profile and its decay, ranking, recommendations,
//!   shopping moments, consent and retention, and the merge of several tabs' writes. It
//!   compiles and tests natively.
//! - `web` (wasm32 only) is the thin browser layer: the `#[wasm_bindgen]` API, localStorage,
//!   cross-tab sync and script-tag auto mode.
//! - `heap` (private) is the wasm build's allocator logic, tested natively.
#![deny(missing_docs)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;

// The wasm build's allocator logic (`web::alloc` installs it); tested natively.
#[cfg(any(target_arch = "wasm32", test))]
mod heap;

pub use crate::core::{
    Config, CoreError, Engine, ErrorKind, Event, Profile, RankItem, RankOptions,
};
