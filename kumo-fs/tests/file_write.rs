//! `File`: buffered writes, seeks, coherence with reads, write errors.

mod common;

use std::io::SeekFrom;
use std::path::Path;

use common::{big_content, open, scratch};
use kumo_fs::{File, OpenMode};

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
