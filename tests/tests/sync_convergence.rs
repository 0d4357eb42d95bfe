//! Three people edit at the same time; everyone ends with the same board.

use ovaal_shared::DocName;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::control::{read_settings, write_seat_count};
use ovaal_tests::control::wait_for_control;
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn three_clients_edit_concurrently_and_converge() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Intervisie dinsdag").await?;
    let url = server.ws_url(&session.id);
    let mut facilitator = ProtocolClient::connect(&url, &session.facilitator).await?;
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    let mut bram = ProtocolClient::connect(&url, &session.participant).await?;

    // Everyone writes before reading anything the others wrote.
    facilitator.join_table("Begeleider", 0).await?;
    anna.join_table("Anna", 1).await?;
    bram.join_table("Bram", 2).await?;
    for i in 0..5 {
        facilitator
            .add_card(CardKind::Theme, &format!("thema {i}"))
            .await?;
        anna.add_card(CardKind::Question, &format!("vraag {i}"))
            .await?;
        bram.add_card(CardKind::Advice, &format!("advies {i}"))
            .await?;
    }
    // The seat count overwrites a value set when the session was made: like the
    // browser, the facilitator changes it after the control document has arrived (an
    // edit made blind would be concurrent with the original and might lose to it).
    wait_for_control(&mut facilitator).await?;
    facilitator
        .edit(&DocName::Control, |d| {
            write_seat_count(d, 6).expect("valid seat count")
        })
        .await?;

    let mut clients = [facilitator, anna, bram];
    for client in clients.iter_mut() {
        client
            .wait_until("all 15 cards and the new seat count", |c| {
                c.all_card_texts().len() == 15
                    && c.docs
                        .get(&DocName::Control)
                        .and_then(read_settings)
                        .is_some_and(|s| s.seats == 6)
            })
            .await?;
    }
    let names: Vec<DocName> = clients[0].docs.keys().cloned().collect();
    assert_eq!(names.len(), 4, "control plus three participant documents");
    for name in &names {
        let reference = clients[0].state_of(name);
        for other in &clients[1..] {
            assert_eq!(
                other.state_of(name),
                reference,
                "{name} differs between clients"
            );
        }
    }
    let texts = clients[2].all_card_texts();
    assert!(texts.contains(&"thema 4".to_owned()) && texts.contains(&"vraag 0".to_owned()));
    Ok(())
}
