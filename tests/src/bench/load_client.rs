//! One simulated participant: joins, then sends a small card update at a fixed rate
//! and timestamps every relayed update it receives.
//!
//! The server relays an update byte-for-byte, so the sender registers a hash of the
//! frame with its send time and its node, and each receiver looks that hash up:
//! latency is measured without putting timestamps into the documents, and told apart
//! by whether sender and receiver are connected to the same node. The client also
//! times each of its updates from sending to the server's `Stored`.

use std::collections::{HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use yrs::{ReadTxn, Transact};

use super::stats::Latencies;
use crate::client::{new_identity, raw_connect};
use ovaal_shared::CardId;
use ovaal_shared::DocName;
use ovaal_shared::board::{CardKind, CardText, Position, participant};
use ovaal_shared::protocol::{ClientMessage, Hello, PROTOCOL_VERSION, ServerMessage, SyncMessage};

/// Send times of frames in flight and the node their sender is connected to, shared
/// by all clients of the benchmark.
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
    /// Which server of the benchmark `url` points at (0 with one server).
    pub node: usize,
}

#[derive(Default)]
pub struct ClientResult {
    pub sent: u64,
    pub received: u64,
    /// Relay latency of updates whose sender is on this client's node.
    pub latencies: Latencies,
    /// Relay latency of updates sent through another node.
    pub cross_node: Latencies,
    /// From sending an update to the server's `Stored` covering it.
    pub stored: Latencies,
    pub error: Option<String>,
}

impl ClientResult {
    /// A frame from the server: a relayed update is timed by its sender's clock, a
    /// `Stored` settles this client's oldest unacknowledged updates.
    fn receive(
        &mut self,
        bytes: &[u8],
        node: usize,
        sent_frames: &SentFrames,
        unstored: &mut Unstored,
    ) {
        let now = Instant::now();
        let sent = sent_frames
            .lock()
            .ok()
            .and_then(|m| m.get(&frame_key(bytes)).copied());
        match sent {
            Some((at, from)) => {
                self.received += 1;
                if from == node {
                    self.latencies.record(now - at);
                } else {
                    self.cross_node.record(now - at);
                }
            }
            None => {
                if let Ok(ServerMessage::Stored { count }) = ServerMessage::decode(bytes) {
                    while unstored.acknowledged < count {
                        let Some(at) = unstored.times.pop_front() else {
                            break;
                        };
                        unstored.acknowledged += 1;
                        self.stored.record(now - at);
                    }
                }
            }
        }
    }
}

/// This client's updates not yet acknowledged as stored, oldest first.
#[derive(Default)]
struct Unstored {
    acknowledged: u64,
    times: VecDeque<Instant>,
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
    // One card, written with the first update and moved by every later one: each
    // update is one the board schema accepts, as a person's would be.
    let card = match new_card() {
        Ok(card) => card,
        Err(e) => {
            result.error = Some(format!("card: {e}"));
            return result;
        }
    };
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
                    participant::add_card(&doc, &card, CardKind::Question, &card_text(), position, 0);
                } else if let Err(e) = participant::move_card(&doc, &card, position) {
                    result.error = Some(format!("move: {e}"));
                    break;
                }
                let update = doc.transact().encode_state_as_update_v1(&before);
                let frame = ClientMessage::Sync { doc: doc_name.clone(), message: SyncMessage::Update(update) }.encode();
                let now = Instant::now();
                if let Ok(mut map) = sent_frames.lock() {
                    map.insert(frame_key(&frame), (now, plan.node));
                }
                unstored.times.push_back(now);
                if let Err(e) = sink.send(Message::Binary(frame.into())).await {
                    result.error = Some(format!("send: {e}"));
                    break;
                }
                result.sent += 1;
            }
            frame = stream.next() => match frame {
                Some(Ok(Message::Binary(bytes))) => {
                    result.receive(&bytes, plan.node, &sent_frames, &mut unstored);
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
        result.receive(&bytes, plan.node, &sent_frames, &mut unstored);
    }
    result
}

/// A fresh card id, as the board makes them.
fn new_card() -> anyhow::Result<CardId> {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random)?;
    Ok(CardId::from_random(random))
}

fn card_text() -> CardText {
    CardText::new("Wat heb je al geprobeerd?").expect("a valid card text")
}
