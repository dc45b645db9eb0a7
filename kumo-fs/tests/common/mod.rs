//! Helpers shared by the `File` test files.
#![allow(dead_code)] // each test file uses a subset

use std::path::{Path, PathBuf};

use kumo_fs::{File, OpenMode};

pub(crate) fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    (dir, path)
}

pub(crate) async fn open(path: &Path, mode: &str) -> File {
    File::open(path, OpenMode::parse(mode).unwrap())
        .await
        .unwrap()
}

/// Content that spans several read chunks, with lines of varied length.
pub(crate) fn big_content() -> Vec<u8> {
    let mut content = Vec::new();
    for i in 0..20_000 {
        content.extend_from_slice(format!("line {i} {}\n", "x".repeat(i % 37)).as_bytes());
    }
    content
}
