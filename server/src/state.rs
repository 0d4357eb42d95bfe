//! Shared server state handed to every handler.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use tokio::sync::{Notify, watch};

use crate::config::Config;
use crate::http::join_limit::JoinLimiter;
use crate::room::{ConnId, RoomRegistry};
use crate::storage::StoreHandle;
use crate::storage::quarantine::Quarantine;

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    base_url: String,
    store: StoreHandle,
    rooms: RoomRegistry,
    shutdown: watch::Receiver<bool>,
    connections: ConnectionTracker,
    next_conn: AtomicU64,
    join_limiter: JoinLimiter,
}

impl AppState {
    pub fn new(
        config: Config,
        base_url: String,
        store: StoreHandle,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        let rooms = RoomRegistry::new(store.clone(), config.limits.clone());
        let join_limiter =
            JoinLimiter::new(config.limits.join_codes.clone(), std::time::Instant::now());
        Self {
            inner: Arc::new(Inner {
                config,
                base_url,
                store,
                rooms,
                shutdown,
                connections: ConnectionTracker::default(),
                next_conn: AtomicU64::new(1),
                join_limiter,
            }),
        }
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }
    /// What links start with (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
    pub fn store(&self) -> &StoreHandle {
        &self.inner.store
    }
    pub fn rooms(&self) -> &RoomRegistry {
        &self.inner.rooms
    }
    /// Sessions whose data failed: their joins and exports are refused.
    pub fn quarantine(&self) -> &Quarantine {
        self.inner.store.quarantine()
    }
    /// Becomes `true` when the server is shutting down.
    pub fn shutdown(&self) -> watch::Receiver<bool> {
        self.inner.shutdown.clone()
    }
    pub fn connections(&self) -> &ConnectionTracker {
        &self.inner.connections
    }
    /// Counts wrong join codes (`GET /api/join/{code}`).
    pub fn join_limiter(&self) -> &JoinLimiter {
        &self.inner.join_limiter
    }
    pub fn next_conn_id(&self) -> ConnId {
        self.inner.next_conn.fetch_add(1, Ordering::Relaxed)
    }
}

/// Counts open WebSocket connections so shutdown can wait until each has said goodbye
/// (upgraded sockets are not tracked by the HTTP server's graceful shutdown).
#[derive(Default)]
pub struct ConnectionTracker {
    open: AtomicUsize,
    changed: Notify,
}

pub struct ConnectionGuard<'a>(&'a ConnectionTracker);

impl ConnectionTracker {
    pub fn track(&self) -> ConnectionGuard<'_> {
        self.open.fetch_add(1, Ordering::SeqCst);
        ConnectionGuard(self)
    }

    pub fn open(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }

    pub async fn wait_idle(&self) {
        loop {
            let changed = self.changed.notified();
            if self.open() == 0 {
                return;
            }
            changed.await;
        }
    }
}

impl Drop for ConnectionGuard<'_> {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
        self.0.changed.notify_waiters();
    }
}
