//! `kumo-lua`: runs Lua policy scripts with `kumo.fs` and `kumo.time`.
//!
//! ```text
//! kumo-lua [-e CODE]... [SCRIPT [ARGS...]]
//! ```
//!
//! Like the `lua` program, it sets the global `arg` (the script at index 0,
//! its arguments at 1.., the interpreter and options at negative indices)
//! and passes the arguments to the script as `...`. Lua runs asynchronously
//! on a multi-thread tokio runtime, so the async `kumo` functions work
//! anywhere a coroutine could yield. Files the script leaves open are written
//! before the process exits, also after `os.exit` (see `exit.rs`).

mod exit;

use std::ffi::{OsStr, OsString};
use std::process::ExitCode;

use mlua::{Lua, Table};

const USAGE: &str = "\
usage: kumo-lua [options] [SCRIPT [ARGS...]]

Runs a Lua 5.4 script with the kumo.fs and kumo.time modules registered,
asynchronously on a multi-thread tokio runtime.

options:
  -e CODE       run CODE (may be repeated; runs before SCRIPT)
  -             run the script read from standard input
  --            stop handling options
  -h, --help    print this help
  -v, --version print the version

The global `arg` holds the script name at index 0, its arguments at 1, 2, ...
and the interpreter and its options at negative indices, as in `lua`.
Errors print the Lua traceback to standard error and exit with status 1.
";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
struct Invocation {
    /// `-e` chunks, in order.
    chunks: Vec<Vec<u8>>,
    /// Index in argv of the script (`-` for stdin), if any.
    script: Option<usize>,
}

/// What to do after parsing the command line.
#[derive(Debug, PartialEq)]
enum Command {
    Run(Invocation),
    Help,
    Version,
}

/// The bytes of a command-line argument: exact on Unix, where arguments
/// need not be UTF-8 (Lua strings are bytes too).
fn os_bytes(a: &OsStr) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        a.as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        a.to_string_lossy().into_owned().into_bytes()
    }
}

/// Parses `argv` (with `argv[0]`); errors are usage messages.
fn parse(argv: &[OsString]) -> Result<Command, String> {
    let mut chunks = Vec::new();
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        match a.to_str().unwrap_or("") {
            "-h" | "--help" => return Ok(Command::Help),
            "-v" | "--version" => return Ok(Command::Version),
            "-e" => {
                let code = argv.get(i + 1).ok_or("'-e' needs an argument")?;
                chunks.push(os_bytes(code));
                i += 2;
            }
            "--" => {
                i += 1;
                break;
            }
            "-" => break,
            _ if os_bytes(a).starts_with(b"-") => {
                return Err(format!("unrecognized option '{}'", a.to_string_lossy()));
            }
            _ => break,
        }
    }
    let script = (i < argv.len()).then_some(i);
    if script.is_none() && chunks.is_empty() {
        return Err("no script and no -e CODE given".to_owned());
    }
    Ok(Command::Run(Invocation { chunks, script }))
}

/// The `arg` table: the script (or, without one, the interpreter) at index
/// 0, everything before it at negative indices.
fn arg_table(lua: &Lua, argv: &[OsString], script: Option<usize>) -> mlua::Result<Table> {
    let zero = script.unwrap_or(0);
    let t = lua.create_table()?;
    for (i, a) in argv.iter().enumerate() {
        // argv is tiny; these casts cannot overflow an i64.
        t.raw_set(i as i64 - zero as i64, lua.create_string(os_bytes(a))?)?;
    }
    Ok(t)
}

/// Reads the script source; a first line starting with `#` (a shebang) is
/// blanked as `lua` does, keeping line numbers.
fn script_source(path: &OsStr) -> std::io::Result<Vec<u8>> {
    let mut src = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
        buf
    } else {
        std::fs::read(path)?
    };
    if src.starts_with(b"#") {
        let end = src.iter().position(|&b| b == b'\n').unwrap_or(src.len());
        src.drain(..end);
    }
    Ok(src)
}

/// A script ready to run: chunk name, source and arguments.
struct Script<'a> {
    name: String,
    source: Vec<u8>,
    args: &'a [OsString],
}

/// Reads the script named on the command line (before the runtime starts:
/// this read blocks).
fn load_script<'a>(argv: &'a [OsString], inv: &Invocation) -> mlua::Result<Option<Script<'a>>> {
    let Some((path, args)) = inv.script.and_then(|i| argv[i..].split_first()) else {
        return Ok(None);
    };
    let shown = path.to_string_lossy();
    let source = script_source(path)
        .map_err(|e| mlua::Error::runtime(format!("cannot read script {shown:?}: {e}")))?;
    let name = if path == "-" {
        "=stdin".to_owned()
    } else {
        format!("@{shown}")
    };
    Ok(Some(Script { name, source, args }))
}

/// Runs the chunks, then the script; returns the first Lua error.
async fn run(lua: &Lua, chunks: &[Vec<u8>], script: Option<Script<'_>>) -> mlua::Result<()> {
    for code in chunks {
        lua.load(code.as_slice())
            .set_name("=(command line)")
            .exec_async()
            .await?;
    }
    let Some(script) = script else {
        return Ok(());
    };
    let args = script
        .args
        .iter()
        .map(|a| lua.create_string(os_bytes(a)))
        .collect::<mlua::Result<mlua::Variadic<_>>>()?;
    lua.load(script.source)
        .set_name(script.name)
        .call_async::<()>(args)
        .await
}

fn main() -> ExitCode {
    // args_os: a non-UTF-8 argument must not panic.
    let argv: Vec<OsString> = std::env::args_os().collect();
    let inv = match parse(&argv) {
        Ok(Command::Run(inv)) => inv,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("kumo-lua {} (Lua 5.4)", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprint!("kumo-lua: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kumo-lua: cannot start the tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lua = Lua::new();
    let result = kumo_lua_bindings::register(&lua)
        .and_then(|()| {
            lua.globals()
                .set("arg", arg_table(&lua, &argv, inv.script)?)
        })
        .and_then(|()| Ok((exit::install(&lua)?, load_script(&argv, &inv)?)))
        .and_then(|(mut exit_requests, script)| {
            runtime.block_on(async {
                // `os.exit` stops the script where it stands; the state is
                // then closed below like at any other end.
                tokio::select! {
                    done = run(&lua, &inv.chunks, script) => done.map(|()| None),
                    Some(status) = exit_requests.recv() => Ok(Some(status)),
                }
            })
        });
    // Closing the state runs the finalizers of files the script never
    // closed. Inside the runtime they hand their buffered bytes to its
    // blocking pool, and dropping the runtime (after this) waits for that
    // pool, so the bytes are on disk before the process exits.
    {
        let _entered = runtime.enter();
        drop(lua);
    }
    match result {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(status)) => ExitCode::from(status),
        Err(e) => {
            eprintln!("kumo-lua: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    fn to_chunks(a: &[&str]) -> Vec<Vec<u8>> {
        a.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    #[test]
    fn parses_options_script_and_arguments() {
        let run = |chunks: &[&str], script| {
            Ok(Command::Run(Invocation {
                chunks: to_chunks(chunks),
                script,
            }))
        };
        assert_eq!(parse(&argv(&["k", "s.lua", "-e", "x"])), run(&[], Some(1)));
        assert_eq!(
            parse(&argv(&["k", "-e", "a", "-e", "b"])),
            run(&["a", "b"], None)
        );
        assert_eq!(
            parse(&argv(&["k", "-e", "a", "s.lua", "x"])),
            run(&["a"], Some(3))
        );
        assert_eq!(parse(&argv(&["k", "--", "-s.lua"])), run(&[], Some(2)));
        assert_eq!(parse(&argv(&["k", "-"])), run(&[], Some(1)));
        assert_eq!(parse(&argv(&["k", "--help", "s.lua"])), Ok(Command::Help));
        assert!(parse(&argv(&["k"])).is_err());
        assert!(parse(&argv(&["k", "-e"])).is_err());
        assert!(parse(&argv(&["k", "-x"])).is_err());
    }

    #[test]
    fn arg_table_indices_match_lua() {
        let lua = Lua::new();
        let a = argv(&["kumo-lua", "-e", "x=1", "s.lua", "one"]);
        let t = arg_table(&lua, &a, Some(3)).unwrap();
        assert_eq!(t.get::<String>(-3).unwrap(), "kumo-lua");
        assert_eq!(t.get::<String>(-1).unwrap(), "x=1");
        assert_eq!(t.get::<String>(0).unwrap(), "s.lua");
        assert_eq!(t.get::<String>(1).unwrap(), "one");
        let t = arg_table(&lua, &argv(&["kumo-lua", "-e", "x"]), None).unwrap();
        assert_eq!(t.get::<String>(0).unwrap(), "kumo-lua");
        assert_eq!(t.get::<String>(2).unwrap(), "x");
    }
}
