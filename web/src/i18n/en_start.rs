//! English strings of the start page's method preview, "my sessions" and sharing
//! (split from `en.rs` to keep files short; the completeness test covers them).

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::SessionDateLabel => "Date of the meeting",
        Key::MethodPreviewLabel => "About this method",
        Key::MethodGroupSize => "Suits {min}–{max} participants.",
        Key::MethodPhaseMinutes => "{minutes} min",
        Key::MethodTotal => "About {minutes} minutes in all",
        Key::MethodNoPhases => {
            "No phases: every kind of card may be written at any time, and there is no timer plan."
        }
        Key::MySessionsTitle => "My sessions",
        Key::MySessionsIntro => {
            "Sessions you made in this browser, so you can find their links again. Only this device keeps this list."
        }
        Key::MySessionOpen => "Show links",
        Key::MySessionRemove => "Remove",
        Key::MySessionRemoveConfirm => {
            "Remove “{title}” from this list? The session itself stays; this browser forgets its links."
        }
        Key::MySessionKeep => "Keep",
        Key::MySessionRemoveYes => "Remove from list",
        Key::MySessionRemoved => "“{title}” was removed from your sessions.",
        Key::MySessionFromHarvest => "continued from a harvest",
        Key::LinksKeptNote => "This browser also keeps these links under “My sessions”.",
        Key::ShareTitle => "Send to your group",
        Key::CopyAll => "Copy all links",
        Key::CopyInvitation => "Copy invitation",
        Key::CopiedAll => "All links copied, each with its name.",
        Key::CopiedInvitation => "Invitation copied: paste it into a mail or chat.",
        Key::CopiedLink => "Link copied.",
        Key::CopySelectHint => {
            "This browser does not let the page copy: the text is selected, press Ctrl+C (⌘C on a Mac)."
        }
        Key::AllLinksNote => "Keep the facilitator link to yourself: it runs the session.",
        Key::InvitationBody => {
            "Hello,\n\nYou are warmly invited to “{title}” on {date}. We work together on a shared board in Ovaal, where you write your questions and ideas on cards. You do not need an account.\n\nJoin with this link: {link}"
        }
        Key::InvitationCode => "In the room? Go to {start} and type the code {code}.",
        Key::InvitationClosing => "See you then!",
        _ => "",
    }
}
