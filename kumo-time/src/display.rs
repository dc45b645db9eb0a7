//! The fixed textual forms of a [`Time`]: `Display`, RFC 3339 and RFC 2822.

use std::fmt::{self, Write};

use crate::Time;
use crate::civil::{Civil, MONTH_NAMES, WEEKDAY_NAMES};

/// Writes `YYYY` for years 0..=9999 and a signed `+YYYYY`/`-YYYY` otherwise,
/// as ISO 8601 asks for years outside four digits.
pub(crate) fn write_year(w: &mut impl Write, year: i64) -> fmt::Result {
    if (0..=9999).contains(&year) {
        write!(w, "{year:04}")
    } else {
        write!(w, "{year:+05}")
    }
}

/// Writes `.` and 3, 6 or 9 digits, the fewest that show `nanos` exactly;
/// nothing at all when `nanos` is zero.
pub(crate) fn write_auto_fraction(w: &mut impl Write, nanos: u32) -> fmt::Result {
    if nanos == 0 {
        Ok(())
    } else if nanos % 1_000_000 == 0 {
        write!(w, ".{:03}", nanos / 1_000_000)
    } else if nanos % 1_000 == 0 {
        write!(w, ".{:06}", nanos / 1_000)
    } else {
        write!(w, ".{nanos:09}")
    }
}

/// `YYYY-MM-DD{sep}HH:MM:SS[.fff]`.
fn write_date_time(w: &mut impl Write, c: &Civil, sep: char) -> fmt::Result {
    write_year(w, c.year)?;
    write!(
        w,
        "-{:02}-{:02}{sep}{:02}:{:02}:{:02}",
        c.month, c.day, c.hour, c.minute, c.second
    )?;
    write_auto_fraction(w, c.nanos)
}

/// The RFC 3339 form that `%+` also produces.
pub(crate) fn write_rfc3339(w: &mut impl Write, c: &Civil) -> fmt::Result {
    write_date_time(w, c, 'T')?;
    w.write_str("+00:00")
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
        write_date_time(&mut buf, &self.civil(), ' ')?;
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
        // Writing into a String cannot fail.
        let _ = write_rfc3339(&mut s, &self.civil());
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
        // Writing into a String cannot fail.
        let _ = (|| -> fmt::Result {
            write!(s, "{}, {} {} ", short_weekday(&c), c.day, short_month(&c))?;
            write_year(&mut s, c.year)?;
            write!(s, " {:02}:{:02}:{:02} +0000", c.hour, c.minute, c.second)
        })();
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
    fn display_honours_width() {
        let t = Time::UNIX_EPOCH;
        assert_eq!(format!("[{t:>25}]"), "[  1970-01-01 00:00:00 UTC]");
    }
}
