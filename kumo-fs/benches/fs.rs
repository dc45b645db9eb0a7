//! Criterion benchmarks of `kumo-fs` against the blocking `std::fs`,
//! `tokio::fs` and the bare `glob` crate, in the same run:
//!
//! - reading a 4 KiB file: `File` (open, read to end, close), `read_file`,
//!   `std::fs::read`, `tokio::fs::read`;
//! - globbing a 1,000-file tree: a `GlobCache` hit (1,000 and 10 names), an
//!   uncached `glob` walk, `glob::glob_with`;
//! - `metadata` against `std::fs::metadata` and `tokio::fs::metadata`.
//!
//! Run with `cargo bench -p kumo-fs` (add `-- --quick` for a fast pass).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use kumo_fs::{File, GlobCache, OpenMode};
use tokio::runtime::Runtime;

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap()
}

fn small_file(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let rt = runtime();
    let mut g = c.benchmark_group("read_4k");
    g.bench_function("kumo_fs::File", |b| {
        b.to_async(&rt).iter(|| async {
            let mut file = File::open(&path, OpenMode::Read).await.unwrap();
            let data = file.read_to_end().await.unwrap();
            file.close().await.unwrap();
            black_box(data)
        })
    });
    g.bench_function("kumo_fs::read_file", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(kumo_fs::read_file(&path).await.unwrap()) })
    });
    g.bench_function("tokio::fs::read", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(tokio::fs::read(&path).await.unwrap()) })
    });
    g.bench_function("std::fs::read (blocking)", |b| {
        b.iter(|| black_box(std::fs::read(&path).unwrap()))
    });
    g.finish();
}

/// 1,000 files: 10 directories of 100, of which 10 files end in `.conf`
/// at the top level.
fn glob_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for d in 0..10 {
        let sub = dir.path().join(format!("d{d}"));
        std::fs::create_dir(&sub).unwrap();
        for f in 0..99 {
            std::fs::write(sub.join(format!("f{f:02}.txt")), "").unwrap();
        }
        std::fs::write(dir.path().join(format!("top{d}.conf")), "").unwrap();
    }
    dir
}

fn globbing(c: &mut Criterion) {
    let dir = glob_tree();
    let root = dir.path();
    let all = "**/*.txt";
    let rt = runtime();
    let cache = GlobCache::new(64);
    let ttl = Duration::from_secs(3600);
    let count = rt.block_on(cache.glob(all, root, ttl)).unwrap().len();
    assert_eq!(count, 990);
    let mut g = c.benchmark_group("glob");
    g.bench_function("cached hit, 990 names", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(cache.glob(all, root, ttl).await.unwrap()) })
    });
    g.bench_function("cached hit, 10 names", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(cache.glob("*.conf", root, ttl).await.unwrap()) })
    });
    g.bench_function("uncached kumo_fs::glob, 990 names", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(kumo_fs::glob(all, root).await.unwrap()) })
    });
    let absolute = format!("{}/{all}", root.display());
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    g.bench_function("glob::glob_with (blocking), 990 names", |b| {
        b.iter(|| {
            let found: Vec<_> = glob::glob_with(&absolute, options)
                .unwrap()
                .map(Result::unwrap)
                .collect();
            black_box(found)
        })
    });
    g.finish();
}

fn metadata(c: &mut Criterion) {
    let path = Path::new("Cargo.toml");
    let rt = runtime();
    let mut g = c.benchmark_group("metadata");
    g.bench_function("kumo_fs::metadata", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(kumo_fs::metadata(path).await.unwrap()) })
    });
    g.bench_function("tokio::fs::metadata", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(tokio::fs::metadata(path).await.unwrap()) })
    });
    g.bench_function("std::fs::metadata (blocking)", |b| {
        b.iter(|| black_box(std::fs::metadata(path).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, small_file, globbing, metadata);
criterion_main!(benches);
