//! Async Lua functions that fail clearly where they cannot run.
//!
//! mlua implements an async function as a Lua wrapper that yields while the
//! Rust future is pending. Called where Lua cannot yield (a plain
//! `exec()`, or inside `table.sort`, `require`, a metamethod called from C),
//! that yield fails with "attempt to yield from outside a coroutine", which
//! does not say which function or what the host should change. Rust cannot
//! ask Lua whether the caller may yield without `unsafe` FFI (a callback's
//! own frame is always yieldable, and any Lua call made from Rust is not),
//! so each async function is wrapped in a tiny Lua function that asks
//! `coroutine.isyieldable()` from the caller's own frame first.
//!
//! Being yieldable is not enough: a coroutine the script created itself is
//! yieldable even when the host runs Lua synchronously, and tokio panics when
//! asked for a timer or a blocking thread outside a runtime. So the Rust side
//! also checks for a runtime before touching tokio.

use std::future::Future;

use mlua::{FromLuaMulti, Function, IntoLuaMulti, Lua, MaybeSend, Result, Table};

use crate::args::failed;

/// Lua source of the guard; the arguments are bound once per function.
const GUARD: &str = r#"
local isyieldable, error, message, f = ...
return function(...)
    if isyieldable() then
        return f(...)
    end
    error(message, 2)
end
"#;

/// The Lua value of a guard that can be reused for every async function.
const GUARD_KEY: &str = "kumo_lua_bindings.async_guard";

/// Why `name` cannot run here, for callers that cannot yield.
fn not_yieldable_message(name: &str) -> String {
    format!(
        "{name} is asynchronous and this Lua code cannot yield (it is not running in a \
         coroutine, or it is inside a non-yieldable C call such as a metamethod, table.sort \
         or require); the host must run Lua asynchronously (call_async/exec_async on a tokio \
         runtime) and call {name} from yieldable code"
    )
}

/// The error when there is no tokio runtime to run the operation on.
fn no_runtime_error(name: &str) -> mlua::Error {
    failed(
        name,
        "no tokio runtime is running; the host must run Lua asynchronously \
         (call_async/exec_async on a tokio runtime)",
    )
}

/// Wraps `f` as an mlua async function named `name`, guarded as the module
/// documentation describes. `f` gets `name` back for its own messages.
pub(crate) fn async_function<F, A, FR, R>(lua: &Lua, name: &'static str, f: F) -> Result<Function>
where
    F: Fn(&'static str, Lua, A) -> FR + MaybeSend + 'static,
    A: FromLuaMulti,
    FR: Future<Output = Result<R>> + MaybeSend + 'static,
    R: IntoLuaMulti,
{
    let inner = lua.create_async_function(move |lua, args| {
        let runtime = tokio::runtime::Handle::try_current().is_ok();
        let fut = f(name, lua, args);
        async move {
            if !runtime {
                return Err(no_runtime_error(name));
            }
            fut.await
        }
    })?;
    guard(lua, name, inner)
}

/// Wraps an already-created async function with the yieldability check.
pub(crate) fn guard(lua: &Lua, name: &str, f: Function) -> Result<Function> {
    let make: Function = match lua.named_registry_value::<Option<Function>>(GUARD_KEY)? {
        Some(make) => make,
        None => {
            let make = lua
                .load(GUARD)
                .set_name("=kumo async guard")
                .into_function()?;
            lua.set_named_registry_value(GUARD_KEY, &make)?;
            make
        }
    };
    // The async wrapper above loads the coroutine library if the host had
    // not, so `coroutine.isyieldable` exists by now.
    let coroutine: Table = lua.globals().get("coroutine")?;
    let isyieldable: Function = coroutine.get("isyieldable")?;
    let error: Function = lua.globals().get("error")?;
    make.call((isyieldable, error, not_yieldable_message(name), f))
}
