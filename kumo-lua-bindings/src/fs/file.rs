//! The async-file userdata returned by `kumo.fs.open`.
//!
//! Its methods live in a plain `__index` table of guarded async functions
//! (see [`crate::asyncfn`]), so a method called where Lua cannot yield gets
//! the same clear error as the module functions.

use kumo_fs::File;
use mlua::{
    AnyUserData, Function, Lua, MetaMethod, Result, Table, UserData, UserDataFields,
    UserDataMethods, UserDataRefMut, Value, Variadic,
};

use super::io_format::{self, Format};
use crate::args::{self, failed};
use crate::asyncfn::async_function;

/// A [`File`] as Lua sees it.
///
/// `file` is `None` once `<close>` had to drop the file where Lua could not
/// yield; `name` keeps the path for messages after that.
pub(crate) struct LuaFile {
    file: Option<File>,
    name: String,
}

impl LuaFile {
    /// Wraps an open file.
    pub(crate) fn new(file: File) -> LuaFile {
        let name = file.path().display().to_string();
        LuaFile {
            file: Some(file),
            name,
        }
    }

    fn is_closed(&self) -> bool {
        self.file.as_ref().is_none_or(File::is_closed)
    }
}

/// Lua source binding `file:lines()` iterators to the shared step function.
const LINES: &str = r#"
local step = ...
return function(file, formats)
    return function()
        return step(file, formats)
    end
end
"#;

/// Lua source of `__close`: close properly where the scope exit can yield;
/// otherwise (a `<close>` variable unwound by an error) hand the file to its
/// `Drop`, which still writes the buffered bytes off the async threads.
const CLOSE: &str = r#"
local isyieldable, close, drop = ...
return function(file)
    if isyieldable() then
        close(file)
    else
        drop(file)
    end
end
"#;

impl UserData for LuaFile {
    fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
        fields.add_meta_field(MetaMethod::Type, "kumo.fs.File");
        fields.add_meta_field_with(MetaMethod::Index, methods);
        fields.add_meta_field_with(MetaMethod::Close, close_metamethod);
    }

    fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
        methods.add_meta_method(MetaMethod::ToString, |_, f, ()| {
            let state = if f.is_closed() { " (closed)" } else { "" };
            Ok(format!("kumo.fs file {:?}{state}", f.name))
        });
    }
}

/// The file behind `this` (the method's self), open and not in use by
/// another coroutine.
fn open_file(name: &str, this: &Value) -> Result<UserDataRefMut<LuaFile>> {
    let bad_self = || {
        mlua::Error::runtime(format!(
            "bad self to '{name}' (kumo.fs file expected, got {}; call it as file:method(...))",
            args::type_name(this)
        ))
    };
    let Value::UserData(ud) = this else {
        return Err(bad_self());
    };
    let file = ud.borrow_mut::<LuaFile>().map_err(|e| match e {
        mlua::Error::UserDataBorrowMutError | mlua::Error::UserDataBorrowError => {
            // The coroutine using the file holds it exclusively, so its
            // path can only be named when that use is a shared one.
            let which = ud
                .borrow::<LuaFile>()
                .map(|f| format!("file {:?}", f.name))
                .unwrap_or_else(|_| "this file".to_owned());
            failed(
                name,
                format!("{which} is busy: another coroutine is using it right now"),
            )
        }
        _ => bad_self(),
    })?;
    if file.is_closed() {
        return Err(failed(
            name,
            format!("attempt to use a closed file ({:?})", file.name),
        ));
    }
    Ok(file)
}

/// Runs `op` on the open file behind `this`.
macro_rules! with_file {
    ($name:expr, $this:expr, |$f:ident| $body:expr) => {{
        let mut guard = open_file($name, &$this)?;
        match guard.file.as_mut() {
            Some($f) => $body,
            None => Err(failed($name, "attempt to use a closed file")),
        }
    }};
}

/// The `__index` table: every method of a file.
fn methods(lua: &Lua) -> Result<Table> {
    let t = lua.create_table()?;
    let read = async_function(
        lua,
        "file:read",
        |name, lua, (this, args): (Value, Variadic<Value>)| async move {
            let formats = io_format::parse_formats(name, &args, Format::All)?;
            with_file!(name, this, |f| io_format::read_formats(
                &lua, name, f, &formats, false
            )
            .await)
        },
    )?;
    t.set("read", read)?;

    let write = async_function(
        lua,
        "file:write",
        |name, lua, (this, args): (Value, Variadic<Value>)| async move {
            let data = io_format::write_bytes(&lua, name, &args)?;
            with_file!(name, this, |f| f
                .write(&data)
                .await
                .map_err(|e| failed(name, e)))?;
            Ok(this)
        },
    )?;
    t.set("write", write)?;

    let seek = async_function(
        lua,
        "file:seek",
        |name, _, (this, args): (Value, Variadic<Value>)| async move {
            let target = io_format::seek_target(name, &args)?;
            let pos = with_file!(name, this, |f| f
                .seek(target)
                .await
                .map_err(|e| failed(name, e)))?;
            mlua::Integer::try_from(pos).map_err(|_| {
                failed(
                    name,
                    format!("position {pos} does not fit in a Lua integer"),
                )
            })
        },
    )?;
    t.set("seek", seek)?;

    let flush = async_function(lua, "file:flush", |name, _, this: Value| async move {
        with_file!(name, this, |f| f.flush().await.map_err(|e| failed(name, e)))?;
        Ok(this)
    })?;
    t.set("flush", flush)?;

    t.set("close", close_function(lua)?)?;
    t.set("lines", lines_function(lua)?)?;
    Ok(t)
}

/// `file:close()`: flushes and closes; closing again does nothing.
fn close_function(lua: &Lua) -> Result<Function> {
    async_function(lua, "file:close", |name, _, this: Value| async move {
        let already = match &this {
            Value::UserData(ud) => ud.borrow::<LuaFile>().is_ok_and(|f| f.is_closed()),
            _ => false,
        };
        if !already {
            with_file!(name, this, |f| f.close().await.map_err(|e| failed(name, e)))?;
        }
        Ok(true)
    })
}

/// `file:lines(...)`: checks the formats now, then returns an iterator that
/// reads them on each call.
fn lines_function(lua: &Lua) -> Result<Function> {
    let step = async_function(
        lua,
        "file:lines iterator",
        |name, lua, (this, formats): (Value, Option<Table>)| async move {
            let values: Vec<Value> = match formats {
                Some(t) => t.sequence_values::<Value>().collect::<Result<_>>()?,
                None => Vec::new(),
            };
            let formats = io_format::parse_formats(name, &values, LINE)?;
            with_file!(name, this, |f| io_format::read_formats(
                &lua, name, f, &formats, true
            )
            .await)
        },
    )?;
    let bind: Function = lua.load(LINES).set_name("=kumo file:lines").call(step)?;
    lua.create_function(move |lua, (this, args): (Value, Variadic<Value>)| {
        let name = "file:lines";
        io_format::parse_formats(name, &args, LINE)?;
        drop(open_file(name, &this)?);
        let formats = (!args.is_empty())
            .then(|| lua.create_sequence_from(args))
            .transpose()?;
        bind.call::<Function>((this, formats))
    })
}

/// The default format of `lines`.
const LINE: Format = Format::Line {
    keep_newline: false,
};

/// The `__close` metamethod (see [`CLOSE`]).
fn close_metamethod(lua: &Lua) -> Result<Function> {
    let drop_now = lua.create_function(|_, this: AnyUserData| {
        if let Ok(mut f) = this.borrow_mut::<LuaFile>() {
            drop(f.file.take());
        }
        Ok(())
    })?;
    let coroutine: Table = lua.globals().get("coroutine")?;
    let isyieldable: Function = coroutine.get("isyieldable")?;
    let close = close_function(lua)?;
    let make: Function = lua
        .load(CLOSE)
        .set_name("=kumo file __close")
        .into_function()?;
    make.call((isyieldable, close, drop_now))
}
