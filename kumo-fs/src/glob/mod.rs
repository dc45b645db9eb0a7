//! [`glob()`]: shell-style pattern matching over the filesystem, and
//! [`GlobCache`] to reuse the results.

mod braces;
mod cache;
mod walk;

use std::path::{Path, PathBuf};

pub use self::cache::{CachedGlob, GlobCache};
use self::walk::{Compiled, Listings};
use crate::offload::offload;
use crate::{Error, Operation, Result};

/// Finds the paths matching `pattern`, sorted.
///
/// - `*`, `?` and `[...]` match within one name, and never a leading `.`;
///   `**` as a whole part matches any number of directories (not hidden
///   ones); `{a,b}` is alternation, expanded before matching (it may nest
///   and span `/`; at most 4096 patterns come out of it). A pattern ending
///   in `/` matches directories only.
/// - A relative pattern is matched inside `relative_to`, and results are
///   relative to it, without `./`. An absolute pattern gives absolute
///   results, except that where `relative_to` is a leading part of a
///   result, it is stripped.
/// - Directories that are missing or cannot be read are skipped. `**`
///   enters no directory twice (by device and inode), so symlink loops end.
/// - Each path appears once. A matching name that is not UTF-8 is an error
///   naming it. `.` and `..` are never produced by wildcards.
///
/// The whole walk is one hop to the blocking pool, and the process's
/// current directory is never changed.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let dir = tempfile::tempdir().unwrap();
/// for path in ["a.conf", "b.txt", ".hidden.conf", "sub/c.conf", "sub/deep/d.conf"] {
///     let path = dir.path().join(path);
///     std::fs::create_dir_all(path.parent().unwrap()).unwrap();
///     std::fs::write(path, "").unwrap();
/// }
/// let found = kumo_fs::glob("**/*.{conf,txt}", dir.path()).await.unwrap();
/// assert_eq!(found, ["a.conf", "b.txt", "sub/c.conf", "sub/deep/d.conf"]);
///
/// let absolute = format!("{}/sub/*.conf", dir.path().display());
/// assert_eq!(kumo_fs::glob(&absolute, "/nowhere").await.unwrap(), [absolute.replace('*', "c")]);
/// assert_eq!(kumo_fs::glob(&absolute, dir.path()).await.unwrap(), ["sub/c.conf"]);
/// # });
/// ```
pub async fn glob(pattern: &str, relative_to: impl AsRef<Path>) -> Result<Vec<String>> {
    let patterns = compile(pattern)?;
    let relative_to = relative_to.as_ref().to_path_buf();
    offload(Operation::Glob, Path::new(pattern), move || {
        walk_all(&patterns, &relative_to)
    })
    .await?
}

/// Expands and compiles `pattern`, or says what is wrong with it.
fn compile(pattern: &str) -> Result<Vec<Compiled>> {
    let invalid = |reason| Error::Pattern {
        pattern: pattern.to_owned(),
        reason,
    };
    braces::expand(pattern)
        .map_err(invalid)?
        .iter()
        .map(|expanded| Compiled::new(expanded).map_err(invalid))
        .collect()
}

/// Walks every expanded pattern; on the blocking pool.
fn walk_all(patterns: &[Compiled], relative_to: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let listings = if patterns.len() > 1 {
        Listings::shared()
    } else {
        Listings::none()
    };
    for pattern in patterns {
        pattern
            .walk(relative_to, &listings, &mut found)
            .map_err(|path: PathBuf| Error::NotUtf8 {
                op: Operation::Glob,
                path,
            })?;
    }
    found.sort_unstable();
    found.dedup();
    Ok(found)
}
