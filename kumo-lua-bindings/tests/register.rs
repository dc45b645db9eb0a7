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
    register(&lua).unwrap();
    let second: Table = lua.globals().get("kumo").unwrap();
    assert_eq!(first, second);
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
        assert!(err.contains("file:read: file"), "{err}");
        assert!(
            err.contains("is busy: another coroutine is using it"),
            "{err}"
        );
    });
}
