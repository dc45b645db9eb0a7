//! The state of an open file: the OS handle and its read and write buffers.
//!
//! Methods that make system calls run on the blocking pool only; the
//! `buffered_*` methods and [`Core::buffer_write`] touch memory only, so the
//! async side calls them directly and skips a thread hop when they succeed.
//!
//! Buffering follows C stdio: bytes read ahead sit in `rbuf`, writes collect
//! in `wbuf`, and at most one of the two is in use at a time. Switching from
//! reading to writing remembers how far the OS position ran ahead of the
//! caller (`seek_back`) and moves it back before the next write reaches the
//! OS; switching from writing to reading writes `wbuf` out first.

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::sync::Arc;

use bytes::{Buf, Bytes};

use super::numeral::{self, Scan};
use crate::OpenMode;

/// Size of one read from the OS, and of the read-ahead at open.
pub(crate) const CHUNK: usize = 64 * 1024;

/// Buffered writes reach the OS once this many bytes are waiting.
pub(crate) const WRITE_BUFFER: usize = 64 * 1024;

pub(crate) struct Core {
    file: std::fs::File,
    path: Arc<Path>,
    mode: OpenMode,
    /// A regular file: its size bounds what a read can return.
    regular: bool,
    /// Closing it cannot block (see [`Core::closes_inline`]).
    cheap_close: bool,
    /// Read from the OS, not yet returned. Empty whenever `wbuf` is not.
    rbuf: Bytes,
    /// The OS reported end of file after `rbuf`; the next read that comes
    /// up short reports it instead of asking the OS again.
    eof: bool,
    /// Written by the caller, not yet by the OS.
    wbuf: Vec<u8>,
    /// Discarded read-ahead: the OS position is this far past the caller's.
    seek_back: u64,
}

impl Core {
    /// Opens `path`; a regular file opened with `r` also gets its first
    /// [`CHUNK`] read, so that reading a small file needs no second hop.
    ///
    /// Other files get no read-ahead: on a FIFO or device it would wait for
    /// data the caller may never ask for.
    pub(crate) fn open(path: Arc<Path>, mode: OpenMode) -> io::Result<Core> {
        let file = mode.options().open(&path)?;
        let meta = file.metadata()?;
        let kind = meta.file_type();
        let regular = kind.is_file();
        let mut core = Core {
            file,
            path,
            mode,
            regular,
            // Read-only regular files and FIFOs have nothing to write back at
            // close(2). Devices (a tape rewinds on close) and anything opened
            // for writing (NFS writes back dirty pages on close) may block.
            cheap_close: mode == OpenMode::Read && (regular || kind.is_fifo()),
            rbuf: Bytes::new(),
            eof: false,
            wbuf: Vec::new(),
            seek_back: 0,
        };
        if mode == OpenMode::Read && regular {
            // A failure here is not an open failure: the read that needs
            // these bytes asks again and reports it.
            let _ = core.fill(Some(CHUNK), Some(meta.len()), |b| b.len() >= CHUNK);
        }
        Ok(core)
    }

    /// Whether dropping this core may close the file on the current thread.
    pub(crate) fn closes_inline(&self) -> bool {
        self.cheap_close && self.wbuf.is_empty()
    }

    pub(crate) fn has_pending_writes(&self) -> bool {
        !self.wbuf.is_empty()
    }

    /// Up to `max` buffered bytes, if the buffer can answer `read(max)`.
    pub(crate) fn buffered(&mut self, max: usize) -> Option<Bytes> {
        if self.rbuf.len() < max && !self.eof {
            return None;
        }
        let out = self.rbuf.split_to(max.min(self.rbuf.len()));
        if out.is_empty() && max > 0 {
            self.eof = false;
        }
        Some(out)
    }

    /// The rest of the file, if the buffer already reaches end of file.
    pub(crate) fn buffered_to_end(&mut self) -> Option<Bytes> {
        if !self.eof {
            return None;
        }
        self.eof = false;
        Some(std::mem::take(&mut self.rbuf))
    }

    /// The next line (`Some(None)` at end of file), if the buffer holds it.
    pub(crate) fn buffered_line(&mut self, keep_newline: bool) -> Option<Option<Bytes>> {
        if let Some(at) = self.rbuf.iter().position(|&b| b == b'\n') {
            let mut line = self.rbuf.split_to(at + 1);
            if !keep_newline {
                line.truncate(at);
            }
            return Some(Some(line));
        }
        if !self.eof {
            return None;
        }
        if self.rbuf.is_empty() {
            self.eof = false;
            return Some(None);
        }
        Some(Some(std::mem::take(&mut self.rbuf)))
    }

    /// The next numeral, if the buffer holds enough to decide.
    pub(crate) fn buffered_numeral(&mut self) -> Option<Option<Bytes>> {
        match numeral::scan(&self.rbuf, self.eof) {
            Scan::NeedMore { .. } => None,
            Scan::Done { skip, len, valid } => {
                self.rbuf.advance(skip);
                let text = self.rbuf.split_to(len);
                if len == 0 && self.rbuf.is_empty() {
                    self.eof = false;
                }
                Some(valid.then_some(text))
            }
        }
    }

    /// Buffers `data` if it fits; `false` means a hop to
    /// [`Core::write_through`] is needed.
    pub(crate) fn buffer_write(&mut self, data: &[u8]) -> bool {
        self.stop_reading();
        if self.wbuf.len() + data.len() > WRITE_BUFFER {
            return false;
        }
        self.wbuf.extend_from_slice(data);
        true
    }

    /// Reads `read(max)`'s answer.
    pub(crate) fn read_up_to(&mut self, max: usize) -> io::Result<Bytes> {
        self.settle()?;
        loop {
            if let Some(out) = self.buffered(max) {
                return Ok(out);
            }
            let remaining = self.remaining()?;
            self.fill(Some(max), remaining, |b| b.len() >= max)?;
        }
    }

    /// Reads the rest of the file.
    pub(crate) fn read_to_end(&mut self) -> io::Result<Bytes> {
        self.settle()?;
        loop {
            if let Some(out) = self.buffered_to_end() {
                return Ok(out);
            }
            let remaining = self.remaining()?;
            self.fill(Some(usize::MAX), remaining, |_| false)?;
        }
    }

    /// Reads the next line; `None` at end of file.
    pub(crate) fn read_line(&mut self, keep_newline: bool) -> io::Result<Option<Bytes>> {
        self.settle()?;
        loop {
            if let Some(line) = self.buffered_line(keep_newline) {
                return Ok(line);
            }
            let remaining = self.remaining()?;
            let mut searched = self.rbuf.len();
            self.fill(None, remaining, |b| {
                let found = b[searched..].contains(&b'\n');
                searched = b.len();
                found
            })?;
        }
    }

    /// Reads the next numeral the way Lua's `read("n")` scans it.
    pub(crate) fn read_numeral(&mut self) -> io::Result<Option<Bytes>> {
        self.settle()?;
        loop {
            if let Some(text) = self.buffered_numeral() {
                return Ok(text);
            }
            // Drop the whitespace already skipped, so that a long run of it
            // is streamed rather than collected.
            if let Scan::NeedMore { skip } = numeral::scan(&self.rbuf, self.eof) {
                self.rbuf.advance(skip);
            }
            let have = self.rbuf.len();
            let remaining = self.remaining()?;
            self.fill(None, remaining, |b| b.len() > have)?;
        }
    }

    /// Writes out what is buffered, then buffers or writes `data`.
    ///
    /// If the earlier bytes cannot be written, `data` is not taken. Bytes the
    /// OS refused stay buffered, to be retried by the next flush or close.
    pub(crate) fn write_through(&mut self, data: Vec<u8>) -> io::Result<()> {
        self.settle()?;
        self.wbuf = data;
        if self.wbuf.len() >= WRITE_BUFFER {
            self.write_out()?;
        }
        Ok(())
    }

    /// Moves the file position and returns it, as the caller sees it.
    pub(crate) fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.settle()?;
        let pos = match pos {
            SeekFrom::Current(offset) if !self.rbuf.is_empty() => {
                // The OS position is past the unread read-ahead.
                let ahead = i64::try_from(self.rbuf.len()).unwrap_or(i64::MAX);
                SeekFrom::Current(offset.checked_sub(ahead).ok_or_else(|| {
                    io::Error::new(io::ErrorKind::InvalidInput, "seek offset out of range")
                })?)
            }
            other => other,
        };
        // The read-ahead is dropped only once the OS has moved: a seek it
        // refuses (before the start, say) leaves position and data as they
        // were, as stdio does.
        let moved = self.file.seek(pos)?;
        self.rbuf.clear();
        self.eof = false;
        Ok(moved)
    }

    /// Brings the OS up to date with the caller: moves the position back
    /// over discarded read-ahead and writes out buffered bytes.
    pub(crate) fn settle(&mut self) -> io::Result<()> {
        if self.seek_back > 0 {
            let back = i64::try_from(self.seek_back).unwrap_or(i64::MAX);
            self.file.seek(SeekFrom::Current(-back))?;
            self.seek_back = 0;
        }
        self.write_out()
    }

    /// Ends reading before a write: the read-ahead is dropped, and the
    /// position moved back over it before the write (unless every write
    /// goes to the end anyway).
    fn stop_reading(&mut self) {
        if !self.mode.appends() {
            self.seek_back += self.rbuf.len() as u64;
        }
        self.rbuf.clear();
        self.eof = false;
    }

    /// Writes `wbuf` to the OS. Bytes not written stay in `wbuf`.
    fn write_out(&mut self) -> io::Result<()> {
        let mut written = 0;
        let result = loop {
            if written == self.wbuf.len() {
                break Ok(());
            }
            match self.file.write(&self.wbuf[written..]) {
                Ok(0) => break Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => written += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        self.wbuf.drain(..written);
        if self.wbuf.is_empty() && self.wbuf.capacity() > WRITE_BUFFER {
            // A large write_through left a large allocation; do not keep it.
            self.wbuf = Vec::new();
        }
        result
    }

    /// How many bytes the OS holds past its position, for a regular file.
    fn remaining(&mut self) -> io::Result<Option<u64>> {
        if !self.regular {
            return Ok(None);
        }
        let len = self.file.metadata()?.len();
        let pos = self.file.stream_position()?;
        Ok(Some(len.saturating_sub(pos)))
    }

    /// Reads from the OS into `rbuf` until `enough(rbuf)` or end of file.
    ///
    /// `target` is the total buffer length the caller wants, if it knows;
    /// `remaining` what a regular file still holds. Together they size the
    /// allocation: never more than the file can return, in [`CHUNK`]s or
    /// doubling steps when the size is unknown.
    fn fill(
        &mut self,
        target: Option<usize>,
        mut remaining: Option<u64>,
        mut enough: impl FnMut(&[u8]) -> bool,
    ) -> io::Result<()> {
        if self.eof || enough(&self.rbuf) {
            return Ok(());
        }
        let mut buf = Filling::new(&self.rbuf);
        let result = loop {
            match self.file.read(buf.spare(target, remaining)) {
                Ok(0) => {
                    self.eof = true;
                    break Ok(());
                }
                Ok(n) => {
                    buf.filled += n;
                    // A file that grew past its size is read like a pipe.
                    remaining = remaining.and_then(|r| r.checked_sub(n as u64));
                    if enough(buf.data()) {
                        break Ok(());
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        self.rbuf = buf.into_bytes();
        result
    }

    /// Called on a background thread for a file dropped without `close`:
    /// writes out what is buffered; a failure can only be reported on stderr.
    pub(crate) fn flush_dropped(&mut self) {
        if let Err(e) = self.settle() {
            eprintln!(
                "kumo-fs: {:?} was dropped without close, and writing its last {} buffered bytes failed: {e}",
                self.path,
                self.wbuf.len()
            );
        }
    }
}

/// A read buffer being filled. `buf[..filled]` holds data; the rest of
/// `buf` is zeroed space for the next read.
struct Filling {
    buf: Vec<u8>,
    filled: usize,
}

impl Filling {
    fn new(start: &[u8]) -> Filling {
        Filling {
            buf: start.to_vec(),
            filled: start.len(),
        }
    }

    fn data(&self) -> &[u8] {
        &self.buf[..self.filled]
    }

    /// Free space for the next read, growing the buffer if it is full.
    fn spare(&mut self, target: Option<usize>, remaining: Option<u64>) -> &mut [u8] {
        if self.filled == self.buf.len() {
            let grow = growth(self.filled, target, remaining);
            self.buf.reserve_exact(grow);
            self.buf.resize(self.filled + grow, 0);
        }
        &mut self.buf[self.filled..]
    }

    fn into_bytes(mut self) -> Bytes {
        self.buf.truncate(self.filled);
        Bytes::from(self.buf)
    }
}

/// How many bytes to add to a full read buffer of length `len`.
fn growth(len: usize, target: Option<usize>, remaining: Option<u64>) -> usize {
    // At least a chunk, so that small reads are served from the buffer.
    let wanted = match target {
        Some(target) => target.saturating_sub(len).max(CHUNK),
        None => len.max(CHUNK),
    };
    match remaining {
        // One byte more than the file holds, to see end of file in the
        // same loop.
        Some(rem) => wanted.min(usize::try_from(rem).unwrap_or(usize::MAX).saturating_add(1)),
        // Unknown size: at most double, so memory tracks what arrives.
        None => wanted.min(len.max(CHUNK)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_never_exceeds_what_a_regular_file_holds() {
        assert_eq!(growth(0, Some(usize::MAX), Some(10)), 11);
        assert_eq!(growth(0, Some(5), Some(1 << 30)), CHUNK);
        assert_eq!(growth(0, Some(1 << 30), Some(1 << 30)), 1 << 30);
        assert_eq!(growth(0, Some(usize::MAX), Some(1 << 30)), (1 << 30) + 1);
        assert_eq!(growth(100, None, Some(0)), 1);
    }

    #[test]
    fn growth_doubles_when_the_size_is_unknown() {
        assert_eq!(growth(0, Some(usize::MAX), None), CHUNK);
        assert_eq!(growth(CHUNK, Some(usize::MAX), None), CHUNK);
        assert_eq!(growth(4 * CHUNK, Some(usize::MAX), None), 4 * CHUNK);
        assert_eq!(growth(4 * CHUNK, None, None), 4 * CHUNK);
        assert_eq!(growth(10, Some(20), None), CHUNK);
    }
}
