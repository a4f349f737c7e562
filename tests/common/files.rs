//! Files the command-line tests hand to `shelfwise` (also included alone, by path, by test
//! files that need nothing else of `common`).

use std::path::PathBuf;

/// Writes `contents` to `name` in `shelfwise-<suite>-<process id>` under the system's
/// temporary folder (one folder per test file's process, so test files running at once never
/// share one) and returns its path.
pub fn temp_file(suite: &str, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shelfwise-{suite}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}
