//! Appends whose commit failed because the database could not be reached, kept by the
//! storage thread to try again before anything newer.
//!
//! `Stored(count)` tells a writer that its first `count` writes are stored. If a batch
//! were dropped when the database is away and a later one committed, the later
//! acknowledgement would cover the dropped writes too. So a batch that failed for
//! want of a connection waits here and goes in front of the next batch; its
//! acknowledgements go out when it commits. Only so much is kept: past
//! [`MAX_PENDING`] the oldest updates are dropped (logged), and their writers get no
//! acknowledgement from then on — their clients send what the server lacks on their
//! next connection, as after any failure.

use std::collections::HashSet;

use super::AppendUpdate;
use super::worker::Ack;

/// Most updates kept while the database is away (about a minute of a busy server).
pub const MAX_PENDING: usize = 64 * 1024;

#[derive(Default)]
pub struct Pending {
    updates: Vec<AppendUpdate>,
    acks: Vec<Ack>,
    /// Writers some of whose updates were dropped: never acknowledged again.
    lost: HashSet<u64>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        self.updates.is_empty()
    }

    /// Everything kept, to go in front of the next batch.
    pub fn take(&mut self) -> (Vec<AppendUpdate>, Vec<Ack>) {
        (
            std::mem::take(&mut self.updates),
            std::mem::take(&mut self.acks),
        )
    }

    /// Keeps a batch whose commit failed for want of a connection; returns how many
    /// of the oldest updates were dropped to stay within [`MAX_PENDING`].
    pub fn keep(&mut self, updates: Vec<AppendUpdate>, acks: Vec<Ack>) -> usize {
        self.updates = updates;
        self.acks = acks;
        if self.updates.len() <= MAX_PENDING {
            return 0;
        }
        let dropped = self.updates.len() - MAX_PENDING;
        self.updates.drain(..dropped);
        // Which writer sent which update is not known here: every writer waiting for
        // an acknowledgement may have lost one.
        self.lost.extend(self.acks.drain(..).map(|a| a.writer));
        tracing::error!(
            dropped,
            "the database has been away too long: dropped the oldest unstored updates"
        );
        dropped
    }

    /// Leaves out the acknowledgements of writers who lost an update.
    pub fn truthful(&self, acks: Vec<Ack>) -> Vec<Ack> {
        if self.lost.is_empty() {
            return acks;
        }
        acks.into_iter()
            .filter(|a| !self.lost.contains(&a.writer))
            .collect()
    }
}
