//! The timer userdata returned by `kumo.time.start_timer`.

use kumo_time::Timer;
use mlua::{MetaMethod, MultiValue, UserData, UserDataFields, UserDataMethods};

/// A [`Timer`] as Lua sees it.
#[derive(Debug)]
pub(crate) struct LuaTimer(pub(crate) Timer);

impl UserData for LuaTimer {
    fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
        fields.add_meta_field(MetaMethod::Type, "kumo.time.Timer");
    }

    fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
        methods.add_method_mut("done", |_, t, ()| Ok(t.0.done().as_secs_f64()));
        // `local t <close> = kumo.time.start_timer(..)` records on scope exit;
        // `done` only records the first time, so an explicit `done` first is fine.
        methods.add_meta_method_mut(MetaMethod::Close, |_, t, _: MultiValue| {
            t.0.done();
            Ok(())
        });
        methods.add_meta_method(MetaMethod::ToString, |_, t, ()| {
            Ok(format!("timer {:?}", t.0.label()))
        });
    }
}
