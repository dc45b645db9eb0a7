//! The non-blocking benchmark: how late does a 1 ms ticker task run while Lua
//! tasks on the same runtime wait on a stalled or slow device?
//!
//! A multi-thread tokio runtime with 2 workers runs a ticker that wants to
//! wake every millisecond, and 8 Lua tasks (one Lua state each, as a host keeps
//! a pool of states) that each read a FIFO to the end, once through
//! `kumo.fs.open` and once through `io.open`. The FIFO writers are OS threads:
//! - stalled open: the writer appears only after 500 ms, so opening blocks;
//! - slow reads: the writer is there at once but sends 64 bytes every 10 ms,
//!   so every read blocks.
//!
//! A call that blocks a worker thread stalls every task queued on it; with two
//! workers and eight readers, `io.open` stalls them all. The ticker records,
//! for every 1 ms deadline, how late it actually ran; deadlines that passed
//! while it could not run at all count with their full lateness (no
//! coordinated omission), so a 500 ms stall yields ~500 late ticks, not one.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use mlua::Function;
use tokio::time::Instant;

use crate::fifo::{FifoWriter, WriterPlan, mkfifo};
use crate::fixtures::lua_path;
use crate::json::Json;
use crate::lua::{kumo_lua, runtime};
use crate::stats::Summary;
use crate::{Error, Result};

/// How each Lua task reads its FIFO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// `kumo.fs.open(path):read()` then `close()`.
    KumoFs,
    /// `io.open(path, 'rb'):read('a')` then `close()`.
    LuaIo,
}

impl Api {
    /// The function under test, as the report names it.
    pub fn label(self) -> &'static str {
        match self {
            Api::KumoFs => "kumo.fs.open",
            Api::LuaIo => "io.open",
        }
    }

    fn reader(self) -> &'static str {
        match self {
            Api::KumoFs => {
                "local f = kumo.fs.open(..., 'r')\n\
                 local data = f:read()\n\
                 f:close()\n\
                 return #data"
            }
            Api::LuaIo => {
                "local f = assert(io.open(..., 'rb'))\n\
                 local data = f:read('a')\n\
                 f:close()\n\
                 return #data"
            }
        }
    }
}

/// What the Lua tasks wait on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// No Lua tasks: the ticker alone, the floor set by the timer.
    Idle,
    /// The FIFO gets its writer only after the stall time.
    StalledOpen,
    /// The writer dribbles small chunks.
    SlowReads,
}

impl Load {
    /// Stable id used in the JSON output.
    pub fn id(self) -> &'static str {
        match self {
            Load::Idle => "idle",
            Load::StalledOpen => "stalled_open",
            Load::SlowReads => "slow_reads",
        }
    }
}

/// Sizes and timings of the benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Tokio worker threads.
    pub workers: usize,
    /// Concurrent Lua tasks, one FIFO each.
    pub tasks: usize,
    /// Ticker period.
    pub tick: Duration,
    /// How long the writer of a stalled FIFO stays away (also the idle run's length).
    pub stall: Duration,
    /// Slow reads: bytes per write.
    pub dribble_chunk: usize,
    /// Slow reads: pause before each write.
    pub dribble_interval: Duration,
    /// Slow reads: number of writes.
    pub dribble_chunks: usize,
    /// Repetitions per scenario; lag samples are pooled.
    pub runs: usize,
}

impl Config {
    /// The published configuration: 2 workers, 8 tasks, 1 ms ticks, 500 ms
    /// stalls, 50 x 64 bytes every 10 ms, `runs` repetitions.
    ///
    /// ```
    /// let c = kumo_benches::nonblocking::Config::standard(5);
    /// assert_eq!((c.workers, c.tasks, c.runs), (2, 8, 5));
    /// ```
    pub fn standard(runs: usize) -> Config {
        Config {
            workers: 2,
            tasks: 8,
            tick: Duration::from_millis(1),
            stall: Duration::from_millis(500),
            dribble_chunk: 64,
            dribble_interval: Duration::from_millis(10),
            dribble_chunks: 50,
            runs,
        }
    }

    /// A seconds-long version for smoke tests: 4 tasks, 50 ms stalls, one run.
    pub fn smoke() -> Config {
        Config {
            tasks: 4,
            stall: Duration::from_millis(50),
            dribble_chunks: 5,
            runs: 1,
            ..Config::standard(1)
        }
    }

    fn plan(&self, load: Load) -> Option<WriterPlan> {
        match load {
            Load::Idle => None,
            Load::StalledOpen => Some(WriterPlan::Late {
                delay: self.stall,
                bytes: 4096,
            }),
            Load::SlowReads => Some(WriterPlan::Dribble {
                chunk: self.dribble_chunk,
                interval: self.dribble_interval,
                chunks: self.dribble_chunks,
            }),
        }
    }

    /// The configuration as JSON, for the report.
    pub fn to_json(&self) -> Json {
        Json::object([
            ("workers", Json::from(self.workers)),
            ("tasks", Json::from(self.tasks)),
            ("tick_ms", Json::from(self.tick.as_secs_f64() * 1e3)),
            ("stall_ms", Json::from(self.stall.as_secs_f64() * 1e3)),
            ("dribble_chunk_bytes", Json::from(self.dribble_chunk)),
            (
                "dribble_interval_ms",
                Json::from(self.dribble_interval.as_secs_f64() * 1e3),
            ),
            ("dribble_chunks", Json::from(self.dribble_chunks)),
            ("runs", Json::from(self.runs)),
        ])
    }
}

/// A load and, unless idle, the API the Lua tasks use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scenario {
    /// What the tasks wait on.
    pub load: Load,
    /// How they read; `None` for [`Load::Idle`].
    pub api: Option<Api>,
}

impl Scenario {
    /// Every scenario in report order: idle, then each load with kumo then io.
    ///
    /// ```
    /// assert_eq!(kumo_benches::nonblocking::Scenario::all().len(), 5);
    /// ```
    pub fn all() -> Vec<Scenario> {
        let mut all = vec![Scenario {
            load: Load::Idle,
            api: None,
        }];
        for load in [Load::StalledOpen, Load::SlowReads] {
            for api in [Api::KumoFs, Api::LuaIo] {
                all.push(Scenario {
                    load,
                    api: Some(api),
                });
            }
        }
        all
    }

    /// `load/api`, e.g. `stalled_open/kumo.fs.open`.
    pub fn name(&self) -> String {
        match self.api {
            Some(api) => format!("{}/{}", self.load.id(), api.label()),
            None => self.load.id().to_owned(),
        }
    }
}

/// The measured result of one scenario over all its runs.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What ran.
    pub scenario: Scenario,
    /// Ticker lateness over all runs.
    pub lag: Summary,
    /// Per run: time until every Lua task had finished (the idle run's length when idle).
    pub walls: Vec<Duration>,
    /// Bytes the Lua tasks read per run (checked against what the writers sent).
    pub bytes_per_run: usize,
}

impl Outcome {
    /// The outcome as one JSON record (times in microseconds / milliseconds).
    pub fn to_json(&self) -> Json {
        let us = |d: Duration| Json::from(d.as_secs_f64() * 1e6);
        let mut walls = self.walls.clone();
        walls.sort_unstable();
        let wall_median = walls.get(walls.len() / 2).copied().unwrap_or_default();
        Json::object([
            ("name", Json::from(self.scenario.name())),
            ("load", Json::from(self.scenario.load.id())),
            (
                "api",
                self.scenario
                    .api
                    .map_or(Json::Null, |a| Json::from(a.label())),
            ),
            ("samples", Json::from(self.lag.count)),
            ("p50_us", us(self.lag.p50)),
            ("p99_us", us(self.lag.p99)),
            ("max_us", us(self.lag.max)),
            ("tasks_wall_ms", Json::from(wall_median.as_secs_f64() * 1e3)),
            ("bytes_per_run", Json::from(self.bytes_per_run)),
        ])
    }
}

/// Runs `scenario` `config.runs` times, each on a fresh runtime, and pools the lags.
pub fn measure(config: &Config, scenario: Scenario) -> Result<Outcome> {
    let mut lags = Vec::new();
    let mut walls = Vec::with_capacity(config.runs);
    let mut bytes_per_run = 0;
    for _ in 0..config.runs.max(1) {
        let run = run_once(config, scenario)?;
        lags.extend(run.lags);
        walls.push(run.wall);
        bytes_per_run = run.bytes;
    }
    let lag = Summary::of(&mut lags)
        .ok_or_else(|| Error::new(scenario.name(), "the ticker recorded no ticks"))?;
    Ok(Outcome {
        scenario,
        lag,
        walls,
        bytes_per_run,
    })
}

struct Run {
    lags: Vec<Duration>,
    wall: Duration,
    bytes: usize,
}

/// One Lua task: its own state (kept alive with the function), its FIFO.
struct Reader {
    lua: mlua::Lua,
    read: Function,
    path: PathBuf,
    lua_path: String,
}

fn run_once(config: &Config, scenario: Scenario) -> Result<Run> {
    let rt = runtime(config.workers)?;
    let dir = tempfile::Builder::new()
        .prefix("kumo-bench-fifo-")
        .tempdir()
        .map_err(Error::context("create a temporary directory"))?;
    let plan = config.plan(scenario.load);
    let mut readers = Vec::new();
    if let (Some(api), Some(_)) = (scenario.api, plan) {
        for i in 0..config.tasks {
            let path = dir.path().join(format!("fifo-{i}"));
            mkfifo(&path)?;
            let lua = kumo_lua()?;
            let read = lua
                .load(api.reader())
                .set_name(format!("={} reader", api.label()))
                .into_function()
                .map_err(Error::context("compile the Lua reader"))?;
            readers.push(Reader {
                lua,
                read,
                lua_path: lua_path(&path)?,
                path,
            });
        }
    }
    let (lags, wall, results, writers) = rt.block_on(async {
        let stop = Arc::new(AtomicBool::new(false));
        let ticker = tokio::spawn(ticker(config.tick, Arc::clone(&stop)));
        let start = Instant::now();
        let mut writers = Vec::new();
        let mut tasks = Vec::new();
        for reader in readers {
            if let Some(plan) = plan {
                writers.push(FifoWriter::spawn(&reader.path, plan));
            }
            tasks.push(tokio::spawn(async move {
                let _state = reader.lua;
                reader.read.call_async::<usize>(reader.lua_path).await
            }));
        }
        if tasks.is_empty() {
            tokio::time::sleep(config.stall).await;
        }
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(task.await);
        }
        let wall = start.elapsed();
        stop.store(true, Ordering::Relaxed);
        (ticker.await, wall, results, writers)
    });
    // Writers are joined off the runtime; this also releases any writer whose
    // reader failed before opening, so an error cannot hang the benchmark.
    let mut sent = 0;
    for writer in writers {
        sent += writer.finish()?;
    }
    rt.shutdown_timeout(Duration::from_secs(5));
    let lags = lags.map_err(Error::context(format!("{}: ticker task", scenario.name())))?;
    let mut bytes = 0;
    for result in results {
        bytes += result
            .map_err(Error::context(format!("{}: Lua task", scenario.name())))?
            .map_err(Error::context(format!("{}: Lua reader", scenario.name())))?;
    }
    if bytes != sent {
        return Err(Error::new(
            scenario.name(),
            format!("the Lua tasks read {bytes} bytes but the writers sent {sent}"),
        ));
    }
    Ok(Run { lags, wall, bytes })
}

/// Wakes every `period` until `stop`, recording for each deadline how late it ran.
async fn ticker(period: Duration, stop: Arc<AtomicBool>) -> Vec<Duration> {
    let start = Instant::now();
    let mut lags = Vec::with_capacity(4096);
    let mut next = start + period;
    while !stop.load(Ordering::Relaxed) {
        tokio::time::sleep_until(next).await;
        let now = Instant::now();
        // Every deadline that passed while the ticker could not run is a tick
        // that ran this late.
        while next <= now {
            lags.push(now - next);
            next += period;
        }
    }
    lags
}

/// A text table of `outcomes`, as the bench target prints it.
pub fn table(outcomes: &[Outcome]) -> String {
    let ms = |d: Duration| format!("{:.3}", d.as_secs_f64() * 1e3);
    let mut out = format!(
        "{:<30} {:>8} {:>10} {:>10} {:>10} {:>12}\n",
        "scenario", "ticks", "p50 ms", "p99 ms", "max ms", "tasks ms"
    );
    for o in outcomes {
        let mut walls = o.walls.clone();
        walls.sort_unstable();
        let wall = walls.get(walls.len() / 2).copied().unwrap_or_default();
        out.push_str(&format!(
            "{:<30} {:>8} {:>10} {:>10} {:>10} {:>12}\n",
            o.scenario.name(),
            o.lag.count,
            ms(o.lag.p50),
            ms(o.lag.p99),
            ms(o.lag.max),
            ms(wall),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With one worker, a task that blocks it for 50 ms must show up as ~50
    /// late ticks, the first about 50 ms late.
    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn ticker_counts_every_missed_deadline() {
        let stop = Arc::new(AtomicBool::new(false));
        let ticker = tokio::spawn(ticker(Duration::from_millis(1), Arc::clone(&stop)));
        tokio::spawn(async { std::thread::sleep(Duration::from_millis(50)) })
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        stop.store(true, Ordering::Relaxed);
        let mut lags = ticker.await.unwrap();
        let s = Summary::of(&mut lags).unwrap();
        assert!(s.count >= 50, "{s:?}");
        assert!(s.max >= Duration::from_millis(30), "{s:?}");
    }

    #[test]
    fn smoke_scenarios_read_everything_and_report() {
        let config = Config::smoke();
        let outcomes: Vec<Outcome> = Scenario::all()
            .into_iter()
            .map(|s| measure(&config, s).unwrap())
            .collect();
        for o in &outcomes {
            let expected = match config.plan(o.scenario.load) {
                Some(plan) => plan.total_bytes() * config.tasks,
                None => 0,
            };
            assert_eq!(o.bytes_per_run, expected, "{}", o.scenario.name());
        }
        let text = table(&outcomes);
        assert!(text.contains("stalled_open/kumo.fs.open"), "{text}");
        assert!(text.contains("slow_reads/io.open"), "{text}");
    }
}
