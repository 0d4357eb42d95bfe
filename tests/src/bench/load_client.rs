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
use yrs::{ReadTxn, Transact};

use super::stats::Latencies;
use crate::client::{new_identity, raw_connect};
use ovaal_shared::board::participant::{add_card, move_card};
use ovaal_shared::board::{CardKind, CardText, Position};
use ovaal_shared::protocol::{ClientMessage, Hello, PROTOCOL_VERSION, ServerMessage, SyncMessage};
use ovaal_shared::{CardId, DocName};

/// Send times of frames in flight, and the node each was sent to (0 with one server),
/// shared by all clients of the benchmark.
pub type SentFrames = Arc<Mutex<HashMap<u64, (Instant, usize)>>>;

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
    /// Which server (node of a cluster) `url` points at: 0 with one server.
    pub node: usize,
}

#[derive(Default)]
pub struct ClientResult {
    pub sent: u64,
    pub received: u64,
    pub latencies: Latencies,
    /// The same, split: updates sent to this client's node, and to another node.
    pub same_node: Latencies,
    pub cross_node: Latencies,
    /// From sending an update to the server's `Stored` for it (committed).
    pub stored: Latencies,
    pub error: Option<String>,
}

/// This client's writes not yet acknowledged: when each was sent, in order.
#[derive(Default)]
struct Unstored {
    sent: std::collections::VecDeque<Instant>,
    /// Writes acknowledged so far (`Stored` counts from the connection's start).
    acknowledged: u64,
}

impl ClientResult {
    /// A frame that is not a relayed update: `Stored` acknowledges writes.
    fn other_frame(&mut self, bytes: &[u8], unstored: &mut Unstored) {
        let Ok(ServerMessage::Stored { count }) = ServerMessage::decode(bytes) else {
            return;
        };
        let now = Instant::now();
        while unstored.acknowledged < count {
            let Some(sent) = unstored.sent.pop_front() else {
                break;
            };
            unstored.acknowledged += 1;
            self.stored.record(now - sent);
        }
    }

    fn delivered(&mut self, sent: Option<(Instant, usize)>, own_node: usize) {
        if let Some((at, node)) = sent {
            let latency = Instant::now() - at;
            self.received += 1;
            self.latencies.record(latency);
            if node == own_node {
                self.same_node.record(latency);
            } else {
                self.cross_node.record(latency);
            }
        }
    }
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
    // One card, written on the first tick and moved on every later one: updates the
    // board schema accepts, as small as a person's.
    let card = CardId::from_random([7; 16]);
    let mut ticker = tokio::time::interval_at(plan.start, plan.interval);
    let mut seq: u64 = 0;
    let mut unstored = Unstored::default();
    loop {
        tokio::select! {
            _ = ticker.tick() => {
                if Instant::now() >= plan.stop {
                    break;
                }
                seq += 1;
                let before = doc.transact().state_vector();
                let position = Position { x: (seq % 1000) as f64 / 1000.0, y: 0.5 };
                if seq == 1 {
                    let text = CardText::new("bench").expect("a valid card text");
                    add_card(&doc, &card, CardKind::Theme, &text, position, 0);
                } else if move_card(&doc, &card, position).is_err() {
                    result.error = Some("the card to move is gone".into());
                    break;
                }
                let update = doc.transact().encode_state_as_update_v1(&before);
                let frame = ClientMessage::Sync { doc: doc_name.clone(), message: SyncMessage::Update(update) }.encode();
                if let Ok(mut map) = sent_frames.lock() {
                    map.insert(frame_key(&frame), (Instant::now(), plan.node));
                }
                if let Err(e) = sink.send(Message::Binary(frame.into())).await {
                    result.error = Some(format!("send: {e}"));
                    break;
                }
                result.sent += 1;
                unstored.sent.push_back(Instant::now());
            }
            frame = stream.next() => match frame {
                Some(Ok(Message::Binary(bytes))) => {
                    let sent = sent_frames.lock().ok().and_then(|m| m.get(&frame_key(&bytes)).copied());
                    if sent.is_some() {
                        result.delivered(sent, plan.node);
                    } else {
                        result.other_frame(&bytes, &mut unstored);
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
        if sent.is_some() {
            result.delivered(sent, plan.node);
        } else {
            result.other_frame(&bytes, &mut unstored);
        }
    }
    result
}
