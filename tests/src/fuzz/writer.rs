//! The fuzz test's writers (a participant link and the facilitator), the journal of
//! every send, and the identities that come back on a fresh connection.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use ovaal_shared::ParticipantId;

use super::Rng;
use super::cases::Case;
use crate::ProtocolClient;

/// Writes after which a writer takes a fresh connection: the server allows a
/// connection a burst of 200 writes, then 20 a second (`Limits::write_rate`), and a
/// write refused as too fast never reaches the reader the fuzzing is aimed at.
pub const WRITES_PER_CONNECTION: u64 = 150;

/// Someone who writes, and which journaled sends are not acknowledged yet, to name
/// the write that got the connection dropped.
pub struct Writer {
    pub name: &'static str,
    pub client: ProtocolClient,
    /// (the connection's write count after the send, journal number)
    pending: Vec<(u64, usize)>,
    /// Why a send failed: the server had dropped the connection.
    send_failed: Option<String>,
    /// Refusals received, by code.
    pub refusals: BTreeMap<u32, usize>,
}

impl Writer {
    pub fn new(name: &'static str, client: ProtocolClient) -> Self {
        Self {
            name,
            client,
            pending: Vec::new(),
            send_failed: None,
            refusals: BTreeMap::new(),
        }
    }

    pub async fn send(&mut self, case: &Case, n: usize) {
        let sent = if case.step2 {
            self.client.send_step2(&case.doc, case.bytes.clone()).await
        } else {
            self.client.send_update(&case.doc, case.bytes.clone()).await
        };
        match sent {
            Ok(()) => self.pending.push((self.client.writes_sent, n)),
            // `settle` reports it, with the sends the server never acknowledged.
            Err(e) => self.send_failed = Some(format!("send {n} failed: {e}")),
        }
    }

    /// Waits until the server has handled everything this writer sent, so that the
    /// other writer's next frame comes after it: the room then sees the sends in the
    /// journal's order, and a seed replays the same run.
    pub async fn handled(&mut self, drops: &mut Vec<String>) -> anyhow::Result<()> {
        match self.client.round_trip().await {
            Ok(()) => Ok(()),
            // Dropped: `settle` says why and reconnects.
            Err(_) => self.settle(drops).await,
        }
    }

    /// Waits until the server has acknowledged every write. When it dropped the
    /// connection instead, notes why and which writes were unacknowledged, and comes
    /// back as the same person. A server that neither acknowledges nor drops fails.
    pub async fn settle(&mut self, drops: &mut Vec<String>) -> anyhow::Result<()> {
        let waited = self.client.wait_stored().await;
        for (_, code, _) in self.client.refusals.drain(..) {
            *self.refusals.entry(code).or_default() += 1;
        }
        // The socket failing while the client answered the server counts as dropped.
        let socket_error = waited.as_ref().err().and_then(|e| {
            e.downcast_ref::<tokio_tungstenite::tungstenite::Error>()
                .map(|e| format!("socket error: {e}"))
        });
        let dropped = self
            .client
            .closed
            .as_ref()
            .map(|c| format!("{c:?}"))
            .or(self.send_failed.take())
            .or(socket_error);
        match (waited, dropped) {
            (Ok(()), _) if self.client.writes_sent >= WRITES_PER_CONNECTION => {
                self.pending.clear();
                self.client.reconnect().await
            }
            (Ok(()), _) => {
                let stored = self.client.writes_stored;
                self.pending.retain(|(count, _)| *count > stored);
                Ok(())
            }
            (Err(_), Some(why)) => {
                let stored = self.client.writes_stored;
                let unacked: Vec<usize> = self
                    .pending
                    .iter()
                    .filter(|(count, _)| *count > stored)
                    .map(|(_, n)| *n)
                    .collect();
                drops.push(format!(
                    "{} dropped ({why}); unacknowledged sends {unacked:?}",
                    self.name
                ));
                self.pending.clear();
                self.client.reconnect().await
            }
            (Err(e), None) => Err(e.context(format!("{} is not acknowledged", self.name))),
        }
    }
}

/// Every send, as one JSON line, written at once so that a crash leaves it behind. The
/// first line holds the seed; `OVAAL_REPLAY=<journal>` sends exactly these bytes again
/// (see [`super::replay`]).
pub struct Journal {
    file: std::fs::File,
    pub count: usize,
}

impl Journal {
    pub fn create(path: &Path, seed: u64) -> anyhow::Result<Self> {
        let mut file = std::fs::File::create(path)?;
        writeln!(file, "{}", serde_json::json!({ "seed": seed }))?;
        Ok(Self { file, count: 0 })
    }

    /// Journals one send by `who` in batch `batch` of round `round`; returns its number.
    pub fn record(
        &mut self,
        round: usize,
        batch: usize,
        who: &str,
        case: &Case,
    ) -> anyhow::Result<usize> {
        self.count += 1;
        let hex: String = case.bytes.iter().map(|b| format!("{b:02x}")).collect();
        let line = serde_json::json!({
            "n": self.count,
            "round": round,
            "batch": batch,
            "sender": who,
            "doc": case.doc.to_string(),
            "kind": if case.step2 { "step2" } else { "update" },
            "what": case.what,
            "hex": hex,
        });
        writeln!(self.file, "{line}")?;
        Ok(self.count)
    }
}

/// A participant who comes back as the same person; drawn from the seed, so a replay
/// has the same people.
pub struct Identity {
    pub id: ParticipantId,
    key: String,
}

impl Identity {
    pub fn new(rng: &mut Rng) -> Self {
        let id = ParticipantId::from_random(rng.bytes16());
        let key = format!("key-{}", ParticipantId::from_random(rng.bytes16()));
        Self { id, key }
    }

    pub async fn connect(&self, url: &str, token: &str) -> anyhow::Result<ProtocolClient> {
        ProtocolClient::connect_as(url, token, self.id.clone(), &self.key).await
    }
}
