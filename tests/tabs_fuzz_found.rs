//! Cases the `tabs_erase` fuzz target found (each failed before its fix in `src/core`), one
//! module per area of the case: removal marks before a profile's first visit (`removals`),
//! pause and resume (`pause`), writes from data older than a reset (`resets`), and tabs that
//! adopted or missed a reset made elsewhere (`missed_resets`).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

// A test file's own modules live in its folder (`mod x;` here would look for `tests/x.rs`,
// which Cargo would build as a test file of its own).
#[path = "tabs_fuzz_found/missed_resets.rs"]
mod missed_resets;
#[path = "tabs_fuzz_found/pause.rs"]
mod pause;
#[path = "tabs_fuzz_found/removals.rs"]
mod removals;
#[path = "tabs_fuzz_found/resets.rs"]
mod resets;
