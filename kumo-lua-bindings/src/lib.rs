//! Lua bindings for `kumo-fs` and `kumo-time`.
//!
//! This crate registers the `kumo.fs` and `kumo.time` namespaces into any
//! [`mlua`] Lua state (Lua 5.4, mlua's `async` and `send` features), so that
//! hosts embedding Lua can offer KumoMTA-style policy code non-blocking
//! filesystem access and fast time handling. It also ships the `kumo-lua`
//! runner binary, and LuaLS type annotations in `lua/kumo.d.lua`.
//!
//! It only converts values and registers functions: the logic lives in the
//! pure crates, which Rust users can depend on without Lua. It is not a Lua
//! runtime of its own and does not sandbox anything.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let lua = mlua::Lua::new();
//! kumo_lua_bindings::register(&lua)?;
//! let rt = tokio::runtime::Runtime::new()?;
//! let human: String = rt.block_on(
//!     lua.load(
//!         r#"
//!         local a = kumo.time.parse_rfc2822('Fri, 21 Nov 1997 09:55:06 -0600')
//!         local b = kumo.time.parse_rfc3339('1997-11-21T16:55:06Z')
//!         return tostring(b - a)
//!         "#,
//!     )
//!     .eval_async(),
//! )?;
//! assert_eq!(human, "1h");
//! # Ok(())
//! # }
//! ```
//!
//! # Lua values
//!
//! Integers stay integers; strings are binary-safe; times are `Time`
//! userdata and durations `TimeDelta` userdata with fields and operators;
//! metadata is a table. A `TimeDelta` field that does not fit a 64-bit
//! integer (nanoseconds of a delta over about 292 years) is an error naming
//! the coarser fields that do fit, rather than a silently rounded float.
//!
//! # Async functions
//!
//! File, directory, glob, metadata and sleep functions are mlua async
//! functions. Called where Lua cannot yield, they fail with an error that
//! names the function and says the host must run Lua asynchronously
//! (`call_async`/`exec_async` on a tokio runtime with time enabled).
//! A `kumo.fs.glob` cache hit is answered without yielding, but refused in
//! the same places, so a policy does not behave differently once the cache
//! is warm.
//!
//! They also work inside the script's own coroutines (`coroutine.wrap`
//! generators over `file:lines()`, say): [`register`] replaces
//! `coroutine.resume` and `coroutine.wrap` with versions that pass mlua's
//! internal "pending" signal on to the host instead of handing it to the
//! script as a yielded value; values and errors are as in plain Lua.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod args;
mod asyncfn;
mod coroutine;
mod fs;
mod module;
mod time;

pub use module::{register, register_with_glob_cache};
