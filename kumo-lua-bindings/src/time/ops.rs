//! The operators shared by `Time` and `TimeDelta`.
//!
//! Lua calls the metamethod of either operand, so both metatables register
//! the same functions, which handle every combination of operands.

use kumo_time::{Time, TimeDelta};
use mlua::{Either, IntoLua, Lua, MetaMethod, Result, UserDataMethods, UserDataRef, Value};

use super::delta::LuaDelta;
use super::instant::LuaTime;
use crate::args::{self, failed};

/// An operand as mlua reads it off the stack: borrowing our userdata
/// directly is several times cheaper than going through a [`Value`].
type Operand = Either<UserDataRef<LuaTime>, Either<UserDataRef<LuaDelta>, Value>>;

/// An operand, classified.
enum Op {
    Time(Time),
    Delta(TimeDelta),
    Other(Value),
}

impl From<Operand> for Op {
    fn from(o: Operand) -> Op {
        match o {
            Either::Left(t) => Op::Time(t.0),
            Either::Right(Either::Left(d)) => Op::Delta(d.0),
            Either::Right(Either::Right(v)) => Op::Other(v),
        }
    }
}

impl Op {
    /// The type name for messages.
    fn name(&self) -> &'static str {
        match self {
            Op::Time(_) => "Time",
            Op::Delta(_) => "TimeDelta",
            Op::Other(v) => args::type_name(v),
        }
    }
}

/// The result of `+` or `-`.
enum Out {
    Time(Time),
    Delta(TimeDelta),
}

impl IntoLua for Out {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        match self {
            Out::Time(t) => LuaTime(t).into_lua(lua),
            Out::Delta(d) => LuaDelta(d).into_lua(lua),
        }
    }
}

/// Registers `==`, `<`, `<=`, `+`, `-` and unary `-` on a metatable.
pub(crate) fn add_operators<T, M: UserDataMethods<T>>(methods: &mut M) {
    methods.add_meta_function(MetaMethod::Eq, |_, (a, b): (Operand, Operand)| {
        Ok(match (Op::from(a), Op::from(b)) {
            (Op::Time(a), Op::Time(b)) => a == b,
            (Op::Delta(a), Op::Delta(b)) => a == b,
            _ => false,
        })
    });
    methods.add_meta_function(MetaMethod::Lt, |_, (a, b): (Operand, Operand)| {
        compare("<", a.into(), b.into(), |o| o.is_lt())
    });
    methods.add_meta_function(MetaMethod::Le, |_, (a, b): (Operand, Operand)| {
        compare("<=", a.into(), b.into(), |o| o.is_le())
    });
    methods.add_meta_function(MetaMethod::Add, |_, (a, b): (Operand, Operand)| {
        add(a.into(), b.into())
    });
    methods.add_meta_function(MetaMethod::Sub, |_, (a, b): (Operand, Operand)| {
        sub(a.into(), b.into())
    });
    // Lua passes the operand of a unary minus twice.
    methods.add_meta_function(
        MetaMethod::Unm,
        |_, (a, _): (Operand, Value)| match Op::from(a) {
            Op::Delta(d) => d
                .checked_neg()
                .map(Out::Delta)
                .map_err(|e| failed("-TimeDelta", e)),
            other => Err(mlua::Error::runtime(format!(
                "attempt to negate a {} (only a TimeDelta can be negated)",
                other.name()
            ))),
        },
    );
}

fn compare(op: &str, a: Op, b: Op, test: fn(std::cmp::Ordering) -> bool) -> Result<bool> {
    match (&a, &b) {
        (Op::Time(x), Op::Time(y)) => Ok(test(x.cmp(y))),
        (Op::Delta(x), Op::Delta(y)) => Ok(test(x.cmp(y))),
        _ => Err(mlua::Error::runtime(format!(
            "attempt to compare {} {op} {} (a Time compares with a Time, a TimeDelta with a TimeDelta)",
            a.name(),
            b.name()
        ))),
    }
}

fn add(a: Op, b: Op) -> Result<Out> {
    match (&a, &b) {
        (Op::Time(t), Op::Delta(d)) | (Op::Delta(d), Op::Time(t)) => t
            .checked_add(*d)
            .map(Out::Time)
            .map_err(|e| failed("Time + TimeDelta", e)),
        (Op::Delta(x), Op::Delta(y)) => x
            .checked_add(*y)
            .map(Out::Delta)
            .map_err(|e| failed("TimeDelta + TimeDelta", e)),
        _ => Err(unsupported(
            "add",
            "Time + TimeDelta, TimeDelta + TimeDelta",
            &a,
            &b,
        )),
    }
}

fn sub(a: Op, b: Op) -> Result<Out> {
    match (&a, &b) {
        (Op::Time(t), Op::Delta(d)) => t
            .checked_sub(*d)
            .map(Out::Time)
            .map_err(|e| failed("Time - TimeDelta", e)),
        (Op::Time(t), Op::Time(earlier)) => Ok(Out::Delta(t.duration_since(*earlier))),
        (Op::Delta(x), Op::Delta(y)) => x
            .checked_sub(*y)
            .map(Out::Delta)
            .map_err(|e| failed("TimeDelta - TimeDelta", e)),
        _ => Err(unsupported(
            "subtract",
            "Time - TimeDelta, Time - Time, TimeDelta - TimeDelta",
            &a,
            &b,
        )),
    }
}

fn unsupported(verb: &str, supported: &str, a: &Op, b: &Op) -> mlua::Error {
    mlua::Error::runtime(format!(
        "attempt to {verb} {} and {} (supported: {supported})",
        a.name(),
        b.name()
    ))
}
