//! Pack and blend settings from the command line.

use shelfwise::core::pack::build::PackSettings;
use shelfwise::core::recommend::slots::Blend;

use super::args::Args;

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
pub fn pack(args: &Args) -> Result<PackSettings, String> {
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

/// Blend settings from `args`, defaults otherwise, clamped.
pub fn blend(args: &Args) -> Result<Blend, String> {
    let d = Blend::default();
    Ok(Blend {
        repeat: args.number("--repeat", d.repeat)?,
        decay: args.number("--decay", d.decay)?,
        bought: args.number("--bought", d.bought)?,
    }
    .sanitized())
}
