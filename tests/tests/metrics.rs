//! `GET /metrics`: the figures move as a session is used, in a format Prometheus
//! reads; and with `--metrics-bind` they move to a listener of their own.

use ovaal_shared::board::{CardKind, Method};
use ovaal_shared::permissions::Refusal;
use ovaal_tests::metrics::{Scrape, scrape};
use ovaal_tests::postgres::TestPostgres;
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

#[tokio::test]
async fn a_postgresql_outage_shows_as_errors_unsaved_updates_and_then_recovers()
-> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let url = pg.create_database()?;
    let binary = ovaal_binary()?;
    let unused = tempfile::tempdir()?;
    let addr = free_addr()?;
    let _server =
        ServerProcess::start(&binary, addr, unused.path(), &["--database-url", &url]).await?;
    let session = create_session_at(addr, "Storing", Method::Free).await?;
    let url_ws = ovaal_tests::server::ws_url_at(addr, &session.id);
    let mut anna = ProtocolClient::connect(&url_ws, &session.participant).await?;
    anna.add_card(CardKind::Theme, "voor de storing").await?;
    anna.wait_stored().await?;
    let before = scrape(addr).await?;
    assert_eq!(before.get("ovaal_postgres_errors_total", &[])?, 0.0);
    assert_eq!(before.get("ovaal_storage_healthy", &[])?, 1.0);
    let stored_before = before.get("ovaal_updates_stored_total", &[])?;
    assert!(stored_before >= 1.0);

    pg.stop_server()?;
    anna.add_card(CardKind::Theme, "tijdens de storing").await?;
    let away = wait::until("the outage on /metrics", || async {
        scrape(addr).await.ok().filter(|s| {
            s.value("ovaal_storage_healthy", &[]) == Some(0.0)
                && s.value("ovaal_storage_unsaved_updates", &[]) >= Some(1.0)
        })
    })
    .await?;
    assert!(away.get("ovaal_postgres_errors_total", &[])? >= 1.0);
    assert!(away.get("ovaal_storage_commit_failures_total", &[])? >= 1.0);
    assert_eq!(away.get("ovaal_updates_stored_total", &[])?, stored_before);

    pg.start_server()?;
    anna.wait_stored().await?;
    let back = wait::until("the recovery on /metrics", || async {
        scrape(addr).await.ok().filter(|s| {
            s.value("ovaal_storage_healthy", &[]) == Some(1.0)
                && s.value("ovaal_storage_unsaved_updates", &[]) == Some(0.0)
        })
    })
    .await?;
    assert!(back.get("ovaal_updates_stored_total", &[])? > stored_before);
    assert_eq!(
        back.get("ovaal_updates_dropped_total", &[])?,
        0.0,
        "the kept update was stored"
    );
    Ok(())
}
