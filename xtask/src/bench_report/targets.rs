//! The headline figures: each measured value next to the established
//! implementation's figure (the reference) and this project's goal.

use super::format::{ms, nanos, ratio};
use super::results::Results;

/// What a figure must achieve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Goal {
    /// Median below this many nanoseconds.
    UnderNs(f64),
    /// Median at most this many times the group's baseline.
    AtMostTimesBaseline(f64),
    /// Median below the group's baseline.
    FasterThanBaseline,
    /// No goal was set: at least match the reference (this project's premise
    /// is a faster implementation of the same API).
    BeatReference,
}

/// A Lua-level headline figure.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LuaTarget {
    pub(crate) what: &'static str,
    pub(crate) group: &'static str,
    pub(crate) case: &'static str,
    /// The established implementation, ns per call.
    pub(crate) reference_ns: Option<f64>,
    /// Its baseline at the time (e.g. `os.time()` 79 ns), ns per call.
    pub(crate) reference_baseline_ns: Option<f64>,
    pub(crate) goal: Goal,
}

/// The figures from issue 6, in report order.
pub(crate) const LUA_TARGETS: &[LuaTarget] = &[
    LuaTarget {
        what: "kumo.time.now() vs os.time()",
        group: "time_now",
        case: "kumo",
        reference_ns: Some(449.0),
        reference_baseline_ns: Some(79.0),
        goal: Goal::AtMostTimesBaseline(2.0),
    },
    LuaTarget {
        what: "parse_rfc3339 vs pure Lua",
        group: "parse_rfc3339",
        case: "kumo",
        reference_ns: Some(391.0),
        reference_baseline_ns: Some(4941.0),
        goal: Goal::UnderNs(200.0),
    },
    LuaTarget {
        what: "parse_rfc2822 vs pure Lua",
        group: "parse_rfc2822",
        case: "kumo",
        reference_ns: Some(505.0),
        reference_baseline_ns: None,
        goal: Goal::BeatReference,
    },
    LuaTarget {
        what: "t:format vs os.date",
        group: "format",
        case: "kumo",
        reference_ns: Some(1187.0),
        reference_baseline_ns: Some(832.0),
        goal: Goal::FasterThanBaseline,
    },
    LuaTarget {
        what: "parse_duration('1h 30m')",
        group: "parse_duration",
        case: "kumo",
        reference_ns: Some(569.0),
        reference_baseline_ns: None,
        goal: Goal::BeatReference,
    },
    LuaTarget {
        what: "4 KiB open/read/close vs io.open",
        group: "read_4k",
        case: "kumo_open_read_close",
        reference_ns: Some(185_000.0),
        reference_baseline_ns: Some(8720.0),
        goal: Goal::AtMostTimesBaseline(3.0),
    },
    LuaTarget {
        what: "4 KiB one-shot read vs io.open",
        group: "read_4k",
        case: "kumo_one_shot",
        reference_ns: None,
        reference_baseline_ns: None,
        goal: Goal::AtMostTimesBaseline(1.5),
    },
    LuaTarget {
        what: "cached glob hit, 1,000 names",
        group: "glob_1000",
        case: "cached",
        reference_ns: Some(83_000.0),
        reference_baseline_ns: None,
        goal: Goal::UnderNs(41_500.0),
    },
    LuaTarget {
        what: "cached glob hit, 10 names",
        group: "glob_10",
        case: "cached",
        reference_ns: None,
        reference_baseline_ns: None,
        goal: Goal::UnderNs(2_000.0),
    },
    LuaTarget {
        what: "uncached glob, 1,000 files",
        group: "glob_1000",
        case: "uncached",
        reference_ns: Some(1_390_000.0),
        reference_baseline_ns: None,
        goal: Goal::BeatReference,
    },
];

/// Ticker p99 goal with `kumo.fs.open` on stalled FIFOs, microseconds.
pub(crate) const TICKER_P99_GOAL_US: f64 = 2000.0;

/// One row of the targets table, rendered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    pub(crate) what: String,
    pub(crate) measured: String,
    pub(crate) reference: String,
    pub(crate) goal: String,
    /// `None` when no figure exists to judge (missing reference for `BeatReference`).
    pub(crate) pass: Option<bool>,
}

/// Judges every target; a missing measurement is an error naming it.
pub(crate) fn evaluate(results: &Results) -> Result<Vec<Verdict>, String> {
    let mut verdicts = Vec::new();
    for t in LUA_TARGETS {
        let group = results
            .group(t.group)
            .ok_or_else(|| format!("no results for benchmark group `{}`", t.group))?;
        let case = group
            .case(t.case)
            .ok_or_else(|| format!("no results for `{}/{}`", t.group, t.case))?;
        let base = group.baseline().filter(|b| b.id != case.id);
        let measured = match base {
            Some(b) => format!(
                "{} ({} `{}`)",
                nanos(case.median_ns),
                ratio(case.median_ns / b.median_ns),
                b.label
            ),
            None => nanos(case.median_ns),
        };
        let reference = match (t.reference_ns, t.reference_baseline_ns) {
            (Some(r), Some(rb)) => format!("{} ({} baseline)", nanos(r), ratio(r / rb)),
            (Some(r), None) => nanos(r),
            (None, _) => "—".to_owned(),
        };
        let base_ns = base.map(|b| b.median_ns);
        let (goal, pass) = match t.goal {
            Goal::UnderNs(limit) => (format!("< {}", nanos(limit)), Some(case.median_ns < limit)),
            Goal::AtMostTimesBaseline(k) => (
                format!("≤ {} baseline", ratio(k)),
                base_ns.map(|b| case.median_ns <= k * b),
            ),
            Goal::FasterThanBaseline => (
                "faster than baseline".to_owned(),
                base_ns.map(|b| case.median_ns < b),
            ),
            Goal::BeatReference => (
                "≤ reference (no goal set)".to_owned(),
                t.reference_ns.map(|r| case.median_ns <= r),
            ),
        };
        verdicts.push(Verdict {
            what: t.what.to_owned(),
            measured,
            reference,
            goal,
            pass,
        });
    }
    for (load, what) in [
        ("stalled_open", "ticker p99, kumo.fs.open on stalled FIFOs"),
        ("slow_reads", "ticker p99, kumo.fs.open on slow FIFOs"),
    ] {
        let s = results
            .nonblocking
            .scenario(load, Some("kumo.fs.open"))
            .ok_or_else(|| format!("no non-blocking results for `{load}/kumo.fs.open`"))?;
        // The other APIs' figures and the idle floor put the p99 in context:
        // on a busy machine even the idle ticker can miss 2 ms.
        let context: Vec<String> = [("io.open", Some("io.open"), load), ("idle", None, "idle")]
            .into_iter()
            .filter_map(|(name, api, load)| {
                let other = results.nonblocking.scenario(load, api)?;
                Some(format!("{name}: {}", ms(other.p99_us)))
            })
            .collect();
        verdicts.push(Verdict {
            what: what.to_owned(),
            measured: if context.is_empty() {
                ms(s.p99_us)
            } else {
                format!("{} ({})", ms(s.p99_us), context.join("; "))
            },
            reference: "—".to_owned(),
            goal: format!("< {}", ms(TICKER_P99_GOAL_US)),
            pass: Some(s.p99_us < TICKER_P99_GOAL_US),
        });
    }
    Ok(verdicts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench_report::results::{Case, Group, Nonblocking, Results, Rss, Scenario};

    fn case(id: &str, baseline: bool, median_ns: f64) -> Case {
        Case {
            id: id.to_owned(),
            label: id.to_owned(),
            baseline,
            median_ns,
            ci_ns: (median_ns, median_ns),
        }
    }

    fn scenario(load: &str, api: &str, p99_us: f64) -> Scenario {
        Scenario {
            load: load.to_owned(),
            api: Some(api.to_owned()),
            samples: 100.0,
            p50_us: 1.0,
            p99_us,
            max_us: p99_us,
            tasks_wall_ms: 500.0,
        }
    }

    /// Results where every target case exists with the given median.
    fn results(median_ns: f64, baseline_ns: f64, p99_us: f64) -> Results {
        let mut groups: Vec<Group> = Vec::new();
        for t in LUA_TARGETS {
            if !groups.iter().any(|g| g.id == t.group) {
                groups.push(Group {
                    id: t.group.to_owned(),
                    title: t.group.to_owned(),
                    cases: vec![case("base", true, baseline_ns)],
                });
            }
            if let Some(g) = groups.iter_mut().find(|g| g.id == t.group) {
                g.cases.push(case(t.case, false, median_ns));
            }
        }
        Results {
            groups,
            nonblocking: Nonblocking {
                workers: 2.0,
                tasks: 8.0,
                tick_ms: 1.0,
                stall_ms: 500.0,
                dribble_chunk_bytes: 64.0,
                dribble_interval_ms: 10.0,
                dribble_chunks: 50.0,
                runs: 1.0,
                scenarios: vec![
                    scenario("stalled_open", "kumo.fs.open", p99_us),
                    scenario("stalled_open", "io.open", 500_000.0),
                    scenario("slow_reads", "kumo.fs.open", p99_us),
                    Scenario {
                        api: None,
                        ..scenario("idle", "", 800.0)
                    },
                ],
            },
            rss: Rss {
                file_bytes: 0.0,
                cases: vec![],
            },
        }
    }

    #[test]
    fn fast_figures_pass_everything() {
        let v = evaluate(&results(10.0, 100.0, 900.0)).unwrap();
        assert_eq!(v.len(), LUA_TARGETS.len() + 2);
        assert!(v.iter().all(|v| v.pass == Some(true)), "{v:#?}");
    }

    #[test]
    fn slow_figures_miss() {
        let v = evaluate(&results(3_000_000.0, 100.0, 2500.0)).unwrap();
        assert!(v.iter().all(|v| v.pass == Some(false)), "{v:#?}");
        let ticker = v.iter().find(|v| v.what.contains("stalled")).unwrap();
        assert_eq!(
            ticker.measured,
            "2.50 ms (io.open: 500.00 ms; idle: 0.80 ms)"
        );
    }

    #[test]
    fn ratio_goal_is_inclusive() {
        let v = evaluate(&results(200.0, 100.0, 900.0)).unwrap();
        let now = v
            .iter()
            .find(|v| v.what.starts_with("kumo.time.now"))
            .unwrap();
        assert_eq!(now.pass, Some(true));
        assert_eq!(now.measured, "200 ns (2.00× `base`)");
        assert_eq!(now.reference, "449 ns (5.68× baseline)");
    }

    #[test]
    fn missing_group_is_an_error() {
        let mut r = results(1.0, 1.0, 1.0);
        r.groups.retain(|g| g.id != "glob_10");
        assert_eq!(
            evaluate(&r).unwrap_err(),
            "no results for benchmark group `glob_10`"
        );
    }
}
