//! `POST /api/sessions` (and the answers of `…/next` and `…/import`, which make a
//! session too) and `GET /api/sessions/{id}`.

use serde::{Deserialize, Serialize};

use crate::board::{Method, SessionSettings};
use crate::{Role, SessionId};

/// The largest body `POST /api/sessions/import` takes (a JSON export; a long
/// Mastercircle board is well under 1 MiB). The page refuses a larger file before
/// uploading it.
pub const MAX_IMPORT_BYTES: usize = 16 << 20;

/// The body of `POST /api/sessions`. The method travels as its wire name and is
/// parsed by the server, so an unknown one is refused as such (`invalid`), not as
/// malformed JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSessionRequest {
    pub title: String,
    #[serde(default = "default_method")]
    pub method: String,
    #[serde(default = "default_seats")]
    pub seats: u32,
    /// The facilitator's zone as the browser names it (`Europe/Amsterdam`), for the
    /// times of the attendance record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The browser's offset from UTC now, in minutes east: used when the server does
    /// not know the zone's rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i64>,
}

impl CreateSessionRequest {
    /// A request for `method` with the default number of seats.
    pub fn new(title: &str, method: Method) -> Self {
        CreateSessionRequest {
            title: title.to_owned(),
            method: method.as_str().to_owned(),
            seats: SessionSettings::DEFAULT_SEATS,
            time_zone: None,
            utc_offset_minutes: None,
        }
    }
}

fn default_method() -> String {
    Method::Free.as_str().to_owned()
}

fn default_seats() -> u32 {
    SessionSettings::DEFAULT_SEATS
}

/// A new session's links, each a full address with its token in the fragment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLinks {
    pub facilitator: String,
    pub participant: String,
    pub observer: String,
    /// The room screen's own link plus the join code (`&join=`), for the projector:
    /// it shows the code and a QR code of the participant link made from it. Its own
    /// token, so revoking the observers' link leaves the projector on (and the other
    /// way round).
    pub room_screen: String,
}

/// The answer `201 Created` to making a session (new, next of an arc, imported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedSession {
    pub id: SessionId,
    pub title: String,
    pub method: Method,
    pub links: SessionLinks,
    /// A short participant code, e.g. `K7PM-4QXA`, for people in the room to type.
    pub join_code: String,
}

/// The answer to `GET /api/sessions/{id}`: what the caller's link is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: SessionId,
    pub title: String,
    pub method: Method,
    pub role: Role,
    /// When the facilitator ended the session (read-only since), if they did.
    pub ended_ms: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_create_request_leaves_out_the_zone_it_does_not_know() {
        let request = CreateSessionRequest::new("Team \"Noord\"", Method::CaseClinic);
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json["title"], "Team \"Noord\"");
        assert_eq!(json["method"], "case-clinic");
        assert!(json.get("time_zone").is_none());
        assert!(json.get("utc_offset_minutes").is_none());
        let back: CreateSessionRequest = serde_json::from_value(json).unwrap();
        assert_eq!(back, request);
    }

    #[test]
    fn a_bare_create_request_takes_the_defaults_and_unknown_fields_are_refused() {
        let bare: CreateSessionRequest = serde_json::from_str(r#"{"title":"T"}"#).unwrap();
        assert_eq!(bare.method, "free");
        assert_eq!(bare.seats, SessionSettings::DEFAULT_SEATS);
        assert!(serde_json::from_str::<CreateSessionRequest>(r#"{"title":"T","x":1}"#).is_err());
    }

    #[test]
    fn a_created_session_reads_back_what_it_wrote() {
        let created = CreatedSession {
            id: "abcdefgh".parse().unwrap(),
            title: "T".into(),
            method: Method::Free,
            links: SessionLinks {
                facilitator: "f".into(),
                participant: "p".into(),
                observer: "o".into(),
                room_screen: "r&join=K7PM4QXA".into(),
            },
            join_code: "K7PM-4QXA".into(),
        };
        let json = serde_json::to_string(&created).unwrap();
        assert!(json.contains(r#""room_screen":"r&join=K7PM4QXA""#));
        assert_eq!(
            serde_json::from_str::<CreatedSession>(&json).unwrap(),
            created
        );
    }
}
