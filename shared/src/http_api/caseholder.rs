//! `GET /api/sessions/{id}/caseholder.{ext}` (formats:
//! [`ExportFormat::CASEHOLDER`](crate::export_format::ExportFormat::CASEHOLDER)): the
//! participant link is the whole group's, so the page proves which participant asks
//! with the id and secret key it connects with, in these two headers. The answer is
//! the file, or an [`ErrorBody`](super::ErrorBody).

/// The header naming the asking participant's id.
pub const PARTICIPANT_HEADER: &str = "x-ovaal-participant";
/// The header carrying that participant's secret key.
pub const KEY_HEADER: &str = "x-ovaal-key";
