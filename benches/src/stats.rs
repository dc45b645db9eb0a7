//! Percentiles of latency samples.

use std::time::Duration;

/// p50 / p99 / max of a set of samples (nearest-rank percentiles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Number of samples.
    pub count: usize,
    /// Median.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Largest sample.
    pub max: Duration,
}

impl Summary {
    /// Summarises `samples` (sorted in place); `None` when there are none.
    ///
    /// ```
    /// use std::time::Duration;
    /// use kumo_benches::stats::Summary;
    /// let mut s: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
    /// let sum = Summary::of(&mut s).unwrap();
    /// assert_eq!(sum.p50, Duration::from_millis(50));
    /// assert_eq!(sum.p99, Duration::from_millis(99));
    /// assert_eq!(sum.max, Duration::from_millis(100));
    /// ```
    pub fn of(samples: &mut [Duration]) -> Option<Summary> {
        samples.sort_unstable();
        let max = *samples.last()?;
        Some(Summary {
            count: samples.len(),
            p50: percentile(samples, 50),
            p99: percentile(samples, 99),
            max,
        })
    }
}

/// Nearest-rank percentile of sorted, non-empty `sorted`: the smallest sample
/// with at least `pct`% of the samples at or below it.
fn percentile(sorted: &[Duration], pct: usize) -> Duration {
    let rank = (sorted.len() * pct).div_ceil(100).max(1);
    sorted[rank.min(sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(v: &[u64]) -> Vec<Duration> {
        v.iter().copied().map(Duration::from_millis).collect()
    }

    #[test]
    fn empty_has_no_summary() {
        assert_eq!(Summary::of(&mut []), None);
    }

    #[test]
    fn single_sample() {
        let s = Summary::of(&mut ms(&[7])).unwrap();
        assert_eq!(
            (s.p50, s.p99, s.max),
            (ms(&[7])[0], ms(&[7])[0], ms(&[7])[0])
        );
    }

    #[test]
    fn tail_exactly_one_percent_stays_out_of_p99() {
        let mut v = ms(&[500; 10]);
        v.extend(ms(&[1; 990]));
        let s = Summary::of(&mut v).unwrap();
        assert_eq!(s.count, 1000);
        assert_eq!(s.p99, Duration::from_millis(1));
        assert_eq!(s.max, Duration::from_millis(500));
    }

    #[test]
    fn tail_over_one_percent_sets_p99() {
        let mut v = ms(&[500; 11]);
        v.extend(ms(&[1; 989]));
        let s = Summary::of(&mut v).unwrap();
        assert_eq!(s.p50, Duration::from_millis(1));
        assert_eq!(s.p99, Duration::from_millis(500));
    }
}
