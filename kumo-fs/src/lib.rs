//! Non-blocking filesystem access for mail-processing policy code.
//!
//! `kumo-fs` is the pure-Rust layer behind the `kumo.fs` Lua namespace: files
//! with buffered writes that are never silently dropped, sorted directory
//! listings, `glob` with a TTL/LRU single-flight cache, and file metadata.
//! Every system call runs off the tokio worker threads, so a slow disk or a
//! FIFO with no writer stalls only the task that touched it.
//!
//! It is for async Rust programs on tokio. It is not a general VFS, and it
//! does not watch files for changes.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
