//! [`metadata`] and [`symlink_metadata`]: what the OS knows about a path.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use kumo_time::Time;

use crate::offload::offload;
use crate::{Error, Operation, Result};

/// What the OS knows about a path, as returned by [`metadata`] and
/// [`symlink_metadata`].
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("f");
/// std::fs::write(&path, "12345").unwrap();
/// let meta = kumo_fs::metadata(&path).await.unwrap();
/// assert_eq!(meta.path, path.to_str().unwrap());
/// assert!(meta.is_file && !meta.is_dir && !meta.is_symlink);
/// assert_eq!(meta.len, 5);
/// let unix = meta.unix.unwrap();
/// assert_eq!(unix.size, 5);
/// assert!(unix.mtime <= kumo_time::Time::now());
/// # });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The path as given.
    pub path: String,
    /// A regular file.
    pub is_file: bool,
    /// A directory.
    pub is_dir: bool,
    /// A symbolic link (only from [`symlink_metadata`]).
    pub is_symlink: bool,
    /// Size in bytes.
    pub len: u64,
    /// No write permission bit is set.
    pub readonly: bool,
    /// The Unix `stat` fields; always `Some` on Unix.
    pub unix: Option<UnixMetadata>,
}

/// The Unix `stat(2)` fields of a [`Metadata`].
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let meta = kumo_fs::metadata("/").await.unwrap();
/// let unix = meta.unix.unwrap();
/// assert!(unix.nlink >= 1);
/// assert_eq!(unix.mode & 0o170000, 0o040000); // S_IFDIR
/// # });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnixMetadata {
    /// Device holding the file.
    pub dev: u64,
    /// Inode number.
    pub ino: u64,
    /// File type and permission bits.
    pub mode: u32,
    /// Number of hard links.
    pub nlink: u64,
    /// Owner's user id.
    pub uid: u32,
    /// Owner's group id.
    pub gid: u32,
    /// Device id, for device files.
    pub rdev: u64,
    /// Size in bytes.
    pub size: u64,
    /// Preferred I/O block size.
    pub blksize: u64,
    /// Number of 512-byte blocks allocated.
    pub blocks: u64,
    /// Last access.
    pub atime: Time,
    /// Last modification of the content.
    pub mtime: Time,
    /// Last change of the inode.
    pub ctime: Time,
}

/// Reads the metadata of `path`, following symbolic links.
///
/// `path` must be UTF-8, as [`Metadata::path`] is a string.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let meta = kumo_fs::metadata("/").await.unwrap();
/// assert!(meta.is_dir);
/// let err = kumo_fs::metadata("/no/such").await.unwrap_err();
/// assert!(err.to_string().contains("No such file or directory"));
/// # });
/// ```
pub async fn metadata(path: impl AsRef<Path>) -> Result<Metadata> {
    stat(path.as_ref(), Operation::Metadata).await
}

/// Reads the metadata of `path` itself, not following a final symbolic link.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let dir = tempfile::tempdir().unwrap();
/// let link = dir.path().join("link");
/// std::os::unix::fs::symlink("/", &link).unwrap();
/// assert!(kumo_fs::symlink_metadata(&link).await.unwrap().is_symlink);
/// assert!(kumo_fs::metadata(&link).await.unwrap().is_dir);
/// # });
/// ```
pub async fn symlink_metadata(path: impl AsRef<Path>) -> Result<Metadata> {
    stat(path.as_ref(), Operation::SymlinkMetadata).await
}

async fn stat(path: &Path, op: Operation) -> Result<Metadata> {
    let Some(given) = path.to_str() else {
        return Err(Error::NotUtf8 {
            op,
            path: path.to_path_buf(),
        });
    };
    let given = given.to_owned();
    offload(op, path, move || {
        let meta = if op == Operation::Metadata {
            std::fs::metadata(&given)
        } else {
            std::fs::symlink_metadata(&given)
        };
        match meta {
            Ok(meta) => convert(given, &meta, op),
            Err(e) => Err(Error::io(op, Path::new(&given), e)),
        }
    })
    .await?
}

fn convert(path: String, meta: &std::fs::Metadata, op: Operation) -> Result<Metadata> {
    let time = |what: &str, secs: i64, nanos: i64| {
        unix_time(secs, nanos).ok_or_else(|| Error::Time {
            op,
            path: PathBuf::from(&path),
            reason: format!("its {what} ({secs} seconds since 1970) is out of range"),
        })
    };
    let unix = UnixMetadata {
        dev: meta.dev(),
        ino: meta.ino(),
        mode: meta.mode(),
        nlink: meta.nlink(),
        uid: meta.uid(),
        gid: meta.gid(),
        rdev: meta.rdev(),
        size: meta.size(),
        blksize: meta.blksize(),
        blocks: meta.blocks(),
        atime: time("access time", meta.atime(), meta.atime_nsec())?,
        mtime: time("modification time", meta.mtime(), meta.mtime_nsec())?,
        ctime: time("change time", meta.ctime(), meta.ctime_nsec())?,
    };
    let kind = meta.file_type();
    Ok(Metadata {
        is_file: kind.is_file(),
        is_dir: kind.is_dir(),
        is_symlink: kind.is_symlink(),
        len: meta.len(),
        readonly: meta.permissions().readonly(),
        unix: Some(unix),
        path,
    })
}

/// A `stat` timestamp as a [`Time`], if it is representable.
fn unix_time(secs: i64, nanos: i64) -> Option<Time> {
    let nanos = Duration::from_nanos(u64::try_from(nanos).ok()?);
    let whole = Duration::from_secs(secs.unsigned_abs());
    let system = if secs >= 0 {
        SystemTime::UNIX_EPOCH.checked_add(whole)?
    } else {
        SystemTime::UNIX_EPOCH.checked_sub(whole)?
    };
    Time::from_system_time(system.checked_add(nanos)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_convert_on_both_sides_of_the_epoch() {
        let before = unix_time(-2, 500_000_000).unwrap();
        let after = unix_time(1, 0).unwrap();
        let epoch = Time::from_system_time(SystemTime::UNIX_EPOCH).unwrap();
        assert!(before < epoch && epoch < after);
        assert_eq!(
            Time::from_system_time(SystemTime::UNIX_EPOCH - Duration::from_millis(1500)).unwrap(),
            before
        );
    }

    #[test]
    fn unrepresentable_timestamps_are_none() {
        assert_eq!(unix_time(i64::MAX, 0), None);
        assert_eq!(unix_time(0, -1), None);
    }
}
