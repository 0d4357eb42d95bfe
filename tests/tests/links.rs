//! The facilitator's links: list, create extra ones, revoke one (its connections drop
//! at once), and remove a participant from the session.

use ovaal_shared::Role;
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::client::new_identity;
use ovaal_tests::http::{post_json, with_token};
use ovaal_tests::{ProtocolClient, TestServer};
use serde_json::json;

#[tokio::test]
async fn facilitators_create_list_and_revoke_links() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Mastercircle Urgentie").await?;
    let addr = server.addr;
    let path = format!("/api/sessions/{}/links", session.id);

    let listed = with_token(addr, "GET", &path, &session.facilitator, &[]).await?;
    assert_eq!(listed.status, 200);
    let links = listed.json()?;
    let roles: Vec<&str> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles.len(),
        5,
        "four links (the room screen's too) and the join code: {links}"
    );
    assert!(
        !links.to_string().contains(&session.participant),
        "a token was listed"
    );
    let current: Vec<&serde_json::Value> = links
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["current"] == true)
        .collect();
    assert_eq!(current.len(), 1, "exactly the caller's own link is current");
    assert_eq!(current[0]["role"], "facilitator");

    // Only facilitators manage links.
    let denied = with_token(addr, "GET", &path, &session.participant, &[]).await?;
    assert_eq!(denied.status, 403);
    assert_eq!(denied.json()?["error"]["code"], "facilitator_only");

    // An extra facilitator link works as a facilitator.
    let body = serde_json::to_vec(&json!({"role": "facilitator", "label": "tweede begeleider"}))?;
    let created = with_token(addr, "POST", &path, &session.facilitator, &body).await?;
    assert_eq!(created.status, 201);
    let created = created.json()?;
    assert_eq!(created["label"], "tweede begeleider");
    let second_token = created["link"]
        .as_str()
        .unwrap()
        .split_once("#token=")
        .unwrap()
        .1
        .to_owned();
    let url = server.ws_url(&session.id);
    let second = ProtocolClient::connect(&url, &second_token).await?;
    assert_eq!(second.welcome.role, Role::Facilitator);

    // Revoking drops its connections at once; others stay.
    let mut bystander = ProtocolClient::connect(&url, &session.participant).await?;
    let mut revoked = second;
    let link_id = created["id"].as_str().unwrap();
    let delete = with_token(
        addr,
        "DELETE",
        &format!("{path}/{link_id}"),
        &session.facilitator,
        &[],
    )
    .await?;
    assert_eq!(delete.status, 204);
    let closed = revoked.wait_closed().await?;
    assert_eq!(closed.error.map(|e| e.0), Some(ErrorCode::Unauthorized));
    let again = ProtocolClient::connect(&url, &second_token).await;
    assert!(again.is_err(), "a revoked link still opens the session");
    bystander.round_trip().await?;

    // Bad requests.
    let unknown = with_token(
        addr,
        "DELETE",
        &format!("{path}/nope"),
        &session.facilitator,
        &[],
    )
    .await?;
    assert_eq!(unknown.status, 404);
    let own_id = links
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["role"] == "facilitator")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let own = with_token(
        addr,
        "DELETE",
        &format!("{path}/{own_id}"),
        &session.facilitator,
        &[],
    )
    .await?;
    assert_eq!(
        own.status, 400,
        "revoking the link in use would lock the facilitator out"
    );
    let no_token = post_json(addr, &path, &json!({"role": "observer"})).await?;
    assert_eq!(no_token.status, 401);
    let body = serde_json::to_vec(&json!({"role": "admin"}))?;
    let bad_role = with_token(addr, "POST", &path, &session.facilitator, &body).await?;
    assert_eq!(bad_role.status, 400);
    Ok(())
}

#[tokio::test]
async fn a_removed_participant_is_dropped_and_cannot_return() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Intervisie").await?;
    let url = server.ws_url(&session.id);
    let (id, key) = new_identity();
    let mut leaver =
        ProtocolClient::connect_as(&url, &session.participant, id.clone(), &key).await?;
    let path = format!("/api/sessions/{}/participants/{id}", session.id);

    let by_participant =
        with_token(server.addr, "DELETE", &path, &session.participant, &[]).await?;
    assert_eq!(by_participant.status, 403);
    let removed = with_token(server.addr, "DELETE", &path, &session.facilitator, &[]).await?;
    assert_eq!(removed.status, 204);
    let closed = leaver.wait_closed().await?;
    assert_eq!(closed.error.map(|e| e.0), Some(ErrorCode::Unauthorized));
    let back = ProtocolClient::connect_as(&url, &session.participant, id, &key).await;
    assert!(back.is_err(), "a removed participant came back");
    let never = format!("/api/sessions/{}/participants/never-seen-1", session.id);
    let unknown = with_token(server.addr, "DELETE", &never, &session.facilitator, &[]).await?;
    assert_eq!(unknown.status, 404);
    Ok(())
}
