//! Installing the `kumo` table: globals, `package.loaded`, aliases.

use std::sync::{Arc, LazyLock};

use kumo_fs::GlobCache;
use mlua::{Lua, Result, Table, Value};

/// How many `(pattern, relative_to)` results the shared glob cache keeps.
const GLOB_CACHE_CAPACITY: usize = 1024;

/// The process-wide cache behind `kumo.fs.glob`.
///
/// Shared by every Lua state [`register`] sets up, because hosts run a pool
/// of Lua states (and rebuild them on configuration reload) that all glob
/// the same configuration folders.
static GLOB_CACHE: LazyLock<Arc<GlobCache>> =
    LazyLock::new(|| Arc::new(GlobCache::new(GLOB_CACHE_CAPACITY)));

/// Registers `kumo.fs` and `kumo.time` into `lua`.
///
/// Reuses the host's `kumo` table when `package.loaded.kumo` or the global
/// `kumo` already is one (in that order of preference), otherwise creates
/// it. Afterwards the global `kumo`, `require 'kumo'`, `require 'kumo.fs'`
/// and `require 'kumo.time'` all give the same tables. `kumo.fs.glob` uses
/// one process-wide cache; see [`register_with_glob_cache`] to give a state
/// its own.
///
/// The disk and sleep functions are async: run Lua with `exec_async` /
/// `call_async` on a tokio runtime that has time enabled.
///
/// ```
/// # fn main() -> mlua::Result<()> {
/// let lua = mlua::Lua::new();
/// kumo_lua_bindings::register(&lua)?;
/// let year: i64 = lua
///     .load("return require('kumo.time').parse_rfc3339('2000-01-02T03:04:05Z').year")
///     .eval()?;
/// assert_eq!(year, 2000);
///
/// let rt = tokio::runtime::Runtime::new()?;
/// let ok: bool = rt.block_on(lua.load("kumo.time.sleep(0.001) return true").eval_async())?;
/// assert!(ok);
/// # Ok(())
/// # }
/// ```
pub fn register(lua: &Lua) -> Result<()> {
    register_with_glob_cache(lua, Arc::clone(&GLOB_CACHE))
}

/// Like [`register`], with `cache` behind `kumo.fs.glob` instead of the
/// process-wide one (for hosts that want isolation, and for tests that
/// count walks).
///
/// ```
/// # fn main() -> mlua::Result<()> {
/// use std::sync::Arc;
/// let cache = Arc::new(kumo_fs::GlobCache::new(16));
/// let lua = mlua::Lua::new();
/// kumo_lua_bindings::register_with_glob_cache(&lua, Arc::clone(&cache))?;
/// let rt = tokio::runtime::Runtime::new()?;
/// rt.block_on(lua.load("kumo.fs.glob('*.toml'); kumo.fs.glob('*.toml')").exec_async())?;
/// assert_eq!(cache.walks(), 1);
/// # Ok(())
/// # }
/// ```
pub fn register_with_glob_cache(lua: &Lua, cache: Arc<GlobCache>) -> Result<()> {
    let globals = lua.globals();
    let loaded = match globals.get::<Value>("package")? {
        Value::Table(package) => match package.get::<Value>("loaded")? {
            Value::Table(loaded) => Some(loaded),
            _ => None,
        },
        _ => None,
    };
    let kumo = match existing(loaded.as_ref(), "package.loaded.kumo")? {
        Some(kumo) => kumo,
        None => {
            existing(Some(&globals), "global 'kumo'")?.map_or_else(|| lua.create_table(), Ok)?
        }
    };
    let fs = sub_table(lua, &kumo, "fs")?;
    let time = sub_table(lua, &kumo, "time")?;
    crate::fs::install(lua, &fs, cache)?;
    crate::time::install(lua, &time)?;
    crate::coroutine::install(lua)?;

    // Deprecated spellings that existing policies still use.
    for name in ["read_dir", "glob", "uncached_glob"] {
        kumo.set(name, fs.get::<Value>(name)?)?;
    }
    kumo.set("sleep", time.get::<Value>("sleep")?)?;

    globals.set("kumo", &kumo)?;
    if let Some(loaded) = loaded {
        loaded.set("kumo", &kumo)?;
        loaded.set("kumo.fs", &fs)?;
        loaded.set("kumo.time", &time)?;
    }
    Ok(())
}

/// The table `container.kumo`, if set; an error if it is set to something
/// that is not a table (merging into it is impossible).
fn existing(container: Option<&Table>, what: &str) -> Result<Option<Table>> {
    let Some(container) = container else {
        return Ok(None);
    };
    match container.get::<Value>("kumo")? {
        Value::Nil => Ok(None),
        Value::Table(t) => Ok(Some(t)),
        other => Err(mlua::Error::runtime(format!(
            "kumo_lua_bindings::register: {what} is a {}, not a table; cannot add kumo.fs and kumo.time to it",
            crate::args::type_name(&other)
        ))),
    }
}

/// `parent[name]`, created if missing, kept (and added to) if a table.
fn sub_table(lua: &Lua, parent: &Table, name: &str) -> Result<Table> {
    match parent.get::<Value>(name)? {
        Value::Table(t) => Ok(t),
        Value::Nil => {
            let t = lua.create_table()?;
            parent.set(name, &t)?;
            Ok(t)
        }
        other => Err(mlua::Error::runtime(format!(
            "kumo_lua_bindings::register: kumo.{name} is a {}, not a table",
            crate::args::type_name(&other)
        ))),
    }
}
