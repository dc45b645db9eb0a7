//! Number formatting for the report.

/// Nanoseconds with thousands separators (`185,000 ns`), one decimal under 100.
pub(crate) fn nanos(ns: f64) -> String {
    if ns < 100.0 {
        format!("{ns:.1} ns")
    } else {
        format!("{} ns", thousands(ns.round()))
    }
}

/// Microseconds shown as milliseconds with two decimals.
pub(crate) fn ms(us: f64) -> String {
    format!("{:.2} ms", us / 1000.0)
}

/// A ratio like `2.50×`; below 1, two significant digits (`0.0041×`).
pub(crate) fn ratio(r: f64) -> String {
    let decimals = if r > 0.0 && r < 1.0 {
        // r.log10() is in (-inf, 0) here; clamp so denormals stay printable.
        (1.0 - r.log10().floor()).clamp(2.0, 12.0) as usize
    } else {
        2
    };
    format!("{r:.decimals$}×")
}

/// KiB as MiB with one decimal.
pub(crate) fn mib(kib: f64) -> String {
    format!("{:.1} MiB", kib / 1024.0)
}

/// A non-negative whole number with `,` every three digits.
fn thousands(n: f64) -> String {
    let digits = format!("{n:.0}");
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(nanos(79.04), "79.0 ns");
        assert_eq!(nanos(818.5), "819 ns");
        assert_eq!(nanos(1_390_000.0), "1,390,000 ns");
        assert_eq!(nanos(100_000.0), "100,000 ns");
        assert_eq!(ms(1234.0), "1.23 ms");
        assert_eq!(ratio(5.683), "5.68×");
        assert_eq!(ratio(0.0597), "0.060×");
        assert_eq!(ratio(0.00412), "0.0041×");
        assert_eq!(ratio(0.5), "0.50×");
        assert_eq!(ratio(0.0), "0.00×");
        assert_eq!(mib(204_868.0), "200.1 MiB");
    }
}
