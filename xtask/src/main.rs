//! `cargo xtask`: developer automation for the kumo-os workspace.
//!
//! Run `cargo xtask --help` for the list of tasks.

mod bench_report;
mod json;

use std::process::{Command, ExitCode};

const HELP: &str = "\
cargo xtask <TASK>

Tasks:
  ci              run .ci/run, what CI runs: cargo fmt --check, clippy with -D warnings,
                  and the tests
  bench-report [--quick | --no-run]
                  run the cross-layer benchmarks (cargo bench -p kumo-benches: the
                  Lua-level criterion pairs, the non-blocking ticker benchmark, peak
                  RSS) and write BENCHMARKS.md from their results
                  --quick   short criterion warm-up and measurement, fewer non-blocking
                            runs: a few minutes on 2 cores
                  --no-run  rewrite BENCHMARKS.md from the results of the last
                            bench-report run (refused if benchmarks ran since)
  help            print this message
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("bench-report") => bench_report::bench_report(&args[1..]),
        None | Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `.ci/run`, the one definition of what CI checks (rustfmt, clippy
/// with `-D warnings`, the README's test command), so the two cannot drift.
fn ci() -> Result<(), String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("xtask is not inside the workspace")?;
    eprintln!("xtask: bash .ci/run");
    let status = Command::new("bash")
        .arg(".ci/run")
        .current_dir(root)
        .status()
        .map_err(|e| format!("could not start `bash .ci/run`: {e}"))?;
    if status.success() {
        eprintln!("xtask: ci passed");
        Ok(())
    } else {
        Err(format!("`bash .ci/run` failed ({status})"))
    }
}
