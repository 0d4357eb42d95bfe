//! Loading a room's documents from storage, with damage kept to the one session.
//!
//! The documents are rebuilt by `yrs` from stored bytes. Bytes that do not decode, or
//! a panic while applying them, quarantine the session (see
//! [`crate::storage::quarantine`]): the join is refused with `SessionDamaged`, and
//! nothing built from them is kept.

use super::JoinError;
use super::documents::Documents;
use super::task::RoomContext;
use crate::storage::quarantine::{Damage, Stage};
use crate::storage::{StorageError, compact, guard};

/// Why a room could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the session is gone")]
    Gone,
    #[error("the session is quarantined: {0}")]
    Damaged(Damage),
    #[error(transparent)]
    Storage(StorageError),
}

impl From<LoadError> for JoinError {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Damaged(damage) => JoinError::Quarantined(damage),
            LoadError::Gone | LoadError::Storage(_) => JoinError::LoadFailed,
        }
    }
}

/// What a room starts from.
pub struct Loaded {
    pub docs: Documents,
    pub ended: bool,
    /// The position of the last stored update included (0 outside a cluster).
    pub through: u64,
}

/// The room's documents, whether the session has ended, and up to which position.
pub(crate) async fn load(ctx: &RoomContext) -> Result<Loaded, LoadError> {
    let quarantine = ctx.store.quarantine();
    let damaged = |e: StorageError| match quarantine.damage(&ctx.session) {
        Some(damage) => LoadError::Damaged(damage),
        None => LoadError::Storage(e),
    };
    let session = ctx
        .store
        .session(&ctx.session)
        .await
        .map_err(LoadError::Storage)?
        .ok_or(LoadError::Gone)?;
    // `load` quarantines the session itself when its rows cannot be read.
    let (stored, through) = if ctx.registry.cluster().is_some() {
        ctx.store.load_numbered(&ctx.session).await
    } else {
        ctx.store.load(&ctx.session).await.map(|docs| (docs, 0))
    }
    .map_err(damaged)?;
    let mut docs = Documents::default();
    for (name, stored) in stored {
        // What the document holds on disk, for the budgets.
        let bytes = stored.snapshot.as_ref().map_or(0, Vec::len)
            + stored.updates.iter().map(Vec::len).sum::<usize>();
        // Restoring and indexing run yrs on stored bytes: guarded together.
        let restored = guard::catching(|| {
            compact::restore(&stored).map(|doc| docs.insert(name.clone(), doc, bytes))
        });
        match restored {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                quarantine.isolate_if_damaged(&ctx.session, &e, Stage::Load);
                return Err(damaged(e));
            }
            Err(panic) => {
                let damage = Damage::Panicked(Stage::Load);
                quarantine.isolate(&ctx.session, damage, &panic);
                return Err(LoadError::Damaged(damage));
            }
        }
    }
    Ok(Loaded {
        docs,
        ended: session.ended_ms.is_some(),
        through,
    })
}
