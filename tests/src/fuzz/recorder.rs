//! A read-only connection that keeps every Sync frame it receives — the Step2 answers
//! to its own Step1s and every relayed Update — in arrival order, so that the frames
//! can be applied again by another Yjs implementation. It never applies them itself:
//! whatever the server sends must not be able to hurt the test process before the
//! check has written it down.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use base64::Engine;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

use crate::client::{Socket, handshake, new_identity};
use crate::wait::DEADLINE;
use ovaal_shared::DocName;
use ovaal_shared::protocol::{ClientMessage, ServerMessage, SyncMessage};

/// One received Sync frame: `stream` names the connection, so that each connection's
/// copy of a document is rebuilt on its own.
#[derive(Debug, Clone)]
pub struct Frame {
    pub stream: String,
    pub doc: String,
    pub kind: &'static str,
    pub bytes: Vec<u8>,
}

pub struct Recorder {
    socket: Socket,
    stream: String,
    /// Asked for but never created: answers to it mark "everything before has arrived".
    marker: DocName,
    markers_awaited: usize,
    pub frames: Vec<Frame>,
}

/// The empty state vector: "send me everything".
const EVERYTHING: &[u8] = &[0];

impl Recorder {
    /// Connects with `token` (an observer's, so it cannot write) and asks for every
    /// document the welcome announces.
    pub async fn connect(url: &str, token: &str, stream: &str) -> anyhow::Result<Self> {
        let (participant, key) = new_identity();
        let (socket, welcome) = handshake(url, token, &participant, &key).await?;
        let marker = DocName::Private {
            phase: "recorder-marker".to_owned(),
            owner: participant,
        };
        let mut recorder = Self {
            socket,
            stream: stream.to_owned(),
            marker,
            markers_awaited: 0,
            frames: Vec::new(),
        };
        for doc in welcome.documents {
            recorder.step1(&doc).await?;
        }
        recorder.settle().await?;
        Ok(recorder)
    }

    async fn step1(&mut self, doc: &DocName) -> anyhow::Result<()> {
        let step1 = ClientMessage::Sync {
            doc: doc.clone(),
            message: SyncMessage::Step1(EVERYTHING.to_vec()),
        };
        self.socket
            .send(Message::Binary(step1.encode().into()))
            .await?;
        Ok(())
    }

    /// Waits until everything the server sent before now has been recorded: the
    /// server answers a connection's frames in order, after the relays it queued.
    pub async fn settle(&mut self) -> anyhow::Result<()> {
        let marker = self.marker.clone();
        self.step1(&marker).await?;
        self.markers_awaited += 1;
        let deadline = tokio::time::Instant::now() + DEADLINE;
        while self.markers_awaited > 0 {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            self.receive(left).await?;
        }
        Ok(())
    }

    /// Records whatever has already arrived, without waiting (keeps the server's
    /// queue towards this connection short).
    pub async fn drain(&mut self) -> anyhow::Result<()> {
        while self.receive(Duration::ZERO).await? {}
        Ok(())
    }

    /// Handles one frame arriving within `wait`; `false` if none did.
    async fn receive(&mut self, wait: Duration) -> anyhow::Result<bool> {
        let next = match tokio::time::timeout(wait, self.socket.next()).await {
            Err(_) if wait.is_zero() => return Ok(false),
            Err(_) => bail!("{}: no frame from the server in time", self.stream),
            Ok(next) => next,
        };
        let bytes = match next {
            Some(Ok(Message::Binary(bytes))) => bytes,
            Some(Ok(Message::Close(frame))) => {
                bail!("{}: closed by the server: {frame:?}", self.stream)
            }
            Some(Ok(_)) => return Ok(true),
            Some(Err(e)) => bail!("{}: socket error: {e}", self.stream),
            None => bail!("{}: the server ended the connection", self.stream),
        };
        match ServerMessage::decode(&bytes).context("a frame from the server")? {
            ServerMessage::Sync { doc, message } if doc == self.marker => {
                if matches!(message, SyncMessage::Step2(_)) {
                    self.markers_awaited = self.markers_awaited.saturating_sub(1);
                }
            }
            ServerMessage::Sync { doc, message } => {
                let (kind, update) = match message {
                    SyncMessage::Step1(_) => return Ok(true),
                    SyncMessage::Step2(update) => ("step2", update),
                    SyncMessage::Update(update) => ("update", update),
                };
                self.frames.push(Frame {
                    stream: self.stream.clone(),
                    doc: doc.to_string(),
                    kind,
                    bytes: update,
                });
            }
            ServerMessage::Error { code, reason } => {
                bail!("{}: dropped by the server: {code:?}: {reason}", self.stream)
            }
            _ => {}
        }
        Ok(true)
    }
}

/// Writes frames as JSON lines `{doc, kind, base64}` for `tests/js/apply-updates.mjs`;
/// `doc` is `<stream>/<document>`.
pub fn write_frames(path: &Path, frames: &[Frame]) -> anyhow::Result<()> {
    let mut out = String::new();
    for f in frames {
        let line = serde_json::json!({
            "doc": format!("{}/{}", f.stream, f.doc),
            "kind": f.kind,
            "base64": base64::engine::general_purpose::STANDARD.encode(&f.bytes),
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))
}
