//! The two wire formats the load client speaks: Ovaal's protocol (`docs/protocol.md`)
//! and plain y-websocket framing (y-protocols: `varUint(0 sync) varUint(step)
//! varUint8Array(payload)`), so the same client measures Ovaal and the y-websocket
//! server with the same work on its side.
//!
//! A relayed update is recognised by the (client id, clock) of the item it carries,
//! read from the update itself: y-websocket re-encodes what it relays, so the bytes a
//! receiver gets need not be the bytes the sender sent.

use std::hash::{DefaultHasher, Hash, Hasher};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;
use yrs::sync::{Message as YMessage, SyncMessage as YSync};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ClientID, ReadTxn, StateVector, Transact, Update};

use crate::client::{Socket, new_identity, raw_connect};
use ovaal_shared::DocName;
use ovaal_shared::protocol::{ClientMessage, Hello, PROTOCOL_VERSION, ServerMessage, SyncMessage};

/// Which server the load client talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Ovaal,
    YWebsocket,
}

/// Where a client connects and, for Ovaal, with which link token.
#[derive(Clone)]
pub struct Room {
    pub url: String,
    /// Ovaal's participant link token; empty for y-websocket.
    pub token: String,
}

/// What a received frame means to the benchmark.
pub enum Received {
    /// An update written by the client with this id, whose newest item has `clock`.
    Update {
        client: ClientID,
        clock: u32,
    },
    /// Ovaal's acknowledgement: the first `count` writes of this connection are stored.
    Stored(u64),
    Other,
}

/// The key under which a sent update is registered and a received one looked up.
pub fn update_key(client: ClientID, clock: u32) -> u64 {
    let mut h = DefaultHasher::new();
    (client, clock).hash(&mut h);
    h.finish()
}

/// A connected client: its socket and, for Ovaal, the document it writes.
pub struct Connected {
    pub socket: Socket,
    pub doc_name: Option<DocName>,
}

/// Connections per loopback source address when there are more than one address can
/// open to one server: under the 28 232 ports of Linux's default ephemeral range
/// (32768–60999).
pub const PER_SOURCE_ADDRESS: usize = 25_000;

/// Where connection `index` of `total` connects from: the default source while one
/// address has ports enough for all, else 127.0.0.2, 127.0.0.3, … in turns of
/// [`PER_SOURCE_ADDRESS`].
pub fn source_address(index: usize, total: usize) -> Option<std::net::IpAddr> {
    if total <= PER_SOURCE_ADDRESS {
        return None;
    }
    let nth = u8::try_from(2 + index / PER_SOURCE_ADDRESS).ok()?;
    Some(std::net::IpAddr::from([127, 0, 0, nth]))
}

/// Opens the WebSocket and completes the handshake: Ovaal's `Hello`/`Welcome`, or
/// y-websocket's sync step 1 answered by the server's step 2.
pub async fn connect(framing: Framing, room: &Room) -> anyhow::Result<Connected> {
    connect_from(framing, room, None).await
}

/// [`connect`], from the given loopback source address (`None`: the system's choice).
pub async fn connect_from(
    framing: Framing,
    room: &Room,
    source: Option<std::net::IpAddr>,
) -> anyhow::Result<Connected> {
    let mut socket = match source {
        None => raw_connect(&room.url).await?,
        Some(source) => connect_bound(&room.url, source).await?,
    };
    match framing {
        Framing::Ovaal => {
            let (participant, key) = new_identity();
            let hello = ClientMessage::Hello(Hello {
                version: PROTOCOL_VERSION,
                token: room.token.clone(),
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
            Ok(Connected {
                socket,
                doc_name: Some(DocName::Participant(participant)),
            })
        }
        Framing::YWebsocket => {
            let step1 = YMessage::Sync(YSync::SyncStep1(StateVector::default())).encode_v1();
            socket.send(Message::Binary(step1.into())).await?;
            loop {
                match socket.next().await {
                    Some(Ok(Message::Binary(b))) => {
                        if let Ok(YMessage::Sync(YSync::SyncStep2(_))) = YMessage::decode_v1(&b) {
                            break;
                        }
                    }
                    Some(Ok(_)) => {}
                    other => anyhow::bail!("no sync step 2: {other:?}"),
                }
            }
            Ok(Connected {
                socket,
                doc_name: None,
            })
        }
    }
}

/// Opens a WebSocket to a `ws://host:port/…` URL from a given source address.
async fn connect_bound(url: &str, source: std::net::IpAddr) -> anyhow::Result<Socket> {
    use anyhow::Context;
    let rest = url.strip_prefix("ws://").context("a ws:// URL")?;
    let authority = rest.split('/').next().context("an address")?;
    let server: std::net::SocketAddr = authority.parse()?;
    let tcp = tokio::net::TcpSocket::new_v4()?;
    tcp.bind(std::net::SocketAddr::new(source, 0))?;
    let stream = tcp.connect(server).await?;
    stream.set_nodelay(true)?;
    let (socket, _) = tokio_tungstenite::client_async_with_config(
        url,
        tokio_tungstenite::MaybeTlsStream::Plain(stream),
        None,
    )
    .await?;
    Ok(socket)
}

/// The frame that carries `update` (a v1 update of the client's document).
pub fn update_frame(framing: Framing, doc_name: Option<&DocName>, update: Vec<u8>) -> Vec<u8> {
    match (framing, doc_name) {
        (Framing::Ovaal, Some(doc)) => ClientMessage::Sync {
            doc: doc.clone(),
            message: SyncMessage::Update(update),
        }
        .encode(),
        _ => YMessage::Sync(YSync::Update(update)).encode_v1(),
    }
}

/// Reads what a received binary frame is.
pub fn classify(framing: Framing, bytes: &[u8]) -> Received {
    let update = match framing {
        Framing::Ovaal => match ServerMessage::decode(bytes) {
            Ok(ServerMessage::Sync {
                message: SyncMessage::Update(u),
                ..
            }) => u,
            Ok(ServerMessage::Stored { count }) => return Received::Stored(count),
            _ => return Received::Other,
        },
        Framing::YWebsocket => match YMessage::decode_v1(bytes) {
            Ok(YMessage::Sync(YSync::Update(u))) => u,
            _ => return Received::Other,
        },
    };
    let Ok(update) = Update::decode_v1(&update) else {
        return Received::Other;
    };
    // One client's single change: one block, whose clock is the lower bound.
    match update.state_vector_lower().iter().next() {
        Some((client, clock)) => Received::Update {
            client: *client,
            clock: *clock,
        },
        None => Received::Other,
    }
}

/// A client's document with the one card it moves during the load.
pub struct Writer {
    pub doc: yrs::Doc,
    pub card: yrs::MapRef,
}

/// Creates a card in a new document of the client and sends it (one write, before the
/// load: the load then only moves the card, the way a person rearranges a board).
pub async fn create_card(connected: &mut Connected) -> anyhow::Result<Writer> {
    use ovaal_shared::CardId;
    use ovaal_shared::board::participant::add_card;
    use ovaal_shared::board::{CardKind, CardText, Position};
    use yrs::{Map, Out};

    let doc = ovaal_shared::board::new_doc();
    let mut random = [0u8; 16];
    getrandom::fill(&mut random)?;
    let id = CardId::from_random(random);
    let text = CardText::new("Wat zou er gebeuren als je het anders deed?")?;
    add_card(
        &doc,
        &id,
        CardKind::Question,
        &text,
        Position { x: 0.3, y: 0.7 },
        0,
    );
    let cards = doc.get_or_insert_map("cards");
    let card = match cards.get(&doc.transact(), id.as_str()) {
        Some(Out::YMap(card)) => card,
        _ => anyhow::bail!("the card just added is not in the document"),
    };
    let update = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let frame = update_frame(framing_of(connected), connected.doc_name.as_ref(), update);
    connected.socket.send(Message::Binary(frame.into())).await?;
    Ok(Writer { doc, card })
}

fn framing_of(connected: &Connected) -> Framing {
    if connected.doc_name.is_some() {
        Framing::Ovaal
    } else {
        Framing::YWebsocket
    }
}

/// The (client id, clock) of the newest item in `doc`, as [`classify`] reads it back.
pub fn newest_item(doc: &yrs::Doc) -> (ClientID, u32) {
    let client = doc.client_id();
    let clock = doc.transact().state_vector().get(&client);
    (client, clock.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_source_address_while_its_ports_suffice_then_one_per_share() {
        assert_eq!(source_address(0, PER_SOURCE_ADDRESS), None);
        assert_eq!(source_address(24_999, PER_SOURCE_ADDRESS), None);
        let total = 50_000 + 1;
        let second = std::net::IpAddr::from([127, 0, 0, 2]);
        let third = std::net::IpAddr::from([127, 0, 0, 3]);
        let fourth = std::net::IpAddr::from([127, 0, 0, 4]);
        assert_eq!(source_address(0, total), Some(second));
        assert_eq!(source_address(PER_SOURCE_ADDRESS - 1, total), Some(second));
        assert_eq!(source_address(PER_SOURCE_ADDRESS, total), Some(third));
        assert_eq!(source_address(50_000, total), Some(fourth));
    }
}
