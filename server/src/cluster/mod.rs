//! Several nodes serving the same sessions: PostgreSQL keeps what must last, Redis
//! carries what must travel between nodes (`--redis-url`, only with
//! `--database-url`). `docs/cluster.md` has the design, the guarantees and what each
//! failure does; in short:
//!
//! - An update accepted on a node (after the checks in `room::write`) is applied and
//!   relayed there at once, stored with the next position of its session, and, once
//!   committed, published on Redis with that position (`publish`). Every other node
//!   with the session live applies it and relays it to its own people by the same
//!   rules (`room::remote`), in position order (`room::positions`).
//! - Redis is never the only copy. A node that sees a gap in the positions, or whose
//!   subscription was lost and came back (`subscribe`), reads what it lacks from the
//!   database; delivery is at least once, and applying an update twice is harmless.
//! - Join-code limits are counted in Redis for all nodes together (`shared_limit`).
//! - Presence travels the same way, unstored. A facilitator's revoke, remove, end or
//!   delete is published and carried out by every node (`room::action`).
//!
//! ## Why the `redis` crate, and these features
//! `redis` is the maintained Redis client of the Rust ecosystem, on tokio, and has
//! what the fan-out needs and little more: PUBLISH over a multiplexed connection,
//! SUBSCRIBE as a stream, and pipelining. Built with only `tokio-comp`: no TLS, no
//! cluster or sentinel support, no connection manager (this module reconnects
//! itself, because it must know when the subscription was lost so its rooms can catch
//! up — a manager that quietly reconnects would hide exactly that), none of the
//! default command groups (streams, geo, scripting). `fred` is a good client too,
//! but brings its own reconnecting connection pool and many more dependencies for
//! features not used here.
//!
//! ## Layout
//! - [`url`]: the `redis://` URL.
//! - [`message`]: what nodes say to each other, in binary.
//! - [`publish`]: the task that publishes (and the markers after an outage).
//! - [`subscribe`]: the task that listens, and catching up after an outage.
//! - [`audit`]: every few seconds, the latest positions of the live sessions from the
//!   database, so that no loss goes unnoticed.
//! - [`shared_limit`]: join-code limits counted for the whole cluster.
//! - [`stats`]: counters for whoever reports on the node.

pub mod audit;
pub mod message;
pub mod publish;
pub mod shared_limit;
pub mod stats;
pub mod subscribe;
pub mod url;

use std::sync::Arc;

use tokio::sync::{mpsc, watch};

use crate::room::action::SessionAction;
use crate::room::{ConnId, RoomRegistry};
use crate::storage::worker::CommitSink;
use ovaal_shared::SessionId;
pub use publish::Outgoing;
pub use stats::{RedisStats, RedisStatsSnapshot};
pub use url::RedisUrl;

/// Messages waiting for the publisher. Committed batches wait for room (the storage
/// thread slows down rather than lose them); presence is dropped when it is full.
const OUTGOING_QUEUE: usize = 4096;

/// What the rest of this node uses to reach the other nodes. Cheap to clone.
#[derive(Clone)]
pub struct ClusterLink {
    node: u64,
    out: mpsc::Sender<Outgoing>,
    stats: Arc<RedisStats>,
}

impl ClusterLink {
    /// This node's id, random per start (what its messages are recognised by).
    pub fn node(&self) -> u64 {
        self.node
    }

    pub fn stats(&self) -> &Arc<RedisStats> {
        &self.stats
    }

    /// Publishes a facilitator's action on a session (waits for room in the queue).
    pub async fn session_action(&self, session: &SessionId, action: SessionAction) {
        let outgoing = Outgoing::Action {
            session: session.clone(),
            action,
        };
        if self.out.send(outgoing).await.is_err() {
            tracing::warn!(session = %session, "the publisher has stopped: action not sent to other nodes");
        }
    }

    /// Publishes presence accepted from connection `conn` (dropped when the queue is
    /// full: browsers send presence again).
    pub fn awareness(&self, session: &SessionId, conn: ConnId, update: &[u8]) {
        let _ = self.out.try_send(Outgoing::Awareness {
            session: session.clone(),
            conn,
            update: update.to_vec(),
        });
    }

    /// Publishes that connection `conn`'s presence is gone.
    pub fn awareness_gone(&self, session: &SessionId, conn: ConnId) {
        let _ = self.out.try_send(Outgoing::AwarenessGone {
            session: session.clone(),
            conn,
        });
    }
}

/// A cluster being set up: the link exists before the rooms and the storage thread
/// that use it, the tasks start once the rooms exist.
pub struct Cluster {
    url: RedisUrl,
    link: ClusterLink,
    rx: mpsc::Receiver<Outgoing>,
}

impl Cluster {
    pub fn new(url: RedisUrl) -> Self {
        let (out, rx) = mpsc::channel(OUTGOING_QUEUE);
        let mut node = [0u8; 8];
        // Only needs to differ between nodes; the time is a fallback that does.
        let node = match getrandom::fill(&mut node) {
            Ok(()) => u64::from_le_bytes(node),
            Err(_) => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)),
        };
        Self {
            url,
            link: ClusterLink {
                node,
                out,
                stats: Arc::new(RedisStats::default()),
            },
            rx,
        }
    }

    pub fn link(&self) -> ClusterLink {
        self.link.clone()
    }

    /// What the storage thread calls after each commit: hands the numbered updates to
    /// the publisher, waiting for room rather than dropping them.
    pub fn commit_sink(&self) -> CommitSink {
        let out = self.link.out.clone();
        Box::new(move |committed| {
            if out.blocking_send(Outgoing::Committed(committed)).is_err() {
                tracing::debug!("the publisher has stopped: a commit was not published");
            }
        })
    }

    /// Starts publishing and listening for the rooms of `registry`.
    pub fn start(self, registry: RoomRegistry, shutdown: watch::Receiver<bool>) {
        let Cluster { url, link, rx } = self;
        tracing::info!(redis = %url.describe(), node = link.node, "sharing sessions with other nodes over Redis");
        tokio::spawn(publish::run(
            url.clone(),
            link.node,
            link.stats.clone(),
            registry.clone(),
            rx,
        ));
        tokio::spawn(audit::run(registry.clone(), shutdown.clone()));
        tokio::spawn(subscribe::run(
            url,
            link.node,
            link.stats.clone(),
            registry,
            shutdown,
        ));
    }
}
