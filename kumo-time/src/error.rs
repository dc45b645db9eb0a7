//! The error type of this crate.

/// Why a time value could not be built, parsed or computed.
///
/// Messages are written for the person who wrote the input: they quote it
/// and say what was expected.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// let far = SystemTime::UNIX_EPOCH + Duration::from_secs(1 << 40);
/// let err = kumo_time::Time::from_system_time(far).unwrap_err();
/// assert!(err.to_string().contains("out of range"));
///
/// let err = kumo_time::TimeDelta::parse("5 parsecs").unwrap_err();
/// assert!(err.to_string().contains("\"parsecs\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value lies outside the range this crate can represent.
    #[error("{what} is out of range: {detail}")]
    OutOfRange {
        /// What was being built, e.g. `system time` or `month 13`.
        what: String,
        /// Why it is out of range.
        detail: String,
    },
    /// A floating-point input was NaN or infinite.
    #[error("{what} must be a finite number, got {value}")]
    NotFinite {
        /// What the number was meant to be, e.g. `unix timestamp`.
        what: &'static str,
        /// The value as Rust prints it (`NaN`, `inf`, `-inf`).
        value: String,
    },
    /// A string could not be parsed.
    #[error("invalid {what} {input:?}: {reason}")]
    Parse {
        /// What the string was meant to be, e.g. `RFC 3339 timestamp`.
        what: &'static str,
        /// The input (shortened when very long).
        input: String,
        /// What is wrong and where (byte offsets count from 0).
        reason: String,
    },
    /// A duration that must not be negative was negative.
    #[error("{what} must not be negative, got {value}")]
    Negative {
        /// What the duration was for, e.g. `sleep duration`.
        what: &'static str,
        /// The duration as [`TimeDelta::human`](crate::TimeDelta::human) prints it.
        value: String,
    },
    /// An async function was polled outside a Tokio runtime.
    #[error("{what} needs a Tokio runtime with timers enabled, and none is running here")]
    NoRuntime {
        /// The function that needed it, e.g. `sleep`.
        what: &'static str,
    },
}

/// Longest input quoted verbatim in an error message; longer inputs are cut.
const MAX_QUOTED: usize = 100;

impl Error {
    /// Builds a [`Error::Parse`], shortening `input` so that a huge string
    /// does not end up in a log line whole.
    pub(crate) fn parse(what: &'static str, input: &str, reason: impl Into<String>) -> Error {
        let input = if input.len() > MAX_QUOTED {
            let mut end = MAX_QUOTED;
            while !input.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}…", &input[..end])
        } else {
            input.to_owned()
        };
        Error::Parse {
            what,
            input,
            reason: reason.into(),
        }
    }

    pub(crate) fn out_of_range(what: impl Into<String>, detail: impl Into<String>) -> Error {
        Error::OutOfRange {
            what: what.into(),
            detail: detail.into(),
        }
    }
}

/// A float as an error message quotes it: short even when huge (`1e308`,
/// not 309 digits), plain otherwise (`2.5`).
pub(crate) fn quote_float(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e16 {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_quoted_short() {
        assert_eq!(quote_float(1e308), "1e308");
        assert_eq!(quote_float(-2.5e20), "-2.5e20");
        assert_eq!(quote_float(2.5), "2.5");
        assert_eq!(quote_float(-0.5), "-0.5");
    }

    #[test]
    fn long_inputs_are_shortened_on_a_char_boundary() {
        let input = "é".repeat(200);
        let Error::Parse { input: quoted, .. } = Error::parse("duration", &input, "bad") else {
            panic!("wrong variant");
        };
        assert!(quoted.len() <= MAX_QUOTED + '…'.len_utf8());
        assert!(quoted.ends_with('…'));
    }

    #[test]
    fn messages_quote_the_input() {
        let e = Error::parse("duration", "5 parsecs", "unknown time unit \"parsecs\"");
        assert_eq!(
            e.to_string(),
            "invalid duration \"5 parsecs\": unknown time unit \"parsecs\""
        );
    }
}
