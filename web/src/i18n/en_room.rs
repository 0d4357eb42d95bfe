//! English strings of the room screen and the facilitator's spotlight (split from
//! `en_flow.rs` to keep files short; the completeness test covers every file).

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::SpotlightShow => "Show on the room screen",
        Key::SpotlightShowPlace => "Show {place} on the room screen",
        Key::SpotlightOn => "On the room screen:",
        Key::SpotlightClear => "Clear spotlight",
        Key::SpotlightLabel => "In the spotlight",
        Key::SpotlightEmpty => "No cards here yet.",
        Key::AnnounceSpotlight => "On the room screen now: {what}",
        Key::AnnounceSpotlightCleared => "The room screen shows the table again.",
        Key::ListMovedHere => "moved here",
        _ => super::en_guide::text(key),
    }
}
