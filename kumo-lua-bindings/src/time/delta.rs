//! The `TimeDelta` userdata: fields, comparisons and arithmetic.

use kumo_time::TimeDelta;
use mlua::{
    Integer, IntoLua, MetaMethod, Result, UserData, UserDataFields, UserDataMethods, Value,
};

use super::instant::{LuaTime, add_time, bad_operands, operand_name};
use crate::args::failed;

/// A [`TimeDelta`] as Lua sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LuaDelta(pub(crate) TimeDelta);

impl LuaDelta {
    /// The `TimeDelta` inside `v`, if `v` is a `TimeDelta` userdata.
    pub(crate) fn of(v: &Value) -> Option<TimeDelta> {
        match v {
            Value::UserData(ud) => ud.borrow::<LuaDelta>().ok().map(|d| d.0),
            _ => None,
        }
    }
}

/// A count of units as a Lua integer.
///
/// A delta can span more nanoseconds (or microseconds) than an i64 holds
/// (about 292 years of nanoseconds). Rounding to a float would silently
/// change the type and lose precision, so it is an error that points to the
/// fields that do fit.
fn integer_field(field: &str, d: TimeDelta, count: i128) -> Result<Integer> {
    Integer::try_from(count).map_err(|_| {
        mlua::Error::runtime(format!(
            "TimeDelta.{field}: {} does not fit in a 64-bit integer of {field}; \
             use .seconds (a float) or a coarser unit",
            d.human()
        ))
    })
}

impl UserData for LuaDelta {
    fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
        fields.add_meta_field(MetaMethod::Type, "kumo.time.TimeDelta");
        fields.add_field_method_get("seconds", |_, d| Ok(d.0.as_secs_f64()));
        fields.add_field_method_get("nanoseconds", |_, d| {
            integer_field("nanoseconds", d.0, d.0.as_nanos())
        });
        fields.add_field_method_get("microseconds", |_, d| {
            integer_field("microseconds", d.0, d.0.as_micros())
        });
        fields.add_field_method_get("milliseconds", |_, d| {
            integer_field("milliseconds", d.0, d.0.as_millis())
        });
        fields.add_field_method_get("human", |_, d| Ok(d.0.human()));
    }

    fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
        methods.add_meta_method(MetaMethod::ToString, |_, d, ()| Ok(d.0.human()));
        methods.add_meta_function(MetaMethod::Eq, |_, (a, b): (Value, Value)| {
            Ok(matches!((LuaDelta::of(&a), LuaDelta::of(&b)), (Some(a), Some(b)) if a == b))
        });
        methods.add_meta_function(MetaMethod::Lt, |_, (a, b): (Value, Value)| {
            let (a, b) = comparable("<", &a, &b)?;
            Ok(a < b)
        });
        methods.add_meta_function(MetaMethod::Le, |_, (a, b): (Value, Value)| {
            let (a, b) = comparable("<=", &a, &b)?;
            Ok(a <= b)
        });
        methods.add_meta_function(MetaMethod::Add, |lua, (a, b): (Value, Value)| {
            if LuaTime::of(&b).is_some() {
                // `delta + time` is a Time; the Time metatable does the work.
                return add_time(&a, &b).and_then(|t| t.into_lua(lua));
            }
            let (x, y) = both("add", "TimeDelta + TimeDelta or TimeDelta + Time", &a, &b)?;
            let sum = x
                .checked_add(y)
                .map_err(|e| failed("TimeDelta + TimeDelta", e))?;
            LuaDelta(sum).into_lua(lua)
        });
        methods.add_meta_function(MetaMethod::Sub, |_, (a, b): (Value, Value)| {
            let (x, y) = both("subtract", "TimeDelta - TimeDelta", &a, &b)?;
            let diff = x
                .checked_sub(y)
                .map_err(|e| failed("TimeDelta - TimeDelta", e))?;
            Ok(LuaDelta(diff))
        });
        methods.add_meta_method(MetaMethod::Unm, |_, d, _: Value| {
            let neg = d.0.checked_neg().map_err(|e| failed("-TimeDelta", e))?;
            Ok(LuaDelta(neg))
        });
    }
}

/// Both operands as deltas, or an error naming the operation.
fn both(verb: &str, supported: &str, a: &Value, b: &Value) -> Result<(TimeDelta, TimeDelta)> {
    match (LuaDelta::of(a), LuaDelta::of(b)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(bad_operands(verb, supported, a, b)),
    }
}

/// Both operands of a TimeDelta comparison, or an error.
fn comparable(op: &str, a: &Value, b: &Value) -> Result<(TimeDelta, TimeDelta)> {
    match (LuaDelta::of(a), LuaDelta::of(b)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(mlua::Error::runtime(format!(
            "attempt to compare {} {op} {} (a TimeDelta compares only with a TimeDelta)",
            operand_name(a),
            operand_name(b)
        ))),
    }
}
