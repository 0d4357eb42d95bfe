//! A native protocol client: real WebSocket, real `yrs` documents. It can behave like
//! the browser (sync, edit, presence) or send crafted frames to test refusals.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, bail};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use crate::wait::DEADLINE;
use ovaal_shared::board::new_doc;
use ovaal_shared::permissions::may_write;
use ovaal_shared::protocol::{
    ClientMessage, ErrorCode, Hello, PROTOCOL_VERSION, ServerMessage, SyncMessage, Welcome,
};
use ovaal_shared::{DocName, ParticipantId, SessionId};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How the server ended the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    pub error: Option<(ErrorCode, String)>,
    pub close_code: Option<u16>,
}

pub struct ProtocolClient {
    socket: Socket,
    pub welcome: Welcome,
    pub docs: BTreeMap<DocName, Doc>,
    pub refusals: Vec<(DocName, u32, String)>,
    pub awareness_frames: Vec<Vec<u8>>,
    /// Every byte the server sent on this connection, when a test asks for them
    /// (`record_frames`): what a newcomer really receives.
    pub received: Option<Vec<u8>>,
    pub closed: Option<Closed>,
    /// The socket has ended (close frame or end of stream).
    ended: bool,
    /// Step1 messages sent per document whose Step2 answer has not arrived yet.
    awaiting_step2: BTreeMap<DocName, u32>,
    /// Write frames (Step2, Update) sent on the current connection.
    pub writes_sent: u64,
    /// How many of them the server has acknowledged as handled (stored durably).
    pub writes_stored: u64,
    /// What it takes to come back as the same person.
    url: String,
    token: String,
    key: String,
}

/// A fresh random participant id and key, as a browser would make them.
pub fn new_identity() -> (ParticipantId, String) {
    let id = ParticipantId::from_random(rand_bytes());
    let key = format!("key-{}", ParticipantId::from_random(rand_bytes()));
    (id, key)
}

fn rand_bytes() -> [u8; 16] {
    let mut out = [0u8; 16];
    getrandom::fill(&mut out).expect("the OS random source works in tests");
    out
}

/// Opens a WebSocket and sends `hello` bytes; returns the socket and the first answer.
pub async fn raw_connect(url: &str) -> anyhow::Result<Socket> {
    let (socket, _) = tokio::time::timeout(
        DEADLINE,
        tokio_tungstenite::connect_async_with_config(url, None, true),
    )
    .await
    .context("connect timed out")??;
    Ok(socket)
}

impl ProtocolClient {
    /// Connects with a fresh identity and completes the handshake and initial sync.
    pub async fn connect(url: &str, token: &str) -> anyhow::Result<Self> {
        let (id, key) = new_identity();
        Self::connect_as(url, token, id, &key).await
    }

    pub async fn connect_as(
        url: &str,
        token: &str,
        participant: ParticipantId,
        key: &str,
    ) -> anyhow::Result<Self> {
        match Self::try_connect_as(url, token, participant, key).await? {
            Ok(client) => Ok(client),
            Err((code, reason)) => bail!("refused: {code:?}: {reason}"),
        }
    }

    /// Like [`ProtocolClient::connect_as`], returning the error the server refused the
    /// connection with as a value.
    pub async fn try_connect_as(
        url: &str,
        token: &str,
        participant: ParticipantId,
        key: &str,
    ) -> anyhow::Result<Result<Self, (ErrorCode, String)>> {
        let (socket, welcome) = match admission(url, token, &participant, key).await? {
            Ok(admitted) => admitted,
            Err(refused) => return Ok(Err(refused)),
        };
        let mut client = Self {
            socket,
            docs: BTreeMap::new(),
            welcome,
            refusals: Vec::new(),
            awareness_frames: Vec::new(),
            received: None,
            closed: None,
            ended: false,
            awaiting_step2: BTreeMap::new(),
            writes_sent: 0,
            writes_stored: 0,
            url: url.to_owned(),
            token: token.to_owned(),
            key: key.to_owned(),
        };
        client.initial_sync().await?;
        Ok(Ok(client))
    }

    /// Comes back as the same person on a new connection, keeping the local documents
    /// (with whatever was written while disconnected), and resyncs both ways.
    pub async fn reconnect(&mut self) -> anyhow::Result<()> {
        let participant = self.participant().clone();
        let (socket, welcome) = handshake(&self.url, &self.token, &participant, &self.key).await?;
        self.socket = socket;
        self.welcome = welcome;
        self.closed = None;
        self.ended = false;
        self.writes_sent = 0;
        self.writes_stored = 0;
        self.awaiting_step2.clear();
        self.initial_sync().await
    }

    /// Comes back as the same person through another address (another node of a
    /// cluster, after its own died), like [`ProtocolClient::reconnect`].
    pub async fn reconnect_to(&mut self, url: &str) -> anyhow::Result<()> {
        url.clone_into(&mut self.url);
        self.reconnect().await
    }

    /// Step1 for every document known locally or announced by the server.
    async fn initial_sync(&mut self) -> anyhow::Result<()> {
        for doc in self.welcome.documents.clone() {
            self.doc(&doc);
        }
        let names: Vec<DocName> = self.docs.keys().cloned().collect();
        for doc in names {
            self.send_step1(&doc).await?;
        }
        Ok(())
    }

    /// Waits until the server has stored every write sent on this connection.
    pub async fn wait_stored(&mut self) -> anyhow::Result<()> {
        self.wait_until("every write acknowledged as stored", |c| {
            c.writes_stored >= c.writes_sent
        })
        .await
    }

    pub fn participant(&self) -> &ParticipantId {
        &self.welcome.participant
    }

    /// The participant key this client proves its id with.
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn session(&self) -> &SessionId {
        &self.welcome.session
    }

    pub fn my_doc_name(&self) -> DocName {
        DocName::Participant(self.participant().clone())
    }

    pub async fn send(&mut self, message: &ClientMessage) -> anyhow::Result<()> {
        if let ClientMessage::Sync { message: m, .. } = message
            && m.is_write()
        {
            self.writes_sent += 1;
        }
        self.send_raw(message.encode()).await
    }

    pub async fn send_raw(&mut self, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.socket.send(Message::Binary(bytes.into())).await?;
        Ok(())
    }

    pub async fn send_step1(&mut self, doc: &DocName) -> anyhow::Result<()> {
        *self.awaiting_step2.entry(doc.clone()).or_default() += 1;
        let sv = self.doc(doc).transact().state_vector().encode_v1();
        self.send(&ClientMessage::Sync {
            doc: doc.clone(),
            message: SyncMessage::Step1(sv),
        })
        .await
    }

    /// The local copy of a document (created empty if unknown).
    pub fn doc(&mut self, name: &DocName) -> &Doc {
        self.docs.entry(name.clone()).or_insert_with(new_doc)
    }

    /// Changes a local document and sends the change as an Update, the way the
    /// browser does: honest clients and crafted attacks use the same path.
    pub async fn edit(&mut self, name: &DocName, change: impl FnOnce(&Doc)) -> anyhow::Result<()> {
        let doc = self.doc(name);
        let before = doc.transact().state_vector();
        change(doc);
        let update = doc.transact().encode_state_as_update_v1(&before);
        self.send(&ClientMessage::Sync {
            doc: name.clone(),
            message: SyncMessage::Update(update),
        })
        .await
    }

    /// Changes a local document without sending anything, as a browser does while it
    /// is offline; the next handshake carries the change.
    pub fn edit_offline(&mut self, name: &DocName, change: impl FnOnce(&Doc)) {
        change(self.doc(name));
    }

    /// Receives and handles one frame, within `timeout`. Returns `false` once the
    /// connection is closed.
    pub async fn pump_once(&mut self, timeout: Duration) -> anyhow::Result<bool> {
        if self.ended {
            return Ok(false);
        }
        let next = match tokio::time::timeout(timeout, self.socket.next()).await {
            Err(_) => return Ok(true),
            Ok(next) => next,
        };
        match next {
            Some(Ok(Message::Binary(bytes))) => {
                if let Some(log) = &mut self.received {
                    log.extend_from_slice(&bytes);
                }
                self.handle(ServerMessage::decode(&bytes)?).await?;
            }
            Some(Ok(Message::Close(frame))) => {
                self.mark_closed(frame);
                return Ok(false);
            }
            Some(Ok(_)) => {}
            Some(Err(_)) | None => {
                self.mark_closed(None);
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn mark_closed(&mut self, frame: Option<CloseFrame>) {
        self.ended = true;
        let code = frame.map(|f| u16::from(f.code));
        match &mut self.closed {
            Some(closed) => closed.close_code = closed.close_code.or(code),
            None => {
                self.closed = Some(Closed {
                    error: None,
                    close_code: code,
                })
            }
        }
    }

    async fn handle(&mut self, message: ServerMessage) -> anyhow::Result<()> {
        match message {
            ServerMessage::Sync { doc, message } => match message {
                SyncMessage::Step1(sv) => {
                    let me = self.participant().clone();
                    if may_write(self.welcome.role, &me, &doc).is_ok() {
                        let sv = StateVector::decode_v1(&sv)?;
                        let diff = self.doc(&doc).transact().encode_diff_v1(&sv);
                        self.send(&ClientMessage::Sync {
                            doc,
                            message: SyncMessage::Step2(diff),
                        })
                        .await?;
                    }
                }
                SyncMessage::Step2(update) => {
                    if let Some(waiting) = self.awaiting_step2.get_mut(&doc) {
                        *waiting = waiting.saturating_sub(1);
                    }
                    let update = Update::decode_v1(&update)?;
                    self.doc(&doc).transact_mut().apply_update(update)?;
                }
                SyncMessage::Update(update) => {
                    let update = Update::decode_v1(&update)?;
                    self.doc(&doc).transact_mut().apply_update(update)?;
                }
            },
            ServerMessage::Refused { doc, code, reason } => self.refusals.push((doc, code, reason)),
            ServerMessage::Awareness { update } => self.awareness_frames.push(update),
            ServerMessage::Error { code, reason } => {
                self.closed = Some(Closed {
                    error: Some((code, reason)),
                    close_code: None,
                });
            }
            ServerMessage::Stored { count } => self.writes_stored = self.writes_stored.max(count),
            ServerMessage::Pong => {}
            ServerMessage::Welcome(_) => bail!("a second welcome"),
        }
        Ok(())
    }

    /// Handles frames until `condition` holds, or fails at the deadline.
    pub async fn wait_until(
        &mut self,
        what: &str,
        condition: impl Fn(&Self) -> bool,
    ) -> anyhow::Result<()> {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        while !condition(self) {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                bail!("timed out waiting for {what}");
            }
            if !self.pump_once(left.min(Duration::from_millis(200))).await? && !condition(self) {
                bail!(
                    "connection closed while waiting for {what}: {:?}",
                    self.closed
                );
            }
        }
        Ok(())
    }

    /// Waits until the server has handled everything this client sent so far: the
    /// server handles a connection's frames in order, so the answer to a fresh Step1
    /// comes after all of them.
    pub async fn round_trip(&mut self) -> anyhow::Result<()> {
        let marker = DocName::Control;
        self.send_step1(&marker).await?;
        // Every Step1 gets exactly one Step2, in order: when the answer to the last
        // Step1 on the marker arrives, everything sent before it has been handled.
        self.wait_until("the answer to a round trip", |c| {
            c.awaiting_step2.get(&marker).copied().unwrap_or(0) == 0
        })
        .await
    }

    /// Handles whatever arrives within `quiet` (used after the state is already known
    /// to have converged, to prove that nothing *else* arrives).
    pub async fn drain_for(&mut self, quiet: Duration) -> anyhow::Result<()> {
        let until = tokio::time::Instant::now() + quiet;
        while tokio::time::Instant::now() < until {
            let left = until.saturating_duration_since(tokio::time::Instant::now());
            if !self.pump_once(left).await? {
                break;
            }
        }
        Ok(())
    }

    /// Waits until the server closes this connection; returns how.
    pub async fn wait_closed(&mut self) -> anyhow::Result<Closed> {
        self.wait_until("the connection to close", |c| c.ended)
            .await?;
        self.closed.clone().context("closed")
    }

    /// A full-state encoding of a local doc, for equality checks between clients.
    pub fn state_of(&self, name: &DocName) -> Option<Vec<u8>> {
        self.docs.get(name).map(|d| {
            d.transact()
                .encode_state_as_update_v1(&StateVector::default())
        })
    }
}

/// Opens a socket, says hello and returns the welcome (or why not).
pub async fn handshake(
    url: &str,
    token: &str,
    participant: &ParticipantId,
    key: &str,
) -> anyhow::Result<(Socket, Welcome)> {
    match admission(url, token, participant, key).await? {
        Ok(admitted) => Ok(admitted),
        Err((code, reason)) => bail!("refused: {code:?}: {reason}"),
    }
}

/// Opens a socket and says hello: the welcome, or the error the server refused with.
async fn admission(
    url: &str,
    token: &str,
    participant: &ParticipantId,
    key: &str,
) -> anyhow::Result<Result<(Socket, Welcome), (ErrorCode, String)>> {
    let mut socket = raw_connect(url).await?;
    let hello = ClientMessage::Hello(Hello {
        version: PROTOCOL_VERSION,
        token: token.to_owned(),
        participant: participant.clone(),
        key: key.to_owned(),
    });
    socket.send(Message::Binary(hello.encode().into())).await?;
    let first = next_binary(&mut socket).await?;
    match ServerMessage::decode(&first)? {
        ServerMessage::Welcome(w) => Ok(Ok((socket, w))),
        ServerMessage::Error { code, reason } => Ok(Err((code, reason))),
        other => bail!("expected welcome, got {other:?}"),
    }
}

async fn next_binary(socket: &mut Socket) -> anyhow::Result<Vec<u8>> {
    loop {
        match tokio::time::timeout(DEADLINE, socket.next()).await {
            Err(_) => bail!("no message from the server in time"),
            Ok(Some(Ok(Message::Binary(b)))) => return Ok(b.to_vec()),
            Ok(Some(Ok(Message::Close(f)))) => bail!("closed: {f:?}"),
            Ok(Some(Ok(_))) => continue,
            Ok(Some(Err(e))) => bail!("socket error: {e}"),
            Ok(None) => bail!("socket ended"),
        }
    }
}
