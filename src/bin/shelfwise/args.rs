//! Hand-rolled argument parsing: `--name value` options and `--flag` switches.

/// Parsed options, in the order given.
pub struct Args {
    options: Vec<(String, Option<String>)>,
}

/// Options that take no value.
const SWITCHES: [&str; 2] = ["--json", "--baselines"];

impl Args {
    /// Parses `argv` (after the command). Unknown names are caught by [`Args::finish`].
    pub fn parse(argv: &[String]) -> Result<Args, String> {
        let mut options = Vec::new();
        let mut it = argv.iter();
        while let Some(name) = it.next() {
            if !name.starts_with("--") {
                return Err(format!("unexpected argument `{name}`"));
            }
            if SWITCHES.contains(&name.as_str()) {
                options.push((name.clone(), None));
            } else {
                let value = it.next().ok_or_else(|| format!("{name} needs a value"))?;
                options.push((name.clone(), Some(value.clone())));
            }
        }
        Ok(Args { options })
    }

    /// Errors on any option not in `known`.
    pub fn check(&self, known: &[&str]) -> Result<(), String> {
        match self
            .options
            .iter()
            .find(|(n, _)| !known.contains(&n.as_str()))
        {
            Some((n, _)) => Err(format!("unknown option {n}")),
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
    pub fn required(&self, name: &str) -> Result<&str, String> {
        self.value(name)
            .ok_or_else(|| format!("{name} is required"))
    }

    /// True if switch `--name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }

    /// `--name` parsed as a number, or `default`.
    pub fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.value(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("{name} must be a number, got `{v}`")),
        }
    }
}

/// Reads a whole file, naming it in the error.
pub fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}
