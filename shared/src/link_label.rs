//! The labels the server gives the links it makes with a new session (and a room
//! screen made later without a label of its own). They are keys as much as names: the
//! page shows each in its own language ("participants" reads "Deelnemers") and tells
//! the join code apart from the participants' link by it, so they live here, once.

pub const FACILITATOR: &str = "facilitator";
pub const PARTICIPANTS: &str = "participants";
pub const OBSERVERS: &str = "observers";
pub const ROOM_SCREEN: &str = "room screen";
pub const JOIN_CODE: &str = "join code";
