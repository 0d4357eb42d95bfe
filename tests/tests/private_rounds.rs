//! Cards of a private round never reach another browser before the facilitator
//! reveals the round — not even hidden: the server does not send them.

use ovaal_tests::control::connect_facilitator;
use std::time::Duration;

use ovaal_shared::DocName;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::Method;
use ovaal_shared::board::facilitation::{read_facilitation, reveal, start_plan, write_phase};
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn private_cards_reach_others_only_after_reveal() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Case Clinic").await?;
    let url = server.ws_url(&session.id);
    // Edit the control document only once it has arrived, as the browser does.
    let mut facilitator = connect_facilitator(&url, &session.facilitator).await?;
    facilitator
        .edit(&DocName::Control, |d| {
            start_plan(d, Method::CaseClinic);
            write_phase(d, "stillness");
        })
        .await?;
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    let mut bram = ProtocolClient::connect(&url, &session.participant).await?;
    for client in [&mut anna, &mut bram] {
        client
            .wait_until("the stillness phase", |c| {
                c.docs
                    .get(&DocName::Control)
                    .is_some_and(|d| read_facilitation(d).phase.as_deref() == Some("stillness"))
            })
            .await?;
    }
    let annas_notes = DocName::Private {
        phase: "stillness".into(),
        owner: anna.participant().clone(),
    };
    anna.add_card_to(&annas_notes, CardKind::Mirror, "Ik zie iemand die twijfelt")
        .await?;
    anna.round_trip().await?;

    // Nobody else receives it: not live, not on asking, not on joining.
    bram.send_step1(&annas_notes).await?;
    let mut late = ProtocolClient::connect(&url, &session.facilitator).await?;
    assert!(!late.welcome.documents.contains(&annas_notes));
    for client in [&mut bram, &mut facilitator, &mut late] {
        client.round_trip().await?;
        client.drain_for(Duration::from_millis(100)).await?;
        assert!(
            client.all_card_texts().is_empty(),
            "a private card reached another client: {:?}",
            client.all_card_texts()
        );
    }

    // Reveal: everyone receives it at once.
    facilitator
        .edit(&DocName::Control, |d| reveal(d, "stillness"))
        .await?;
    for client in [&mut bram, &mut late, &mut facilitator] {
        client
            .wait_until("the revealed card", |c| {
                c.all_card_texts() == ["Ik zie iemand die twijfelt"]
            })
            .await?;
    }
    let newcomer = ProtocolClient::connect(&url, &session.observer).await?;
    assert!(newcomer.welcome.documents.contains(&annas_notes));
    Ok(())
}
