//! The `kumo.time` table.

mod delta;
mod instant;
mod ops;
mod timer;

use kumo_time::{Time, TimeDelta, Timer};
use mlua::{Lua, Result, Table, Value};

use crate::args::{self, Num, Text, failed};
use crate::asyncfn::async_function;

pub(crate) use delta::LuaDelta;
pub(crate) use instant::LuaTime;
use timer::LuaTimer;

/// Adds the `kumo.time` functions to `t`.
pub(crate) fn install(lua: &Lua, t: &Table) -> Result<()> {
    t.set(
        "now",
        lua.create_function(|_, ()| Ok(LuaTime(Time::now())))?,
    )?;
    t.set(
        "from_unix_timestamp",
        lua.create_function(from_unix_timestamp)?,
    )?;
    t.set("with_ymd_hms", lua.create_function(with_ymd_hms)?)?;
    t.set(
        "parse_rfc3339",
        lua.create_function(|_, s: Text| {
            let name = "kumo.time.parse_rfc3339";
            let s = args::text(name, 1, s)?;
            Time::parse_rfc3339(&s)
                .map(LuaTime)
                .map_err(|e| failed(name, e))
        })?,
    )?;
    t.set(
        "parse_rfc2822",
        lua.create_function(|_, s: Text| {
            let name = "kumo.time.parse_rfc2822";
            let s = args::text(name, 1, s)?;
            Time::parse_rfc2822(&s)
                .map(LuaTime)
                .map_err(|e| failed(name, e))
        })?,
    )?;
    t.set("parse_duration", lua.create_function(parse_duration)?)?;
    t.set(
        "sleep",
        async_function(lua, "kumo.time.sleep", |name, _, secs: Value| async move {
            let d = seconds(name, &secs)?;
            kumo_time::sleep(d).await.map_err(|e| failed(name, e))
        })?,
    )?;
    t.set(
        "start_timer",
        lua.create_function(|_, label: Text| {
            let label = args::text("kumo.time.start_timer", 1, label)?;
            Ok(LuaTimer(Timer::start(label)))
        })?,
    )?;
    Ok(())
}

/// `kumo.time.from_unix_timestamp(n)`: integer or float seconds.
fn from_unix_timestamp(_: &Lua, n: Value) -> Result<LuaTime> {
    let name = "kumo.time.from_unix_timestamp";
    let t = match args::number(name, 1, &n)? {
        Num::Int(i) => Time::from_unix_seconds(i),
        Num::Float(f) => Time::from_unix_seconds_f64(f),
    };
    t.map(LuaTime).map_err(|e| failed(name, e))
}

/// `kumo.time.with_ymd_hms(y, mo, d, h, mi, s)`: a UTC civil time.
fn with_ymd_hms(_: &Lua, parts: mlua::Variadic<Value>) -> Result<LuaTime> {
    let name = "kumo.time.with_ymd_hms";
    if parts.len() > 6 {
        return Err(args::bad_arg(
            name,
            7,
            "expected 6 arguments: year, month, day, hour, minute, second",
        ));
    }
    let mut v = [0; 6];
    for (pos, slot) in v.iter_mut().enumerate() {
        *slot = args::integer(name, pos + 1, &args::nth(&parts, pos + 1))?;
    }
    let [y, mo, d, h, mi, s] = v;
    Time::from_ymd_hms(y, mo, d, h, mi, s)
        .map(LuaTime)
        .map_err(|e| failed(name, e))
}

/// `kumo.time.parse_duration(v)`: seconds as a number, or a duration string.
fn parse_duration(_: &Lua, v: Value) -> Result<LuaDelta> {
    let name = "kumo.time.parse_duration";
    if let Value::String(_) = v {
        let s = args::utf8(name, 1, v)?;
        return TimeDelta::parse(&s)
            .map(LuaDelta)
            .map_err(|e| failed(name, e));
    }
    match v {
        Value::Integer(_) | Value::Number(_) => seconds(name, &v).map(LuaDelta),
        other => Err(args::wrong_type(name, 1, "number or string", &other)),
    }
}

/// A number of seconds (integer or float) as a delta.
fn seconds(name: &str, v: &Value) -> Result<TimeDelta> {
    match args::number(name, 1, v)? {
        Num::Int(i) => Ok(TimeDelta::from_secs(i)),
        Num::Float(f) => TimeDelta::from_secs_f64(f).map_err(|e| failed(name, e)),
    }
}
