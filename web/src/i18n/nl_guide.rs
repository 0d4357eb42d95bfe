//! Dutch: the words that guide a person through the day (what the phase asks for,
//! the timer's sound, taking a seat, the skip link).

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::ComposeAsk => "Schrijf je {kinds}…",
        Key::ListOr => "of",
        Key::TimerSound => "Geluid als de tijd om is (ook op het zaalscherm)",
        Key::SoundEnable => "🔔 Geluid aanzetten voor de timer",
        Key::LinkRevokeConfirmNamed => {
            "De link „{link}” intrekken? Iedereen die hem gebruikt, wordt meteen losgekoppeld."
        }
        _ => super::nl_start::text(key),
    }
}
