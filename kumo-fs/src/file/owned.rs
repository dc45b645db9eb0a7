//! Ownership of a [`Core`] that guarantees buffered bytes reach the OS.

use std::io;

use super::core::Core;
use crate::offload;

/// A [`Core`] that, when dropped, closes the file where that cannot stall
/// an async thread, writing buffered bytes out first.
///
/// The `Option` is `Some` from [`Owned::new`] until [`Owned::close`] or
/// `Drop` takes the core out; both consume or end the value.
pub(crate) struct Owned(Option<Box<Core>>);

impl Owned {
    pub(crate) fn new(core: Core) -> Owned {
        Owned(Some(Box::new(core)))
    }

    pub(crate) fn core(&mut self) -> Option<&mut Core> {
        self.0.as_deref_mut()
    }

    /// Runs `work` on the core.
    pub(crate) fn with<R>(
        &mut self,
        work: impl FnOnce(&mut Core) -> io::Result<R>,
    ) -> io::Result<R> {
        match self.core() {
            Some(core) => work(core),
            // Unreachable: see the type's invariant.
            None => Err(io::Error::other("file state already released")),
        }
    }

    /// Writes out buffered bytes and closes the file on this thread, which
    /// must be allowed to block. The file is closed even if writing fails.
    pub(crate) fn close(mut self) -> io::Result<()> {
        match self.0.take() {
            Some(mut core) => core.settle(),
            None => Ok(()),
        }
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        let Some(core) = self.0.take() else { return };
        if core.closes_inline() {
            return;
        }
        let job = DropFlush(core);
        offload::detach(move || drop(job));
    }
}

/// Writes a dropped file's buffered bytes out when it is itself dropped,
/// normally on a background thread; inline if that thread never ran it.
struct DropFlush(Box<Core>);

impl Drop for DropFlush {
    fn drop(&mut self) {
        self.0.flush_dropped();
    }
}
