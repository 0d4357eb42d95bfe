//! One simulated participant: joins, then sends a small card update at a fixed rate
//! and timestamps every relayed update it receives.
//!
//! The server relays an update byte-for-byte, so the sender registers a hash of the
//! frame with its send time and each receiver looks that hash up: latency is measured
//! without putting timestamps into the documents.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use yrs::{Map, ReadTxn, Transact};

use super::stats::Latencies;
use crate::client::{new_identity, raw_connect};
use ovaal_shared::DocName;
use ovaal_shared::protocol::{ClientMessage, Hello, PROTOCOL_VERSION, ServerMessage, SyncMessage};

/// Send times of frames in flight, shared by all clients of the benchmark.
pub type SentFrames = Arc<Mutex<HashMap<u64, Instant>>>;

pub fn frame_key(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

pub struct ClientPlan {
    pub url: String,
    pub token: String,
    /// When to start sending, and when to stop.
    pub start: Instant,
    pub stop: Instant,
    pub interval: Duration,
}

#[derive(Default)]
pub struct ClientResult {
    pub sent: u64,
    pub received: u64,
    pub latencies: Latencies,
    pub error: Option<String>,
}

/// Connects and completes the handshake; returns the socket and this client's doc.
pub async fn connect(
    plan: &ClientPlan,
) -> anyhow::Result<(
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    DocName,
)> {
    let mut socket = raw_connect(&plan.url).await?;
    let (participant, key) = new_identity();
    let hello = ClientMessage::Hello(Hello {
        version: PROTOCOL_VERSION,
        token: plan.token.clone(),
        participant: participant.clone(),
        key,
    });
    socket.send(Message::Binary(hello.encode().into())).await?;
    match socket.next().await {
        Some(Ok(Message::Binary(b))) => match ServerMessage::decode(&b)? {
            ServerMessage::Welcome(_) => {}
            other => anyhow::bail!("no welcome: {other:?}"),
        },
        other => anyhow::bail!("no welcome: {other:?}"),
    }
    Ok((socket, DocName::Participant(participant)))
}

pub async fn run(
    plan: ClientPlan,
    socket: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    doc_name: DocName,
    sent_frames: SentFrames,
) -> ClientResult {
    let mut result = ClientResult::default();
    let (mut sink, mut stream) = socket.split();
    let doc = ovaal_shared::board::new_doc();
    let card = doc.get_or_insert_map("cards");
    let mut ticker = tokio::time::interval_at(plan.start, plan.interval);
    let mut seq: u64 = 0;
    loop {
        tokio::select! {
            _ = ticker.tick() => {
                if Instant::now() >= plan.stop {
                    break;
                }
                seq += 1;
                let before = doc.transact().state_vector();
                card.insert(&mut doc.transact_mut(), "x", seq as f64 / 1000.0);
                let update = doc.transact().encode_state_as_update_v1(&before);
                let frame = ClientMessage::Sync { doc: doc_name.clone(), message: SyncMessage::Update(update) }.encode();
                if let Ok(mut map) = sent_frames.lock() {
                    map.insert(frame_key(&frame), Instant::now());
                }
                if let Err(e) = sink.send(Message::Binary(frame.into())).await {
                    result.error = Some(format!("send: {e}"));
                    break;
                }
                result.sent += 1;
            }
            frame = stream.next() => match frame {
                Some(Ok(Message::Binary(bytes))) => {
                    let now = Instant::now();
                    let sent = sent_frames.lock().ok().and_then(|m| m.get(&frame_key(&bytes)).copied());
                    if let Some(sent) = sent {
                        result.received += 1;
                        result.latencies.record(now - sent);
                    }
                }
                Some(Ok(_)) => {}
                other => {
                    result.error = Some(format!("connection ended: {other:?}"));
                    break;
                }
            },
        }
    }
    // Keep reading briefly so updates sent just before the stop are counted.
    let grace = Instant::now() + Duration::from_millis(500);
    while let Ok(Some(Ok(Message::Binary(bytes)))) =
        tokio::time::timeout_at(grace, stream.next()).await
    {
        let sent = sent_frames
            .lock()
            .ok()
            .and_then(|m| m.get(&frame_key(&bytes)).copied());
        if let Some(sent) = sent {
            result.received += 1;
            result.latencies.record(Instant::now() - sent);
        }
    }
    result
}
