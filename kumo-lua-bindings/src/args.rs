//! Argument checking with Lua-style messages that name the function.
//!
//! mlua's own conversion errors say `bad argument #1` without saying to
//! which function; policy authors need both, so every binding converts its
//! arguments through these helpers instead.

use std::fmt::Display;

use mlua::{Error, Integer, LuaString, Number, Result, Value};

/// A Lua number as the caller passed it: integers stay exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num {
    Int(Integer),
    Float(Number),
}

impl std::fmt::Display for Num {
    /// Integers as they are; floats short (`1e300`, not 301 digits).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Num::Int(i) => write!(f, "{i}"),
            Num::Float(x) if x.is_finite() && x.abs() >= 1e16 => write!(f, "{x:e}"),
            Num::Float(x) => write!(f, "{x}"),
        }
    }
}

/// `bad argument #pos to 'func' (why)`, as `luaL_argerror` words it.
pub(crate) fn bad_arg(func: &str, pos: usize, why: impl Display) -> Error {
    Error::runtime(format!("bad argument #{pos} to '{func}' ({why})"))
}

/// The error for an argument of the wrong Lua type.
pub(crate) fn wrong_type(func: &str, pos: usize, expected: &str, got: &Value) -> Error {
    bad_arg(
        func,
        pos,
        format!("{expected} expected, got {}", type_name(got)),
    )
}

/// The type name Lua's own messages use (`type(v)`: integers and floats
/// are both "number", unlike mlua's names).
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Integer(_) | Value::Number(_) => "number",
        other => other.type_name(),
    }
}

/// Prefixes an error from a pure crate with the Lua function that hit it.
pub(crate) fn failed(func: &str, err: impl Display) -> Error {
    Error::runtime(format!("{func}: {err}"))
}

/// A Lua string argument (binary-safe).
pub(crate) fn string(func: &str, pos: usize, v: Value) -> Result<LuaString> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(wrong_type(func, pos, "string", &other)),
    }
}

/// A string argument that must be UTF-8 (patterns, formats, timestamps).
pub(crate) fn utf8(func: &str, pos: usize, v: Value) -> Result<String> {
    let s = string(func, pos, v)?;
    s.to_str().map(|s| s.to_owned()).map_err(|_| {
        bad_arg(
            func,
            pos,
            format!("string is not valid UTF-8: {:?}", s.display().to_string()),
        )
    })
}

/// A string argument of a hot function: mlua reads UTF-8 strings (and
/// numbers, converted as `luaL_checkstring` does) straight off the stack,
/// which is several times cheaper than taking a [`Value`] and borrowing its
/// bytes; anything else arrives as the `Value` for a clear error.
pub(crate) type Text = mlua::Either<String, Value>;

/// The string in a [`Text`] argument.
pub(crate) fn text(func: &str, pos: usize, arg: Text) -> Result<String> {
    match arg {
        mlua::Either::Left(s) => Ok(s),
        mlua::Either::Right(v) => utf8(func, pos, v),
    }
}

/// An optional string argument: `nil` or absent gives `None`.
pub(crate) fn opt_utf8(func: &str, pos: usize, v: Value) -> Result<Option<String>> {
    match v {
        Value::Nil => Ok(None),
        v => utf8(func, pos, v).map(Some),
    }
}

/// A number argument, integer or float.
pub(crate) fn number(func: &str, pos: usize, v: &Value) -> Result<Num> {
    match *v {
        Value::Integer(i) => Ok(Num::Int(i)),
        Value::Number(n) => Ok(Num::Float(n)),
        ref other => Err(wrong_type(func, pos, "number", other)),
    }
}

/// An integer argument; floats are accepted when they hold an exact integer,
/// as `luaL_checkinteger` does.
pub(crate) fn integer(func: &str, pos: usize, v: &Value) -> Result<Integer> {
    match number(func, pos, v)? {
        Num::Int(i) => Ok(i),
        Num::Float(f) => float_to_integer(f).ok_or_else(|| {
            bad_arg(
                func,
                pos,
                format!("number has no integer representation: {f}"),
            )
        }),
    }
}

/// The integer a float holds exactly, if any (NaN, infinities, fractions and
/// values beyond the i64 range give `None`).
pub(crate) fn float_to_integer(f: Number) -> Option<Integer> {
    // 2^63 is exactly representable; every float in [-2^63, 2^63) converts
    // without loss when it has no fraction.
    const LIMIT: Number = 9_223_372_036_854_775_808.0;
    (f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f)).then_some(f as Integer)
}

/// Argument `pos` (1-based) of a variadic call, `nil` when absent.
pub(crate) fn nth(args: &[Value], pos: usize) -> Value {
    args.get(pos - 1).cloned().unwrap_or(Value::Nil)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_to_integer_accepts_only_exact_integers() {
        assert_eq!(float_to_integer(3.0), Some(3));
        assert_eq!(float_to_integer(-0.0), Some(0));
        assert_eq!(
            float_to_integer(-9_223_372_036_854_775_808.0),
            Some(i64::MIN)
        );
        assert_eq!(float_to_integer(9_223_372_036_854_775_808.0), None);
        assert_eq!(float_to_integer(0.5), None);
        assert_eq!(float_to_integer(Number::NAN), None);
        assert_eq!(float_to_integer(Number::INFINITY), None);
        assert_eq!(float_to_integer(Number::NEG_INFINITY), None);
    }

    #[test]
    fn messages_name_the_function_and_position() {
        let err = integer("kumo.x", 2, &Value::Boolean(true)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "runtime error: bad argument #2 to 'kumo.x' (number expected, got boolean)"
        );
        let err = integer("kumo.x", 1, &Value::Number(0.5)).unwrap_err();
        assert!(
            err.to_string().contains("no integer representation: 0.5"),
            "{err}"
        );
    }
}
