//! Running a [`File`] operation on the blocking pool, one hop per call,
//! in a way that survives the caller dropping the call's future.

use std::future::Future;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;

use tokio::task::JoinHandle;

use super::File;
use super::core::Core;
use super::owned::Owned;
use crate::{Error, Operation, Result, offload};

/// Where a [`File`]'s core is between calls.
pub(super) enum State {
    /// Idle, holding the core.
    Ready(Owned),
    /// A call's future was dropped during its hop; this finishes the hop and
    /// yields the core (`None` once closed) and the call's error, if any.
    /// `None` output: the task was lost.
    Orphaned(Recovery),
    /// A hop's task ended without returning the core.
    Lost,
    /// Closed by [`File::close`].
    Closed,
}

type Recovery = Pin<Box<dyn Future<Output = Option<(Option<Owned>, Option<Error>)>> + Send + Sync>>;

/// What a hop's task returns: the core (`None` once closed) and its result.
type HopOutput<R> = (Option<Owned>, io::Result<R>);

impl File {
    /// Runs `work` on the core in one hop.
    pub(super) async fn hop<R: Send + 'static>(
        &mut self,
        op: Operation,
        work: impl FnOnce(&mut Core) -> io::Result<R> + Send + 'static,
    ) -> Result<R> {
        self.run(op, move |mut owned| {
            let result = owned.with(work);
            (Some(owned), result)
        })
        .await
    }

    /// Runs `work` in one hop, handing it the core; `work` returns the core,
    /// or `None` if it closed the file.
    pub(super) async fn run<R: Send + 'static>(
        &mut self,
        op: Operation,
        work: impl FnOnce(Owned) -> HopOutput<R> + Send + 'static,
    ) -> Result<R> {
        let runtime = offload::runtime(op, &self.path)?;
        let owned = self.take(op).await?;
        let task = runtime.spawn_blocking(move || work(owned));
        InFlight {
            state: &mut self.state,
            task: Some(task),
            op,
            path: &self.path,
        }
        .finish()
        .await
    }

    /// Takes the core out for a hop.
    async fn take(&mut self, op: Operation) -> Result<Owned> {
        self.recover(op).await?;
        match std::mem::replace(&mut self.state, State::Lost) {
            State::Ready(owned) => Ok(owned),
            State::Closed => {
                self.state = State::Closed;
                Err(Error::Closed {
                    op,
                    path: self.path.to_path_buf(),
                })
            }
            State::Lost | State::Orphaned(_) => Err(self.lost(op)),
        }
    }

    /// Finishes a hop that an earlier call abandoned, returning that call's
    /// error if it had one.
    pub(super) async fn recover(&mut self, op: Operation) -> Result<()> {
        let State::Orphaned(recovery) = &mut self.state else {
            return Ok(());
        };
        // Polled in place: if this call is dropped too, the recovery stays.
        match recovery.as_mut().await {
            Some((owned, error)) => {
                self.state = owned.map_or(State::Closed, State::Ready);
                error.map_or(Ok(()), Err)
            }
            None => {
                self.state = State::Lost;
                Err(self.lost(op))
            }
        }
    }

    pub(super) fn lost(&self, op: Operation) -> Error {
        offload::task_lost(op, &self.path, "an earlier call's task did not finish")
    }
}

/// A running hop. If dropped before [`InFlight::finish`] completes (the
/// caller stopped waiting), it leaves the task in the file's state so that
/// the next call collects the core from it.
struct InFlight<'a, R: Send + 'static> {
    state: &'a mut State,
    /// `Some` until `finish` has its output or `drop` has moved it.
    task: Option<JoinHandle<HopOutput<R>>>,
    op: Operation,
    path: &'a Arc<Path>,
}

impl<R: Send + 'static> InFlight<'_, R> {
    async fn finish(mut self) -> Result<R> {
        let joined = match self.task.as_mut() {
            Some(task) => task.await,
            // Unreachable: `finish` consumes `self` and runs once.
            None => {
                return Err(offload::task_lost(
                    self.op,
                    self.path,
                    "it was already collected",
                ));
            }
        };
        self.task = None;
        match joined {
            Ok((owned, result)) => {
                *self.state = owned.map_or(State::Closed, State::Ready);
                result.map_err(|e| Error::io(self.op, self.path, e))
            }
            // The core went down with the task; the state stays `Lost`.
            Err(e) => Err(offload::lost(self.op, self.path, &e)),
        }
    }
}

impl<R: Send + 'static> Drop for InFlight<'_, R> {
    fn drop(&mut self) {
        let Some(task) = self.task.take() else { return };
        let (op, path) = (self.op, Arc::clone(self.path));
        *self.state = State::Orphaned(Box::pin(async move {
            let (owned, result) = task.await.ok()?;
            Some((owned, result.err().map(|e| Error::io(op, &path, e))))
        }));
    }
}
