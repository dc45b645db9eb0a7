//! Time handling for mail-processing policy code.
//!
//! `kumo-time` is the pure-Rust layer behind the `kumo.time` Lua namespace:
//! UTC instants with nanosecond precision, signed durations, the date formats
//! that real mail carries (RFC 3339, RFC 2822 with its obsolete forms),
//! chrono-compatible `strftime` formatting, async sleeping and latency timers.
//!
//! It is for Rust programs that need those pieces, with or without Lua.
//! It is not a calendar or time-zone library: arithmetic is on absolute
//! instants; use `jiff` directly for civil-time arithmetic.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod civil;
mod delta;
mod display;
mod duration_parse;
mod error;
mod human;
mod rfc2822;
mod rfc3339;
mod sleep;
mod strftime;
mod time;
mod timer;
mod zones;

pub use delta::TimeDelta;
pub use error::Error;
pub use sleep::sleep;
pub use time::Time;
pub use timer::{LATENCY_HISTOGRAM, Timer};
