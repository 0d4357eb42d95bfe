//! WebSocket connections: how many were opened, and which ended because the server
//! said no (at the handshake) or dropped them (too slow, link revoked, …), by the
//! `ErrorCode` they were told. How many are open now comes from the
//! `ConnectionTracker` when scraped.

use super::by_code::ByCode;
use super::counter::Counter;

#[derive(Debug, Default)]
pub struct ConnectionMetrics {
    pub opened: Counter,
    /// Refused at the handshake or when joining the room, by error code.
    pub refused: ByCode,
    /// Dropped by the room after joining, by error code.
    pub dropped: ByCode,
}
