//! Sessions whose stored data or in-memory state cannot be trusted any more.
//!
//! A failure while loading, compacting or exporting one session must not take the
//! process or any other session with it. Such a session is put here: joins are
//! refused with `SessionDamaged`, its export answers `session_damaged`, and the storage
//! worker and every other session carry on.
//!
//! The registry lives in memory only and is recomputed after a restart: a session is
//! quarantined again the moment its data fails again (the first join loads it, a
//! compaction or an export reads it). Persisting it would keep a session locked out
//! after an operator repaired its rows or an upgrade fixed the bug that panicked,
//! and would need a schema change for what the data itself already tells.

use std::fmt;
use std::sync::Arc;

use dashmap::DashMap;
use dashmap::mapref::entry::Entry;

use super::StorageError;
use ovaal_shared::SessionId;

/// What was being done with the session when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    Compaction,
    Export,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Load => "loading",
            Stage::Compaction => "compaction",
            Stage::Export => "export",
        })
    }
}

/// Why a session is quarantined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    /// Its stored documents cannot be decoded or applied.
    #[error("its stored documents cannot be read ({0})")]
    Unreadable(Stage),
    /// Reading its documents panicked inside `yrs`, which is not unwind-safe: whatever
    /// that job held in memory is suspect.
    #[error("{0} panicked")]
    Panicked(Stage),
}

impl Damage {
    /// The damage a storage error stands for, if it is one about the session's data
    /// (a database that cannot be reached says nothing about the session).
    pub fn of(error: &StorageError, stage: Stage) -> Option<Damage> {
        match error {
            StorageError::Corrupt(_) => Some(Damage::Unreadable(stage)),
            StorageError::Panicked(_) => Some(Damage::Panicked(stage)),
            StorageError::Database(_)
            | StorageError::Postgres(_)
            | StorageError::Schema(_)
            | StorageError::Url(_)
            | StorageError::DataDir { .. }
            | StorageError::WorkerGone
            | StorageError::Unnumbered => None,
        }
    }
}

/// The quarantined sessions, shared by the storage worker, the rooms and the exports.
#[derive(Clone, Default)]
pub struct Quarantine {
    sessions: Arc<DashMap<SessionId, Damage>>,
}

impl Quarantine {
    /// Quarantines a session. Logged at error level once per session, with the detail
    /// the operator needs; later failures of the same session are not logged again.
    pub fn isolate(&self, session: &SessionId, damage: Damage, detail: &dyn fmt::Display) {
        match self.sessions.entry(session.clone()) {
            Entry::Occupied(_) => {
                tracing::debug!(%session, %damage, "quarantined session failed again");
            }
            Entry::Vacant(slot) => {
                slot.insert(damage);
                tracing::error!(
                    %session, %damage, %detail,
                    "session quarantined: joins and exports of it are refused"
                );
            }
        }
    }

    /// Quarantines the session if `error` is about its data; returns whether it was.
    pub fn isolate_if_damaged(
        &self,
        session: &SessionId,
        error: &StorageError,
        stage: Stage,
    ) -> bool {
        match Damage::of(error, stage) {
            Some(damage) => {
                self.isolate(session, damage, error);
                true
            }
            None => false,
        }
    }

    pub fn damage(&self, session: &SessionId) -> Option<Damage> {
        self.sessions.get(session).map(|d| *d)
    }

    /// Forgets a session (it was deleted).
    pub fn release(&self, session: &SessionId) {
        self.sessions.remove(session);
    }

    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_damage_is_kept_and_only_data_errors_count() {
        let q = Quarantine::default();
        let id: SessionId = "session-1".parse().unwrap();
        assert!(!q.isolate_if_damaged(&id, &StorageError::WorkerGone, Stage::Load));
        assert_eq!(q.damage(&id), None);
        let corrupt = StorageError::Corrupt("undecodable".into());
        assert!(q.isolate_if_damaged(&id, &corrupt, Stage::Load));
        q.isolate(&id, Damage::Panicked(Stage::Compaction), &"again");
        assert_eq!(q.damage(&id), Some(Damage::Unreadable(Stage::Load)));
        q.release(&id);
        assert!(q.is_empty());
    }
}
