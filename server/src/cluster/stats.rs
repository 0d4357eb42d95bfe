//! Counters of the fan-out over Redis, kept by every node in a cluster and read by
//! whoever reports on the node (`ClusterLink::stats`). Plain atomics: cheap to bump on
//! every message, and a reader gets a [`RedisStatsSnapshot`] of them.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct RedisStats {
    published: AtomicU64,
    publish_failures: AtomicU64,
    received: AtomicU64,
    gap_reads: AtomicU64,
    reconnects: AtomicU64,
    last_lag_ms: AtomicU64,
    subscribed: AtomicBool,
}

/// The counters at one moment. Counts run from the node's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RedisStatsSnapshot {
    /// Messages this node published (updates, presence, actions, markers).
    pub published: u64,
    /// Messages this node could not publish (Redis away); what they carried reaches
    /// the other nodes through the database.
    pub publish_failures: u64,
    /// Stored updates received from other nodes.
    pub received: u64,
    /// Reads from the database of positions the fan-out did not bring.
    pub gap_reads: u64,
    /// Times the subscription came back after it was lost.
    pub reconnects: u64,
    /// Milliseconds from another node's commit to its arrival here, last update
    /// received (clocks of different machines: as good as their agreement).
    pub last_lag_ms: u64,
    /// Whether this node is subscribed right now.
    pub subscribed: bool,
}

impl RedisStats {
    pub fn snapshot(&self) -> RedisStatsSnapshot {
        RedisStatsSnapshot {
            published: self.published.load(Ordering::Relaxed),
            publish_failures: self.publish_failures.load(Ordering::Relaxed),
            received: self.received.load(Ordering::Relaxed),
            gap_reads: self.gap_reads.load(Ordering::Relaxed),
            reconnects: self.reconnects.load(Ordering::Relaxed),
            last_lag_ms: self.last_lag_ms.load(Ordering::Relaxed),
            subscribed: self.subscribed.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn published(&self, count: usize) {
        self.published.fetch_add(count as u64, Ordering::Relaxed);
    }

    pub(crate) fn publish_failed(&self, count: usize) {
        self.publish_failures
            .fetch_add(count as u64, Ordering::Relaxed);
    }

    pub(crate) fn received(&self, lag_ms: u64) {
        self.received.fetch_add(1, Ordering::Relaxed);
        self.last_lag_ms.store(lag_ms, Ordering::Relaxed);
    }

    pub(crate) fn gap_read(&self) {
        self.gap_reads.fetch_add(1, Ordering::Relaxed);
    }

    /// The subscription is up (`again`: it had been lost).
    pub(crate) fn subscribed(&self, again: bool) {
        self.subscribed.store(true, Ordering::Relaxed);
        if again {
            self.reconnects.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub(crate) fn unsubscribed(&self) {
        self.subscribed.store(false, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_reads_what_was_counted() {
        let stats = RedisStats::default();
        stats.published(3);
        stats.publish_failed(2);
        stats.received(12);
        stats.received(7);
        stats.gap_read();
        stats.subscribed(false);
        stats.unsubscribed();
        stats.subscribed(true);
        assert_eq!(
            stats.snapshot(),
            RedisStatsSnapshot {
                published: 3,
                publish_failures: 2,
                received: 2,
                gap_reads: 1,
                reconnects: 1,
                last_lag_ms: 7,
                subscribed: true,
            }
        );
    }
}
