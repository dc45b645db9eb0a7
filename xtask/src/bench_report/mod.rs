//! `cargo xtask bench-report`: runs the cross-layer benchmarks and writes
//! `BENCHMARKS.md` from criterion's estimates and the JSON the harness-less
//! bench targets leave in `<target>/kumo-bench/`.

mod format;
mod machine;
mod render;
mod results;
mod targets;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::json::{self, Value};
use machine::Machine;
use render::RunInfo;

/// Criterion flags for `--quick`: the whole run (build excluded) takes about
/// two minutes on 2 cores instead of about five.
const QUICK_CRITERION_ARGS: &[&str] = &[
    "--warm-up-time",
    "0.5",
    "--measurement-time",
    "1.5",
    "--sample-size",
    "20",
    "--nresamples",
    "20000",
];

/// Tells the harness-less targets to shorten their runs too.
const QUICK_ENV: &str = "KUMO_BENCH_QUICK";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Options {
    quick: bool,
    no_run: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options::default();
        for arg in args {
            match arg.as_str() {
                "--quick" => options.quick = true,
                "--no-run" => options.no_run = true,
                other => return Err(format!("bench-report: unknown option `{other}`")),
            }
        }
        if options.quick && options.no_run {
            return Err("bench-report: --quick and --no-run exclude each other".to_owned());
        }
        Ok(options)
    }
}

/// Runs the task with the arguments after `bench-report`.
pub(crate) fn bench_report(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args)?;
    let ws = Workspace::locate()?;
    let (run, window) = if options.no_run {
        let (run, written) = load_run_info(&ws.target)?;
        let window = results::Window {
            not_before: None,
            not_after: Some(written),
        };
        (run, window)
    } else {
        let started = SystemTime::now();
        let run = run_benchmarks(&ws, options.quick, args, started)?;
        let window = results::Window {
            not_before: Some(started),
            not_after: None,
        };
        (run, window)
    };
    let results = results::load(&ws.target, window)?;
    let verdicts = targets::evaluate(&results)?;
    let notes = std::fs::read_to_string(ws.root.join("benches").join("notes.md")).ok();
    let report = render::markdown(
        &results,
        &verdicts,
        &Machine::probe(),
        &run,
        notes.as_deref(),
    );
    let path = ws.root.join("BENCHMARKS.md");
    std::fs::write(&path, report).map_err(|e| format!("write {}: {e}", path.display()))?;
    for v in &verdicts {
        let result = match v.pass {
            Some(true) => "pass",
            Some(false) => "MISS",
            None => "-",
        };
        eprintln!(
            "xtask: {result:>4}  {}: {} (goal {})",
            v.what, v.measured, v.goal
        );
    }
    eprintln!("xtask: wrote {}", path.display());
    Ok(())
}

struct Workspace {
    root: PathBuf,
    target: PathBuf,
}

impl Workspace {
    /// Asks cargo, so `CARGO_TARGET_DIR` and `build.target-dir` are honoured
    /// exactly as the benchmark build will honour them.
    fn locate() -> Result<Workspace, String> {
        let out = Command::new(cargo_program())
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .output()
            .map_err(|e| format!("could not start `cargo metadata`: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "`cargo metadata` failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let meta = json::parse(&String::from_utf8_lossy(&out.stdout))
            .map_err(|e| format!("`cargo metadata` output: {e}"))?;
        let path = |key: &str| {
            meta.get(key)
                .and_then(Value::as_str)
                .map(PathBuf::from)
                .ok_or_else(|| format!("`cargo metadata` output has no `{key}`"))
        };
        Ok(Workspace {
            root: path("workspace_root")?,
            target: path("target_directory")?,
        })
    }
}

fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

fn run_benchmarks(
    ws: &Workspace,
    quick: bool,
    args: &[String],
    started: SystemTime,
) -> Result<RunInfo, String> {
    let mut bench_args = vec!["bench", "-p", "kumo-benches", "--", "--noplot"];
    if quick {
        bench_args.extend_from_slice(QUICK_CRITERION_ARGS);
    }
    let quick_env = if quick {
        format!("{QUICK_ENV}=1 ")
    } else {
        String::new()
    };
    let shown = format!("{quick_env}cargo {}", bench_args.join(" "));
    let load_before = machine::load_average();
    eprintln!("xtask: {shown}");
    let mut cmd = Command::new(cargo_program());
    cmd.args(&bench_args)
        .current_dir(&ws.root)
        // Absolute, so criterion (which reads it relative to each bench's
        // folder) and the harness-less targets write where this task reads.
        .env("CARGO_TARGET_DIR", &ws.target);
    if quick {
        cmd.env(QUICK_ENV, "1");
    } else {
        cmd.env_remove(QUICK_ENV);
    }
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if !status.success() {
        return Err(format!("`{shown}` failed ({status})"));
    }
    let mut xtask = String::from("cargo xtask bench-report");
    for a in args {
        xtask.push(' ');
        xtask.push_str(a);
    }
    let run = RunInfo {
        xtask,
        cargo: shown,
        started: machine::utc_timestamp(started),
        commit: machine::git_commit(&ws.root),
        load_before,
        load_after: machine::load_average(),
    };
    save_run_info(&ws.target, &run)?;
    Ok(run)
}

fn run_info_path(target: &Path) -> PathBuf {
    target.join("kumo-bench").join("run.txt")
}

/// Keeps the run's description beside its results, for `--no-run`.
fn save_run_info(target: &Path, run: &RunInfo) -> Result<(), String> {
    let text = format!(
        "xtask={}\ncargo={}\nstarted={}\ncommit={}\nload_before={}\nload_after={}\n",
        run.xtask, run.cargo, run.started, run.commit, run.load_before, run.load_after
    );
    let path = run_info_path(target);
    std::fs::write(&path, text).map_err(|e| format!("write {}: {e}", path.display()))
}

/// The last run's description and when it was written (after its benchmarks finished).
fn load_run_info(target: &Path) -> Result<(RunInfo, SystemTime), String> {
    let path = run_info_path(target);
    let missing = |e: std::io::Error| {
        format!(
            "read {}: {e} (run `cargo xtask bench-report` without --no-run first)",
            path.display()
        )
    };
    let text = std::fs::read_to_string(&path).map_err(missing)?;
    let written = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .map_err(missing)?;
    let run = parse_run_info(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((run, written))
}

fn parse_run_info(text: &str) -> Result<RunInfo, String> {
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_owned)
            .ok_or_else(|| format!("no `{key}=` line"))
    };
    Ok(RunInfo {
        xtask: field("xtask")?,
        cargo: field("cargo")?,
        started: field("started")?,
        commit: field("commit")?,
        load_before: field("load_before")?,
        load_after: field("load_after")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options() {
        assert_eq!(Options::parse(&[]).unwrap(), Options::default());
        assert!(Options::parse(&args(&["--quick"])).unwrap().quick);
        assert!(Options::parse(&args(&["--no-run"])).unwrap().no_run);
        assert_eq!(
            Options::parse(&args(&["--fast"])).unwrap_err(),
            "bench-report: unknown option `--fast`"
        );
        assert!(Options::parse(&args(&["--quick", "--no-run"])).is_err());
    }

    #[test]
    fn run_info_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("kumo-bench")).unwrap();
        let run = RunInfo {
            xtask: "cargo xtask bench-report --quick".to_owned(),
            cargo: "KUMO_BENCH_QUICK=1 cargo bench -p kumo-benches -- --noplot".to_owned(),
            started: "2026-01-01 00:00 UTC".to_owned(),
            commit: "abc1234+changes".to_owned(),
            load_before: "1.00 0.50 0.20".to_owned(),
            load_after: "2.00 1.00 0.40".to_owned(),
        };
        save_run_info(dir.path(), &run).unwrap();
        let (back, _) = load_run_info(dir.path()).unwrap();
        assert_eq!(back.cargo, run.cargo);
        assert_eq!(back.load_after, run.load_after);
        assert_eq!(parse_run_info("xtask=x\n").unwrap_err(), "no `cargo=` line");
    }
}
