//! Conversions between Unix seconds and proleptic Gregorian UTC dates.
//!
//! jiff's `Timestamp` stops about a day short of 9999-12-31T23:59:59Z (it
//! reserves room for any UTC offset), but [`Time`](crate::Time) must reach
//! that instant, so the day arithmetic is done here on plain integers, using
//! the days-from-civil algorithm popularised by Howard Hinnant. Calendar
//! validation and the week/ordinal calculations still come from
//! `jiff::civil::Date`.

pub(crate) const SECS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 of a valid proleptic Gregorian date.
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    // Shift the year to start in March so the leap day is the last day.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a count of days since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    // The ranges below follow from doy in 0..=365 and mp in 0..=11.
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Checks a calendar date with jiff and describes what is wrong with it.
///
/// Returns the reason as a sentence fragment for the caller's error.
pub(crate) fn validate_date(year: i64, month: i64, day: i64) -> Result<(), String> {
    let y = i16::try_from(year)
        .ok()
        .filter(|y| (-9999..=9999).contains(y))
        .ok_or_else(|| format!("year {year} is out of range (expected -9999..=9999)"))?;
    let m = i8::try_from(month)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| format!("month {month} is out of range (expected 1..=12)"))?;
    let d = i8::try_from(day).unwrap_or(i8::MAX);
    if jiff::civil::Date::new(y, m, d).is_ok() {
        return Ok(());
    }
    let last = jiff::civil::Date::new(y, m, 1).map_or(31, |first| first.days_in_month());
    Err(format!(
        "day {day} is out of range for {} {year} (expected 1..={last})",
        MONTH_NAMES[(m - 1) as usize]
    ))
}

/// English month names, January first.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English weekday names, Sunday first.
pub(crate) const WEEKDAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A UTC instant broken down into calendar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Civil {
    pub(crate) year: i64,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
    pub(crate) nanos: u32,
    /// Days since 1970-01-01.
    pub(crate) days: i64,
}

impl Civil {
    /// Breaks down `secs` (floor Unix seconds) and `nanos` (0..1e9).
    pub(crate) fn from_unix(secs: i64, nanos: u32) -> Civil {
        let days = secs.div_euclid(SECS_PER_DAY);
        let sod = secs.rem_euclid(SECS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: sod / 3600,
            minute: sod / 60 % 60,
            second: sod % 60,
            nanos,
            days,
        }
    }

    /// 0 = Sunday .. 6 = Saturday.
    pub(crate) fn weekday_from_sunday(&self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.days + 4).rem_euclid(7) as u32
    }

    /// 1 = January 1st.
    pub(crate) fn ordinal(&self) -> u32 {
        (self.days - days_from_civil(self.year, 1, 1) + 1) as u32
    }

    /// The ISO 8601 week-numbering year and week (1..=53).
    pub(crate) fn iso_week(&self) -> (i64, u32) {
        let date = i16::try_from(self.year)
            .ok()
            .and_then(|y| jiff::civil::Date::new(y, self.month as i8, self.day as i8).ok());
        match date {
            Some(date) => {
                let w = date.iso_week_date();
                (i64::from(w.year()), w.week() as u32)
            }
            // Only reachable for years jiff does not model; Time never holds one.
            None => (self.year, 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_against_jiff_over_the_whole_range() {
        let first = jiff::civil::date(-9999, 1, 1);
        let mut date = first;
        let mut days = days_from_civil(-9999, 1, 1);
        // Every 7th day keeps the test quick while crossing every month of every year.
        while date.year() < 9999 || date.month() < 12 || date.day() < 25 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(
                (y, m, d),
                (
                    i64::from(date.year()),
                    date.month() as u32,
                    date.day() as u32
                )
            );
            assert_eq!(days_from_civil(y, m, d), days);
            date = date
                .checked_add(jiff::SignedDuration::from_hours(7 * 24))
                .unwrap();
            days += 7;
        }
    }

    #[test]
    fn epoch_is_day_zero_and_a_thursday() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        let c = Civil::from_unix(0, 0);
        assert_eq!(c.weekday_from_sunday(), 4);
        assert_eq!(c.ordinal(), 1);
    }

    #[test]
    fn negative_seconds_floor_into_the_previous_day() {
        let c = Civil::from_unix(-1, 0);
        assert_eq!(
            (c.year, c.month, c.day, c.hour, c.minute, c.second),
            (1969, 12, 31, 23, 59, 59)
        );
    }

    #[test]
    fn validation_names_the_bad_field() {
        assert!(validate_date(2000, 2, 29).is_ok());
        assert_eq!(
            validate_date(2001, 2, 29).unwrap_err(),
            "day 29 is out of range for February 2001 (expected 1..=28)"
        );
        assert!(
            validate_date(2001, 13, 1)
                .unwrap_err()
                .starts_with("month 13")
        );
        assert!(
            validate_date(10000, 1, 1)
                .unwrap_err()
                .starts_with("year 10000")
        );
        assert!(validate_date(2001, 1, 0).unwrap_err().starts_with("day 0"));
        assert!(
            validate_date(2001, 1, 1000)
                .unwrap_err()
                .starts_with("day 1000")
        );
    }
}
