//! Publishing on Redis: this node's stored updates (with their positions), its
//! people's presence, and facilitators' actions.
//!
//! One task owns the publishing connection. It never waits long on Redis: a publish
//! that fails or takes more than [`PUBLISH_TIMEOUT`] drops the connection, and the
//! next message tries a new one (at most every [`RECONNECT_PAUSE`]). What could not be
//! published is not queued: presence is sent again by the browsers, and for updates
//! the task remembers each session's latest unpublished position and, once Redis is
//! back, publishes a [`Message::Seen`] marker — the other nodes then read what they
//! lack from the database, where it already is. A facilitator's action (revoke,
//! remove, end, delete) is kept and published once Redis is back, so connections on
//! other nodes are cut then.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::now_ms_unsigned;

use redis::aio::MultiplexedConnection;
use tokio::sync::mpsc;
use tokio::time::{Instant, timeout};

use super::message::Message;
use super::stats::RedisStats;
use super::url::RedisUrl;
use crate::room::ConnId;
use crate::room::RoomRegistry;
use crate::room::action::SessionAction;
use crate::room::remote::Remote;
use crate::storage::Committed;
use ovaal_shared::SessionId;

/// The Redis channel every node publishes on and listens to.
pub const CHANNEL: &str = "ovaal:cluster";
const PUBLISH_TIMEOUT: Duration = Duration::from_secs(1);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
const RECONNECT_PAUSE: Duration = Duration::from_millis(500);
/// Sessions whose latest position is remembered while Redis is away, at most.
const MAX_UNPUBLISHED: usize = 100_000;
/// Facilitators' actions kept while Redis is away, at most (they are rare).
const MAX_UNSENT_ACTIONS: usize = 10_000;

/// What the rest of the node hands the publisher.
pub enum Outgoing {
    /// Updates just committed (from the storage thread).
    Committed(Vec<Committed>),
    Awareness {
        session: SessionId,
        conn: ConnId,
        update: Vec<u8>,
    },
    AwarenessGone {
        session: SessionId,
        conn: ConnId,
    },
    Action {
        session: SessionId,
        action: SessionAction,
    },
}

struct Publisher {
    client: redis::Client,
    node: u64,
    stats: Arc<RedisStats>,
    registry: RoomRegistry,
    conn: Option<MultiplexedConnection>,
    /// No new connection is tried before this.
    next_try: Instant,
    /// Per session, the latest stored position whose message may not have reached
    /// Redis.
    unpublished: HashMap<SessionId, u64>,
    /// Actions not yet published, oldest first.
    unsent_actions: Vec<Message>,
}

pub async fn run(
    url: RedisUrl,
    node: u64,
    stats: Arc<RedisStats>,
    registry: RoomRegistry,
    mut rx: mpsc::Receiver<Outgoing>,
) {
    let client = match redis::Client::open(url.as_str()) {
        Ok(client) => client,
        Err(e) => {
            // The URL was checked when it was read; this cannot happen later.
            tracing::error!(error = %e, "Redis URL refused: nothing is published");
            return;
        }
    };
    let mut publisher = Publisher {
        client,
        node,
        stats,
        registry,
        conn: None,
        next_try: Instant::now(),
        unpublished: HashMap::new(),
        unsent_actions: Vec::new(),
    };
    loop {
        let retry = publisher.owes_news();
        tokio::select! {
            outgoing = rx.recv() => match outgoing {
                Some(outgoing) => publisher.handle(outgoing).await,
                // Every sender is gone: the node is shutting down.
                None => break,
            },
            _ = tokio::time::sleep(RECONNECT_PAUSE), if retry => publisher.flush_markers().await,
        }
    }
}

impl Publisher {
    async fn handle(&mut self, outgoing: Outgoing) {
        let node = self.node;
        let messages = match outgoing {
            Outgoing::Committed(batch) => {
                let sent_ms = now_ms_unsigned();
                let mut messages = Vec::with_capacity(batch.len());
                for c in batch {
                    // The room applied its own update when it accepted it; it only
                    // needs the position. A full queue costs a read later, nothing more.
                    let own = Remote::Own {
                        position: c.position,
                    };
                    let _ = self.registry.deliver(&c.session, own);
                    messages.push(Message::Update {
                        node,
                        session: c.session,
                        position: c.position,
                        sent_ms,
                        doc: c.doc,
                        update: c.update,
                    });
                }
                messages
            }
            Outgoing::Awareness {
                session,
                conn,
                update,
            } => vec![Message::Awareness {
                node,
                session,
                conn,
                update,
            }],
            Outgoing::AwarenessGone { session, conn } => {
                vec![Message::AwarenessGone {
                    node,
                    session,
                    conn,
                }]
            }
            Outgoing::Action { session, action } => vec![Message::Action {
                node,
                session,
                action,
            }],
        };
        if self.owes_news() {
            self.flush_markers().await;
        }
        if !self.publish(&messages).await {
            for message in messages {
                match message {
                    Message::Update {
                        session, position, ..
                    } => self.remember(&session, position),
                    Message::Action { .. } if self.unsent_actions.len() < MAX_UNSENT_ACTIONS => {
                        self.unsent_actions.push(message);
                    }
                    Message::Action { session, .. } => {
                        tracing::warn!(session = %session, "too many actions kept while Redis is away: one dropped");
                    }
                    // Presence is sent again by the browsers.
                    _ => {}
                }
            }
        }
    }

    /// Whether something could not be published and is still to be told.
    fn owes_news(&self) -> bool {
        !self.unpublished.is_empty() || !self.unsent_actions.is_empty()
    }

    /// Remembers that `session` stored `position` without telling anyone.
    fn remember(&mut self, session: &SessionId, position: u64) {
        if let Some(latest) = self.unpublished.get_mut(session) {
            *latest = (*latest).max(position);
        } else if self.unpublished.len() < MAX_UNPUBLISHED {
            self.unpublished.insert(session.clone(), position);
        } else {
            // Past the bound the marker is lost; the other nodes still catch up when
            // their own subscription comes back or at the session's next update.
            tracing::warn!(session = %session, "too many sessions to remember while Redis is away");
        }
    }

    /// Tells the other nodes the actions they missed, and where each session stands
    /// that had news lost.
    async fn flush_markers(&mut self) {
        let mut owed: Vec<Message> = self.unsent_actions.clone();
        owed.extend(
            self.unpublished
                .iter()
                .map(|(session, position)| Message::Seen {
                    node: self.node,
                    session: session.clone(),
                    position: *position,
                }),
        );
        if self.publish(&owed).await {
            tracing::info!(
                sessions = self.unpublished.len(),
                actions = self.unsent_actions.len(),
                "Redis is back: told the other nodes what they may have missed"
            );
            self.unpublished.clear();
            self.unsent_actions.clear();
        }
    }

    /// Publishes in one round trip; `false` if Redis could not be reached.
    async fn publish(&mut self, messages: &[Message]) -> bool {
        if messages.is_empty() {
            return true;
        }
        let Some(conn) = self.connection().await else {
            self.stats.publish_failed(messages.len());
            return false;
        };
        let mut pipe = redis::pipe();
        for message in messages {
            pipe.cmd("PUBLISH")
                .arg(CHANNEL)
                .arg(message.encode())
                .ignore();
        }
        match timeout(PUBLISH_TIMEOUT, pipe.query_async::<()>(conn)).await {
            Ok(Ok(())) => {
                self.stats.published(messages.len());
                true
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "could not publish on Redis");
                self.lost(messages.len());
                false
            }
            Err(_) => {
                tracing::warn!("publishing on Redis timed out");
                self.lost(messages.len());
                false
            }
        }
    }

    fn lost(&mut self, count: usize) {
        self.conn = None;
        self.next_try = Instant::now() + RECONNECT_PAUSE;
        self.stats.publish_failed(count);
    }

    /// The open connection, or a new one unless one failed very recently.
    async fn connection(&mut self) -> Option<&mut MultiplexedConnection> {
        if self.conn.is_none() && Instant::now() >= self.next_try {
            let connect = self.client.get_multiplexed_async_connection();
            match timeout(CONNECT_TIMEOUT, connect).await {
                Ok(Ok(conn)) => {
                    tracing::info!("publishing on Redis");
                    self.conn = Some(conn);
                }
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "cannot reach Redis to publish");
                    self.next_try = Instant::now() + RECONNECT_PAUSE;
                }
                Err(_) => {
                    tracing::warn!("connecting to Redis timed out");
                    self.next_try = Instant::now() + RECONNECT_PAUSE;
                }
            }
        }
        self.conn.as_mut()
    }
}
