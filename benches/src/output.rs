//! Where the harness-less targets write their results.
//!
//! Results go to `<target dir>/kumo-bench/<name>.json`, beside criterion's
//! `<target dir>/criterion/`. The target directory is found the way criterion
//! finds it, so both land in the same tree: `CARGO_TARGET_DIR` when set, else
//! the nearest ancestor of the running executable that holds cargo's
//! `CACHEDIR.TAG`, else `target`.

use std::path::{Path, PathBuf};

use crate::json::Json;
use crate::{Error, Result};

/// The cargo target directory this benchmark run belongs to.
///
/// ```
/// let dir = kumo_benches::output::target_dir();
/// assert!(!dir.as_os_str().is_empty());
/// ```
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.ancestors()
                .find(|dir| dir.join("CACHEDIR.TAG").is_file())
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// `<target dir>/kumo-bench/<name>.json`.
///
/// ```
/// let path = kumo_benches::output::result_path("rss");
/// assert!(path.ends_with("kumo-bench/rss.json"));
/// ```
pub fn result_path(name: &str) -> PathBuf {
    target_dir().join("kumo-bench").join(format!("{name}.json"))
}

/// Writes `value` to [`result_path`]`(name)`, creating the folder; returns the path.
///
/// A file that already holds exactly this text is left alone, so a run that
/// measures nothing new (a filtered or profiling run rewriting the same
/// manifest) does not look like a new result to `bench-report --no-run`.
///
/// ```no_run
/// use kumo_benches::json::Json;
/// let path = kumo_benches::output::write_result("example", &Json::object([])).unwrap();
/// println!("wrote {}", path.display());
/// ```
pub fn write_result(name: &str, value: &Json) -> Result<PathBuf> {
    let path = result_path(name);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(Error::context(format!("create {}", dir.display())))?;
    }
    let text = format!("{value}\n");
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(path);
    }
    std::fs::write(&path, text).map_err(Error::context(format!("write {}", path.display())))?;
    Ok(path)
}
