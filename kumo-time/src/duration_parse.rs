//! Parsing durations from text: humantime's grammar plus a sign, `ago`,
//! list separators and ISO 8601.
//!
//! The parser walks the bytes once and allocates only for an error message.
//! Values are summed as exact integer nanoseconds; a fraction that does not
//! come out as whole nanoseconds is an error rather than silently rounded.

use jiff::SignedDuration;

use crate::human::{SECS_PER_MONTH, SECS_PER_YEAR};
use crate::{Error, TimeDelta};

const WHAT: &str = "duration";
const NS: u128 = 1;
const US: u128 = 1_000;
const MS: u128 = 1_000_000;
const SEC: u128 = 1_000_000_000;
const MIN: u128 = 60 * SEC;
const HOUR: u128 = 3600 * SEC;
const DAY: u128 = 86_400 * SEC;
const WEEK: u128 = 7 * DAY;
const MONTH: u128 = SECS_PER_MONTH as u128 * SEC;
const YEAR: u128 = SECS_PER_YEAR as u128 * SEC;

/// The largest magnitude a `SignedDuration` holds, in nanoseconds.
const MAX_NANOS: u128 = i64::MAX as u128 * SEC + (SEC - 1);
/// More significant fraction digits than this can never give whole
/// nanoseconds for any unit (a year is 2^14 * 5^11 * 3 * 13149 ns).
const MAX_FRACTION_DIGITS: u32 = 20;

const TOO_LARGE: &str = "number is too large for a duration";
const TOO_PRECISE: &str =
    "number cannot be represented exactly (values below 1ns are not supported)";
const UNITS_HELP: &str = "supported units: ns, us/µs, ms, s/sec, m/min, h/hr, d/day, w/week, \
                          M/month, y/year (and their plurals and long forms)";

/// Nanoseconds per unit, for the exact spellings of the humantime grammar
/// and a few long forms.
fn unit_nanos(unit: &str) -> Option<u128> {
    Some(match unit {
        "ns" | "nsec" | "nsecs" | "nanos" | "nanosecond" | "nanoseconds" => NS,
        "us" | "µs" | "μs" | "usec" | "usecs" | "micros" | "microsecond" | "microseconds" => US,
        "ms" | "msec" | "msecs" | "millis" | "millisecond" | "milliseconds" => MS,
        "s" | "sec" | "secs" | "second" | "seconds" => SEC,
        "m" | "min" | "mins" | "minute" | "minutes" => MIN,
        "h" | "hr" | "hrs" | "hour" | "hours" => HOUR,
        "d" | "day" | "days" => DAY,
        "w" | "wk" | "wks" | "week" | "weeks" => WEEK,
        "M" | "month" | "months" => MONTH,
        "y" | "yr" | "yrs" | "year" | "years" => YEAR,
        _ => return None,
    })
}

/// Exact spelling first; words of three letters or more also match in any
/// case, which keeps the one-letter `m` (minute) and `M` (month) apart.
fn lookup_unit(unit: &str) -> Option<u128> {
    unit_nanos(unit).or_else(|| {
        let mut buf = [0u8; 16];
        let lower = buf.get_mut(..unit.len()).filter(|_| unit.len() >= 3)?;
        lower.copy_from_slice(unit.as_bytes());
        lower.make_ascii_lowercase();
        unit_nanos(std::str::from_utf8(lower).ok()?)
    })
}

pub(crate) fn parse(input: &str) -> Result<TimeDelta, Error> {
    let err = |reason: String| Error::parse(WHAT, input, reason);
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(err("value was empty".to_owned()));
    }
    let (body, ago) = strip_ago(trimmed);
    let (body, minus) = match body.as_bytes().first() {
        Some(b'-') => (body[1..].trim_start(), true),
        Some(b'+') => (body[1..].trim_start(), false),
        _ => (body, false),
    };
    if minus && ago {
        return Err(err("a leading '-' cannot be combined with 'ago'".to_owned()));
    }
    // `body` is a sub-slice of `input`; its offset places error positions.
    let offset = body.as_ptr() as usize - input.as_ptr() as usize;
    let mut p = Parser {
        src: body,
        s: body.as_bytes(),
        pos: 0,
        base: offset,
    };
    let nanos = if body == "0" {
        0
    } else if body.is_empty() {
        return Err(err(
            "expected a number before 'ago' or after the sign".to_owned()
        ));
    } else if matches!(body.as_bytes()[0], b'P' | b'p') {
        p.iso().map_err(err)?
    } else {
        p.human().map_err(err)?
    };
    // MAX_NANOS fits in i128 and so does its negation.
    let nanos = nanos as i128;
    let nanos = if minus || ago { -nanos } else { nanos };
    SignedDuration::try_from_nanos_i128(nanos)
        .map(TimeDelta::from)
        .ok_or_else(|| err(TOO_LARGE.to_owned()))
}

/// Splits off a trailing `ago` that stands as its own word.
fn strip_ago(s: &str) -> (&str, bool) {
    let b = s.as_bytes();
    if b.len() > 3 && b[b.len() - 3..].eq_ignore_ascii_case(b"ago") {
        let before = &s[..s.len() - 3];
        if before.ends_with(char::is_whitespace) {
            return (before.trim_end(), true);
        }
    }
    (s, false)
}

struct Parser<'a> {
    src: &'a str,
    s: &'a [u8],
    pos: usize,
    /// Offset of `s` within the caller's input, for error positions.
    base: usize,
}

/// A decimal number as written: `int` plus `frac / 10^scale`.
struct Number {
    int: u128,
    frac: u128,
    scale: u32,
}

impl Number {
    /// The exact number of nanoseconds in this many `unit`s.
    fn times(&self, unit: u128) -> Result<u128, String> {
        let whole = self.int.checked_mul(unit).ok_or(TOO_LARGE)?;
        if self.frac == 0 {
            // The common case; skips two 128-bit divisions.
            return Ok(whole);
        }
        // frac < 10^20 and unit < 10^17, so the product fits in u128.
        let scaled = self.frac * unit;
        let div = 10u128.pow(self.scale);
        if scaled % div != 0 {
            return Err(TOO_PRECISE.to_owned());
        }
        Ok(whole.checked_add(scaled / div).ok_or(TOO_LARGE)?)
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn at(&self) -> usize {
        self.base + self.pos
    }

    /// The character at the cursor. The cursor only ever moves by whole
    /// characters, so it sits on a boundary.
    fn peek_char(&self) -> Option<char> {
        self.src
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b >= 0x80 && self.peek_char().is_some_and(char::is_whitespace) {
                self.pos += self.peek_char().map_or(1, char::len_utf8);
            } else {
                break;
            }
        }
    }

    fn unexpected(&self, expected: &str) -> String {
        match self.peek_char() {
            Some(c) => format!("expected {expected} at byte {}, found {c:?}", self.at()),
            None => format!("expected {expected} at the end"),
        }
    }

    /// Digits, optionally followed by one of `seps` and more digits.
    fn number(&mut self, seps: &[u8]) -> Result<Number, String> {
        let start = self.pos;
        let mut int: u128 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            int = int
                .checked_mul(10)
                .and_then(|v| v.checked_add(u128::from(d - b'0')))
                .filter(|v| *v <= MAX_NANOS)
                .ok_or(TOO_LARGE)?;
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.unexpected("a number"));
        }
        let mut n = Number {
            int,
            frac: 0,
            scale: 0,
        };
        if !self.peek().is_some_and(|b| seps.contains(&b)) {
            return Ok(n);
        }
        self.pos += 1;
        let frac_start = self.pos;
        let mut zeros = 0u32;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            self.pos += 1;
            if d == b'0' {
                // Trailing zeros change nothing; keep them pending.
                zeros = zeros.saturating_add(1);
                continue;
            }
            n.scale = n.scale.saturating_add(zeros).saturating_add(1);
            if n.scale > MAX_FRACTION_DIGITS {
                return Err(TOO_PRECISE.to_owned());
            }
            n.frac = n.frac * 10u128.pow(zeros + 1) + u128::from(d - b'0');
            zeros = 0;
        }
        if self.pos == frac_start {
            return Err(self.unexpected("a digit after the decimal point"));
        }
        Ok(n)
    }

    /// humantime: `<number> [ws] <unit>` repeated, with optional `,`/`and`
    /// between items.
    fn human(&mut self) -> Result<u128, String> {
        let mut total: u128 = 0;
        loop {
            let num_start = self.pos;
            let n = self.number(b".")?;
            let num_end = self.pos;
            self.skip_ws();
            let unit_start = self.pos;
            while let Some(b) = self.peek() {
                if b.is_ascii_alphabetic() {
                    self.pos += 1;
                } else if b >= 0x80 && matches!(self.peek_char(), Some('µ' | 'μ')) {
                    self.pos += 2;
                } else {
                    break;
                }
            }
            let unit = self.src.get(unit_start..self.pos).unwrap_or("");
            if unit.is_empty() {
                if self.peek().is_none() {
                    let num = self.src.get(num_start..num_end).unwrap_or("5");
                    return Err(format!("time unit needed, for example {num}sec or {num}ms"));
                }
                return Err(self.unexpected("a time unit"));
            }
            let unit_ns = lookup_unit(unit).ok_or_else(|| {
                format!(
                    "unknown time unit {unit:?} at byte {}; {UNITS_HELP}",
                    self.base + unit_start
                )
            })?;
            total = total
                .checked_add(n.times(unit_ns)?)
                .filter(|t| *t <= MAX_NANOS)
                .ok_or(TOO_LARGE)?;
            if !self.separator()? {
                return Ok(total);
            }
        }
    }

    /// Skips what may stand between two items. Returns false at the end.
    fn separator(&mut self) -> Result<bool, String> {
        self.skip_ws();
        let mut joined = false;
        if self.peek() == Some(b',') {
            self.pos += 1;
            self.skip_ws();
            joined = true;
        }
        let rest = &self.s[self.pos..];
        if rest.len() >= 4
            && rest[..3].eq_ignore_ascii_case(b"and")
            && rest[3].is_ascii_whitespace()
        {
            self.pos += 3;
            self.skip_ws();
            joined = true;
        }
        match self.peek() {
            None if joined => Err(self.unexpected("a number after the separator")),
            None => Ok(false),
            Some(b'0'..=b'9') => Ok(true),
            Some(_) => Err(self.unexpected("a number")),
        }
    }

    /// ISO 8601: `P[nY][nM][nW][nD][T[nH][nM][nS]]`, designators in order.
    fn iso(&mut self) -> Result<u128, String> {
        const DATE: [(u8, u128); 4] = [(b'Y', YEAR), (b'M', MONTH), (b'W', WEEK), (b'D', DAY)];
        const TIME: [(u8, u128); 3] = [(b'H', HOUR), (b'M', MIN), (b'S', SEC)];
        self.pos += 1; // the 'P'
        let mut total: u128 = 0;
        let mut parts = 0;
        let mut units: &[(u8, u128)] = &DATE;
        let mut in_time = false;
        loop {
            match self.peek() {
                None => break,
                Some(b'T' | b't') if !in_time => {
                    self.pos += 1;
                    units = &TIME;
                    in_time = true;
                    if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                        return Err(self.unexpected("a number after 'T'"));
                    }
                    continue;
                }
                Some(_) => {}
            }
            let n = self.number(b".,")?;
            let designator = self.peek().map(|b| b.to_ascii_uppercase());
            let Some(i) = units.iter().position(|(d, _)| Some(*d) == designator) else {
                let expected = if in_time {
                    "H, M or S"
                } else {
                    "Y, M, W, D or T"
                };
                return Err(self.unexpected(&format!("a designator ({expected}) in order")));
            };
            self.pos += 1;
            total = total
                .checked_add(n.times(units[i].1)?)
                .filter(|t| *t <= MAX_NANOS)
                .ok_or(TOO_LARGE)?;
            parts += 1;
            units = &units[i + 1..];
        }
        if parts == 0 {
            return Err("an ISO 8601 duration needs at least one part, e.g. PT5M".to_owned());
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nanos(s: &str) -> i128 {
        parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}")).as_nanos()
    }

    fn reason(s: &str) -> String {
        match parse(s) {
            Err(Error::Parse { reason, .. }) => reason,
            other => panic!("{s:?}: expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn separators_form_a_class() {
        let want = 5_400_000_000_000;
        for s in [
            "1 hour, 30 minutes",
            "1 hour,30 minutes",
            "1h, 30m",
            "1 hour and 30 minutes",
            "1 hour, and 30 minutes",
            "1 HOUR 30 MINUTES",
        ] {
            assert_eq!(nanos(s), want, "{s}");
        }
        assert!(reason("1h,").contains("after the separator"));
        assert!(reason("1h and").contains("expected a number"));
        assert!(reason("1h, ,2m").contains("expected a number at byte 4"));
    }

    #[test]
    fn signs_and_ago() {
        assert_eq!(nanos("+5m"), 300_000_000_000);
        assert_eq!(nanos("- 5m"), -300_000_000_000);
        assert_eq!(nanos("5m AGO"), -300_000_000_000);
        assert_eq!(nanos("1h 30m ago"), -5_400_000_000_000);
        assert_eq!(nanos("-PT5M"), -300_000_000_000);
        assert_eq!(nanos("0"), 0);
        assert_eq!(nanos("-0s"), 0);
        assert!(reason("-5m ago").contains("cannot be combined"));
        assert!(reason("ago").contains("expected a number at byte 0"));
        assert!(reason("-").contains("expected a number"));
        assert!(reason("5mago").contains("unknown time unit \"mago\""));
    }

    #[test]
    fn iso_8601() {
        assert_eq!(nanos("P1D"), 86_400_000_000_000);
        assert_eq!(nanos("pt1h30m"), 5_400_000_000_000);
        assert_eq!(nanos("P1M"), 2_630_016_000_000_000);
        assert_eq!(nanos("PT1M"), 60_000_000_000);
        assert_eq!(nanos("P1Y2M3W4DT5H6M7.5S"), {
            let s: i128 = 31_557_600 + 2 * 2_630_016 + 3 * 604_800 + 4 * 86_400 + 5 * 3600 + 6 * 60;
            s * 1_000_000_000 + 7_500_000_000
        });
        assert_eq!(nanos("PT0,5S"), 500_000_000);
        for bad in [
            "P", "PT", "P1", "P1H", "PT1D", "P1D1Y", "PT1S1M", "P1DT", "P T1H", "PT1H 2M",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn units_are_case_sensitive_only_where_ambiguous() {
        assert_eq!(nanos("1m"), 60_000_000_000);
        assert_eq!(nanos("1M"), 2_630_016_000_000_000);
        assert_eq!(nanos("2 Days"), 172_800_000_000_000);
        assert_eq!(nanos("10µs 10μs"), 20_000);
        assert!(reason("1H").contains("unknown time unit \"H\""));
        assert!(reason("1MS").contains("unknown time unit"));
    }

    #[test]
    fn precision_and_range() {
        assert_eq!(nanos("1.0ns"), 1);
        assert_eq!(nanos("0.1M"), 263_001_600_000_000);
        assert_eq!(nanos("1.00000000000000000000000000000s"), 1_000_000_000);
        assert_eq!(
            nanos("9223372036854775807s"),
            i128::from(i64::MAX) * 1_000_000_000
        );
        assert!(reason("9223372036854775808s").contains("too large"));
        assert!(reason("1.5ns").contains("below 1ns"));
        assert!(reason("0.000000000000000000001y").contains("below 1ns"));
        assert!(reason(&"9".repeat(100)).contains("too large"));
        assert!(reason("5.").contains("digit after the decimal point"));
        assert!(reason(".5s").contains("expected a number at byte 0"));
        assert!(reason("292271023046y").contains("too large"));
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            reason("1h 30x"),
            format!("unknown time unit \"x\" at byte 5; {UNITS_HELP}")
        );
        assert_eq!(reason("  5"), "time unit needed, for example 5sec or 5ms");
        assert_eq!(reason("5 !"), "expected a time unit at byte 2, found '!'");
        assert_eq!(reason("5m ! "), "expected a number at byte 3, found '!'");
        assert_eq!(reason("\u{a0}"), "value was empty");
        assert_eq!(nanos("1h\u{a0}30m"), 5_400_000_000_000);
    }
}
