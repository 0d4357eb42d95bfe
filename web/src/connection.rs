//! The WebSocket: opening it, moving binary frames, and reconnecting with backoff.
//!
//! This module knows nothing of the protocol; it reports [`ConnEvent`]s to one handler
//! (the board), which answers with frames and can [`Connection::stop`] reconnecting
//! when the server said retrying is pointless. Every socket gets a generation number
//! and its callbacks check it, so a late event from a replaced socket is ignored.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{BinaryType, CloseEvent, Event, MessageEvent, WebSocket};

use crate::backoff::Backoff;
use crate::browser;
use crate::dom::{js_message, log_error};
use crate::liveness::{self, Liveness, Verdict};

/// How long a socket may take from opening to the server's welcome before we give up
/// on it and try again (a half-open network path can otherwise hang for minutes).
const HANDSHAKE_TIMEOUT_MS: f64 = 15_000.0;

#[derive(Debug, Clone, PartialEq)]
pub enum ConnEvent {
    /// The socket is open: send the first frame.
    Open,
    /// One binary frame from the server.
    Frame(Vec<u8>),
    /// The socket closed (WebSocket close code). Unless stopped, a retry follows.
    Closed { code: u16 },
    /// A retry is scheduled; `attempt` counts from 1 since the last success.
    Retrying { attempt: u32 },
    /// Nothing arrived for a while: send a frame the server answers (a ping).
    Quiet,
}

type Handler = Rc<dyn Fn(ConnEvent)>;

/// One live socket and the callbacks JavaScript holds for it.
struct Socket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut(Event)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Drop for Socket {
    fn drop(&mut self) {
        // Detach first: JavaScript must not call a closure after Rust freed it.
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}

pub struct Connection {
    url: String,
    handler: RefCell<Option<Handler>>,
    socket: RefCell<Option<Socket>>,
    generation: Cell<u64>,
    backoff: RefCell<Backoff>,
    retry_timer: Cell<Option<i32>>,
    handshake_timer: Cell<Option<i32>>,
    /// The silence on the welcomed socket; `None` before the welcome.
    liveness: Cell<Option<Liveness>>,
    stopped: Cell<bool>,
}

impl Connection {
    pub fn new(url: String) -> Rc<Self> {
        Rc::new(Self {
            url,
            handler: RefCell::new(None),
            socket: RefCell::new(None),
            generation: Cell::new(0),
            backoff: RefCell::new(Backoff::default()),
            retry_timer: Cell::new(None),
            handshake_timer: Cell::new(None),
            liveness: Cell::new(None),
            stopped: Cell::new(false),
        })
    }

    /// Watches the welcomed socket for silence, for the life of the page.
    pub fn watch(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        browser::set_interval(liveness::CHECK_EVERY_MS, move || {
            if let Some(conn) = weak.upgrade() {
                conn.check_liveness();
            }
        });
    }

    fn check_liveness(self: &Rc<Self>) {
        let Some(mut watch) = self.liveness.get() else {
            return;
        };
        let verdict = watch.check(browser::now_ms());
        self.liveness.set(Some(watch));
        match verdict {
            Verdict::Fine => {}
            Verdict::Ping => self.emit(ConnEvent::Quiet),
            Verdict::Dead => {
                log_error("websocket", &"the server went silent; reconnecting");
                self.socket_closed(4000);
            }
        }
    }

    /// The network is gone (the browser says so): give the socket up now rather than
    /// wait for its silence; a retry follows and succeeds once the network is back.
    pub fn drop_socket(self: &Rc<Self>) {
        if self.socket.borrow().is_some() {
            self.socket_closed(4000);
        }
    }

    pub fn set_handler(&self, handler: impl Fn(ConnEvent) + 'static) {
        *self.handler.borrow_mut() = Some(Rc::new(handler));
    }

    fn emit(&self, event: ConnEvent) {
        // Clone the handler out so it may call back into this connection.
        let handler = self.handler.borrow().clone();
        if let Some(handler) = handler {
            handler(event);
        }
    }

    /// Opens a new socket now, replacing any old one.
    pub fn connect(self: &Rc<Self>) {
        if self.stopped.get() {
            return;
        }
        clear(&self.retry_timer);
        clear(&self.handshake_timer);
        self.socket.borrow_mut().take();
        let generation = self.generation.get() + 1;
        self.generation.set(generation);

        let ws = match WebSocket::new(&self.url) {
            Ok(ws) => ws,
            Err(e) => {
                log_error("websocket", &js_message(&e));
                self.schedule_retry();
                return;
            }
        };
        ws.set_binary_type(BinaryType::Arraybuffer);

        let weak = Rc::downgrade(self);
        let on_open = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
            if let Some(conn) = current(&weak, generation) {
                conn.emit(ConnEvent::Open);
            }
        });
        let weak = Rc::downgrade(self);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(conn) = current(&weak, generation) else {
                return;
            };
            conn.heard();
            match event.data().dyn_into::<js_sys::ArrayBuffer>() {
                Ok(buffer) => {
                    conn.emit(ConnEvent::Frame(js_sys::Uint8Array::new(&buffer).to_vec()))
                }
                Err(_) => log_error(
                    "websocket",
                    &"ignored a text frame (the protocol is binary)",
                ),
            }
        });
        let weak = Rc::downgrade(self);
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            if let Some(conn) = current(&weak, generation) {
                conn.socket_closed(event.code());
            }
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        *self.socket.borrow_mut() = Some(Socket {
            ws,
            _on_open: on_open,
            _on_message: on_message,
            _on_close: on_close,
        });

        let weak = Rc::downgrade(self);
        let timer = browser::set_timeout(HANDSHAKE_TIMEOUT_MS, move || {
            if let Some(conn) = current(&weak, generation) {
                conn.handshake_timer.set(None);
                log_error("websocket", &"no welcome in time; reconnecting");
                conn.socket_closed(4000);
            }
        });
        self.handshake_timer.set(timer);
    }

    fn heard(&self) {
        if let Some(mut watch) = self.liveness.get() {
            watch.heard(browser::now_ms());
            self.liveness.set(Some(watch));
        }
    }

    fn socket_closed(self: &Rc<Self>, code: u16) {
        clear(&self.handshake_timer);
        self.liveness.set(None);
        // We may be inside one of the old socket's own callbacks: free them on the
        // next tick rather than while they run.
        let old = self.socket.borrow_mut().take();
        browser::set_timeout(0.0, move || drop(old));
        // Bump the generation so nothing from the old socket arrives any more.
        self.generation.set(self.generation.get() + 1);
        self.emit(ConnEvent::Closed { code });
        if !self.stopped.get() {
            self.schedule_retry();
        }
    }

    fn schedule_retry(self: &Rc<Self>) {
        clear(&self.retry_timer);
        let delay = self
            .backoff
            .borrow_mut()
            .next_delay_ms(browser::random_unit());
        let attempt = self.backoff.borrow().attempt();
        let weak = Rc::downgrade(self);
        let timer = browser::set_timeout(delay, move || {
            if let Some(conn) = weak.upgrade() {
                conn.retry_timer.set(None);
                conn.connect();
            }
        });
        self.retry_timer.set(timer);
        self.emit(ConnEvent::Retrying { attempt });
    }

    /// The server welcomed us: the next failure starts the backoff afresh.
    pub fn established(&self) {
        clear(&self.handshake_timer);
        self.liveness.set(Some(Liveness::new(browser::now_ms())));
        self.backoff.borrow_mut().reset();
    }

    /// Retries immediately if we are waiting to retry (the browser came back online).
    pub fn retry_now(self: &Rc<Self>) {
        if !self.stopped.get() && self.socket.borrow().is_none() {
            self.connect();
        }
    }

    /// Gives up for good: the server said retrying cannot help.
    pub fn stop(&self) {
        self.stopped.set(true);
        self.liveness.set(None);
        clear(&self.retry_timer);
        clear(&self.handshake_timer);
    }

    /// Sends one frame if the socket is open; returns whether it was sent. Frames
    /// that cannot be sent are not queued: the next handshake resynchronises.
    pub fn send(&self, frame: &[u8]) -> bool {
        let socket = self.socket.borrow();
        let Some(socket) = socket.as_ref() else {
            return false;
        };
        if socket.ws.ready_state() != WebSocket::OPEN {
            return false;
        }
        match socket.ws.send_with_u8_array(frame) {
            Ok(()) => true,
            Err(e) => {
                log_error("websocket send", &js_message(&e));
                false
            }
        }
    }
}

/// The connection, if it still exists and `generation` is its current socket.
fn current(weak: &Weak<Connection>, generation: u64) -> Option<Rc<Connection>> {
    weak.upgrade()
        .filter(|conn| conn.generation.get() == generation)
}

fn clear(timer: &Cell<Option<i32>>) {
    if let Some(handle) = timer.take() {
        browser::clear_timeout(handle);
    }
}
