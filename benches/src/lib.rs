//! Cross-layer benchmarks for kumo-os.
//!
//! Criterion benchmarks that compare the Lua API against the Lua standard
//! library in the same Lua state, and measure how far a blocked filesystem
//! call delays other tasks on the runtime. Not published.
