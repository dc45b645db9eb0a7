//! Peak RSS of reading a 100 MiB file: `kumo.fs` versus `io`, whole and chunked.
//!
//! Not a criterion loop (`harness = false`): spawns the `kumo-bench-rss`
//! helper once per case (fresh process, so peaks do not mix), prints a table
//! and writes `target/kumo-bench/rss.json`. Under `cargo test --benches` (no
//! `--bench` argument) it reads a 1 MiB file instead and writes nothing.

use std::path::Path;
use std::process::{Command, ExitCode};

use kumo_benches::json::Json;
use kumo_benches::mode::Invocation;
use kumo_benches::rss::{CASES, RssCase, RssSample};
use kumo_benches::{Error, Result, fixtures, output};

const NAME: &str = "rss";
const HELPER: &str = env!("CARGO_BIN_EXE_kumo-bench-rss");

fn main() -> ExitCode {
    let Some(inv) = Invocation::for_target(NAME) else {
        return ExitCode::SUCCESS;
    };
    let size: u64 = if inv.measure { 100 << 20 } else { 1 << 20 };
    match run(size, inv.measure) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{NAME}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(size: u64, write: bool) -> Result<()> {
    let dir = tempfile::Builder::new()
        .prefix("kumo-bench-rss-")
        .tempdir()
        .map_err(Error::context("create a temporary directory"))?;
    let file = dir.path().join("big.txt");
    fixtures::write_file(&file, size)?;
    println!(
        "{NAME}: reading a {} MiB file, one process per case",
        size >> 20
    );
    println!(
        "{:<20} {:<38} {:>12} {:>12} {:>12}",
        "case", "code", "setup MiB", "peak MiB", "read MiB"
    );
    let mut records = Vec::new();
    for case in CASES {
        let sample = spawn_case(case, &file)?;
        let expected = if case.id == "setup_only" { 0 } else { size };
        if sample.bytes != expected {
            return Err(Error::new(
                case.id,
                format!("read {} bytes, expected {expected}", sample.bytes),
            ));
        }
        let mib = |kib: u64| kib as f64 / 1024.0;
        let added = sample.peak_kib.saturating_sub(sample.before_kib);
        println!(
            "{:<20} {:<38} {:>12.1} {:>12.1} {:>12.1}",
            case.id,
            case.label,
            mib(sample.before_kib),
            mib(sample.peak_kib),
            mib(added)
        );
        records.push(Json::object([
            ("id", Json::from(case.id)),
            ("label", Json::from(case.label)),
            ("bytes", Json::from(sample.bytes)),
            ("setup_kib", Json::from(sample.before_kib)),
            ("peak_kib", Json::from(sample.peak_kib)),
            ("read_kib", Json::from(added)),
        ]));
    }
    if write {
        let json = Json::object([
            ("file_bytes", Json::from(size)),
            ("cases", Json::from(records)),
        ]);
        let path = output::write_result(NAME, &json)?;
        println!("{NAME}: wrote {}", path.display());
    }
    Ok(())
}

fn spawn_case(case: &RssCase, file: &Path) -> Result<RssSample> {
    let context = || format!("{HELPER} {} {}", case.id, file.display());
    let out = Command::new(HELPER)
        .arg(case.id)
        .arg(file)
        .output()
        .map_err(Error::context(context()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(Error::new(
            context(),
            format!("{}: {}", out.status, stderr.trim()),
        ));
    }
    RssSample::parse_line(stdout.trim())
        .ok_or_else(|| Error::new(context(), format!("unexpected output {stdout:?}")))
}
