//! Undo and redo are for everyone: a card moved to another place goes back with Undo
//! and there again with Redo, on every page and on the server; a deleted card that its author brings back with the
//! Undo button (or Ctrl+Z) reappears on every page, where it was and as it was; Redo
//! (or Ctrl+Shift+Z) deletes it again everywhere; undoing an edit restores the old text for all. Each
//! person undoes only their own steps.

use anyhow::{Context, Result, ensure};
use ovaal_tests::board_page::{
    Modifiers, WAIT, add_card, artifact, assert_no_console_errors, card_selector,
    card_with_text_js, click_card_tool, dialogs_shown, drag_to_seat, edit_card_text, join, js,
    press_key_with, record_dialogs, require_client, wait_card_gone, wait_card_in, wait_card_text,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::{ProtocolClient, TestServer};

const TEXT: &str = "Wat maakt dit voor jou zo lastig?";

/// Waits until a card with `text` is shown and returns its id (undo may give the
/// restored card a new id; what matters is that the same card is back).
async fn card_back(page: &Page, text: &str) -> Result<String> {
    let id = page
        .wait_for(
            &format!("{}?.dataset.cardId ?? null", card_with_text_js(text)),
            WAIT,
        )
        .await
        .with_context(|| format!("the card {text:?} did not come back"))?;
    id.as_str().map(str::to_owned).context("card id")
}

async fn kind_of(page: &Page, id: &str) -> Result<serde_json::Value> {
    page.eval(&format!(
        "document.querySelector({})?.dataset.kind ?? null",
        js(&card_selector(id))
    ))
    .await
}

#[tokio::test]
async fn undo_and_redo_reach_every_page() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Ongedaan maken").await?;
    let browser = Browser::launch().await?;
    let anna = browser.new_page(1280, 800).await?;
    let bram = browser.new_page(1280, 800).await?;
    join(&anna, &session.participant_url, "Anna", Some(0)).await?;
    join(&bram, &session.participant_url, "Bram", Some(4)).await?;
    record_dialogs(&anna).await?;

    let id = add_card(&anna, "question", TEXT).await?;
    for page in [&anna, &bram] {
        wait_card_in(page, &id, "seat:0").await?;
    }

    // A move is undone and redone like any other step: the place comes back.
    let mut watcher =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;
    drag_to_seat(&anna, &id, 4).await?;
    for page in [&anna, &bram] {
        wait_card_in(page, &id, "seat:4").await?;
    }
    stored_place_is(&mut watcher, &id, Some("seat:4")).await?;
    anna.click("#undo").await?;
    for page in [&anna, &bram] {
        wait_card_in(page, &id, "seat:0")
            .await
            .context("Undo did not bring the card back to its author")?;
    }
    stored_place_is(&mut watcher, &id, None).await?;
    anna.click("#redo").await?;
    for page in [&anna, &bram] {
        wait_card_in(page, &id, "seat:4")
            .await
            .context("Redo did not move the card again")?;
    }
    stored_place_is(&mut watcher, &id, Some("seat:4")).await?;
    let at = "seat:4";

    // Delete with the card's button, undo with the Undo button.
    click_card_tool(&anna, &id, "delete").await?;
    let dialogs = dialogs_shown(&anna).await?;
    ensure!(
        dialogs.is_empty(),
        "deleting asked for confirmation instead of offering undo: {dialogs:?}"
    );
    wait_card_gone(&anna, &id).await?;
    wait_card_gone(&bram, &id).await?;
    anna.click("#undo").await?;
    let id = card_back(&anna, TEXT).await?;
    let id_for_bram = card_back(&bram, TEXT).await?;
    ensure!(
        id == id_for_bram,
        "the two pages show different cards: {id} / {id_for_bram}"
    );
    wait_card_in(&bram, &id, at).await?;
    ensure!(
        kind_of(&bram, &id).await? == "question",
        "the restored card is no longer a question"
    );

    // Redo deletes it again, everywhere; Ctrl+Z (focus on the page, not in a field)
    // brings it back again.
    anna.click("#redo").await?;
    wait_card_gone(&anna, &id).await?;
    wait_card_gone(&bram, &id).await?;
    anna.eval("document.activeElement?.blur()").await?;
    press_key_with(&anna, 'z', Modifiers::CTRL).await?;
    let id = card_back(&anna, TEXT).await?;
    card_back(&bram, TEXT).await?;
    wait_card_in(&bram, &id, at).await?;
    // Ctrl+Shift+Z redoes (deletes again), Ctrl+Z undoes once more.
    anna.eval("document.activeElement?.blur()").await?;
    press_key_with(&anna, 'z', Modifiers::CTRL_SHIFT).await?;
    wait_card_gone(&anna, &id).await?;
    wait_card_gone(&bram, &id).await?;
    press_key_with(&anna, 'z', Modifiers::CTRL).await?;
    let id = card_back(&anna, TEXT).await?;
    wait_card_in(&bram, &id, at).await?;

    // Undoing an edit restores the old text for everyone.
    edit_card_text(&anna, &id, "Wat maakt dit zo lastig?").await?;
    wait_card_text(&bram, &id, "Wat maakt dit zo lastig?").await?;
    anna.click("#undo").await?;
    wait_card_text(&anna, &id, TEXT).await?;
    wait_card_text(&bram, &id, TEXT).await?;

    // Bram's Ctrl+Z does not undo Anna's steps. His next card reaches Anna after
    // whatever his undo sent, so by then Anna's card must still be there.
    bram.eval("document.activeElement?.blur()").await?;
    press_key_with(&bram, 'z', Modifiers::CTRL).await?;
    let later = add_card(&bram, "advice", "Vraag het haar gewoon.").await?;
    wait_card_text(&anna, &later, "Vraag het haar gewoon.").await?;
    let still = anna.eval(&format!("!!{}", card_with_text_js(TEXT))).await?;
    ensure!(
        still == true,
        "Bram's Ctrl+Z changed Anna's card on her page"
    );
    wait_card_text(&bram, &id, TEXT).await?;

    anna.screenshot(artifact("undo-anna.png")).await?;
    assert_no_console_errors(&[("Anna", &anna), ("Bram", &bram)]).await
}

/// Waits until the server's copy has the card in `place` (`None`: never moved).
async fn stored_place_is(
    watcher: &mut ProtocolClient,
    id: &str,
    place: Option<&str>,
) -> Result<()> {
    watcher
        .wait_until(&format!("card {id} stored in {place:?}"), |c| {
            c.stored_place(id).as_deref() == place
        })
        .await
}
