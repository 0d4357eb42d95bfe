//! Masters and sponsors are participants with a badge; the facilitator can limit
//! sponsors to the phases they belong in, and the server holds them to it.

use ovaal_shared::board::facilitation::{read_facilitation, write_phase, write_sponsor_phases};
use ovaal_shared::board::{CardKind, Method};
use ovaal_shared::permissions::Refusal;
use ovaal_shared::{DocName, Role};
use ovaal_tests::control::connect_facilitator;
use ovaal_tests::http::with_token;
use ovaal_tests::{ProtocolClient, TestServer};

async fn extra_link(
    server: &TestServer,
    s: &ovaal_tests::SessionLinks,
    role: &str,
) -> anyhow::Result<String> {
    let body = serde_json::to_vec(&serde_json::json!({ "role": role, "label": role }))?;
    let path = format!("/api/sessions/{}/links", s.id);
    let r = with_token(server.addr, "POST", &path, &s.facilitator, &body).await?;
    anyhow::ensure!(r.status == 201, "link for {role}: {r:?}");
    let json = r.json()?;
    Ok(json["link"]
        .as_str()
        .and_then(|l| l.split_once("#token="))
        .map(|(_, t)| t.to_owned())
        .unwrap_or_default())
}

#[tokio::test]
async fn sponsors_write_only_in_their_phases_masters_always() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Urgentie", Method::MastercircleUrgentie)
        .await?;
    let url = server.ws_url(&session.id);
    let sponsor_token = extra_link(&server, &session, "sponsor").await?;
    let master_token = extra_link(&server, &session, "master").await?;
    let mut sponsor = ProtocolClient::connect(&url, &sponsor_token).await?;
    let mut master = ProtocolClient::connect(&url, &master_token).await?;
    assert_eq!(sponsor.welcome.role, Role::Sponsor);
    assert_eq!(master.welcome.role, Role::Master);

    let mut facilitator = connect_facilitator(&url, &session.facilitator).await?;
    facilitator
        .edit(&DocName::Control, |d| {
            write_sponsor_phases(d, Some(&["urgency".to_owned()]));
            write_phase(d, "welcome");
        })
        .await?;
    for c in [&mut sponsor, &mut master] {
        c.wait_until("the welcome phase", |c| {
            c.docs.get(&DocName::Control).is_some_and(|d| {
                let f = read_facilitation(d);
                f.phase.as_deref() == Some("welcome") && f.sponsor_phases.is_some()
            })
        })
        .await?;
    }
    // Welcome: the sponsor waits, the master writes.
    sponsor.add_card(CardKind::Theme, "te vroeg").await?;
    sponsor
        .wait_until("a refusal", |c| !c.refusals.is_empty())
        .await?;
    assert_eq!(sponsor.refusals[0].1, Refusal::SponsorNotNow.code());
    master.add_card(CardKind::Theme, "van de master").await?;
    master.wait_stored().await?;
    assert!(master.refusals.is_empty());

    // The urgency phase is the sponsor's.
    facilitator
        .edit(&DocName::Control, |d| write_phase(d, "urgency"))
        .await?;
    sponsor
        .wait_until("the urgency phase", |c| {
            c.docs
                .get(&DocName::Control)
                .and_then(|d| read_facilitation(d).phase)
                == Some("urgency".into())
        })
        .await?;
    sponsor.add_card(CardKind::Theme, "waarom nu").await?;
    sponsor.wait_stored().await?;
    assert_eq!(sponsor.refusals.len(), 1);
    let mut observer = ProtocolClient::connect(&url, &session.observer).await?;
    // The sponsor's early card stayed in their own copy, and their later card builds
    // on it: it arrives now that the sponsor may write (protocol.md §6.2).
    observer
        .wait_until("the three cards", |c| c.all_card_texts().len() == 3)
        .await?;
    assert_eq!(
        observer.all_card_texts(),
        ["te vroeg", "van de master", "waarom nu"]
    );
    Ok(())
}
