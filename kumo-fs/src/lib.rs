//! Non-blocking filesystem access for mail-processing policy code.
//!
//! `kumo-fs` is the pure-Rust layer behind the `kumo.fs` Lua namespace:
//! files with buffered writes that are never silently dropped, sorted directory
//! listings, `glob` with a TTL/LRU single-flight cache, and file metadata.
//! Every system call runs off the tokio worker threads, so a slow disk or a
//! FIFO with no writer stalls only the task that touched it. Each operation
//! makes as few thread hops as it can: [`read_file`] is one, and reading a
//! small file through [`File`] is one for `open` and none for the reads.
//!
//! It is for async Rust programs on tokio, on Unix. It is not a general VFS,
//! it does not watch files for changes, and it does not try to be faster
//! than blocking `std::fs` calls on a thread that may block.
//!
//! ```
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! use kumo_fs::{File, OpenMode};
//! let dir = tempfile::tempdir().unwrap();
//! let mut log = File::open(dir.path().join("log.txt"), OpenMode::Append).await.unwrap();
//! log.write(b"delivered\n").await.unwrap();
//! log.close().await.unwrap();
//!
//! assert_eq!(kumo_fs::glob("*.txt", dir.path()).await.unwrap(), ["log.txt"]);
//! assert_eq!(kumo_fs::read_file(dir.path().join("log.txt")).await.unwrap(), "delivered\n");
//! assert_eq!(kumo_fs::metadata(dir.path().join("log.txt")).await.unwrap().len, 10);
//! # });
//! ```
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod error;
mod file;
mod glob;
mod metadata;
mod mode;
mod offload;
mod read_dir;
mod read_file;

pub use error::{Error, Operation, Result};
pub use file::File;
pub use glob::{CachedGlob, GlobCache, glob};
pub use metadata::{Metadata, UnixMetadata, metadata, symlink_metadata};
pub use mode::OpenMode;
pub use read_dir::read_dir;
pub use read_file::read_file;
