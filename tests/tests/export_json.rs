//! The harvest as JSON: the lossless form. Every text intact, the case-holder's labels
//! and useful marks by author and card, unrevealed private cards absent, and an import
//! of it gives a live session whose export is the same, byte for byte, apart from the
//! volatile fields.

use anyhow::Context;
use ovaal_shared::board::arrangement::{move_to_place, set_order};
use ovaal_shared::board::facilitation::{
    Timer, write_locked, write_participants_export, write_sponsor_phases, write_timer,
};
use ovaal_shared::layout::Place;
use ovaal_shared::{CardId, DocName, ParticipantId};
use ovaal_tests::ProtocolClient;
use ovaal_tests::harvest_fixture::{
    ACTION, ADVICE, CASE, MARKUP, NO_PHASE, Q_ARABIC, Q_HEBREW, Q_LINES, Q_QUOTES, REVEALED, TITLE,
    card_texts, export_ok, facilitate, import_and_compare, incident_session, text, token_of,
};

#[tokio::test]
async fn json_keeps_every_text_and_no_unrevealed_card() -> anyhow::Result<()> {
    let board = incident_session().await?;
    let json_response = export_ok(&board, "json").await?;
    assert_eq!(
        json_response.header("content-type"),
        Some("application/json")
    );
    let json = json_response.json()?;
    assert_eq!(json["format"], "ovaal-harvest");
    assert_eq!(json["version"], 2);
    assert_eq!(json["session"]["title"], TITLE);
    assert_eq!(json["facilitation"]["hot_seat"], board.ids.zoe.as_str());
    let texts = card_texts(&json)?;
    for t in [
        CASE, Q_QUOTES, Q_LINES, Q_ARABIC, Q_HEBREW, ADVICE, MARKUP, ACTION, NO_PHASE,
    ] {
        assert!(texts.iter().any(|x| x == t), "{t:?} missing from the JSON");
    }
    assert_eq!(json["private_cards"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["private_cards"][0]["cards"][0]["text"], REVEALED);
    let key = |author: &ParticipantId, card: &CardId| format!("{author}/{card}");
    assert_eq!(
        json["triage"]["labels"][key(&board.ids.bram, &board.ids.q_quotes)],
        "warm"
    );
    assert_eq!(
        json["triage"]["labels"][key(&board.ids.bram, &board.ids.q_lines)],
        "neutral"
    );
    assert_eq!(
        json["triage"]["useful"],
        serde_json::json!([key(&board.ids.bram, &board.ids.advice)])
    );
    assert!(
        !text(&json_response).contains("GEHEIM"),
        "an unrevealed private card was exported"
    );
    Ok(())
}

#[tokio::test]
async fn json_export_imports_into_an_identical_board() -> anyhow::Result<()> {
    let mut board = incident_session().await?;
    // Every kind of facilitator state, so the round trip covers it.
    facilitate(&mut board.facilitator, |d| {
        write_participants_export(d, true);
        write_timer(d, Timer::start(10, 1_750_000_000_000));
        write_sponsor_phases(d, Some(&["advice".to_owned()]));
        write_locked(d, true);
    })
    .await?;
    // Cards moved by hand: one to the centre with an order, one only reordered.
    let (moved, reordered) = (board.ids.q_quotes.clone(), board.ids.advice.clone());
    board
        .facilitator
        .edit(&DocName::Participant(board.ids.bram.clone()), move |d| {
            move_to_place(d, &moved, Place::Centre, Some(1_750_000_000_500.5))
                .expect("the card is there");
            set_order(d, &reordered, 1_749_999_999_999.25).expect("the card is there");
        })
        .await?;
    board.facilitator.round_trip().await?;
    board.facilitator.wait_stored().await?;
    board.artifact = "harvest-round-trip";
    let first = export_ok(&board, "json").await?;
    let cards = first.json()?["participants"]
        .as_array()
        .context("participants")?
        .iter()
        .flat_map(|p| p["cards"].as_array().cloned().unwrap_or_default())
        .collect::<Vec<_>>();
    let card = |id: &CardId| {
        cards
            .iter()
            .find(|c| c["id"] == id.as_str())
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(card(&board.ids.q_quotes)["place"], "centre");
    assert_eq!(card(&board.ids.q_quotes)["order"], 1_750_000_000_500.5);
    assert_eq!(card(&board.ids.advice)["order"], 1_749_999_999_999.25);
    assert!(card(&board.ids.advice).get("place").is_none());
    assert!(
        card(&board.ids.q_lines).get("place").is_none()
            && card(&board.ids.q_lines).get("order").is_none(),
        "an unmoved card has neither key"
    );
    let answer = import_and_compare(&board.server, board.session.id.as_str(), &first).await?;
    assert_eq!(answer["title"], TITLE);
    assert_eq!(answer["method"], "incident");
    assert!(answer["join_code"].as_str().is_some_and(|c| c.len() == 9));

    // The new session is live: its participant link opens the imported board.
    let new_id: ovaal_shared::SessionId = answer["id"].as_str().context("id")?.parse()?;
    let mut reader = ProtocolClient::connect(
        &board.server.ws_url(&new_id),
        &token_of(&answer, "participant")?,
    )
    .await?;
    reader
        .wait_until("the imported cards, the revealed round's too", |c| {
            let texts = c.all_card_texts();
            [CASE, REVEALED]
                .iter()
                .all(|t| texts.iter().any(|x| x == t))
        })
        .await?;
    Ok(())
}
