//! The human-readable form of a duration, as humantime prints it.
//!
//! Units from largest to smallest, zero units left out: `years months days
//! h m s ms us ns`, where a year is 365.25 days and a month 30.44 days (the
//! same lengths the parser uses, so the text parses back to the same value).

use jiff::SignedDuration;

use crate::display::push_padded;

pub(crate) const SECS_PER_YEAR: u64 = 31_557_600;
pub(crate) const SECS_PER_MONTH: u64 = 2_630_016;

pub(crate) fn human(d: SignedDuration) -> String {
    let abs = d.unsigned_abs();
    let (secs, nanos) = (abs.as_secs(), abs.subsec_nanos());
    if secs == 0 && nanos == 0 {
        return "0s".to_owned();
    }
    let years = secs / SECS_PER_YEAR;
    let in_year = secs % SECS_PER_YEAR;
    let months = in_year / SECS_PER_MONTH;
    let in_month = in_year % SECS_PER_MONTH;
    let parts: [(u64, &str, bool); 9] = [
        (years, "year", true),
        (months, "month", true),
        (in_month / 86_400, "day", true),
        (in_month % 86_400 / 3600, "h", false),
        (in_month % 3600 / 60, "m", false),
        (in_month % 60, "s", false),
        (u64::from(nanos / 1_000_000), "ms", false),
        (u64::from(nanos / 1000 % 1000), "us", false),
        (u64::from(nanos % 1000), "ns", false),
    ];
    let mut out = String::with_capacity(24);
    if d.is_negative() {
        out.push('-');
    }
    let mut first = true;
    for (value, unit, plural) in parts {
        if value == 0 {
            continue;
        }
        if !first {
            out.push(' ');
        }
        first = false;
        push_padded(&mut out, value, 0, ' ');
        out.push_str(unit);
        if plural && value > 1 {
            out.push('s');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extremes_do_not_overflow() {
        assert_eq!(
            human(SignedDuration::MIN),
            "-292271023045years 3months 23days 1h 49m 20s 999ms 999us 999ns"
        );
        assert!(human(SignedDuration::MAX).starts_with("292271023045years"));
    }
}
