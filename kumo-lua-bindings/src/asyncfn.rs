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
//!
//! A function that can often answer at once (a cache hit) may add a
//! synchronous fast path, which the guard calls after its check and before
//! the async function: an mlua async call costs about a microsecond even
//! when its future is ready at once. The fast path must decline (return
//! `nil`) wherever the async function would fail for lack of a runtime.

use std::future::Future;

use mlua::{FromLuaMulti, Function, IntoLuaMulti, Lua, MaybeSend, Result, Table};

use crate::args::failed;

/// Lua source of the guard; the arguments are bound once per function.
/// With a `fast` path, the guard calls it (after the check, so that a
/// function behaves the same whether or not the fast path can answer) and
/// calls `f` only when it returns `nil`.
const GUARD: &str = r#"
local isyieldable, error, message, f, fast = ...
if fast == nil then
    return function(...)
        if isyieldable() then
            return f(...)
        end
        error(message, 2)
    end
end
return function(...)
    if isyieldable() then
        local result = fast(...)
        if result ~= nil then
            return result
        end
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
        "{name} is asynchronous and this Lua code cannot yield. Either the call is inside a \
         non-yieldable C call (the top level of a required module, a metamethod, a table.sort \
         comparator, a string.gsub callback): move it out; or the host runs this Lua \
         synchronously: the host must run Lua asynchronously (call_async/exec_async on a tokio \
         runtime)"
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
    guard(lua, name, raw_async_function(lua, name, f)?, None)
}

/// Like [`async_function`], but once the caller is known to be able to
/// yield, the synchronous `fast` function is called first with the same
/// arguments; its result is the answer unless it is `nil`, in which case
/// `f` runs. For functions with one non-nil result (only the first value
/// `fast` returns is kept) that can often answer without waiting, where
/// mlua's async call machinery would cost more than the answer.
pub(crate) fn async_function_with_fast_path<F, A, FR, R>(
    lua: &Lua,
    name: &'static str,
    fast: Function,
    f: F,
) -> Result<Function>
where
    F: Fn(&'static str, Lua, A) -> FR + MaybeSend + 'static,
    A: FromLuaMulti,
    FR: Future<Output = Result<R>> + MaybeSend + 'static,
    R: IntoLuaMulti,
{
    guard(lua, name, raw_async_function(lua, name, f)?, Some(fast))
}

/// The mlua async function behind the guard, which reports a missing
/// tokio runtime instead of letting tokio panic.
fn raw_async_function<F, A, FR, R>(lua: &Lua, name: &'static str, f: F) -> Result<Function>
where
    F: Fn(&'static str, Lua, A) -> FR + MaybeSend + 'static,
    A: FromLuaMulti,
    FR: Future<Output = Result<R>> + MaybeSend + 'static,
    R: IntoLuaMulti,
{
    lua.create_async_function(move |lua, args| {
        let runtime = tokio::runtime::Handle::try_current().is_ok();
        let fut = f(name, lua, args);
        async move {
            if !runtime {
                return Err(no_runtime_error(name));
            }
            fut.await
        }
    })
}

/// Wraps an already-created async function `f` (and its `fast` path, if
/// any) with the yieldability check.
fn guard(lua: &Lua, name: &str, f: Function, fast: Option<Function>) -> Result<Function> {
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
    make.call((isyieldable, error, not_yieldable_message(name), f, fast))
}
