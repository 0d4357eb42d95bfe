//! Whether the storage worker can store: what `/healthz` reports, so that monitoring
//! sees a server that accepts connections but keeps nothing; and the worker's figures
//! for `/metrics`, shared the same way.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::metrics::StorageMetrics;

/// Why the store cannot keep what it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unhealthy {
    /// The storage thread has ended: nothing is read or written any more.
    #[error("the storage worker has stopped")]
    WorkerGone,
    /// The last group commit failed and none has succeeded since.
    #[error("the last commit to the store failed")]
    CommitFailing,
}

impl Unhealthy {
    /// Stable name for monitoring (`/healthz`'s `reason`).
    pub fn code(self) -> &'static str {
        match self {
            Unhealthy::WorkerGone => "storage_worker_gone",
            Unhealthy::CommitFailing => "storage_commit_failing",
        }
    }
}

/// Set by the storage thread, read by anyone.
#[derive(Debug, Default)]
pub struct StoreHealth {
    thread_gone: AtomicBool,
    commit_failing: AtomicBool,
    /// Commits, their latency, failures and unsaved updates (`metrics::storage`).
    pub(super) metrics: Arc<StorageMetrics>,
}

impl StoreHealth {
    pub fn check(&self) -> Result<(), Unhealthy> {
        if self.thread_gone.load(Ordering::Acquire) {
            Err(Unhealthy::WorkerGone)
        } else if self.commit_failing.load(Ordering::Acquire) {
            Err(Unhealthy::CommitFailing)
        } else {
            Ok(())
        }
    }

    pub(super) fn committed(&self) {
        self.commit_failing.store(false, Ordering::Release);
    }

    pub(super) fn commit_failed(&self) {
        self.commit_failing.store(true, Ordering::Release);
    }
}

/// Held by the storage thread for its whole life: however the thread ends (even by a
/// panic that escaped every job's guard), the health says so.
pub(super) struct Alive(pub(super) Arc<StoreHealth>);

impl Drop for Alive {
    fn drop(&mut self) {
        self.0.thread_gone.store(true, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_commit_is_reported_until_one_succeeds_and_a_gone_thread_for_good() {
        let health = Arc::new(StoreHealth::default());
        assert_eq!(health.check(), Ok(()));
        health.commit_failed();
        assert_eq!(health.check(), Err(Unhealthy::CommitFailing));
        health.committed();
        assert_eq!(health.check(), Ok(()));
        drop(Alive(health.clone()));
        assert_eq!(health.check(), Err(Unhealthy::WorkerGone));
    }
}
