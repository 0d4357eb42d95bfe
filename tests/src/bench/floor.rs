//! The relay floor: the least a relay server must do, as a server of its own, so the
//! benchmark can tell how much of a server's CPU per delivery is the work no server
//! avoids — accepting WebSockets, reading each frame and writing it, once, to every
//! other connection of its room (the kernel's send path above all).
//!
//! No CRDT, no storage, no checks: a frame is relayed byte for byte. It speaks just
//! enough of y-websocket's framing for the load client: a sync step 1 (`0, 0, …`) is
//! answered with an empty step 2, everything else is relayed. One thread (a
//! current-thread runtime), one task per connection that reads and one that writes
//! what others queued for it, flushing once per batch: one `send` per delivery unless
//! several are queued at once.
//!
//! It runs in its own process (`ovaal-bench --floor-serve ADDR`), like the servers it
//! is compared with, so its CPU time and memory are its own.

use std::cell::RefCell;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::rc::Rc;

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// y-protocols: message type sync (0), step 2 (1), an empty v1 update (2 bytes: no
/// structs, empty delete set).
const EMPTY_STEP2: [u8; 5] = [0, 1, 2, 0, 0];

/// Each room's connections, by the path they asked for.
type Rooms = Rc<RefCell<HashMap<String, Vec<(u64, mpsc::UnboundedSender<Bytes>)>>>>;

/// Serves until the process is killed.
pub fn serve(addr: SocketAddr) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        let listener = TcpListener::bind(addr).await?;
        let rooms = Rooms::default();
        let mut next_id = 0u64;
        loop {
            let (stream, _) = listener.accept().await?;
            stream.set_nodelay(true)?;
            next_id += 1;
            tokio::task::spawn_local(connection(stream, rooms.clone(), next_id));
        }
    })
}

// The handshake callback's error type is tungstenite's (an HTTP response).
#[allow(clippy::result_large_err)]
async fn connection(stream: TcpStream, rooms: Rooms, id: u64) {
    let mut path = String::new();
    // A small read buffer, as Ovaal's (tungstenite's default reserves 128 KiB a
    // connection up front).
    let config = WebSocketConfig::default().read_buffer_size(256);
    let accepted = tokio_tungstenite::accept_hdr_async_with_config(
        stream,
        |request: &Request, response| {
            path = request.uri().path().to_owned();
            Ok::<Response, _>(response)
        },
        Some(config),
    )
    .await;
    let Ok(socket) = accepted else { return };
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Bytes>();
    rooms
        .borrow_mut()
        .entry(path.clone())
        .or_default()
        .push((id, tx.clone()));
    let writer = tokio::task::spawn_local(async move {
        while let Some(frame) = rx.recv().await {
            if sink.feed(Message::Binary(frame)).await.is_err() {
                return;
            }
            while let Ok(more) = rx.try_recv() {
                if sink.feed(Message::Binary(more)).await.is_err() {
                    return;
                }
            }
            if sink.flush().await.is_err() {
                return;
            }
        }
    });
    while let Some(Ok(message)) = stream.next().await {
        let Message::Binary(frame) = message else {
            continue;
        };
        if frame.starts_with(&[0, 0]) {
            let _ = tx.send(Bytes::from_static(&EMPTY_STEP2));
            continue;
        }
        if let Some(room) = rooms.borrow().get(&path) {
            for (other, queue) in room {
                if *other != id {
                    let _ = queue.send(frame.clone());
                }
            }
        }
    }
    if let Some(room) = rooms.borrow_mut().get_mut(&path) {
        room.retain(|(other, _)| *other != id);
    }
    writer.abort();
}
