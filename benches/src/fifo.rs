//! Named pipes whose writer shows up late or trickles: the "stalled device"
//! that a non-blocking filesystem layer must survive.
//!
//! On Linux, opening a FIFO for reading blocks until a writer opens it, and a
//! read blocks until bytes arrive or every writer has closed it. A writer here
//! is a plain OS thread (never a tokio task), so it keeps its schedule however
//! badly the runtime under test is blocked.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::{Error, Result};

/// Creates a FIFO at `path` with the `mkfifo` utility (the workspace forbids
/// `unsafe`, and std has no stable `mkfifo`).
///
/// ```
/// use std::os::unix::fs::FileTypeExt;
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("pipe");
/// kumo_benches::fifo::mkfifo(&p).unwrap();
/// assert!(std::fs::metadata(&p).unwrap().file_type().is_fifo());
/// ```
pub fn mkfifo(path: &Path) -> Result<()> {
    let context = || format!("mkfifo {}", path.display());
    let out = Command::new("mkfifo")
        .arg(path)
        .output()
        .map_err(Error::context(context()))?;
    if out.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        Err(Error::new(context(), format!("{} {stderr}", out.status)))
    }
}

/// How the writer side of a FIFO behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriterPlan {
    /// Open for writing only after `delay`, then write `bytes` bytes at once
    /// and close: the reader's open blocks for `delay`.
    Late {
        /// How long the reader waits for a writer.
        delay: Duration,
        /// Payload size.
        bytes: usize,
    },
    /// Open at once (waiting for the reader), then write `chunk` bytes every
    /// `interval`, `chunks` times, and close: every read blocks in between.
    Dribble {
        /// Bytes per write.
        chunk: usize,
        /// Pause before each write.
        interval: Duration,
        /// Number of writes.
        chunks: usize,
    },
}

impl WriterPlan {
    /// Total bytes the writer sends.
    ///
    /// ```
    /// use std::time::Duration;
    /// use kumo_benches::fifo::WriterPlan;
    /// let plan = WriterPlan::Dribble { chunk: 64, interval: Duration::from_millis(10), chunks: 50 };
    /// assert_eq!(plan.total_bytes(), 3200);
    /// ```
    pub fn total_bytes(&self) -> usize {
        match *self {
            WriterPlan::Late { bytes, .. } => bytes,
            WriterPlan::Dribble { chunk, chunks, .. } => chunk * chunks,
        }
    }
}

/// A writer thread feeding one FIFO according to a [`WriterPlan`].
#[derive(Debug)]
pub struct FifoWriter {
    path: PathBuf,
    thread: JoinHandle<Result<usize>>,
}

impl FifoWriter {
    /// Starts the writer thread for the FIFO at `path`.
    ///
    /// ```
    /// use std::io::Read;
    /// use std::time::Duration;
    /// use kumo_benches::fifo::{mkfifo, FifoWriter, WriterPlan};
    /// let dir = tempfile::tempdir().unwrap();
    /// let p = dir.path().join("pipe");
    /// mkfifo(&p).unwrap();
    /// let w = FifoWriter::spawn(&p, WriterPlan::Late { delay: Duration::from_millis(20), bytes: 5 });
    /// let mut s = String::new();
    /// std::fs::File::open(&p).unwrap().read_to_string(&mut s).unwrap();
    /// assert_eq!(s.len(), 5);
    /// assert_eq!(w.finish().unwrap(), 5);
    /// ```
    pub fn spawn(path: &Path, plan: WriterPlan) -> FifoWriter {
        let target = path.to_path_buf();
        let thread = std::thread::spawn(move || write_plan(&target, plan));
        FifoWriter {
            path: path.to_path_buf(),
            thread,
        }
    }

    /// Waits for the writer and returns the bytes it wrote.
    ///
    /// If it is still stuck opening the FIFO after a grace period (its reader
    /// failed before opening), this opens the FIFO read-write to release it:
    /// on Linux such an open never blocks and counts as a reader.
    pub fn finish(self) -> Result<usize> {
        let grace = Instant::now() + Duration::from_secs(2);
        let mut release = None;
        while !self.thread.is_finished() {
            if release.is_none() && Instant::now() >= grace {
                let fd = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open(&self.path)
                    .map_err(Error::context(format!("release {}", self.path.display())))?;
                release = Some(fd);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        drop(release);
        self.thread
            .join()
            .map_err(|_| Error::new(format!("writer for {}", self.path.display()), "panicked"))?
    }
}

fn write_plan(path: &Path, plan: WriterPlan) -> Result<usize> {
    let context = || format!("write to FIFO {}", path.display());
    let open = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(Error::context(context()))
    };
    match plan {
        WriterPlan::Late { delay, bytes } => {
            std::thread::sleep(delay);
            let mut fifo = open()?;
            fifo.write_all(&vec![b'x'; bytes])
                .map_err(Error::context(context()))?;
        }
        WriterPlan::Dribble {
            chunk,
            interval,
            chunks,
        } => {
            let mut fifo = open()?;
            let data = vec![b'x'; chunk];
            for _ in 0..chunks {
                std::thread::sleep(interval);
                fifo.write_all(&data).map_err(Error::context(context()))?;
            }
        }
    }
    Ok(plan.total_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn dribble_delivers_every_byte() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pipe");
        mkfifo(&p).unwrap();
        let plan = WriterPlan::Dribble {
            chunk: 3,
            interval: Duration::from_millis(2),
            chunks: 4,
        };
        let w = FifoWriter::spawn(&p, plan);
        let mut buf = Vec::new();
        std::fs::File::open(&p)
            .unwrap()
            .read_to_end(&mut buf)
            .unwrap();
        assert_eq!(buf.len(), 12);
        assert_eq!(w.finish().unwrap(), 12);
    }

    #[test]
    fn writer_without_reader_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pipe");
        mkfifo(&p).unwrap();
        let w = FifoWriter::spawn(
            &p,
            WriterPlan::Late {
                delay: Duration::ZERO,
                bytes: 1,
            },
        );
        assert_eq!(w.finish().unwrap(), 1);
    }

    #[test]
    fn mkfifo_error_names_the_path() {
        let err = mkfifo(Path::new("/no/such/dir/pipe")).unwrap_err();
        assert!(err.to_string().contains("/no/such/dir/pipe"), "{err}");
    }
}
