//! The numeral scanner behind `read("n")`, following Lua 5.4's `liolib.c`
//! `read_number`: skip whitespace, then take the longest run of bytes that
//! can begin a numeral (sign, `0x`, digits, one decimal point, exponent).
//! Converting the text is the caller's job; scanning decides only how many
//! bytes are consumed, which must match Lua exactly.

/// Lua's `L_MAXLENNUM`: a longer numeral is consumed up to here and fails.
const MAX_LEN: usize = 200;

/// The outcome of scanning a buffer.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Scan {
    /// The buffer ends before the numeral does; `skip` leading bytes are
    /// whitespace that may be dropped before reading more.
    NeedMore { skip: usize },
    /// `skip` bytes of whitespace, then `len` bytes consumed as the numeral.
    /// `valid` is false when nothing was consumed or the numeral was too long.
    Done {
        skip: usize,
        len: usize,
        valid: bool,
    },
}

/// Scans `buf`; `eof` says that no bytes follow it.
pub(crate) fn scan(buf: &[u8], eof: bool) -> Scan {
    let skip = buf.iter().position(|&b| !is_space(b)).unwrap_or(buf.len());
    let mut scanner = Scanner {
        buf: &buf[skip..],
        eof,
        len: 0,
        overflow: false,
    };
    match scanner.numeral() {
        Some(()) => Scan::Done {
            skip,
            len: scanner.len,
            valid: scanner.len > 0 && !scanner.overflow,
        },
        None => Scan::NeedMore { skip },
    }
}

/// C's `isspace` in the "C" locale.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

struct Scanner<'a> {
    buf: &'a [u8],
    eof: bool,
    /// Bytes consumed so far.
    len: usize,
    /// The numeral reached `MAX_LEN` bytes and one more was refused.
    overflow: bool,
}

impl Scanner<'_> {
    /// The look-ahead byte: `Some(None)` at end of file, `None` when the
    /// buffer ends first.
    fn peek(&self) -> Option<Option<u8>> {
        match self.buf.get(self.len) {
            Some(&b) => Some(Some(b)),
            None if self.eof => Some(None),
            None => None,
        }
    }

    /// Consumes the look-ahead if it is one of `set` (liolib's `test2`).
    fn accept(&mut self, set: &[u8; 2]) -> Option<bool> {
        match self.peek()? {
            Some(b) if set.contains(&b) => Some(self.advance()),
            _ => Some(false),
        }
    }

    /// Consumes one byte unless the numeral is full (liolib's `nextc`).
    fn advance(&mut self) -> bool {
        if self.len >= MAX_LEN {
            self.overflow = true;
            return false;
        }
        self.len += 1;
        true
    }

    /// Consumes digits, returning how many (liolib's `readdigits`).
    fn digits(&mut self, hex: bool) -> Option<usize> {
        let mut count = 0;
        while let Some(b) = self.peek()? {
            let digit = if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            };
            if !digit || !self.advance() {
                break;
            }
            count += 1;
        }
        Some(count)
    }

    fn numeral(&mut self) -> Option<()> {
        let mut count = 0;
        let mut hex = false;
        self.accept(b"-+")?;
        if self.accept(b"00")? {
            if self.accept(b"xX")? {
                hex = true;
            } else {
                count = 1;
            }
        }
        count += self.digits(hex)?;
        if self.accept(b"..")? {
            count += self.digits(hex)?;
        }
        if count > 0 && self.accept(if hex { b"pP" } else { b"eE" })? {
            self.accept(b"-+")?;
            self.digits(false)?;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(input: &str) -> (usize, usize, bool) {
        match scan(input.as_bytes(), true) {
            Scan::Done { skip, len, valid } => (skip, len, valid),
            Scan::NeedMore { .. } => panic!("{input:?} needs more at eof"),
        }
    }

    /// (input, whitespace skipped, text consumed, valid)
    #[test]
    fn scans_like_liolib() {
        let table: &[(&str, usize, &str, bool)] = &[
            ("42", 0, "42", true),
            ("  \t\n42 rest", 4, "42", true),
            ("-3.5e+2x", 0, "-3.5e+2", true),
            ("0x1F.8p-1 ", 0, "0x1F.8p-1", true),
            ("0X", 0, "0X", true),
            ("0", 0, "0", true),
            ("007", 0, "007", true),
            (".5", 0, ".5", true),
            ("5.", 0, "5.", true),
            ("1e", 0, "1e", true),
            ("e5", 0, "", false),
            (".e5", 0, ".", true),
            ("--1", 0, "-", true),
            ("+.", 0, "+.", true),
            ("abc", 0, "", false),
            ("", 0, "", false),
            ("   ", 3, "", false),
            ("1.2.3", 0, "1.2", true),
            ("0x1e+5", 0, "0x1e", true),
            ("1E5E5", 0, "1E5", true),
            ("12abc", 0, "12", true),
            ("0xg", 0, "0x", true),
            ("inf", 0, "", false),
        ];
        for &(input, skip, text, valid) in table {
            assert_eq!(
                done(input),
                (skip, text.len(), valid),
                "{input:?} should consume {text:?}"
            );
        }
    }

    #[test]
    fn a_numeral_longer_than_200_bytes_consumes_200_and_fails() {
        let input = "1".repeat(300);
        assert_eq!(done(&input), (0, MAX_LEN, false));
        let exact = "1".repeat(MAX_LEN);
        assert_eq!(done(&exact), (0, MAX_LEN, true));
    }

    #[test]
    fn asks_for_more_only_when_the_buffer_ends_inside_the_numeral() {
        assert_eq!(scan(b"  12", false), Scan::NeedMore { skip: 2 });
        assert_eq!(scan(b"    ", false), Scan::NeedMore { skip: 4 });
        assert_eq!(scan(b"", false), Scan::NeedMore { skip: 0 });
        assert_eq!(
            scan(b"12 ", false),
            Scan::Done {
                skip: 0,
                len: 2,
                valid: true
            }
        );
    }
}
