//! Making sessions is controlled: `POST /api/sessions`, `POST /api/sessions/import` and
//! `POST /api/sessions/{id}/next` are counted per client address and for everyone
//! together (`429 too_many_sessions` with `Retry-After`), and a server started with a
//! creation secret makes sessions (by create or import) only for whoever sends it.
//!
//! The servers here refill one allowance an hour, so nothing refills while a test
//! runs; refilling is tested in `server/src/gate/client_limit.rs` with time passed
//! in. Other clients are other loopback addresses (Linux).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use ovaal_server::Limits;
use ovaal_server::config::{Allowance, ClientLimits, CreateToken};
use ovaal_tests::TestServer;
use ovaal_tests::http::{Response, request_from, with_token};
use serde_json::json;

const FIRST: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1));
const SECOND: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
const THIRD: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3));
const REFILL: Duration = Duration::from_secs(3600);
const SECRET: &str = "school-zuid-7f3a9c";

fn limits(per_client: u32, everyone: u32) -> Limits {
    let allowance = |burst| Allowance {
        burst,
        refill_every: REFILL,
    };
    Limits {
        session_creation: ClientLimits {
            per_client: allowance(per_client),
            everyone: allowance(everyone),
            ..ClientLimits::session_creation()
        },
        ..Limits::default()
    }
}

async fn create(
    from: IpAddr,
    addr: SocketAddr,
    headers: &[(&str, &str)],
) -> anyhow::Result<Response> {
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    let body = serde_json::to_vec(&json!({"title": "Leerkring"}))?;
    request_from(from, addr, "POST", "/api/sessions", &all, &body).await
}

async fn import(
    from: IpAddr,
    addr: SocketAddr,
    export: &[u8],
    headers: &[(&str, &str)],
) -> anyhow::Result<Response> {
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    request_from(from, addr, "POST", "/api/sessions/import", &all, export).await
}

fn assert_limited(response: &Response, what: &str) {
    let _ = response.assert_rate_limited("too_many_sessions", REFILL.as_secs(), what);
}

/// The facilitator's token of a session just made, and its JSON export.
async fn token_and_export(addr: SocketAddr, made: &Response) -> anyhow::Result<(String, Vec<u8>)> {
    let links = ovaal_tests::server::links_from(&made.json()?)?;
    let export = with_token(
        addr,
        "GET",
        &format!("/api/sessions/{}/export.json", links.id),
        &links.facilitator,
        b"",
    )
    .await?;
    anyhow::ensure!(export.status == 200, "export: {export:?}");
    Ok((links.facilitator, export.body))
}

#[tokio::test]
async fn one_address_makes_its_allowance_of_sessions_by_any_route() -> anyhow::Result<()> {
    let server = TestServer::start_with(limits(3, 100)).await?;
    let addr = server.addr;
    let first = create(FIRST, addr, &[]).await?;
    assert_eq!(first.status, 201, "{first:?}");
    let (facilitator, export) = token_and_export(addr, &first).await?;
    let imported = import(FIRST, addr, &export, &[]).await?;
    assert_eq!(imported.status, 201, "{imported:?}");
    let next = request_from(
        FIRST,
        addr,
        "POST",
        &format!(
            "/api/sessions/{}/next",
            first.json()?["id"].as_str().unwrap_or_default()
        ),
        &[("Authorization", &format!("Bearer {facilitator}"))],
        &serde_json::to_vec(&json!({"title": "Tweede bijeenkomst"}))?,
    )
    .await?;
    assert_eq!(next.status, 201, "{next:?}");

    // Three made: every route is refused now, the import before its body is read.
    assert_limited(&create(FIRST, addr, &[]).await?, "a fourth create");
    assert_limited(
        &import(FIRST, addr, &export, &[]).await?,
        "a fourth by import",
    );
    // Another address has its own allowance.
    assert_eq!(create(SECOND, addr, &[]).await?.status, 201);
    Ok(())
}

#[tokio::test]
async fn everyone_together_is_limited_too() -> anyhow::Result<()> {
    let server = TestServer::start_with(limits(5, 3)).await?;
    let addr = server.addr;
    assert_eq!(create(FIRST, addr, &[]).await?.status, 201);
    assert_eq!(create(FIRST, addr, &[]).await?.status, 201);
    assert_eq!(create(SECOND, addr, &[]).await?.status, 201);
    assert_limited(
        &create(THIRD, addr, &[]).await?,
        "a fresh address over the ceiling",
    );
    Ok(())
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_counts() -> anyhow::Result<()> {
    let server = TestServer::start_configured(|config| {
        config.limits = limits(1, 100);
        config.trust_forwarded_for = true;
    })
    .await?;
    let addr = server.addr;
    let school = [("X-Forwarded-For", "203.0.113.7")];
    assert_eq!(create(FIRST, addr, &school).await?.status, 201);
    assert_limited(
        &create(FIRST, addr, &school).await?,
        "the same school again",
    );
    // The same proxy (the same peer address) for another school: not refused.
    let other = [("X-Forwarded-For", "198.51.100.20")];
    assert_eq!(create(FIRST, addr, &other).await?.status, 201);
    Ok(())
}

#[tokio::test]
async fn with_a_creation_secret_only_its_holders_make_sessions() -> anyhow::Result<()> {
    let server =
        TestServer::start_configured(|config| config.create_token = Some(CreateToken::new(SECRET)))
            .await?;
    let addr = server.addr;
    let right = format!("Bearer {SECRET}");
    let wrong = format!("Bearer {SECRET}x");

    let missing = create(FIRST, addr, &[]).await?;
    assert_eq!(
        (missing.status, missing.error_code().as_str()),
        (401, "create_token_required")
    );
    assert_eq!(missing.header("WWW-Authenticate"), Some("Bearer"));
    let wrong_one = create(FIRST, addr, &[("Authorization", &wrong)]).await?;
    assert_eq!(
        (wrong_one.status, wrong_one.error_code().as_str()),
        (401, "create_token_wrong")
    );
    let made = create(FIRST, addr, &[("Authorization", &right)]).await?;
    assert_eq!(made.status, 201, "{made:?}");

    // The import needs it too.
    let (facilitator, export) = token_and_export(addr, &made).await?;
    let missing = import(FIRST, addr, &export, &[]).await?;
    assert_eq!(
        (missing.status, missing.error_code().as_str()),
        (401, "create_token_required")
    );
    let wrong_one = import(FIRST, addr, &export, &[("Authorization", &wrong)]).await?;
    assert_eq!(
        (wrong_one.status, wrong_one.error_code().as_str()),
        (401, "create_token_wrong")
    );
    let imported = import(FIRST, addr, &export, &[("Authorization", &right)]).await?;
    assert_eq!(imported.status, 201, "{imported:?}");

    // The next session of an arc needs the facilitator's token, not the secret.
    let id = made.json()?["id"].as_str().unwrap_or_default().to_owned();
    let next = with_token(
        addr,
        "POST",
        &format!("/api/sessions/{id}/next"),
        &facilitator,
        &serde_json::to_vec(&json!({"title": "Vervolg"}))?,
    )
    .await?;
    assert_eq!(next.status, 201, "{next:?}");
    Ok(())
}
