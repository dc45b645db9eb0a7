//! Cross-layer benchmarks for kumo-os.
//!
//! This crate holds what the benchmark targets in `benches/` share:
//! - [`lua_cases`]: the Lua-level comparisons of `kumo.fs` / `kumo.time` against
//!   the Lua standard library, run in one Lua state (criterion target `lua_api`);
//! - [`nonblocking`]: how late a 1 ms ticker task runs while Lua tasks wait on
//!   stalled or slow FIFOs through `kumo.fs.open` versus `io.open`
//!   (target `nonblocking`);
//! - [`rss`]: peak resident memory of reading a large file, one fresh process per
//!   case (target `rss` with the `kumo-bench-rss` helper binary);
//! - small helpers: fixtures, FIFOs, percentiles, JSON output.
//!
//! It is not a library for other projects (it is not published) and it is not
//! where per-crate micro-benchmarks live: `kumo-time` and `kumo-fs` have their
//! own `benches/`. `cargo xtask bench-report` turns the output of these targets
//! into `BENCHMARKS.md`.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod error;
pub mod fifo;
pub mod fixtures;
pub mod json;
pub mod lua;
pub mod lua_cases;
pub mod mode;
pub mod nonblocking;
pub mod output;
pub mod rss;
pub mod stats;

pub use error::{Error, Result};
