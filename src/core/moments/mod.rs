//! Shopping moments on the device: local segments, behavioural triggers with frequency caps,
//! the holdout arm and the privacy-preserving aggregate report with its estimator. Everything
//! here is pure: time and random draws come in as parameters.

pub mod config;
pub mod holdout;
pub mod ldp;
mod page;
pub mod segments;
pub mod state;
pub mod triggers;

pub use config::{MomentsConfig, SegmentRules, TriggerCap, TriggerCaps};
pub use holdout::Arm;
pub use ldp::{estimate_lift, ArmCounts, LdpReport, LiftEstimate};
pub use page::PageState;
pub use segments::Segments;
pub use state::MomentState;
pub use triggers::{Occasion, Trigger, TriggerKind};
