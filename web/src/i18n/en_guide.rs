//! English: the words that guide a person through the day (what the phase asks for,
//! the timer's sound, taking a seat, the skip link).

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::ComposeAsk => "Write your {kinds}…",
        Key::ListOr => "or",
        Key::TimerSound => "Sound when time is up (also on the room screen)",
        Key::SoundEnable => "🔔 Enable sound for the timer",
        Key::LinkRevokeConfirmNamed => {
            "Revoke the link “{link}”? Everyone using it is disconnected at once."
        }
        _ => super::en_start::text(key),
    }
}
