//! Async kumo functions inside the script's own coroutines.
//!
//! mlua runs an async function by yielding a "pending" marker up to the
//! thread that `call_async`/`exec_async` drives, which resumes it once the
//! future can make progress. Inside a coroutine that the script created
//! itself, that yield stops at the script's own `coroutine.resume` (or
//! `coroutine.wrap` function), which would hand the marker to the script as
//! if it were a yielded value: a `coroutine.wrap` generator over
//! `file:lines()` would produce junk userdata instead of lines.
//!
//! So [`install`] replaces `coroutine.resume` and `coroutine.wrap` with
//! versions that recognise the marker, pass it on up to the driver, and
//! resume the coroutine with whatever the driver answers. Everything else,
//! values, errors, `coroutine.status`, behaves exactly as in Lua.

use mlua::{Function, Lua, Result, Table, Value};

/// Lua source of the relaying `resume` and `wrap`.
///
/// `relay` and `unwrap` are tail calls, so waiting many times costs no stack.
/// `wrap` follows Lua 5.4's own: on an error inside the coroutine it closes
/// it (running its `<close>` variables; an error from one of those wins) and
/// re-raises a string message with the caller's position. One difference
/// remains: when the wrapped function is itself tail-called, the position
/// is that of the caller's caller, since a Lua tail call leaves no frame.
const RELAY: &str = r##"
local create, resume, status, close, yield, isyieldable, pending, not_yieldable = ...
local select, error, type = select, error, type

-- Argument errors as the library words them, at the caller's position.
local function expect(value, kind, func)
    if type(value) ~= kind then
        error(("bad argument #1 to '%s' (%s expected, got %s)"):format(func, kind, type(value)), 3)
    end
end

local function relay(co, ok, ...)
    if ok and select("#", ...) == 1 and (...) == pending and status(co) == "suspended" then
        if not isyieldable() then
            return false, not_yieldable
        end
        return relay(co, resume(co, yield(pending)))
    end
    return ok, ...
end

local function kumo_resume(co, ...)
    expect(co, "thread", "coroutine.resume")
    return relay(co, resume(co, ...))
end

local function unwrap(co, ok, ...)
    if ok then
        return ...
    end
    local err = ...
    if status(co) == "dead" then
        -- An error raised by a `__close` while closing replaces the body's.
        local closed, close_err = close(co)
        if not closed then
            err = close_err
        end
    end
    if type(err) == "string" then
        error(err, 2)
    end
    error(err, 0)
end

local function kumo_wrap(f)
    expect(f, "function", "coroutine.wrap")
    local co = create(f)
    return function(...)
        return unwrap(co, relay(co, resume(co, ...)))
    end
end

return kumo_resume, kumo_wrap
"##;

/// Where the installed `resume` is kept, so a second `register` on the same
/// state does not wrap it twice.
const RESUME_KEY: &str = "kumo_lua_bindings.coroutine_resume";

/// Why a coroutine that is waiting for a kumo function cannot be resumed
/// further.
const NOT_YIELDABLE: &str = "a kumo async function is waiting inside this coroutine, and the code \
     that resumed the coroutine cannot yield to let it finish (it is not running asynchronously, \
     or it is inside a non-yieldable C call such as require, a metamethod or table.sort); resume \
     the coroutine again later from yieldable code";

/// Replaces `coroutine.resume` and `coroutine.wrap` of `lua` with relaying
/// versions; a no-op without the coroutine library or when already done.
pub(crate) fn install(lua: &Lua) -> Result<()> {
    let Value::Table(coroutine) = lua.globals().get::<Value>("coroutine")? else {
        return Ok(());
    };
    let current: Value = coroutine.get("resume")?;
    if let Some(installed) = lua.named_registry_value::<Option<Function>>(RESUME_KEY)? {
        if Value::Function(installed) == current {
            return Ok(());
        }
    }
    let (resume, wrap): (Function, Function) =
        lua.load(RELAY).set_name("=kumo coroutine relay").call((
            lib_function(&coroutine, "create")?,
            current,
            lib_function(&coroutine, "status")?,
            lib_function(&coroutine, "close")?,
            lib_function(&coroutine, "yield")?,
            lib_function(&coroutine, "isyieldable")?,
            Value::LightUserData(Lua::poll_pending()),
            NOT_YIELDABLE,
        ))?;
    coroutine.set("resume", &resume)?;
    coroutine.set("wrap", wrap)?;
    lua.set_named_registry_value(RESUME_KEY, resume)
}

/// `coroutine[name]`, which the relay needs to be the library's own.
fn lib_function(coroutine: &Table, name: &str) -> Result<Value> {
    match coroutine.get::<Value>(name)? {
        f @ Value::Function(_) => Ok(f),
        other => Err(mlua::Error::runtime(format!(
            "kumo_lua_bindings::register: coroutine.{name} is a {}, not a function",
            crate::args::type_name(&other)
        ))),
    }
}
