//! A slow check that no news was lost without a trace. Every message that crosses
//! nodes can be lost (Redis away, a node killed between its commit and its publish,
//! a room's queue full), and each loss is noticed when a later position arrives —
//! but a session where nobody writes again would never see one. So every
//! [`AUDIT_EVERY`] the node asks the database, in one query, for the latest position
//! of each session live here and hands it to the room as a [`Remote::Seen`]; a room
//! that lacks something reads it then.

use std::time::Duration;

use tokio::sync::watch;

use crate::room::RoomRegistry;
use crate::room::remote::Remote;

/// Long enough to cost the database next to nothing (one small query per node), short
/// enough that a lost update shows up while people are still looking at the board.
pub const AUDIT_EVERY: Duration = Duration::from_secs(10);

pub async fn run(registry: RoomRegistry, mut shutdown: watch::Receiver<bool>) {
    let mut every = tokio::time::interval(AUDIT_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = every.tick() => {}
            _ = shutdown.changed() => return,
        }
        let live = registry.live_sessions();
        if live.is_empty() {
            continue;
        }
        match registry.store().latest_positions(live).await {
            Ok(latest) => {
                for (session, position) in latest {
                    // A busy room hears of it at the next audit.
                    let _ = registry.deliver(&session, Remote::Seen { position });
                }
            }
            Err(e) => tracing::debug!(error = %e, "audit of positions skipped"),
        }
    }
}
