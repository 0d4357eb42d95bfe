//! A card's whole life in one page, watched live from a second page: created, edited,
//! dragged onto another seat, moved along the seats with the arrow keys, deleted, and brought back with undo. After each
//! step the second person sees exactly what the first does, without reloading.

use anyhow::{Context, Result, ensure};
use ovaal_tests::board_page::{
    WAIT, add_card, artifact, assert_no_console_errors, card_place_js, card_selector,
    click_card_tool, dialogs_shown, drag_to_seat, edit_card_text, join, js, record_dialogs,
    require_client, wait_card_gone, wait_card_in, wait_card_text,
};
use ovaal_tests::browser::Browser;
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn a_second_page_sees_create_edit_move_delete_and_undo_live() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Kaarten live").await?;
    let browser = Browser::launch().await?;
    let anna = browser.new_page(1280, 800).await?;
    let bram = browser.new_page(1280, 800).await?;
    join(&anna, &session.participant_url, "Anna", Some(1)).await?;
    join(&bram, &session.participant_url, "Bram", Some(2)).await?;

    // Create: Bram sees Anna's question, as a question, where she put it.
    let id = add_card(&anna, "question", "Wat heb je al geprobeerd?").await?;
    wait_card_text(&bram, &id, "Wat heb je al geprobeerd?").await?;
    let kind = bram
        .eval(&format!(
            "document.querySelector({}).dataset.kind",
            js(&card_selector(&id))
        ))
        .await?;
    ensure!(kind == "question", "the card arrived as kind {kind}");
    // In front of its author, Anna, on both pages.
    for page in [&anna, &bram] {
        wait_card_in(page, &id, "seat:1").await?;
    }

    // Edit: the pencil opens the text, Save writes it.
    edit_card_text(&anna, &id, "Wat heb je zelf al geprobeerd?").await?;
    wait_card_text(&anna, &id, "Wat heb je zelf al geprobeerd?").await?;
    wait_card_text(&bram, &id, "Wat heb je zelf al geprobeerd?").await?;

    // Move by drag: onto Bram's seat. It lies there on both pages and in the server's
    // copy of Anna's document.
    let mut watcher =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;
    anna.wait_for(&format!("{} === 'seat:1'", card_place_js(&id)), WAIT)
        .await?;
    drag_to_seat(&anna, &id, 2).await?;
    for page in [&anna, &bram] {
        wait_card_in(page, &id, "seat:2").await?;
    }
    stored_place_is(&mut watcher, &id, "seat:2").await?;

    // Move by keyboard: focus the card; → three times walks it clockwise past three
    // seats, ← once back by one: it ends in front of seat 4, everywhere.
    let focused = anna
        .eval(&format!(
            "(() => {{ const c = document.querySelector({}); c.focus(); \
             return document.activeElement === c; }})()",
            js(&card_selector(&id))
        ))
        .await?;
    ensure!(
        focused == true,
        "Anna's own card cannot take the keyboard focus"
    );
    for (key, place) in [
        ("ArrowRight", "seat:3"),
        ("ArrowRight", "seat:4"),
        ("ArrowRight", "seat:5"),
        ("ArrowLeft", "seat:4"),
    ] {
        anna.press_key(key).await?;
        wait_card_in(&anna, &id, place)
            .await
            .with_context(|| format!("{key} on the focused card"))?;
        let still = anna
            .eval(&format!(
                "document.activeElement === document.querySelector({})",
                js(&card_selector(&id))
            ))
            .await?;
        ensure!(still == true, "the card lost the focus after {key}");
    }
    wait_card_in(&bram, &id, "seat:4").await?;
    stored_place_is(&mut watcher, &id, "seat:4").await?;
    let settled = "seat:4";

    // Delete, then undo from the toast: the card comes back for both, unchanged. No
    // "are you sure?" dialog: undo makes it unnecessary.
    record_dialogs(&anna).await?;
    click_card_tool(&anna, &id, "delete").await?;
    let dialogs = dialogs_shown(&anna).await?;
    ensure!(
        dialogs.is_empty(),
        "deleting asked for confirmation instead of offering undo: {dialogs:?}"
    );
    wait_card_gone(&anna, &id).await?;
    wait_card_gone(&bram, &id).await?;
    anna.screenshot(artifact("cards-live-deleted.png")).await?;
    anna.click("#undo-toast-undo").await?;
    let back = anna
        .wait_for(
            &format!(
                "[...document.querySelectorAll('.card')].find(c => \
                 c.querySelector('.card-text')?.textContent === {})?.dataset.cardId ?? null",
                js("Wat heb je zelf al geprobeerd?")
            ),
            WAIT,
        )
        .await?;
    let back = back.as_str().unwrap_or_default().to_owned();
    wait_card_text(&bram, &back, "Wat heb je zelf al geprobeerd?").await?;
    // It comes back where it lay, not in front of its author.
    for page in [&anna, &bram] {
        wait_card_in(page, &back, settled).await?;
    }
    stored_place_is(&mut watcher, &back, settled).await?;

    anna.screenshot(artifact("cards-live-anna.png")).await?;
    bram.screenshot(artifact("cards-live-bram.png")).await?;
    assert_no_console_errors(&[("Anna", &anna), ("Bram", &bram)]).await
}

/// Waits until the server's copy says the card was moved to `place`.
async fn stored_place_is(watcher: &mut ProtocolClient, id: &str, place: &str) -> Result<()> {
    watcher
        .wait_until(&format!("card {id} stored in {place}"), |c| {
            c.stored_place(id).as_deref() == Some(place)
        })
        .await
}
