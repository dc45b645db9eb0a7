//! `Timer::done` records into the `user_lua_latency` histogram exactly once,
//! checked with a recorder that keeps every value it is given.

use std::sync::{Arc, Mutex};

use kumo_time::{LATENCY_HISTOGRAM, Timer};
use metrics::{
    Counter, Gauge, Histogram, HistogramFn, Key, KeyName, Metadata, Recorder, SharedString, Unit,
};

/// One histogram sample: metric name, labels, value.
type Sample = (String, Vec<(String, String)>, f64);
type Samples = Arc<Mutex<Vec<Sample>>>;

#[derive(Default)]
struct CapturingRecorder {
    samples: Samples,
}

struct CapturedHistogram {
    name: String,
    labels: Vec<(String, String)>,
    samples: Samples,
}

impl HistogramFn for CapturedHistogram {
    fn record(&self, value: f64) {
        let sample = (self.name.clone(), self.labels.clone(), value);
        self.samples.lock().unwrap().push(sample);
    }
}

impl Recorder for CapturingRecorder {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}

    fn register_counter(&self, _: &Key, _: &Metadata<'_>) -> Counter {
        Counter::noop()
    }

    fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
        Gauge::noop()
    }

    fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
        Histogram::from_arc(Arc::new(CapturedHistogram {
            name: key.name().to_owned(),
            labels: key
                .labels()
                .map(|l| (l.key().to_owned(), l.value().to_owned()))
                .collect(),
            samples: Arc::clone(&self.samples),
        }))
    }
}

fn with_recorder(f: impl FnOnce()) -> Vec<Sample> {
    let recorder = CapturingRecorder::default();
    metrics::with_local_recorder(&recorder, f);
    recorder.samples.lock().unwrap().clone()
}

#[test]
fn done_records_elapsed_seconds_once_with_the_label() {
    let mut returned = Vec::new();
    let samples = with_recorder(|| {
        let mut timer = Timer::start("deliver");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let first = timer.done();
        std::thread::sleep(std::time::Duration::from_millis(5));
        returned.push(first);
        returned.push(timer.done());
        returned.push(timer.elapsed());
    });
    assert_eq!(
        returned[0], returned[1],
        "later done() must return the first value"
    );
    assert_eq!(
        returned[0], returned[2],
        "elapsed() after done() is the recorded value"
    );
    assert_eq!(samples.len(), 1, "exactly one sample: {samples:?}");
    let (name, labels, value) = &samples[0];
    assert_eq!(name, LATENCY_HISTOGRAM);
    assert_eq!(name, "user_lua_latency");
    assert_eq!(labels, &[("label".to_owned(), "deliver".to_owned())]);
    assert_eq!(*value, returned[0].as_secs_f64());
    assert!(
        *value >= 0.02 && *value < 10.0,
        "seconds, not millis: {value}"
    );
}

#[test]
fn a_timer_dropped_without_done_records_nothing() {
    let samples = with_recorder(|| {
        let timer = Timer::start("abandoned");
        assert!(!timer.elapsed().is_negative());
        drop(timer);
    });
    assert!(samples.is_empty(), "{samples:?}");
}

#[test]
fn each_timer_records_under_its_own_label() {
    let samples = with_recorder(|| {
        for label in ["a", "b", "a"] {
            Timer::start(label).done();
        }
    });
    let labels: Vec<&str> = samples.iter().map(|(_, l, _)| l[0].1.as_str()).collect();
    assert_eq!(labels, ["a", "b", "a"]);
}
