//! `GET /metrics`: the figures move as a session is used, in a format Prometheus
//! reads; and with `--metrics-bind` they move to a listener of their own.

use ovaal_shared::board::{CardKind, Method};
use ovaal_shared::permissions::Refusal;
use ovaal_tests::metrics::{Scrape, scrape};
use ovaal_tests::server::create_session_at;
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};
use ovaal_tests::{ProtocolClient, TestServer, wait};

#[tokio::test]
async fn metrics_count_connections_sessions_writes_refusals_and_commits() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let before = scrape(server.addr).await?;
    for (name, value) in [
        ("ovaal_connections_open", 0.0),
        ("ovaal_connections_opened_total", 0.0),
        ("ovaal_sessions_live", 0.0),
        ("ovaal_updates_applied_total", 0.0),
        ("ovaal_updates_stored_total", 0.0),
        ("ovaal_storage_commit_seconds_count", 0.0),
        ("ovaal_storage_healthy", 1.0),
        ("ovaal_postgres_errors_total", 0.0),
        ("ovaal_redis_lag_seconds", 0.0),
        ("ovaal_redis_reconnects_total", 0.0),
    ] {
        assert_eq!(before.get(name, &[])?, value, "{name} at start");
    }
    assert_eq!(before.sum("ovaal_updates_refused_total"), 0.0);

    let session = server.create_session("Metingen").await?;
    let url = server.ws_url(&session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.add_card(CardKind::Theme, "een thema").await?;
    anna.add_card(CardKind::Question, "een vraag").await?;
    anna.wait_stored().await?;
    // An observer may not write: one refusal, code 1.
    let mut observer = ProtocolClient::connect(&url, &session.observer).await?;
    let own = observer.my_doc_name();
    observer
        .add_card_to(&own, CardKind::Advice, "mag niet")
        .await?;
    observer
        .wait_until("the refusal", |c| !c.refusals.is_empty())
        .await?;
    observer.wait_stored().await?;

    let during = scrape(server.addr).await?;
    assert_eq!(during.get("ovaal_connections_open", &[])?, 2.0);
    assert_eq!(during.get("ovaal_connections_opened_total", &[])?, 2.0);
    assert_eq!(during.get("ovaal_sessions_live", &[])?, 1.0);
    assert_eq!(during.get("ovaal_sessions_loaded_total", &[])?, 1.0);
    let read_only = Refusal::ReadOnlyRole.code().to_string();
    assert_eq!(
        during.get("ovaal_updates_refused_total", &[("code", &read_only)])?,
        1.0
    );
    assert_eq!(during.sum("ovaal_updates_refused_total"), 1.0);
    let applied = during.get("ovaal_updates_applied_total", &[])?;
    assert!(applied >= 2.0, "two cards written, {applied} applied");
    // Every applied write was acknowledged, so it is stored; nothing waits.
    assert_eq!(during.get("ovaal_updates_stored_total", &[])?, applied);
    assert_eq!(during.get("ovaal_storage_unsaved_updates", &[])?, 0.0);
    assert_eq!(during.get("ovaal_updates_dropped_total", &[])?, 0.0);
    let commits = during.get("ovaal_storage_commit_seconds_count", &[])?;
    assert!(
        (1.0..=applied).contains(&commits),
        "{commits} commits for {applied} updates"
    );
    assert!(during.get("ovaal_storage_commit_seconds_sum", &[])? > 0.0);
    assert_eq!(during.sum("ovaal_connections_refused_total"), 0.0);

    // A wrong token is refused at the handshake, by its error code.
    let wrong = ProtocolClient::connect(&url, "not-a-token").await;
    assert!(wrong.is_err(), "a wrong token was let in");
    drop((anna, observer));
    let after: Scrape = wait::until("both connections to close", || async {
        scrape(server.addr)
            .await
            .ok()
            .filter(|s| s.value("ovaal_connections_open", &[]) == Some(0.0))
    })
    .await?;
    assert_eq!(after.get("ovaal_connections_opened_total", &[])?, 3.0);
    let unauthorized = ovaal_shared::protocol::ErrorCode::Unauthorized
        .code()
        .to_string();
    assert_eq!(
        after.get(
            "ovaal_connections_refused_total",
            &[("code", &unauthorized)]
        )?,
        1.0
    );
    server.stop().await?;
    Ok(())
}

#[tokio::test]
async fn metrics_bind_moves_the_figures_off_the_main_listener() -> anyhow::Result<()> {
    let binary = ovaal_binary()?;
    let data = tempfile::tempdir()?;
    let (addr, metrics_addr) = (free_addr()?, free_addr()?);
    let _server = ServerProcess::start(
        &binary,
        addr,
        data.path(),
        &["--metrics-bind", &metrics_addr.to_string()],
    )
    .await?;
    let main = ovaal_tests::http::get(addr, "/metrics", &[]).await?;
    assert_eq!(main.status, 404, "the main listener still serves /metrics");

    let session = create_session_at(addr, "Apart", Method::Free).await?;
    let url = ovaal_tests::server::ws_url_at(addr, &session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.add_card(CardKind::Theme, "apart gemeten").await?;
    anna.wait_stored().await?;
    let figures = scrape(metrics_addr).await?;
    assert_eq!(figures.get("ovaal_connections_open", &[])?, 1.0);
    assert!(figures.get("ovaal_updates_stored_total", &[])? >= 1.0);
    let other = ovaal_tests::http::get(metrics_addr, "/healthz", &[]).await?;
    assert_eq!(
        other.status, 404,
        "the metrics listener serves only /metrics"
    );
    Ok(())
}
