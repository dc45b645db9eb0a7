//! [`Time`]: a UTC instant with nanosecond precision.

use std::time::SystemTime;

use crate::Error;

/// A UTC instant with nanosecond precision.
///
/// ```
/// let t = kumo_time::Time::from_system_time(std::time::SystemTime::UNIX_EPOCH).unwrap();
/// assert_eq!(t, kumo_time::Time::from_system_time(std::time::SystemTime::UNIX_EPOCH).unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    ts: jiff::Timestamp,
}

impl Time {
    /// Converts a [`SystemTime`], as file metadata carries it.
    ///
    /// Fails for instants outside years -9999..=9999.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// let t = kumo_time::Time::from_system_time(SystemTime::UNIX_EPOCH + Duration::from_secs(1)).unwrap();
    /// assert_eq!(t, kumo_time::Time::from_system_time(SystemTime::UNIX_EPOCH + Duration::from_millis(1000)).unwrap());
    /// ```
    pub fn from_system_time(t: SystemTime) -> Result<Time, Error> {
        jiff::Timestamp::try_from(t)
            .map(|ts| Time { ts })
            .map_err(|e| Error::OutOfRange {
                what: "system time".to_owned(),
                detail: e.to_string(),
            })
    }
}
