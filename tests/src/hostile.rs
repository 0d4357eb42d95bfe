//! What a hostile participant sends, and how a test checks that the server shrugged
//! it off: still up, still storing, still exporting.

use std::net::SocketAddr;

use anyhow::{Context, bail};
use yrs::{Any, Doc, Map, MapPrelim, ReadTxn, Transact};

use ovaal_shared::DocName;
use ovaal_shared::board::CardKind;
use ovaal_shared::protocol::{ClientMessage, SyncMessage};

use crate::ProtocolClient;
use crate::server::SessionLinks;

/// Bytes from a hex string (the findings are written down in hex).
pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("valid hex in a test"))
        .collect()
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

impl ProtocolClient {
    /// Sends raw update bytes as a live Update to `doc`, as a crafted client would.
    pub async fn send_update(&mut self, doc: &DocName, update: Vec<u8>) -> anyhow::Result<()> {
        self.send(&ClientMessage::Sync {
            doc: doc.clone(),
            message: SyncMessage::Update(update),
        })
        .await
    }

    /// Sends raw update bytes as a Step2 to `doc`.
    pub async fn send_step2(&mut self, doc: &DocName, update: Vec<u8>) -> anyhow::Result<()> {
        self.send(&ClientMessage::Sync {
            doc: doc.clone(),
            message: SyncMessage::Step2(update),
        })
        .await
    }

    /// Waits for the `n`-th refusal and returns its code.
    pub async fn refusal(&mut self, n: usize) -> anyhow::Result<u32> {
        self.wait_until(&format!("refusal number {n}"), |c| c.refusals.len() >= n)
            .await?;
        Ok(self.refusals[n - 1].1)
    }
}

/// An update, made with `yrs` itself, that writes `fields` as card `id` in the `cards`
/// map of a copy of `doc` — whatever the board's rules say about them.
pub fn raw_card(doc: &Doc, id: &str, fields: Vec<(&str, Any)>) -> Vec<u8> {
    let before = doc.transact().state_vector();
    let cards = doc.get_or_insert_map("cards");
    {
        let mut txn = doc.transact_mut();
        cards.insert(&mut txn, id, MapPrelim::from_iter(fields));
    }
    doc.transact().encode_state_as_update_v1(&before)
}

/// The fields of an otherwise honest card with text `text`.
pub fn card_fields(text: &str) -> Vec<(&'static str, Any)> {
    vec![
        ("kind", Any::from("question")),
        ("text", Any::from(text)),
        ("x", Any::from(0.5)),
        ("y", Any::from(0.5)),
        ("created_ms", Any::from(1_i64)),
    ]
}

/// The server is fine after an attack: an honest participant's card is stored and
/// acknowledged, and the facilitator's JSON export has it.
pub async fn still_stores_and_exports(
    addr: SocketAddr,
    session: &SessionLinks,
) -> anyhow::Result<()> {
    let health = crate::http::get(addr, "/healthz", &[]).await?;
    if health.status != 200 {
        bail!("/healthz answered {}", health.status);
    }
    let url = crate::server::ws_url_at(addr, &session.id);
    let mut honest = ProtocolClient::connect(&url, &session.participant).await?;
    let marker = format!("eerlijke kaart {}", honest.participant());
    honest.add_card(CardKind::Question, &marker).await?;
    honest.wait_stored().await?;
    let path = format!("/api/sessions/{}/export.json", session.id);
    let export = crate::http::with_token(addr, "GET", &path, &session.facilitator, &[]).await?;
    if export.status != 200 {
        bail!("export.json answered {}", export.status);
    }
    let body = String::from_utf8(export.body).context("export is UTF-8")?;
    if !body.contains(&marker) {
        bail!("the honest card is missing from the export");
    }
    Ok(())
}
