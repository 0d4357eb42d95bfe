//! Writes (Step2 and Update frames) as the room decides them: applied, or refused by
//! refusal code (the permission refusals 1–9 and the board schema's 20–28, see
//! docs/protocol.md). Stored updates are the storage thread's to count.

use super::by_code::ByCode;
use super::counter::Counter;

#[derive(Debug, Default)]
pub struct UpdateMetrics {
    pub applied: Counter,
    pub refused: ByCode,
}
