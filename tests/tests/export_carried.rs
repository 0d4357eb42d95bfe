//! An arc's carried cards in the harvest: the next session's Markdown lists them under
//! the session they were first written in, the JSON and CSV carry them, and the JSON
//! imports with them into an identical board.

use ovaal_shared::board::{CardKind, Method};
use ovaal_tests::control::wait_for_control;
use ovaal_tests::harvest_fixture::{export, import_and_compare, md_section, text};
use ovaal_tests::http::with_token;
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn an_arcs_carried_cards_are_in_the_harvest_and_survive_import() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let urgentie = server
        .create_session_with("Urgentie", Method::MastercircleUrgentie)
        .await?;
    let mut anna =
        ProtocolClient::connect(&server.ws_url(&urgentie.id), &urgentie.participant).await?;
    wait_for_control(&mut anna).await?;
    anna.join_table("Anna", 1).await?;
    anna.add_card(CardKind::Theme, "Eigenaarschap <in> het team")
        .await?;
    anna.add_card(CardKind::Action, "Gesprek met de directeur plannen")
        .await?;
    anna.round_trip().await?;
    anna.wait_stored().await?;
    let next = with_token(
        server.addr,
        "POST",
        &format!("/api/sessions/{}/next", urgentie.id),
        &urgentie.facilitator,
        &serde_json::to_vec(&serde_json::json!({ "title": "Opgave" }))?,
    )
    .await?;
    assert_eq!(next.status, 201, "{}", String::from_utf8_lossy(&next.body));
    let opgave = ovaal_tests::server::links_from(&next.json()?)?;

    let md = export(&server, &opgave, "md", &opgave.facilitator).await?;
    assert_eq!(md.status, 200);
    let md = text(&md);
    let carried = md_section(&md, "## Carried over from earlier sessions");
    assert!(carried.contains("### Urgentie"), "{md}");
    assert!(
        carried.contains("#### Themes\n\n- Eigenaarschap &lt;in&gt; het team — *Anna*"),
        "{md}"
    );
    assert!(
        carried.contains("- Gesprek met de directeur plannen — *Anna*"),
        "{md}"
    );

    let json = export(&server, &opgave, "json", &opgave.facilitator).await?;
    assert_eq!(json.json()?["carried"].as_array().map(Vec::len), Some(2));
    let csv_text = text(&export(&server, &opgave, "csv", &opgave.facilitator).await?);
    assert!(
        csv_text.contains(",Urgentie\r\n"),
        "carried_from: {csv_text}"
    );
    import_and_compare(&server, opgave.id.as_str(), &json).await?;
    Ok(())
}
