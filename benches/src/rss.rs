//! Peak resident memory of reading a large file from Lua.
//!
//! Each case runs in a fresh `kumo-bench-rss` process so that peaks do not
//! mix: the process sets up a runtime and a Lua state with `kumo` registered,
//! notes its peak RSS (`VmHWM` in `/proc/self/status`), runs the case's Lua
//! chunk on the file, and notes the peak again. The difference is what the
//! read cost on top of the setup.

use std::path::Path;

use crate::fixtures::lua_path;
use crate::lua::{kumo_lua, runtime};
use crate::{Error, Result};

/// One way of reading the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RssCase {
    /// Stable id (command-line argument of `kumo-bench-rss`, JSON key).
    pub id: &'static str,
    /// What it does, for the report.
    pub label: &'static str,
    /// Lua chunk called with the path; returns the number of bytes read.
    code: &'static str,
}

/// Every case, in report order; `setup_only` first as the floor.
pub const CASES: &[RssCase] = &[
    RssCase {
        id: "setup_only",
        label: "runtime + Lua state, no read",
        code: "return 0",
    },
    RssCase {
        id: "kumo_read_all",
        label: "kumo.fs.open(p):read()",
        code: "local f = kumo.fs.open(..., 'r')\n\
               local n = #f:read()\n\
               f:close()\n\
               return n",
    },
    RssCase {
        id: "io_read_all",
        label: "io.open(p):read('a')",
        code: "local f = assert(io.open(..., 'rb'))\n\
               local n = #f:read('a')\n\
               f:close()\n\
               return n",
    },
    RssCase {
        id: "kumo_read_chunked",
        label: "kumo.fs.open(p) + read(65536) loop",
        code: "local f = kumo.fs.open(..., 'r')\n\
               local n = 0\n\
               while true do\n\
                 local s = f:read(65536)\n\
                 if s == '' then break end\n\
                 n = n + #s\n\
               end\n\
               f:close()\n\
               return n",
    },
    RssCase {
        id: "io_read_chunked",
        label: "io.open(p) + read(65536) loop",
        code: "local f = assert(io.open(..., 'rb'))\n\
               local n = 0\n\
               while true do\n\
                 local s = f:read(65536)\n\
                 if not s then break end\n\
                 n = n + #s\n\
               end\n\
               f:close()\n\
               return n",
    },
];

/// The case with this id.
///
/// ```
/// assert!(kumo_benches::rss::case("io_read_all").is_some());
/// assert!(kumo_benches::rss::case("nope").is_none());
/// ```
pub fn case(id: &str) -> Option<&'static RssCase> {
    CASES.iter().find(|c| c.id == id)
}

/// One measurement, as `kumo-bench-rss` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RssSample {
    /// Bytes the case read.
    pub bytes: u64,
    /// Peak RSS after setup, before the read (KiB).
    pub before_kib: u64,
    /// Peak RSS after the read (KiB).
    pub peak_kib: u64,
}

impl RssSample {
    /// The line `kumo-bench-rss` prints: `bytes=N before_kib=N peak_kib=N`.
    ///
    /// ```
    /// use kumo_benches::rss::RssSample;
    /// let s = RssSample { bytes: 1, before_kib: 2, peak_kib: 3 };
    /// assert_eq!(RssSample::parse_line(&s.to_line()), Some(s));
    /// ```
    pub fn to_line(&self) -> String {
        format!(
            "bytes={} before_kib={} peak_kib={}",
            self.bytes, self.before_kib, self.peak_kib
        )
    }

    /// Parses [`RssSample::to_line`] output; `None` if a field is missing or not a number.
    pub fn parse_line(line: &str) -> Option<RssSample> {
        let field = |name: &str| -> Option<u64> {
            line.split_whitespace()
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))?
                .parse()
                .ok()
        };
        Some(RssSample {
            bytes: field("bytes")?,
            before_kib: field("before_kib")?,
            peak_kib: field("peak_kib")?,
        })
    }
}

/// The value in KiB of `key` (e.g. `VmHWM`) in a `/proc/<pid>/status` text.
///
/// ```
/// let status = "Name:\tx\nVmHWM:\t  10240 kB\nVmRSS:\t 5120 kB\n";
/// assert_eq!(kumo_benches::rss::status_kib(status, "VmHWM"), Some(10240));
/// assert_eq!(kumo_benches::rss::status_kib(status, "VmSwap"), None);
/// ```
pub fn status_kib(status: &str, key: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        value.trim().strip_suffix("kB")?.trim().parse().ok()
    })
}

/// This process's peak resident set size so far, in KiB.
///
/// ```
/// assert!(kumo_benches::rss::peak_rss_kib().unwrap() > 0);
/// ```
pub fn peak_rss_kib() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")
        .map_err(Error::context("read /proc/self/status"))?;
    status_kib(&status, "VmHWM")
        .ok_or_else(|| Error::new("read /proc/self/status", "no VmHWM line"))
}

/// Runs `case` on `path` in this process and measures it. Meant to be called
/// once per process (the `kumo-bench-rss` binary), since the peak never goes down.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("f");
/// std::fs::write(&p, vec![b'x'; 100_000]).unwrap();
/// let case = kumo_benches::rss::case("kumo_read_chunked").unwrap();
/// let s = kumo_benches::rss::run_case(case, &p).unwrap();
/// assert_eq!(s.bytes, 100_000);
/// assert!(s.peak_kib >= s.before_kib);
/// ```
pub fn run_case(case: &RssCase, path: &Path) -> Result<RssSample> {
    let rt = runtime(2)?;
    let lua = kumo_lua()?;
    let chunk = lua
        .load(case.code)
        .set_name(format!("={}", case.id))
        .into_function()
        .map_err(Error::context(format!("compile RSS case {}", case.id)))?;
    let path = lua_path(path)?;
    let before_kib = peak_rss_kib()?;
    let bytes: u64 = rt
        .block_on(chunk.call_async(path.as_str()))
        .map_err(Error::context(format!(
            "run RSS case {} on {path}",
            case.id
        )))?;
    let peak_kib = peak_rss_kib()?;
    Ok(RssSample {
        bytes,
        before_kib,
        peak_kib,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_ids_are_unique() {
        for (i, a) in CASES.iter().enumerate() {
            assert!(CASES[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
        }
    }

    #[test]
    fn parse_line_rejects_missing_and_bad_fields() {
        assert_eq!(RssSample::parse_line("bytes=1 before_kib=2"), None);
        assert_eq!(
            RssSample::parse_line("bytes=x before_kib=2 peak_kib=3"),
            None
        );
        assert_eq!(RssSample::parse_line(""), None);
    }

    #[test]
    fn every_case_reads_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, vec![b'y'; 200_000]).unwrap();
        for case in CASES {
            let s = run_case(case, &p).unwrap();
            let expected = if case.id == "setup_only" { 0 } else { 200_000 };
            assert_eq!(s.bytes, expected, "{}", case.id);
        }
    }
}
