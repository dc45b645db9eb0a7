//! [`File`]: an open file with buffered reads and writes, driven from async code.

mod core;
mod hop;
mod numeral;
mod owned;

use std::io::SeekFrom;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;

use self::core::Core;
use self::hop::State;
use self::owned::Owned;
use crate::offload::offload;
use crate::{Error, OpenMode, Operation, Result};

/// An open file, read and written from async code without blocking it.
///
/// System calls run on tokio's blocking pool, one hop per call at most;
/// calls that the buffers can answer make no hop at all:
///
/// - Opening a regular file with `r` also reads its first 64 KiB, so a
///   small file is read with one hop for `open` and none for the reads.
/// - Writes are buffered (64 KiB) and reach the file, where other readers
///   see them, at [`flush`](File::flush), [`seek`](File::seek),
///   [`close`](File::close) or when the buffer fills.
/// - On `+` modes, reads and writes may be mixed freely, as with C stdio:
///   a read sees earlier writes, and a write lands where the caller's
///   position is, not where the read-ahead left the OS.
///
/// Bytes are never lost silently: an error writing them is returned by the
/// call that met it (a `write` that filled the buffer, `flush`, `seek`,
/// `close`), and the bytes not written stay buffered so that a later flush
/// can retry. A `File` dropped without `close` still writes its buffered
/// bytes, on a background thread; if that fails the error is printed to
/// stderr with the path, as there is no caller left to return it to.
///
/// If a call's future is dropped while its hop is running, the hop still
/// completes and the next call picks up from there; an error the abandoned
/// call met is returned by that next call.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use kumo_fs::{File, OpenMode};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("notes.txt");
///
/// let mut file = File::open(&path, OpenMode::Write).await.unwrap();
/// file.write(b"first line\nsecond line\n").await.unwrap();
/// file.close().await.unwrap();
///
/// let mut file = File::open(&path, OpenMode::Read).await.unwrap();
/// assert_eq!(file.read_line(false).await.unwrap().unwrap(), "first line");
/// assert_eq!(file.read_to_end().await.unwrap(), "second line\n");
/// file.close().await.unwrap();
/// # });
/// ```
pub struct File {
    path: Arc<Path>,
    mode: OpenMode,
    state: State,
}

impl File {
    /// Opens `path` with `mode`, in one hop.
    ///
    /// A FIFO with no writer blocks only the hop's thread, never the caller's.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use kumo_fs::{File, OpenMode};
    /// let dir = tempfile::tempdir().unwrap();
    /// // r+ creates a missing file.
    /// let file = File::open(dir.path().join("new"), OpenMode::ReadUpdate).await.unwrap();
    /// assert_eq!(file.path(), dir.path().join("new"));
    /// let err = File::open(dir.path().join("missing"), OpenMode::Read).await.unwrap_err();
    /// assert!(err.to_string().contains("No such file or directory"));
    /// # });
    /// ```
    pub async fn open(path: impl AsRef<Path>, mode: OpenMode) -> Result<File> {
        let path: Arc<Path> = Arc::from(path.as_ref());
        let op = Operation::Open(mode);
        let core_path = Arc::clone(&path);
        let owned = offload(op, &path, move || {
            Core::open(core_path, mode).map(Owned::new)
        })
        .await?
        .map_err(|e| Error::io(op, &path, e))?;
        Ok(File {
            path,
            mode,
            state: State::Ready(owned),
        })
    }

    /// The path the file was opened with.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("f");
    /// let file = kumo_fs::File::open(&path, kumo_fs::OpenMode::Write).await.unwrap();
    /// assert_eq!(file.path(), path);
    /// # });
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether [`close`](File::close) has been called.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let dir = tempfile::tempdir().unwrap();
    /// let mut file = kumo_fs::File::open(dir.path().join("f"), kumo_fs::OpenMode::Write).await.unwrap();
    /// assert!(!file.is_closed());
    /// file.close().await.unwrap();
    /// assert!(file.is_closed());
    /// # });
    /// ```
    pub fn is_closed(&self) -> bool {
        matches!(self.state, State::Closed)
    }

    /// Reads up to `max` bytes: exactly `max` unless the file ends first.
    /// Returns an empty buffer at end of file.
    ///
    /// `max` may be huge (`usize::MAX`): memory is allocated for what the
    /// file can return, not for `max`.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("f");
    /// std::fs::write(&path, "hello").unwrap();
    /// let mut file = kumo_fs::File::open(&path, kumo_fs::OpenMode::Read).await.unwrap();
    /// assert_eq!(file.read(2).await.unwrap(), "he");
    /// assert_eq!(file.read(usize::MAX).await.unwrap(), "llo");
    /// assert_eq!(file.read(10).await.unwrap(), "");
    /// # });
    /// ```
    pub async fn read(&mut self, max: usize) -> Result<Bytes> {
        self.check(Operation::Read, self.mode.can_read())?;
        if let Some(out) = self.ready().and_then(|core| core.buffered(max)) {
            return Ok(out);
        }
        self.hop(Operation::Read, move |core| core.read_up_to(max))
            .await
    }

    /// Reads the rest of the file; empty at end of file.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("f");
    /// std::fs::write(&path, "all of it").unwrap();
    /// let mut file = kumo_fs::File::open(&path, kumo_fs::OpenMode::Read).await.unwrap();
    /// assert_eq!(file.read_to_end().await.unwrap(), "all of it");
    /// assert_eq!(file.read_to_end().await.unwrap(), "");
    /// # });
    /// ```
    pub async fn read_to_end(&mut self) -> Result<Bytes> {
        self.check(Operation::Read, self.mode.can_read())?;
        if let Some(out) = self.ready().and_then(Core::buffered_to_end) {
            return Ok(out);
        }
        self.hop(Operation::Read, Core::read_to_end).await
    }

    /// Reads the next line, with or without its `\n`; `None` at end of file.
    ///
    /// A last line without `\n` is returned as it is.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("f");
    /// std::fs::write(&path, "one\ntwo").unwrap();
    /// let mut file = kumo_fs::File::open(&path, kumo_fs::OpenMode::Read).await.unwrap();
    /// assert_eq!(file.read_line(true).await.unwrap().unwrap(), "one\n");
    /// assert_eq!(file.read_line(false).await.unwrap().unwrap(), "two");
    /// assert_eq!(file.read_line(false).await.unwrap(), None);
    /// # });
    /// ```
    pub async fn read_line(&mut self, keep_newline: bool) -> Result<Option<Bytes>> {
        self.check(Operation::Read, self.mode.can_read())?;
        if let Some(line) = self
            .ready()
            .and_then(|core| core.buffered_line(keep_newline))
        {
            return Ok(line);
        }
        self.hop(Operation::Read, move |core| core.read_line(keep_newline))
            .await
    }

    /// Reads a numeral for Lua's `read("n")`, returning its text for the
    /// caller to convert.
    ///
    /// Skips whitespace, then consumes the longest run of bytes that can
    /// start a Lua numeral, exactly as Lua 5.4's `liolib.c` scans it (sign,
    /// `0x`, digits, one `.`, exponent). The byte after it stays unread.
    /// Returns `None` if nothing was consumed, or if the numeral is longer
    /// than 200 bytes (Lua's limit; 200 bytes are consumed then, as in Lua).
    /// The text may still not convert (`"1e"`), which Lua also consumes and
    /// then fails on.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("f");
    /// std::fs::write(&path, "  42 0x1p4 x").unwrap();
    /// let mut file = kumo_fs::File::open(&path, kumo_fs::OpenMode::Read).await.unwrap();
    /// assert_eq!(file.read_numeral().await.unwrap().unwrap(), "42");
    /// assert_eq!(file.read_numeral().await.unwrap().unwrap(), "0x1p4");
    /// assert_eq!(file.read_numeral().await.unwrap(), None);
    /// assert_eq!(file.read_to_end().await.unwrap(), "x");
    /// # });
    /// ```
    pub async fn read_numeral(&mut self) -> Result<Option<Bytes>> {
        self.check(Operation::Read, self.mode.can_read())?;
        if let Some(text) = self.ready().and_then(Core::buffered_numeral) {
            return Ok(text);
        }
        self.hop(Operation::Read, Core::read_numeral).await
    }

    /// Writes `data` into the write buffer; it reaches the file at the
    /// next [`flush`](File::flush), [`seek`](File::seek), [`close`](File::close)
    /// or when the buffer fills (then this call returns any write error).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("f");
    /// let mut file = kumo_fs::File::open(&path, kumo_fs::OpenMode::Write).await.unwrap();
    /// file.write(b"buffered").await.unwrap();
    /// assert_eq!(std::fs::read(&path).unwrap(), b"");
    /// file.flush().await.unwrap();
    /// assert_eq!(std::fs::read(&path).unwrap(), b"buffered");
    /// # });
    /// ```
    pub async fn write(&mut self, data: &[u8]) -> Result<()> {
        self.check(Operation::Write, self.mode.can_write())?;
        if self.ready().is_some_and(|core| core.buffer_write(data)) {
            return Ok(());
        }
        let data = data.to_vec();
        self.hop(Operation::Write, move |core| core.write_through(data))
            .await
    }

    /// Writes out buffered bytes, then moves the position; returns the new
    /// position from the start of the file.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use std::io::SeekFrom;
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("f");
    /// std::fs::write(&path, "0123456789").unwrap();
    /// let mut file = kumo_fs::File::open(&path, kumo_fs::OpenMode::Read).await.unwrap();
    /// assert_eq!(file.read(3).await.unwrap(), "012");
    /// assert_eq!(file.seek(SeekFrom::Current(0)).await.unwrap(), 3);
    /// assert_eq!(file.seek(SeekFrom::End(-2)).await.unwrap(), 8);
    /// assert_eq!(file.read(5).await.unwrap(), "89");
    /// # });
    /// ```
    pub async fn seek(&mut self, pos: SeekFrom) -> Result<u64> {
        self.check(Operation::Seek, true)?;
        self.hop(Operation::Seek, move |core| core.seek(pos)).await
    }

    /// Writes out buffered bytes, making them visible to other readers.
    /// Without buffered bytes it returns at once.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let mut file = kumo_fs::File::open("/dev/full", kumo_fs::OpenMode::Write).await.unwrap();
    /// file.write(b"no room").await.unwrap();
    /// let err = file.flush().await.unwrap_err();
    /// assert!(err.to_string().starts_with(r#"flush "/dev/full": No space left on device"#));
    /// # });
    /// ```
    pub async fn flush(&mut self) -> Result<()> {
        self.check(Operation::Flush, true)?;
        if self.ready().is_some_and(|core| !core.has_pending_writes()) {
            return Ok(());
        }
        self.hop(Operation::Flush, Core::settle).await
    }

    /// Writes out buffered bytes and closes the file. The file is closed even
    /// if writing fails (the error is returned). Closing again is a no-op;
    /// any other call after `close` is an error.
    ///
    /// A file opened with `r` that is a regular file or FIFO is closed
    /// without a hop: close(2) has nothing to write back for it. Anything
    /// else is closed on the blocking pool, as close(2) may block there (NFS
    /// writes back dirty pages at close, a tape drive rewinds).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("f");
    /// let mut file = kumo_fs::File::open(&path, kumo_fs::OpenMode::Write).await.unwrap();
    /// file.write(b"kept").await.unwrap();
    /// file.close().await.unwrap();
    /// file.close().await.unwrap();
    /// assert_eq!(std::fs::read(&path).unwrap(), b"kept");
    /// let err = file.write(b"late").await.unwrap_err();
    /// assert!(err.to_string().ends_with("the file is already closed"));
    /// # });
    /// ```
    pub async fn close(&mut self) -> Result<()> {
        let earlier = self.recover(Operation::Close).await;
        let inline = match &mut self.state {
            State::Closed => return earlier,
            State::Lost => {
                self.state = State::Closed;
                return earlier.and(Err(self.lost(Operation::Close)));
            }
            State::Ready(owned) => owned.core().is_some_and(|core| core.closes_inline()),
            State::Orphaned(_) => false,
        };
        let closing = if inline {
            self.state = State::Closed;
            Ok(())
        } else {
            self.run(Operation::Close, |owned| (None, owned.close()))
                .await
        };
        earlier.and(closing)
    }

    /// The core, if idle, for calls the buffers may answer without a hop.
    fn ready(&mut self) -> Option<&mut Core> {
        match &mut self.state {
            State::Ready(owned) => owned.core(),
            _ => None,
        }
    }

    /// Refuses calls after close and calls the open mode does not allow.
    fn check(&self, op: Operation, allowed_by_mode: bool) -> Result<()> {
        if self.is_closed() {
            return Err(Error::Closed {
                op,
                path: self.path.to_path_buf(),
            });
        }
        if !allowed_by_mode {
            return Err(Error::WrongMode {
                op,
                path: self.path.to_path_buf(),
                mode: self.mode,
            });
        }
        Ok(())
    }
}

impl std::fmt::Debug for File {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("File")
            .field("path", &self.path)
            .field("mode", &self.mode)
            .field("closed", &self.is_closed())
            .finish_non_exhaustive()
    }
}
