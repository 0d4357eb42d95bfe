//! One simulated participant: a real `yrs` document that sends a small card update at
//! a fixed rate, timestamps every update of another client it receives (relay
//! latency) and, on Ovaal, every acknowledgement of its own writes (send → `Stored`).
//!
//! A sender registers the (client id, clock) of its update with the send time; each
//! receiver reads that pair from the update it gets and looks it up, so latency is
//! measured without putting timestamps into the documents (see [`super::framing`]).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use yrs::{Map, ReadTxn, Transact};

use super::framing::{self, Connected, Framing, Received, Writer};
use super::stats::Latencies;

/// Send times of updates in flight, and the node each was sent to (0 with one
/// server), shared by all clients of the benchmark.
pub type SentFrames = Arc<Mutex<HashMap<u64, (Instant, usize)>>>;

pub struct ClientPlan {
    pub framing: Framing,
    /// When to start sending, and when to stop.
    pub start: Instant,
    pub stop: Instant,
    pub interval: Duration,
    /// Which server (node of a cluster) the client is connected to: 0 with one server.
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
    /// Send → `Stored` of each write (Ovaal only).
    pub stored: Latencies,
    pub error: Option<String>,
}

/// What one client keeps while it runs.
struct Client {
    framing: Framing,
    node: usize,
    own: yrs::ClientID,
    sent_frames: SentFrames,
    /// Send times of this client's writes not yet acknowledged, oldest first (`None`
    /// for the card's creation before the load), and how many were acknowledged before.
    unacknowledged: VecDeque<Option<Instant>>,
    acknowledged: u64,
    result: ClientResult,
}

impl Client {
    fn receive(&mut self, bytes: &[u8]) {
        let now = Instant::now();
        match framing::classify(self.framing, bytes) {
            Received::Update { client, clock } if client != self.own => {
                let key = framing::update_key(client, clock);
                let sent = self
                    .sent_frames
                    .lock()
                    .ok()
                    .and_then(|m| m.get(&key).copied());
                if let Some((sent, node)) = sent {
                    let latency = now - sent;
                    self.result.received += 1;
                    self.result.latencies.record(latency);
                    if node == self.node {
                        self.result.same_node.record(latency);
                    } else {
                        self.result.cross_node.record(latency);
                    }
                }
            }
            Received::Stored(count) => {
                while self.acknowledged < count {
                    let Some(sent) = self.unacknowledged.pop_front() else {
                        break;
                    };
                    self.acknowledged += 1;
                    if let Some(sent) = sent {
                        self.result.stored.record(now - sent);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Moves the writer's card at the plan's rate until its stop; `connected` has sent the
/// card's creation ([`framing::create_card`]).
pub async fn run(
    plan: ClientPlan,
    connected: Connected,
    writer: Writer,
    sent_frames: SentFrames,
) -> ClientResult {
    let Connected { socket, doc_name } = connected;
    let Writer { doc, card } = writer;
    let (mut sink, mut stream) = socket.split();
    let mut client = Client {
        framing: plan.framing,
        node: plan.node,
        own: doc.client_id(),
        sent_frames,
        unacknowledged: VecDeque::from([None]),
        acknowledged: 0,
        result: ClientResult::default(),
    };
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
                let (id, clock) = framing::newest_item(&doc);
                let frame = framing::update_frame(plan.framing, doc_name.as_ref(), update);
                let now = Instant::now();
                if let Ok(mut map) = client.sent_frames.lock() {
                    map.insert(framing::update_key(id, clock), (now, plan.node));
                }
                client.unacknowledged.push_back(Some(now));
                if let Err(e) = sink.send(Message::Binary(frame.into())).await {
                    client.result.error = Some(format!("send: {e}"));
                    break;
                }
                client.result.sent += 1;
            }
            frame = stream.next() => match frame {
                Some(Ok(Message::Binary(bytes))) => client.receive(&bytes),
                Some(Ok(_)) => {}
                other => {
                    client.result.error = Some(format!("connection ended: {other:?}"));
                    break;
                }
            },
        }
    }
    // Keep reading briefly so updates sent just before the stop are counted.
    let grace = Instant::now() + Duration::from_millis(500);
    while let Ok(Some(Ok(message))) = tokio::time::timeout_at(grace, stream.next()).await {
        if let Message::Binary(bytes) = message {
            client.receive(&bytes);
        }
    }
    client.result
}
