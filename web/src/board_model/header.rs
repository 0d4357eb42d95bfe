//! The header's words that come from local state rather than from the documents:
//! the connection pill, "saved" / "not yet saved", and the session's method badge.
//! The connection's status and the save state are model inputs, so these words are
//! derived with the language like every other part.

use ovaal_shared::board::Method;

use super::inputs::{Control, Who};
use crate::i18n::{self, Key, Lang};
use crate::saves::SaveState;

/// What the connection pill says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Status {
    #[default]
    Connecting,
    Connected,
    Reconnecting(u32),
    Offline,
    /// Gave up; the key explains why and what to do.
    Failed(Key),
}

impl Status {
    /// The value of `<body data-connection>`.
    pub fn attr(self) -> &'static str {
        match self {
            Status::Connecting => "connecting",
            Status::Connected => "connected",
            Status::Reconnecting(_) => "reconnecting",
            Status::Offline => "offline",
            Status::Failed(_) => "failed",
        }
    }

    pub fn text(self, lang: Lang) -> String {
        match self {
            Status::Connecting => i18n::t(lang, Key::ConnConnecting).to_owned(),
            Status::Connected => i18n::t(lang, Key::ConnConnected).to_owned(),
            Status::Reconnecting(n) => {
                i18n::tf(lang, Key::ConnReconnecting, &[("n", &n.to_string())])
            }
            Status::Offline => i18n::t(lang, Key::ConnOffline).to_owned(),
            Status::Failed(key) => i18n::t(lang, key).to_owned(),
        }
    }

    /// Why the connection was given up, if it was.
    pub fn failure(self) -> Option<Key> {
        match self {
            Status::Failed(key) => Some(key),
            _ => None,
        }
    }
}

/// "Saved" or "not yet saved", for people who write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveShown {
    pub state: SaveState,
    pub icon: &'static str,
    pub text: &'static str,
}

/// The header's words from local state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderShown {
    pub status: Status,
    pub status_text: String,
    /// Hidden for people who write nothing (and before the role is known).
    pub save: Option<SaveShown>,
    /// The method's name; `None` before the control document arrived.
    pub method: Option<&'static str>,
}

pub fn derive(
    lang: Lang,
    status: Status,
    saves: SaveState,
    who: &Who,
    control: &Control,
) -> HeaderShown {
    let save = who.role.filter(|r| r.writes()).map(|_| {
        let (icon, key) = match saves {
            SaveState::Saved => ("✓", Key::Saved),
            SaveState::Pending => ("…", Key::NotSaved),
        };
        SaveShown {
            state: saves,
            icon,
            text: i18n::t(lang, key),
        }
    });
    let method: Option<Method> = control.settings.as_ref().map(|s| s.method);
    HeaderShown {
        status,
        status_text: status.text(lang),
        save,
        method: method.map(|m| i18n::t(lang, i18n::method_key(m))),
    }
}
