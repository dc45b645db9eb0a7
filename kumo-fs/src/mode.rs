//! [`OpenMode`]: the `fopen`-style mode strings of `kumo.fs.open`.

use std::fs::OpenOptions;

use crate::Error;

/// How [`File::open`](crate::File::open) opens a file, as a C `fopen` / Lua
/// `io.open` mode string.
///
/// | mode | reads | writes | missing file | existing file |
/// |---|---|---|---|---|
/// | `r` | yes | no | error | kept |
/// | `w` | no | yes | created | truncated |
/// | `a` | no | at the end | created | kept |
/// | `r+` | yes | yes | **created** | kept |
/// | `w+` | yes | yes | created | truncated |
/// | `a+` | yes | at the end | created | kept |
///
/// Each may be followed by `b`, which has no effect (`rb`, `r+b`, ...).
/// `r+` creating a missing file differs from C on purpose: it is the
/// documented behaviour of the API this crate implements.
///
/// ```
/// use kumo_fs::OpenMode;
/// assert_eq!(OpenMode::parse("r+b").unwrap(), OpenMode::ReadUpdate);
/// assert_eq!("w".parse::<OpenMode>().unwrap(), OpenMode::Write);
/// assert_eq!(OpenMode::Append.to_string(), "a");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpenMode {
    /// `r`: read only.
    Read,
    /// `w`: write only, truncating.
    Write,
    /// `a`: write only, every write at the end.
    Append,
    /// `r+`: read and write, creating a missing file.
    ReadUpdate,
    /// `w+`: read and write, truncating.
    WriteUpdate,
    /// `a+`: read anywhere, every write at the end.
    AppendUpdate,
}

impl OpenMode {
    /// Parses a mode string such as `"r"` or `"w+b"`.
    ///
    /// Any other string is an error naming it.
    ///
    /// ```
    /// use kumo_fs::OpenMode;
    /// assert_eq!(OpenMode::parse("a+").unwrap(), OpenMode::AppendUpdate);
    /// let err = OpenMode::parse("x").unwrap_err();
    /// assert!(err.to_string().starts_with(r#"unknown file mode "x""#));
    /// ```
    pub fn parse(s: &str) -> crate::Result<OpenMode> {
        let base = s.strip_suffix('b').unwrap_or(s);
        Ok(match base {
            "r" => OpenMode::Read,
            "w" => OpenMode::Write,
            "a" => OpenMode::Append,
            "r+" => OpenMode::ReadUpdate,
            "w+" => OpenMode::WriteUpdate,
            "a+" => OpenMode::AppendUpdate,
            _ => return Err(Error::InvalidMode { mode: s.to_owned() }),
        })
    }

    /// The canonical mode string, without `b`.
    ///
    /// ```
    /// assert_eq!(kumo_fs::OpenMode::WriteUpdate.as_str(), "w+");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            OpenMode::Read => "r",
            OpenMode::Write => "w",
            OpenMode::Append => "a",
            OpenMode::ReadUpdate => "r+",
            OpenMode::WriteUpdate => "w+",
            OpenMode::AppendUpdate => "a+",
        }
    }

    /// Whether a file opened with this mode can be read.
    ///
    /// ```
    /// use kumo_fs::OpenMode;
    /// assert!(OpenMode::AppendUpdate.can_read());
    /// assert!(!OpenMode::Append.can_read());
    /// ```
    pub fn can_read(self) -> bool {
        !matches!(self, OpenMode::Write | OpenMode::Append)
    }

    /// Whether a file opened with this mode can be written.
    ///
    /// ```
    /// use kumo_fs::OpenMode;
    /// assert!(OpenMode::ReadUpdate.can_write());
    /// assert!(!OpenMode::Read.can_write());
    /// ```
    pub fn can_write(self) -> bool {
        self != OpenMode::Read
    }

    /// Whether every write goes to the end of the file.
    pub(crate) fn appends(self) -> bool {
        matches!(self, OpenMode::Append | OpenMode::AppendUpdate)
    }

    /// The words after the path in an `open` error message.
    pub(crate) fn purpose(self) -> &'static str {
        match self {
            OpenMode::Read => " for reading",
            OpenMode::Write => " for writing",
            OpenMode::Append => " for appending",
            OpenMode::ReadUpdate => " for reading and writing",
            OpenMode::WriteUpdate => " for reading and writing (truncating)",
            OpenMode::AppendUpdate => " for reading and appending",
        }
    }

    /// The `OpenOptions` that implement this mode.
    pub(crate) fn options(self) -> OpenOptions {
        let mut options = OpenOptions::new();
        match self {
            OpenMode::Read => options.read(true),
            OpenMode::Write => options.write(true).create(true).truncate(true),
            OpenMode::Append => options.append(true).create(true),
            OpenMode::ReadUpdate => options.read(true).write(true).create(true),
            OpenMode::WriteUpdate => options.read(true).write(true).create(true).truncate(true),
            OpenMode::AppendUpdate => options.read(true).append(true).create(true),
        };
        options
    }
}

impl std::str::FromStr for OpenMode {
    type Err = Error;

    fn from_str(s: &str) -> crate::Result<OpenMode> {
        OpenMode::parse(s)
    }
}

impl std::fmt::Display for OpenMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_mode_parses() {
        let table = [
            ("r", OpenMode::Read),
            ("rb", OpenMode::Read),
            ("w", OpenMode::Write),
            ("wb", OpenMode::Write),
            ("a", OpenMode::Append),
            ("ab", OpenMode::Append),
            ("r+", OpenMode::ReadUpdate),
            ("r+b", OpenMode::ReadUpdate),
            ("w+", OpenMode::WriteUpdate),
            ("w+b", OpenMode::WriteUpdate),
            ("a+", OpenMode::AppendUpdate),
            ("a+b", OpenMode::AppendUpdate),
        ];
        for (text, mode) in table {
            assert_eq!(OpenMode::parse(text).unwrap(), mode, "{text}");
            assert_eq!(OpenMode::parse(mode.as_str()).unwrap(), mode);
        }
    }

    #[test]
    fn other_modes_are_errors_naming_the_mode() {
        for bad in ["", "b", "rw", "rb+", "r+bb", "x", "R", "w+x", " r", "a++"] {
            let err = OpenMode::parse(bad).unwrap_err();
            assert!(
                err.to_string().contains(&format!("{bad:?}")),
                "{bad:?}: {err}"
            );
        }
    }
}
