//! `File`: modes, reads of every kind, and errors.

mod common;

use std::io::SeekFrom;

use common::{big_content, open, scratch};
use kumo_fs::{Error, File, OpenMode};

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
