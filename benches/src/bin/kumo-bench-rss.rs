//! Runs one peak-memory case of the `rss` benchmark in this fresh process.
//!
//! Usage: `kumo-bench-rss <case> <file>`; prints `bytes=N before_kib=N peak_kib=N`.
//! The `rss` bench target spawns it once per case.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [case_id, path] = args.as_slice() else {
        let ids: Vec<&str> = kumo_benches::rss::CASES.iter().map(|c| c.id).collect();
        eprintln!(
            "usage: kumo-bench-rss <case> <file>\ncases: {}",
            ids.join(" ")
        );
        return ExitCode::from(2);
    };
    let Some(case) = kumo_benches::rss::case(case_id) else {
        eprintln!("kumo-bench-rss: unknown case `{case_id}`");
        return ExitCode::from(2);
    };
    match kumo_benches::rss::run_case(case, std::path::Path::new(path)) {
        Ok(sample) => {
            println!("{}", sample.to_line());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kumo-bench-rss: {e}");
            ExitCode::FAILURE
        }
    }
}
