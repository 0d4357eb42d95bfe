//! Dutch strings of the room screen and the facilitator's spotlight (split from
//! `nl_flow.rs` to keep files short; the completeness test covers every file).

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::SpotlightShow => "Op het zaalscherm",
        Key::SpotlightShowPlace => "{place} op het zaalscherm",
        Key::SpotlightOn => "Op het zaalscherm:",
        Key::SpotlightClear => "Spotlight wissen",
        Key::SpotlightLabel => "In de spotlight",
        Key::SpotlightEmpty => "Hier liggen nog geen kaarten.",
        Key::AnnounceSpotlight => "Nu op het zaalscherm: {what}",
        Key::AnnounceSpotlightCleared => "Het zaalscherm toont weer de tafel.",
        Key::ListMovedHere => "hierheen verplaatst",
        _ => super::nl_guide::text(key),
    }
}
