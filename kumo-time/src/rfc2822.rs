//! Liberal RFC 2822 / RFC 5322 date parsing, for `Date:` headers as real
//! mail carries them.
//!
//! Accepted, beyond the strict grammar (RFC 5322 §3.3 and the obsolete
//! syntax of §4.3):
//! - comments (nested, with `\` escapes) and whitespace, including folded
//!   lines (CR and LF count as whitespace), anywhere between tokens;
//! - an optional weekday, with or without a comma, never checked against
//!   the date; full names and any prefix of three letters or more for
//!   weekdays and months (`Sept`, `Thurs`); any letter case;
//! - `21-Nov-1997` dashes; 2-digit years (00-49 → 20xx, 50-99 → 19xx) and
//!   3-digit years (+1900);
//! - 1-digit hours and minutes, optional seconds, fractional seconds, and
//!   second 60 (clamped to 59: Unix time has no leap seconds);
//! - offsets as `±HHMM`, `±HH:MM` or `±HH`; a zone name after the offset
//!   (ignored); a zone name alone (see `zones.rs`); `GMT+0100`; no zone at
//!   all, which means `-0000`;
//! - the asctime layout `Fri Nov 21 09:55:06 [zone] 1997`.

use crate::civil::{self, MONTH_NAMES, SECS_PER_DAY, WEEKDAY_NAMES};
use crate::{Error, Time, zones};

const WHAT: &str = "RFC 2822 date";

impl Time {
    /// Parses a mail date such as `Fri, 21 Nov 1997 09:55:06 -0600`.
    ///
    /// Liberal in what it accepts from real mail: obsolete and common
    /// non-standard forms are read (see the [crate documentation](crate#mail-dates)),
    /// but an impossible date, time or offset is an error.
    ///
    /// ```
    /// use kumo_time::Time;
    /// let t = Time::parse_rfc2822("Fri, 21 Nov 1997 09:55:06 -0600 (MDT)")?;
    /// assert_eq!(t.to_rfc3339(), "1997-11-21T15:55:06+00:00");
    /// let t = Time::parse_rfc2822("Thu, 02 Jul 2026 18:55:38 EDT")?;
    /// assert_eq!(t.hour(), 22);
    /// assert!(Time::parse_rfc2822("Fri, 21 Foo 1997 09:55:06 -0600").is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn parse_rfc2822(s: &str) -> Result<Time, Error> {
        parse(s.as_bytes()).map_err(|reason| Error::parse(WHAT, s, reason))
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

/// Hour, minute, second (0..=60) and nanoseconds as read.
struct Clock {
    hour: i64,
    minute: i64,
    second: i64,
    nanos: u32,
}

fn parse(b: &[u8]) -> Result<Time, String> {
    let mut c = Cursor { b, pos: 0 };
    c.skip_cfws()?;
    if c.peek().is_none() {
        return Err("empty string".to_owned());
    }
    let mut month = None;
    if c.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
        let start = c.pos;
        let word = c.word();
        if name_index(word, &WEEKDAY_NAMES, &WEEKDAY_KEYS).is_some() {
            c.skip_cfws()?;
            if c.eat(b',') {
                c.skip_cfws()?;
            }
        } else if let Some(m) = name_index(word, &MONTH_NAMES, &MONTH_KEYS) {
            month = Some(m);
            c.skip_cfws()?;
        } else {
            return Err(format!(
                "expected a weekday, day or month at byte {start}, found {:?}",
                String::from_utf8_lossy(word)
            ));
        }
    }

    let (year, month, day, clock, offset) = if month.is_none() && c.peek_digit() {
        // RFC layout: day month year time [zone]
        let day = c.number(1, 2, "day")?;
        c.skip_dash()?;
        let month = c.month()?;
        c.skip_dash()?;
        let year = c.year()?;
        c.skip_cfws()?;
        let clock = c.clock()?;
        c.skip_cfws()?;
        let offset = c.zone()?;
        (year, month, day, clock, offset)
    } else {
        // asctime layout: month day time [zone] year [zone]
        let month = match month {
            Some(m) => m,
            None => c.month()?,
        };
        c.skip_cfws()?;
        let day = c.number(1, 2, "day")?;
        c.skip_cfws()?;
        let clock = c.clock()?;
        c.skip_cfws()?;
        let before_year = c.zone()?;
        c.skip_cfws()?;
        let year = c.year()?;
        c.skip_cfws()?;
        let offset = match before_year {
            Some(off) => Some(off),
            None => c.zone()?,
        };
        (year, month, day, clock, offset)
    };
    c.skip_cfws()?;
    if c.pos < b.len() {
        return Err(format!("unexpected text at byte {}", c.pos));
    }

    civil::validate_date(year, month, day)?;
    check(clock.hour, 23, "hour")?;
    check(clock.minute, 59, "minute")?;
    check(clock.second, 60, "second")?;
    // Validated above: month and day are small positive numbers.
    let days = civil::days_from_civil(year, month as u32, day as u32);
    let local = days * SECS_PER_DAY + clock.hour * 3600 + clock.minute * 60 + clock.second.min(59);
    Time::from_unix_parts(local - offset.unwrap_or(0), clock.nanos).map_err(|e| e.to_string())
}

fn check(v: i64, max: i64, field: &str) -> Result<(), String> {
    if v > max {
        Err(format!("{field} {v} is out of range (expected 0..={max})"))
    } else {
        Ok(())
    }
}

/// The first three letters of a name, lower-cased, as one number.
/// `| 0x20` lower-cases ASCII letters, and names and words are only letters.
const fn key(b: &[u8]) -> u32 {
    (b[0] | 0x20) as u32 | ((b[1] | 0x20) as u32) << 8 | ((b[2] | 0x20) as u32) << 16
}

const fn keys<const N: usize>(names: &[&str; N]) -> [u32; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = key(names[i].as_bytes());
        i += 1;
    }
    out
}

const MONTH_KEYS: [u32; 12] = keys(&MONTH_NAMES);
const WEEKDAY_KEYS: [u32; 7] = keys(&WEEKDAY_NAMES);

/// Index (1-based) of the name that `word` abbreviates: the full name or a
/// prefix of it at least three letters long, in any case.
fn name_index(word: &[u8], names: &[&str], keys: &[u32]) -> Option<i64> {
    if word.len() < 3 {
        return None;
    }
    let i = keys.iter().position(|k| *k == key(word))?;
    let name = names[i].as_bytes();
    let whole = name.len() >= word.len() && name[..word.len()].eq_ignore_ascii_case(word);
    whole.then_some(i as i64 + 1)
}

#[cold]
fn digits_error(min: usize, max: usize, field: &str, start: usize) -> String {
    let count = if min == max {
        min.to_string()
    } else {
        format!("{min}- or {max}")
    };
    format!("expected a {count}-digit {field} at byte {start}")
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_digit(&self) -> bool {
        self.peek().is_some_and(|b| b.is_ascii_digit())
    }

    fn eat(&mut self, want: u8) -> bool {
        let hit = self.peek() == Some(want);
        self.pos += usize::from(hit);
        hit
    }

    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(&f) {
            self.pos += 1;
        }
        &self.b[start..self.pos]
    }

    fn word(&mut self) -> &'a [u8] {
        self.take_while(|b| b.is_ascii_alphabetic())
    }

    /// Skips whitespace (folding included) and comments.
    fn skip_cfws(&mut self) -> Result<(), String> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r' | b'\n') => self.pos += 1,
                Some(b'(') => self.skip_comment()?,
                _ => return Ok(()),
            }
        }
    }

    /// Skips a comment; nesting is counted rather than recursed into.
    fn skip_comment(&mut self) -> Result<(), String> {
        let start = self.pos;
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                b'\\' => self.pos = (self.pos + 1).min(self.b.len()),
                _ => {}
            }
        }
        Err(format!("unterminated comment starting at byte {start}"))
    }

    /// Whitespace with at most one `-` in it, as in `21-Nov-1997`.
    fn skip_dash(&mut self) -> Result<(), String> {
        self.skip_cfws()?;
        if self.eat(b'-') {
            self.skip_cfws()?;
        }
        Ok(())
    }

    fn number(&mut self, min: usize, max: usize, field: &str) -> Result<i64, String> {
        let start = self.pos;
        let mut value = 0i64;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            // Only the first `max` digits count; more make it an error below.
            if self.pos - start < max {
                value = value * 10 + i64::from(d - b'0');
            }
            self.pos += 1;
        }
        let len = self.pos - start;
        if len < min || len > max {
            return Err(digits_error(min, max, field, start));
        }
        Ok(value)
    }

    fn month(&mut self) -> Result<i64, String> {
        let start = self.pos;
        let word = self.word();
        if word.is_empty() {
            return Err(format!("expected a month name at byte {start}"));
        }
        name_index(word, &MONTH_NAMES, &MONTH_KEYS).ok_or_else(|| {
            format!(
                "unknown month {:?} at byte {start}",
                String::from_utf8_lossy(word)
            )
        })
    }

    fn year(&mut self) -> Result<i64, String> {
        let start = self.pos;
        let year = self.number(2, 4, "year")?;
        Ok(match self.pos - start {
            2 if year < 50 => 2000 + year,
            2 | 3 => 1900 + year,
            _ => year,
        })
    }

    /// `H[H]:M[M][:S[S][.fraction]]`.
    fn clock(&mut self) -> Result<Clock, String> {
        let hour = self.number(1, 2, "hour")?;
        self.expect_colon()?;
        let minute = self.number(1, 2, "minute")?;
        let mut clock = Clock {
            hour,
            minute,
            second: 0,
            nanos: 0,
        };
        if self.eat(b':') {
            clock.second = self.number(1, 2, "second")?;
            if self.eat(b'.') {
                let start = self.pos;
                let digits = self.take_while(|b| b.is_ascii_digit());
                if digits.is_empty() {
                    return Err(format!("expected a digit after '.' at byte {start}"));
                }
                let mut nanos = 0u32;
                for i in 0..9 {
                    nanos = nanos * 10 + digits.get(i).map_or(0, |d| u32::from(d - b'0'));
                }
                clock.nanos = nanos;
            }
        }
        Ok(clock)
    }

    fn expect_colon(&mut self) -> Result<(), String> {
        if self.eat(b':') {
            Ok(())
        } else {
            Err(format!("expected ':' at byte {}", self.pos))
        }
    }

    /// An optional zone: a numeric offset (perhaps followed by a name, which
    /// is ignored) or a name. Returns seconds east of UTC.
    fn zone(&mut self) -> Result<Option<i64>, String> {
        match self.peek() {
            Some(b'+' | b'-') => {
                let offset = self.numeric_offset()?;
                self.skip_cfws()?;
                self.word();
                Ok(Some(offset))
            }
            Some(b) if b.is_ascii_alphabetic() => {
                let name = self.word();
                if zones::is_utc_name(name) && matches!(self.peek(), Some(b'+' | b'-')) {
                    return self.numeric_offset().map(Some);
                }
                Ok(Some(zones::offset_seconds(name)))
            }
            _ => Ok(None),
        }
    }

    /// `±HHMM`, `±HH:MM` or `±H[H]`, at most 23:59 either way.
    fn numeric_offset(&mut self) -> Result<i64, String> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        self.pos += 1;
        let digits = self.take_while(|b| b.is_ascii_digit());
        if !matches!(digits.len(), 1 | 2 | 4) {
            return Err(format!("expected a ±HHMM offset at byte {start}"));
        }
        // At most four digits: no overflow.
        let value = digits
            .iter()
            .fold(0i64, |v, d| v * 10 + i64::from(d - b'0'));
        let (hours, minutes) = match digits.len() {
            4 => (value / 100, value % 100),
            1 | 2 if self.eat(b':') => (value, self.number(2, 2, "offset minute")?),
            _ => (value, 0),
        };
        if hours > 23 || minutes > 59 {
            return Err(format!(
                "offset {} at byte {start} is out of range (expected at most 23:59)",
                String::from_utf8_lossy(&self.b[start..self.pos])
            ));
        }
        let secs = hours * 3600 + minutes * 60;
        Ok(if negative { -secs } else { secs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc3339(s: &str) -> String {
        Time::parse_rfc2822(s)
            .unwrap_or_else(|e| panic!("{s:?}: {e}"))
            .to_rfc3339()
    }

    fn reason(s: &str) -> String {
        match Time::parse_rfc2822(s) {
            Err(Error::Parse { reason, .. }) => reason,
            other => panic!("{s:?}: expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn every_north_american_zone() {
        for (zone, hour) in [
            ("EST", 17),
            ("EDT", 16),
            ("CST", 18),
            ("CDT", 17),
            ("MST", 19),
            ("MDT", 18),
            ("PST", 20),
            ("PDT", 19),
            ("UT", 12),
            ("GMT", 12),
            ("Z", 12),
        ] {
            let t = Time::parse_rfc2822(&format!("Thu, 02 Jul 2026 12:00:00 {zone}")).unwrap();
            assert_eq!(t.hour(), hour, "{zone}");
        }
    }

    #[test]
    fn every_military_letter_means_utc() {
        for letter in ('A'..='Z').chain('a'..='z') {
            assert_eq!(
                rfc3339(&format!("Thu, 02 Jul 2026 18:55:38 {letter}")),
                "2026-07-02T18:55:38+00:00"
            );
        }
    }

    #[test]
    fn every_folding_form() {
        for fold in ["\r\n ", "\r\n\t", "\n ", "\n\t", "\r\n \r\n ", " \r\n\t "] {
            let s = format!("Fri, 21 Nov 1997{fold}09:55:06{fold}-0600");
            assert_eq!(rfc3339(&s), "1997-11-21T15:55:06+00:00", "{s:?}");
        }
    }

    #[test]
    fn comments_nest_escape_and_sit_anywhere() {
        for s in [
            "(x) Fri, 21 Nov 1997 09:55:06 -0600",
            "Fri(x), 21 Nov 1997 09:55:06 -0600",
            "Fri, 21 (x) Nov (y) 1997 09:55:06 -0600",
            "Fri, 21 Nov 1997 09:55:06 -0600 (a (b (c)) d)",
            "Fri, 21 Nov 1997 09:55:06 -0600 (escaped \\) paren)",
            "Fri, 21 Nov 1997 09:55:06 -0600 (ünïcödé)",
        ] {
            assert_eq!(rfc3339(s), "1997-11-21T15:55:06+00:00", "{s:?}");
        }
        assert_eq!(
            reason("Fri, 21 Nov 1997 09:55:06 -0600 (open (nested)"),
            "unterminated comment starting at byte 32"
        );
        assert!(reason("Fri, 21 Nov 1997 09:55:06 -0600 (x\\").contains("unterminated"));
    }

    #[test]
    fn other_layouts_and_spellings() {
        for (s, want) in [
            ("21-Nov-1997 09:55:06 -0600", "1997-11-21T15:55:06+00:00"),
            ("Nov 21 09:55:06 1997", "1997-11-21T09:55:06+00:00"),
            ("Fri Nov 21 09:55:06 EST 1997", "1997-11-21T14:55:06+00:00"),
            (
                "Fri Nov 21 09:55:06 1997 -0600",
                "1997-11-21T15:55:06+00:00",
            ),
            (
                "Thurs, 20 Nov 1997 09:55:06 GMT+0100",
                "1997-11-20T08:55:06+00:00",
            ),
            (
                "Thu, 20 Nov 1997 09:55:06 UTC-05:30",
                "1997-11-20T15:25:06+00:00",
            ),
            ("Thu, 20 Nov 1997 09:55:06 +01", "1997-11-20T08:55:06+00:00"),
            ("Thu, 20 Nov 1997 9:5:6 +0000", "1997-11-20T09:05:06+00:00"),
            (
                "Thu, 20 Nov 1997 09:55:06 +0000 UTC (comment)",
                "1997-11-20T09:55:06+00:00",
            ),
            ("Sat, 01 Jan 49 00:00:00 +0000", "2049-01-01T00:00:00+00:00"),
            ("Sat, 01 Jan 50 00:00:00 +0000", "1950-01-01T00:00:00+00:00"),
            (
                "Fri, 21 Nov 1997 09:55:59.1234567891 +0000",
                "1997-11-21T09:55:59.123456789+00:00",
            ),
            (
                "Fri, 21 Nov 1997 12:00:60 +0000",
                "1997-11-21T12:00:59+00:00",
            ),
            (
                "Fri, 21 NOVEMBER 1997 09:55:06 +0000",
                "1997-11-21T09:55:06+00:00",
            ),
        ] {
            assert_eq!(rfc3339(s), want, "{s:?}");
        }
    }

    #[test]
    fn errors_say_what_and_where() {
        for (s, want) in [
            (
                "not a date",
                "expected a weekday, day or month at byte 0, found \"not\"",
            ),
            ("", "empty string"),
            (" (only a comment) ", "empty string"),
            (
                "Fri, 21 Foo 1997 09:55:06 -0600",
                "unknown month \"Foo\" at byte 8",
            ),
            (
                "Fri, 21 Nov 1997",
                "expected a 1- or 2-digit hour at byte 16",
            ),
            ("Fri, 21 Nov 1997 09", "expected ':' at byte 19"),
            (
                "Fri, 21 Nov 1997 09:55:06 +9999",
                "offset +9999 at byte 26 is out of range (expected at most 23:59)",
            ),
            (
                "Fri, 21 Nov 1997 09:55:06 +2400",
                "offset +2400 at byte 26 is out of range (expected at most 23:59)",
            ),
            (
                "Fri, 21 Nov 1997 09:55:06 +100",
                "expected a ±HHMM offset at byte 26",
            ),
            (
                "Fri, 21 Nov 1997 25:00:00 -0600",
                "hour 25 is out of range (expected 0..=23)",
            ),
            (
                "Fri, 21 Nov 1997 09:60:00 -0600",
                "minute 60 is out of range (expected 0..=59)",
            ),
            (
                "Fri, 21 Nov 1997 09:00:61 -0600",
                "second 61 is out of range (expected 0..=60)",
            ),
            (
                "Fri, 21 Nov 1997 09:55:06 -0600 UTC junk",
                "unexpected text at byte 36",
            ),
            (
                "Fri, 21 Nov 1997 09:55:06 EST junk",
                "unexpected text at byte 30",
            ),
            (
                "Fri, 21 Nov 19970 09:55:06 -0600",
                "expected a 2- or 4-digit year at byte 12",
            ),
            (
                "Fri, 21 Nov 1997 09:55:06. -0600",
                "expected a digit after '.' at byte 26",
            ),
            (
                "Tue, 29 Feb 2001 12:00:00 +0000",
                "day 29 is out of range for February 2001 (expected 1..=28)",
            ),
            (
                "Fr, 21 Nov 1997 09:55:06 -0600",
                "expected a weekday, day or month at byte 0, found \"Fr\"",
            ),
        ] {
            assert_eq!(reason(s), want, "{s:?}");
        }
    }

    #[test]
    fn far_dates_are_range_errors() {
        assert!(Time::parse_rfc2822("31 Dec 9999 23:59:59 -0100").is_err());
        let t = Time::parse_rfc2822("31 Dec 9999 23:59:59 +0100").unwrap();
        assert_eq!(t.to_rfc3339(), "9999-12-31T22:59:59+00:00");
    }
}
