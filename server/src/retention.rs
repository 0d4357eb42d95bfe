//! Retention: ended sessions are deleted after a configurable number of days, so
//! confidential intervision content does not stay on the server forever.

use std::time::Duration;

use crate::session;
use crate::state::AppState;

/// How often the sweep runs (and once at start).
const SWEEP_EVERY: Duration = Duration::from_secs(3600);
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The cluster-wide lock the sweep holds, so that nodes sharing a database never
/// sweep at the same time (one finds it taken and leaves the sweep to the other).
pub const SWEEP_LOCK: &str = "retention";

/// Deletes sessions that ended more than `days` days ago; returns how many (0 when
/// another node is sweeping right now).
pub async fn sweep(state: &AppState, days: u32, now_ms: i64) -> usize {
    match state.store().try_exclusive(SWEEP_LOCK).await {
        Ok(true) => {}
        Ok(false) => {
            tracing::debug!("retention: another node is sweeping");
            return 0;
        }
        Err(e) => {
            tracing::error!(error = %e, "retention: cannot take the sweep's lock");
            return 0;
        }
    }
    let deleted = sweep_held(state, days, now_ms).await;
    if let Err(e) = state.store().release_exclusive(SWEEP_LOCK).await {
        // A lock left behind is freed with the storage thread's connection.
        tracing::warn!(error = %e, "retention: cannot give back the sweep's lock");
    }
    deleted
}

async fn sweep_held(state: &AppState, days: u32, now_ms: i64) -> usize {
    let before = now_ms - i64::from(days) * DAY_MS;
    let expired = match state.store().ended_before(before).await {
        Ok(ids) => ids,
        Err(e) => {
            tracing::error!(error = %e, "retention: cannot list ended sessions");
            return 0;
        }
    };
    let mut deleted = 0;
    for id in expired {
        match session::lifecycle::delete(state, &id).await {
            Ok(()) => deleted += 1,
            Err(e) => tracing::error!(session = %id, error = %e, "retention: delete failed"),
        }
    }
    if deleted > 0 {
        tracing::info!(deleted, days, "retention: deleted ended sessions");
    }
    deleted
}

/// Runs the sweep now and every hour until shutdown. `days == 0` keeps everything.
pub async fn run(state: AppState, days: u32) {
    if days == 0 {
        return;
    }
    let mut shutdown = state.shutdown();
    loop {
        let now = crate::clock::now_ms();
        sweep(&state, days, now).await;
        tokio::select! {
            _ = tokio::time::sleep(SWEEP_EVERY) => {}
            _ = shutdown.changed() => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::storage::{SessionRecord, sqlite::SqliteStorage, worker};
    use ovaal_shared::board::Method;

    #[tokio::test]
    async fn only_sessions_ended_long_enough_ago_are_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let backend = SqliteStorage::open(dir.path()).unwrap();
        let (store, _thread) = worker::spawn(Box::new(backend));
        let (_tx, shutdown) = tokio::sync::watch::channel(false);
        let state = AppState::new(
            Config::new(dir.path(), dir.path()),
            "http://test".into(),
            store.clone(),
            shutdown,
        );
        let day = DAY_MS;
        for (id, ended) in [
            ("old-ended", Some(day)),
            ("new-ended", Some(9 * day)),
            ("still-running", None),
        ] {
            let record = SessionRecord {
                id: id.parse().unwrap(),
                title: id.into(),
                method: Method::Free,
                created_ms: 0,
                ended_ms: None,
                time_zone: None,
            };
            store.create_session(record, vec![], vec![]).await.unwrap();
            if let Some(at) = ended {
                store.end_session(&id.parse().unwrap(), at).await.unwrap();
            }
        }
        // Ten days in, with 7 days' retention: only the one ended on day 1 goes.
        assert_eq!(sweep(&state, 7, 10 * day).await, 1);
        let exists = |id: &str| {
            let store = store.clone();
            let id = id.parse().unwrap();
            async move { store.session(&id).await.unwrap().is_some() }
        };
        assert!(!exists("old-ended").await);
        assert!(exists("new-ended").await);
        assert!(exists("still-running").await);
        assert_eq!(sweep(&state, 7, 10 * day).await, 0);
    }

    #[tokio::test]
    async fn a_session_that_cannot_be_deleted_does_not_stop_the_others() {
        use crate::storage::faulty::{Faulty, record};
        use crate::storage::quarantine::{Damage, Stage};
        let dir = tempfile::tempdir().unwrap();
        let (backend, faults) = Faulty::open(dir.path());
        let (store, _thread) = worker::spawn(Box::new(backend));
        let (_tx, shutdown) = tokio::sync::watch::channel(false);
        let config = Config::new(dir.path(), dir.path());
        let state = AppState::new(config, "http://test".into(), store.clone(), shutdown);
        let ids: Vec<ovaal_shared::SessionId> = ["ended-aa", "ended-bb", "ended-cc"]
            .into_iter()
            .map(|id| id.parse().unwrap())
            .collect();
        for id in &ids {
            store
                .create_session(record(id.as_str()), vec![], vec![])
                .await
                .unwrap();
            store.end_session(id, DAY_MS).await.unwrap();
        }
        // One is quarantined (deleted like the others), one panics when deleted.
        state
            .quarantine()
            .isolate(&ids[2], Damage::Unreadable(Stage::Load), &"test");
        *faults.panic_deleting.lock().unwrap() = Some(ids[0].clone());
        assert_eq!(sweep(&state, 7, 10 * DAY_MS).await, 2);
        assert!(store.session(&ids[0]).await.unwrap().is_some());
        assert!(store.session(&ids[1]).await.unwrap().is_none());
        assert!(store.session(&ids[2]).await.unwrap().is_none());
        assert_eq!(state.quarantine().damage(&ids[2]), None);
    }
}
