//! The non-blocking benchmark: ticker lag while Lua tasks block on FIFOs.
//!
//! Not a criterion loop (`harness = false`): runs every scenario of
//! `kumo_benches::nonblocking`, prints a table and writes
//! `target/kumo-bench/nonblocking.json`. Under `cargo test --benches` (no
//! `--bench` argument) it runs a short smoke version and writes nothing.

use std::process::ExitCode;

use kumo_benches::json::Json;
use kumo_benches::mode::Invocation;
use kumo_benches::nonblocking::{Config, Scenario, measure, table};
use kumo_benches::output;

const NAME: &str = "nonblocking";

fn main() -> ExitCode {
    let Some(inv) = Invocation::for_target(NAME) else {
        return ExitCode::SUCCESS;
    };
    let config = match (inv.measure, inv.quick) {
        (false, _) => Config::smoke(),
        (true, true) => Config::standard(2),
        (true, false) => Config::standard(5),
    };
    match run(&config, inv.measure) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{NAME}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(config: &Config, write: bool) -> kumo_benches::Result<()> {
    println!(
        "{NAME}: {} workers, {} Lua tasks, {:?} ticks, {} run(s) per scenario",
        config.workers, config.tasks, config.tick, config.runs
    );
    let mut outcomes = Vec::new();
    for scenario in Scenario::all() {
        outcomes.push(measure(config, scenario)?);
    }
    print!("{}", table(&outcomes));
    if write {
        let json = Json::object([
            ("config", config.to_json()),
            (
                "scenarios",
                Json::from(outcomes.iter().map(|o| o.to_json()).collect::<Vec<_>>()),
            ),
        ]);
        let path = output::write_result(NAME, &json)?;
        println!("{NAME}: wrote {}", path.display());
    }
    Ok(())
}
