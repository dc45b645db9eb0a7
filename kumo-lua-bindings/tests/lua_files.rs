//! Runs each `tests/lua/*.lua` file through the real bindings.
//!
//! Every file gets a fresh Lua state with `kumo` registered (and its own glob
//! cache), runs with `exec_async` on a multi-thread tokio runtime, and can
//! use these globals:
//! - `DATA_DIR`: the reference vectors in `tests/data/`
//! - `TMP_DIR`: an empty temporary directory, removed afterwards
//! - `CRATE_DIR`: this crate's directory
//! - `glob_walks()`: how many real walks the state's glob cache performed
//! - `require 'testlib'`: assertions and the TSV reader (`tests/lua/lib/`)

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kumo_fs::GlobCache;
use mlua::Lua;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lua_dir() -> PathBuf {
    crate_dir().join("tests").join("lua")
}

/// Runs `tests/lua/<name>.lua`; the panic message names the file and
/// carries the Lua error with its traceback.
fn run(name: &str) {
    let path = lua_dir().join(format!("{name}.lua"));
    let source = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let tmp = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let lua = Lua::new();
    let result = rt.block_on(async {
        let cache = Arc::new(GlobCache::new(64));
        kumo_lua_bindings::register_with_glob_cache(&lua, Arc::clone(&cache))?;
        let g = lua.globals();
        g.set(
            "DATA_DIR",
            dir_string(&crate_dir().join("tests").join("data")),
        )?;
        g.set("TMP_DIR", dir_string(tmp.path()))?;
        g.set("CRATE_DIR", dir_string(&crate_dir()))?;
        g.set(
            "glob_walks",
            lua.create_function(move |_, ()| Ok(cache.walks()))?,
        )?;
        let package: mlua::Table = g.get("package")?;
        package.set("path", format!("{}/lib/?.lua", dir_string(&lua_dir())))?;
        lua.load(source)
            .set_name(format!("@tests/lua/{name}.lua"))
            .exec_async()
            .await
    });
    if let Err(e) = result {
        panic!("tests/lua/{name}.lua failed:\n{e}");
    }
}

fn dir_string(p: &Path) -> String {
    p.to_str().expect("test paths are UTF-8").to_owned()
}

macro_rules! lua_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                run(stringify!($name));
            }
        )*

        /// A new file in tests/lua/ must be added to the list above.
        #[test]
        fn every_lua_file_is_listed() {
            let listed = [$(stringify!($name)),*];
            let mut missing = Vec::new();
            for entry in std::fs::read_dir(lua_dir()).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "lua") {
                    let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
                    if !listed.contains(&stem.as_str()) {
                        missing.push(stem);
                    }
                }
            }
            assert!(missing.is_empty(), "not listed in lua_tests!: {missing:?}");
        }
    };
}

lua_tests!(
    register,
    annotations,
    time_now,
    time_display,
    time_rfc3339,
    time_rfc2822,
    time_strftime,
    time_duration,
    time_operators,
    time_sleep_timer,
    fs_read,
    fs_write,
    fs_modes_close,
    fs_dir_glob,
    fs_metadata,
    nonyieldable,
    coroutines,
);
