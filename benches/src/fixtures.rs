//! Files and folders the benchmarks read, created in a temporary directory.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::{Error, Result};

/// The Lua-level benchmark fixtures; removed from disk on drop.
#[derive(Debug)]
pub struct Fixtures {
    dir: TempDir,
    /// A 4 KiB file.
    pub file_4k: PathBuf,
    /// A 1 MiB file.
    pub file_1m: PathBuf,
    /// A folder with 1,000 `*.txt` files.
    pub dir_1000: PathBuf,
    /// A folder with 10 `*.txt` files.
    pub dir_10: PathBuf,
}

impl Fixtures {
    /// Creates all fixtures under a fresh temporary directory.
    ///
    /// ```
    /// let f = kumo_benches::fixtures::Fixtures::create().unwrap();
    /// assert_eq!(std::fs::metadata(&f.file_4k).unwrap().len(), 4096);
    /// assert_eq!(std::fs::read_dir(&f.dir_10).unwrap().count(), 10);
    /// ```
    pub fn create() -> Result<Fixtures> {
        let dir = tempfile::Builder::new()
            .prefix("kumo-bench-")
            .tempdir()
            .map_err(Error::context("create a temporary directory"))?;
        let root = dir.path();
        let fixtures = Fixtures {
            file_4k: root.join("4k.txt"),
            file_1m: root.join("1m.txt"),
            dir_1000: root.join("glob-1000"),
            dir_10: root.join("glob-10"),
            dir,
        };
        write_file(&fixtures.file_4k, 4 << 10)?;
        write_file(&fixtures.file_1m, 1 << 20)?;
        populate_dir(&fixtures.dir_1000, 1000)?;
        populate_dir(&fixtures.dir_10, 10)?;
        Ok(fixtures)
    }

    /// The temporary directory holding everything.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }
}

/// Writes `len` bytes of printable text (numbered lines) to `path`.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("f");
/// kumo_benches::fixtures::write_file(&p, 100).unwrap();
/// assert_eq!(std::fs::read(&p).unwrap().len(), 100);
/// ```
pub fn write_file(path: &Path, len: u64) -> Result<()> {
    let context = || format!("write fixture {}", path.display());
    let file = std::fs::File::create(path).map_err(Error::context(context()))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    let mut written = 0u64;
    let mut line = 0u64;
    while written < len {
        let text = format!("kumo-os benchmark fixture, line {line:08}\n");
        let take = text
            .len()
            .min(usize::try_from(len - written).unwrap_or(usize::MAX));
        out.write_all(&text.as_bytes()[..take])
            .map_err(Error::context(context()))?;
        written += take as u64;
        line += 1;
    }
    out.flush().map_err(Error::context(context()))
}

/// Creates `dir` holding `count` small files named `f0000.txt`, `f0001.txt`, ...
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let d = dir.path().join("d");
/// kumo_benches::fixtures::populate_dir(&d, 3).unwrap();
/// assert!(d.join("f0002.txt").is_file());
/// ```
pub fn populate_dir(dir: &Path, count: usize) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(Error::context(format!("create {}", dir.display())))?;
    for i in 0..count {
        let path = dir.join(format!("f{i:04}.txt"));
        std::fs::write(&path, format!("file {i}\n"))
            .map_err(Error::context(format!("write fixture {}", path.display())))?;
    }
    Ok(())
}

/// `path` as a Lua string argument; the harness only passes UTF-8 paths to Lua.
///
/// ```
/// assert_eq!(kumo_benches::fixtures::lua_path(std::path::Path::new("/tmp/x")).unwrap(), "/tmp/x");
/// ```
pub fn lua_path(path: &Path) -> Result<String> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| Error::new(format!("{}", path.display()), "path is not UTF-8"))
}
