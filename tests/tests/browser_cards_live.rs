//! A card's whole life in one page, watched live from a second page: created, edited,
//! dragged, moved with the arrow keys, deleted, and brought back with undo. After each
//! step the second person sees exactly what the first does, without reloading.

use anyhow::{Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, add_card, artifact, assert_no_console_errors, card_position, card_selector,
    dialogs_shown, join, js, record_dialogs, replace_text, require_client, wait_card_at,
    wait_card_gone, wait_card_moved, wait_card_text,
};
use ovaal_tests::browser::Browser;

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
    let placed = card_position(&anna, &id).await?;
    wait_card_at(&bram, &id, placed).await?;

    // Edit: the pencil opens the text, Save writes it.
    anna.click(&format!("{} .card-edit", card_selector(&id)))
        .await?;
    replace_text(
        &anna,
        &format!("{} .card-edit-text", card_selector(&id)),
        "Wat heb je zelf al geprobeerd?",
    )
    .await?;
    anna.click(&format!("{} .card-save", card_selector(&id)))
        .await?;
    wait_card_text(&anna, &id, "Wat heb je zelf al geprobeerd?").await?;
    wait_card_text(&bram, &id, "Wat heb je zelf al geprobeerd?").await?;

    // Move by drag: up and to the left, the same place on both pages.
    anna.drag(&card_selector(&id), -150.0, -100.0).await?;
    let dragged = wait_card_moved(&anna, &id, placed, 2.0).await?;
    ensure!(
        dragged.0 < placed.0 && dragged.1 < placed.1,
        "dragged up-left, but {placed:?} -> {dragged:?}"
    );
    wait_card_at(&bram, &id, dragged).await?;

    // Move by keyboard: focus the card, ArrowRight three times, ArrowDown twice.
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
    for key in [
        "ArrowRight",
        "ArrowRight",
        "ArrowRight",
        "ArrowDown",
        "ArrowDown",
    ] {
        anna.press_key(key).await?;
    }
    let keyed = wait_card_moved(&anna, &id, dragged, 0.5).await?;
    ensure!(
        keyed.0 > dragged.0 && keyed.1 > dragged.1,
        "ArrowRight and ArrowDown moved the card from {dragged:?} to {keyed:?}"
    );
    // The keys may still be settling on Anna's page; Bram converges to where it ends.
    anna.wait_for(
        &format!(
            "(() => {{ const p = {}; return p && p[0] > {} && p[1] > {}; }})()",
            ovaal_tests::board_page::card_position_js(&id),
            dragged.0,
            dragged.1
        ),
        WAIT,
    )
    .await?;
    let settled = card_position(&anna, &id).await?;
    wait_card_at(&bram, &id, settled).await?;

    // Delete, then undo from the toast: the card comes back for both, unchanged. No
    // "are you sure?" dialog: undo makes it unnecessary.
    record_dialogs(&anna).await?;
    anna.click(&format!("{} .card-delete", card_selector(&id)))
        .await?;
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
    let restored = card_position(&anna, &back).await?;
    ensure!(
        (restored.0 - settled.0).abs() < 0.01 && (restored.1 - settled.1).abs() < 0.01,
        "undo put the card at {restored:?}, it was at {settled:?}"
    );
    wait_card_at(&bram, &back, settled).await?;

    anna.screenshot(artifact("cards-live-anna.png")).await?;
    bram.screenshot(artifact("cards-live-bram.png")).await?;
    assert_no_console_errors(&[("Anna", &anna), ("Bram", &bram)]).await
}
