//! Roles a connection can have. The role comes from which capability link (token) the
//! person opened, never from anything the client claims.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Runs the session: settings, and (later) method, phase, timer and moderation.
    Facilitator,
    /// Sits at the table and writes cards.
    Participant,
    /// An experienced role model attending a Mastercircle session: a participant with
    /// a badge, who gives feedback and advice.
    Master,
    /// States the urgency in the first session and receives the harvest in the last: a
    /// participant with a badge, whom the facilitator can limit to those phases.
    Sponsor,
    /// Reads only: someone watching the board.
    Observer,
    /// Reads only, like an observer: the projector in the room. A link of its own, so
    /// that revoking the observers' link does not cut the projector off (and revoking
    /// the projector's does not shut out the people watching).
    #[serde(rename = "room_screen")]
    RoomScreen,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Facilitator,
        Role::Participant,
        Role::Master,
        Role::Sponsor,
        Role::Observer,
        Role::RoomScreen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Facilitator => "facilitator",
            Role::Participant => "participant",
            Role::Master => "master",
            Role::Sponsor => "sponsor",
            Role::Observer => "observer",
            Role::RoomScreen => "room_screen",
        }
    }

    /// Whether people with this role write anything at all.
    pub fn writes(self) -> bool {
        !matches!(self, Role::Observer | Role::RoomScreen)
    }

    /// Whether this is a participant at the table: a plain one, or a master or sponsor
    /// (participants with a badge). They take seats, write in rounds, and may sit in
    /// the hot seat; the facilitator runs the session and the rest watch.
    pub fn is_participant(self) -> bool {
        matches!(self, Role::Participant | Role::Master | Role::Sponsor)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, UnknownRole> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.chars().take(40).collect()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert!("admin".parse::<Role>().is_err());
    }

    #[test]
    fn the_wire_name_is_the_serde_name() {
        for role in Role::ALL {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
    }

    #[test]
    fn only_observers_and_room_screens_read_only() {
        let readers: Vec<Role> = Role::ALL.into_iter().filter(|r| !r.writes()).collect();
        assert_eq!(readers, [Role::Observer, Role::RoomScreen]);
    }
}
