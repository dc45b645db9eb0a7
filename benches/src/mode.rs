//! How a `harness = false` bench target was invoked.
//!
//! `cargo bench` runs every bench target with `--bench` and whatever follows
//! `--` (criterion's flags and filter), so the targets that are not criterion
//! loops must accept those arguments too. Without `--bench` (as in
//! `cargo test --benches`) a target runs a short smoke version and writes no
//! results, like criterion's test mode.

/// Criterion options that take a value, so that value is not read as a filter.
const OPTIONS_WITH_VALUE: &[&str] = &[
    "--warm-up-time",
    "--measurement-time",
    "--sample-size",
    "--nresamples",
    "--noise-threshold",
    "--confidence-level",
    "--significance-level",
    "--save-baseline",
    "-s",
    "--baseline",
    "-b",
    "--baseline-lenient",
    "--load-baseline",
    "--profile-time",
    "--color",
    "-c",
    "--format",
    "--plotting-backend",
    "--output-format",
];

/// Environment variable that asks for short runs (set by `cargo xtask bench-report --quick`).
pub const QUICK_ENV: &str = "KUMO_BENCH_QUICK";

/// What the command line asked for.
///
/// ```
/// use kumo_benches::mode::Invocation;
/// let args = ["--bench", "--warm-up-time", "1", "nonblock"].map(String::from);
/// let inv = Invocation::from_args(args);
/// assert!(inv.measure);
/// assert!(inv.selects("nonblocking"));
/// assert!(!inv.selects("rss"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invocation {
    /// Run the real measurement (`--bench` given) rather than a smoke test.
    pub measure: bool,
    /// Short runs: criterion's `--quick` or `KUMO_BENCH_QUICK` set to anything but `0`.
    pub quick: bool,
    /// Only list the benchmark names (`--list`).
    pub list: bool,
    filter: Option<String>,
    exact: bool,
}

impl Invocation {
    /// Reads the process arguments (without the program name) and `KUMO_BENCH_QUICK`.
    pub fn from_env() -> Invocation {
        let mut inv = Invocation::from_args(std::env::args().skip(1));
        inv.quick |= std::env::var_os(QUICK_ENV).is_some_and(|v| v != "0");
        inv
    }

    /// Parses arguments as cargo and criterion pass them (no program name).
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Invocation {
        let mut inv = Invocation::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--bench" => inv.measure = true,
                "--quick" => inv.quick = true,
                "--list" => inv.list = true,
                "--exact" => inv.exact = true,
                a if OPTIONS_WITH_VALUE.contains(&a) => {
                    args.next();
                }
                a if a.starts_with('-') => {}
                _ => inv.filter = Some(arg),
            }
        }
        inv
    }

    /// The invocation of the `harness = false` bench target `name`, or
    /// `None` when it has nothing to run: with `--list` (after printing its
    /// name, as criterion lists) or when the filter excludes it.
    pub fn for_target(name: &str) -> Option<Invocation> {
        let inv = Invocation::from_env();
        if inv.list {
            println!("{name}: bench");
            return None;
        }
        inv.selects(name).then_some(inv)
    }

    /// Whether the benchmark `name` passes the filter (substring, or equal with `--exact`).
    pub fn selects(&self, name: &str) -> bool {
        match &self.filter {
            None => true,
            Some(f) if self.exact => name == f,
            Some(f) => name.contains(f.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Invocation {
        Invocation::from_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn plain_test_run_is_a_smoke_run() {
        let inv = parse(&[]);
        assert!(!inv.measure && !inv.quick && !inv.list);
        assert!(inv.selects("anything"));
    }

    #[test]
    fn option_values_are_not_filters() {
        let inv = parse(&["--bench", "--measurement-time", "2", "--sample-size=10"]);
        assert!(inv.measure);
        assert!(inv.selects("rss"));
    }

    #[test]
    fn exact_filter() {
        let inv = parse(&["--bench", "--exact", "rss"]);
        assert!(inv.selects("rss"));
        assert!(!inv.selects("rss_more"));
    }

    #[test]
    fn quick_and_list() {
        let inv = parse(&["--quick", "--list"]);
        assert!(inv.quick && inv.list);
    }
}
