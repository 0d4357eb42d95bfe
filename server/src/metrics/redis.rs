//! What the fan-out between nodes reports: how far behind this node reads the other
//! nodes' updates, and how often it had to reconnect to Redis. On a single node (no
//! `--redis-url`) nothing calls these and both read 0.

use std::time::Duration;

use super::counter::{Counter, Gauge};

#[derive(Debug, Default)]
pub struct RedisMetrics {
    lag_micros: Gauge,
    reconnects: Counter,
}

impl RedisMetrics {
    /// The latest lag seen: from an update's publication by another node to its
    /// arrival here.
    pub fn lag(&self, lag: Duration) {
        self.lag_micros
            .set(u64::try_from(lag.as_micros()).unwrap_or(u64::MAX));
    }

    /// The connection to Redis was lost and made again.
    pub fn reconnected(&self) {
        self.reconnects.inc();
    }

    pub fn lag_seconds(&self) -> f64 {
        self.lag_micros.get() as f64 / 1e6
    }

    pub fn reconnects(&self) -> u64 {
        self.reconnects.get()
    }
}
