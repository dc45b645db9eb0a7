//! Lua `io`-style arguments of the file methods: read formats, values to
//! write, and seek positions.

use std::io::SeekFrom;

use kumo_fs::File;
use mlua::{Integer, Lua, MultiValue, Number, Result, Value};

use crate::args::{self, bad_arg, failed, wrong_type};

/// One format of `file:read(...)` / `file:lines(...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `"a"`: the rest of the file.
    All,
    /// `"l"` (without the newline) or `"L"` (with it).
    Line { keep_newline: bool },
    /// `"n"`: a numeral, converted as `tonumber` would.
    Number,
    /// An integer: at most that many bytes.
    Count(usize),
}

/// Parses the formats in `values`; `default` applies when there are none.
pub(crate) fn parse_formats(name: &str, values: &[Value], default: Format) -> Result<Vec<Format>> {
    if values.is_empty() {
        return Ok(vec![default]);
    }
    values
        .iter()
        .enumerate()
        .map(|(i, v)| parse_format(name, i + 1, v))
        .collect()
}

fn parse_format(name: &str, pos: usize, v: &Value) -> Result<Format> {
    match v {
        Value::String(s) => match &*s.as_bytes() {
            b"a" | b"*a" => Ok(Format::All),
            b"l" | b"*l" => Ok(Format::Line {
                keep_newline: false,
            }),
            b"L" | b"*L" => Ok(Format::Line { keep_newline: true }),
            b"n" | b"*n" => Ok(Format::Number),
            other => Err(bad_arg(
                name,
                pos,
                format!(
                    "invalid format {:?}: expected a byte count or one of \"a\", \"l\", \"L\", \"n\"",
                    String::from_utf8_lossy(other)
                ),
            )),
        },
        Value::Integer(_) | Value::Number(_) => {
            let n = args::integer(name, pos, v)?;
            // usize is at least as wide as the non-negative i64 range on the
            // 64-bit targets this runs on; narrower targets get an error.
            usize::try_from(n).map(Format::Count).map_err(|_| {
                bad_arg(
                    name,
                    pos,
                    format!("byte count must be between 0 and {}, got {n}", usize::MAX),
                )
            })
        }
        other => Err(wrong_type(name, pos, "number or format string", other)),
    }
}

/// Reads `formats` in order, as `io.read` does: one value per format, and
/// after the first that finds nothing, `nil` and no further reads.
///
/// `read(n)` and `read("a")` give `""` at end of file (as DESIGN.md says);
/// with `eof_is_nil` (for `lines`) they give `nil` so that loops end.
pub(crate) async fn read_formats(
    lua: &Lua,
    name: &str,
    file: &mut File,
    formats: &[Format],
    eof_is_nil: bool,
) -> Result<MultiValue> {
    let mut out = MultiValue::with_capacity(formats.len());
    for format in formats {
        let bytes = match *format {
            Format::All => Some(file.read_to_end().await).filter(|r| !eof_is_nil || !is_empty(r)),
            Format::Count(n) => Some(file.read(n).await).filter(|r| !eof_is_nil || !is_empty(r)),
            Format::Line { keep_newline } => file.read_line(keep_newline).await.transpose(),
            Format::Number => {
                let numeral = file.read_numeral().await.map_err(|e| failed(name, e))?;
                let value = match numeral {
                    Some(text) => numeral_value(lua, &text)?,
                    None => Value::Nil,
                };
                let done = value.is_nil();
                out.push_back(value);
                if done {
                    break;
                }
                continue;
            }
        };
        match bytes.transpose().map_err(|e| failed(name, e))? {
            Some(b) => out.push_back(Value::String(lua.create_string(&b)?)),
            None => {
                out.push_back(Value::Nil);
                break;
            }
        }
    }
    Ok(out)
}

/// Whether a read succeeded with no bytes (end of file).
fn is_empty<B: AsRef<[u8]>, E>(r: &std::result::Result<B, E>) -> bool {
    r.as_ref().is_ok_and(|b| b.as_ref().is_empty())
}

/// Converts numeral text with Lua's `tonumber` rules: an integer when the
/// text is an integer numeral that fits (hex wraps around, as in Lua), a
/// float otherwise, `nil` when it is not a number at all.
pub(crate) fn numeral_value(lua: &Lua, text: &[u8]) -> Result<Value> {
    let s = Value::String(lua.create_string(text)?);
    if looks_integral(text) {
        let hex = text.iter().any(|b| matches!(b, b'x' | b'X'));
        let integer = if hex {
            // Hex integers wrap around; Lua's own conversion does that.
            lua.coerce_integer(s.clone())?
        } else {
            // A decimal that overflows is a float for `tonumber`; Lua's
            // integer coercion would instead round that float back into
            // range (-9223372036854775809 would become math.mininteger).
            std::str::from_utf8(text).ok().and_then(|t| t.parse().ok())
        };
        if let Some(i) = integer {
            return Ok(Value::Integer(i));
        }
    }
    Ok(lua.coerce_number(s)?.map_or(Value::Nil, Value::Number))
}

/// Whether a numeral has no fraction, exponent or special value, so that
/// Lua reads it as an integer (`"1.0"` and `"1e2"` are floats).
fn looks_integral(text: &[u8]) -> bool {
    let t = text.trim_ascii();
    let t = t.strip_prefix(b"-").unwrap_or(t);
    let (digits, float_marks): (&[u8], &[u8]) = match t {
        [b'0', b'x' | b'X', rest @ ..] => (rest, b".pP"),
        _ => (t, b".eEnN"),
    };
    !digits.iter().any(|c| float_marks.contains(c))
}

/// The bytes `file:write(...)` writes for `values`, as `io.write` formats
/// them: strings as they are, integers in decimal, floats as `%.14g`.
pub(crate) fn write_bytes(lua: &Lua, name: &str, values: &[Value]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Value::String(s) => out.extend_from_slice(&s.as_bytes()),
            Value::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Value::Number(n) => out.extend_from_slice(&float_text(lua, *n)?),
            other => return Err(wrong_type(name, i + 1, "string or number", other)),
        }
    }
    Ok(out)
}

/// `%.14g` of `n`, as `io.write` prints floats.
///
/// Lua's `tostring` uses the same `%.14g` and then appends `.0` when the
/// result looks like an integer; `io.write` does not, so that suffix is
/// removed again.
fn float_text(lua: &Lua, n: Number) -> Result<Vec<u8>> {
    let Some(s) = lua.coerce_string(Value::Number(n))? else {
        return Ok(n.to_string().into_bytes());
    };
    let text = s.as_bytes().to_vec();
    match text.strip_suffix(b".0") {
        Some(body) if body.iter().all(|c| b"-0123456789".contains(c)) => Ok(body.to_vec()),
        _ => Ok(text),
    }
}

/// The target of `file:seek(whence?, offset?)`; the two arguments may come
/// in either order.
pub(crate) fn seek_target(name: &str, values: &[Value]) -> Result<SeekFrom> {
    let mut whence: Option<(usize, Vec<u8>)> = None;
    let mut offset: Option<(usize, Integer)> = None;
    for (i, v) in values.iter().enumerate().take(2) {
        let pos = i + 1;
        match v {
            Value::Nil => {}
            Value::String(s) if whence.is_none() => whence = Some((pos, s.as_bytes().to_vec())),
            Value::Integer(_) | Value::Number(_) if offset.is_none() => {
                offset = Some((pos, args::integer(name, pos, v)?));
            }
            Value::String(_) | Value::Integer(_) | Value::Number(_) => {
                return Err(bad_arg(
                    name,
                    pos,
                    "expected one whence string and one integer offset",
                ));
            }
            other => {
                return Err(wrong_type(
                    name,
                    pos,
                    "whence string or integer offset",
                    other,
                ));
            }
        }
    }
    let (offset_pos, offset) = offset.unwrap_or((2, 0));
    let (whence_pos, whence) = whence.unwrap_or((1, b"cur".to_vec()));
    match whence.as_slice() {
        b"set" => u64::try_from(offset).map(SeekFrom::Start).map_err(|_| {
            bad_arg(
                name,
                offset_pos,
                format!("offset must not be negative with whence \"set\", got {offset}"),
            )
        }),
        b"cur" => Ok(SeekFrom::Current(offset)),
        b"end" => Ok(SeekFrom::End(offset)),
        other => Err(bad_arg(
            name,
            whence_pos,
            format!(
                "invalid whence {:?}: expected \"set\", \"cur\" or \"end\"",
                String::from_utf8_lossy(other)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_numerals() {
        for t in [
            "10",
            "-10",
            " 7 ",
            "0x10",
            "0XfF",
            "0xE",
            "99999999999999999999",
        ] {
            assert!(looks_integral(t.as_bytes()), "{t}");
        }
        for t in ["1.0", "1e2", "1E2", ".5", "0x1p4", "0x1.8", "-inf", "nan"] {
            assert!(!looks_integral(t.as_bytes()), "{t}");
        }
    }

    #[test]
    fn numerals_convert_as_tonumber() {
        let lua = Lua::new();
        let cases: [(&str, Value); 12] = [
            ("42", Value::Integer(42)),
            ("-9223372036854775808", Value::Integer(i64::MIN)),
            ("9223372036854775807", Value::Integer(i64::MAX)),
            (
                "-9223372036854775809",
                Value::Number(-9.223_372_036_854_776e18),
            ),
            (
                "9223372036854775808",
                Value::Number(9.223_372_036_854_776e18),
            ),
            ("-0x10", Value::Integer(-16)),
            ("0xffffffffffffffff", Value::Integer(-1)),
            ("1.5", Value::Number(1.5)),
            ("1e2", Value::Number(100.0)),
            ("99999999999999999999", Value::Number(1e20)),
            ("0x", Value::Nil),
            ("-", Value::Nil),
        ];
        for (text, want) in cases {
            assert_eq!(
                numeral_value(&lua, text.as_bytes()).unwrap(),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn floats_are_written_as_io_write_does() {
        let lua = Lua::new();
        let cases = [
            (1.0, "1"),
            (-0.0, "-0"),
            (0.1, "0.1"),
            (1e100, "1e+100"),
            (123456789012345678.0, "1.2345678901235e+17"),
            (Number::INFINITY, "inf"),
        ];
        for (n, want) in cases {
            assert_eq!(float_text(&lua, n).unwrap(), want.as_bytes(), "{n}");
        }
    }

    #[test]
    fn seek_arguments_in_either_order() {
        let s = |v: Vec<Value>| seek_target("f:seek", &v);
        let lua = Lua::new();
        let set = Value::String(lua.create_string("set").unwrap());
        let end = Value::String(lua.create_string("end").unwrap());
        assert_eq!(s(vec![]).unwrap(), SeekFrom::Current(0));
        assert_eq!(
            s(vec![set.clone(), Value::Integer(5)]).unwrap(),
            SeekFrom::Start(5)
        );
        assert_eq!(
            s(vec![Value::Integer(5), set.clone()]).unwrap(),
            SeekFrom::Start(5)
        );
        assert_eq!(s(vec![end.clone()]).unwrap(), SeekFrom::End(0));
        assert_eq!(s(vec![Value::Integer(-3)]).unwrap(), SeekFrom::Current(-3));
        assert!(s(vec![set.clone(), Value::Integer(-1)]).is_err());
        assert!(s(vec![set.clone(), end]).is_err());
        assert!(s(vec![Value::Number(f64::NAN)]).is_err());
        assert!(s(vec![Value::Boolean(true)]).is_err());
    }
}
