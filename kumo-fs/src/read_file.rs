//! [`read_file`]: a whole file in one hop.

use std::path::Path;

use bytes::Bytes;

use crate::offload::offload;
use crate::{Error, Operation, Result};

/// Reads a whole file: open, read and close in a single hop to the blocking
/// pool. The buffer is sized from the file's length, so a regular file is
/// read with one allocation.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("greeting");
/// std::fs::write(&path, "hello").unwrap();
/// assert_eq!(kumo_fs::read_file(&path).await.unwrap(), "hello");
///
/// let err = kumo_fs::read_file(dir.path()).await.unwrap_err();
/// assert!(err.to_string().starts_with("read file"), "{err}");
/// # });
/// ```
pub async fn read_file(path: impl AsRef<Path>) -> Result<Bytes> {
    let path = path.as_ref();
    let owned = path.to_path_buf();
    offload(Operation::ReadFile, path, move || std::fs::read(owned))
        .await?
        .map(Bytes::from)
        .map_err(|e| Error::io(Operation::ReadFile, path, e))
}
