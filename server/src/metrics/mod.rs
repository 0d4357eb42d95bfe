//! What a node counts for its operators, and `GET /metrics` in the Prometheus text
//! format.
//!
//! Written by hand rather than with a metrics crate: the figures are a dozen counters,
//! gauges and one histogram whose only labels are small numeric codes the server
//! defines itself. The `prometheus` crate brings a registry, protobuf support and
//! global state; `metrics` with its exporter brings its own HTTP server and a recorder
//! of dynamic label sets. Neither is needed to add to an atomic and print a few lines,
//! and a fixed set of fields cannot grow a label set without bound (no session id can
//! become a label, because no field takes one).
//!
//! - `counter`: [`Counter`] and [`Gauge`], one relaxed atomic each.
//! - `by_code`: counters split by a bounded numeric code.
//! - `histogram`: fixed-bucket latency histogram.
//! - [`storage`]: the storage thread's figures (fed in `storage::worker`).
//! - `connections`, `updates`: fed by `ws::connection` and the room task.
//! - The fan-out's figures are `cluster::RedisStats`, kept by the Redis code and
//!   read when scraped (`Live::redis`).
//! - `exposition`: the text format; `render`: every figure into it.
//! - `http`: the `GET /metrics` handler, and its own listener (`--metrics-bind`).

mod by_code;
mod connections;
mod counter;
pub mod exposition;
mod histogram;
pub mod http;
mod render;
pub mod storage;
mod updates;

use std::sync::Arc;

pub use by_code::ByCode;
pub use connections::ConnectionMetrics;
pub use counter::{Counter, Gauge};
pub use histogram::{Histogram, Snapshot};
pub use render::Live;
pub use storage::StorageMetrics;
pub use updates::UpdateMetrics;

/// Every figure of one node. Held in `AppState` (one per server, so several servers
/// in one test process count apart); cheap to touch from any task or thread.
#[derive(Debug, Default)]
pub struct Metrics {
    pub connections: ConnectionMetrics,
    pub updates: UpdateMetrics,
    /// Rooms (live sessions) loaded since start.
    pub rooms_loaded: Counter,
    /// Shared with the storage thread, which was started before the state.
    pub storage: Arc<StorageMetrics>,
}

impl Metrics {
    pub fn new(storage: Arc<StorageMetrics>) -> Self {
        Self {
            storage,
            ..Self::default()
        }
    }
}
