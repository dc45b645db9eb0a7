//! Reading what the benchmark run left in the target directory:
//! criterion's `criterion/<group>/<case>/new/estimates.json` and the
//! `kumo-bench/{lua_api,nonblocking,rss}.json` files the bench targets write.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::json::{self, Value};

/// Everything the report shows.
#[derive(Debug, Clone)]
pub(crate) struct Results {
    pub(crate) groups: Vec<Group>,
    pub(crate) nonblocking: Nonblocking,
    pub(crate) rss: Rss,
}

/// A criterion group of Lua-level cases.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) cases: Vec<Case>,
}

#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) baseline: bool,
    /// Median time per call (criterion's median estimate), nanoseconds.
    pub(crate) median_ns: f64,
    /// 95% confidence interval of the median, nanoseconds.
    pub(crate) ci_ns: (f64, f64),
}

impl Group {
    pub(crate) fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub(crate) fn baseline(&self) -> Option<&Case> {
        self.cases.iter().find(|c| c.baseline)
    }
}

impl Results {
    pub(crate) fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Nonblocking {
    pub(crate) workers: f64,
    pub(crate) tasks: f64,
    pub(crate) tick_ms: f64,
    pub(crate) stall_ms: f64,
    pub(crate) dribble_chunk_bytes: f64,
    pub(crate) dribble_interval_ms: f64,
    pub(crate) dribble_chunks: f64,
    pub(crate) runs: f64,
    pub(crate) scenarios: Vec<Scenario>,
}

#[derive(Debug, Clone)]
pub(crate) struct Scenario {
    pub(crate) load: String,
    pub(crate) api: Option<String>,
    pub(crate) samples: f64,
    pub(crate) p50_us: f64,
    pub(crate) p99_us: f64,
    pub(crate) max_us: f64,
    pub(crate) tasks_wall_ms: f64,
}

impl Nonblocking {
    pub(crate) fn scenario(&self, load: &str, api: Option<&str>) -> Option<&Scenario> {
        self.scenarios
            .iter()
            .find(|s| s.load == load && s.api.as_deref() == api)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Rss {
    pub(crate) file_bytes: f64,
    pub(crate) cases: Vec<RssCase>,
}

#[derive(Debug, Clone)]
pub(crate) struct RssCase {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) setup_kib: f64,
    pub(crate) peak_kib: f64,
    pub(crate) read_kib: f64,
}

/// When the result files must have been written: by the run being reported,
/// not an earlier one (`not_before`) nor a later one (`not_after`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Window {
    pub(crate) not_before: Option<SystemTime>,
    pub(crate) not_after: Option<SystemTime>,
}

/// Loads every result under `target`; a file written outside `window` is an
/// error naming it.
pub(crate) fn load(target: &Path, window: Window) -> Result<Results, String> {
    let reader = Reader { target, window };
    let manifest = reader.json(&reader.kumo_bench("lua_api"))?;
    let mut groups = Vec::new();
    for g in array(&manifest, "groups", "lua_api.json")? {
        let id = string(g, "id", "lua_api.json group")?;
        let title = string(g, "title", "lua_api.json group")?;
        let mut cases = Vec::new();
        for c in array(g, "cases", "lua_api.json group")? {
            let case_id = string(c, "id", "lua_api.json case")?;
            let path = target
                .join("criterion")
                .join(&id)
                .join(&case_id)
                .join("new")
                .join("estimates.json");
            let estimates = reader.json(&path)?;
            let at = |p: &[&str]| {
                estimates
                    .at(p)
                    .and_then(Value::as_f64)
                    .ok_or_else(|| format!("{}: no number at {}", path.display(), p.join(".")))
            };
            cases.push(Case {
                label: string(c, "label", "lua_api.json case")?,
                baseline: c.get("baseline").and_then(Value::as_bool).unwrap_or(false),
                median_ns: at(&["median", "point_estimate"])?,
                ci_ns: (
                    at(&["median", "confidence_interval", "lower_bound"])?,
                    at(&["median", "confidence_interval", "upper_bound"])?,
                ),
                id: case_id,
            });
        }
        groups.push(Group { id, title, cases });
    }
    Ok(Results {
        groups,
        nonblocking: nonblocking(&reader.json(&reader.kumo_bench("nonblocking"))?)?,
        rss: rss(&reader.json(&reader.kumo_bench("rss"))?)?,
    })
}

struct Reader<'a> {
    target: &'a Path,
    window: Window,
}

impl Reader<'_> {
    fn kumo_bench(&self, name: &str) -> PathBuf {
        self.target.join("kumo-bench").join(format!("{name}.json"))
    }

    fn json(&self, path: &Path) -> Result<Value, String> {
        let shown = path.display();
        if self.window != Window::default() {
            let modified = std::fs::metadata(path)
                .and_then(|m| m.modified())
                .map_err(|e| format!("{shown}: {e} (did that benchmark run?)"))?;
            if self.window.not_before.is_some_and(|t| modified < t) {
                return Err(format!(
                    "{shown} is older than this run: that benchmark did not run or did not finish"
                ));
            }
            if self.window.not_after.is_some_and(|t| modified > t) {
                return Err(format!(
                    "{shown} was written after the last `cargo xtask bench-report` run \
                     (by another benchmark run): run bench-report without --no-run"
                ));
            }
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("read {shown}: {e} (did that benchmark run?)"))?;
        json::parse(&text).map_err(|e| format!("{shown}: {e}"))
    }
}

fn array<'v>(v: &'v Value, key: &str, what: &str) -> Result<&'v [Value], String> {
    v.get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{what}: no array `{key}`"))
}

fn string(v: &Value, key: &str, what: &str) -> Result<String, String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{what}: no string `{key}`"))
}

fn number(v: &Value, key: &str, what: &str) -> Result<f64, String> {
    v.get(key)
        .and_then(Value::as_f64)
        .ok_or_else(|| format!("{what}: no number `{key}`"))
}

fn nonblocking(v: &Value) -> Result<Nonblocking, String> {
    let what = "nonblocking.json config";
    let config = v.get("config").ok_or("nonblocking.json: no `config`")?;
    let mut scenarios = Vec::new();
    for s in array(v, "scenarios", "nonblocking.json")? {
        let what = "nonblocking.json scenario";
        scenarios.push(Scenario {
            load: string(s, "load", what)?,
            api: s.get("api").and_then(Value::as_str).map(str::to_owned),
            samples: number(s, "samples", what)?,
            p50_us: number(s, "p50_us", what)?,
            p99_us: number(s, "p99_us", what)?,
            max_us: number(s, "max_us", what)?,
            tasks_wall_ms: number(s, "tasks_wall_ms", what)?,
        });
    }
    Ok(Nonblocking {
        workers: number(config, "workers", what)?,
        tasks: number(config, "tasks", what)?,
        tick_ms: number(config, "tick_ms", what)?,
        stall_ms: number(config, "stall_ms", what)?,
        dribble_chunk_bytes: number(config, "dribble_chunk_bytes", what)?,
        dribble_interval_ms: number(config, "dribble_interval_ms", what)?,
        dribble_chunks: number(config, "dribble_chunks", what)?,
        runs: number(config, "runs", what)?,
        scenarios,
    })
}

fn rss(v: &Value) -> Result<Rss, String> {
    let mut cases = Vec::new();
    for c in array(v, "cases", "rss.json")? {
        let what = "rss.json case";
        cases.push(RssCase {
            id: string(c, "id", what)?,
            label: string(c, "label", what)?,
            setup_kib: number(c, "setup_kib", what)?,
            peak_kib: number(c, "peak_kib", what)?,
            read_kib: number(c, "read_kib", what)?,
        });
    }
    Ok(Rss {
        file_bytes: number(v, "file_bytes", "rss.json")?,
        cases,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A minimal but complete result tree, as one benchmark run leaves it.
    pub(crate) fn sample_tree(root: &Path) {
        write(
            root,
            "kumo-bench/lua_api.json",
            r#"{"groups":[{"id":"time_now","title":"Current time","cases":[{"id":"kumo","label":"kumo.time.now()","baseline":false},{"id":"os_time","label":"os.time()","baseline":true}]}]}"#,
        );
        for (case, median) in [("kumo", 120.0), ("os_time", 80.0)] {
            write(
                root,
                &format!("criterion/time_now/{case}/new/estimates.json"),
                &format!(
                    r#"{{"median":{{"confidence_interval":{{"lower_bound":{},"upper_bound":{}}},"point_estimate":{median}}}}}"#,
                    median - 1.0,
                    median + 1.0
                ),
            );
        }
        write(
            root,
            "kumo-bench/nonblocking.json",
            r#"{"config":{"workers":2,"tasks":8,"tick_ms":1,"stall_ms":500,"dribble_chunk_bytes":64,"dribble_interval_ms":10,"dribble_chunks":50,"runs":5},
               "scenarios":[{"load":"stalled_open","api":"kumo.fs.open","samples":2500,"p50_us":1000,"p99_us":1200,"max_us":1500,"tasks_wall_ms":501}]}"#,
        );
        write(
            root,
            "kumo-bench/rss.json",
            r#"{"file_bytes":104857600,"cases":[{"id":"setup_only","label":"x","bytes":0,"setup_kib":3000,"peak_kib":3000,"read_kib":0}]}"#,
        );
    }

    #[test]
    fn loads_a_complete_tree() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        sample_tree(dir);
        let r = load(dir, Window::default()).unwrap();
        let g = r.group("time_now").unwrap();
        assert_eq!(g.case("kumo").unwrap().median_ns, 120.0);
        assert_eq!(g.baseline().unwrap().id, "os_time");
        assert_eq!(
            r.nonblocking
                .scenario("stalled_open", Some("kumo.fs.open"))
                .unwrap()
                .p99_us,
            1200.0
        );
        assert_eq!(r.rss.cases[0].setup_kib, 3000.0);
    }

    #[test]
    fn missing_estimate_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        sample_tree(dir);
        std::fs::remove_file(dir.join("criterion/time_now/kumo/new/estimates.json")).unwrap();
        let err = load(dir, Window::default()).unwrap_err();
        assert!(
            err.contains("criterion/time_now/kumo/new/estimates.json"),
            "{err}"
        );
    }

    #[test]
    fn stale_results_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        sample_tree(dir);
        let hour = std::time::Duration::from_secs(3600);
        let not_before = Some(SystemTime::now() + hour);
        let err = load(
            dir,
            Window {
                not_before,
                not_after: None,
            },
        )
        .unwrap_err();
        assert!(err.contains("older than this run"), "{err}");
        let not_after = Some(SystemTime::now() - hour);
        let err = load(
            dir,
            Window {
                not_before: None,
                not_after,
            },
        )
        .unwrap_err();
        assert!(err.contains("written after the last"), "{err}");
    }
}
