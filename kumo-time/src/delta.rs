//! [`TimeDelta`]: a signed duration with nanosecond precision.

use std::fmt;

use jiff::SignedDuration;

use crate::Error;

/// A signed span of time with nanosecond precision, up to about ±292 billion
/// years.
///
/// Ordered from most negative to most positive. `Display` prints
/// [`TimeDelta::human`].
///
/// ```
/// use kumo_time::TimeDelta;
/// let d = TimeDelta::parse("1h 30m")?;
/// assert_eq!(d, TimeDelta::from_secs(5400));
/// assert_eq!(d.to_string(), "1h 30m");
/// assert!(d.checked_neg()? < TimeDelta::ZERO);
/// # Ok::<(), kumo_time::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeDelta(SignedDuration);

const OVERFLOW: &str = "durations must lie within about ±292 billion years";

impl TimeDelta {
    /// No time at all.
    ///
    /// ```
    /// assert_eq!(kumo_time::TimeDelta::ZERO, kumo_time::TimeDelta::default());
    /// ```
    pub const ZERO: TimeDelta = TimeDelta(SignedDuration::ZERO);

    /// Whole seconds.
    ///
    /// ```
    /// assert_eq!(kumo_time::TimeDelta::from_secs(-2).as_millis(), -2000);
    /// ```
    pub fn from_secs(secs: i64) -> TimeDelta {
        TimeDelta(SignedDuration::from_secs(secs))
    }

    /// Nanoseconds.
    ///
    /// ```
    /// assert_eq!(kumo_time::TimeDelta::from_nanos(1_500).human(), "1us 500ns");
    /// ```
    pub fn from_nanos(nanos: i64) -> TimeDelta {
        TimeDelta(SignedDuration::from_nanos(nanos))
    }

    /// Seconds with a fraction, rounded to the nearest nanosecond.
    ///
    /// NaN, infinities and magnitudes of 2^63 seconds or more are errors.
    ///
    /// ```
    /// use kumo_time::TimeDelta;
    /// assert_eq!(TimeDelta::from_secs_f64(-0.5)?.as_millis(), -500);
    /// assert_eq!(TimeDelta::from_secs_f64(1.1)?.as_nanos(), 1_100_000_000);
    /// assert!(TimeDelta::from_secs_f64(f64::INFINITY).is_err());
    /// assert!(TimeDelta::from_secs_f64(1e19).is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn from_secs_f64(secs: f64) -> Result<TimeDelta, Error> {
        if !secs.is_finite() {
            return Err(Error::NotFinite {
                what: "duration in seconds",
                value: secs.to_string(),
            });
        }
        let whole = secs.trunc();
        // 2^63 is exactly representable; anything at or above it overflows i64.
        if whole.abs() >= 9_223_372_036_854_775_808.0 {
            return Err(Error::out_of_range(
                format!("duration {}s", crate::error::quote_float(secs)),
                OVERFLOW,
            ));
        }
        // In -1e9..=1e9; the carry of a rounded-up ±1e9 is folded in by
        // `new`, which cannot overflow because doubles of magnitude 2^52
        // or more have no fractional part at all.
        let nanos = ((secs - whole) * 1e9).round() as i32;
        Ok(TimeDelta(SignedDuration::new(whole as i64, nanos)))
    }

    /// Parses a duration: humantime-style (`"1h 30m"`, `"2.5s"`, `"3 days"`),
    /// with a leading `-`, a trailing `ago`, `"1 hour, 30 minutes"` and ISO
    /// 8601 (`"PT5M"`). A month is 30.44 days and a year 365.25 days.
    ///
    /// See the [crate documentation](crate#durations) for the full grammar.
    ///
    /// ```
    /// use kumo_time::TimeDelta;
    /// assert_eq!(TimeDelta::parse("5m ago")?.as_millis(), -300_000);
    /// assert_eq!(TimeDelta::parse("PT1H30M")?, TimeDelta::parse("90 min")?);
    /// assert!(TimeDelta::parse("5").is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn parse(s: &str) -> Result<TimeDelta, Error> {
        crate::duration_parse::parse(s)
    }

    /// The duration in seconds as a float (may round for huge values).
    ///
    /// ```
    /// assert_eq!(kumo_time::TimeDelta::from_nanos(-1_500_000_000).as_secs_f64(), -1.5);
    /// ```
    pub fn as_secs_f64(&self) -> f64 {
        self.0.as_secs_f64()
    }

    /// Whole nanoseconds.
    ///
    /// ```
    /// assert_eq!(kumo_time::TimeDelta::from_secs(1).as_nanos(), 1_000_000_000);
    /// ```
    pub fn as_nanos(&self) -> i128 {
        self.0.as_nanos()
    }

    /// Whole microseconds, truncated towards zero.
    ///
    /// ```
    /// assert_eq!(kumo_time::TimeDelta::from_nanos(-1_999).as_micros(), -1);
    /// ```
    pub fn as_micros(&self) -> i128 {
        self.0.as_micros()
    }

    /// Whole milliseconds, truncated towards zero.
    ///
    /// ```
    /// assert_eq!(kumo_time::TimeDelta::from_nanos(2_999_999).as_millis(), 2);
    /// ```
    pub fn as_millis(&self) -> i128 {
        self.0.as_millis()
    }

    /// Whether the duration is below zero.
    ///
    /// ```
    /// assert!(kumo_time::TimeDelta::from_nanos(-1).is_negative());
    /// assert!(!kumo_time::TimeDelta::ZERO.is_negative());
    /// ```
    pub fn is_negative(&self) -> bool {
        self.0.is_negative()
    }

    /// Human-readable form: `"1h 30m"`, `"2years 3months"`, `"-500ms"`, `"0s"`.
    ///
    /// ```
    /// assert_eq!(kumo_time::TimeDelta::from_secs(86_400 + 61).human(), "1day 1m 1s");
    /// ```
    pub fn human(&self) -> String {
        crate::human::human(self.0)
    }

    /// `self + o`, or an error on overflow.
    ///
    /// ```
    /// use kumo_time::TimeDelta;
    /// assert_eq!(TimeDelta::from_secs(1).checked_add(TimeDelta::from_secs(2))?, TimeDelta::from_secs(3));
    /// assert!(TimeDelta::from_secs(i64::MAX).checked_add(TimeDelta::from_secs(1)).is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn checked_add(self, o: TimeDelta) -> Result<TimeDelta, Error> {
        self.0
            .checked_add(o.0)
            .map(TimeDelta)
            .ok_or_else(|| Error::out_of_range(format!("{self} + {o}"), OVERFLOW))
    }

    /// `self - o`, or an error on overflow.
    ///
    /// ```
    /// use kumo_time::TimeDelta;
    /// assert_eq!(TimeDelta::from_secs(1).checked_sub(TimeDelta::from_secs(2))?, TimeDelta::from_secs(-1));
    /// assert!(TimeDelta::from_secs(i64::MIN).checked_sub(TimeDelta::from_secs(1)).is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn checked_sub(self, o: TimeDelta) -> Result<TimeDelta, Error> {
        self.0
            .checked_sub(o.0)
            .map(TimeDelta)
            .ok_or_else(|| Error::out_of_range(format!("{self} - {o}"), OVERFLOW))
    }

    /// `-self`, or an error for the single value that has no negation.
    ///
    /// ```
    /// use kumo_time::TimeDelta;
    /// assert_eq!(TimeDelta::from_secs(3).checked_neg()?, TimeDelta::from_secs(-3));
    /// assert!(TimeDelta::from_secs(i64::MIN).checked_neg().is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn checked_neg(self) -> Result<TimeDelta, Error> {
        self.0
            .checked_neg()
            .map(TimeDelta)
            .ok_or_else(|| Error::out_of_range(format!("-({self})"), OVERFLOW))
    }

    /// The duration as a `std::time::Duration`, or an error if negative.
    ///
    /// ```
    /// use kumo_time::TimeDelta;
    /// assert_eq!(TimeDelta::from_secs(2).to_std()?, std::time::Duration::from_secs(2));
    /// assert!(TimeDelta::from_secs(-2).to_std().is_err());
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn to_std(&self) -> Result<std::time::Duration, Error> {
        std::time::Duration::try_from(self.0).map_err(|_| Error::Negative {
            what: "duration",
            value: self.human(),
        })
    }

    /// The underlying jiff duration.
    ///
    /// ```
    /// let d = kumo_time::TimeDelta::from_secs(60);
    /// assert_eq!(d.as_signed_duration(), jiff::SignedDuration::from_mins(1));
    /// ```
    pub fn as_signed_duration(&self) -> SignedDuration {
        self.0
    }
}

impl From<SignedDuration> for TimeDelta {
    /// Wraps a jiff duration; every value is representable.
    ///
    /// ```
    /// let d = kumo_time::TimeDelta::from(jiff::SignedDuration::from_millis(5));
    /// assert_eq!(d.human(), "5ms");
    /// ```
    fn from(d: SignedDuration) -> TimeDelta {
        TimeDelta(d)
    }
}

impl TryFrom<std::time::Duration> for TimeDelta {
    type Error = Error;

    /// Fails only for durations of 2^63 seconds or more.
    ///
    /// ```
    /// let d = kumo_time::TimeDelta::try_from(std::time::Duration::from_millis(1500))?;
    /// assert_eq!(d.to_string(), "1s 500ms");
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    fn try_from(d: std::time::Duration) -> Result<TimeDelta, Error> {
        SignedDuration::try_from(d)
            .map(TimeDelta)
            .map_err(|_| Error::out_of_range(format!("duration of {} s", d.as_secs()), OVERFLOW))
    }
}

impl std::str::FromStr for TimeDelta {
    type Err = Error;

    /// Same as [`TimeDelta::parse`].
    ///
    /// ```
    /// let d: kumo_time::TimeDelta = "2.5s".parse()?;
    /// assert_eq!(d.as_millis(), 2500);
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<TimeDelta, Error> {
        TimeDelta::parse(s)
    }
}

impl fmt::Display for TimeDelta {
    /// Same as [`TimeDelta::human`].
    ///
    /// ```
    /// assert_eq!(kumo_time::TimeDelta::from_secs(-90).to_string(), "-1m 30s");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.human())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_seconds_round_to_nanoseconds_and_keep_the_sign() {
        for (input, nanos) in [
            (-0.5, -500_000_000i128),
            (0.1, 100_000_000),
            (-1.000_000_000_4, -1_000_000_000),
            (-1.999_999_999_9, -2_000_000_000),
            (1.999_999_999_9, 2_000_000_000),
            (-0.0, 0),
            (4_503_599_627_370_495.5, 4_503_599_627_370_495_500_000_000),
        ] {
            assert_eq!(
                TimeDelta::from_secs_f64(input).unwrap().as_nanos(),
                nanos,
                "{input}"
            );
        }
    }

    #[test]
    fn float_seconds_extremes_are_errors_not_panics() {
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            9.3e18,
            -9.3e18,
        ] {
            assert!(TimeDelta::from_secs_f64(bad).is_err(), "{bad}");
        }
        // The largest doubles below 2^63 are accepted.
        let d = TimeDelta::from_secs_f64(9.223_372_036_854_775e18).unwrap();
        assert!(d > TimeDelta::from_secs(9_223_372_036_854_774_000));
        let min = TimeDelta::from_secs_f64(-9_223_372_036_854_775_808.0);
        assert!(min.is_err());
    }

    #[test]
    fn to_std_rejects_negative_with_a_readable_message() {
        let err = TimeDelta::from_secs(-90).to_std().unwrap_err();
        assert_eq!(
            err.to_string(),
            "duration must not be negative, got -1m 30s"
        );
    }

    #[test]
    fn overflow_errors_name_the_operation() {
        let max = TimeDelta::from(SignedDuration::MAX);
        let err = max.checked_add(TimeDelta::from_nanos(1)).unwrap_err();
        assert!(err.to_string().contains(" + 1ns is out of range"), "{err}");
        assert!(TimeDelta::from(SignedDuration::MIN).checked_neg().is_err());
        assert!(TimeDelta::try_from(std::time::Duration::MAX).is_err());
    }
}
