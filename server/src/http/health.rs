use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::state::AppState;

/// Liveness and readiness for load balancers, monitoring and the run command: `200`
/// with a few live figures while the server can keep what it is given; `503` with the
/// reason while the storage worker cannot store (its thread is gone, or its last
/// commit failed and none has succeeded since), since a server that accepts edits it
/// cannot keep must not look healthy.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let figures = |status: &str| {
        json!({
            "status": status,
            "rooms": state.rooms().live_rooms(),
            "connections": state.connections().open(),
            "quarantined_sessions": state.quarantine().len(),
        })
    };
    match state.store().health() {
        Ok(()) => (StatusCode::OK, Json(figures("ok"))),
        Err(unhealthy) => {
            let mut body = figures("unavailable");
            body["reason"] = json!({ "code": unhealthy.code(), "message": unhealthy.to_string() });
            (StatusCode::SERVICE_UNAVAILABLE, Json(body))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;

    use super::*;
    use crate::config::Config;
    use crate::storage::faulty::{Faulty, record, some_update};
    use crate::storage::worker;

    #[tokio::test]
    async fn unavailable_while_commits_fail_and_ok_once_one_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let (backend, faults) = Faulty::open(dir.path());
        let (store, _thread) = worker::spawn(Box::new(backend));
        let (_tx, shutdown) = tokio::sync::watch::channel(false);
        let config = Config::new(dir.path(), dir.path());
        let state = AppState::new(config, "http://test".into(), store.clone(), shutdown);
        let status = || async { healthz(State(state.clone())).await };
        assert_eq!(status().await.0, StatusCode::OK);

        let a = record("session-a");
        store
            .create_session(a.clone(), vec![], vec![])
            .await
            .unwrap();
        faults.fail_appends.store(true, Ordering::SeqCst);
        store.append(some_update(&a.id), None).await.unwrap();
        store.flush().await.unwrap();
        let (code, Json(body)) = status().await;
        assert_eq!(code, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body["reason"]["code"], "storage_commit_failing");

        faults.fail_appends.store(false, Ordering::SeqCst);
        store.append(some_update(&a.id), None).await.unwrap();
        store.flush().await.unwrap();
        assert_eq!(status().await.0, StatusCode::OK);
    }
}
