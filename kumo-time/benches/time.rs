//! Criterion benchmarks for the hot paths of `kumo-time`: reading the clock,
//! parsing mail dates and durations, and formatting.
//!
//! Run with `cargo bench -p kumo-time` (add `-- --quick` for a fast pass).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kumo_time::{Time, TimeDelta};

fn clock(c: &mut Criterion) {
    c.bench_function("now", |b| b.iter(Time::now));
}

fn parsing(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    for (name, input) in [
        ("rfc3339", "2021-03-04T05:06:07.123456789+05:30"),
        ("rfc3339_utc", "2000-01-02T03:04:05Z"),
    ] {
        g.bench_function(name, |b| b.iter(|| Time::parse_rfc3339(black_box(input))));
    }
    for (name, input) in [
        ("rfc2822_clean", "Fri, 21 Nov 1997 09:55:06 -0600"),
        (
            "rfc2822_messy",
            "  Thurs,\r\n 6 July 17 1:30:00.25 (Central (Daylight) Time) PDT  ",
        ),
        ("rfc2822_asctime", "Fri Nov 21 09:55:06 1997"),
    ] {
        g.bench_function(name, |b| b.iter(|| Time::parse_rfc2822(black_box(input))));
    }
    for (name, input) in [
        ("duration_short", "5m"),
        ("duration_list", "1h 30m 15s 10ms"),
        ("duration_words", "1 hour, 30 minutes ago"),
        ("duration_iso", "PT1H30M"),
    ] {
        g.bench_function(name, |b| b.iter(|| TimeDelta::parse(black_box(input))));
    }
    g.finish();
}

fn formatting(c: &mut Criterion) {
    let t = Time::from_unix_parts(946_782_245, 123_456_789).unwrap();
    let mut g = c.benchmark_group("format");
    for (name, fmt) in [
        ("ymd_hms", "%Y-%m-%d %H:%M:%S"),
        ("c", "%c"),
        ("rfc3339_fraction", "%Y-%m-%dT%H:%M:%S%.3f%:z"),
        ("weeks", "%G-W%V-%u %U %W %j"),
    ] {
        g.bench_function(name, |b| b.iter(|| black_box(t).format(black_box(fmt))));
    }
    g.bench_function("to_rfc3339", |b| b.iter(|| black_box(t).to_rfc3339()));
    g.bench_function("to_rfc2822", |b| b.iter(|| black_box(t).to_rfc2822()));
    g.bench_function("display", |b| b.iter(|| black_box(t).to_string()));
    let d = TimeDelta::from_nanos(90_061_001_001_001);
    g.bench_function("human", |b| b.iter(|| black_box(d).human()));
    g.finish();
}

criterion_group!(benches, clock, parsing, formatting);
criterion_main!(benches);
