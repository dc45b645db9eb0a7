//! [`read_dir`]: the sorted entries of a directory.

use std::path::{Path, PathBuf};

use crate::offload::offload;
use crate::{Error, Operation, Result};

/// Lists a directory: each entry is `path` joined with the entry's name,
/// sorted. `.` and `..` are not listed.
///
/// An entry whose name is not UTF-8 is an error naming it, as the result
/// is strings.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("b"), "").unwrap();
/// std::fs::create_dir(dir.path().join("a")).unwrap();
/// let base = dir.path().to_str().unwrap();
/// assert_eq!(
///     kumo_fs::read_dir(base).await.unwrap(),
///     [format!("{base}/a"), format!("{base}/b")]
/// );
/// # });
/// ```
pub async fn read_dir(path: impl AsRef<Path>) -> Result<Vec<String>> {
    let path = path.as_ref();
    let owned = path.to_path_buf();
    offload(Operation::ReadDir, path, move || list(&owned)).await?
}

fn list(dir: &Path) -> Result<Vec<String>> {
    let failed = |e| Error::io(Operation::ReadDir, dir, e);
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(failed)? {
        let path = entry.map_err(failed)?.path();
        match path.into_os_string().into_string() {
            Ok(name) => names.push(name),
            Err(raw) => {
                return Err(Error::NotUtf8 {
                    op: Operation::ReadDir,
                    path: PathBuf::from(raw),
                });
            }
        }
    }
    names.sort_unstable();
    Ok(names)
}
