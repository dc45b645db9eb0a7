//! `cargo xtask`: developer automation for the kumo-os workspace.
//!
//! Run `cargo xtask --help` for the list of tasks.

mod bench_report;
mod json;

use std::process::{Command, ExitCode};

const HELP: &str = "\
cargo xtask <TASK>

Tasks:
  ci              run what CI runs: cargo fmt --check, clippy with -D warnings, and the tests
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

/// The checks CI runs, in the order that fails fastest.
fn ci() -> Result<(), String> {
    cargo(&["fmt", "--all", "--check"])?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    cargo(&["test", "--workspace"])
}

fn cargo(args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    eprintln!("xtask: cargo {}", args.join(" "));
    let status = Command::new(&cargo)
        .args(args)
        .status()
        .map_err(|e| format!("could not start `{cargo}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed ({status})", args.join(" ")))
    }
}
