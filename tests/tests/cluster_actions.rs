//! A facilitator's action on a whole session, taken through one node, reaches the
//! connections on the other nodes: revoking a link, removing a person, ending and
//! deleting the session.

use std::time::Instant;

use serde_json::json;

use ovaal_shared::DocName;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::facilitation::read_facilitation;
use ovaal_shared::permissions::Refusal;
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::ProtocolClient;
use ovaal_tests::client::new_identity;
use ovaal_tests::cluster::TestCluster;
use ovaal_tests::http::with_token;

#[tokio::test]
async fn revoking_a_link_and_removing_a_person_on_one_node_drops_them_on_another()
-> anyhow::Result<()> {
    let cluster = TestCluster::start(2).await?;
    let a = cluster.nodes[0].addr;
    let session = cluster.nodes[0].create_session("Mastercircle").await?;
    let links = format!("/api/sessions/{}/links", session.id);
    let body = serde_json::to_vec(&json!({"role": "participant", "label": "gast"}))?;
    let created = with_token(a, "POST", &links, &session.facilitator, &body).await?;
    assert_eq!(created.status, 201);
    let created = created.json()?;
    let guest_token = created["link"]
        .as_str()
        .and_then(|l| l.split_once("#token="))
        .map(|(_, token)| token.to_owned())
        .expect("a link with a token");
    let link_id = created["id"].as_str().expect("a link id").to_owned();

    let url_b = cluster.ws_url(1, &session.id);
    let mut guest = ProtocolClient::connect(&url_b, &guest_token).await?;
    let (id, key) = new_identity();
    let mut leaver =
        ProtocolClient::connect_as(&url_b, &session.participant, id.clone(), &key).await?;
    let mut bystander = ProtocolClient::connect(&url_b, &session.participant).await?;

    let revoked_at = Instant::now();
    let revoke = format!("{links}/{link_id}");
    let revoked = with_token(a, "DELETE", &revoke, &session.facilitator, &[]).await?;
    assert_eq!(revoked.status, 204);
    let closed = guest.wait_closed().await?;
    println!(
        "revoked on node A, dropped on node B after {:?}",
        revoked_at.elapsed()
    );
    assert_eq!(closed.error.map(|e| e.0), Some(ErrorCode::Unauthorized));

    let removed_at = Instant::now();
    let remove = format!("/api/sessions/{}/participants/{id}", session.id);
    let removed = with_token(a, "DELETE", &remove, &session.facilitator, &[]).await?;
    assert_eq!(removed.status, 204);
    let closed = leaver.wait_closed().await?;
    println!(
        "removed on node A, dropped on node B after {:?}",
        removed_at.elapsed()
    );
    assert_eq!(closed.error.map(|e| e.0), Some(ErrorCode::Unauthorized));

    // Neither comes back through the other node either; the bystander stays.
    assert!(ProtocolClient::connect(&url_b, &guest_token).await.is_err());
    assert!(
        ProtocolClient::connect_as(&url_b, &session.participant, id, &key)
            .await
            .is_err()
    );
    bystander.round_trip().await?;
    assert!(bystander.closed.is_none());
    Ok(())
}

#[tokio::test]
async fn ending_and_deleting_on_one_node_reach_the_people_on_another() -> anyhow::Result<()> {
    let cluster = TestCluster::start(2).await?;
    let a = cluster.nodes[0].addr;
    let session = cluster.nodes[0].create_session("Afgerond").await?;
    let url_b = cluster.ws_url(1, &session.id);
    let mut anna = ProtocolClient::connect(&url_b, &session.participant).await?;
    anna.add_card(CardKind::Insight, "wat ik meeneem").await?;
    anna.wait_stored().await?;

    // Nobody is connected to node A: the session is live on node B only.
    let end = format!("/api/sessions/{}/end", session.id);
    let ended = with_token(a, "POST", &end, &session.facilitator, &[]).await?;
    assert_eq!(ended.status, 204);
    anna.wait_until("the end of the session", |c| {
        c.docs
            .get(&DocName::Control)
            .is_some_and(|d| read_facilitation(d).ended)
    })
    .await?;
    let before = anna.refusals.len();
    anna.add_card(CardKind::Insight, "te laat").await?;
    anna.wait_until("a refusal", |c| c.refusals.len() > before)
        .await?;
    assert_eq!(anna.refusals[before].1, Refusal::SessionEnded.code());

    let path = format!("/api/sessions/{}", session.id);
    let deleted = with_token(a, "DELETE", &path, &session.facilitator, &[]).await?;
    assert_eq!(deleted.status, 204);
    let closed = anna.wait_closed().await?;
    assert_eq!(closed.error.map(|e| e.0), Some(ErrorCode::UnknownSession));
    assert!(
        ProtocolClient::connect(&url_b, &session.participant)
            .await
            .is_err(),
        "a deleted session opened on another node"
    );
    Ok(())
}

#[tokio::test]
async fn redis_without_a_database_is_refused_at_start() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut config = ovaal_server::Config::new(dir.path(), dir.path());
    config.redis = Some("redis://127.0.0.1:1".parse()?);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let started = ovaal_server::run(listener, config, std::future::pending()).await;
    assert!(
        matches!(
            started,
            Err(ovaal_server::ServerError::RedisWithoutDatabase)
        ),
        "a node started with Redis but no database"
    );
    assert!(
        std::fs::read_dir(dir.path())?.next().is_none(),
        "the embedded store was created"
    );
    Ok(())
}
