//! [`Time`]: a UTC instant with nanosecond precision.

use std::time::SystemTime;

use crate::civil::{self, Civil, SECS_PER_DAY};
use crate::{Error, TimeDelta};

const NANOS_PER_SEC: i128 = 1_000_000_000;
/// -9999-01-01T00:00:00Z, the first instant of jiff's civil calendar.
const MIN_SECS: i64 = -377_705_116_800;
/// 9999-12-31T23:59:59Z.
const MAX_SECS: i64 = 253_402_300_799;
const RANGE: &str = "times must lie within years -9999..=9999 UTC";

/// A UTC instant with nanosecond precision, in years -9999..=9999.
///
/// Ordering, equality and hashing follow the instant. `Display` prints the
/// form Lua's `tostring` shows, with 0, 3, 6 or 9 fractional digits:
///
/// ```
/// use kumo_time::Time;
/// let t = Time::from_unix_parts(946_782_245, 123_000_000)?;
/// assert_eq!(t.to_string(), "2000-01-02 03:04:05.123 UTC");
/// assert!(t > Time::from_unix_seconds(946_782_245)?);
/// # Ok::<(), kumo_time::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    /// Whole seconds since the epoch, rounded towards minus infinity.
    secs: i64,
    /// Nanoseconds after `secs`, always below one second.
    nanos: u32,
}

impl Time {
    /// The Unix epoch, 1970-01-01T00:00:00Z.
    ///
    /// ```
    /// assert_eq!(kumo_time::Time::UNIX_EPOCH.unix_timestamp(), 0);
    /// ```
    pub const UNIX_EPOCH: Time = Time { secs: 0, nanos: 0 };

    /// The earliest representable instant, -9999-01-01T00:00:00Z.
    ///
    /// ```
    /// assert_eq!(kumo_time::Time::MIN.year(), -9999);
    /// ```
    pub const MIN: Time = Time {
        secs: MIN_SECS,
        nanos: 0,
    };

    /// The latest representable instant, 9999-12-31T23:59:59.999999999Z.
    ///
    /// ```
    /// assert_eq!(kumo_time::Time::MAX.to_rfc3339(), "9999-12-31T23:59:59.999999999+00:00");
    /// ```
    pub const MAX: Time = Time {
        secs: MAX_SECS,
        nanos: 999_999_999,
    };

    /// The current time from the system clock.
    ///
    /// A clock set outside years -9999..=9999 is clamped to the nearest end
    /// of the range rather than failing.
    ///
    /// ```
    /// let t = kumo_time::Time::now();
    /// assert!(t.year() >= 2024);
    /// ```
    pub fn now() -> Time {
        match Time::from_system_time(SystemTime::now()) {
            Ok(t) => t,
            Err(_) if SystemTime::now() < SystemTime::UNIX_EPOCH => Time::MIN,
            Err(_) => Time::MAX,
        }
    }

    /// The instant `secs` whole seconds after the Unix epoch.
    ///
    /// ```
    /// let t = kumo_time::Time::from_unix_seconds(-1)?;
    /// assert_eq!(t.to_string(), "1969-12-31 23:59:59 UTC");
    /// assert!(kumo_time::Time::from_unix_seconds(i64::MAX).is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn from_unix_seconds(secs: i64) -> Result<Time, Error> {
        Time::from_unix_parts(secs, 0)
    }

    /// The instant `secs` seconds after the Unix epoch, with fractions.
    ///
    /// The fraction is rounded to the nearest nanosecond and counts forward
    /// from the floor, so `-0.5` is exactly half a second before the epoch.
    /// NaN, infinities and values outside years -9999..=9999 are errors.
    ///
    /// ```
    /// use kumo_time::Time;
    /// let t = Time::from_unix_seconds_f64(-0.5)?;
    /// assert_eq!((t.unix_timestamp(), t.subsec_nanos()), (-1, 500_000_000));
    /// assert!(Time::from_unix_seconds_f64(f64::NAN).is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn from_unix_seconds_f64(secs: f64) -> Result<Time, Error> {
        if !secs.is_finite() {
            return Err(Error::NotFinite {
                what: "unix timestamp",
                value: secs.to_string(),
            });
        }
        let floor = secs.floor();
        // Compared as floats so that huge values are rejected before any cast.
        if floor < MIN_SECS as f64 || floor > MAX_SECS as f64 {
            return Err(Error::out_of_range(
                format!("unix timestamp {}", crate::error::quote_float(secs)),
                RANGE,
            ));
        }
        // Exact: `secs - floor` has no rounding error for any finite double.
        let nanos = ((secs - floor) * 1e9).round() as u32;
        let (whole, nanos) = if nanos >= 1_000_000_000 {
            (floor as i64 + 1, 0)
        } else {
            (floor as i64, nanos)
        };
        Time::from_unix_parts(whole, nanos).map_err(|_| {
            Error::out_of_range(
                format!("unix timestamp {}", crate::error::quote_float(secs)),
                RANGE,
            )
        })
    }

    /// The instant `secs` seconds plus `nanos` nanoseconds after the epoch.
    ///
    /// `nanos` must be below 1_000_000_000; it always counts forward, so
    /// `(-1, 500_000_000)` is half a second before the epoch.
    ///
    /// ```
    /// let t = kumo_time::Time::from_unix_parts(-1, 500_000_000)?;
    /// assert_eq!(t.unix_timestamp_millis(), -500);
    /// assert!(kumo_time::Time::from_unix_parts(0, 1_000_000_000).is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn from_unix_parts(secs: i64, nanos: u32) -> Result<Time, Error> {
        if nanos >= 1_000_000_000 {
            return Err(Error::out_of_range(
                format!("nanoseconds {nanos}"),
                "expected 0..=999999999",
            ));
        }
        if !(MIN_SECS..=MAX_SECS).contains(&secs) {
            return Err(Error::out_of_range(format!("unix timestamp {secs}"), RANGE));
        }
        Ok(Time { secs, nanos })
    }

    /// The UTC instant with the given calendar date and wall-clock time.
    ///
    /// Every part is validated: month 1..=12, the day within that month,
    /// hour 0..=23, minute and second 0..=59, year -9999..=9999.
    ///
    /// ```
    /// use kumo_time::Time;
    /// let t = Time::from_ymd_hms(2000, 2, 29, 12, 0, 0)?;
    /// assert_eq!(t.to_rfc3339(), "2000-02-29T12:00:00+00:00");
    /// let err = Time::from_ymd_hms(2001, 2, 29, 12, 0, 0).unwrap_err();
    /// assert!(err.to_string().contains("day 29 is out of range for February 2001"));
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn from_ymd_hms(
        year: i64,
        month: i64,
        day: i64,
        hour: i64,
        minute: i64,
        second: i64,
    ) -> Result<Time, Error> {
        let field = |name: &str, value: i64, max: i64| {
            if (0..=max).contains(&value) {
                Ok(value)
            } else {
                Err(Error::out_of_range(
                    format!("{name} {value}"),
                    format!("expected 0..={max}"),
                ))
            }
        };
        let hour = field("hour", hour, 23)?;
        let minute = field("minute", minute, 59)?;
        let second = field("second", second, 59)?;
        civil::validate_date(year, month, day).map_err(|reason| Error::OutOfRange {
            what: format!("date {year}-{month}-{day}"),
            detail: reason,
        })?;
        // Validated above: month and day fit in u32.
        let days = civil::days_from_civil(year, month as u32, day as u32);
        Time::from_unix_seconds(days * SECS_PER_DAY + hour * 3600 + minute * 60 + second)
    }

    /// Converts a [`SystemTime`], as file metadata carries it.
    ///
    /// Fails for instants outside years -9999..=9999.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// let t = kumo_time::Time::from_system_time(SystemTime::UNIX_EPOCH - Duration::from_millis(1))?;
    /// assert_eq!(t.unix_timestamp_millis(), -1);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn from_system_time(t: SystemTime) -> Result<Time, Error> {
        let out_of_range = || Error::out_of_range("system time", RANGE);
        // Plain integer steps, no i128: this is the hot path of `Time::now`.
        let (before_epoch, d) = match t.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => (false, d),
            Err(e) => (true, e.duration()),
        };
        let secs = i64::try_from(d.as_secs()).map_err(|_| out_of_range())?;
        // No overflow: -secs - 1 >= -i64::MAX - 1.
        let (secs, nanos) = match (before_epoch, d.subsec_nanos()) {
            (false, n) => (secs, n),
            (true, 0) => (-secs, 0),
            (true, n) => (-secs - 1, 1_000_000_000 - n),
        };
        Time::from_unix_parts(secs, nanos).map_err(|_| out_of_range())
    }

    /// The calendar year (-9999..=9999).
    ///
    /// ```
    /// let t = kumo_time::Time::from_ymd_hms(2024, 7, 14, 17, 11, 59)?;
    /// assert_eq!((t.year(), t.month(), t.day()), (2024, 7, 14));
    /// assert_eq!((t.hour(), t.minute(), t.second()), (17, 11, 59));
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn year(&self) -> i32 {
        // The range of Time keeps the year within -9999..=9999.
        self.civil().year as i32
    }

    /// The month, 1..=12. See [`Time::year`] for an example.
    ///
    /// ```
    /// assert_eq!(kumo_time::Time::UNIX_EPOCH.month(), 1);
    /// ```
    pub fn month(&self) -> u32 {
        self.civil().month
    }

    /// The day of the month, 1..=31.
    ///
    /// ```
    /// assert_eq!(kumo_time::Time::UNIX_EPOCH.day(), 1);
    /// ```
    pub fn day(&self) -> u32 {
        self.civil().day
    }

    /// The hour, 0..=23.
    ///
    /// ```
    /// assert_eq!(kumo_time::Time::from_unix_seconds(-1)?.hour(), 23);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn hour(&self) -> u32 {
        self.time_of_day() / 3600
    }

    /// The minute, 0..=59.
    ///
    /// ```
    /// assert_eq!(kumo_time::Time::from_unix_seconds(-1)?.minute(), 59);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn minute(&self) -> u32 {
        self.time_of_day() / 60 % 60
    }

    /// The second, 0..=59 (leap seconds are never stored).
    ///
    /// ```
    /// assert_eq!(kumo_time::Time::from_unix_seconds(-1)?.second(), 59);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn second(&self) -> u32 {
        self.time_of_day() % 60
    }

    /// Nanoseconds after the whole second, 0..=999_999_999.
    ///
    /// ```
    /// let t = kumo_time::Time::from_unix_seconds_f64(-0.25)?;
    /// assert_eq!(t.subsec_nanos(), 750_000_000);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Whole seconds since the Unix epoch, rounded down.
    ///
    /// ```
    /// let t = kumo_time::Time::from_unix_seconds_f64(-0.5)?;
    /// assert_eq!(t.unix_timestamp(), -1);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn unix_timestamp(&self) -> i64 {
        self.secs
    }

    /// Whole milliseconds since the Unix epoch, rounded down.
    ///
    /// ```
    /// let t = kumo_time::Time::from_unix_parts(1, 999_999_999)?;
    /// assert_eq!(t.unix_timestamp_millis(), 1999);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn unix_timestamp_millis(&self) -> i64 {
        // No overflow: |secs| < 4e11, so secs * 1000 fits easily.
        self.secs * 1000 + i64::from(self.nanos / 1_000_000)
    }

    /// The time that has passed since `self` (negative if `self` is in the future).
    ///
    /// ```
    /// let earlier = kumo_time::Time::now();
    /// assert!(!earlier.elapsed().is_negative());
    /// ```
    pub fn elapsed(&self) -> TimeDelta {
        Time::now().duration_since(*self)
    }

    /// `self + d`, or an error if the result leaves years -9999..=9999.
    ///
    /// ```
    /// use kumo_time::{Time, TimeDelta};
    /// let t = Time::UNIX_EPOCH.checked_add(TimeDelta::parse("1 day")?)?;
    /// assert_eq!(t.to_string(), "1970-01-02 00:00:00 UTC");
    /// assert!(Time::MAX.checked_add(TimeDelta::from_nanos(1)).is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn checked_add(self, d: TimeDelta) -> Result<Time, Error> {
        self.as_nanos_i128()
            .checked_add(d.as_nanos())
            .and_then(Time::from_nanos_i128)
            .ok_or_else(|| Error::out_of_range(format!("{self} + {d}"), RANGE))
    }

    /// `self - d`, or an error if the result leaves years -9999..=9999.
    ///
    /// ```
    /// use kumo_time::{Time, TimeDelta};
    /// let t = Time::UNIX_EPOCH.checked_sub(TimeDelta::from_secs(1))?;
    /// assert_eq!(t.unix_timestamp(), -1);
    /// assert!(Time::MIN.checked_sub(TimeDelta::from_nanos(1)).is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn checked_sub(self, d: TimeDelta) -> Result<Time, Error> {
        self.as_nanos_i128()
            .checked_sub(d.as_nanos())
            .and_then(Time::from_nanos_i128)
            .ok_or_else(|| Error::out_of_range(format!("{self} - {d}"), RANGE))
    }

    /// `self - earlier` as a signed duration. Never fails: any two times
    /// are less than 20000 years apart.
    ///
    /// ```
    /// use kumo_time::Time;
    /// let a = Time::from_unix_seconds(10)?;
    /// let b = Time::from_unix_seconds_f64(12.5)?;
    /// assert_eq!(b.duration_since(a).as_millis(), 2500);
    /// assert_eq!(a.duration_since(b).as_millis(), -2500);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn duration_since(self, earlier: Time) -> TimeDelta {
        // Both operands lie within ±4e11 s and the nanosecond difference
        // within ±1e9, so neither step can overflow.
        let secs = self.secs - earlier.secs;
        let nanos = self.nanos as i32 - earlier.nanos as i32;
        TimeDelta::from(jiff::SignedDuration::new(secs, nanos))
    }

    /// The calendar fields of this instant in UTC.
    pub(crate) fn civil(&self) -> Civil {
        Civil::from_unix(self.secs, self.nanos)
    }

    fn time_of_day(&self) -> u32 {
        // rem_euclid of a positive modulus lies in 0..86400.
        self.secs.rem_euclid(SECS_PER_DAY) as u32
    }

    fn as_nanos_i128(&self) -> i128 {
        i128::from(self.secs) * NANOS_PER_SEC + i128::from(self.nanos)
    }

    /// The instant `nanos` after the epoch, if within range.
    fn from_nanos_i128(nanos: i128) -> Option<Time> {
        let secs = i64::try_from(nanos.div_euclid(NANOS_PER_SEC)).ok()?;
        // rem_euclid lies in 0..1e9, which fits u32.
        let sub = nanos.rem_euclid(NANOS_PER_SEC) as u32;
        Time::from_unix_parts(secs, sub).ok()
    }
}

impl From<jiff::Timestamp> for Time {
    /// Every jiff timestamp lies within the range of [`Time`].
    ///
    /// ```
    /// let t = kumo_time::Time::from(jiff::Timestamp::UNIX_EPOCH);
    /// assert_eq!(t, kumo_time::Time::UNIX_EPOCH);
    /// ```
    fn from(ts: jiff::Timestamp) -> Time {
        Time::from_nanos_i128(ts.as_nanosecond()).unwrap_or(if ts.signum() < 0 {
            Time::MIN
        } else {
            Time::MAX
        })
    }
}

impl std::str::FromStr for Time {
    type Err = Error;

    /// Parses an RFC 3339 timestamp, like [`Time::parse_rfc3339`].
    ///
    /// ```
    /// let t: kumo_time::Time = "2000-01-02T03:04:05Z".parse()?;
    /// assert_eq!(t.unix_timestamp(), 946_782_245);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Time, Error> {
        Time::parse_rfc3339(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_ends_match_the_civil_calendar() {
        assert_eq!(civil::days_from_civil(-9999, 1, 1) * SECS_PER_DAY, MIN_SECS);
        assert_eq!(
            civil::days_from_civil(9999, 12, 31) * SECS_PER_DAY + SECS_PER_DAY - 1,
            MAX_SECS
        );
        assert!(Time::from_unix_seconds(MIN_SECS - 1).is_err());
        assert!(Time::from_unix_seconds(MAX_SECS + 1).is_err());
    }

    #[test]
    fn float_seconds_are_exact_for_common_fractions() {
        for (input, secs, nanos) in [
            (-0.5, -1, 500_000_000),
            (1.1, 1, 100_000_000),
            (-1.1, -2, 900_000_000),
            (0.000_000_001, 0, 1),
            (-0.000_000_001, -1, 999_999_999),
            (1e9 + 0.999_999_999_9, 1_000_000_001, 0),
        ] {
            let t = Time::from_unix_seconds_f64(input).unwrap();
            assert_eq!(
                (t.unix_timestamp(), t.subsec_nanos()),
                (secs, nanos),
                "{input}"
            );
        }
    }

    #[test]
    fn float_seconds_reject_non_finite_and_far_values() {
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN,
            MAX_SECS as f64 + 1.0,
            MAX_SECS as f64 + 0.999_999_999_9,
            MIN_SECS as f64 - 0.5,
        ] {
            assert!(Time::from_unix_seconds_f64(bad).is_err(), "{bad}");
        }
        let err = Time::from_unix_seconds_f64(f64::NAN).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unix timestamp must be a finite number, got NaN"
        );
        assert_eq!(
            Time::from_unix_seconds_f64(MIN_SECS as f64).unwrap(),
            Time::MIN
        );
    }

    #[test]
    fn ymd_hms_validates_every_field() {
        for (args, fragment) in [
            (
                (2021, 2, 29, 0, 0, 0),
                "day 29 is out of range for February 2021",
            ),
            ((2021, 13, 1, 0, 0, 0), "month 13"),
            ((2021, 0, 1, 0, 0, 0), "month 0"),
            ((2021, 1, 0, 0, 0, 0), "day 0"),
            ((2021, 1, 1, 24, 0, 0), "hour 24"),
            ((2021, 1, 1, 0, 60, 0), "minute 60"),
            ((2021, 1, 1, 0, 0, 60), "second 60"),
            ((2021, 1, 1, -1, 0, 0), "hour -1"),
            ((10_000, 1, 1, 0, 0, 0), "year 10000"),
            ((i64::MIN, i64::MIN, i64::MIN, 0, 0, 0), "out of range"),
        ] {
            let (y, mo, d, h, mi, s) = args;
            let err = Time::from_ymd_hms(y, mo, d, h, mi, s).unwrap_err();
            assert!(err.to_string().contains(fragment), "{err}");
        }
        let t = Time::from_ymd_hms(-9999, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(t, Time::MIN);
        let t = Time::from_ymd_hms(9999, 12, 31, 23, 59, 59).unwrap();
        assert_eq!(t.unix_timestamp(), MAX_SECS);
    }

    #[test]
    fn arithmetic_overflow_is_an_error_naming_the_operands() {
        let err = Time::MAX
            .checked_add(TimeDelta::from_secs(1))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("9999-12-31 23:59:59.999999999 UTC + 1s"),
            "{err}"
        );
        assert!(Time::MAX.checked_sub(TimeDelta::from_secs(-1)).is_err());
        let far = TimeDelta::from_secs(i64::MAX);
        assert!(Time::UNIX_EPOCH.checked_add(far).is_err());
        assert!(Time::UNIX_EPOCH.checked_sub(far).is_err());
        assert_eq!(
            Time::MAX.duration_since(Time::MIN).as_nanos(),
            Time::MAX.as_nanos_i128() - Time::MIN.as_nanos_i128()
        );
    }

    #[test]
    fn system_time_round_trips() {
        let st = SystemTime::UNIX_EPOCH - std::time::Duration::new(5, 250_000_000);
        let t = Time::from_system_time(st).unwrap();
        assert_eq!((t.unix_timestamp(), t.subsec_nanos()), (-6, 750_000_000));
        let now = Time::now();
        assert!(now > Time::from_unix_seconds(1_700_000_000).unwrap());
    }

    #[test]
    fn jiff_timestamps_convert() {
        let ts = jiff::Timestamp::new(-1, -500_000_000).unwrap();
        let t = Time::from(ts);
        assert_eq!((t.unix_timestamp(), t.subsec_nanos()), (-2, 500_000_000));
        assert!(Time::from(jiff::Timestamp::MAX) < Time::MAX);
    }
}
