//! Shared server state handed to every handler.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use tokio::sync::{Notify, watch};

use crate::cluster::shared_limit::SharedLimiter;
use crate::cluster::{ClusterLink, RedisStatsSnapshot};
use crate::config::Config;
use crate::gate::client_limit::ClientLimiter;
use crate::gate::{create_limit, join_limit};
use crate::metrics::{Live, Metrics};
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
    join_limiter: ClientLimiter,
    /// Wrong join codes counted for all nodes together (with `--redis-url`).
    shared_join_limiter: Option<SharedLimiter>,
    create_limiter: ClientLimiter,
    metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(
        config: Config,
        base_url: String,
        store: StoreHandle,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        Self::in_cluster(config, base_url, store, shutdown, None)
    }

    /// A node that shares its sessions with others over `cluster` (when `Some`).
    pub fn in_cluster(
        config: Config,
        base_url: String,
        store: StoreHandle,
        shutdown: watch::Receiver<bool>,
        cluster: Option<ClusterLink>,
    ) -> Self {
        let metrics = Arc::new(Metrics::new(store.metrics().clone()));
        let rooms = RoomRegistry::in_cluster(
            store.clone(),
            config.limits.clone(),
            metrics.clone(),
            cluster,
        );
        let now = std::time::Instant::now();
        let join_limiter = join_limit::limiter(config.limits.join_codes.clone(), now);
        let create_limiter = create_limit::limiter(config.limits.session_creation.clone(), now);
        let shared_join_limiter = config
            .redis
            .as_ref()
            .and_then(|url| SharedLimiter::new(url, "join", config.limits.join_codes.clone()));
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
                shared_join_limiter,
                create_limiter,
                metrics,
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
    pub fn join_limiter(&self) -> &ClientLimiter {
        &self.inner.join_limiter
    }
    /// Counts wrong join codes for the whole cluster, when this node is one of several.
    pub fn shared_join_limiter(&self) -> Option<&SharedLimiter> {
        self.inner.shared_join_limiter.as_ref()
    }
    /// Counts new sessions (create, import, next session of an arc).
    pub fn create_limiter(&self) -> &ClientLimiter {
        &self.inner.create_limiter
    }
    /// The fan-out's counters, when this node is one of several (`--redis-url`).
    pub fn redis_stats(&self) -> Option<RedisStatsSnapshot> {
        self.inner
            .rooms
            .cluster()
            .map(|link| link.stats().snapshot())
    }

    /// What this node counts for `GET /metrics`.
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.inner.metrics
    }
    /// The figures `/metrics` reads from their owners when scraped.
    pub fn live_figures(&self) -> Live {
        Live {
            connections_open: self.connections().open(),
            rooms_live: self.rooms().live_rooms(),
            sessions_quarantined: self.quarantine().len(),
            storage_healthy: self.store().health().is_ok(),
            redis: self.redis_stats(),
        }
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
