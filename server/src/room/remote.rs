//! What reaches a room from the other nodes serving its session (`crate::cluster`):
//! their stored updates, in position order (`positions`), their people's presence,
//! and reading from the database what the fan-out missed.
//!
//! An update from another node passed its permission and schema checks there, so it
//! is not checked against this room's participants again. It is still read with the
//! bounded reader and matched against the schema index (which the index needs to stay
//! true), and relayed by the same rules as a local one: only to connections that may
//! read the document and are in sync with it; a change of the control document
//! re-reads the policy, so a reveal sends private rounds here as there.

use tokio::time::{Duration, Instant};

use super::ConnId;
use super::core::{RoomCore, frame};
use crate::storage::Missed;
use ovaal_shared::DocName;
use ovaal_shared::protocol::{ServerMessage, SyncMessage};
use ovaal_shared::update::parse_update;

/// How long a gap may stay open before the room reads the database: long enough for
/// this node's own commit notices, which travel apart from the fan-out, to fill it.
pub const GAP_GRACE: Duration = Duration::from_millis(250);
/// The next try after a read failed (the database is away).
const READ_RETRY: Duration = Duration::from_secs(1);

/// A stored update that has not reached the room yet.
#[derive(Debug)]
pub struct RemoteUpdate {
    pub doc: DocName,
    pub update: Vec<u8>,
}

/// A message for a room from the cluster.
#[derive(Debug)]
pub enum Remote {
    /// Another node stored this update at `position`.
    Update { position: u64, update: RemoteUpdate },
    /// This node stored `position` (the room applied it when it was written).
    Own { position: u64 },
    /// Some node stored up to `position` (said when its earlier news may be lost).
    Seen { position: u64 },
    /// The fan-out was away: read what was stored meanwhile.
    CatchUp,
    /// Presence accepted on another node from its connection `conn`.
    Awareness {
        node: u64,
        conn: ConnId,
        update: Vec<u8>,
    },
    /// That connection closed.
    AwarenessGone { node: u64, conn: ConnId },
}

/// The id a connection of another node has in this room's presence map: the top bit
/// keeps it apart from this node's own ids (which count up from 1).
fn remote_conn(node: u64, conn: ConnId) -> ConnId {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (node, conn).hash(&mut h);
    h.finish() | (1 << 63)
}

impl RoomCore {
    pub(super) fn remote(&mut self, remote: Remote) {
        match remote {
            Remote::Update { position, update } => {
                for ready in self.positions.arrive(position, Some(update)) {
                    self.apply_remote(ready);
                }
            }
            Remote::Own { position } => {
                for ready in self.positions.arrive(position, None) {
                    self.apply_remote(ready);
                }
            }
            Remote::Seen { position } => self.positions.seen(position),
            Remote::CatchUp => {
                self.gap_read_at = Some(Instant::now());
                return;
            }
            Remote::Awareness { node, conn, update } => {
                match self
                    .awareness
                    .apply_relayed(remote_conn(node, conn), &update)
                {
                    Ok(Some(relay)) => {
                        self.broadcast(None, frame(&ServerMessage::Awareness { update: relay }));
                    }
                    Ok(None) => {}
                    Err(e) => {
                        tracing::warn!(session = %self.ctx.session, error = %e, "unreadable presence from another node");
                    }
                }
                return;
            }
            Remote::AwarenessGone { node, conn } => {
                if let Some(gone) = self.awareness.remove_conn(remote_conn(node, conn)) {
                    self.broadcast(None, frame(&ServerMessage::Awareness { update: gone }));
                }
                return;
            }
        }
        self.schedule_gap_read();
    }

    /// Reads soon if a position is missing; forgets the read once nothing is.
    fn schedule_gap_read(&mut self) {
        if !self.positions.has_gap() {
            self.gap_read_at = None;
        } else if self.gap_read_at.is_none() {
            self.gap_read_at = Some(Instant::now() + GAP_GRACE);
        }
    }

    /// The room is about to read from the database what was stored after the last
    /// position it has (the task reads, `task.rs`): that position.
    pub fn missed_after(&mut self) -> u64 {
        self.gap_read_at = None;
        self.positions.through()
    }

    /// The read for missed positions failed (the database is away): try again soon.
    pub fn missed_read_failed(&mut self) {
        self.gap_read_at = Some(Instant::now() + READ_RETRY);
    }

    /// Applies what was stored after `after` (read by the task).
    pub fn apply_missed(&mut self, after: u64, missed: Missed) {
        if missed.gone {
            // Deleted through another node, and its word did not arrive: the same end.
            self.delete();
            return;
        }
        tracing::debug!(
            session = %self.ctx.session,
            after,
            through = missed.through,
            updates = missed.updates.len(),
            snapshots = missed.snapshots.len(),
            "read missed updates"
        );
        for (doc, update) in missed.snapshots {
            self.apply_remote(RemoteUpdate { doc, update });
        }
        for (position, doc, update) in missed.updates {
            if position > after {
                self.apply_remote(RemoteUpdate { doc, update });
            }
        }
        for ready in self.positions.read_through(missed.through) {
            self.apply_remote(ready);
        }
        self.schedule_gap_read();
    }

    /// Applies an update another node stored, and relays it here.
    fn apply_remote(&mut self, remote: RemoteUpdate) {
        let RemoteUpdate { doc, update } = remote;
        let resolved = match parse_update(&update) {
            Ok(parsed) if parsed.is_empty() => return,
            Ok(parsed) => self.docs.check(&doc, &parsed),
            Err(e) => {
                tracing::warn!(session = %self.ctx.session, doc = %doc, error = %e, "unreadable update from another node");
                return;
            }
        };
        let resolved = match resolved {
            Ok(resolved) => resolved,
            Err(e) => {
                // Checked on the node that accepted it; here the index disagrees (an
                // update it depends on is missing). The next read from the database
                // brings what is missing; this one is not applied half-known.
                tracing::warn!(session = %self.ctx.session, doc = %doc, error = %e, "update from another node does not fit here");
                return;
            }
        };
        if self.docs.apply(&doc, &update, resolved).is_err() {
            self.discard();
            return;
        }
        let relay = frame(&ServerMessage::Sync {
            doc: doc.clone(),
            message: SyncMessage::Update(update),
        });
        self.broadcast_doc(None, &doc, relay);
        if doc == DocName::Control {
            self.policy_changed();
        }
    }
}
