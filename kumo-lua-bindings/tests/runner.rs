//! The `kumo-lua` binary, run as a program.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kumo_lua(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumo-lua"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("kumo-lua runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write_script(dir: &Path, name: &str, source: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, source).unwrap();
    path
}

#[test]
fn help_prints_usage() {
    let tmp = tempfile::tempdir().unwrap();
    for flag in ["--help", "-h"] {
        let o = kumo_lua(&[flag], tmp.path());
        assert!(o.status.success());
        assert!(
            stdout(&o).starts_with("usage: kumo-lua [options] [SCRIPT [ARGS...]]"),
            "{}",
            stdout(&o)
        );
        assert!(stdout(&o).contains("-e CODE"));
    }
    let o = kumo_lua(&["--version"], tmp.path());
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("kumo-lua "));
}

#[test]
fn bad_command_lines_exit_2_with_usage() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [&[][..], &["-e"], &["--frobnicate"]] {
        let o = kumo_lua(args, tmp.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("usage: kumo-lua"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn e_runs_chunks_in_order_with_kumo_registered() {
    let tmp = tempfile::tempdir().unwrap();
    let o = kumo_lua(
        &[
            "-e",
            "x = 40",
            "-e",
            "kumo.time.sleep(0.001) print(x + 2, arg[0], arg[1], arg[2], arg[3])",
        ],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let exe = env!("CARGO_BIN_EXE_kumo-lua");
    assert_eq!(stdout(&o), format!("42\t{exe}\t-e\tx = 40\t-e\n"));
}

#[test]
fn script_gets_arg_and_varargs_like_lua() {
    let tmp = tempfile::tempdir().unwrap();
    let script = write_script(
        tmp.path(),
        "args.lua",
        "#!/usr/bin/env kumo-lua\n\
         local a, b = ...\n\
         print(arg[0], arg[1], arg[2], arg[-1], arg[-2], a, b, select('#', ...))\n\
         print(require('kumo.time') == kumo.time, package.loaded['kumo.fs'] == kumo.fs)\n\
         error('boom')",
    );
    let o = kumo_lua(
        &["-e", "y=1", script.to_str().unwrap(), "one", "two"],
        tmp.path(),
    );
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        format!("{}\tone\ttwo\ty=1\t-e\tone\ttwo\t2", script.display())
    );
    assert_eq!(lines.next().unwrap(), "true\ttrue");
    // The shebang line is blanked, not removed: line numbers stay right.
    assert!(stderr(&o).contains("args.lua:5: boom"), "{}", stderr(&o));
}

#[test]
fn errors_print_the_traceback_and_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let script = write_script(
        tmp.path(),
        "fails.lua",
        "local function inner()\n  kumo.fs.open('/nonexistent/kumo-lua-test')\nend\ninner()\n",
    );
    let o = kumo_lua(&[script.to_str().unwrap()], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("kumo-lua: "), "{err}");
    assert!(err.contains("kumo.fs.open"), "{err}");
    assert!(err.contains("No such file or directory"), "{err}");
    assert!(err.contains("stack traceback:"), "{err}");
    assert!(err.contains("fails.lua:2"), "{err}");
    assert!(err.contains("fails.lua:4"), "{err}");

    let o = kumo_lua(&["-e", "error('plain failure')"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("plain failure"));
    assert!(stderr(&o).contains("stack traceback:"));

    let o = kumo_lua(&["-e", "this is not lua"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("syntax error"), "{}", stderr(&o));

    let o = kumo_lua(&["missing-script.lua"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot read script \"missing-script.lua\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn script_from_stdin() {
    use std::io::Write;
    use std::process::Stdio;
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kumo-lua"))
        .args(["-", "x"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"print(arg[0], ..., kumo.time.parse_duration(90).human)")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(stdout(&o), "-\tx\t1m 30s\n");
}

/// The README's main job, run from another directory with the log going to
/// a temporary directory instead of examples/folder-config/out/.
#[test]
fn example_policy_prints_the_report() {
    let policy = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/folder-config/policy.lua")
        .canonicalize()
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().to_str().unwrap();
    for run in 1..=2 {
        let o = kumo_lua(&[policy.to_str().unwrap(), out_dir], tmp.path());
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        for needle in [
            "folder-config report at ",
            "5 pools from",
            "14 messages from",
            "(1 with an unusable Date)",
            "acme-transactional   Acme Corp              3  2025-03-04 09:15  2025-03-11 13:07",
            "initech-notify       Initech                2  2025-03-03 21:45  2025-03-10 12:00",
            "umbrella-reminders   Umbrella Health        2  2025-03-07 07:30  2025-03-13 23:59",
            "(unmatched)",
            "2001:db8:40::1",
            "unusable Date \"sometime last week\"",
            "no pool for sender domain unlisted.example",
            "oldest message: messages/2025-03-03-initech-tps.eml (Mon, 3 Mar 2025 21:45:00 +0000,",
            "newest message: messages/2025-03-14-globex-digest.eml (Fri, 14 Mar 2025 16:08:08 +0000,",
            "appended 14 lines to",
        ] {
            assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
        }
        let log = std::fs::read_to_string(tmp.path().join("report.log")).unwrap();
        assert_eq!(log.lines().count(), 14 * run, "the log is appended to");
        assert!(log.contains(
            "messages/2025-03-06-northwind-apac-order.eml\tpool=northwind-orders\tsource="
        ));
        assert!(
            log.contains("date=2025-03-06T05:22:51+00:00"),
            "folded Date header"
        );
        assert!(log.contains("date=2025-03-11T13:07:08+00:00"), "PDT");
        assert!(
            log.contains("date=2025-03-12T04:41:12.250+00:00"),
            "fraction and +05:30"
        );
    }
}

/// Arguments need not be UTF-8: they reach Lua byte for byte.
#[cfg(unix)]
#[test]
fn non_utf8_arguments_reach_lua_as_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_kumo-lua"))
        .arg("-e")
        .arg("io.write(#arg[3], ' ', arg[3]:byte(1))")
        .arg("--")
        .arg(std::ffi::OsStr::from_bytes(b"\xff\xfe"))
        .current_dir(tmp.path())
        .output()
        .unwrap();
    // `--` ends the options, so the odd argument is taken as the script.
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read script"), "{}", stderr(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_kumo-lua"))
        .arg("-e")
        .arg("io.write(#arg[2], ' ', arg[2]:byte(1))")
        .arg(std::ffi::OsStr::from_bytes(b"-\xff"))
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown option, even non-UTF-8"
    );
    let script = write_script(
        tmp.path(),
        "bytes.lua",
        "io.write(#arg[1], ' ', arg[1]:byte(1), ' ', (...):byte(2))",
    );
    let o = Command::new(env!("CARGO_BIN_EXE_kumo-lua"))
        .arg(&script)
        .arg(std::ffi::OsStr::from_bytes(b"\xff\xfe"))
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "2 255 254");
}

/// Files a script never closes (in a global, and in a local that the
/// collector may or may not have reached) still have their bytes on disk
/// when the runner exits. Repeated because the loss this guards against
/// was a race with process exit.
#[test]
fn unclosed_files_are_written_before_the_runner_exits() {
    let tmp = tempfile::tempdir().unwrap();
    let script = "KEEP = kumo.fs.open('global.txt', 'w') KEEP:write('kept') \
                  local f = kumo.fs.open('local.txt', 'w') f:write('local')";
    for round in 0..20 {
        let o = kumo_lua(&["-e", script], tmp.path());
        assert!(o.status.success(), "round {round}: {}", stderr(&o));
        let read = |name: &str| std::fs::read_to_string(tmp.path().join(name)).unwrap();
        assert_eq!(read("global.txt"), "kept", "round {round}");
        assert_eq!(read("local.txt"), "local", "round {round}");
    }
}

/// `os.exit` ends the script at once with Lua's status rules (even inside
/// `pcall` or a coroutine), and files the script never closed still get
/// their bytes.
#[test]
fn os_exit_keeps_buffered_bytes_and_its_status() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (
            "local f = kumo.fs.open('a.txt', 'w') f:write('a') os.exit(3)",
            3,
        ),
        (
            "KEEP = kumo.fs.open('a.txt', 'w') KEEP:write('a') pcall(os.exit, 4) print('after')",
            4,
        ),
        (
            "coroutine.wrap(function() local f = kumo.fs.open('a.txt', 'w') f:write('a') kumo.time.sleep(0) os.exit(true) end)() print('after')",
            0,
        ),
        (
            "local f = kumo.fs.open('a.txt', 'w') f:write('a') os.exit(false)",
            1,
        ),
    ];
    for (script, code) in cases {
        let o = kumo_lua(&["-e", script], tmp.path());
        assert_eq!(o.status.code(), Some(code), "{script}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{script} went on after os.exit");
        let written = std::fs::read_to_string(tmp.path().join("a.txt")).unwrap();
        assert_eq!(written, "a", "{script}");
        std::fs::remove_file(tmp.path().join("a.txt")).unwrap();
    }
    let o = kumo_lua(&["-e", "os.exit(1.5)"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bad argument #1 to 'os.exit' (number has no integer representation)"),
        "{}",
        stderr(&o)
    );
}

/// A braced glob over more directories than the process may have open
/// descriptors finds everything (the alternatives share listings, which
/// must not hold directories open).
#[test]
fn braced_globs_do_not_hold_directories_open() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..200 {
        let dir = tmp.path().join(format!("d{i}"));
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("f.txt"), "").unwrap();
    }
    std::fs::write(tmp.path().join("top.log"), "").unwrap();
    let script = "local n = #kumo.fs.uncached_glob('{**/*.txt,*.log}') \
                  assert(n == 201, 'found ' .. n .. ' of 201')";
    let o = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 64 && exec \"$0\" -e \"$1\"")
        .arg(env!("CARGO_BIN_EXE_kumo-lua"))
        .arg(script)
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}
