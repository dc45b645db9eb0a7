//! The fixed textual forms of a [`Time`]: `Display`, RFC 3339 and RFC 2822.

use std::fmt::{self, Write};

use crate::Time;
use crate::civil::{Civil, MONTH_NAMES, WEEKDAY_NAMES};

/// Appends `v` in decimal, left-filled with `fill` to at least `width`
/// characters. Hand-rolled because `write!` costs several times more on
/// these hot paths.
pub(crate) fn push_padded(out: &mut String, v: u64, width: usize, fill: char) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut rest = v;
    loop {
        i -= 1;
        buf[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let len = buf.len() - i;
    for _ in len..width {
        out.push(fill);
    }
    out.extend(buf[i..].iter().map(|&d| char::from(d)));
}

/// Writes `YYYY` for years 0..=9999 and a signed `+YYYYY`/`-YYYY` otherwise,
/// as ISO 8601 asks for years outside four digits.
pub(crate) fn write_year(out: &mut String, year: i64) {
    if (0..=9999).contains(&year) {
        push_padded(out, year.unsigned_abs(), 4, '0');
    } else {
        // Writing into a String cannot fail.
        let _ = write!(out, "{year:+05}");
    }
}

/// Writes `.` and 3, 6 or 9 digits, the fewest that show `nanos` exactly;
/// nothing at all when `nanos` is zero.
pub(crate) fn write_auto_fraction(out: &mut String, nanos: u32) {
    let (value, digits) = if nanos == 0 {
        return;
    } else if nanos % 1_000_000 == 0 {
        (nanos / 1_000_000, 3)
    } else if nanos % 1_000 == 0 {
        (nanos / 1_000, 6)
    } else {
        (nanos, 9)
    };
    out.push('.');
    push_padded(out, value.into(), digits, '0');
}

fn push2(out: &mut String, v: u32) {
    push_padded(out, v.into(), 2, '0');
}

/// `HH:MM:SS`.
fn write_clock(out: &mut String, c: &Civil) {
    push2(out, c.hour);
    out.push(':');
    push2(out, c.minute);
    out.push(':');
    push2(out, c.second);
}

/// `YYYY-MM-DD{sep}HH:MM:SS[.fff]`.
fn write_date_time(out: &mut String, c: &Civil, sep: char) {
    write_year(out, c.year);
    out.push('-');
    push2(out, c.month);
    out.push('-');
    push2(out, c.day);
    out.push(sep);
    write_clock(out, c);
    write_auto_fraction(out, c.nanos);
}

/// The RFC 3339 form that `%+` also produces.
pub(crate) fn write_rfc3339(out: &mut String, c: &Civil) {
    write_date_time(out, c, 'T');
    out.push_str("+00:00");
}

pub(crate) fn short_weekday(c: &Civil) -> &'static str {
    &WEEKDAY_NAMES[c.weekday_from_sunday() as usize][..3]
}

pub(crate) fn short_month(c: &Civil) -> &'static str {
    &MONTH_NAMES[c.month as usize - 1][..3]
}

impl fmt::Display for Time {
    /// `YYYY-MM-DD HH:MM:SS[.fff] UTC`, the Lua `tostring` form.
    ///
    /// ```
    /// let t = kumo_time::Time::from_unix_parts(946_782_245, 100_000)?;
    /// assert_eq!(t.to_string(), "2000-01-02 03:04:05.000100 UTC");
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = String::with_capacity(40);
        write_date_time(&mut buf, &self.civil(), ' ');
        buf.push_str(" UTC");
        f.pad(&buf)
    }
}

impl Time {
    /// RFC 3339 with a `+00:00` offset and 0, 3, 6 or 9 fractional digits.
    ///
    /// ```
    /// let t = kumo_time::Time::from_unix_parts(0, 500_000_000)?;
    /// assert_eq!(t.to_rfc3339(), "1970-01-01T00:00:00.500+00:00");
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn to_rfc3339(&self) -> String {
        let mut s = String::with_capacity(36);
        write_rfc3339(&mut s, &self.civil());
        s
    }

    /// RFC 2822 as mail `Date:` headers carry it, in UTC, without fraction.
    ///
    /// The day of the month is not zero-padded. Years before 0 are written
    /// with a sign (RFC 2822 itself has no form for them).
    ///
    /// ```
    /// let t = kumo_time::Time::from_unix_seconds(946_782_245)?;
    /// assert_eq!(t.to_rfc2822(), "Sun, 2 Jan 2000 03:04:05 +0000");
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn to_rfc2822(&self) -> String {
        let c = self.civil();
        let mut s = String::with_capacity(32);
        s.push_str(short_weekday(&c));
        s.push_str(", ");
        push_padded(&mut s, c.day.into(), 1, '0');
        s.push(' ');
        s.push_str(short_month(&c));
        s.push(' ');
        write_year(&mut s, c.year);
        s.push(' ');
        write_clock(&mut s, &c);
        s.push_str(" +0000");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_outside_four_digits_carry_a_sign() {
        assert_eq!(Time::MIN.to_string(), "-9999-01-01 00:00:00 UTC");
        let t = Time::from_ymd_hms(-1, 12, 31, 0, 0, 0).unwrap();
        assert_eq!(t.to_rfc3339(), "-0001-12-31T00:00:00+00:00");
        assert_eq!(t.to_rfc2822(), "Fri, 31 Dec -0001 00:00:00 +0000");
    }

    #[test]
    fn padding_fills_to_width_and_never_truncates() {
        let mut s = String::new();
        push_padded(&mut s, 0, 3, '0');
        push_padded(&mut s, 7, 2, ' ');
        push_padded(&mut s, 12345, 2, '0');
        push_padded(&mut s, u64::MAX, 0, '0');
        assert_eq!(s, "000 71234518446744073709551615");
    }

    #[test]
    fn display_honours_width() {
        let t = Time::UNIX_EPOCH;
        assert_eq!(format!("[{t:>25}]"), "[  1970-01-01 00:00:00 UTC]");
    }
}
