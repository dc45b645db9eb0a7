//! Criterion benchmarks of kumo-fs (being written).
fn main() {}
