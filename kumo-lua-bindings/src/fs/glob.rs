//! `kumo.fs.glob` and `kumo.fs.uncached_glob`.
//!
//! A cache hit of `kumo.fs.glob` is answered by a synchronous fast path
//! (see [`crate::asyncfn`]): an mlua async call costs more than the lookup
//! itself, even when its future is ready at once. And turning a cached list
//! into a Lua table would hash and intern every name on every call, so the
//! table built for a walk is kept, by walk id, and each hit gets a copy of
//! it (the caller may change what it gets): the copy moves references to
//! the interned strings without hashing them again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use kumo_fs::{CachedGlob, GlobCache};
use mlua::{Function, Lua, Result, Table, Value};

use crate::args::{self, Num, Text, failed};
use crate::asyncfn::{async_function, async_function_with_fast_path};

const GLOB: &str = "kumo.fs.glob";

/// The `ttl_seconds` of `kumo.fs.glob` when the caller gives none.
const DEFAULT_TTL: Duration = Duration::from_secs(60);

/// Lua source of the fast path around `hit`, which returns the kept table
/// of a hit or nothing. `{ unpack(kept, 1, n) }` is the fastest copy (the
/// constructor sizes the table once and stores without lookups), but it
/// needs `n` free stack slots and the `table` library: longer lists, or
/// states without `table`, get a loop.
const FAST_PATH: &str = r#"
local hit, type, unpack, max_unpack = ...
return function(pattern, relative_to, ttl)
    -- Other argument types go on to the async function, which reports
    -- them (`hit` would take numbers for strings).
    if type(pattern) ~= "string" or (relative_to ~= nil and type(relative_to) ~= "string") then
        return nil
    end
    local kept = hit(pattern, relative_to, ttl)
    if kept == nil then
        return nil
    end
    local n = #kept
    if unpack ~= nil and n <= max_unpack then
        return { unpack(kept, 1, n) }
    end
    local copy = {}
    for i = 1, n do
        copy[i] = kept[i]
    end
    return copy
end
"#;

/// The longest list copied through the stack: far below Lua's stack limit
/// (a million slots) and a 256 KiB stack at most.
const MAX_UNPACK: usize = 16 * 1024;

/// Adds `glob` (using `cache`) and `uncached_glob` to the `kumo.fs` table `t`.
pub(super) fn install(lua: &Lua, t: &Table, cache: Arc<GlobCache>) -> Result<()> {
    let fast = fast_path(lua, Arc::clone(&cache), MAX_UNPACK)?;
    let glob = async_function_with_fast_path(
        lua,
        GLOB,
        fast,
        move |name, lua, (pattern, relative_to, ttl): (Value, Value, Value)| {
            let cache = Arc::clone(&cache);
            async move {
                let (pattern, relative_to) = glob_args(name, pattern, relative_to)?;
                let ttl = ttl_arg(name, 3, &ttl)?;
                let paths = cache
                    .glob(&pattern, &relative_to, ttl)
                    .await
                    .map_err(|e| failed(name, e))?;
                lua.create_sequence_from(paths.iter().map(String::as_str))
            }
        },
    )?;
    t.set("glob", glob)?;

    let uncached = async_function(
        lua,
        "kumo.fs.uncached_glob",
        |name, lua, (pattern, relative_to): (Value, Value)| async move {
            let (pattern, relative_to) = glob_args(name, pattern, relative_to)?;
            let paths = kumo_fs::glob(&pattern, &relative_to)
                .await
                .map_err(|e| failed(name, e))?;
            lua.create_sequence_from(paths)
        },
    )?;
    t.set("uncached_glob", uncached)
}

/// The fast path of `kumo.fs.glob`: checks the arguments as the async
/// function does, then answers from `cache` if it can without waiting.
fn fast_path(lua: &Lua, cache: Arc<GlobCache>, max_unpack: usize) -> Result<Function> {
    let kept = RefCell::new(KeptTables::new(cache.capacity()));
    // `pattern` and `relative_to` are strings (or `nil`) by now, read
    // straight off the stack.
    let hit = lua.create_function(
        move |lua, (pattern, relative_to, ttl): (Text, Option<Text>, Value)| {
            let pattern = args::text(GLOB, 1, pattern)?;
            let relative_to = match relative_to {
                Some(dir) => args::text(GLOB, 2, dir)?,
                None => ".".to_owned(),
            };
            // Checked for the same errors with or without a hit, though
            // only a walk uses it.
            ttl_arg(GLOB, 3, &ttl)?;
            // Without a runtime the async function must report it, hit or not.
            if tokio::runtime::Handle::try_current().is_err() {
                return Ok(None);
            }
            match cache.cached(&pattern, &relative_to) {
                None => Ok(None),
                Some(found) => {
                    let found = found.map_err(|e| failed(GLOB, e))?;
                    kept_table(&kept, lua, &found).map(Some)
                }
            }
        },
    )?;
    let globals = lua.globals();
    let unpack = match globals.get::<Value>("table")? {
        Value::Table(table) => table.get::<Option<Function>>("unpack").ok().flatten(),
        _ => None,
    };
    lua.load(FAST_PATH)
        .set_name("=kumo.fs.glob fast path")
        .call((hit, globals.get::<Function>("type")?, unpack, max_unpack))
}

/// The kept table of `found`'s walk, built and kept if new.
fn kept_table(kept: &RefCell<KeptTables>, lua: &Lua, found: &CachedGlob) -> Result<Table> {
    // No borrow of `kept` is held while Lua runs (building the table may
    // run finalizers, which may call glob), so these borrows cannot clash.
    if let Some(table) = kept.borrow().get(found.id()) {
        return Ok(table);
    }
    let table = lua.create_sequence_from(found.paths().iter().map(String::as_str))?;
    kept.borrow_mut().insert(found, table.clone());
    Ok(table)
}

/// Lua tables of cached glob results, by walk id, for one glob function
/// (one Lua state and one cache). Walk ids are never reused, so a table
/// found by id always holds that walk's paths.
struct KeptTables {
    by_id: HashMap<u64, Kept>,
    /// The cache's capacity: more live entries than that cannot be hit.
    capacity: usize,
}

struct Kept {
    table: Table,
    /// Dead once the cache has dropped the entry (evicted, or replaced
    /// after it expired).
    paths: Weak<[String]>,
    expires: Option<Instant>,
}

impl KeptTables {
    fn new(capacity: usize) -> KeptTables {
        KeptTables {
            by_id: HashMap::new(),
            capacity,
        }
    }

    fn get(&self, id: u64) -> Option<Table> {
        self.by_id.get(&id).map(|kept| kept.table.clone())
    }

    /// Keeps `table` for `found`, first releasing the tables of entries
    /// that are gone or expired, then the oldest walk's if still full.
    /// This runs once per walk and Lua state, so a scan is cheap enough.
    fn insert(&mut self, found: &CachedGlob, table: Table) {
        let now = Instant::now();
        self.by_id.retain(|_, kept| {
            kept.paths.strong_count() > 0 && kept.expires.is_none_or(|expires| now < expires)
        });
        if self.by_id.len() >= self.capacity
            && let Some(&oldest) = self.by_id.keys().min()
        {
            self.by_id.remove(&oldest);
        }
        let kept = Kept {
            table,
            paths: Arc::downgrade(found.paths()),
            expires: found.expires(),
        };
        self.by_id.insert(found.id(), kept);
    }
}

/// `pattern` and `relative_to` (default `"."`) of the glob functions.
fn glob_args(name: &str, pattern: Value, relative_to: Value) -> Result<(String, String)> {
    let pattern = args::utf8(name, 1, pattern)?;
    let relative_to = args::opt_utf8(name, 2, relative_to)?;
    Ok((pattern, relative_to.unwrap_or_else(|| ".".to_owned())))
}

/// A cache lifetime in seconds (default [`DEFAULT_TTL`]): zero or more,
/// and within what a [`Duration`] holds (u64 seconds).
fn ttl_arg(name: &str, pos: usize, v: &Value) -> Result<Duration> {
    if v.is_nil() {
        return Ok(DEFAULT_TTL);
    }
    let n = args::number(name, pos, v)?;
    let ttl = match n {
        Num::Int(i) => u64::try_from(i).ok().map(Duration::from_secs),
        Num::Float(f) => Duration::try_from_secs_f64(f).ok(),
    };
    ttl.ok_or_else(|| {
        let why =
            format!("ttl_seconds must be a number of seconds from 0 to about 1.8e19, got {n}");
        args::bad_arg(name, pos, why)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlua::{LuaOptions, StdLib};

    const LONG: Duration = Duration::from_secs(3600);

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    fn dir_with(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        dir
    }

    #[test]
    fn every_copy_is_a_new_table_with_the_names() {
        let rt = runtime();
        let _in_runtime = rt.enter();
        let dir = dir_with(&["a", "b", "c"]);
        let dir = dir.path().to_str().unwrap();
        let cache = Arc::new(GlobCache::new(4));
        rt.block_on(cache.glob("*", dir, LONG)).unwrap();
        let with_table = Lua::new();
        let without_table = Lua::new_with(StdLib::STRING, LuaOptions::default()).unwrap();
        for (lua, max_unpack) in [(&with_table, 16), (&with_table, 2), (&without_table, 16)] {
            let fast = fast_path(lua, Arc::clone(&cache), max_unpack).unwrap();
            let first: Table = fast.call(("*", dir)).unwrap();
            first.raw_set(1, "changed").unwrap();
            first.raw_set(4, "added").unwrap();
            let second: Table = fast.call(("*", dir)).unwrap();
            let names: Vec<String> = second.sequence_values().collect::<Result<_>>().unwrap();
            assert_eq!(names, ["a", "b", "c"], "max_unpack {max_unpack}");
            // Misses and arguments the async function must report are left to it.
            assert!(fast.call::<Value>(("x*", dir)).unwrap().is_nil());
            assert!(fast.call::<Value>(("*", 5)).unwrap().is_nil());
            assert!(fast.call::<Value>(5).unwrap().is_nil());
        }
        assert_eq!(cache.walks(), 1);
    }

    #[test]
    fn kept_tables_are_released_with_their_entries_and_bounded() {
        let rt = runtime();
        let dir = dir_with(&["a"]);
        let cache = GlobCache::new(2);
        let lua = Lua::new();
        let mut kept = KeptTables::new(cache.capacity());
        let found = |pattern: &str, ttl| {
            rt.block_on(cache.glob(pattern, dir.path(), ttl)).unwrap();
            cache.cached(pattern, dir.path()).unwrap().unwrap()
        };
        let keep = |kept: &mut KeptTables, found: &CachedGlob| {
            kept.insert(found, lua.create_table().unwrap());
        };
        let short = found("s*", Duration::from_millis(200));
        keep(&mut kept, &short);
        let a = found("a*", LONG);
        keep(&mut kept, &a);
        assert!(kept.get(short.id()).is_some() && kept.get(a.id()).is_some());

        // `s*` expires; `b*` then evicts it from the cache.
        std::thread::sleep(Duration::from_millis(300));
        let b = found("b*", LONG);
        keep(&mut kept, &b);
        assert!(kept.get(short.id()).is_none(), "expired: released");
        assert!(kept.get(a.id()).is_some());

        // `c*` evicts `a*` (least recently used) from the cache.
        let (a_id, b_id) = (a.id(), b.id());
        drop((a, b));
        let c = found("c*", LONG);
        keep(&mut kept, &c);
        assert!(kept.get(a_id).is_none(), "evicted: released");
        assert!(kept.get(b_id).is_some() && kept.get(c.id()).is_some());

        // Live entries of another cache: still no more than the capacity,
        // the oldest walk's table goes first.
        let other = GlobCache::new(2);
        rt.block_on(other.glob("*", dir.path(), LONG)).unwrap();
        let d = other.cached("*", dir.path()).unwrap().unwrap();
        keep(&mut kept, &d);
        assert_eq!(kept.by_id.len(), 2);
        assert!(kept.get(b_id).is_none());
        assert!(kept.get(c.id()).is_some() && kept.get(d.id()).is_some());
    }
}
