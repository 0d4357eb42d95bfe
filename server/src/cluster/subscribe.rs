//! Listening on Redis: every other node's messages, handed to this node's live rooms.
//!
//! One task holds the subscription. When it is lost (Redis restarted, the network
//! cut) the task subscribes again, with a pause between tries, and then has every
//! live room read from the database what was stored meanwhile: Redis keeps nothing
//! for a subscriber that was away. Once subscribed, a message for a session that is
//! not live here is dropped — a room that opens later loads from the database, and it
//! is in the registry (taking messages into its queue) before it starts loading.
//!
//! The subscription is pinged every few seconds, so a connection that hangs without
//! closing counts as lost too.
//!
//! A room whose queue is full does not hold up the others: its message is dropped and
//! remembered as a position it has not heard of, offered again shortly as a
//! [`Remote::Seen`] marker so that it reads the rest from the database.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::now_ms_unsigned;

use futures_util::StreamExt;
use tokio::sync::watch;
use tokio::time::timeout;

use super::message::Message;
use super::publish::CHANNEL;
use super::stats::RedisStats;
use super::url::RedisUrl;
use crate::room::RoomRegistry;
use crate::room::remote::{Remote, RemoteUpdate};
use ovaal_shared::SessionId;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// How often the subscription is pinged: a connection that hangs without closing (a
/// network partition) is taken for lost when a ping gets no answer in time.
const HEARTBEAT_EVERY: Duration = Duration::from_secs(5);
const HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(2);
/// Pause between tries while Redis is away.
const RETRY_PAUSE: Duration = Duration::from_millis(250);
/// How often undelivered positions are offered to busy rooms again.
const REDELIVER_EVERY: Duration = Duration::from_millis(200);

struct Subscriber {
    node: u64,
    stats: Arc<RedisStats>,
    registry: RoomRegistry,
    /// Per session, the highest position a busy room did not take.
    undelivered: HashMap<SessionId, u64>,
}

pub async fn run(
    url: RedisUrl,
    node: u64,
    stats: Arc<RedisStats>,
    registry: RoomRegistry,
    mut shutdown: watch::Receiver<bool>,
) {
    let client = match redis::Client::open(url.as_str()) {
        Ok(client) => client,
        Err(e) => {
            tracing::error!(error = %e, "Redis URL refused: listening to no other node");
            return;
        }
    };
    let mut subscriber = Subscriber {
        node,
        stats,
        registry,
        undelivered: HashMap::new(),
    };
    let mut was_subscribed = false;
    let mut told_away = false;
    loop {
        let subscribed = async {
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.subscribe(CHANNEL).await?;
            Ok::<_, redis::RedisError>(pubsub)
        };
        match timeout(CONNECT_TIMEOUT, subscribed).await {
            Ok(Ok(pubsub)) => {
                tracing::info!(
                    again = was_subscribed,
                    "listening to the other nodes on Redis"
                );
                subscriber.stats.subscribed(was_subscribed);
                was_subscribed = true;
                told_away = false;
                // Whatever was published before now is not coming: read it instead.
                subscriber.catch_up_everyone();
                let (mut sink, mut messages) = pubsub.split();
                let mut redeliver = tokio::time::interval(REDELIVER_EVERY);
                let mut heartbeat = tokio::time::interval(HEARTBEAT_EVERY);
                heartbeat.reset();
                loop {
                    tokio::select! {
                        message = messages.next() => match message {
                            Some(message) => subscriber.dispatch(message.get_payload_bytes()).await,
                            None => break,
                        },
                        _ = redeliver.tick() => subscriber.redeliver(),
                        _ = heartbeat.tick() => {
                            let ping = timeout(HEARTBEAT_TIMEOUT, sink.ping::<redis::Value>()).await;
                            if !matches!(ping, Ok(Ok(_))) {
                                break;
                            }
                        }
                        _ = shutdown.changed() => return,
                    }
                }
                subscriber.stats.unsubscribed();
                tracing::warn!(
                    "lost the Redis subscription; rooms keep serving this node's people"
                );
            }
            Ok(Err(e)) if !told_away => {
                tracing::warn!(error = %e, "cannot subscribe on Redis; trying again");
                told_away = true;
            }
            Err(_) if !told_away => {
                tracing::warn!("subscribing on Redis timed out; trying again");
                told_away = true;
            }
            _ => {}
        }
        tokio::select! {
            _ = tokio::time::sleep(RETRY_PAUSE) => {}
            _ = shutdown.changed() => return,
        }
    }
}

impl Subscriber {
    fn catch_up_everyone(&mut self) {
        for session in self.registry.live_sessions() {
            if self.registry.deliver(&session, Remote::CatchUp).is_err() {
                // A busy room hears of it through a marker instead.
                self.undelivered.entry(session).or_insert(u64::MAX);
            }
        }
    }

    async fn dispatch(&mut self, payload: &[u8]) {
        let message = match Message::decode(payload) {
            Ok(message) => message,
            Err(e) => {
                tracing::warn!(error = %e, "unreadable message on Redis");
                return;
            }
        };
        if message.node() == self.node {
            return; // our own: the rooms here have it already
        }
        match message {
            Message::Update {
                session,
                position,
                sent_ms,
                doc,
                update,
                ..
            } => {
                self.stats
                    .received(now_ms_unsigned().saturating_sub(sent_ms));
                let remote = Remote::Update {
                    position,
                    update: RemoteUpdate { doc, update },
                };
                if self.registry.deliver(&session, remote).is_err() {
                    self.missed(session, position);
                }
            }
            Message::Seen {
                session, position, ..
            } => {
                if self
                    .registry
                    .deliver(&session, Remote::Seen { position })
                    .is_err()
                {
                    self.missed(session, position);
                }
            }
            Message::Awareness {
                node,
                session,
                conn,
                update,
            } => {
                // Presence is sent again by the browsers: a busy room may skip one.
                let _ = self
                    .registry
                    .deliver(&session, Remote::Awareness { node, conn, update });
            }
            Message::AwarenessGone {
                node,
                session,
                conn,
            } => {
                let _ = self
                    .registry
                    .deliver(&session, Remote::AwarenessGone { node, conn });
            }
            Message::Action {
                session, action, ..
            } => {
                // Rare and must not be lost: waits for room in the queue.
                tracing::debug!(session = %session, "session action from another node");
                self.registry.tell(&session, action.command()).await;
            }
        }
    }

    fn missed(&mut self, session: SessionId, position: u64) {
        let latest = self.undelivered.entry(session).or_insert(position);
        *latest = (*latest).max(position);
    }

    fn redeliver(&mut self) {
        self.undelivered.retain(|session, position| {
            let remote = if *position == u64::MAX {
                Remote::CatchUp
            } else {
                Remote::Seen {
                    position: *position,
                }
            };
            self.registry.deliver(session, remote).is_err()
        });
    }
}
