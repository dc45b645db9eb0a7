//! The `Time` userdata: fields, `format` and (in `ops`) operators.

use kumo_time::Time;
use mlua::{MetaMethod, UserData, UserDataFields, UserDataMethods};

use super::delta::LuaDelta;
use crate::args::{Text, text};

/// A [`Time`] as Lua sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LuaTime(pub(crate) Time);

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
        methods.add_method("format", |_, t, fmt: Text| {
            Ok(t.0.format(&text("Time:format", 1, fmt)?))
        });
        methods.add_meta_method(MetaMethod::ToString, |_, t, ()| Ok(t.0.to_string()));
        super::ops::add_operators(methods);
    }
}
