//! What every answer carries: a strict Content-Security-Policy and the other security
//! headers on pages, files, API answers and errors alike; `Cache-Control: no-store` on
//! every API answer (they carry tokens and confidential content); and a JSON error
//! body for every 4xx and 5xx, also where axum or the file service answers (a method
//! the address does not take, a path that does not decode, a missing file).
//!
//! The server serves a small stand-in client from a temporary directory, so these
//! tests need no `cargo xtask build-web`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

use ovaal_tests::TestServer;
use ovaal_tests::http::{Response, post_json, request, with_token};
use serde_json::json;

/// A server whose web directory holds a page, a stylesheet and a service worker.
async fn server_with_client() -> anyhow::Result<(TestServer, tempfile::TempDir)> {
    let web = tempfile::tempdir()?;
    std::fs::create_dir_all(web.path().join("assets"))?;
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><title>Ovaal</title>",
    )?;
    std::fs::write(web.path().join("assets/style.css"), "body { margin: 0 }")?;
    std::fs::write(web.path().join("assets/sw.js"), "// worker")?;
    let dir = web.path().to_path_buf();
    let server = TestServer::start_configured(move |config| config.web_dir = dir).await?;
    Ok((server, web))
}

fn assert_security_headers(response: &Response, what: &str) {
    assert_policy(response, what);
    assert_other_headers(response, what);
}

fn assert_policy(response: &Response, what: &str) {
    let csp = response
        .header("Content-Security-Policy")
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"));
    for directive in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(
            csp.split(';').any(|d| d.trim() == directive),
            "{what}: the policy lacks `{directive}`: {csp}"
        );
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{what}: {csp}"
    );
}

fn assert_other_headers(response: &Response, what: &str) {
    for (name, value) in [
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ] {
        assert_eq!(response.header(name), Some(value), "{what}: {name}");
    }
}

fn assert_json_error(response: &Response, status: u16, code: &str, what: &str) {
    assert_eq!(response.status, status, "{what}: {response:?}");
    assert!(
        response
            .header("Content-Type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{what}: not JSON: {response:?}"
    );
    let body = response.json().expect("a JSON body");
    assert_eq!(body["error"]["code"], code, "{what}: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{what}: an error says what went wrong: {body}"
    );
    assert_security_headers(response, what);
}

#[tokio::test]
async fn pages_files_api_answers_and_errors_carry_the_security_headers() -> anyhow::Result<()> {
    let (server, _web) = server_with_client().await?;
    let addr = server.addr;
    let session = server.create_session("Intervisie").await?;

    for path in [
        "/",
        &format!("/s/{}", session.id),
        "/assets/style.css",
        "/sw.js",
        "/healthz",
    ] {
        let response = request(addr, "GET", path, &[], b"").await?;
        assert_eq!(response.status, 200, "{path}");
        assert_security_headers(&response, path);
        assert_ne!(
            response.header("Cache-Control"),
            Some("no-store"),
            "{path}: pages and files may be cached (and revalidated)"
        );
    }

    let created = post_json(addr, "/api/sessions", &json!({"title": "Leerkring"})).await?;
    assert_eq!(created.status, 201);
    let shown = with_token(
        addr,
        "GET",
        &format!("/api/sessions/{}", session.id),
        &session.facilitator,
        b"",
    )
    .await?;
    assert_eq!(shown.status, 200);
    let refused = request(
        addr,
        "GET",
        &format!("/api/sessions/{}", session.id),
        &[],
        b"",
    )
    .await?;
    assert_eq!(refused.status, 401);
    let exported = with_token(
        addr,
        "GET",
        &format!("/api/sessions/{}/export.json", session.id),
        &session.facilitator,
        b"",
    )
    .await?;
    assert_eq!(exported.status, 200);
    for (what, response) in [
        ("a new session", &created),
        ("a link's role", &shown),
        ("a refusal", &refused),
        ("an export", &exported),
    ] {
        assert_other_headers(response, what);
        if what != "an export" {
            assert_policy(response, what);
        }
        assert_eq!(
            response.header("Cache-Control"),
            Some("no-store"),
            "{what}: API answers are never kept"
        );
    }
    let svg = with_token(
        addr,
        "GET",
        &format!("/api/sessions/{}/export.svg", session.id),
        &session.facilitator,
        b"",
    )
    .await?;
    for export in [&exported, &svg] {
        assert_eq!(
            export.header("Content-Security-Policy"),
            Some("default-src 'none'; style-src 'unsafe-inline'"),
            "an export keeps its own, stricter policy"
        );
    }
    Ok(())
}

#[tokio::test]
async fn every_error_has_a_json_body() -> anyhow::Result<()> {
    let (server, _web) = server_with_client().await?;
    let addr = server.addr;
    let session = server.create_session("Intervisie").await?;
    let id = session.id.to_string();

    let wrong_method = request(addr, "PUT", "/api/sessions", &[], b"").await?;
    assert_json_error(
        &wrong_method,
        405,
        "method_not_allowed",
        "PUT /api/sessions",
    );
    assert!(
        wrong_method
            .header("Allow")
            .is_some_and(|a| a.contains("POST")),
        "a 405 still says what the address takes: {wrong_method:?}"
    );
    let wrong_method = request(addr, "DELETE", "/healthz", &[], b"").await?;
    assert_json_error(&wrong_method, 405, "method_not_allowed", "DELETE /healthz");

    let undecodable = with_token(
        addr,
        "GET",
        "/api/sessions/%FF/links",
        &session.facilitator,
        b"",
    )
    .await?;
    assert_json_error(&undecodable, 400, "bad_request", "a path that is not UTF-8");
    let undecodable = request(addr, "GET", "/api/sessions/%FF/ws", &[], b"").await?;
    assert_json_error(
        &undecodable,
        400,
        "bad_request",
        "the WebSocket address, not UTF-8",
    );
    let undecodable = with_token(
        addr,
        "DELETE",
        &format!("/api/sessions/{id}/links/%C3%28"),
        &session.facilitator,
        b"",
    )
    .await?;
    assert_json_error(
        &undecodable,
        400,
        "bad_request",
        "a link id that is not UTF-8",
    );
    let malformed_id = with_token(
        addr,
        "GET",
        "/api/sessions/not*an*id/links",
        &session.facilitator,
        b"",
    )
    .await?;
    assert_json_error(
        &malformed_id,
        404,
        "unknown_session",
        "a malformed session id",
    );

    let unknown_api = request(addr, "GET", "/api/nothing/here", &[], b"").await?;
    assert_json_error(&unknown_api, 404, "not_found", "an unknown API address");
    assert_eq!(unknown_api.header("Cache-Control"), Some("no-store"));
    let missing_file = request(addr, "GET", "/assets/missing.js", &[], b"").await?;
    assert_json_error(&missing_file, 404, "not_found", "a missing file");
    Ok(())
}
