//! Guessing join codes: `GET /api/join/{code}` answers only so many wrong codes per
//! client address and for everyone together, then `429` with `Retry-After`. While a
//! client is refused, the right code is refused too, so guessing cannot go on. The
//! second client is `127.0.0.2`, another loopback address (Linux).
//!
//! The servers here refill one allowance an hour, so nothing refills while a test
//! runs however slow the machine; refilling itself is tested in
//! `server/src/gate/join_limit.rs` with time passed in.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use ovaal_server::Limits;
use ovaal_server::config::{Allowance, JoinCodeLimits};
use ovaal_tests::TestServer;
use ovaal_tests::http::{Response, get_from, post_json};
use serde_json::json;

const FIRST: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1));
const SECOND: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
const THIRD: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3));
const REFILL: Duration = Duration::from_secs(3600);

fn limits(per_client: u32, everyone: u32) -> Limits {
    let allowance = |burst| Allowance {
        burst,
        refill_every: REFILL,
    };
    Limits {
        join_codes: JoinCodeLimits {
            per_client: allowance(per_client),
            everyone: allowance(everyone),
            ..JoinCodeLimits::join_codes()
        },
        ..Limits::default()
    }
}

/// A session's join code, as the room screen shows it (`XXXX-XXXX`).
async fn join_code(server: &TestServer) -> anyhow::Result<String> {
    let created = post_json(server.addr, "/api/sessions", &json!({"title": "Leerkring"})).await?;
    anyhow::ensure!(created.status == 201, "create session: {created:?}");
    Ok(created.json()?["join_code"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// Well-formed codes that are not `right`: each one a real guess.
fn wrong_codes(right: &str) -> impl Iterator<Item = String> {
    let right = right.replace('-', "");
    (0..)
        .map(|n: u32| format!("ZZZZ{n:04}"))
        .filter(move |code| *code != right)
}

async fn look_up(from: IpAddr, addr: SocketAddr, code: &str) -> anyhow::Result<Response> {
    get_from(from, addr, &format!("/api/join/{code}")).await
}

/// A `429 too_many_attempts` with a `Retry-After` the refill can keep, and a message.
fn assert_refused(response: &Response, what: &str) {
    let retry_after = response.assert_rate_limited("too_many_attempts", REFILL.as_secs(), what);
    let body = response.json().unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&retry_after.to_string())),
        "{what}: the message says how long to wait: {body}"
    );
}

#[tokio::test]
async fn wrong_codes_from_one_address_are_refused_with_retry_after() -> anyhow::Result<()> {
    let server = TestServer::start_with(limits(5, 1_000)).await?;
    let right = join_code(&server).await?;
    let mut wrong = wrong_codes(&right);

    for i in 0..5 {
        let r = look_up(FIRST, server.addr, &wrong.next().unwrap()).await?;
        assert_eq!(
            (r.status, r.error_code().as_str()),
            (404, "unknown_join_code"),
            "wrong code {i} is answered"
        );
    }
    let r = look_up(FIRST, server.addr, &wrong.next().unwrap()).await?;
    assert_refused(&r, "the sixth wrong code");
    // Guessing cannot go on: the right code gets the same answer as a wrong one.
    let r = look_up(FIRST, server.addr, &right).await?;
    assert_refused(&r, "the right code from the refused address");

    // Another address has its own allowance.
    let r = look_up(SECOND, server.addr, &right).await?;
    assert_eq!(r.status, 200, "{r:?}");
    assert!(
        r.json()?["link"]
            .as_str()
            .is_some_and(|l| l.contains("#token="))
    );
    let r = look_up(SECOND, server.addr, &wrong.next().unwrap()).await?;
    assert_eq!(r.status, 404);
    Ok(())
}

#[tokio::test]
async fn right_codes_and_malformed_ones_do_not_use_up_the_allowance() -> anyhow::Result<()> {
    let server = TestServer::start_with(limits(3, 1_000)).await?;
    let right = join_code(&server).await?;
    let mut wrong = wrong_codes(&right);

    // A whole room typing the right code, some of it sloppily.
    for typed in [right.clone(), right.to_lowercase(), right.replace('-', "")]
        .iter()
        .cycle()
        .take(30)
    {
        let r = look_up(FIRST, server.addr, typed).await?;
        assert_eq!(r.status, 200, "{typed}: {r:?}");
    }
    // Too short, too long, letters that are never in a code: not guesses.
    for malformed in ["K7PM-4QX", "K7PM-4QXAA", "UUUU-UUUU", "not-a-code-at-all"] {
        for _ in 0..5 {
            let r = look_up(FIRST, server.addr, malformed).await?;
            assert_eq!(r.status, 404, "{malformed}");
        }
    }
    // The whole allowance is still there: three wrong codes, then the refusal.
    for _ in 0..3 {
        let r = look_up(FIRST, server.addr, &wrong.next().unwrap()).await?;
        assert_eq!(r.status, 404);
    }
    let r = look_up(FIRST, server.addr, &wrong.next().unwrap()).await?;
    assert_refused(&r, "the fourth wrong code");
    Ok(())
}

#[tokio::test]
async fn a_guess_spread_over_addresses_meets_the_ceiling_for_everyone() -> anyhow::Result<()> {
    let server = TestServer::start_with(limits(100, 4)).await?;
    let right = join_code(&server).await?;
    let mut wrong = wrong_codes(&right);

    for from in [FIRST, FIRST, SECOND, SECOND] {
        let r = look_up(from, server.addr, &wrong.next().unwrap()).await?;
        assert_eq!(r.status, 404, "from {from}");
    }
    // A third address, well inside its own allowance, meets the shared ceiling.
    let r = look_up(THIRD, server.addr, &wrong.next().unwrap()).await?;
    assert_refused(&r, "a wrong code over the ceiling");
    let r = look_up(THIRD, server.addr, &right).await?;
    assert_refused(&r, "the right code over the ceiling");
    Ok(())
}
