//! Lua states and runtimes as the benchmarks use them.

use mlua::{Lua, Table};
use tokio::runtime::Runtime;

use crate::{Error, Result};

/// The pure-Lua baselines (`parse_rfc3339`, `parse_rfc2822`), as a chunk
/// returning a module table.
pub const BASELINE_LUA: &str = include_str!("../lua/baseline.lua");

/// A Lua state with the standard library and the `kumo` global from
/// `kumo_lua_bindings::register`.
///
/// ```
/// let lua = kumo_benches::lua::kumo_lua().unwrap();
/// let ok: bool = lua.load("return type(kumo.time.now) == 'function'").eval().unwrap();
/// assert!(ok);
/// ```
pub fn kumo_lua() -> Result<Lua> {
    let lua = Lua::new();
    kumo_lua_bindings::register(&lua).map_err(Error::context("register the kumo Lua API"))?;
    Ok(lua)
}

/// Loads [`BASELINE_LUA`] into `lua` and returns the module table.
///
/// ```
/// let lua = mlua::Lua::new();
/// let m = kumo_benches::lua::load_baseline(&lua).unwrap();
/// let f: mlua::Function = m.get("parse_rfc3339").unwrap();
/// let t: f64 = f.call("2000-01-02T03:04:05Z").unwrap();
/// assert_eq!(t, 946782245.0);
/// ```
pub fn load_baseline(lua: &Lua) -> Result<Table> {
    lua.load(BASELINE_LUA)
        .set_name("@benches/lua/baseline.lua")
        .eval()
        .map_err(Error::context("load benches/lua/baseline.lua"))
}

/// A multi-thread tokio runtime with `workers` worker threads and all drivers,
/// as a host like KumoMTA runs its Lua on.
///
/// ```
/// let rt = kumo_benches::lua::runtime(2).unwrap();
/// assert_eq!(rt.block_on(async { 1 + 1 }), 2);
/// ```
pub fn runtime(workers: usize) -> Result<Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
        .map_err(Error::context(format!(
            "start a tokio runtime with {workers} workers"
        )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlua::Function;

    fn baseline(name: &str) -> (Lua, Function) {
        let lua = Lua::new();
        let f = load_baseline(&lua).unwrap().get(name).unwrap();
        (lua, f)
    }

    /// Valid rows of the shared reference vectors the baseline is expected to
    /// handle (it does not validate ranges or leap seconds, as hand-written
    /// parsers usually do not).
    #[test]
    fn rfc3339_baseline_agrees_with_reference_vectors() {
        let (_lua, parse) = baseline("parse_rfc3339");
        for (input, expected) in [
            ("2000-01-02T03:04:05+00:00", 946782245.0),
            ("2000-01-02T03:04:05Z", 946782245.0),
            ("2000-01-02t03:04:05z", 946782245.0),
            ("2000-01-02T03:04:05.5-07:00", 946807445.5),
            ("2021-03-04 10:00:00Z", 1614852000.0),
            ("2024-07-14T17:11:59+02:00", 1720969919.0),
        ] {
            let got: f64 = parse.call(input).unwrap();
            assert_eq!(got, expected, "{input}");
        }
    }

    #[test]
    fn rfc3339_baseline_rejects_garbage() {
        let (_lua, parse) = baseline("parse_rfc3339");
        for input in ["2021-03-04T10:00:00", "2021-3-04T10:00:00Z", "nope"] {
            let (t, msg): (Option<f64>, Option<String>) = parse.call(input).unwrap();
            assert!(
                t.is_none() && msg.is_some_and(|m| m.contains(input)),
                "{input}"
            );
        }
    }

    #[test]
    fn rfc2822_baseline_agrees_with_reference_vectors() {
        let (_lua, parse) = baseline("parse_rfc2822");
        for (input, expected) in [
            ("Fri, 21 Nov 1997 09:55:06 -0600", 880127706.0),
            ("21 Nov 1997 09:55:06 -0600", 880127706.0),
            ("21 Nov 97 09:55:06 GMT", 880106106.0),
            ("Sat, 01 Jan 00 00:00:00 +0000", 946684800.0),
            ("Fri, 21 Nov 097 09:55:06 -0600", 880127706.0),
            ("Thu, 02 Jul 2026 18:55:38 EDT", 1783032938.0),
            ("Fri, 21 Nov 1997 09:55 -0600", 880127700.0),
            ("Thu, 6 July 2017 15:30:00 PDT", 1499380200.0),
            ("Fri, 21 Nov 1997 09:55:06 +01:00", 880102506.0),
            ("Sun, 14 Jul 2024 17:11:59 +0200", 1720969919.0),
        ] {
            let got: f64 = parse.call(input).unwrap();
            assert_eq!(got, expected, "{input}");
        }
    }

    #[test]
    fn rfc2822_baseline_rejects_garbage() {
        let (_lua, parse) = baseline("parse_rfc2822");
        for input in ["Fri, 21 Foo 1997 09:55:06 -0600", "21 Nov 1997", ""] {
            let (t, msg): (Option<f64>, Option<String>) = parse.call(input).unwrap();
            assert!(t.is_none() && msg.is_some(), "{input}");
        }
    }
}
