//! The `TimeDelta` userdata: fields and (in `ops`) operators.

use kumo_time::TimeDelta;
use mlua::{Integer, MetaMethod, Result, UserData, UserDataFields, UserDataMethods};

/// A [`TimeDelta`] as Lua sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LuaDelta(pub(crate) TimeDelta);

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
        super::ops::add_operators(methods);
    }
}
