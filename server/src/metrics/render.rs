//! Every figure of [`Metrics`] in the exposition format, with the live counts that
//! are read from their owners at scrape time rather than kept twice.

use ovaal_shared::board::schema::code as schema_code;
use ovaal_shared::permissions::Refusal;
use ovaal_shared::protocol::ErrorCode;

use super::Metrics;
use super::by_code::{ByCode, CODES};
use super::exposition::{Exposition, Kind};
use crate::cluster::RedisStatsSnapshot;

/// Figures owned elsewhere, read when scraped.
#[derive(Debug, Clone, Copy, Default)]
pub struct Live {
    pub connections_open: usize,
    pub rooms_live: usize,
    pub sessions_quarantined: usize,
    pub storage_healthy: bool,
    /// The fan-out's counters (`cluster::RedisStats`), on a node with `--redis-url`.
    pub redis: Option<RedisStatsSnapshot>,
}

fn is_refusal_code(code: u32) -> bool {
    Refusal::from_code(code).is_some()
        || (schema_code::MALFORMED..=schema_code::UNINDEXED).contains(&code)
}

fn is_error_code(code: u32) -> bool {
    ErrorCode::from_code(code).is_some()
}

/// A counter family split by code: every code the server knows (0 until it happens,
/// so rates work from the first scrape), and any other code that was counted.
fn by_code(out: &mut Exposition, name: &str, help: &str, counts: &ByCode, known: fn(u32) -> bool) {
    out.family(name, Kind::Counter, help);
    for code in (0u32..).take(CODES) {
        let count = counts.get(code);
        if known(code) || count > 0 {
            out.sample(name, &[("code", &code.to_string())], count as f64);
        }
    }
}

impl Metrics {
    pub fn render(&self, live: Live) -> String {
        let mut out = Exposition::default();
        out.gauge(
            "ovaal_connections_open",
            "WebSocket connections open now (handshakes included).",
            live.connections_open as f64,
        )
        .counter(
            "ovaal_connections_opened_total",
            "WebSocket connections opened since start.",
            self.connections.opened.get(),
        );
        by_code(
            &mut out,
            "ovaal_connections_refused_total",
            "Connections refused at the handshake or when joining, by protocol error code.",
            &self.connections.refused,
            is_error_code,
        );
        by_code(
            &mut out,
            "ovaal_connections_dropped_total",
            "Connections the server dropped after they joined, by protocol error code.",
            &self.connections.dropped,
            is_error_code,
        );
        out.gauge(
            "ovaal_sessions_live",
            "Sessions loaded in memory on this node (rooms).",
            live.rooms_live as f64,
        )
        .counter(
            "ovaal_sessions_loaded_total",
            "Rooms loaded since start.",
            self.rooms_loaded.get(),
        )
        .gauge(
            "ovaal_sessions_quarantined",
            "Sessions whose stored data failed; their joins are refused.",
            live.sessions_quarantined as f64,
        )
        .counter(
            "ovaal_updates_applied_total",
            "Writes checked, applied and relayed.",
            self.updates.applied.get(),
        );
        by_code(
            &mut out,
            "ovaal_updates_refused_total",
            "Writes refused, by refusal code.",
            &self.updates.refused,
            is_refusal_code,
        );
        let storage = &self.storage;
        out.counter(
            "ovaal_updates_stored_total",
            "Updates committed to the store.",
            storage.updates_stored.get(),
        )
        .counter(
            "ovaal_updates_dropped_total",
            "Updates the store gave up on (never acknowledged).",
            storage.updates_dropped.get(),
        )
        .gauge(
            "ovaal_storage_unsaved_updates",
            "Updates queued or kept for another try, not yet committed.",
            storage.unsaved() as f64,
        )
        .histogram(
            "ovaal_storage_commit_seconds",
            "Time of each successful group commit.",
            &storage.commit_latency.snapshot(),
        )
        .counter(
            "ovaal_storage_commit_failures_total",
            "Group commits that failed.",
            storage.commit_failures.get(),
        )
        .gauge(
            "ovaal_storage_healthy",
            "1 while the store keeps what it is given, else 0 (as /healthz).",
            if live.storage_healthy { 1.0 } else { 0.0 },
        )
        .counter(
            "ovaal_postgres_errors_total",
            "Errors from PostgreSQL or failures to reach it (0 with the embedded store).",
            storage.postgres_errors.get(),
        );
        let redis = live.redis.unwrap_or_default();
        out.gauge(
            "ovaal_redis_subscribed",
            "1 while this node is subscribed to the other nodes' news (0 on one node).",
            if redis.subscribed { 1.0 } else { 0.0 },
        )
        .gauge(
            "ovaal_redis_lag_seconds",
            "Delay of the latest update from another node's commit to its arrival here (0 on one node).",
            redis.last_lag_ms as f64 / 1e3,
        )
        .counter(
            "ovaal_redis_reconnects_total",
            "Times the subscription to Redis was lost and made again (0 on one node).",
            redis.reconnects,
        )
        .counter(
            "ovaal_redis_published_total",
            "Messages this node published to the other nodes.",
            redis.published,
        )
        .counter(
            "ovaal_redis_publish_failures_total",
            "Messages this node could not publish (Redis away; the database carries them).",
            redis.publish_failures,
        )
        .counter(
            "ovaal_redis_received_total",
            "Stored updates received from other nodes.",
            redis.received,
        )
        .counter(
            "ovaal_redis_gap_reads_total",
            "Reads from the database of updates the fan-out did not bring.",
            redis.gap_reads,
        );
        out.into_text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_is_present_and_known_codes_start_at_zero() {
        let metrics = Metrics::default();
        metrics.updates.refused.inc(Refusal::BoardLocked.code());
        let text = metrics.render(Live {
            connections_open: 2,
            rooms_live: 1,
            sessions_quarantined: 0,
            storage_healthy: true,
            redis: Some(RedisStatsSnapshot {
                last_lag_ms: 15,
                reconnects: 2,
                ..RedisStatsSnapshot::default()
            }),
        });
        assert!(text.contains("\novaal_connections_open 2\n"), "{text}");
        assert!(text.contains("\novaal_updates_refused_total{code=\"4\"} 1\n"));
        assert!(text.contains("\novaal_updates_refused_total{code=\"23\"} 0\n"));
        assert!(!text.contains("ovaal_updates_refused_total{code=\"0\"}"));
        assert!(text.contains("\novaal_connections_dropped_total{code=\"8\"} 0\n"));
        assert!(text.contains("\novaal_redis_lag_seconds 0.015\n"), "{text}");
        assert!(
            text.contains("\novaal_redis_reconnects_total 2\n"),
            "{text}"
        );
        assert!(text.contains("\novaal_storage_commit_seconds_count 0\n"));
    }
}
