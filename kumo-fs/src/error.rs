//! The error type of this crate.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::OpenMode;

/// The crate's result type.
///
/// ```
/// fn first_line(text: &str) -> kumo_fs::Result<&str> {
///     Ok(text.lines().next().unwrap_or(""))
/// }
/// assert_eq!(first_line("a\nb").unwrap(), "a");
/// ```
pub type Result<T> = std::result::Result<T, Error>;

/// What the caller was doing when an [`Error`] happened.
///
/// It is the first words of every error message, e.g. `read directory`.
///
/// ```
/// use kumo_fs::{OpenMode, Operation};
/// assert_eq!(Operation::ReadDir.to_string(), "read directory");
/// assert_eq!(Operation::Open(OpenMode::Read).to_string(), "open");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// [`File::open`](crate::File::open) with the given mode.
    Open(OpenMode),
    /// A read from an open [`File`](crate::File).
    Read,
    /// A write to an open [`File`](crate::File).
    Write,
    /// [`File::seek`](crate::File::seek).
    Seek,
    /// [`File::flush`](crate::File::flush).
    Flush,
    /// [`File::close`](crate::File::close).
    Close,
    /// [`read_file`](crate::read_file).
    ReadFile,
    /// [`read_dir`](crate::read_dir).
    ReadDir,
    /// [`metadata`](crate::metadata).
    Metadata,
    /// [`symlink_metadata`](crate::symlink_metadata).
    SymlinkMetadata,
    /// [`glob`](crate::glob()) and [`GlobCache::glob`](crate::GlobCache::glob).
    Glob,
}

impl Operation {
    /// The phrase that follows the path in a message, e.g. ` for reading`.
    fn after_path(self) -> &'static str {
        match self {
            Operation::Open(mode) => mode.purpose(),
            _ => "",
        }
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Operation::Open(_) => "open",
            Operation::Read => "read",
            Operation::Write => "write",
            Operation::Seek => "seek",
            Operation::Flush => "flush",
            Operation::Close => "close",
            Operation::ReadFile => "read file",
            Operation::ReadDir => "read directory",
            Operation::Metadata => "read metadata of",
            Operation::SymlinkMetadata => "read symlink metadata of",
            Operation::Glob => "glob",
        })
    }
}

/// Why a filesystem operation failed.
///
/// Every message names the operation and the path (or pattern) involved and
/// says why, e.g. `open "/x/y" for reading: No such file or directory (os error 2)`.
/// Errors are cheap to clone so that [`GlobCache`](crate::GlobCache) can hand
/// the same cached error to many callers.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use kumo_fs::{File, OpenMode};
/// let err = File::open("/no/such/file", OpenMode::Read).await.unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"open "/no/such/file" for reading: No such file or directory (os error 2)"#
/// );
/// assert_eq!(err.io_error().unwrap().kind(), std::io::ErrorKind::NotFound);
/// # });
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The operating system reported an error.
    #[error("{op} {path:?}{}: {source}", op.after_path())]
    Io {
        /// What was being done.
        op: Operation,
        /// The path it was done to.
        path: PathBuf,
        /// The OS error.
        source: Arc<io::Error>,
    },
    /// A mode string given to [`OpenMode::parse`](crate::OpenMode::parse) is not one of the known modes.
    #[error(
        "unknown file mode {mode:?}: expected one of r, w, a, r+, w+, a+, each optionally followed by b"
    )]
    InvalidMode {
        /// The mode as given.
        mode: String,
    },
    /// A [`File`](crate::File) was used after [`close`](crate::File::close).
    #[error("{op} {path:?}: the file is already closed")]
    Closed {
        /// What was attempted.
        op: Operation,
        /// The file's path.
        path: PathBuf,
    },
    /// A [`File`](crate::File) was read or written against its open mode,
    /// e.g. a write to a file opened with `r`.
    #[error("{op} {path:?}: the file was opened with mode \"{mode}\", which does not allow this")]
    WrongMode {
        /// What was attempted.
        op: Operation,
        /// The file's path.
        path: PathBuf,
        /// The mode the file was opened with.
        mode: OpenMode,
    },
    /// A path that must be returned as a string is not valid UTF-8.
    #[error("{op}: the path {path:?} is not valid UTF-8")]
    NotUtf8 {
        /// What was being done.
        op: Operation,
        /// The offending path (invalid bytes are shown as `\xNN`).
        path: PathBuf,
    },
    /// A glob pattern is malformed or too large.
    #[error("invalid glob pattern {pattern:?}: {reason}")]
    Pattern {
        /// The pattern as given.
        pattern: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A file timestamp cannot be represented as a [`kumo_time::Time`].
    #[error("{op} {path:?}: {reason}")]
    Time {
        /// What was being done.
        op: Operation,
        /// The path whose metadata was read.
        path: PathBuf,
        /// Which timestamp and why.
        reason: String,
    },
    /// An async function of this crate was called outside a tokio runtime,
    /// which it needs to run system calls off the async threads.
    #[error("{op} {path:?}: must be called from within a tokio runtime")]
    NoRuntime {
        /// What was attempted.
        op: Operation,
        /// The path involved.
        path: PathBuf,
    },
    /// A background task that held the operation's state did not finish,
    /// because the runtime is shutting down or the task panicked.
    #[error("{op} {path:?}: the background task running it was lost ({reason})")]
    TaskLost {
        /// What was attempted.
        op: Operation,
        /// The path involved.
        path: PathBuf,
        /// Why the task was lost.
        reason: String,
    },
}

impl Error {
    /// Wraps an OS error with the operation and path it happened on.
    pub(crate) fn io(op: Operation, path: &Path, source: io::Error) -> Error {
        Error::Io {
            op,
            path: path.to_path_buf(),
            source: Arc::new(source),
        }
    }

    /// The path the error is about, if it is about one.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let err = kumo_fs::read_file("/no/such/file").await.unwrap_err();
    /// assert_eq!(err.path(), Some(std::path::Path::new("/no/such/file")));
    /// # });
    /// ```
    pub fn path(&self) -> Option<&Path> {
        match self {
            Error::Io { path, .. }
            | Error::Closed { path, .. }
            | Error::WrongMode { path, .. }
            | Error::NotUtf8 { path, .. }
            | Error::Time { path, .. }
            | Error::NoRuntime { path, .. }
            | Error::TaskLost { path, .. } => Some(path),
            Error::InvalidMode { .. } | Error::Pattern { .. } => None,
        }
    }

    /// The OS error behind this error, if the OS reported one.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let err = kumo_fs::metadata("/no/such/file").await.unwrap_err();
    /// assert_eq!(err.io_error().unwrap().kind(), std::io::ErrorKind::NotFound);
    /// # });
    /// ```
    pub fn io_error(&self) -> Option<&io::Error> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
