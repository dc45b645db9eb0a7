//! Strict RFC 3339 parsing.
//!
//! `YYYY-MM-DD(T|t| )HH:MM:SS[.fraction](Z|z|±HH:MM)`, every field with
//! exactly its digits. Fraction digits past nanoseconds are dropped. A leap
//! second is accepted only where one can occur, at 23:59:60 UTC (in any
//! offset), and is stored as :59 because Unix time has no leap seconds.

use crate::civil::{self, SECS_PER_DAY};
use crate::{Error, Time};

const WHAT: &str = "RFC 3339 timestamp";

impl Time {
    /// Parses a strict RFC 3339 timestamp such as `2000-01-02T03:04:05.5-07:00`.
    ///
    /// `T` and `Z` may be lowercase and `T` may be a space (RFC 3339 §5.6).
    /// Digits past nanoseconds are truncated. `23:59:60` UTC is accepted and
    /// clamped to `:59`.
    ///
    /// ```
    /// use kumo_time::Time;
    /// let t = Time::parse_rfc3339("2000-01-02T03:04:05.5-07:00")?;
    /// assert_eq!(t.to_rfc3339(), "2000-01-02T10:04:05.500+00:00");
    /// let err = Time::parse_rfc3339("2021-02-29T00:00:00Z").unwrap_err();
    /// assert!(err.to_string().contains("day 29 is out of range"));
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn parse_rfc3339(s: &str) -> Result<Time, Error> {
        parse(s.as_bytes()).map_err(|reason| Error::parse(WHAT, s, reason))
    }
}

/// Reads `n` ASCII digits at `pos` as a number.
fn digits(b: &[u8], pos: usize, n: usize, field: &str) -> Result<i64, String> {
    let mut v = 0i64;
    for i in pos..pos + n {
        match b.get(i) {
            Some(d @ b'0'..=b'9') => v = v * 10 + i64::from(d - b'0'),
            _ => return Err(format!("expected {n}-digit {field} at byte {pos}")),
        }
    }
    Ok(v)
}

fn expect(b: &[u8], pos: usize, what: &[u8]) -> Result<(), String> {
    if b.get(pos).is_some_and(|c| what.contains(c)) {
        Ok(())
    } else {
        let shown: Vec<String> = what.iter().map(|c| format!("'{}'", *c as char)).collect();
        Err(format!("expected {} at byte {pos}", shown.join(" or ")))
    }
}

fn range(v: i64, max: i64, field: &str) -> Result<i64, String> {
    if v > max {
        Err(format!(
            "{field} {v} is out of range (expected 00..={max:02})"
        ))
    } else {
        Ok(v)
    }
}

fn parse(b: &[u8]) -> Result<Time, String> {
    if b.is_empty() {
        return Err("empty string".to_owned());
    }
    let year = digits(b, 0, 4, "year")?;
    expect(b, 4, b"-")?;
    let month = digits(b, 5, 2, "month")?;
    expect(b, 7, b"-")?;
    let day = digits(b, 8, 2, "day")?;
    expect(b, 10, b"Tt ")?;
    let hour = range(digits(b, 11, 2, "hour")?, 23, "hour")?;
    expect(b, 13, b":")?;
    let minute = range(digits(b, 14, 2, "minute")?, 59, "minute")?;
    expect(b, 16, b":")?;
    let second = range(digits(b, 17, 2, "second")?, 60, "second")?;
    civil::validate_date(year, month, day)?;

    let mut pos = 19;
    let mut nanos = 0u32;
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while let Some(d @ b'0'..=b'9') = b.get(pos) {
            if pos - start < 9 {
                nanos = nanos * 10 + u32::from(d - b'0');
            }
            pos += 1;
        }
        if pos == start {
            return Err(format!("expected a digit after '.' at byte {pos}"));
        }
        for _ in (pos - start)..9 {
            nanos *= 10;
        }
    }

    let offset_secs = match b.get(pos) {
        Some(b'Z' | b'z') => {
            pos += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            let h = range(digits(b, pos + 1, 2, "offset hour")?, 23, "offset hour")?;
            expect(b, pos + 3, b":")?;
            let m = range(digits(b, pos + 4, 2, "offset minute")?, 59, "offset minute")?;
            pos += 6;
            let secs = h * 3600 + m * 60;
            if *sign == b'-' { -secs } else { secs }
        }
        _ => return Err(format!("expected 'Z' or a ±HH:MM offset at byte {pos}")),
    };
    if pos != b.len() {
        return Err(format!("unexpected text after the offset at byte {pos}"));
    }

    // Validated above: month and day are small positive numbers.
    let days = civil::days_from_civil(year, month as u32, day as u32);
    let local = days * SECS_PER_DAY + hour * 3600 + minute * 60 + second.min(59);
    let utc = local - offset_secs;
    if second == 60 && utc.rem_euclid(SECS_PER_DAY) != SECS_PER_DAY - 1 {
        return Err("second 60 (a leap second) is only valid at 23:59:60 UTC".to_owned());
    }
    Time::from_unix_parts(utc, nanos).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(s: &str) -> String {
        match Time::parse_rfc3339(s) {
            Err(Error::Parse { reason, .. }) => reason,
            other => panic!("{s:?}: expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn every_field_is_checked_with_a_message() {
        assert_eq!(
            reason("2021-03-04T10:00:00"),
            "expected 'Z' or a ±HH:MM offset at byte 19"
        );
        assert_eq!(
            reason("2021-3-04T10:00:00Z"),
            "expected 2-digit month at byte 5"
        );
        assert_eq!(
            reason("2021-03-04T24:00:00Z"),
            "hour 24 is out of range (expected 00..=23)"
        );
        assert_eq!(
            reason("2021-03-04T10:60:00Z"),
            "minute 60 is out of range (expected 00..=59)"
        );
        assert_eq!(
            reason("2021-03-04X10:00:00Z"),
            "expected 'T' or 't' or ' ' at byte 10"
        );
        assert_eq!(
            reason("2021-03-04T10:00:00.Z"),
            "expected a digit after '.' at byte 20"
        );
        assert_eq!(
            reason("2021-03-04T10:00:00+0100"),
            "expected ':' at byte 22"
        );
        assert_eq!(
            reason("2021-13-04T10:00:00Z"),
            "month 13 is out of range (expected 1..=12)"
        );
        assert_eq!(
            reason("2021-03-04T10:00:00Zjunk"),
            "unexpected text after the offset at byte 20"
        );
        assert_eq!(reason(""), "empty string");
    }

    #[test]
    fn range_ends() {
        let max = Time::parse_rfc3339("9999-12-31T23:59:59.999999999Z").unwrap();
        assert_eq!(max, Time::MAX);
        assert!(Time::parse_rfc3339("9999-12-31T23:59:59-00:01").is_err());
        let min = Time::parse_rfc3339("0000-01-01T00:00:00+23:59").unwrap();
        assert_eq!(min.year(), -1);
        let leap = Time::parse_rfc3339("2016-12-31T23:59:60.5Z").unwrap();
        assert_eq!(leap.to_rfc3339(), "2016-12-31T23:59:59.500+00:00");
        assert!(Time::parse_rfc3339("2017-01-01T00:59:60+01:00").is_ok());
        assert!(Time::parse_rfc3339("2017-01-01T00:59:60+00:59").is_err());
    }
}
