//! The pure engine: no browser, no clock, no storage. Time and stored state come in as inputs,
//! so every rule is tested natively and deterministically.
//!
//! No `unsafe` here: memory safety comes from the compiler, so fuzzing hunts panics, unbounded
//! allocation and broken invariants (and may run without a memory sanitizer).
#![forbid(unsafe_code)]

pub mod batch;
pub mod config;
pub mod consent;
pub mod engine;
pub mod error;
pub mod event;
pub mod facet;
pub mod fold;
pub mod hash;
pub mod id;
pub mod item;
pub mod limits;
pub mod markup;
pub mod math;
pub mod moments;
pub mod order;
pub mod orders;
pub mod pack;
pub mod page_views;
pub mod profile;
pub mod rank;
pub mod recommend;
pub mod reports;
pub mod slot_markup;
pub mod sync;
pub mod text;
pub mod time;
pub mod why;
pub mod word;

pub use config::Config;
pub use consent::{Consent, StorageAction};
pub use engine::Engine;
pub use error::{CoreError, ErrorKind};
pub use event::{Event, EventInput};
pub use item::{Item, ItemInput};
pub use profile::Profile;
pub use rank::{Explanation, RankItem, RankOptions, RankOptionsInput};
pub use recommend::{RecommendOptions, RecommendOptionsInput, Recommendation};
