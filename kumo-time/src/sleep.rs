//! Async sleeping on Tokio's timer.

use crate::{Error, TimeDelta};

/// Waits for `d` without blocking the thread.
///
/// A negative duration is an error; zero returns after one trip through
/// the timer. Durations too long for the clock sleep "forever" (Tokio caps
/// them at roughly 30 years) instead of failing. Must be awaited inside a
/// Tokio runtime with timers enabled; outside any runtime, or in one built
/// without `enable_time`, it returns [`Error::NoRuntime`] rather than
/// panicking.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), kumo_time::Error> {
/// use kumo_time::{sleep, TimeDelta};
/// sleep(TimeDelta::parse("1ms")?).await?;
/// assert!(sleep(TimeDelta::from_secs(-1)).await.is_err());
/// # Ok(())
/// # }
/// ```
pub async fn sleep(d: TimeDelta) -> Result<(), Error> {
    let std = d.to_std().map_err(|_| Error::Negative {
        what: "sleep duration",
        value: d.human(),
    })?;
    if tokio::runtime::Handle::try_current().is_err() {
        return Err(Error::NoRuntime { what: "sleep" });
    }
    // Tokio offers no way to ask whether the runtime has timers, and panics
    // when creating a timer in one that has none. That is a host
    // configuration error, so it becomes an error value here instead of
    // unwinding through the host (Tokio's panic message is still printed by
    // the panic hook, which names the fix).
    let timer = std::panic::catch_unwind(|| tokio::time::sleep(std))
        .map_err(|_| Error::NoRuntime { what: "sleep" })?;
    timer.await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn sleeps_for_the_duration() {
        let start = tokio::time::Instant::now();
        sleep(TimeDelta::from_secs(90)).await.unwrap();
        assert_eq!(start.elapsed(), std::time::Duration::from_secs(90));
    }

    #[tokio::test(start_paused = true)]
    async fn huge_durations_do_not_panic() {
        let far = sleep(TimeDelta::from_secs(i64::MAX));
        let done = tokio::time::timeout(std::time::Duration::from_secs(3600), far).await;
        assert!(done.is_err(), "a 292-billion-year sleep ended early");
    }

    #[tokio::test]
    async fn negative_is_an_error_with_the_value() {
        let err = sleep(TimeDelta::from_nanos(-1)).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "sleep duration must not be negative, got -1ns"
        );
    }

    #[test]
    fn outside_a_runtime_is_an_error_not_a_panic() {
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut fut = std::pin::pin!(sleep(TimeDelta::from_secs(1)));
        match fut.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(Err(Error::NoRuntime { what: "sleep" })) => {}
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_runtime_without_timers_is_an_error_not_a_panic() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let err = rt.block_on(sleep(TimeDelta::from_nanos(1))).unwrap_err();
        assert_eq!(err, Error::NoRuntime { what: "sleep" });
    }
}
