//! chrono-compatible, lenient `strftime` formatting for [`Time::format`].
//!
//! The specifier set, the padding flags (`-` none, `_` spaces, `0` zeros)
//! and the leniency follow chrono's `StrftimeItems::new_lenient`: text that
//! does not form a valid specifier is copied to the output as written, up
//! to the character where it went wrong. A padding flag is valid only on a
//! single numeric specifier; on a composite one (`%-D`) chrono copies the
//! `%-D` and then formats the rest of the composite, and so does this.
//! `%#z`, which chrono only parses (its formatting fails), prints like `%z`.
//!
//! Written here rather than taken from jiff: jiff's `strftime` has a
//! different specifier set and flag rules, and errors instead of being
//! lenient.

use std::fmt::Write;

use crate::Time;
use crate::civil::{Civil, MONTH_NAMES, WEEKDAY_NAMES};
use crate::display::{
    push_padded, short_month, short_weekday, write_auto_fraction, write_rfc3339, write_year,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pad {
    None,
    Zero,
    Space,
}

#[derive(Debug, Clone, Copy)]
enum Num {
    Year,
    YearDiv100,
    YearMod100,
    IsoYear,
    IsoYearMod100,
    Quarter,
    Month,
    Day,
    WeekFromSun,
    WeekFromMon,
    IsoWeek,
    DaysFromSun,
    WeekdayFromMon,
    Ordinal,
    Hour,
    Hour12,
    Minute,
    Second,
    Nanosecond,
    Timestamp,
}

#[derive(Debug, Clone, Copy)]
enum Fixed {
    ShortWeekday,
    LongWeekday,
    ShortMonth,
    LongMonth,
    LowerAmPm,
    UpperAmPm,
    ZoneName,
    Offset,
    OffsetColon,
    OffsetSeconds,
    OffsetHours,
    Rfc3339,
    FracAuto,
    /// Fixed number of fraction digits, with or without the leading dot.
    Frac(u32, bool),
}

#[derive(Debug, Clone, Copy)]
enum Piece {
    Num(Num, Pad),
    Fixed(Fixed),
    Lit(&'static str),
}

use Piece::{Fixed as F, Lit, Num as N};

const fn zero(n: Num) -> Piece {
    N(n, Pad::Zero)
}

const fn space(n: Num) -> Piece {
    N(n, Pad::Space)
}

const fn plain(n: Num) -> Piece {
    N(n, Pad::None)
}

const DATE_MDY: &[Piece] = &[
    zero(Num::Month),
    Lit("/"),
    zero(Num::Day),
    Lit("/"),
    zero(Num::YearMod100),
];
const DATE_YMD: &[Piece] = &[
    zero(Num::Year),
    Lit("-"),
    zero(Num::Month),
    Lit("-"),
    zero(Num::Day),
];
const TIME_HM: &[Piece] = &[zero(Num::Hour), Lit(":"), zero(Num::Minute)];
const TIME_HMS: &[Piece] = &[
    zero(Num::Hour),
    Lit(":"),
    zero(Num::Minute),
    Lit(":"),
    zero(Num::Second),
];
const TIME_12: &[Piece] = &[
    zero(Num::Hour12),
    Lit(":"),
    zero(Num::Minute),
    Lit(":"),
    zero(Num::Second),
    Lit(" "),
    F(Fixed::UpperAmPm),
];
const DATE_TIME: &[Piece] = &[
    F(Fixed::ShortWeekday),
    Lit(" "),
    F(Fixed::ShortMonth),
    Lit(" "),
    space(Num::Day),
    Lit(" "),
    zero(Num::Hour),
    Lit(":"),
    zero(Num::Minute),
    Lit(":"),
    zero(Num::Second),
    Lit(" "),
    zero(Num::Year),
];
const DATE_DMY: &[Piece] = &[
    space(Num::Day),
    Lit("-"),
    F(Fixed::ShortMonth),
    Lit("-"),
    zero(Num::Year),
];

/// What a `%` sequence turned out to be.
#[derive(Clone, Copy)]
enum Spec {
    Pieces(&'static [Piece]),
    One(Piece),
    /// Invalid: the consumed text is copied, then these pieces are formatted.
    Invalid(&'static [Piece]),
}

/// Reads the `%` sequence at the start of `s`; returns it and its length.
fn parse_spec(s: &str) -> (Spec, usize) {
    let mut chars = s[1..].chars();
    let mut used = 1;
    macro_rules! next {
        () => {
            match chars.next() {
                Some(c) => {
                    used += c.len_utf8();
                    c
                }
                None => return (Spec::Invalid(&[]), used),
            }
        };
    }
    let invalid = Spec::Invalid(&[]);
    let mut spec = next!();
    let pad = match spec {
        '-' => Some(Pad::None),
        '0' => Some(Pad::Zero),
        '_' => Some(Pad::Space),
        _ => None,
    };
    let alternate = spec == '#';
    if pad.is_some() || alternate {
        spec = next!();
    }
    if alternate && spec != 'z' {
        return (invalid, used);
    }
    let one = |p: Piece| Spec::One(p);
    let item = match spec {
        'Y' => one(zero(Num::Year)),
        'C' => one(zero(Num::YearDiv100)),
        'y' => one(zero(Num::YearMod100)),
        'G' => one(zero(Num::IsoYear)),
        'g' => one(zero(Num::IsoYearMod100)),
        'q' => one(plain(Num::Quarter)),
        'm' => one(zero(Num::Month)),
        'b' | 'h' => one(F(Fixed::ShortMonth)),
        'B' => one(F(Fixed::LongMonth)),
        'd' => one(zero(Num::Day)),
        'e' => one(space(Num::Day)),
        'a' => one(F(Fixed::ShortWeekday)),
        'A' => one(F(Fixed::LongWeekday)),
        'w' => one(plain(Num::DaysFromSun)),
        'u' => one(plain(Num::WeekdayFromMon)),
        'U' => one(zero(Num::WeekFromSun)),
        'W' => one(zero(Num::WeekFromMon)),
        'V' => one(zero(Num::IsoWeek)),
        'j' => one(zero(Num::Ordinal)),
        'D' | 'x' => Spec::Pieces(DATE_MDY),
        'F' => Spec::Pieces(DATE_YMD),
        'v' => Spec::Pieces(DATE_DMY),
        'H' => one(zero(Num::Hour)),
        'k' => one(space(Num::Hour)),
        'I' => one(zero(Num::Hour12)),
        'l' => one(space(Num::Hour12)),
        'P' => one(F(Fixed::LowerAmPm)),
        'p' => one(F(Fixed::UpperAmPm)),
        'M' => one(zero(Num::Minute)),
        'S' => one(zero(Num::Second)),
        'f' => one(zero(Num::Nanosecond)),
        'R' => Spec::Pieces(TIME_HM),
        'T' | 'X' => Spec::Pieces(TIME_HMS),
        'r' => Spec::Pieces(TIME_12),
        'Z' => one(F(Fixed::ZoneName)),
        'z' => one(F(Fixed::Offset)),
        'c' => Spec::Pieces(DATE_TIME),
        '+' => one(F(Fixed::Rfc3339)),
        's' => one(plain(Num::Timestamp)),
        't' => one(Lit("\t")),
        'n' => one(Lit("\n")),
        '%' => one(Lit("%")),
        ':' => {
            let rest = &s[used..];
            let (fixed, len) = if rest.starts_with("::z") {
                (Fixed::OffsetHours, 3)
            } else if rest.starts_with(":z") {
                (Fixed::OffsetSeconds, 2)
            } else if rest.starts_with('z') {
                (Fixed::OffsetColon, 1)
            } else {
                return (invalid, used);
            };
            used += len;
            one(F(fixed))
        }
        '.' => match next!() {
            'f' => one(F(Fixed::FracAuto)),
            digits @ ('3' | '6' | '9') => match next!() {
                'f' => one(F(Fixed::Frac(digits as u32 - '0' as u32, true))),
                _ => invalid,
            },
            _ => invalid,
        },
        digits @ ('3' | '6' | '9') => match next!() {
            'f' => one(F(Fixed::Frac(digits as u32 - '0' as u32, false))),
            _ => invalid,
        },
        _ => invalid,
    };
    let item = match (pad, item) {
        (None, item) => item,
        (Some(pad), Spec::One(N(n, _))) => Spec::One(N(n, pad)),
        (Some(_), Spec::Pieces(pieces)) => Spec::Invalid(&pieces[1..]),
        (Some(_), _) => invalid,
    };
    (item, used)
}

impl Time {
    /// Formats with chrono-compatible `strftime` specifiers, in UTC.
    ///
    /// Lenient: a `%` sequence that is not a valid specifier is copied to
    /// the output as written, so this never fails. See the
    /// [crate documentation](crate#strftime) for the specifiers.
    ///
    /// ```
    /// let t = kumo_time::Time::from_unix_parts(946_782_245, 123_456_789)?;
    /// assert_eq!(t.format("%Y-%m-%dT%H:%M:%S%.3f%:z"), "2000-01-02T03:04:05.123+00:00");
    /// assert_eq!(t.format("%a %-d %b, %l%P"), "Sun 2 Jan,  3am");
    /// assert_eq!(t.format("100%% %Q"), "100% %Q");
    /// # Ok::<(), kumo_time::Error>(())
    /// ```
    pub fn format(&self, fmt: &str) -> String {
        format(self, fmt)
    }
}

fn format(t: &Time, fmt: &str) -> String {
    let c = t.civil();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut rest = fmt;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (spec, used) = parse_spec(rest);
        match spec {
            Spec::One(piece) => write_piece(&mut out, &c, t, piece),
            Spec::Pieces(pieces) => {
                for piece in pieces {
                    write_piece(&mut out, &c, t, *piece);
                }
            }
            Spec::Invalid(tail) => {
                out.push_str(&rest[..used]);
                for piece in tail {
                    write_piece(&mut out, &c, t, *piece);
                }
            }
        }
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

fn write_piece(out: &mut String, c: &Civil, t: &Time, piece: Piece) {
    match piece {
        Lit(s) => out.push_str(s),
        N(n, pad) => write_num(out, c, t, n, pad),
        F(f) => write_fixed(out, c, f),
    }
}

/// Writing into a `String` cannot fail, so results of `write!` are ignored.
fn write_num(out: &mut String, c: &Civil, t: &Time, n: Num, pad: Pad) {
    let two = |out: &mut String, v: i64| write_width(out, v, 2, pad);
    let hour12 = match c.hour % 12 {
        0 => 12,
        h => h,
    };
    match n {
        Num::Year => write_year_padded(out, c.year, pad),
        Num::IsoYear => write_year_padded(out, c.iso_week().0, pad),
        Num::YearDiv100 => two(out, c.year.div_euclid(100)),
        Num::YearMod100 => two(out, c.year.rem_euclid(100)),
        Num::IsoYearMod100 => two(out, c.iso_week().0.rem_euclid(100)),
        Num::Quarter => out.push(digit((c.month - 1) / 3 + 1)),
        Num::Month => two(out, c.month.into()),
        Num::Day => two(out, c.day.into()),
        Num::WeekFromSun => two(out, week_number(c, c.weekday_from_sunday())),
        Num::WeekFromMon => two(out, week_number(c, (c.weekday_from_sunday() + 6) % 7)),
        Num::IsoWeek => two(out, c.iso_week().1.into()),
        Num::DaysFromSun => out.push(digit(c.weekday_from_sunday())),
        Num::WeekdayFromMon => out.push(digit((c.weekday_from_sunday() + 6) % 7 + 1)),
        Num::Ordinal => write_width(out, c.ordinal().into(), 3, pad),
        Num::Hour => two(out, c.hour.into()),
        Num::Hour12 => two(out, hour12.into()),
        Num::Minute => two(out, c.minute.into()),
        Num::Second => two(out, c.second.into()),
        Num::Nanosecond => write_width(out, c.nanos.into(), 9, pad),
        Num::Timestamp => write_width(out, t.unix_timestamp(), 9, pad),
    }
}

/// chrono's week of the year where weeks start on a given day: week 1
/// begins on the first such day; days before it are in week 0.
fn week_number(c: &Civil, days_since_week_start: u32) -> i64 {
    (i64::from(c.ordinal()) - i64::from(days_since_week_start) + 6) / 7
}

fn digit(v: u32) -> char {
    char::from_digit(v, 10).unwrap_or('?')
}

fn write_width(out: &mut String, v: i64, width: usize, pad: Pad) {
    if v >= 0 {
        let (width, fill) = match pad {
            Pad::None => (0, ' '),
            Pad::Zero => (width, '0'),
            Pad::Space => (width, ' '),
        };
        return push_padded(out, v.unsigned_abs(), width, fill);
    }
    // Negative values only occur for years before 1 and times before 1970.
    let _ = match pad {
        Pad::None => write!(out, "{v}"),
        Pad::Zero => write!(out, "{v:0width$}"),
        Pad::Space => write!(out, "{v:width$}"),
    };
}

/// chrono's year: four digits, padded as asked below 1000, and signed
/// outside 0..=9999.
fn write_year_padded(out: &mut String, year: i64, pad: Pad) {
    if (1000..=9999).contains(&year) {
        write_year(out, year);
    } else if (0..=9999).contains(&year) {
        write_width(out, year, 4, pad);
    } else {
        let _ = match pad {
            Pad::None => write!(out, "{year:+}"),
            Pad::Zero => write!(out, "{year:+05}"),
            Pad::Space => write!(out, "{year:+5}"),
        };
    }
}

fn write_fixed(out: &mut String, c: &Civil, f: Fixed) {
    let pm = c.hour >= 12;
    let text = match f {
        Fixed::ShortWeekday => short_weekday(c),
        Fixed::LongWeekday => WEEKDAY_NAMES[c.weekday_from_sunday() as usize],
        Fixed::ShortMonth => short_month(c),
        Fixed::LongMonth => MONTH_NAMES[c.month as usize - 1],
        Fixed::LowerAmPm if pm => "pm",
        Fixed::LowerAmPm => "am",
        Fixed::UpperAmPm if pm => "PM",
        Fixed::UpperAmPm => "AM",
        Fixed::ZoneName => "UTC",
        Fixed::Offset => "+0000",
        Fixed::OffsetColon => "+00:00",
        Fixed::OffsetSeconds => "+00:00:00",
        Fixed::OffsetHours => "+00",
        Fixed::Rfc3339 => return write_rfc3339(out, c),
        Fixed::FracAuto => return write_auto_fraction(out, c.nanos),
        Fixed::Frac(digits, dot) => {
            if dot {
                out.push('.');
            }
            let shown = c.nanos / 10u32.pow(9 - digits);
            return push_padded(out, shown.into(), digits as usize, '0');
        }
    };
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(f: &str) -> String {
        Time::from_unix_parts(946_782_245, 123_456_789)
            .unwrap()
            .format(f)
    }

    #[test]
    fn pad_flags_apply_to_numeric_specifiers_only() {
        assert_eq!(fmt("%-j %_j %0e %-f %_s"), "2   2 02 123456789 946782245");
        assert_eq!(fmt("%-a|%_Z|%0%|%-t"), "%-a|%_Z|%0%|%-t");
        assert_eq!(fmt("%-Y %_Y %-C"), "2000 2000 20");
        assert_eq!(fmt("%-q %_w %0u"), "1 0 7");
    }

    #[test]
    fn pad_flag_on_a_composite_copies_it_then_formats_the_rest() {
        assert_eq!(fmt("%-D"), "%-D/02/00");
        assert_eq!(fmt("%_T"), "%_T:04:05");
        assert_eq!(fmt("%0c"), "%0c Jan  2 03:04:05 2000");
    }

    #[test]
    fn invalid_sequences_are_copied_up_to_where_they_fail() {
        assert_eq!(fmt("%#m"), "%#m");
        assert_eq!(fmt("%#"), "%#");
        assert_eq!(fmt("%:x"), "%:x");
        assert_eq!(fmt("%:"), "%:");
        assert_eq!(fmt("%.3x"), "%.3x");
        assert_eq!(fmt("%3"), "%3");
        assert_eq!(fmt("%--d"), "%--d");
        assert_eq!(fmt("%%%"), "%%");
        assert_eq!(fmt("%é%Y"), "%é2000");
        assert_eq!(fmt("%-é"), "%-é");
    }

    #[test]
    fn years_outside_four_digits() {
        let t = |y| Time::from_ymd_hms(y, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(t(999).format("%Y|%-Y|%_Y|%C|%y"), "0999|999| 999|09|99");
        assert_eq!(t(-5).format("%Y|%-Y|%_Y|%C|%y"), "-0005|-5|   -5|-1|95");
        assert_eq!(t(0).format("%Y %G %g"), "0000 -0001 99");
    }

    #[test]
    fn twelve_hour_clock() {
        for (hour, want) in [
            (0, "12 AM am"),
            (11, "11 AM am"),
            (12, "12 PM pm"),
            (23, "11 PM pm"),
        ] {
            let t = Time::from_ymd_hms(2000, 1, 1, hour, 0, 0).unwrap();
            assert_eq!(t.format("%I %p %P"), want);
        }
    }

    #[test]
    fn week_numbers_at_year_edges() {
        // 2021-01-01 was a Friday: week 0 for %U and %W, ISO week 53 of 2020.
        let t = Time::from_ymd_hms(2021, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            t.format("%U %W %V %G %j %u %w %q"),
            "00 00 53 2020 001 5 5 1"
        );
        let t = Time::from_ymd_hms(2024, 12, 31, 0, 0, 0).unwrap();
        assert_eq!(t.format("%U %W %V %G %j %q"), "52 53 01 2025 366 4");
    }
}
