//! The `kumo.fs` table.

mod file;
mod glob;
mod io_format;
mod metadata;

use std::path::PathBuf;
use std::sync::Arc;

use kumo_fs::{File, GlobCache, OpenMode};
use mlua::{Function, Lua, Result, Table, Value};

use crate::args::{self, failed};
use crate::asyncfn::async_function;

use file::LuaFile;

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

    glob::install(lua, t, cache)?;

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
