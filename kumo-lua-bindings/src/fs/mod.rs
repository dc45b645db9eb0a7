//! The `kumo.fs` table.

mod file;
mod io_format;
mod metadata;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use kumo_fs::{File, GlobCache, OpenMode};
use mlua::{Function, Lua, Result, Table, Value, Variadic};

use crate::args::{self, Num, failed};
use crate::asyncfn::async_function;

use file::LuaFile;

/// The `ttl_seconds` of `kumo.fs.glob` when the caller gives none.
const DEFAULT_GLOB_TTL: Duration = Duration::from_secs(60);

/// Adds the `kumo.fs` functions to `t`; `kumo.fs.glob` uses `cache`.
pub(crate) fn install(lua: &Lua, t: &Table, cache: Arc<GlobCache>) -> Result<()> {
    let open = async_function(
        lua,
        "kumo.fs.open",
        |name, _, (path, mode): (Value, Value)| async move {
            let path = path_arg(name, 1, path)?;
            let mode = args::opt_utf8(name, 2, mode)?;
            let mode = OpenMode::parse(mode.as_deref().unwrap_or("r"))
                .map_err(|e| args::bad_arg(name, 2, e))?;
            let file = File::open(&path, mode).await.map_err(|e| failed(name, e))?;
            Ok(LuaFile::new(file))
        },
    )?;
    t.set("open", open)?;

    let read_dir = async_function(
        lua,
        "kumo.fs.read_dir",
        |name, lua, path: Value| async move {
            let path = path_arg(name, 1, path)?;
            let entries = kumo_fs::read_dir(&path)
                .await
                .map_err(|e| failed(name, e))?;
            lua.create_sequence_from(entries)
        },
    )?;
    t.set("read_dir", read_dir)?;

    let glob = async_function(
        lua,
        "kumo.fs.glob",
        move |name, lua, args: Variadic<Value>| {
            let cache = Arc::clone(&cache);
            async move {
                let (pattern, relative_to) = glob_args(name, &args)?;
                let ttl = match args::nth(&args, 3) {
                    Value::Nil => DEFAULT_GLOB_TTL,
                    v => ttl_arg(name, 3, &v)?,
                };
                let paths = cache
                    .glob(&pattern, &relative_to, ttl)
                    .await
                    .map_err(|e| failed(name, e))?;
                lua.create_sequence_from(paths.iter().map(String::as_str))
            }
        },
    )?;
    t.set("glob", glob)?;

    let uncached = async_function(
        lua,
        "kumo.fs.uncached_glob",
        |name, lua, args: Variadic<Value>| async move {
            let (pattern, relative_to) = glob_args(name, &args)?;
            let paths = kumo_fs::glob(&pattern, &relative_to)
                .await
                .map_err(|e| failed(name, e))?;
            lua.create_sequence_from(paths)
        },
    )?;
    t.set("uncached_glob", uncached)?;

    t.set(
        "metadata_for_path",
        metadata_function(lua, "kumo.fs.metadata_for_path", true)?,
    )?;
    t.set(
        "symlink_metadata_for_path",
        metadata_function(lua, "kumo.fs.symlink_metadata_for_path", false)?,
    )?;
    Ok(())
}

/// `metadata_for_path` (following symlinks) or `symlink_metadata_for_path`.
fn metadata_function(lua: &Lua, name: &'static str, follow: bool) -> Result<Function> {
    async_function(lua, name, move |name, lua, path: Value| async move {
        let given = args::string(name, 1, path)?;
        let path = path_of(name, 1, &given)?;
        let m = if follow {
            kumo_fs::metadata(path).await
        } else {
            kumo_fs::symlink_metadata(path).await
        };
        metadata::to_table(&lua, given, &m.map_err(|e| failed(name, e))?)
    })
}

/// `pattern` and `relative_to` (default `"."`) of the glob functions.
fn glob_args(name: &str, args: &[Value]) -> Result<(String, String)> {
    let pattern = args::utf8(name, 1, args::nth(args, 1))?;
    let relative_to = args::opt_utf8(name, 2, args::nth(args, 2))?;
    Ok((pattern, relative_to.unwrap_or_else(|| ".".to_owned())))
}

/// A cache lifetime in seconds: zero or more, and within what a
/// [`Duration`] holds (u64 seconds).
fn ttl_arg(name: &str, pos: usize, v: &Value) -> Result<Duration> {
    let n = args::number(name, pos, v)?;
    let ttl = match n {
        Num::Int(i) => u64::try_from(i).ok().map(Duration::from_secs),
        Num::Float(f) => Duration::try_from_secs_f64(f).ok(),
    };
    ttl.ok_or_else(|| {
        let why =
            format!("ttl_seconds must be a number of seconds from 0 to about 1.8e19, got {n}");
        args::bad_arg(name, pos, why)
    })
}

/// A path argument: any Lua string, taken byte for byte where the OS allows.
fn path_arg(name: &str, pos: usize, v: Value) -> Result<PathBuf> {
    path_of(name, pos, &args::string(name, pos, v)?)
}

/// The path a Lua string names.
#[cfg(unix)]
fn path_of(_name: &str, _pos: usize, s: &mlua::LuaString) -> Result<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Ok(PathBuf::from(std::ffi::OsStr::from_bytes(&s.as_bytes())))
}

/// The path a Lua string names.
#[cfg(not(unix))]
fn path_of(name: &str, pos: usize, s: &mlua::LuaString) -> Result<PathBuf> {
    s.to_str()
        .map(|s| PathBuf::from(&*s))
        .map_err(|_| args::bad_arg(name, pos, "path is not valid UTF-8"))
}
