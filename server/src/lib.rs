//! # ovaal-server
//!
//! The Ovaal server: an HTTP API to create sessions, the browser client's files, and a
//! WebSocket endpoint that keeps every session's `yrs` documents in sync between the
//! people at the table, checks who may write what, and stores every accepted update.
//!
//! ## Layers
//! Each layer calls the ones below it. Nothing outside `http` and `ws` imports from
//! them.
//!
//! 1. **Transports** — [`http`] (the JSON API, the export and import routes, static
//!    files; `http::router` lists every route) and [`ws`] (the WebSocket connection).
//!    They read a request or a frame, find out who is asking, and call the layers
//!    below. No session logic here.
//! 2. **Services** — [`session`]: every operation on a session (lookup, creation and
//!    its links, access by token, ending, deleting, removing a person, the next
//!    session of an arc, join codes), called by HTTP, the WebSocket handshake, the
//!    import, [`retention`] and `ovaal export`. [`room`]: the live session; its
//!    [`room::core::RoomCore`] decides everything without I/O (commands in, effects
//!    out) and `room/task.rs` only waits around it. [`cluster`]: several nodes on one
//!    PostgreSQL and one Redis; it hands rooms the other nodes' updates, presence and
//!    facilitators' actions (`room/remote.rs`, `room/action.rs`) and publishes
//!    theirs. [`export`]: the harvest (JSON, Markdown, CSV, SVG, PNG, PDF) from
//!    stored documents, the import, `ovaal export`.
//! 3. **Below** — [`storage`] (the `Storage` trait, SQLite and PostgreSQL, the writer
//!    thread), [`gate`] (rate limits and the creation secret), [`metrics`] (what a
//!    node counts, `GET /metrics`), and plain types: [`config`] (`main.rs` builds
//!    the runtime from it: one thread unless `--worker-threads` says otherwise),
//!    [`error`] (`AppError`, the HTTP API's one error type), [`close_reason`] (why a
//!    connection closes), [`clock`], [`tokens`], [`time_zone`], [`logs`]. [`state`]'s
//!    `AppState` is the handle every layer is given (store, rooms, limits, metrics).

//! ## Where things happen
//! - **A session and its links are born** in `session/create.rs`
//!   (`store_session`; a new session, an import and the next one of an arc all go
//!   through it); the facilitator's further links in `session/links.rs`. Who may make
//!   one and how often: `http/create_guard.rs` with `gate/`.
//! - **A card is created** in the browser (`shared/src/board/participant.rs`,
//!   `add_card`) and reaches the server as a write to its author's document.
//! - **A message flows** socket → `ws/connection.rs` (decode) → the room's queue →
//!   `room/task.rs` → `RoomCore::handle` (`room/core.rs`) → for a write,
//!   `room/write.rs` (check, apply, relay to the readers' outboxes, an
//!   `Effect::Store`) → `room/task.rs` hands it to storage (`storage/worker.rs`) →
//!   once on disk the writer's acknowledgement; with `--redis-url`, after the
//!   commit, to the other nodes (`cluster/`, applied there by `room/remote.rs`).
//! - **A write's permission is checked** in `room/write.rs` (`RoomCore::admit`) with
//!   `ovaal_shared::permissions::may_write_in`, which the browser uses too; who may
//!   read a document (private rounds) with `may_read`, in `room/fanout.rs` and on a
//!   reveal in `room/core.rs` (`policy_changed`). An HTTP request's caller is checked
//!   in `http/auth.rs` (token → link, `session/access.rs`); a WebSocket's in
//!   `ws/handshake.rs`.
//! - **A connection is closed** with a [`close_reason::CloseReason`]: refused by
//!   the handshake, a bad frame (`ws/connection.rs`), or dropped by the room
//!   (`room/fanout.rs`: too slow, revoked, removed, deleted, shutting down).
//! - **The HTTP routes** are listed in `http::router`; the request and response
//!   bodies are `ovaal_shared::http_api`'s types, the same the browser sends and
//!   reads. What a node counts: [`metrics`] (`GET /metrics`), fed in
//!   `ws/connection.rs`, `room/write.rs`, `room/registry.rs`, `storage/worker.rs`.
//!
//! ## Errors
//! Errors are types: each layer has its `thiserror` enum (`ServerError` below,
//! `error::AppError`, `storage::StorageError`, the protocol's `DecodeError`, ...) and
//! passes it on with `?`. Nothing a client sends may panic the server: the workspace
//! denies `unwrap`/`expect` outside tests and narrowing `as` casts (`Cargo.toml`,
//! `[workspace.lints.clippy]`), so what cannot fail says so in its type (`let ... else`,
//! `try_from`, a saturating conversion from `ovaal_shared::float` with the reason it fits).
//!
//! Tests and the binary start the server with [`run`] on a listener they bound
//! themselves, and stop it with the `shutdown` future.

pub mod clock;
pub mod close_reason;
pub mod cluster;
pub mod config;
pub mod error;
pub mod export;
pub mod gate;
pub mod http;
pub mod logs;
pub mod metrics;
pub mod retention;
pub mod room;
pub mod session;
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
