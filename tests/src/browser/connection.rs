//! The CDP WebSocket. Commands carry an id and get exactly one response with that id;
//! everything else is an event. Pages share the browser's single socket using flattened
//! sessions (`sessionId` on each message), so one reader task routes responses to the
//! waiting caller and events to the subscribers of their session.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message;

/// How long one command may take before the test fails instead of hanging.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// An event from the browser, e.g. `Runtime.exceptionThrown`.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub method: String,
    pub params: Value,
}

type Reply = oneshot::Sender<Result<Value, String>>;

#[derive(Default)]
struct State {
    pending: HashMap<u64, Reply>,
    subscribers: Vec<(Option<String>, mpsc::UnboundedSender<Event>)>,
    /// Why the connection ended, once it has.
    closed: Option<String>,
}

pub(crate) struct Connection {
    outgoing: mpsc::UnboundedSender<Message>,
    state: Arc<Mutex<State>>,
    next_id: AtomicU64,
}

impl Connection {
    /// Connects to a `ws://` DevTools URL and starts the reader and writer tasks.
    pub async fn connect(url: &str) -> Result<Connection> {
        let (socket, _) = tokio_tungstenite::connect_async(url)
            .await
            .with_context(|| format!("cannot connect to Chromium's DevTools at {url}"))?;
        let (mut sink, mut stream) = socket.split();
        let (outgoing, mut to_send) = mpsc::unbounded_channel::<Message>();
        tokio::spawn(async move {
            while let Some(message) = to_send.recv().await {
                if sink.send(message).await.is_err() {
                    break;
                }
            }
            let _ = sink.close().await;
        });
        let state = Arc::new(Mutex::new(State::default()));
        let reader_state = Arc::clone(&state);
        tokio::spawn(async move {
            let reason = loop {
                match stream.next().await {
                    Some(Ok(Message::Text(text))) => dispatch(&reader_state, text.as_str()),
                    Some(Ok(Message::Close(_))) | None => {
                        break "the browser closed the connection".to_string();
                    }
                    Some(Ok(_)) => {}
                    Some(Err(err)) => break format!("DevTools connection error: {err}"),
                };
            };
            let mut state = lock(&reader_state);
            for (_, reply) in state.pending.drain() {
                let _ = reply.send(Err(reason.clone()));
            }
            state.subscribers.clear();
            state.closed = Some(reason);
        });
        Ok(Connection {
            outgoing,
            state,
            next_id: AtomicU64::new(1),
        })
    }

    /// Sends a command (to a page's session, or to the browser when `session` is `None`)
    /// and returns its `result`, or the browser's error message as an error.
    pub async fn call(&self, session: Option<&str>, method: &str, params: Value) -> Result<Value> {
        let (reply, response) = oneshot::channel();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        {
            let mut state = lock(&self.state);
            if let Some(reason) = &state.closed {
                bail!("cannot send {method}: {reason}");
            }
            state.pending.insert(id, reply);
        }
        self.send(id, session, method, params)?;
        match tokio::time::timeout(COMMAND_TIMEOUT, response).await {
            Ok(Ok(Ok(result))) => Ok(result),
            Ok(Ok(Err(message))) => Err(anyhow!("{method} failed: {message}")),
            Ok(Err(_)) => Err(anyhow!("{method}: the connection ended without a response")),
            Err(_) => {
                lock(&self.state).pending.remove(&id);
                Err(anyhow!(
                    "{method} got no response within {COMMAND_TIMEOUT:?}"
                ))
            }
        }
    }

    /// Sends a command without waiting for the response; for clean-up in `Drop`.
    pub fn call_detached(&self, session: Option<&str>, method: &str, params: Value) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let _ = self.send(id, session, method, params);
    }

    /// Events of one session (`None`: browser-level events), from now on, until the
    /// receiver is dropped.
    pub fn subscribe(&self, session: Option<&str>) -> mpsc::UnboundedReceiver<Event> {
        let (sender, receiver) = mpsc::unbounded_channel();
        lock(&self.state)
            .subscribers
            .push((session.map(str::to_owned), sender));
        receiver
    }

    fn send(&self, id: u64, session: Option<&str>, method: &str, params: Value) -> Result<()> {
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.outgoing
            .send(Message::text(message.to_string()))
            .map_err(|_| anyhow!("cannot send {method}: the DevTools connection is closed"))
    }
}

/// Routes one incoming message: a response to its caller, an event to its subscribers.
fn dispatch(state: &Mutex<State>, text: &str) {
    let Ok(message) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let mut state = lock(state);
    if let Some(id) = message.get("id").and_then(Value::as_u64) {
        if let Some(reply) = state.pending.remove(&id) {
            let outcome = match message.get("error") {
                Some(error) => Err(error_text(error)),
                None => Ok(message.get("result").cloned().unwrap_or(Value::Null)),
            };
            let _ = reply.send(outcome);
        }
        return;
    }
    let Some(method) = message.get("method").and_then(Value::as_str) else {
        return;
    };
    let session = message.get("sessionId").and_then(Value::as_str);
    let event = Event {
        method: method.to_string(),
        params: message.get("params").cloned().unwrap_or(Value::Null),
    };
    state.subscribers.retain(|(wanted, sender)| {
        if wanted.as_deref() != session {
            return !sender.is_closed();
        }
        sender.send(event.clone()).is_ok()
    });
}

fn error_text(error: &Value) -> String {
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("unknown error");
    match error.get("data").and_then(Value::as_str) {
        Some(data) => format!("{message} ({data})"),
        None => message.to_string(),
    }
}

/// The state is only touched briefly and never across an `.await`; a panic elsewhere
/// does not make it unusable.
fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
