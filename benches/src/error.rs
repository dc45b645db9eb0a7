//! The error type of the benchmark harness.

use std::fmt;

/// Something the harness could not do: what it was doing, and why it failed.
///
/// ```
/// let e = kumo_benches::Error::new("create fixture /tmp/x", "disk full");
/// assert_eq!(e.to_string(), "create fixture /tmp/x: disk full");
/// ```
#[derive(Debug)]
pub struct Error {
    context: String,
    source: Box<dyn std::error::Error + Send + Sync>,
}

/// Result with the harness [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error while doing `context`, caused by `source`.
    pub fn new(
        context: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Error {
        Error {
            context: context.into(),
            source: source.into(),
        }
    }

    /// A closure for `map_err` that wraps any error with `context`.
    ///
    /// ```
    /// use kumo_benches::Error;
    /// let r: Result<(), Error> = std::fs::read("/no/such/file").map(drop).map_err(Error::context("read /no/such/file"));
    /// assert!(r.unwrap_err().to_string().starts_with("read /no/such/file: "));
    /// ```
    pub fn context<E>(context: impl Into<String>) -> impl FnOnce(E) -> Error
    where
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let context = context.into();
        move |source| Error::new(context, source)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.context, self.source)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}
