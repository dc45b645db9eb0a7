//! Lua-level benchmarks: `kumo.time` / `kumo.fs` next to the Lua standard
//! library or a pure-Lua baseline, each pair in the same run and Lua state.
//!
//! The cases are in `benches/lua/cases.lua`; see `kumo_benches::lua_cases`.
//! Results: criterion's `target/criterion/<group>/<case>/`, plus
//! `target/kumo-bench/lua_api.json` (group and case labels for the report).

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use kumo_benches::fixtures::Fixtures;
use kumo_benches::{lua, lua_cases, output};

/// Groups whose single call takes ~0.1 ms or more: flat sampling keeps the
/// run length predictable.
const SLOW_GROUPS: &[&str] = &["read_1m", "glob_1000"];

fn lua_api(c: &mut Criterion) {
    let fail = |e: kumo_benches::Error| -> ! { panic!("lua_api benchmark setup failed: {e}") };
    let rt = lua::runtime(2).unwrap_or_else(|e| fail(e));
    let state = lua::kumo_lua().unwrap_or_else(|e| fail(e));
    let fixtures = Fixtures::create().unwrap_or_else(|e| fail(e));
    let groups = lua_cases::load(&state, &rt, &fixtures).unwrap_or_else(|e| fail(e));
    if std::env::args().any(|a| a == "--bench") {
        output::write_result("lua_api", &lua_cases::manifest(&groups)).unwrap_or_else(|e| fail(e));
    }
    for group in &groups {
        // Every group starts from a collected heap, so garbage left by the
        // previous group is not charged to this one.
        state
            .gc_collect()
            .unwrap_or_else(|e| panic!("Lua garbage collection failed: {e}"));
        let mut g = c.benchmark_group(&group.id);
        if SLOW_GROUPS.contains(&group.id.as_str()) {
            g.sampling_mode(SamplingMode::Flat);
        }
        for case in &group.cases {
            g.bench_function(&case.id, |b| {
                b.iter_custom(|iterations| {
                    case.run(&rt, iterations)
                        .unwrap_or_else(|e| panic!("{}/{}: {e}", group.id, case.id))
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, lua_api);
criterion_main!(benches);
