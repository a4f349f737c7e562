//! Pack and blend settings from the command line.

use shelfwise::core::pack::build::PackSettings;
use shelfwise::core::recommend::slots::Blend;

use super::args::{usage, Args, Failure};
use super::tune;

/// Options every command that builds a pack accepts.
pub const PACK_OPTIONS: [&str; 7] = [
    "--two-step",
    "--neighbours",
    "--k",
    "--window",
    "--backward",
    "--recency",
    "--smoothing",
];

/// Options of the `pickedForYou` blend.
pub const BLEND_OPTIONS: [&str; 3] = ["--repeat", "--decay", "--bought"];

/// Pack settings from `args`, defaults otherwise, clamped.
pub fn pack(args: &Args) -> Result<PackSettings, Failure> {
    let d = PackSettings::default();
    Ok(PackSettings {
        neighbours: args.number("--neighbours", d.neighbours)?,
        min_sessions: args.number("--k", d.min_sessions)?,
        window: args.number("--window", d.window)?,
        backward: args.number("--backward", d.backward)?,
        recency: args.number("--recency", d.recency)?,
        smoothing: args.number("--smoothing", d.smoothing)?,
        two_step: args.number("--two-step", d.two_step)?,
        ..d
    }
    .sanitized())
}

/// Blend settings from `args` (defaults for those not given), clamped; `None` if no blend
/// option was given.
pub fn blend(args: &Args) -> Result<Option<Blend>, Failure> {
    if !BLEND_OPTIONS.iter().any(|o| args.value(o).is_some()) {
        return Ok(None);
    }
    let d = Blend::default();
    Ok(Some(
        Blend {
            repeat: args.number("--repeat", d.repeat)?,
            decay: args.number("--decay", d.decay)?,
            bought: args.number("--bought", d.bought)?,
        }
        .sanitized(),
    ))
}

/// Options of the blend tuning (`build-pack` and `eval`).
pub const TUNE_OPTIONS: [&str; 2] = ["--tune", "--tune-rows"];

/// The `--tune` share, clamped into 0..=0.9, and `--tune-rows`, clamped into
/// [`tune::MAX_ROWS_RANGE`] (see [`super::tune`]).
pub fn tuning(args: &Args) -> Result<tune::Tuning, Failure> {
    let share: f64 = args.number("--tune", tune::DEFAULT_SHARE)?;
    if !share.is_finite() {
        return Err(usage("--tune must be a finite share, 0 to turn tuning off"));
    }
    let (low, high) = tune::MAX_ROWS_RANGE;
    let max_rows: usize = args.number("--tune-rows", tune::DEFAULT_MAX_ROWS)?;
    Ok(tune::Tuning {
        share: share.clamp(0.0, 0.9),
        max_rows: max_rows.clamp(low, high),
    })
}
