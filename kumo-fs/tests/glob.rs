//! `glob` rules and the `GlobCache`.

use std::ffi::OsStr;
use std::future::Future;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use kumo_fs::{Error, GlobCache, glob};

/// A tree with files at several depths, hidden entries and a symlink.
fn tree() -> tempfile::TempDir {
    let dir = files();
    std::os::unix::fs::symlink("sub", dir.path().join("link")).unwrap();
    dir
}

/// `tree()` without the symlink.
fn files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for path in [
        "a.conf",
        "b.conf",
        "c.txt",
        ".hidden.conf",
        "x1",
        "x2",
        "xy",
        "sub/d.conf",
        "sub/e.txt",
        "sub/deep/f.conf",
        "sub/.secret/g.conf",
        ".dot/h.conf",
        "other/i.conf",
    ] {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "").unwrap();
    }
    dir
}

async fn matches(pattern: &str, relative_to: &Path) -> Vec<String> {
    glob(pattern, relative_to).await.unwrap()
}

#[tokio::test]
async fn wildcards_follow_the_documented_rules() {
    let dir = tree();
    let root = dir.path();
    let table: &[(&str, &[&str])] = &[
        ("*.conf", &["a.conf", "b.conf"]),
        (".*.conf", &[".hidden.conf"]),
        ("x?", &["x1", "x2", "xy"]),
        ("x[0-9]", &["x1", "x2"]),
        ("x[!0-9]", &["xy"]),
        ("?.conf", &["a.conf", "b.conf"]),
        ("[.]hidden.conf", &[]),
        ("*/d.conf", &["link/d.conf", "sub/d.conf"]),
        ("sub/*", &["sub/d.conf", "sub/deep", "sub/e.txt"]),
        ("*/", &["link", "other", "sub"]),
        ("sub/deep/f.conf", &["sub/deep/f.conf"]),
        ("sub/missing.conf", &[]),
        ("./c.txt", &["c.txt"]),
        ("sub/../c.txt", &["sub/../c.txt"]),
        ("missing/*", &[]),
        ("c.txt/*", &[]),
        ("", &[]),
    ];
    for &(pattern, expected) in table {
        assert_eq!(matches(pattern, root).await, expected, "{pattern}");
    }
}

#[tokio::test]
async fn double_star_matches_any_number_of_visible_directories() {
    let dir = tree();
    let root = dir.path();
    let table: &[(&str, &[&str])] = &[
        // `link` is `sub` again: its directory is found under `sub` only.
        (
            "**/*.conf",
            &[
                "a.conf",
                "b.conf",
                "other/i.conf",
                "sub/d.conf",
                "sub/deep/f.conf",
            ],
        ),
        ("sub/**/*.conf", &["sub/d.conf", "sub/deep/f.conf"]),
        ("**", &["other", "sub", "sub/deep"]),
        ("sub/**", &["sub/deep"]),
        ("**/**/f.conf", &["sub/deep/f.conf"]),
        ("sub/.secret/**/*.conf", &["sub/.secret/g.conf"]),
        ("**/deep", &["sub/deep"]),
        // Entered through the link, the link's path is used.
        ("link/**/*.conf", &["link/d.conf", "link/deep/f.conf"]),
    ];
    for &(pattern, expected) in table {
        assert_eq!(matches(pattern, root).await, expected, "{pattern}");
    }
}

#[tokio::test]
async fn braces_expand_nest_and_deduplicate() {
    let dir = tree();
    let root = dir.path();
    let table: &[(&str, &[&str])] = &[
        ("*.{conf,txt}", &["a.conf", "b.conf", "c.txt"]),
        ("{a,b}.conf", &["a.conf", "b.conf"]),
        ("{sub/{d,e}.*,c.txt}", &["c.txt", "sub/d.conf", "sub/e.txt"]),
        ("{*.conf,a.*}", &["a.conf", "b.conf"]),
        ("{sub,link}/d.conf", &["link/d.conf", "sub/d.conf"]),
        ("{missing,other}/*", &["other/i.conf"]),
    ];
    for &(pattern, expected) in table {
        assert_eq!(matches(pattern, root).await, expected, "{pattern}");
    }
}

#[tokio::test]
async fn absolute_patterns_give_absolute_results_minus_relative_to() {
    let dir = tree();
    let root = dir.path().to_str().unwrap();
    let absolute = format!("{root}/sub/*.conf");
    assert_eq!(
        matches(&absolute, Path::new("/elsewhere")).await,
        [format!("{root}/sub/d.conf")]
    );
    assert_eq!(matches(&absolute, dir.path()).await, ["sub/d.conf"]);
    assert_eq!(
        matches(&absolute, &dir.path().join("sub")).await,
        ["d.conf"]
    );
    // Only whole leading components are stripped.
    let partial = format!("{root}/su");
    assert_eq!(
        matches(&absolute, Path::new(&partial)).await,
        [format!("{root}/sub/d.conf")]
    );
    // A result equal to relative_to keeps its absolute form.
    assert_eq!(
        matches(&format!("{root}/sub"), Path::new(&format!("{root}/sub"))).await,
        [format!("{root}/sub")]
    );
}

#[tokio::test]
async fn an_absolute_double_star_pattern_works_from_any_current_directory() {
    let dir = tree();
    let cwd = std::env::current_dir().unwrap();
    assert!(!cwd.starts_with(dir.path()));
    let root = dir.path().to_str().unwrap();
    assert_eq!(
        matches(&format!("{root}/other/**/*.conf"), Path::new(".")).await,
        [format!("{root}/other/i.conf")]
    );
    assert_eq!(std::env::current_dir().unwrap(), cwd);
}

#[tokio::test]
async fn relative_to_defaults_to_the_current_directory() {
    // The tests run in the crate directory.
    assert_eq!(matches("Cargo.t?ml", Path::new(".")).await, ["Cargo.toml"]);
    assert_eq!(matches("Cargo.toml", Path::new("")).await, ["Cargo.toml"]);
    assert!(
        matches("src/**/*.rs", Path::new("."))
            .await
            .contains(&"src/glob/walk.rs".to_owned())
    );
}

#[tokio::test]
async fn symlink_loops_terminate() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("d")).unwrap();
    std::fs::write(dir.path().join("d/file"), "").unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("d/loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("d/up")).unwrap();
    assert_eq!(matches("**", dir.path()).await, ["d"]);
    assert_eq!(
        matches("**/file", dir.path()).await,
        ["d/file"],
        "directories already visited are not entered again"
    );
    // A single `*` still lists the link itself.
    assert_eq!(
        matches("d/*", dir.path()).await,
        ["d/file", "d/loop", "d/up"]
    );
}

#[tokio::test]
async fn double_star_follows_links_to_directories_reached_no_other_way() {
    let outside = files();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("sub"), dir.path().join("real/b")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("sub"), dir.path().join("a")).unwrap();
    // Both links lead to the same directory; the first in path order wins.
    assert_eq!(
        matches("**/*.conf", dir.path()).await,
        ["a/d.conf", "a/deep/f.conf"]
    );
    assert_eq!(matches("**", dir.path()).await, ["a", "a/deep", "real"]);
}

#[tokio::test]
async fn unreadable_or_missing_directories_are_skipped() {
    let dir = tree();
    let missing = dir.path().join("missing");
    assert_eq!(matches("*", &missing).await, Vec::<String>::new());
    assert_eq!(matches("**/*.conf", &missing).await, Vec::<String>::new());
    std::os::unix::fs::symlink("nowhere", dir.path().join("dangling")).unwrap();
    assert_eq!(
        matches("dangling/**/*.conf", dir.path()).await,
        Vec::<String>::new()
    );
    // A dangling link is still an entry.
    assert_eq!(matches("dang*", dir.path()).await, ["dangling"]);
    assert_eq!(matches("dangling", dir.path()).await, ["dangling"]);
}

#[tokio::test]
async fn a_matching_name_that_is_not_utf8_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "").unwrap();
    let bad = dir.path().join(OsStr::from_bytes(b"bad\xff.txt"));
    std::fs::write(&bad, "").unwrap();
    // Not matched: no error.
    assert_eq!(matches("ok*", dir.path()).await, ["ok.txt"]);
    let err = glob("*.txt", dir.path()).await.unwrap_err();
    assert!(
        matches!(&err, Error::NotUtf8 { path, .. } if *path == bad),
        "{err}"
    );
    assert!(err.to_string().contains(r"bad\xFF.txt"), "{err}");

    let bad_dir = dir.path().join(OsStr::from_bytes(b"dir\xfe"));
    std::fs::create_dir(&bad_dir).unwrap();
    let err = glob("**/ok.txt", dir.path()).await.unwrap_err();
    assert!(
        matches!(&err, Error::NotUtf8 { path, .. } if *path == bad_dir),
        "{err}"
    );
}

#[tokio::test]
async fn malformed_patterns_are_errors_naming_the_pattern() {
    let table = [
        ("[", "invalid range pattern"),
        (
            "a**/b",
            "recursive wildcards must form a single path component",
        ),
        ("***", "wildcards are either regular"),
        ("{a,b", "'{' at byte 0 has no matching '}'"),
        ("a}", "'}' at byte 1 has no matching '{'"),
    ];
    for (pattern, reason) in table {
        let err = glob(pattern, ".").await.unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("invalid glob pattern {pattern:?}: ")),
            "{message}"
        );
        assert!(message.contains(reason), "{message}");
    }
    let hostile = "{a,b}".repeat(20);
    let err = glob(&hostile, ".").await.unwrap_err();
    assert!(err.to_string().contains("more than 4096 patterns"), "{err}");
}

/// Where both apply, results agree with the `glob` crate's, with the
/// options this crate documents. They differ on symlinked aliases, which
/// the glob crate walks again and again, and on wildcard parts that start
/// with a literal `.` (`.*`), which the glob crate never lets match a
/// hidden name while this crate does, as shells do.
#[tokio::test]
async fn results_agree_with_the_glob_crate() {
    let dir = files();
    let root = dir.path().to_str().unwrap();
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    for pattern in [
        "*",
        "*.conf",
        "x?",
        "x[!y]",
        "*/*",
        "**/*.conf",
        "sub/**",
        "**/deep/*",
        "*/deep",
        "sub/*/",
        "other/i.conf",
    ] {
        let absolute = format!("{root}/{pattern}");
        let mut expected: Vec<String> = glob::glob_with(&absolute, options)
            .unwrap()
            .map(|path| path.unwrap().to_str().unwrap().to_owned())
            .collect();
        expected.sort();
        assert_eq!(
            matches(&absolute, Path::new("/")).await,
            expected
                .iter()
                .map(|p| p.trim_start_matches('/').to_owned())
                .collect::<Vec<_>>(),
            "{pattern}"
        );
        assert_eq!(
            matches(&absolute, Path::new(".")).await,
            expected,
            "{pattern}"
        );
    }
}

#[tokio::test]
async fn cache_hits_share_one_result_until_the_ttl_passes() {
    let dir = tree();
    let cache = GlobCache::new(16);
    let long = Duration::from_secs(3600);
    let first = cache.glob("*.conf", dir.path(), long).await.unwrap();
    std::fs::write(dir.path().join("new.conf"), "").unwrap();
    let second = cache.glob("*.conf", dir.path(), long).await.unwrap();
    assert!(Arc::ptr_eq(&first, &second));
    assert_eq!(cache.walks(), 1);

    // The key includes relative_to.
    let other = cache
        .glob("*.conf", dir.path().join("sub"), long)
        .await
        .unwrap();
    assert_eq!(&*other, ["d.conf"]);
    assert_eq!(cache.walks(), 2);

    let short = Duration::from_millis(30);
    let fresh = cache.glob("*.txt", dir.path(), short).await.unwrap();
    assert_eq!(&*fresh, ["c.txt"]);
    std::fs::write(dir.path().join("new.txt"), "").unwrap();
    assert_eq!(
        &*cache.glob("*.txt", dir.path(), short).await.unwrap(),
        ["c.txt"]
    );
    tokio::time::sleep(Duration::from_millis(60)).await;
    assert_eq!(
        &*cache.glob("*.txt", dir.path(), short).await.unwrap(),
        ["c.txt", "new.txt"]
    );
    assert_eq!(cache.walks(), 4);

    // A huge TTL does not overflow.
    cache.glob("x*", dir.path(), Duration::MAX).await.unwrap();
    cache.glob("x*", dir.path(), Duration::MAX).await.unwrap();
    assert_eq!(cache.walks(), 5);
}

#[tokio::test]
async fn cache_errors_are_cached_too() {
    let cache = GlobCache::new(4);
    let ttl = Duration::from_secs(60);
    let first = cache.glob("{", ".", ttl).await.unwrap_err();
    let second = cache.glob("{", ".", ttl).await.unwrap_err();
    assert_eq!(first.to_string(), second.to_string());
    assert_eq!(cache.walks(), 1);
}

#[tokio::test]
async fn cache_evicts_the_least_recently_used_entry() {
    let dir = tree();
    let cache = GlobCache::new(2);
    let ttl = Duration::from_secs(60);
    let get = |pattern: &'static str| cache.glob(pattern, dir.path(), ttl);
    get("a*").await.unwrap();
    get("b*").await.unwrap();
    get("a*").await.unwrap(); // a is now more recent than b
    assert_eq!(cache.walks(), 2);
    get("c*").await.unwrap(); // evicts b
    assert_eq!(cache.walks(), 3);
    get("a*").await.unwrap();
    assert_eq!(cache.walks(), 3, "a stayed");
    get("b*").await.unwrap();
    assert_eq!(cache.walks(), 4, "b was evicted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_lookups_of_an_expired_key_run_one_walk() {
    let dir = tempfile::tempdir().unwrap();
    // Big enough that the walk is still running while callers arrive.
    for i in 0..3000 {
        std::fs::write(dir.path().join(format!("f{i:04}.conf")), "").unwrap();
    }
    let cache = Arc::new(GlobCache::new(8));
    let root = dir.path().to_path_buf();
    cache.glob("*.conf", &root, Duration::ZERO).await.unwrap();
    assert_eq!(cache.walks(), 1);

    let barrier = Arc::new(tokio::sync::Barrier::new(100));
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let (cache, root, barrier) = (cache.clone(), root.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                cache.glob("*.conf", &root, Duration::from_secs(60)).await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap().unwrap());
    }
    assert_eq!(cache.walks(), 2, "exactly one walk for the expired key");
    assert_eq!(results[0].len(), 3000);
    assert!(results.iter().all(|r| Arc::ptr_eq(r, &results[0])));
}

#[tokio::test]
async fn a_waiter_takes_over_when_the_walking_caller_gives_up() {
    let dir = tree();
    let ttl = Duration::from_secs(60);
    // Start a walk, poll it once so that it holds the key, then drop it.
    // The walk may rarely finish within that poll; then try again.
    for _attempt in 0..100 {
        let cache = GlobCache::new(4);
        let started = {
            let mut walk = std::pin::pin!(cache.glob("*.conf", dir.path(), ttl));
            std::future::poll_fn(|cx| std::task::Poll::Ready(walk.as_mut().poll(cx).is_pending()))
                .await
        };
        if !started {
            continue;
        }
        assert_eq!(cache.walks(), 1);
        let found = cache.glob("*.conf", dir.path(), ttl).await.unwrap();
        assert_eq!(&*found, ["a.conf", "b.conf"]);
        assert_eq!(cache.walks(), 2, "the waiter ran its own walk");
        return;
    }
    panic!("the walk always finished within one poll");
}

#[test]
fn the_cache_is_shareable_and_a_missing_runtime_is_not_cached() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    let cache = GlobCache::new(4);
    send_sync(&cache);
    let ttl = Duration::from_secs(60);
    // Outside a runtime: an error, once polled.
    let outside = {
        use std::task::{Context, Poll, Waker};
        let mut lookup = std::pin::pin!(cache.glob("*", ".", ttl));
        match lookup
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(result) => result,
            Poll::Pending => panic!("expected an immediate error"),
        }
    };
    assert!(
        matches!(outside, Err(Error::NoRuntime { .. })),
        "{outside:?}"
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let inside = runtime.block_on(cache.glob("Cargo.toml", ".", ttl));
    assert_eq!(&*inside.unwrap(), ["Cargo.toml"]);
    let retried = runtime.block_on(cache.glob("*", ".", ttl));
    assert!(retried.unwrap().contains(&"src".to_owned()));
}

/// Alternatives share one reading of the disk per glob call; what they
/// find must be exactly what each finds alone (symlinked copies included).
#[tokio::test]
async fn alternatives_find_what_each_finds_alone() {
    let dir = tree();
    let alternatives = [
        "**/*.conf",
        "**/*.txt",
        "sub/**",
        "*/deep/*",
        "x?",
        "link/*",
    ];
    let mut union = Vec::new();
    for alternative in alternatives {
        union.extend(matches(alternative, dir.path()).await);
    }
    union.sort();
    union.dedup();
    let braced = format!("{{{}}}", alternatives.join(","));
    assert_eq!(matches(&braced, dir.path()).await, union, "{braced}");
    assert!(union.contains(&"link/d.conf".to_owned()), "{union:?}");
}
