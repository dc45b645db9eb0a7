//! `os.exit` that loses no buffered `kumo.fs` bytes.
//!
//! Lua's own `os.exit` calls C `exit` at once: `io` files are flushed by the
//! C library, but `kumo.fs` files the script did not close are never
//! finalized, so their buffered bytes would be lost. The runner's `os.exit`
//! instead stops the script where it stands (it never returns, so `pcall`
//! cannot catch it) and tells the runner the status; the runner then closes
//! the Lua state inside its runtime, waits for the writes, and exits.

use mlua::{Function, Lua, Result, Value};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// Lua source of the replacement: where Lua cannot yield (inside a
/// metamethod, say) the script cannot be stopped in place, so Lua's own
/// `os.exit` runs, as before.
const EXIT: &str = r#"
local original, stop, isyieldable = ...
return function(code, close)
    if isyieldable() then
        return stop(code)
    end
    return original(code, close)
end
"#;

/// Replaces `os.exit` (if the `os` library is loaded); the receiver yields
/// the status of the first call.
pub(crate) fn install(lua: &Lua) -> Result<UnboundedReceiver<u8>> {
    let (tx, rx) = unbounded_channel();
    let Value::Table(os) = lua.globals().get::<Value>("os")? else {
        return Ok(rx);
    };
    let Value::Table(coroutine) = lua.globals().get::<Value>("coroutine")? else {
        return Ok(rx);
    };
    let original: Function = os.get("exit")?;
    let isyieldable: Function = coroutine.get("isyieldable")?;
    let exit: Function = lua.load(EXIT).set_name("=kumo-lua os.exit").call((
        original,
        stop_function(lua, tx)?,
        isyieldable,
    ))?;
    os.set("exit", exit)?;
    Ok(rx)
}

/// The async function that reports the status and never completes.
fn stop_function(lua: &Lua, tx: UnboundedSender<u8>) -> Result<Function> {
    lua.create_async_function(move |_, code: Value| {
        let status = status(&code);
        let tx = tx.clone();
        async move {
            // The receiver lives as long as the runner waits for the script.
            let _ = tx.send(status?);
            std::future::pending::<()>().await;
            Ok(())
        }
    })
}

/// The process status `os.exit(code)` asks for, as Lua computes it: `true`
/// or none is success, `false` failure, an integer its low 8 bits.
fn status(code: &Value) -> Result<u8> {
    let integer = match *code {
        Value::Nil | Value::Boolean(true) => 0,
        Value::Boolean(false) => 1,
        Value::Integer(i) => i,
        // Exact: a float in i64 range with no fraction.
        Value::Number(f) if f.fract() == 0.0 && (-9.2e18..=9.2e18).contains(&f) => f as i64,
        Value::Number(_) => return Err(bad_status("number has no integer representation")),
        ref other => {
            return Err(bad_status(&format!(
                "boolean or integer expected, got {}",
                other.type_name()
            )));
        }
    };
    Ok((integer & 0xff) as u8)
}

fn bad_status(why: &str) -> mlua::Error {
    mlua::Error::runtime(format!("bad argument #1 to 'os.exit' ({why})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_lua() {
        assert_eq!(status(&Value::Nil).unwrap(), 0);
        assert_eq!(status(&Value::Boolean(true)).unwrap(), 0);
        assert_eq!(status(&Value::Boolean(false)).unwrap(), 1);
        assert_eq!(status(&Value::Integer(3)).unwrap(), 3);
        assert_eq!(status(&Value::Integer(256 + 7)).unwrap(), 7);
        assert_eq!(status(&Value::Integer(-1)).unwrap(), 255);
        assert_eq!(status(&Value::Number(4.0)).unwrap(), 4);
        assert!(status(&Value::Number(4.5)).is_err());
        assert!(status(&Value::Number(f64::NAN)).is_err());
    }
}
