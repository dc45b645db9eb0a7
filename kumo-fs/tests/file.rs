//! `File`: modes, reads, writes, buffering, errors and data safety.

use std::io::SeekFrom;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kumo_fs::{Error, File, OpenMode};

fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    (dir, path)
}

async fn open(path: &Path, mode: &str) -> File {
    File::open(path, OpenMode::parse(mode).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn open_missing_file_for_reading_names_operation_path_and_os_error() {
    let (_dir, path) = scratch();
    let err = File::open(&path, OpenMode::Read).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("open {path:?} for reading: No such file or directory (os error 2)")
    );
    assert_eq!(err.path(), Some(path.as_path()));
}

#[tokio::test]
async fn modes_truncate_append_and_create_as_documented() {
    let (_dir, path) = scratch();
    let reset = || std::fs::write(&path, "old").unwrap();

    reset();
    let mut f = open(&path, "w").await;
    f.write(b"new").await.unwrap();
    f.close().await.unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"new");

    reset();
    let mut f = open(&path, "w+").await;
    assert_eq!(f.read_to_end().await.unwrap(), "", "w+ truncates");
    f.close().await.unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"");

    reset();
    let mut f = open(&path, "ab").await;
    f.write(b"+a").await.unwrap();
    f.close().await.unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"old+a");

    reset();
    let mut f = open(&path, "r+").await;
    f.write(b"N").await.unwrap();
    f.close().await.unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"Nld",
        "r+ keeps and overwrites"
    );

    std::fs::remove_file(&path).unwrap();
    let mut f = open(&path, "r+b").await;
    assert_eq!(f.read_to_end().await.unwrap(), "");
    f.close().await.unwrap();
    assert!(path.exists(), "r+ creates a missing file");

    reset();
    let mut f = open(&path, "a+").await;
    assert_eq!(f.read(2).await.unwrap(), "ol", "a+ reads from the start");
    f.write(b"!").await.unwrap();
    f.seek(SeekFrom::Start(0)).await.unwrap();
    assert_eq!(
        f.read_to_end().await.unwrap(),
        "old!",
        "a+ writes at the end"
    );
    f.close().await.unwrap();
}

#[tokio::test]
async fn reads_return_exactly_max_bytes_until_the_end() {
    let (_dir, path) = scratch();
    std::fs::write(&path, "0123456789").unwrap();
    let mut f = open(&path, "r").await;
    assert_eq!(f.read(0).await.unwrap(), "");
    assert_eq!(f.read(4).await.unwrap(), "0123");
    assert_eq!(f.read(4).await.unwrap(), "4567");
    assert_eq!(f.read(4).await.unwrap(), "89");
    assert_eq!(f.read(4).await.unwrap(), "");
    assert_eq!(f.read(usize::MAX).await.unwrap(), "");
    assert_eq!(f.read_line(true).await.unwrap(), None);
    assert_eq!(f.read_numeral().await.unwrap(), None);
    f.close().await.unwrap();
}

#[tokio::test]
async fn huge_max_reads_what_the_file_holds() {
    let (_dir, path) = scratch();
    std::fs::write(&path, "small").unwrap();
    let mut f = open(&path, "r").await;
    assert_eq!(f.read(usize::MAX).await.unwrap(), "small");
    // Past the read-ahead, with a hop.
    f.seek(SeekFrom::Start(1)).await.unwrap();
    assert_eq!(f.read(usize::MAX).await.unwrap(), "mall");
    assert_eq!(f.read(usize::MAX - 1).await.unwrap(), "");
}

#[tokio::test]
async fn a_file_that_grows_after_eof_is_read_again() {
    let (_dir, path) = scratch();
    std::fs::write(&path, "a").unwrap();
    let mut f = open(&path, "r").await;
    assert_eq!(f.read_to_end().await.unwrap(), "a");
    std::fs::write(&path, "ab").unwrap();
    assert_eq!(f.read(10).await.unwrap(), "b");
    assert_eq!(f.read(10).await.unwrap(), "");
}

/// Content that spans several read chunks, with lines of varied length.
fn big_content() -> Vec<u8> {
    let mut content = Vec::new();
    for i in 0..20_000 {
        content.extend_from_slice(format!("line {i} {}\n", "x".repeat(i % 37)).as_bytes());
    }
    content
}

#[tokio::test]
async fn reads_across_chunk_boundaries_return_the_file_unchanged() {
    let (_dir, path) = scratch();
    let content = big_content();
    assert!(content.len() > 4 * 64 * 1024);
    std::fs::write(&path, &content).unwrap();

    let mut f = open(&path, "r").await;
    assert_eq!(f.read_to_end().await.unwrap(), content);

    let mut f = open(&path, "r").await;
    let mut pieces = Vec::new();
    for size in [1, 7, 4096, 65_536, 65_537, 3].iter().cycle() {
        let piece = f.read(*size).await.unwrap();
        if piece.is_empty() {
            break;
        }
        assert!(piece.len() == *size || f.read(1).await.unwrap().is_empty());
        pieces.extend_from_slice(&piece);
    }
    assert_eq!(pieces, content);

    let mut f = open(&path, "r").await;
    let mut lines = Vec::new();
    while let Some(line) = f.read_line(true).await.unwrap() {
        lines.extend_from_slice(&line);
    }
    assert_eq!(lines, content);
}

#[tokio::test]
async fn read_line_keeps_or_drops_the_newline_only() {
    let (_dir, path) = scratch();
    std::fs::write(&path, "one\r\n\ntwo\nlast").unwrap();
    let mut f = open(&path, "r").await;
    assert_eq!(f.read_line(false).await.unwrap().unwrap(), "one\r");
    assert_eq!(f.read_line(true).await.unwrap().unwrap(), "\n");
    assert_eq!(f.read_line(true).await.unwrap().unwrap(), "two\n");
    assert_eq!(f.read_line(true).await.unwrap().unwrap(), "last");
    assert_eq!(f.read_line(true).await.unwrap(), None);
}

#[tokio::test]
async fn a_line_longer_than_the_read_ahead_is_returned_whole() {
    let (_dir, path) = scratch();
    let long = "y".repeat(300_000);
    std::fs::write(&path, format!("{long}\nnext")).unwrap();
    let mut f = open(&path, "r").await;
    assert_eq!(f.read_line(false).await.unwrap().unwrap(), long);
    assert_eq!(f.read_line(false).await.unwrap().unwrap(), "next");
}

#[tokio::test]
async fn read_numeral_scans_like_lua_and_leaves_the_rest() {
    let (_dir, path) = scratch();
    std::fs::write(&path, " 12\n-3.5e2,0x10 nan 1e").unwrap();
    let mut f = open(&path, "r").await;
    assert_eq!(f.read_numeral().await.unwrap().unwrap(), "12");
    assert_eq!(f.read_numeral().await.unwrap().unwrap(), "-3.5e2");
    assert_eq!(f.read(1).await.unwrap(), ",");
    assert_eq!(f.read_numeral().await.unwrap().unwrap(), "0x10");
    assert_eq!(f.read_numeral().await.unwrap(), None);
    assert_eq!(f.read(4).await.unwrap(), "nan ");
    assert_eq!(f.read_numeral().await.unwrap().unwrap(), "1e");
    assert_eq!(f.read_numeral().await.unwrap(), None);
}

#[tokio::test]
async fn read_numeral_streams_whitespace_and_spans_chunks() {
    let (_dir, path) = scratch();
    // The numeral starts just before the end of the first 64 KiB chunk,
    // after more whitespace than one chunk holds.
    let mut content = " ".repeat(200_000);
    content.push_str("123456");
    content.push_str(&" ".repeat(65_536 - 3));
    content.push_str("789 tail");
    std::fs::write(&path, &content).unwrap();
    let mut f = open(&path, "r").await;
    assert_eq!(f.read_numeral().await.unwrap().unwrap(), "123456");
    assert_eq!(f.read_numeral().await.unwrap().unwrap(), "789");
    assert_eq!(f.read_to_end().await.unwrap(), " tail");
}

#[tokio::test]
async fn a_numeral_over_200_bytes_fails_after_consuming_200() {
    let (_dir, path) = scratch();
    std::fs::write(&path, format!("{}x", "7".repeat(250))).unwrap();
    let mut f = open(&path, "r").await;
    assert_eq!(f.read_numeral().await.unwrap(), None);
    assert_eq!(
        f.read_to_end().await.unwrap(),
        format!("{}x", "7".repeat(50))
    );
}

#[tokio::test]
async fn writes_are_invisible_until_flush_seek_or_close() {
    let (_dir, path) = scratch();
    let on_disk = || std::fs::read_to_string(&path).unwrap();
    let mut f = open(&path, "w+").await;
    f.write(b"one").await.unwrap();
    assert_eq!(on_disk(), "");
    f.flush().await.unwrap();
    assert_eq!(on_disk(), "one");
    f.write(b" two").await.unwrap();
    assert_eq!(on_disk(), "one");
    assert_eq!(f.seek(SeekFrom::Current(0)).await.unwrap(), 7);
    assert_eq!(on_disk(), "one two");
    f.write(b" three").await.unwrap();
    f.close().await.unwrap();
    assert_eq!(on_disk(), "one two three");
}

#[tokio::test]
async fn large_writes_reach_the_file_in_order() {
    let (_dir, path) = scratch();
    let content = big_content();
    let mut f = open(&path, "w").await;
    for (i, piece) in content.chunks(50_000).enumerate() {
        if i % 2 == 0 {
            f.write(piece).await.unwrap();
        } else {
            for small in piece.chunks(1000) {
                f.write(small).await.unwrap();
            }
        }
    }
    f.close().await.unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), content);
}

#[tokio::test]
async fn seek_counts_from_the_callers_position_not_the_read_ahead() {
    let (_dir, path) = scratch();
    std::fs::write(&path, "0123456789").unwrap();
    let mut f = open(&path, "r").await;
    assert_eq!(f.read(2).await.unwrap(), "01");
    assert_eq!(f.seek(SeekFrom::Current(3)).await.unwrap(), 5);
    assert_eq!(f.read(1).await.unwrap(), "5");
    assert_eq!(f.seek(SeekFrom::End(-1)).await.unwrap(), 9);
    assert_eq!(f.read(5).await.unwrap(), "9");
    assert_eq!(f.seek(SeekFrom::Start(20)).await.unwrap(), 20);
    assert_eq!(f.read(5).await.unwrap(), "");
    let err = f.seek(SeekFrom::Current(-100)).await.unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("seek {path:?}: Invalid argument")),
        "{err}"
    );
}

/// A small deterministic generator, so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// The file as the caller should see it: content and position.
struct Model {
    content: Vec<u8>,
    pos: usize,
    append: bool,
}

impl Model {
    fn read(&mut self, max: usize) -> Vec<u8> {
        let start = self.pos.min(self.content.len());
        let end = start.saturating_add(max).min(self.content.len());
        if start < end {
            self.pos = end;
        }
        self.content[start..end].to_vec()
    }

    fn write(&mut self, data: &[u8]) {
        if self.append {
            self.pos = self.content.len();
        }
        let end = self.pos + data.len();
        if self.content.len() < end {
            self.content.resize(end, 0);
        }
        self.content[self.pos..end].copy_from_slice(data);
        self.pos = end;
    }
}

/// Random interleavings of reads, lines, writes, seeks and flushes on `+`
/// modes must match a model with no buffering at all.
#[tokio::test]
async fn mixed_reads_and_writes_match_an_unbuffered_model() {
    for (seed, mode) in (1..=60u64).zip(["r+", "w+", "a+"].iter().cycle()) {
        let (_dir, path) = scratch();
        let initial: Vec<u8> = (0..150_000u32)
            .map(|i| {
                if i % 61 == 60 {
                    b'\n'
                } else {
                    b'a' + (i % 26) as u8
                }
            })
            .collect();
        std::fs::write(&path, &initial).unwrap();
        let mut model = Model {
            content: if *mode == "w+" { Vec::new() } else { initial },
            pos: 0,
            append: mode.starts_with('a'),
        };
        let mut f = open(&path, mode).await;
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for step in 0..200 {
            let context = format!("seed {seed} mode {mode} step {step}");
            match rng.next(7) {
                0 | 1 => {
                    let n = [1, 10, 5000, 70_000][rng.next(4) as usize];
                    assert_eq!(f.read(n).await.unwrap(), model.read(n), "{context}");
                }
                2 => {
                    let line = f.read_line(true).await.unwrap().unwrap_or_default();
                    let rest = &model.content[model.pos.min(model.content.len())..];
                    let len = rest
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(rest.len(), |i| i + 1);
                    assert_eq!(line, model.read(len), "{context}");
                }
                3 | 4 => {
                    let len = [1, 3, 100, 70_000][rng.next(4) as usize];
                    let data = vec![b'A' + (step % 26) as u8; len];
                    f.write(&data).await.unwrap();
                    model.write(&data);
                }
                5 => {
                    let target = rng.next(model.content.len() as u64 + 10);
                    let pos = match rng.next(3) {
                        0 => SeekFrom::Start(target),
                        1 => SeekFrom::Current(target as i64 - model.pos as i64),
                        _ => SeekFrom::End(target as i64 - model.content.len() as i64),
                    };
                    assert_eq!(f.seek(pos).await.unwrap(), target, "{context}");
                    model.pos = target as usize;
                }
                _ => f.flush().await.unwrap(),
            }
        }
        f.close().await.unwrap();
        assert!(
            std::fs::read(&path).unwrap() == model.content,
            "seed {seed} mode {mode}: final content differs"
        );
    }
}

#[tokio::test]
async fn write_errors_reach_the_write_flush_or_close_that_meets_them() {
    let full = Path::new("/dev/full");

    let mut f = File::open(full, OpenMode::Write).await.unwrap();
    f.write(b"small").await.unwrap();
    let err = f.flush().await.unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"flush "/dev/full": No space left on device"#),
        "{err}"
    );
    // The bytes stay buffered: close retries them and reports again.
    let err = f.close().await.unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"close "/dev/full": No space left"#)
    );
    assert!(f.is_closed());
    f.close().await.unwrap();

    let mut f = File::open(full, OpenMode::Write).await.unwrap();
    let err = f.write(&vec![0; 100_000]).await.unwrap_err();
    assert!(err.to_string().starts_with(r#"write "/dev/full""#), "{err}");

    let mut f = File::open(full, OpenMode::Append).await.unwrap();
    f.write(&[1; 60_000]).await.unwrap();
    let err = f.write(&[2; 10_000]).await.unwrap_err();
    assert_eq!(err.io_error().unwrap().raw_os_error(), Some(28));

    let mut f = File::open(full, OpenMode::ReadUpdate).await.unwrap();
    f.write(b"x").await.unwrap();
    let err = f.seek(SeekFrom::Start(0)).await.unwrap_err();
    assert!(err.to_string().starts_with(r#"seek "/dev/full": No space"#));
}

#[tokio::test]
async fn calls_after_close_are_errors_and_close_twice_is_fine() {
    let (_dir, path) = scratch();
    let mut f = open(&path, "w+").await;
    f.close().await.unwrap();
    assert!(f.is_closed());
    f.close().await.unwrap();
    let expect_closed = |err: Error, op: &str| {
        assert_eq!(
            err.to_string(),
            format!("{op} {path:?}: the file is already closed")
        );
    };
    expect_closed(f.read(1).await.unwrap_err(), "read");
    expect_closed(f.read_to_end().await.unwrap_err(), "read");
    expect_closed(f.read_line(true).await.unwrap_err(), "read");
    expect_closed(f.read_numeral().await.unwrap_err(), "read");
    expect_closed(f.write(b"x").await.unwrap_err(), "write");
    expect_closed(f.seek(SeekFrom::Start(0)).await.unwrap_err(), "seek");
    expect_closed(f.flush().await.unwrap_err(), "flush");

    // The fast close of a read-only file behaves the same.
    let mut f = open(&path, "r").await;
    f.close().await.unwrap();
    f.close().await.unwrap();
    expect_closed(f.read(1).await.unwrap_err(), "read");
}

#[tokio::test]
async fn reading_or_writing_against_the_mode_is_an_error() {
    let (_dir, path) = scratch();
    let mut f = open(&path, "w").await;
    let err = f.read(1).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("read {path:?}: the file was opened with mode \"w\", which does not allow this")
    );
    let mut f = open(&path, "r").await;
    let err = f.write(b"x").await.unwrap_err();
    assert!(err.to_string().contains("mode \"r\""));
    let mut f = open(&path, "a").await;
    assert!(f.read_line(false).await.is_err());
}

#[tokio::test]
async fn a_directory_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = File::open(dir.path(), OpenMode::Read).await.unwrap();
    let err = f.read(1).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("read {:?}: Is a directory (os error 21)", dir.path())
    );
    let err = File::open(dir.path(), OpenMode::Write).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "open {:?} for writing: Is a directory (os error 21)",
            dir.path()
        )
    );
    let err = File::open(dir.path().join("f/g"), OpenMode::ReadUpdate)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("No such file or directory"),
        "{err}"
    );
}

async fn wait_for_content(path: &Path, expected: &[u8]) {
    for _ in 0..500 {
        if std::fs::read(path).unwrap() == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{path:?} never got its buffered bytes");
}

#[tokio::test]
async fn a_file_dropped_without_close_still_writes_its_bytes() {
    let (_dir, path) = scratch();
    let mut f = open(&path, "w").await;
    f.write(b"saved by drop").await.unwrap();
    drop(f);
    wait_for_content(&path, b"saved by drop").await;
}

#[test]
fn a_file_dropped_outside_any_runtime_still_writes_its_bytes() {
    let (_dir, path) = scratch();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let f = runtime.block_on(async {
        let mut f = open(&path, "a").await;
        f.write(b"saved on a thread").await.unwrap();
        f
    });
    drop(runtime);
    drop(f);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while std::fs::read(&path).unwrap() != b"saved on a thread" {
        assert!(std::time::Instant::now() < deadline, "bytes never written");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[tokio::test]
async fn a_failing_drop_flush_does_not_panic() {
    let mut f = File::open("/dev/full", OpenMode::Write).await.unwrap();
    f.write(b"lost, and said so on stderr").await.unwrap();
    drop(f);
    // The background flush reports on stderr; give it time to run.
    tokio::time::sleep(Duration::from_millis(50)).await;
}

fn mkfifo(dir: &Path) -> PathBuf {
    let path = dir.join("fifo");
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    path
}

/// Opens `fifo` for writing on a thread after `delay` and writes `data`.
fn write_later(fifo: &Path, delay: Duration, data: &'static [u8]) -> std::thread::JoinHandle<()> {
    let fifo = fifo.to_path_buf();
    std::thread::spawn(move || {
        std::thread::sleep(delay);
        let mut writer = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
        std::io::Write::write_all(&mut writer, data).unwrap();
    })
}

#[tokio::test(flavor = "current_thread")]
async fn opening_a_fifo_without_a_writer_does_not_stop_other_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = mkfifo(dir.path());
    let opening = tokio::spawn({
        let fifo = fifo.clone();
        async move {
            let mut f = File::open(&fifo, OpenMode::Read).await.unwrap();
            let opened = std::time::Instant::now();
            (opened, f.read_to_end().await.unwrap())
        }
    });
    let ticker = tokio::spawn(async {
        for _ in 0..20 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        std::time::Instant::now()
    });
    // The writer comes long after the ticker could have finished.
    let writer = write_later(&fifo, Duration::from_millis(500), b"finally");
    let ticked = ticker.await.unwrap();
    let (opened, data) = opening.await.unwrap();
    writer.join().unwrap();
    assert!(ticked < opened, "the ticker waited for the FIFO");
    assert_eq!(data, "finally");
}

#[tokio::test]
async fn opening_a_fifo_reads_nothing_ahead() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = mkfifo(dir.path());
    let (opened_tx, opened_rx) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn({
        let fifo = fifo.clone();
        move || {
            let mut writer = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            // Data only once the reader's open has returned: read-ahead at
            // open would wait forever.
            opened_rx.recv_timeout(Duration::from_secs(10)).unwrap();
            std::io::Write::write_all(&mut writer, b"abc").unwrap();
        }
    });
    let mut f = tokio::time::timeout(Duration::from_secs(5), File::open(&fifo, OpenMode::Read))
        .await
        .expect("open waited for data")
        .unwrap();
    opened_tx.send(()).unwrap();
    // A huge max on a pipe takes what arrives, up to end of file.
    assert_eq!(f.read(usize::MAX).await.unwrap(), "abc");
    writer.join().unwrap();
    f.close().await.unwrap();
}

#[tokio::test]
async fn a_call_abandoned_mid_hop_leaves_the_file_usable() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = mkfifo(dir.path());
    // r+ opens a FIFO read-write, so open does not wait for a writer.
    let mut f = File::open(&fifo, OpenMode::ReadUpdate).await.unwrap();
    let abandoned = tokio::time::timeout(Duration::from_millis(50), f.read(5)).await;
    assert!(abandoned.is_err(), "the read should still be waiting");
    write_later(&fifo, Duration::ZERO, b"hello world")
        .join()
        .unwrap();
    // The abandoned read took "hello"; the file carries on after it.
    assert_eq!(f.read(6).await.unwrap(), " world");
    f.close().await.unwrap();
}

#[test]
fn calls_outside_a_runtime_are_errors_not_panics() {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    let mut open = std::pin::pin!(File::open("/dev/null", OpenMode::Read));
    let Poll::Ready(Err(err)) = open.as_mut().poll(&mut Context::from_waker(Waker::noop())) else {
        panic!("expected an immediate error");
    };
    assert_eq!(
        err.to_string(),
        r#"open "/dev/null": must be called from within a tokio runtime"#
    );
}
