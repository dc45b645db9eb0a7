//! [`Timer`]: measures a span of policy code and records it once.

use std::time::Instant;

use crate::TimeDelta;

/// The histogram that [`Timer::done`] records into, in seconds.
///
/// ```
/// assert_eq!(kumo_time::LATENCY_HISTOGRAM, "user_lua_latency");
/// ```
pub const LATENCY_HISTOGRAM: &str = "user_lua_latency";

/// A running timer with a label, started by [`Timer::start`].
///
/// [`Timer::done`] records the elapsed seconds into the `metrics`
/// histogram [`LATENCY_HISTOGRAM`] with the label `label` set to the
/// timer's label, exactly once. A timer dropped without `done` records
/// nothing. Uses the monotonic clock, so wall-clock jumps do not matter.
///
/// ```
/// let mut timer = kumo_time::Timer::start("deliver");
/// let first = timer.done();
/// assert_eq!(timer.done(), first); // recorded once, same answer after
/// assert_eq!(timer.label(), "deliver");
/// ```
#[derive(Debug)]
pub struct Timer {
    label: String,
    started: Instant,
    done: Option<TimeDelta>,
}

impl Timer {
    /// Starts timing now.
    ///
    /// ```
    /// let timer = kumo_time::Timer::start(String::from("spool"));
    /// assert!(!timer.elapsed().is_negative());
    /// ```
    pub fn start(label: impl Into<String>) -> Timer {
        Timer {
            label: label.into(),
            started: Instant::now(),
            done: None,
        }
    }

    /// The label given to [`Timer::start`].
    ///
    /// ```
    /// assert_eq!(kumo_time::Timer::start("x").label(), "x");
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Time since the start, or the recorded value once [`Timer::done`] ran.
    ///
    /// ```
    /// let mut timer = kumo_time::Timer::start("x");
    /// let recorded = timer.done();
    /// assert_eq!(timer.elapsed(), recorded);
    /// ```
    pub fn elapsed(&self) -> TimeDelta {
        self.done.unwrap_or_else(|| self.measure())
    }

    /// Stops the timer: the first call records the elapsed seconds in the
    /// histogram and returns them; later calls return the same value and
    /// record nothing.
    ///
    /// ```
    /// let mut timer = kumo_time::Timer::start("x");
    /// std::thread::sleep(std::time::Duration::from_millis(2));
    /// assert!(timer.done().as_millis() >= 2);
    /// ```
    pub fn done(&mut self) -> TimeDelta {
        if let Some(d) = self.done {
            return d;
        }
        let d = self.measure();
        self.done = Some(d);
        metrics::histogram!(LATENCY_HISTOGRAM, "label" => self.label.clone())
            .record(d.as_secs_f64());
        d
    }

    fn measure(&self) -> TimeDelta {
        // A monotonic elapsed time beyond 2^63 seconds cannot occur.
        TimeDelta::try_from(self.started.elapsed()).unwrap_or(TimeDelta::ZERO)
    }
}
