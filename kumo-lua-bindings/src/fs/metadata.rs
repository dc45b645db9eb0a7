//! File metadata as a Lua table.

use kumo_fs::Metadata;
use mlua::{Integer, Lua, LuaString, Result, Table};

use crate::time::LuaTime;

/// Reinterprets an unsigned OS number as a Lua integer.
///
/// Lua has only signed 64-bit integers. Sizes never reach 2^63; device and
/// inode numbers can, and keep their bit pattern (as C bindings such as
/// luaposix do) so that equality comparisons still work.
fn int(v: u64) -> Integer {
    Integer::from_ne_bytes(v.to_ne_bytes())
}

/// The metadata table: `path` is the string the caller passed.
pub(crate) fn to_table(lua: &Lua, given: LuaString, m: &Metadata) -> Result<Table> {
    let t = lua.create_table_with_capacity(0, 19)?;
    t.set("path", given)?;
    t.set("is_file", m.is_file)?;
    t.set("is_dir", m.is_dir)?;
    t.set("is_symlink", m.is_symlink)?;
    t.set("len", int(m.len))?;
    t.set("readonly", m.readonly)?;
    if let Some(u) = &m.unix {
        t.set("dev", int(u.dev))?;
        t.set("ino", int(u.ino))?;
        t.set("mode", u.mode)?;
        t.set("nlink", int(u.nlink))?;
        t.set("uid", u.uid)?;
        t.set("gid", u.gid)?;
        t.set("rdev", int(u.rdev))?;
        t.set("size", int(u.size))?;
        t.set("blksize", int(u.blksize))?;
        t.set("blocks", int(u.blocks))?;
        t.set("atime", LuaTime(u.atime))?;
        t.set("mtime", LuaTime(u.mtime))?;
        t.set("ctime", LuaTime(u.ctime))?;
    }
    Ok(t)
}
