//! `POST /api/sessions/{id}/next` (the next session of an arc) and
//! `GET /api/sessions/{id}/arc` (the sessions of the arc, oldest first).

use serde::{Deserialize, Serialize};

use crate::SessionId;
use crate::board::Method;

/// The body of `POST /api/sessions/{id}/next`. Cards are named
/// `<participantId>/<cardId>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextSessionRequest {
    pub title: String,
    /// Default: the method that follows in the arc (`board::arc::next_method`). Its wire
    /// name, parsed by the server so an unknown one is refused as such.
    #[serde(default)]
    pub method: Option<String>,
    /// Further cards to take along.
    #[serde(default)]
    pub carry: Vec<String>,
    /// Themes and actions (which come along by default) to leave behind.
    #[serde(default)]
    pub leave: Vec<String>,
}

impl NextSessionRequest {
    /// A request as the facilitator's dialog makes it: the title trimmed, the method
    /// chosen.
    pub fn new(title: &str, method: Method, carry: Vec<String>, leave: Vec<String>) -> Self {
        NextSessionRequest {
            title: title.trim().to_owned(),
            method: Some(method.as_str().to_owned()),
            carry,
            leave,
        }
    }
}

/// One session of the arc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArcEntry {
    pub id: SessionId,
    pub title: String,
    pub method: Method,
    pub created_ms: i64,
    pub ended_ms: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_next_request_carries_its_choices() {
        let request = NextSessionRequest::new(
            " Opgave ",
            Method::MastercircleOpgave,
            vec!["anna1234/card5678".to_owned()],
            vec!["anna1234/theme0001".to_owned()],
        );
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json["title"], "Opgave");
        assert_eq!(json["method"], "mastercircle-opgave");
        assert_eq!(json["carry"][0], "anna1234/card5678");
        assert_eq!(json["leave"][0], "anna1234/theme0001");
        let bare: NextSessionRequest = serde_json::from_str(r#"{"title":"T"}"#).unwrap();
        assert_eq!(bare.method, None);
        assert!(bare.carry.is_empty() && bare.leave.is_empty());
    }

    #[test]
    fn an_arc_entry_reads_an_open_session() {
        let entry: ArcEntry = serde_json::from_str(
            r#"{"id":"abcdefgh","title":"Opgave","method":"mastercircle-opgave","created_ms":3,"ended_ms":null}"#,
        )
        .unwrap();
        assert_eq!(entry.method, Method::MastercircleOpgave);
        assert_eq!(entry.ended_ms, None);
    }
}
