//! Running system calls off the async threads.

use std::path::Path;

use tokio::runtime::Handle;
use tokio::task::JoinError;

use crate::{Error, Operation, Result};

/// The current tokio runtime, or an error saying that one is needed.
///
/// `spawn_blocking` panics outside a runtime; asking first turns that into
/// an error the caller can show.
pub(crate) fn runtime(op: Operation, path: &Path) -> Result<Handle> {
    Handle::try_current().map_err(|_| Error::NoRuntime {
        op,
        path: path.to_path_buf(),
    })
}

/// The error for a blocking task that ended without returning.
pub(crate) fn lost(op: Operation, path: &Path, err: &JoinError) -> Error {
    let reason = if err.is_panic() {
        "it panicked"
    } else {
        "the runtime is shutting down"
    };
    task_lost(op, path, reason)
}

/// The error for an operation whose state went down with a task.
pub(crate) fn task_lost(op: Operation, path: &Path, reason: &str) -> Error {
    Error::TaskLost {
        op,
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    }
}

/// Runs `work` on the runtime's blocking pool and waits for its result.
///
/// This is one thread hop: callers put every system call of an operation
/// into a single `work` closure.
pub(crate) async fn offload<T: Send + 'static>(
    op: Operation,
    path: &Path,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    runtime(op, path)?
        .spawn_blocking(work)
        .await
        .map_err(|e| lost(op, path, &e))
}

/// Runs `job` where it cannot stall an async thread: on the blocking pool,
/// without waiting for it, if a runtime is present; otherwise right here.
///
/// A thread outside any runtime is not one of its async threads, so running
/// the job inline stalls nothing; a detached thread instead could still be
/// running when the process exits, and lose what the job was to write.
/// If the pool cannot start `job` (the runtime is shutting down), it is
/// dropped unrun; callers therefore put work that must happen into `Drop` of
/// a value the job owns, so that it still happens in that case.
pub(crate) fn detach(job: impl FnOnce() + Send + 'static) {
    match Handle::try_current() {
        Ok(runtime) => drop(runtime.spawn_blocking(job)),
        Err(_) => job(),
    }
}
