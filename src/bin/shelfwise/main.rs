//! `shelfwise`: native tools for shops.
//!
//! - `shelfwise build-pack --input PATH [--out PATH] …` turns interaction logs into the public
//!   aggregate pack (neighbours per item, popularity).
//! - `shelfwise eval --train PATH --test PATH [--json] …` measures recommendation quality
//!   offline through the same core engine the browser runs.
//!
//! Run `shelfwise help` for every option.
#![cfg_attr(target_arch = "wasm32", allow(unused))]

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod baselines;
#[cfg(not(target_arch = "wasm32"))]
mod build_pack;
#[cfg(not(target_arch = "wasm32"))]
mod by_length;
#[cfg(not(target_arch = "wasm32"))]
mod engine_ids;
#[cfg(not(target_arch = "wasm32"))]
mod eval;
#[cfg(not(target_arch = "wasm32"))]
mod holdout;
#[cfg(not(target_arch = "wasm32"))]
mod reach;
#[cfg(not(target_arch = "wasm32"))]
mod replay;
#[cfg(not(target_arch = "wasm32"))]
mod settings;
#[cfg(not(target_arch = "wasm32"))]
mod tune;

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "usage:
  shelfwise build-pack --input PATH [--categories PATH] [--out PATH] [--popularity-out PATH]
                       [TUNING] [PACK OPTIONS]
  shelfwise eval --train PATH (--test PATH | --validate SHARE) [--json] [--baselines]
                 [--ranks PATH] [TUNING] [PACK OPTIONS] [BLEND OPTIONS]

inputs: sessions text (one session per line, ids separated by spaces) or events CSV
        (header with session_id,item_id,event_type[,category_id]); test rows are JSON lines
        {\"prefix\":[ids...],\"target\":id} (rows with an empty prefix are skipped).
categories (--categories): itemId;categoryId lines, or comma-separated (a line naming no item of
        the input, such as a header, is skipped; an empty file, a line of other than two
        fields or a file naming no item of the input is refused).
pack options (defaults in brackets):
  --neighbours N   neighbours kept per item, 1..=100 [50]
  --k K            privacy threshold: distinct sessions a pair needs, 1..=1000 [2]
  --window W       items before/after that count as neighbours, 1..=1000 [100]
  --backward B     weight of items seen before vs after, 0..=1 [1]
  --recency R      older sessions count down to 1-R, 0..=1 [0.9]
  --smoothing S    added to an item's count when normalising, 0..=100 [2]
  --two-step X     weight of neighbours of neighbours, 0..=1 [0.5]
tuning options, TUNING (build-pack and eval; eval builds its pack as build-pack does):
  --tune SHARE     choose the pickedForYou blend on the last SHARE (0..0.9) of the input's
                   sessions (pack from the rest; a small grid of repeat weight x decay; a blend
                   replaces the default only if it gains more than 2 standard errors), then build
                   the pack from every session with that blend in its popularity part; 0: no
                   tuning, no blend in the pack (pages use the defaults) [0.1]
  --tune-rows N    replay at most the latest N held-out rows when tuning (the rest still stay
                   out of the tuning pack), 100..=10000000 [60000]
blend options (pickedForYou; eval only, instead of the pack's blend):
  --repeat X       weight of the shopper's own repeat views, 0..=100 [1]
  --decay D        neighbour weight kept per later view, 0..=1 [0.95]
  --bought X       weight of bought-together neighbours, 0..=10 [1]
eval options:
  --validate SHARE evaluate on the last SHARE (0..0.9) of the training sessions instead of
                   --test (use this, never the test rows, to tune)
  --baselines      also report popularity, session popularity and item-KNN
  --ranks PATH     write each row's rank, seen items allowed then excluded (-1: not in the
                   top 20), one row a line, for paired comparisons between runs
  --json           print one JSON object (hr20, mrr20, rows, rows_per_s, …)";

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let first = argv.first().map(String::as_str);
    // `shelfwise build-pack --help` asks for help as `shelfwise help` does.
    let help = matches!(first, Some("help" | "--help" | "-h"))
        || (matches!(first, Some("build-pack" | "eval"))
            && argv.iter().any(|a| a == "--help" || a == "-h"));
    let result = match first {
        _ if help => {
            println!("{USAGE}");
            Ok(())
        }
        Some("build-pack") => {
            args::Args::parse(argv.get(1..).unwrap_or_default()).and_then(|a| build_pack::run(&a))
        }
        Some("eval") => {
            args::Args::parse(argv.get(1..).unwrap_or_default()).and_then(|a| eval::run(&a))
        }
        Some(other) => Err(args::usage(format!("unknown command `{other}`"))),
        None => Err(args::usage("missing command")),
    };
    // A mistake in the call is explained with the usage; a file that cannot be read, parsed or
    // written is one line naming it (the usage would bury it).
    match result {
        Ok(()) => {}
        Err(args::Failure::Usage(message)) => {
            eprintln!("shelfwise: {message}\n\n{USAGE}");
            std::process::exit(2);
        }
        Err(args::Failure::Run(message)) => {
            eprintln!("shelfwise: {message}");
            std::process::exit(1);
        }
    }
}

/// The tools are native only; the wasm build of this target does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}
