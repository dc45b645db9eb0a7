//! The `Time` userdata: fields, `format`, comparisons and arithmetic.

use kumo_time::Time;
use mlua::{IntoLua, Lua, MetaMethod, Result, UserData, UserDataFields, UserDataMethods, Value};

use super::delta::LuaDelta;
use crate::args::{failed, utf8};

/// A [`Time`] as Lua sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LuaTime(pub(crate) Time);

impl LuaTime {
    /// The `Time` inside `v`, if `v` is a `Time` userdata.
    pub(crate) fn of(v: &Value) -> Option<Time> {
        match v {
            Value::UserData(ud) => ud.borrow::<LuaTime>().ok().map(|t| t.0),
            _ => None,
        }
    }
}

/// The Lua-facing type name of an operand, for operator errors.
pub(crate) fn operand_name(v: &Value) -> &'static str {
    if LuaTime::of(v).is_some() {
        "Time"
    } else if LuaDelta::of(v).is_some() {
        "TimeDelta"
    } else {
        crate::args::type_name(v)
    }
}

impl UserData for LuaTime {
    fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
        // Lua's own messages ("attempt to index a ... value") use `__name`.
        fields.add_meta_field(MetaMethod::Type, "kumo.time.Time");
        fields.add_field_method_get("year", |_, t| Ok(t.0.year()));
        fields.add_field_method_get("month", |_, t| Ok(t.0.month()));
        fields.add_field_method_get("day", |_, t| Ok(t.0.day()));
        fields.add_field_method_get("hour", |_, t| Ok(t.0.hour()));
        fields.add_field_method_get("minute", |_, t| Ok(t.0.minute()));
        fields.add_field_method_get("second", |_, t| Ok(t.0.second()));
        fields.add_field_method_get("unix_timestamp", |_, t| Ok(t.0.unix_timestamp()));
        fields.add_field_method_get("unix_timestamp_millis", |_, t| {
            Ok(t.0.unix_timestamp_millis())
        });
        fields.add_field_method_get("rfc2822", |_, t| Ok(t.0.to_rfc2822()));
        fields.add_field_method_get("rfc3339", |_, t| Ok(t.0.to_rfc3339()));
        fields.add_field_method_get("elapsed", |_, t| Ok(LuaDelta(t.0.elapsed())));
    }

    fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
        methods.add_method("format", |_, t, fmt: Value| {
            Ok(t.0.format(&utf8("Time:format", 1, fmt)?))
        });
        methods.add_meta_method(MetaMethod::ToString, |_, t, ()| Ok(t.0.to_string()));
        methods.add_meta_function(MetaMethod::Eq, |_, (a, b): (Value, Value)| {
            Ok(matches!((LuaTime::of(&a), LuaTime::of(&b)), (Some(a), Some(b)) if a == b))
        });
        methods.add_meta_function(MetaMethod::Lt, |_, (a, b): (Value, Value)| {
            let (a, b) = comparable("<", &a, &b)?;
            Ok(a < b)
        });
        methods.add_meta_function(MetaMethod::Le, |_, (a, b): (Value, Value)| {
            let (a, b) = comparable("<=", &a, &b)?;
            Ok(a <= b)
        });
        methods.add_meta_function(MetaMethod::Add, |_, (a, b): (Value, Value)| {
            add_time(&a, &b)
        });
        methods.add_meta_function(MetaMethod::Sub, |lua, (a, b): (Value, Value)| {
            sub(lua, &a, &b)
        });
    }
}

/// Both operands of a Time comparison, or an error naming what was compared.
fn comparable(op: &str, a: &Value, b: &Value) -> Result<(Time, Time)> {
    match (LuaTime::of(a), LuaTime::of(b)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(mlua::Error::runtime(format!(
            "attempt to compare {} {op} {} (a Time compares only with a Time)",
            operand_name(a),
            operand_name(b)
        ))),
    }
}

/// `Time + TimeDelta` and `TimeDelta + Time`.
pub(crate) fn add_time(a: &Value, b: &Value) -> Result<LuaTime> {
    let sum = match (
        LuaTime::of(a),
        LuaDelta::of(b),
        LuaDelta::of(a),
        LuaTime::of(b),
    ) {
        (Some(t), Some(d), _, _) | (_, _, Some(d), Some(t)) => t.checked_add(d),
        _ => return Err(bad_operands("add", "Time + TimeDelta", a, b)),
    };
    sum.map(LuaTime).map_err(|e| failed("Time + TimeDelta", e))
}

/// `Time - TimeDelta` (a Time) and `Time - Time` (a TimeDelta).
fn sub(lua: &Lua, a: &Value, b: &Value) -> Result<Value> {
    let supported = "Time - TimeDelta or Time - Time";
    let Some(t) = LuaTime::of(a) else {
        return Err(bad_operands("subtract", supported, a, b));
    };
    if let Some(earlier) = LuaTime::of(b) {
        return LuaDelta(t.duration_since(earlier)).into_lua(lua);
    }
    let Some(d) = LuaDelta::of(b) else {
        return Err(bad_operands("subtract", supported, a, b));
    };
    let diff = t
        .checked_sub(d)
        .map_err(|e| failed("Time - TimeDelta", e))?;
    LuaTime(diff).into_lua(lua)
}

/// The error for arithmetic on operands that do not support it.
pub(crate) fn bad_operands(verb: &str, supported: &str, a: &Value, b: &Value) -> mlua::Error {
    mlua::Error::runtime(format!(
        "attempt to {verb} {} and {} (supported: {supported})",
        operand_name(a),
        operand_name(b)
    ))
}
