//! What the storage thread reports: group commits and how long they take, updates
//! stored, dropped and not yet saved, and database errors. Fed by
//! `storage::worker` on its own thread; read by a scrape.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use super::counter::Counter;
use super::histogram::Histogram;
use crate::storage::StorageError;

#[derive(Debug, Default)]
pub struct StorageMetrics {
    /// How long each group commit took, successful ones only.
    pub commit_latency: Histogram,
    pub commit_failures: Counter,
    pub updates_stored: Counter,
    /// Updates given up on: a commit that failed for a reason other than an
    /// unreachable database, or the oldest kept ones while it stays away too long.
    pub updates_dropped: Counter,
    /// Every error PostgreSQL returned or every failure to reach it, from any job.
    pub postgres_errors: Counter,
    /// Queued or kept for another try, and not yet committed or dropped. Signed: the
    /// storage thread may commit an update a moment before its sender counted it.
    unsaved: AtomicI64,
}

impl StorageMetrics {
    /// An update entered the storage queue.
    pub fn queued(&self) {
        self.unsaved.fetch_add(1, Ordering::Relaxed);
    }

    /// An update counted by [`StorageMetrics::queued`] never reached the queue.
    pub fn not_queued(&self) {
        self.unsaved.fetch_sub(1, Ordering::Relaxed);
    }

    pub fn committed(&self, updates: usize, took: Duration) {
        self.commit_latency.observe(took);
        self.updates_stored.add(updates as u64);
        self.unsaved.fetch_sub(updates as i64, Ordering::Relaxed);
    }

    /// A commit failed; what it held is kept for another try or dropped (see
    /// [`StorageMetrics::dropped`]).
    pub fn commit_failed(&self) {
        self.commit_failures.inc();
    }

    pub fn dropped(&self, updates: usize) {
        self.updates_dropped.add(updates as u64);
        self.unsaved.fetch_sub(updates as i64, Ordering::Relaxed);
    }

    /// Any storage error, from any job: PostgreSQL's are counted.
    pub fn error(&self, error: &StorageError) {
        if matches!(error, StorageError::Postgres(_)) {
            self.postgres_errors.inc();
        }
    }

    pub fn unsaved(&self) -> u64 {
        self.unsaved.load(Ordering::Relaxed).max(0) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsaved_updates_leave_the_count_when_committed_or_dropped() {
        let m = StorageMetrics::default();
        for _ in 0..5 {
            m.queued();
        }
        m.not_queued();
        assert_eq!(m.unsaved(), 4);
        m.committed(3, Duration::from_millis(2));
        m.dropped(1);
        assert_eq!(m.unsaved(), 0);
        assert_eq!(m.updates_stored.get(), 3);
        assert_eq!(m.updates_dropped.get(), 1);
        assert_eq!(m.commit_latency.snapshot().count, 1);
        m.error(&StorageError::WorkerGone);
        assert_eq!(m.postgres_errors.get(), 0, "not a PostgreSQL error");
    }
}
