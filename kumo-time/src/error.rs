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
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value lies outside the range this crate can represent.
    #[error("{what} is out of range: {detail}")]
    OutOfRange {
        /// What was being built, e.g. `system time`.
        what: String,
        /// Why it is out of range.
        detail: String,
    },
}
