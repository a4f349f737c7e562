//! Hand-rolled argument parsing: `--name value` options and `--flag` switches.

/// Why a command failed.
pub enum Failure {
    /// How the tool was called (a missing or unknown option, a value that is no number):
    /// printed with the usage, exit status 2.
    Usage(String),
    /// What it read or wrote (a missing file, a line it cannot parse): one line naming the
    /// file, exit status 1.
    Run(String),
}

/// Errors worded as text are about files and data: run errors.
impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Run(message)
    }
}

/// A usage error.
pub fn usage(message: impl Into<String>) -> Failure {
    Failure::Usage(message.into())
}

/// Parsed options, in the order given.
pub struct Args {
    options: Vec<(String, Option<String>)>,
}

/// Options that take no value.
const SWITCHES: [&str; 2] = ["--json", "--baselines"];

impl Args {
    /// Parses `argv` (after the command). Unknown names are caught by [`Args::finish`].
    pub fn parse(argv: &[String]) -> Result<Args, Failure> {
        let mut options = Vec::new();
        let mut it = argv.iter();
        while let Some(name) = it.next() {
            if !name.starts_with("--") {
                return Err(usage(format!("unexpected argument `{name}`")));
            }
            if SWITCHES.contains(&name.as_str()) {
                options.push((name.clone(), None));
            } else {
                let value = it
                    .next()
                    .ok_or_else(|| usage(format!("{name} needs a value")))?;
                options.push((name.clone(), Some(value.clone())));
            }
        }
        Ok(Args { options })
    }

    /// Errors on any option not in `known`.
    pub fn check(&self, known: &[&str]) -> Result<(), Failure> {
        match self
            .options
            .iter()
            .find(|(n, _)| !known.contains(&n.as_str()))
        {
            Some((n, _)) => Err(usage(format!("unknown option {n}"))),
            None => Ok(()),
        }
    }

    /// The value of `--name`, if given (the last one wins).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// The value of `--name`, required.
    pub fn required(&self, name: &str) -> Result<&str, Failure> {
        self.value(name)
            .ok_or_else(|| usage(format!("{name} is required")))
    }

    /// True if switch `--name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }

    /// `--name` parsed as a number, or `default`.
    pub fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, Failure> {
        match self.value(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| usage(format!("{name} must be a number, got `{v}`"))),
        }
    }
}

/// Reads a whole file as UTF-8 text without its byte order mark (editors and spreadsheet
/// exports often write one), naming the file, and the line of the first bad byte, in errors.
pub fn read(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let good = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or_default();
        let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
        format!("cannot read {path}: line {line} is not valid UTF-8 text")
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Reads the interaction log at `path` (sessions text or events CSV), naming the file in errors.
/// A file named `*.csv` is always an events CSV, so a header without `session_id` (a shop's own
/// column names) is refused naming the column instead of being read as sessions text.
pub fn log(path: &str) -> Result<shelfwise::core::pack::input::Log, String> {
    use shelfwise::core::pack::input::Log;
    let text = read(path)?;
    let csv = path.to_ascii_lowercase().ends_with(".csv");
    let log = if csv {
        Log::from_events_csv(&text)
    } else {
        Log::from_text(&text)
    };
    log.map_err(|e| format!("cannot read {path}: {e}"))
}
