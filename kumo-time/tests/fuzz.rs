//! A deterministic fuzz-style test: hundreds of thousands of generated
//! inputs thrown at every parser, the formatter and the numeric
//! constructors. Nothing may panic, and what comes back must be sane:
//! successful parses round-trip, outputs and error messages stay small.

use kumo_time::{Time, TimeDelta};

/// splitmix64: tiny, fast and good enough to spread inputs around.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// Up to `max` pieces: mostly fragments, some random characters.
    fn text(&mut self, fragments: &[&str], max: usize) -> String {
        let mut s = String::new();
        for _ in 0..self.below(max + 1) {
            match self.below(10) {
                0 => s.push(char::from(self.below(128) as u8)),
                1 => s.push(char::from_u32(self.next() as u32 % 0x11_0000).unwrap_or('\u{fffd}')),
                _ => s.push_str(self.pick(fragments)),
            }
        }
        s
    }

    /// A valid seed with a few random edits: fragments inserted, ranges
    /// deleted or repeated. Reaches deeper into a parser than pure noise.
    fn mutate(&mut self, seeds: &[&str], fragments: &[&str]) -> String {
        let mut s: Vec<char> = self.pick(seeds).chars().collect();
        for _ in 0..self.below(4) {
            let at = self.below(s.len() + 1);
            let len = self.below(4).min(s.len() - at);
            match self.below(3) {
                0 => {
                    let insert: Vec<char> = self.pick(fragments).chars().collect();
                    s.splice(at..at, insert);
                }
                1 => {
                    s.drain(at..at + len);
                }
                _ => {
                    let copy: Vec<char> = s[at..at + len].to_vec();
                    s.splice(at..at, copy);
                }
            }
        }
        s.into_iter().collect()
    }

    fn i64_interesting(&mut self) -> i64 {
        match self.below(6) {
            0 => self.next() as i64,
            1 => [i64::MIN, i64::MAX, 0, -1, 1][self.below(5)],
            2 => self.below(100) as i64 - 50,
            3 => (self.next() % 800_000_000_000) as i64 - 400_000_000_000,
            4 => [
                253_402_300_799,
                -377_705_116_800,
                253_402_300_800,
                -377_705_116_801,
            ][self.below(4)],
            _ => (self.next() % 20_000) as i64 - 10_000,
        }
    }

    fn f64_interesting(&mut self) -> f64 {
        match self.below(4) {
            0 => f64::from_bits(self.next()),
            1 => [
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::MAX,
                f64::MIN,
                f64::MIN_POSITIVE,
                -f64::MIN_POSITIVE,
                f64::EPSILON,
                -0.0,
                i64::MAX as f64,
                i64::MIN as f64,
                253_402_300_799.999_999_999,
                -377_705_116_800.000_000_001,
            ][self.below(13)],
            2 => self.i64_interesting() as f64 + (self.next() % 1000) as f64 / 1000.0,
            _ => (self.next() as i64 as f64) / 1e9,
        }
    }

    fn time(&mut self) -> Time {
        let secs = self.i64_interesting();
        let nanos = (self.next() % 1_000_000_000) as u32;
        Time::from_unix_parts(secs, nanos).unwrap_or(match self.below(3) {
            0 => Time::MIN,
            1 => Time::MAX,
            _ => Time::UNIX_EPOCH,
        })
    }
}

const DATE_FRAGMENTS: &[&str] = &[
    "Fri",
    "fri",
    "Thursday",
    "Sept",
    ",",
    " ",
    "  ",
    "\t",
    "\r\n ",
    "\n",
    "\r",
    "21",
    "1",
    "32",
    "00",
    "097",
    "1997",
    "0000",
    "9999",
    "99999999999999999999",
    "Nov",
    "nov",
    "Foo",
    "July",
    ":",
    "09",
    "55",
    "06",
    "60",
    "61",
    "23:59:60",
    "09:55:06",
    ".",
    "250",
    "123456789123",
    "-",
    "+",
    "-0600",
    "+0000",
    "+01:00",
    "+9999",
    "+2400",
    "GMT",
    "UT",
    "EST",
    "PDT",
    "CEST",
    "IST",
    "Z",
    "z",
    "A",
    "J",
    "XYZ",
    "GMT+0100",
    "(",
    ")",
    "(comment)",
    "((nested))",
    "\\",
    "2021-03-04",
    "2016-12-31",
    "T",
    "t",
    "10:00:00",
    "T23:59:60Z",
    "Z",
    "-07:00",
    "+23:59",
    "-24:00",
    "é",
    "\u{a0}",
    "\0",
    "٣",
];

const DATE_SEEDS: &[&str] = &[
    "Fri, 21 Nov 1997 09:55:06 -0600",
    "21 Nov 97 09:55:06 GMT",
    "Fri Nov 21 09:55:06 1997",
    "Thu, 02 Jul 2026 18:55:38 EDT (comment)",
    "Fri, 21 Nov 1997 09:55:06.250 +01:00",
    "2021-03-04T05:06:07.123456789+05:30",
    "2016-12-31T23:59:60Z",
    "2000-01-02 03:04:05z",
];

const DURATION_SEEDS: &[&str] = &[
    "1h 30m",
    "1.5 days",
    "5m ago",
    "-PT5M",
    "P1Y2M3W4DT5H6M7.5S",
    "1 hour, 30 minutes and 15s",
    "10µs",
];

const DURATION_FRAGMENTS: &[&str] = &[
    "5",
    "0",
    "1.5",
    ".",
    "0.000000001",
    "9223372036854775807",
    "18446744073709551615",
    "340282366920938463463374607431768211456",
    "h",
    "m",
    "M",
    "s",
    "ms",
    "us",
    "µs",
    "μs",
    "ns",
    "y",
    "w",
    "d",
    "days",
    "years",
    "months",
    "Minutes",
    "parsecs",
    " ",
    ",",
    "and",
    "ago",
    "-",
    "+",
    "P",
    "p",
    "T",
    "Y",
    "D",
    "H",
    "S",
    "W",
    "PT",
    "P1Y",
    "T5M",
    "0,5",
    "\u{a0}",
    "\u{2003}",
    "000000000000000000000000000001",
];

const FORMAT_FRAGMENTS: &[&str] = &[
    "%", "%", "%", "-", "_", "0", "#", ".", ":", "::", ":::", "3", "6", "9", "f", "z", "Y", "m",
    "d", "H", "M", "S", "a", "A", "b", "B", "c", "C", "D", "e", "F", "g", "G", "h", "I", "j", "k",
    "l", "n", "p", "P", "q", "r", "R", "s", "t", "T", "u", "U", "v", "V", "w", "W", "x", "X", "y",
    "Z", "+", "%%", "é", "\t", " ", "Q", "E", "literal",
];

const ITERATIONS: usize = 200_000;

#[test]
fn date_parsers_never_panic_and_round_trip() {
    let mut rng = Rng(0x5EED_0001);
    let mut accepted = 0;
    for _ in 0..ITERATIONS {
        let s = if rng.below(2) == 0 {
            rng.text(DATE_FRAGMENTS, 14)
        } else {
            rng.mutate(DATE_SEEDS, DATE_FRAGMENTS)
        };
        match Time::parse_rfc3339(&s) {
            Ok(t) => {
                accepted += 1;
                assert_eq!(Time::parse_rfc3339(&t.to_rfc3339()), Ok(t), "{s:?}");
            }
            Err(e) => assert!(e.to_string().len() < 400, "{e}"),
        }
        match Time::parse_rfc2822(&s) {
            Ok(t) => {
                accepted += 1;
                let whole = Time::from_unix_seconds(t.unix_timestamp()).unwrap();
                assert_eq!(Time::parse_rfc2822(&t.to_rfc2822()), Ok(whole), "{s:?}");
            }
            Err(e) => assert!(e.to_string().len() < 400, "{e}"),
        }
    }
    // The fragments are meant to produce some valid dates too.
    assert!(accepted > 10_000, "only {accepted} inputs parsed");
}

#[test]
fn duration_parser_never_panics_and_round_trips() {
    let mut rng = Rng(0x5EED_0002);
    let mut accepted = 0;
    for _ in 0..ITERATIONS {
        let s = if rng.below(2) == 0 {
            rng.text(DURATION_FRAGMENTS, 10)
        } else {
            rng.mutate(DURATION_SEEDS, DURATION_FRAGMENTS)
        };
        match TimeDelta::parse(&s) {
            Ok(d) => {
                accepted += 1;
                assert_eq!(
                    TimeDelta::parse(&d.human()),
                    Ok(d),
                    "{s:?} -> {}",
                    d.human()
                );
            }
            Err(e) => assert!(e.to_string().len() < 500, "{e}"),
        }
    }
    assert!(accepted > 1000, "only {accepted} inputs parsed");
}

#[test]
fn format_never_panics_and_output_stays_proportional() {
    let mut rng = Rng(0x5EED_0003);
    for _ in 0..ITERATIONS {
        let fmt = rng.text(FORMAT_FRAGMENTS, 12);
        let t = rng.time();
        let out = t.format(&fmt);
        // The longest expansion is %c or %+ (under 40 bytes for 2 input bytes).
        assert!(out.len() <= 40 * (fmt.len() + 1), "{fmt:?} -> {out:?}");
    }
}

#[test]
fn numeric_constructors_and_arithmetic_never_panic() {
    let mut rng = Rng(0x5EED_0004);
    for _ in 0..ITERATIONS {
        let f = rng.f64_interesting();
        if let Ok(t) = Time::from_unix_seconds_f64(f) {
            assert!((t.unix_timestamp() as f64 - f.floor()).abs() <= 1.0, "{f}");
        }
        if let Ok(d) = TimeDelta::from_secs_f64(f) {
            assert_eq!(d.is_negative(), f < 0.0 && d != TimeDelta::ZERO, "{f}");
        }
        let (a, b) = (rng.i64_interesting(), rng.i64_interesting());
        let _ = Time::from_unix_seconds(a);
        let _ = Time::from_unix_parts(a, rng.next() as u32);
        let _ = Time::from_ymd_hms(
            rng.i64_interesting(),
            a % 14,
            b % 33,
            rng.i64_interesting() % 25,
            rng.i64_interesting() % 61,
            rng.i64_interesting() % 61,
        );
        let d = TimeDelta::from_nanos(a).checked_add(TimeDelta::from_secs(b));
        let d = d.unwrap_or(TimeDelta::from_secs(a));
        let _ = d.checked_neg();
        let _ = d.checked_sub(TimeDelta::from_secs(b));
        assert!(!d.human().is_empty());
        let t = rng.time();
        if let Ok(later) = t.checked_add(d) {
            assert_eq!(later.duration_since(t), d);
            assert_eq!(later.checked_sub(d), Ok(t));
        }
        let _ = t.checked_sub(d);
        let _ = t.duration_since(rng.time()).human();
        let (shown, rfc2822) = (t.to_string(), t.to_rfc2822());
        assert!(
            shown.ends_with(" UTC") && rfc2822.ends_with(" +0000"),
            "{shown}"
        );
        if t.year() >= 0 {
            assert_eq!(Time::parse_rfc3339(&t.to_rfc3339()), Ok(t));
        }
    }
}

#[test]
fn huge_inputs_are_handled_in_linear_time() {
    let big = 1 << 20;
    let inputs = [
        "9".repeat(big),
        "(".repeat(big),
        format!("Fri, 21 Nov 1997 09:55:06 -0600 {}", "(".repeat(big)),
        format!(
            "Fri, 21 Nov 1997 09:55:06 -0600 {}{}",
            "(".repeat(big),
            ")".repeat(big)
        ),
        " ".repeat(big),
        format!("1s{}", " 1s".repeat(big / 3)),
        format!("2021-03-04T10:00:00.{}Z", "1".repeat(big)),
        format!("0.{}1s", "0".repeat(big)),
        format!("1.{}s", "0".repeat(big)),
        format!("1s{}x", "\u{a0}".repeat(big / 2)),
        "é".repeat(big / 2),
    ];
    let start = std::time::Instant::now();
    for s in &inputs {
        let _ = Time::parse_rfc3339(s);
        let _ = Time::parse_rfc2822(s);
        if let Err(e) = TimeDelta::parse(s) {
            assert!(e.to_string().len() < 500);
        }
        let out = Time::UNIX_EPOCH.format(s);
        assert!(out.len() <= 40 * (s.len() + 1));
    }
    assert_eq!(
        Time::parse_rfc2822(&inputs[3]).map(|t| t.unix_timestamp()),
        Ok(880_127_706)
    );
    assert_eq!(
        TimeDelta::parse(&inputs[5]).map(|d| d.as_nanos()),
        Ok(349_526_000_000_000)
    );
    assert_eq!(
        TimeDelta::parse(&inputs[8]).map(|d| d.as_nanos()),
        Ok(1_000_000_000)
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    let many_formats = "%c%+".repeat(big / 4);
    assert!(Time::MAX.format(&many_formats).len() < 40 * big);
}
