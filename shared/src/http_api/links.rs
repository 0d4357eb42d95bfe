//! `GET` and `POST /api/sessions/{id}/links`: the facilitator's links. Tokens are
//! never listed; a new link's address is shown once, the server keeps only its hash.

use serde::{Deserialize, Serialize};

use crate::Role;

/// A working link, without its token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRecord {
    /// Public id of the link, used to list and revoke it.
    pub id: String,
    pub role: Role,
    /// What the facilitator called it ("second facilitator", "sponsor Anna", …).
    pub label: String,
    pub created_ms: i64,
}

/// One entry of the list of links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedLink {
    #[serde(flatten)]
    pub record: LinkRecord,
    /// This is the link the request came in with (it cannot be revoked by itself).
    pub current: bool,
}

/// The body of `POST /api/sessions/{id}/links`. The role travels as its wire name and
/// is parsed by the server, so an unknown one is refused with its own message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewLinkRequest {
    pub role: String,
    #[serde(default)]
    pub label: String,
}

impl NewLinkRequest {
    /// The longest label the server keeps (the page's field stops there too).
    pub const MAX_LABEL_CHARS: usize = 60;

    /// A request for a link of `role`; the label as people read it, trimmed.
    pub fn new(role: Role, label: &str) -> Self {
        NewLinkRequest {
            role: role.as_str().to_owned(),
            label: label.trim().to_owned(),
        }
    }
}

/// The answer `201 Created` to a new link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedLink {
    #[serde(flatten)]
    pub record: LinkRecord,
    /// The link itself; shown once, the server keeps only its hash.
    pub link: String,
    /// A room screen's join code (`XXXX-XXXX`), made with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_link_is_flat_on_the_wire() {
        let listed = ListedLink {
            record: LinkRecord {
                id: "T0mv2c8Yh1Qe".into(),
                role: Role::RoomScreen,
                label: "room screen".into(),
                created_ms: 2,
            },
            current: true,
        };
        let json = serde_json::to_string(&listed).unwrap();
        assert_eq!(
            json,
            r#"{"id":"T0mv2c8Yh1Qe","role":"room_screen","label":"room screen","created_ms":2,"current":true}"#
        );
        assert_eq!(serde_json::from_str::<ListedLink>(&json).unwrap(), listed);
    }

    #[test]
    fn a_created_link_names_its_join_code_only_when_it_has_one() {
        let created = CreatedLink {
            record: LinkRecord {
                id: "b7Qw0PzLx2Ke".into(),
                role: Role::Sponsor,
                label: String::new(),
                created_ms: 3,
            },
            link: "http://h/s/x#token=t".into(),
            join_code: None,
        };
        let json = serde_json::to_string(&created).unwrap();
        assert!(!json.contains("join_code"));
        assert_eq!(serde_json::from_str::<CreatedLink>(&json).unwrap(), created);
    }

    #[test]
    fn a_link_request_is_trimmed_and_names_the_role_by_its_wire_name() {
        let json = serde_json::to_string(&NewLinkRequest::new(Role::Master, " tweede ")).unwrap();
        assert_eq!(json, r#"{"role":"master","label":"tweede"}"#);
        let bare: NewLinkRequest = serde_json::from_str(r#"{"role":"observer"}"#).unwrap();
        assert_eq!(bare.label, "");
    }
}
