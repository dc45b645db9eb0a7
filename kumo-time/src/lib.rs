//! Time handling for mail-processing policy code.
//!
//! `kumo-time` is the pure-Rust layer behind the `kumo.time` Lua namespace:
//! UTC instants with nanosecond precision ([`Time`]), signed durations
//! ([`TimeDelta`]), the date formats that real mail carries (RFC 3339, RFC
//! 2822 with its obsolete forms), chrono-compatible `strftime` formatting,
//! async sleeping ([`sleep`]) and latency timers ([`Timer`]).
//!
//! It is for Rust programs that need those pieces, with or without Lua; it
//! has no Lua dependency. It is not a calendar or time-zone library:
//! everything is UTC and arithmetic is on absolute instants. Use `jiff`
//! directly for civil-time arithmetic or IANA time zones.
//!
//! ```
//! use kumo_time::{Time, TimeDelta};
//!
//! let received = Time::parse_rfc2822("Fri, 21 Nov 1997 09:55:06 -0600")?;
//! let expires = received.checked_add(TimeDelta::parse("3 days")?)?;
//! assert_eq!(expires.to_rfc3339(), "1997-11-24T15:55:06+00:00");
//! assert_eq!(expires.format("%a %e %b %H:%M"), "Mon 24 Nov 15:55");
//! assert_eq!(expires.duration_since(received).to_string(), "3days");
//! # Ok::<(), kumo_time::Error>(())
//! ```
//!
//! # Times
//!
//! A [`Time`] covers years -9999..=9999 in UTC, without leap seconds. It is
//! built from Unix seconds (integer or float, where `-0.5` is exactly half a
//! second before the epoch), from calendar fields, from a `SystemTime`, or by
//! parsing. `Display` gives `2000-01-02 03:04:05.123 UTC`, showing 0, 3, 6 or
//! 9 fractional digits, as do [`Time::to_rfc3339`] and `%+`.
//!
//! # Durations
//!
//! A [`TimeDelta`] is signed with nanosecond precision.
//! [`TimeDelta::parse`] reads humantime's format and a few extensions:
//!
//! - items of a number and a unit, `1h 30m`, `1h30m`, `1.5 days`, `500ms`;
//!   units `ns`, `us`/`µs`, `ms`, `s`/`sec`/`seconds`, `m`/`min`/`minutes`,
//!   `h`/`hr`/`hours`, `d`/`days`, `w`/`wk`/`weeks`, `M`/`months`,
//!   `y`/`yr`/`years` and their variants; words of three letters or more in
//!   any case, but `m` (minute) and `M` (month) are told apart;
//! - items separated by spaces, commas or `and`: `1 hour, 30 minutes`;
//! - a leading `-` or `+`, or a trailing `ago` (negative): `5m ago`;
//! - ISO 8601 `PnYnMnWnDTnHnMnS`, e.g. `PT5M`, `-P1DT12H`, with `.` or `,`
//!   fractions;
//! - the bare `0`.
//!
//! A month is 30.44 days (2 630 016 s) and a year 365.25 days, as in
//! humantime. Fractions must come out as whole nanoseconds (`1.5ns` is an
//! error, not rounded), and the total must fit in ±2^63 seconds.
//! [`TimeDelta::human`] prints the same units (`1day 1h 1m 1s 1ms`), and what
//! it prints parses back to the same value.
//!
//! # Mail dates
//!
//! [`Time::parse_rfc3339`] is strict: every field has exactly its digits,
//! `T`/`Z` may be lowercase and `T` a space, an offset is required, digits
//! past nanoseconds are dropped, and `:60` is accepted only as a leap second
//! at 23:59:60 UTC (stored as :59).
//!
//! [`Time::parse_rfc2822`] is liberal, as mail demands. Beyond RFC 5322 it
//! takes comments (nested) and folding anywhere, an optional weekday with or
//! without comma (never checked against the date), full and abbreviated
//! names in any case (`Sept`, `Thurs`), `21-Nov-1997`, two- and three-digit
//! years, one-digit hours, optional seconds, fractional seconds, second 60
//! (clamped), offsets `±HHMM`, `±HH:MM` or `±HH`, a zone name after an offset,
//! `GMT+0100`, and the asctime layout `Fri Nov 21 09:55:06 1997`. Zone names:
//! `UT`/`UTC`/`GMT`/`Z` and the North American ones as RFC 5322 defines them,
//! unambiguous regional abbreviations (`CEST`, `JST`, ...) at their offsets;
//! military letters, ambiguous (`IST`, `BST`) and unknown names, and a missing
//! zone all mean `-0000`, that is UTC. Impossible dates, times and offsets
//! are errors.
//!
//! # strftime
//!
//! [`Time::format`] follows chrono's `strftime` in lenient mode, in UTC:
//!
//! | specifiers | meaning |
//! |---|---|
//! | `%Y %C %y %G %g %q` | year, century, 2-digit year, ISO week year (4 and 2 digits), quarter |
//! | `%m %b %h %B %d %e %j` | month, its short and long name, day (zero and space padded), day of year |
//! | `%a %A %w %u %U %W %V` | weekday names and numbers (Sun=0, Mon=1..Sun=7), week numbers (Sunday, Monday, ISO) |
//! | `%H %k %I %l %M %S %p %P` | hours (24/12, zero/space padded), minutes, seconds, AM/PM, am/pm |
//! | `%f %.f %.3f %.6f %.9f %3f %6f %9f` | nanoseconds, fraction (auto 3/6/9 digits, empty when zero), fixed fractions |
//! | `%z %:z %::z %:::z %#z %Z` | `+0000`, `+00:00`, `+00:00:00`, `+00`, `+0000`, `UTC` |
//! | `%D %x %F %v %R %T %X %r %c %+ %s` | `%m/%d/%y`, same, `%Y-%m-%d`, `%e-%b-%Y`, `%H:%M`, `%H:%M:%S`, same, `%I:%M:%S %p`, `%a %b %e %H:%M:%S %Y`, RFC 3339, Unix seconds |
//! | `%t %n %%` | tab, newline, `%` |
//!
//! Flags `%-x` (no padding), `%_x` (spaces) and `%0x` (zeros) apply to
//! numeric specifiers. Anything else after `%` is copied to the output as
//! written, so formatting never fails.
//!
//! # Sleeping and timing
//!
//! [`sleep`] waits on Tokio's timer and rejects negative durations.
//! [`Timer`] records elapsed seconds into the `metrics` histogram
//! `user_lua_latency` (label `label`) once, when [`Timer::done`] is called.
//!
//! # Errors
//!
//! Every fallible function returns [`Error`], whose message quotes the
//! input and says what was expected and where. No input makes any function
//! panic, and parsing allocates nothing except for an error message.
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
