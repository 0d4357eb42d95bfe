//! # ovaal-server
//!
//! The Ovaal server: an HTTP API to create sessions, the browser client's files, and a
//! WebSocket endpoint that keeps every session's `yrs` documents in sync between the
//! people at the table, checks who may write what, and stores every accepted update.
//!
//! ## Layout
//! - [`config`]: `Config` and `Limits`, filled by `main.rs` or by tests. `main.rs`
//!   also builds the runtime: one thread unless `--worker-threads` says otherwise.
//! - [`http`]: routes (`http::router` lists them all), session creation
//!   (`http/sessions.rs`: where a session and its links are born; who may make one and
//!   how often: `http/create_guard.rs`), static files, the headers every answer
//!   carries (`http/headers.rs`) and JSON bodies for every error (`http/json_errors.rs`).
//!   The request and response bodies are `ovaal_shared::http_api`'s types, the same the
//!   browser sends and reads.
//! - [`ws`]: the WebSocket connection: handshake (`ws/handshake.rs`: token and
//!   participant key checks) and the read/write loops.
//! - [`room`]: one task per live session owning its documents; the permission check
//!   on every write happens in `room/task.rs` (`Room::write`) using
//!   `ovaal_shared::permissions::may_write`.
//! - [`storage`]: the `Storage` trait, the SQLite and PostgreSQL backends and the
//!   writer thread.
//! - [`cluster`]: several nodes on one PostgreSQL and one Redis: stored updates
//!   published with their positions, applied by the other nodes' rooms
//!   (`room/remote.rs`), gaps read from the database; presence and facilitators'
//!   actions (`room/action.rs`) travel too.
//! - [`carry`]: what a session hands to the next one of its arc.
//! - [`export`]: the harvest: JSON (re-importable), Markdown, CSV, SVG, PNG and PDF
//!   from the stored documents; the import; `ovaal export`.
//! - [`metrics`]: what a node counts (connections, rooms, writes, storage, Redis)
//!   and `GET /metrics` in the Prometheus text format; fed where things happen
//!   (`ws/connection.rs`, `room/write.rs`, `room/registry.rs`, `storage/worker.rs`).
//! - [`logs`]: the log's format (`--log-format text|json`) and its colours.
//! - [`retention`]: deleting ended sessions after the configured number of days.
//! - [`time_zone`]: the session's time zone, for times people read.
//! - [`tokens`]: capability tokens and their hashes.
//! - [`error`]: `AppError`, the HTTP API's one error type.
//!
//! A message's path: socket → `ws::connection` (decode) → room queue →
//! `room::task` (check, apply, relay to others, append to storage).
//!
//! Tests and the binary start the server with [`run`] on a listener they bound
//! themselves, and stop it with the `shutdown` future.

pub mod carry;
pub mod cluster;
pub mod config;
pub mod error;
pub mod export;
pub mod http;
pub mod logs;
pub mod metrics;
pub mod retention;
pub mod room;
pub mod state;
pub mod storage;
pub mod time_zone;
pub mod tokens;
pub mod ws;

use std::future::Future;
use std::net::SocketAddr;

use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use config::{Config, Limits};
pub use state::AppState;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Storage(#[from] storage::StorageError),
    #[error("the listener failed: {0}")]
    Io(#[from] std::io::Error),
    /// Redis carries updates between nodes, but only the database keeps them.
    #[error(
        "--redis-url (OVAAL_REDIS_URL) needs --database-url (OVAAL_DATABASE_URL): \
         nodes share sessions through PostgreSQL, Redis only carries news between them"
    )]
    RedisWithoutDatabase,
}

/// The axum application for a state (for tests that drive the router directly).
pub fn app(state: AppState) -> axum::Router {
    http::router(state)
}

/// The store the configuration names: PostgreSQL with `--database-url`, else the
/// embedded SQLite store. Opening blocks (PostgreSQL's client runs its own small
/// runtime, which may not start inside this one), so it runs on a blocking thread.
async fn open_backend(config: &Config) -> Result<Box<dyn storage::Storage>, ServerError> {
    let (database, data_dir) = (config.database.clone(), config.data_dir.clone());
    let opened = tokio::task::spawn_blocking(move || -> Result<_, storage::StorageError> {
        Ok(match database {
            Some(url) => {
                tracing::info!(database = %url.describe(), "storing in PostgreSQL");
                Box::new(storage::postgres::PostgresStorage::open(&url)?)
                    as Box<dyn storage::Storage>
            }
            None => Box::new(storage::sqlite::SqliteStorage::open(&data_dir)?),
        })
    })
    .await
    .map_err(|e| std::io::Error::other(format!("opening the store stopped: {e}")))?;
    Ok(opened?)
}

/// Serves `GET /metrics` on a listener of its own (`--metrics-bind`) until the server
/// shuts down. Bound before the main listener serves, so a wrong address fails the
/// start rather than going unnoticed.
async fn serve_metrics(address: SocketAddr, state: AppState) -> Result<(), ServerError> {
    let listener = TcpListener::bind(address).await.map_err(|e| {
        std::io::Error::new(e.kind(), format!("cannot serve metrics on {address}: {e}"))
    })?;
    tracing::info!(address = %listener.local_addr()?, "metrics on their own listener");
    let mut shutdown = state.shutdown();
    let app = metrics::http::own_listener(state);
    tokio::spawn(async move {
        let stopped = async move {
            let _ = shutdown.wait_for(|down| *down).await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::error!(error = %e, "the metrics listener failed");
        }
    });
    Ok(())
}

/// Serves until `shutdown` completes, then closes every connection with a
/// "shutting down" message, waits until each room has handed its updates to storage,
/// and waits until storage has written them. Returns only when all is on disk.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let base_url = match &config.public_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => format!("http://{}", listener.local_addr()?),
    };
    if config.redis.is_some() && config.database.is_none() {
        return Err(ServerError::RedisWithoutDatabase);
    }
    let backend = open_backend(&config).await?;
    let cluster = config.redis.clone().map(cluster::Cluster::new);
    // The storage thread ends by itself once the last handle is dropped; shutdown
    // waits for its queue with `flush`, not for the thread.
    let sink = cluster.as_ref().map(cluster::Cluster::commit_sink);
    let (store, _storage_thread) =
        storage::worker::spawn_with_sink(backend, sink, config.commit_window);
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let link = cluster.as_ref().map(cluster::Cluster::link);
    let state = AppState::in_cluster(config, base_url, store.clone(), shutdown_rx, link);
    if let Some(cluster) = cluster {
        cluster.start(state.rooms().clone(), state.shutdown());
    }

    tokio::spawn(retention::run(state.clone(), state.config().retention_days));
    if let Some(address) = state.config().metrics_bind {
        serve_metrics(address, state.clone()).await?;
    }
    let router = app(state.clone());
    let signal = async move {
        shutdown.await;
        let _ = shutdown_tx.send(true);
    };
    // Small frames must leave at once: with Nagle's algorithm a relay can wait for the
    // peer's delayed ACK (~40 ms).
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "cannot disable Nagle's algorithm");
        }
    });
    // The peer address is what wrong join codes are counted against (`http::client_ip`).
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(signal)
        .await?;

    tracing::info!("shutting down: closing connections");
    state.connections().wait_idle().await;
    for room in state.rooms().all() {
        let (done, drained) = tokio::sync::oneshot::channel();
        if room
            .tx
            .send(room::RoomCommand::Drain { done })
            .await
            .is_ok()
        {
            let _ = drained.await;
        }
    }
    store.flush().await?;
    tracing::info!("all updates stored; bye");
    Ok(())
}
