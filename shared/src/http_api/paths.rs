//! Where each resource of the HTTP API lives (docs/api.md), and the address of a
//! session's board. The server's router passes axum's placeholders (`"{id}"`) to build
//! its routes; the page passes a session's id to call them. So every path is written
//! once, and a renamed one changes on both sides together.

use crate::export_format::ExportFormat;

/// `POST`: make a session.
pub const SESSIONS: &str = "/api/sessions";
/// `POST`: a new session from a JSON export.
pub const IMPORT: &str = "/api/sessions/import";

/// A session: `GET` what a link is, `DELETE` the session.
pub fn session(id: &str) -> String {
    format!("{SESSIONS}/{id}")
}

/// `GET` the facilitator's links, `POST` a new one.
pub fn links(id: &str) -> String {
    format!("{}/links", session(id))
}

/// `DELETE`: revoke one link.
pub fn link(id: &str, link: &str) -> String {
    format!("{}/{link}", links(id))
}

/// `DELETE`: remove a participant.
pub fn participant(id: &str, participant: &str) -> String {
    format!("{}/participants/{participant}", session(id))
}

/// `POST`: end the session.
pub fn end(id: &str) -> String {
    format!("{}/end", session(id))
}

/// `POST`: start the next session of the arc.
pub fn next(id: &str) -> String {
    format!("{}/next", session(id))
}

/// `GET`: the sessions of the arc.
pub fn arc(id: &str) -> String {
    format!("{}/arc", session(id))
}

/// The WebSocket.
pub fn socket(id: &str) -> String {
    format!("{}/ws", session(id))
}

/// `GET`: the harvest in `format`.
pub fn export(id: &str, format: ExportFormat) -> String {
    format!("{}/export.{}", session(id), format.ext())
}

/// `GET`: the case-holder's own harvest in `format` (one of
/// [`ExportFormat::CASEHOLDER`]).
pub fn caseholder(id: &str, format: ExportFormat) -> String {
    format!("{}/caseholder.{}", session(id), format.ext())
}

/// `GET`: the attendance record (CSV).
pub fn attendance(id: &str) -> String {
    format!("{}/attendance.csv", session(id))
}

/// `GET`: where a join code leads.
pub fn join(code: &str) -> String {
    format!("/api/join/{code}")
}

/// The page of a session's board.
pub fn board(id: &str) -> String {
    format!("/s/{id}")
}

/// A link that opens a session's board with `token` (a link's token, or a join code
/// that stands for the participants' link). The token lives in the fragment, which
/// browsers never send to a server.
pub fn board_link(base: &str, id: &str, token: &str) -> String {
    format!("{base}{}#token={token}", board(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_router_s_templates_are_the_documented_paths() {
        let id = "{id}";
        assert_eq!(session(id), "/api/sessions/{id}");
        assert_eq!(link(id, "{link}"), "/api/sessions/{id}/links/{link}");
        assert_eq!(
            participant(id, "{participant}"),
            "/api/sessions/{id}/participants/{participant}"
        );
        assert_eq!(socket(id), "/api/sessions/{id}/ws");
        assert_eq!(
            export(id, ExportFormat::Markdown),
            "/api/sessions/{id}/export.md"
        );
        assert_eq!(
            caseholder(id, ExportFormat::Pdf),
            "/api/sessions/{id}/caseholder.pdf"
        );
        assert_eq!(join("{code}"), "/api/join/{code}");
        assert_eq!(board(id), "/s/{id}");
    }

    #[test]
    fn a_board_link_carries_its_token_in_the_fragment() {
        assert_eq!(
            board_link("https://ovaal.example", "abcdefgh12", "K7PM4QXA"),
            "https://ovaal.example/s/abcdefgh12#token=K7PM4QXA"
        );
    }
}
