//! `register` as a host sees it: merging into the host's `kumo`, hosts
//! without `package`, and async functions called from synchronous Lua.

use std::time::Duration;

use kumo_lua_bindings::register;
use mlua::{Function, Lua, LuaOptions, StdLib, Table, Value};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn merges_into_a_global_kumo_table() {
    let lua = Lua::new();
    lua.load("kumo = { host_version = '2025.01', fs = { host_fs = true } }")
        .exec()
        .unwrap();
    register(&lua).unwrap();
    let ok: bool = lua
        .load(
            "return kumo.host_version == '2025.01' and kumo.fs.host_fs == true
                and type(kumo.fs.open) == 'function' and type(kumo.time.now) == 'function'
                and require('kumo') == kumo and require('kumo.fs') == kumo.fs",
        )
        .eval()
        .unwrap();
    assert!(ok);
}

#[test]
fn merges_into_package_loaded_kumo() {
    let lua = Lua::new();
    lua.load("package.loaded.kumo = { on = function() return 'host' end }")
        .exec()
        .unwrap();
    register(&lua).unwrap();
    let ok: bool = lua
        .load(
            "return kumo.on() == 'host' and package.loaded.kumo == kumo
                and require('kumo.time') == kumo.time",
        )
        .eval()
        .unwrap();
    assert!(ok);
}

#[test]
fn registering_twice_is_harmless() {
    let lua = Lua::new();
    register(&lua).unwrap();
    let first: Table = lua.globals().get("kumo").unwrap();
    let resume: Value = lua.load("return coroutine.resume").eval().unwrap();
    register(&lua).unwrap();
    let second: Table = lua.globals().get("kumo").unwrap();
    assert_eq!(first, second);
    let resume_again: Value = lua.load("return coroutine.resume").eval().unwrap();
    assert_eq!(
        resume, resume_again,
        "the coroutine relay is installed once"
    );
    let year: i64 = lua
        .load("return kumo.time.with_ymd_hms(2001, 2, 3, 4, 5, 6).year")
        .eval()
        .unwrap();
    assert_eq!(year, 2001);
}

#[test]
fn a_kumo_that_is_not_a_table_is_an_error() {
    let lua = Lua::new();
    lua.load("kumo = 42").exec().unwrap();
    let err = register(&lua).unwrap_err().to_string();
    assert!(
        err.contains("global 'kumo' is a number, not a table"),
        "{err}"
    );

    let lua = Lua::new();
    lua.load("kumo = { fs = 'nope' }").exec().unwrap();
    let err = register(&lua).unwrap_err().to_string();
    assert!(err.contains("kumo.fs is a string, not a table"), "{err}");
}

#[test]
fn works_without_the_package_library() {
    let lua = Lua::new_with(StdLib::STRING | StdLib::MATH, LuaOptions::default()).unwrap();
    register(&lua).unwrap();
    let rt = runtime();
    let human: String = rt
        .block_on(
            lua.load("kumo.time.sleep(0) return kumo.time.parse_duration(3600).human")
                .eval_async(),
        )
        .unwrap();
    assert_eq!(human, "1h");
    // Nor the `table` library: glob hits copy their lists without it.
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        std::fs::write(dir.path().join(name), "").unwrap();
    }
    let glob: Function = lua
        .load("return function(dir) local t = kumo.fs.glob('*', dir) t[1] = 'x' return #t end")
        .eval()
        .unwrap();
    let dir = dir.path().to_str().unwrap();
    let f: Function = lua
        .load("return function(dir) return kumo.fs.glob('*', dir)[1] end")
        .eval()
        .unwrap();
    for _ in 0..2 {
        assert_eq!(rt.block_on(glob.call_async::<i64>(dir)).unwrap(), 2);
        assert_eq!(rt.block_on(f.call_async::<String>(dir)).unwrap(), "a");
    }
}

/// The message a plain `exec()` gets from an async function.
fn sync_error(lua: &Lua, code: &str) -> String {
    lua.load(code).exec().unwrap_err().to_string()
}

#[test]
fn async_functions_from_plain_exec_say_what_the_host_must_do() {
    let lua = Lua::new();
    register(&lua).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.txt");
    std::fs::write(&path, "x").unwrap();
    lua.globals().set("PATH", path.to_str().unwrap()).unwrap();
    for (name, code) in [
        ("kumo.time.sleep", "kumo.time.sleep(0)"),
        ("kumo.time.sleep", "kumo.sleep(1)"),
        ("kumo.fs.open", "kumo.fs.open(PATH)"),
        ("kumo.fs.read_dir", "kumo.fs.read_dir('.')"),
        ("kumo.fs.glob", "kumo.glob('*')"),
        ("kumo.fs.uncached_glob", "kumo.fs.uncached_glob('*')"),
        (
            "kumo.fs.metadata_for_path",
            "kumo.fs.metadata_for_path(PATH)",
        ),
        (
            "kumo.fs.symlink_metadata_for_path",
            "kumo.fs.symlink_metadata_for_path(PATH)",
        ),
    ] {
        let err = sync_error(&lua, code);
        assert!(
            err.contains(&format!(
                "{name} is asynchronous and this Lua code cannot yield"
            )),
            "{code}: {err}"
        );
        assert!(
            err.contains("call_async/exec_async on a tokio runtime"),
            "{code}: {err}"
        );
    }

    // The same from inside a runtime context: being in tokio is not enough.
    let rt = runtime();
    let _guard = rt.enter();
    let err = sync_error(&lua, "kumo.time.sleep(0.01)");
    assert!(err.contains("kumo.time.sleep is asynchronous"), "{err}");

    // Synchronous functions work from plain exec.
    let s: String = lua
        .load("return kumo.time.parse_rfc3339('2000-01-02T03:04:05Z'):format('%F')")
        .eval()
        .unwrap();
    assert_eq!(s, "2000-01-02");
}

#[test]
fn file_methods_from_plain_exec_say_what_the_host_must_do() {
    let lua = Lua::new();
    register(&lua).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.txt");
    std::fs::write(&path, "x").unwrap();
    let rt = runtime();
    let open: Function = lua
        .load("return function(p) FILE = kumo.fs.open(p, 'r+') end")
        .eval()
        .unwrap();
    rt.block_on(open.call_async::<()>(path.to_str().unwrap()))
        .unwrap();
    for method in ["read", "write", "seek", "flush", "close"] {
        let err = sync_error(&lua, &format!("FILE:{method}()"));
        assert!(
            err.contains(&format!("file:{method} is asynchronous")),
            "{method}: {err}"
        );
    }
    let err = sync_error(&lua, "for l in FILE:lines() do end");
    assert!(err.contains("file:lines iterator is asynchronous"), "{err}");
    // `<close>` on a plain exec cannot yield either: it hands the file to
    // its drop instead of failing, and the file is closed afterwards.
    lua.load("do local f <close> = FILE end").exec().unwrap();
    let closed: String = lua.load("return tostring(FILE)").eval().unwrap();
    assert!(closed.ends_with("(closed)"), "{closed}");
}

#[test]
fn a_script_coroutine_without_a_runtime_is_an_error_not_a_panic() {
    let lua = Lua::new();
    register(&lua).unwrap();
    // Yieldable (a coroutine), but nothing runs Lua asynchronously and no
    // tokio runtime exists: the function reports it instead of letting
    // tokio panic.
    let err = sync_error(&lua, "coroutine.wrap(function() kumo.time.sleep(0) end)()");
    assert!(
        err.contains("kumo.time.sleep: no tokio runtime is running"),
        "{err}"
    );
    let err = sync_error(
        &lua,
        "coroutine.wrap(function() kumo.fs.read_dir('.') end)()",
    );
    assert!(
        err.contains("kumo.fs.read_dir: no tokio runtime is running"),
        "{err}"
    );
}

/// `kumo.fs.glob` answers cache hits without going through mlua's async
/// machinery, but still refuses where it cannot run, as on a miss: a
/// policy must not start working, or failing, once the cache is warm.
#[test]
fn cached_globs_fail_where_uncached_ones_do() {
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), "").unwrap();
    let cache = Arc::new(kumo_fs::GlobCache::new(8));
    let lua = Lua::new();
    kumo_lua_bindings::register_with_glob_cache(&lua, Arc::clone(&cache)).unwrap();
    lua.globals()
        .set("DIR", dir.path().to_str().unwrap())
        .unwrap();
    let glob = "return kumo.fs.glob('*.toml', DIR)[1]";
    let rt = runtime();
    for _ in 0..2 {
        let name: String = rt.block_on(lua.load(glob).eval_async()).unwrap();
        assert_eq!(name, "a.toml");
    }
    assert_eq!(cache.walks(), 1, "cached");

    let err = sync_error(&lua, glob);
    assert!(
        err.contains("kumo.fs.glob is asynchronous and this Lua code cannot yield"),
        "{err}"
    );
    let err = sync_error(
        &lua,
        "coroutine.wrap(function() kumo.fs.glob('*.toml', DIR) end)()",
    );
    assert!(
        err.contains("kumo.fs.glob: no tokio runtime is running"),
        "{err}"
    );
    assert_eq!(cache.walks(), 1, "still cached");
}

/// Two Lua threads using one file at the same time: the second gets a clear
/// "busy" error instead of a borrow panic or a deadlock.
#[cfg(unix)]
#[test]
fn a_file_in_use_by_another_coroutine_is_busy() {
    use std::io::Write;

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());

    let lua = Lua::new();
    register(&lua).unwrap();
    let rt = runtime();
    rt.block_on(async {
        // r+ opens the FIFO read-write, so the open does not wait for a
        // writer and the read blocks until one writes.
        let setup: Function = lua
            .load("return function(p) FILE = kumo.fs.open(p, 'r+') end")
            .eval()
            .unwrap();
        setup
            .call_async::<()>(fifo.to_str().unwrap())
            .await
            .unwrap();
        let read: Function = lua
            .load("return function() return FILE:read(1) end")
            .eval()
            .unwrap();
        let (first, second) = tokio::join!(read.call_async::<String>(()), async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let second = read.call_async::<Value>(()).await;
            std::fs::OpenOptions::new()
                .write(true)
                .open(&fifo)
                .unwrap()
                .write_all(b"z")
                .unwrap();
            second
        });
        assert_eq!(first.unwrap(), "z");
        let err = second.unwrap_err().to_string();
        assert!(err.contains("file:read: this file is busy"), "{err}");
        assert!(
            err.contains("is busy: another coroutine is using it"),
            "{err}"
        );
    });
}

/// Timers record into the `user_lua_latency` histogram once, labelled,
/// whether ended by `done()` or by `<close>`.
#[test]
fn timers_record_once_into_the_latency_histogram() {
    use std::sync::{Arc, Mutex};

    use metrics::{
        Counter, Gauge, Histogram, HistogramFn, Key, KeyName, Metadata, Recorder, SharedString,
        Unit,
    };

    type Records = Arc<Mutex<Vec<(String, Vec<(String, String)>, f64)>>>;

    struct Capture(Records);
    struct Handle(Records, Key);

    impl HistogramFn for Handle {
        fn record(&self, value: f64) {
            let labels = self
                .1
                .labels()
                .map(|l| (l.key().to_owned(), l.value().to_owned()))
                .collect();
            self.0
                .lock()
                .unwrap()
                .push((self.1.name().to_owned(), labels, value));
        }
    }

    impl Recorder for Capture {
        fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
        fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
        fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
        fn register_counter(&self, _: &Key, _: &Metadata<'_>) -> Counter {
            Counter::noop()
        }
        fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
            Gauge::noop()
        }
        fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
            Histogram::from_arc(Arc::new(Handle(Arc::clone(&self.0), key.clone())))
        }
    }

    let records: Records = Arc::default();
    let recorder = Capture(Arc::clone(&records));
    let lua = Lua::new();
    register(&lua).unwrap();
    metrics::with_local_recorder(&recorder, || {
        lua.load(
            r#"
            local t = kumo.time.start_timer("explicit")
            FIRST = t:done()
            assert(t:done() == FIRST)
            do
                local c <close> = kumo.time.start_timer("scoped")
            end
            local both <close> = kumo.time.start_timer("done-then-close")
            both:done()
            "#,
        )
        .exec()
        .unwrap();
    });
    let first: f64 = lua.globals().get("FIRST").unwrap();
    let records = records.lock().unwrap();
    let seen: Vec<(&str, &str)> = records
        .iter()
        .map(|(name, labels, _)| {
            assert_eq!(labels.len(), 1);
            assert_eq!(labels[0].0, "label");
            (name.as_str(), labels[0].1.as_str())
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("user_lua_latency", "explicit"),
            ("user_lua_latency", "scoped"),
            ("user_lua_latency", "done-then-close"),
        ]
    );
    assert_eq!(records[0].2, first);
}

/// Concurrent callers of one missing glob key cause one walk. With a TTL
/// of 0 nothing is kept afterwards, so only single-flight can share it.
#[test]
fn concurrent_globs_share_one_walk() {
    use std::sync::Arc;

    // Every caller must reach the cache while the walk runs (a caller
    // arriving after it found a TTL-0 result expired, and walks again): a
    // big folder keeps the walk longer than 16 first polls on a busy machine.
    const FILES: i64 = 4000;
    let dir = tempfile::tempdir().unwrap();
    for i in 0..FILES {
        std::fs::write(dir.path().join(format!("{i}.toml")), "").unwrap();
    }
    let cache = Arc::new(kumo_fs::GlobCache::new(8));
    let lua = Lua::new();
    kumo_lua_bindings::register_with_glob_cache(&lua, Arc::clone(&cache)).unwrap();
    let glob: Function = lua
        .load("return function(dir) return #kumo.fs.glob('*.toml', dir, 0) end")
        .eval()
        .unwrap();
    let rt = runtime();
    let dir = dir.path().to_str().unwrap().to_owned();
    let counts = rt.block_on(async {
        let calls = (0..16).map(|_| glob.call_async::<i64>(dir.as_str()));
        let counts: Vec<i64> = join_all(calls)
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        counts
    });
    assert_eq!(counts, vec![FILES; 16]);
    assert_eq!(cache.walks(), 1, "16 concurrent callers, one walk");
    rt.block_on(async {
        glob.call_async::<i64>(dir.as_str()).await.unwrap();
        glob.call_async::<i64>(dir.as_str()).await.unwrap();
    });
    assert_eq!(
        cache.walks(),
        3,
        "a TTL of 0 keeps nothing for later callers"
    );
}

/// Polls every future to completion concurrently (as `join_all` would).
async fn join_all<F: std::future::Future>(futs: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut set: Vec<_> = futs.map(Box::pin).map(Some).collect();
    let mut out: Vec<Option<F::Output>> = set.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (slot, fut) in out.iter_mut().zip(set.iter_mut()) {
            if let Some(f) = fut {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        *slot = Some(v);
                        *fut = None;
                    }
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().map(|v| v.unwrap()).collect()
}
