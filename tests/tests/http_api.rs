//! The HTTP API: creating sessions, and clear JSON errors for every bad request.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

use ovaal_tests::TestServer;
use ovaal_tests::http::{get, post_json, request};
use serde_json::json;

fn error_code(response: &ovaal_tests::http::Response) -> String {
    let body = response.json().expect("error bodies are JSON");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "an error says what went wrong: {body}");
    body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn creating_a_session_returns_three_distinct_links() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let response = post_json(
        server.addr,
        "/api/sessions",
        &json!({"title": "Intervisie team Zuid", "method": "incident"}),
    )
    .await?;
    assert_eq!(response.status, 201);
    let body = response.json()?;
    assert_eq!(body["title"], "Intervisie team Zuid");
    assert_eq!(body["method"], "incident");
    let id = body["id"].as_str().unwrap();
    let mut tokens = Vec::new();
    for role in ["facilitator", "participant", "observer"] {
        let link = body["links"][role].as_str().unwrap();
        let prefix = format!("{}/s/{id}#token=", server.base_url());
        let token = link.strip_prefix(&prefix).expect("link shape");
        // At least 128 bits of base64url.
        assert!(token.len() >= 22, "{role} token too short: {token}");
        let who = get(
            server.addr,
            &format!("/api/sessions/{id}"),
            &[("Authorization", &format!("Bearer {token}"))],
        )
        .await?;
        assert_eq!(who.status, 200);
        assert_eq!(who.json()?["role"], role);
        tokens.push(token.to_owned());
    }
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 3);

    // The store keeps hashes only.
    let data = server.stop().await?.expect("temporary data dir");
    let mut stored = std::fs::read(data.path().join("ovaal.db"))?;
    stored.extend(std::fs::read(data.path().join("ovaal.db-wal")).unwrap_or_default());
    for token in &tokens {
        assert!(
            !stored.windows(token.len()).any(|w| w == token.as_bytes()),
            "a raw token is in the database"
        );
    }
    Ok(())
}

#[tokio::test]
async fn bad_requests_get_clear_json_errors() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Socratisch").await?;
    let addr = server.addr;

    let malformed = request(addr, "POST", "/api/sessions", &[], b"{not json").await?;
    assert_eq!(
        (malformed.status, error_code(&malformed).as_str()),
        (400, "bad_request")
    );
    let missing_title = post_json(addr, "/api/sessions", &json!({"method": "free"})).await?;
    assert_eq!(missing_title.status, 400);
    error_code(&missing_title);
    let empty_title = post_json(addr, "/api/sessions", &json!({"title": "  "})).await?;
    assert_eq!(
        (empty_title.status, error_code(&empty_title).as_str()),
        (422, "invalid")
    );
    let bad_method = post_json(
        addr,
        "/api/sessions",
        &json!({"title": "x", "method": "scrum"}),
    )
    .await?;
    assert_eq!(bad_method.status, 422);
    assert!(error_code(&bad_method) == "invalid");

    let path = format!("/api/sessions/{}", session.id);
    let no_token = get(addr, &path, &[]).await?;
    assert_eq!(
        (no_token.status, error_code(&no_token).as_str()),
        (401, "missing_token")
    );
    let wrong = get(addr, &path, &[("Authorization", "Bearer not-the-token")]).await?;
    assert_eq!(
        (wrong.status, error_code(&wrong).as_str()),
        (403, "wrong_token")
    );
    let bearer = format!("Bearer {}", session.facilitator);
    let unknown = get(
        addr,
        "/api/sessions/doesnotexist1",
        &[("Authorization", &bearer)],
    )
    .await?;
    assert_eq!(
        (unknown.status, error_code(&unknown).as_str()),
        (404, "unknown_session")
    );
    let ws_unknown = get(addr, "/api/sessions/doesnotexist1/ws", &[]).await?;
    assert_eq!(ws_unknown.status, 404);
    let nowhere = get(addr, "/nowhere", &[]).await?;
    assert_eq!(nowhere.status, 404);
    error_code(&nowhere);

    let health = get(addr, "/healthz", &[]).await?;
    assert_eq!(health.status, 200);
    assert_eq!(health.json()?["status"], "ok");
    Ok(())
}

#[tokio::test]
async fn the_join_code_opens_the_session_as_a_participant() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let created = post_json(server.addr, "/api/sessions", &json!({"title": "Leerkring"})).await?;
    let body = created.json()?;
    let id = body["id"].as_str().unwrap().to_owned();
    let code = body["join_code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 9, "shown as XXXX-XXXX: {code}");
    let room_screen = body["links"]["room_screen"].as_str().unwrap();
    let observer = body["links"]["observer"].as_str().unwrap();
    // The projector's own token, with the code to show after it.
    let (screen, join) = room_screen.split_once("&join=").unwrap();
    assert_eq!(join, code.replace('-', ""));
    assert_ne!(
        screen, observer,
        "the room screen opens with the observers' token"
    );
    assert_eq!(
        screen.split_once("#token=").unwrap().0,
        observer.split_once("#token=").unwrap().0
    );

    // Typed sloppily: lower case, no dash.
    let typed = code.replace('-', "").to_lowercase();
    let target = get(server.addr, &format!("/api/join/{typed}"), &[]).await?;
    assert_eq!(target.status, 200);
    let target = target.json()?;
    assert_eq!(target["id"], id.as_str());
    assert_eq!(target["title"], "Leerkring");
    let link = target["link"].as_str().unwrap();
    let token = link.split_once("#token=").unwrap().1;
    let client = ovaal_tests::ProtocolClient::connect(&server.ws_url(&id.parse()?), token).await?;
    assert_eq!(client.welcome.role, ovaal_shared::Role::Participant);

    for wrong in ["ZZZZ-ZZZZ", "short", "not-a-code-at-all"] {
        let r = get(server.addr, &format!("/api/join/{wrong}"), &[]).await?;
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (404, "unknown_join_code"),
            "{wrong}"
        );
    }
    // An observer token is not a join code.
    let observer_token = observer.split_once("#token=").unwrap().1;
    let r = get(server.addr, &format!("/api/join/{observer_token}"), &[]).await?;
    assert_eq!(r.status, 404);
    Ok(())
}
