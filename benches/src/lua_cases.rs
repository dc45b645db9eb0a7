//! The Lua-level benchmark cases: `kumo.*` next to the Lua stdlib (or a
//! pure-Lua baseline) in one Lua state.
//!
//! The cases themselves are Lua (`benches/lua/cases.lua`), so what is measured
//! is exactly what a policy author would write. Each case is a Lua function
//! `run(n)` looping n times; [`Case::run`] enters it once per batch with
//! `call_async` on a tokio runtime (the async `kumo.fs` functions need one) and
//! times the whole batch, for criterion's `iter_custom`.

use std::time::{Duration, Instant};

use mlua::{Function, Lua, Table};
use tokio::runtime::Runtime;

use crate::fixtures::{Fixtures, lua_path};
use crate::json::Json;
use crate::{Error, Result};

/// The case definitions, a chunk taking `(config, baseline)` and returning the groups.
pub const CASES_LUA: &str = include_str!("../lua/cases.lua");

/// A benchmark group: one operation, kumo next to its baseline.
#[derive(Debug)]
pub struct Group {
    /// Criterion group id (also the folder under `target/criterion/`).
    pub id: String,
    /// Heading for the report.
    pub title: String,
    /// The cases in report order, kumo first.
    pub cases: Vec<Case>,
}

/// One measured Lua expression.
#[derive(Debug)]
pub struct Case {
    /// Criterion benchmark id within the group.
    pub id: String,
    /// The Lua code it measures, for people reading the report.
    pub label: String,
    /// Whether this is what the group's other cases are compared to.
    pub baseline: bool,
    run: Function,
}

impl Case {
    /// Runs the case's Lua loop `iterations` times inside one `call_async`
    /// and returns the elapsed wall time of the batch.
    pub fn run(&self, rt: &Runtime, iterations: u64) -> Result<Duration> {
        let start = Instant::now();
        rt.block_on(self.run.call_async::<()>(iterations))
            .map_err(Error::context(format!("run Lua case {}", self.id)))?;
        Ok(start.elapsed())
    }
}

/// Loads the baselines and the cases into `lua` (which must have `kumo`
/// registered), checking on the way that every pair computes the same result.
///
/// ```
/// use kumo_benches::{fixtures::Fixtures, lua, lua_cases};
/// let rt = lua::runtime(1).unwrap();
/// let state = lua::kumo_lua().unwrap();
/// let fixtures = Fixtures::create().unwrap();
/// let groups = lua_cases::load(&state, &rt, &fixtures).unwrap();
/// let now = &groups.iter().find(|g| g.id == "time_now").unwrap().cases[0];
/// assert!(now.run(&rt, 10).unwrap() > std::time::Duration::ZERO);
/// ```
pub fn load(lua: &Lua, rt: &Runtime, fixtures: &Fixtures) -> Result<Vec<Group>> {
    let baseline = crate::lua::load_baseline(lua)?;
    let config = lua
        .create_table()
        .map_err(Error::context("create the case config table"))?;
    for (key, path) in [
        ("file_4k", &fixtures.file_4k),
        ("file_1m", &fixtures.file_1m),
        ("dir_1000", &fixtures.dir_1000),
        ("dir_10", &fixtures.dir_10),
    ] {
        config
            .set(key, lua_path(path)?)
            .map_err(Error::context(format!("set config.{key}")))?;
    }
    let chunk = lua
        .load(CASES_LUA)
        .set_name("@benches/lua/cases.lua")
        .into_function()
        .map_err(Error::context("compile benches/lua/cases.lua"))?;
    // The chunk calls async kumo.fs functions (its fixture checks), so it runs
    // with call_async too.
    let groups: Table = rt
        .block_on(chunk.call_async((config, baseline)))
        .map_err(Error::context("run benches/lua/cases.lua"))?;
    groups
        .sequence_values::<Table>()
        .map(|group| read_group(group.map_err(Error::context("read a case group"))?))
        .collect()
}

fn read_group(group: Table) -> Result<Group> {
    let id: String = group
        .get("group")
        .map_err(Error::context("read group id"))?;
    let title: String = group
        .get("title")
        .map_err(Error::context(format!("read title of group {id}")))?;
    let cases = group
        .get::<Table>("cases")
        .map_err(Error::context(format!("read cases of group {id}")))?
        .sequence_values::<Table>()
        .map(|case| {
            let case = case.map_err(Error::context(format!("read a case of group {id}")))?;
            let field = |name: &str| Error::context(format!("read {name} of a case in group {id}"));
            Ok(Case {
                id: case.get("id").map_err(field("id"))?,
                label: case.get("label").map_err(field("label"))?,
                baseline: case
                    .get::<Option<bool>>("baseline")
                    .map_err(field("baseline"))?
                    .unwrap_or(false),
                run: case.get("run").map_err(field("run"))?,
            })
        })
        .collect::<Result<Vec<Case>>>()?;
    Ok(Group { id, title, cases })
}

/// What ran, for the report generator: group ids and titles, case ids,
/// labels and which case is the baseline.
///
/// ```
/// use kumo_benches::lua_cases::manifest;
/// assert_eq!(manifest(&[]).to_string(), r#"{"groups":[]}"#);
/// ```
pub fn manifest(groups: &[Group]) -> Json {
    let groups = groups
        .iter()
        .map(|g| {
            let cases = g
                .cases
                .iter()
                .map(|c| {
                    Json::object([
                        ("id", Json::from(c.id.as_str())),
                        ("label", Json::from(c.label.as_str())),
                        ("baseline", Json::from(c.baseline)),
                    ])
                })
                .collect::<Vec<_>>();
            Json::object([
                ("id", Json::from(g.id.as_str())),
                ("title", Json::from(g.title.as_str())),
                ("cases", Json::from(cases)),
            ])
        })
        .collect::<Vec<_>>();
    Json::object([("groups", Json::from(groups))])
}
