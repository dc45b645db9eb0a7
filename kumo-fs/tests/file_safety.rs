//! `File`: no lost bytes, no blocked async threads, no panics.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{open, scratch};
use kumo_fs::{File, OpenMode};

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
        f.write(b"saved before drop returns").await.unwrap();
        f
    });
    drop(runtime);
    // No async thread to protect here, so the flush runs in the drop itself:
    // a process that exits right after still has the bytes on disk.
    drop(f);
    assert_eq!(std::fs::read(&path).unwrap(), b"saved before drop returns");
}

#[tokio::test]
async fn a_refused_seek_keeps_the_position_and_the_unread_data() {
    let (_dir, path) = scratch();
    std::fs::write(&path, "hello\nworld\n").unwrap();
    let mut f = open(&path, "r").await;
    assert!(f.seek(std::io::SeekFrom::Current(-1)).await.is_err());
    assert_eq!(f.seek(std::io::SeekFrom::Current(0)).await.unwrap(), 0);
    assert_eq!(f.read_to_end().await.unwrap(), "hello\nworld\n");
    f.read(0).await.unwrap();
    assert!(f.seek(std::io::SeekFrom::Start(3)).await.is_ok());
    assert!(f.seek(std::io::SeekFrom::Current(-4)).await.is_err());
    assert_eq!(f.read_to_end().await.unwrap(), "lo\nworld\n");
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

#[test]
fn files_and_their_futures_can_move_between_threads() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<T: Send>(_: T) {}
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (_dir, path) = scratch();
    let mut file = runtime.block_on(open(&path, "w+"));
    send_sync(&file);
    send(file.read(1));
    send(file.write(b""));
    send(file.close());
    send(File::open(&path, OpenMode::Read));
    send(kumo_fs::read_file(&path));
}
