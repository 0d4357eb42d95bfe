//! A session's links: minting a token and its stored record, the facilitator's list,
//! making an extra link (a second facilitator, a sponsor, a room screen), and revoking
//! one — its connections drop at once, on every node.

use super::create::{link, room_screen_link};
use crate::clock::now_ms;
use crate::error::AppError;
use crate::room::action::SessionAction;
use crate::state::AppState;
use crate::storage::{LinkRecord, NewLink};
use crate::tokens::{self, RandomError};
use ovaal_shared::http_api::{self, CreatedLink, ListedLink};
use ovaal_shared::{Role, SessionId, link_label};

/// A label is for people; keep it short.
/// The same limit the page's label field holds.
const MAX_LABEL_CHARS: usize = ovaal_shared::http_api::NewLinkRequest::MAX_LABEL_CHARS;

pub enum NewToken {
    /// A long random token for a link.
    Link,
    /// A short code to type from the room screen.
    JoinCode,
}

/// A freshly made token and what is stored of it.
pub struct Minted {
    pub token: String,
    pub stored: NewLink,
}

/// Makes a new token and its stored record (hash only).
pub fn mint(role: Role, label: &str, kind: NewToken) -> Result<Minted, RandomError> {
    let token = match kind {
        NewToken::Link => tokens::new_token()?,
        NewToken::JoinCode => tokens::new_join_code()?,
    };
    let id = ovaal_shared::CardId::from_random(tokens::random_bytes()?).to_string();
    Ok(Minted {
        stored: NewLink {
            record: LinkRecord {
                id: id.chars().take(12).collect(),
                role,
                label: label.to_owned(),
                created_ms: now_ms(),
            },
            token_hash: tokens::hash_secret(&token),
        },
        token,
    })
}

/// What the API shows of a stored link (the same fields; the store keeps its own
/// type so that its layout is its own business).
fn shown(record: LinkRecord) -> http_api::LinkRecord {
    http_api::LinkRecord {
        id: record.id,
        role: record.role,
        label: record.label,
        created_ms: record.created_ms,
    }
}

/// The session's working links, without tokens; `current` marks the asker's own.
pub async fn list(
    state: &AppState,
    session: &SessionId,
    asker: &LinkRecord,
) -> Result<Vec<ListedLink>, AppError> {
    let links = state.store().links(session).await?;
    Ok(links
        .into_iter()
        .map(|record| ListedLink {
            current: record.id == asker.id,
            record: shown(record),
        })
        .collect())
}

/// A new link for a role.
///
/// A room screen shows a join code, but the server keeps only the hash of the code it
/// made with the session; a room-screen link made here therefore comes with a join
/// code of its own (listed as a join code, revoked on its own), so the new screen
/// shows a code and a QR code that work. This is also how a session made before room
/// screens had their own links gets one (its observers' link, carrying the first
/// join code, keeps opening the room view).
pub async fn add(
    state: &AppState,
    session: &SessionId,
    role: Role,
    label: &str,
) -> Result<CreatedLink, AppError> {
    let label = label.trim();
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(AppError::BadRequest(format!(
            "a label has at most {MAX_LABEL_CHARS} characters"
        )));
    }
    let base = state.base_url();
    let (label, code) = match role {
        Role::RoomScreen => {
            let code = mint(Role::Participant, link_label::JOIN_CODE, NewToken::JoinCode)?;
            // The code first: a screen is never stored without the code it shows.
            state.store().add_link(session, code.stored.clone()).await?;
            let label = if label.is_empty() {
                link_label::ROOM_SCREEN
            } else {
                label
            };
            (label, Some(code.token))
        }
        _ => (label, None),
    };
    let minted = mint(role, label, NewToken::Link)?;
    state
        .store()
        .add_link(session, minted.stored.clone())
        .await?;
    tracing::info!(%session, link = %minted.stored.record.id, %role, "link created");
    let link = match &code {
        Some(code) => room_screen_link(base, session, &minted.token, code),
        None => link(base, session, &minted.token),
    };
    Ok(CreatedLink {
        link,
        join_code: code.as_deref().map(tokens::display_join_code),
        record: shown(minted.stored.record),
    })
}

/// The link stops working and everyone connected through it is disconnected at once
/// (on every node). The asker cannot revoke the link they are using.
pub async fn revoke(
    state: &AppState,
    session: &SessionId,
    asker: &LinkRecord,
    link_id: String,
) -> Result<(), AppError> {
    if asker.id == link_id {
        return Err(AppError::BadRequest(
            "you cannot revoke the link you are using".into(),
        ));
    }
    if !state.store().revoke_link(session, &link_id).await? {
        return Err(AppError::UnknownLink);
    }
    tracing::info!(%session, link = %link_id, "link revoked");
    state
        .rooms()
        .tell_everywhere(session, SessionAction::RevokeLink { link_id })
        .await;
    Ok(())
}
