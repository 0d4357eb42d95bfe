//! Everything with the keyboard only, no pointer: write a card, Tab to it, move it from
//! place to place with the arrow keys, send it to the table's centre with its "move to…" menu, Enter to
//! edit it, Delete to remove it and the undo toast to bring it back. A second page
//! sees each step.

use anyhow::{Context, Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, card_id, card_place, card_selector, join, js,
    open_join_screen, record_dialogs, require_client, step_place, tab_to, wait_card_gone,
    wait_card_in, wait_card_text,
};
use ovaal_tests::browser::{Browser, Page};
use serde_json::json;

async fn type_keys(page: &Page, text: &str) -> Result<()> {
    page.call("Input.insertText", json!({ "text": text }))
        .await?;
    Ok(())
}

async fn focus_is_on(page: &Page, selector: &str) -> Result<bool> {
    Ok(page
        .eval(&format!(
            "!!document.activeElement?.matches({})",
            js(selector)
        ))
        .await?
        == true)
}

#[tokio::test]
async fn a_card_can_be_written_moved_edited_and_deleted_with_the_keyboard_alone() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Alleen het toetsenbord").await?;
    let browser = Browser::launch().await?;
    let kim = browser.new_page(1280, 800).await?;
    let watcher = browser.new_page(1280, 800).await?;
    join(&watcher, &session.participant_url, "Bram", Some(4)).await?;

    // Join: the name field has the focus; Enter submits.
    open_join_screen(&kim, &session.participant_url).await?;
    kim.wait_for("document.activeElement?.id === 'join-name'", WAIT)
        .await?;
    type_keys(&kim, "Kim").await?;
    kim.press_key("Enter").await?;
    kim.wait_for("!document.querySelector('#join-name')", WAIT)
        .await?;
    record_dialogs(&kim).await?;

    // Write a card: Tab to the text, type, Tab to Add, Enter.
    tab_to(&kim, "#card-text", 60).await?;
    let text = "Wat heb je nodig van de groep?";
    type_keys(&kim, text).await?;
    tab_to(&kim, "#card-add", 10).await?;
    kim.press_key("Enter").await?;
    let id = card_id(&kim, text).await?;
    let card = card_selector(&id);
    let start = card_place(&kim, &id).await?;
    wait_card_in(&watcher, &id, &start).await?;
    let seats = u32::try_from(
        kim.eval("document.querySelectorAll('g.seat').length")
            .await?
            .as_u64()
            .context("seat count")?,
    )?;

    // Tab to the card and move it with the arrow keys: ← twice walks it two places
    // back around the table (the centre counts as one), on both pages; a plain ↑
    // keeps scrolling and moves nothing.
    tab_to(&kim, &card, 80).await?;
    kim.press_key("ArrowLeft").await?;
    kim.press_key("ArrowLeft").await?;
    let keyed = step_place(&step_place(&start, seats, false), seats, false);
    wait_card_in(&kim, &id, &keyed)
        .await
        .with_context(|| format!("← ← from {start}"))?;
    wait_card_in(&watcher, &id, &keyed).await?;
    ensure!(
        focus_is_on(&kim, &card).await?,
        "the card lost the focus when it moved"
    );
    kim.press_key("ArrowUp").await?;
    kim.press_key("ArrowRight").await?;
    let back_one = step_place(&keyed, seats, true);
    wait_card_in(&kim, &id, &back_one)
        .await
        .context("ArrowUp then ArrowRight")?;
    wait_card_in(&watcher, &id, &back_one).await?;

    // "Move to…": the card's menu sends it to the table's centre.
    tab_to(&kim, &format!("{card} .card-move"), 10).await?;
    kim.press_key("Enter").await?;
    kim.wait_for(
        "(() => { const m = document.querySelector('#move-menu'); \
         return !!m && !m.hidden && m.getClientRects().length > 0; })()",
        WAIT,
    )
    .await
    .context("Enter on the card's move button did not open #move-menu")?;
    kim.screenshot(artifact("keyboard-move-menu.png")).await?;
    // The menu opens with the focus on its first place, the table's centre (the card
    // is alone in its place: no "up" or "down" before it).
    kim.wait_for(
        "!!document.activeElement?.matches(\"#move-menu button[data-target='centre']\")",
        WAIT,
    )
    .await
    .context("#move-menu does not open with the focus on the table's centre")?;
    kim.press_key("Enter").await?;
    wait_card_in(&kim, &id, "centre").await?;
    wait_card_in(&watcher, &id, "centre").await?;
    kim.wait_for(
        "(() => { const m = document.querySelector('#move-menu'); \
         return !m || m.hidden || m.getClientRects().length === 0; })()",
        WAIT,
    )
    .await
    .context("the move menu stayed open")?;

    // Enter edits the focused card; Enter in the editor saves.
    if !focus_is_on(&kim, &card).await? {
        tab_to(&kim, &card, 80).await?;
    }
    kim.press_key("Enter").await?;
    kim.wait_for(
        &format!(
            "document.activeElement?.matches({})",
            js(&format!("{card} .card-edit-text"))
        ),
        WAIT,
    )
    .await?;
    kim.eval("document.activeElement.select()").await?;
    type_keys(&kim, "Wat heb je nu nodig van de groep?").await?;
    kim.press_key("Enter").await?;
    wait_card_text(&kim, &id, "Wat heb je nu nodig van de groep?").await?;
    wait_card_text(&watcher, &id, "Wat heb je nu nodig van de groep?").await?;

    // Delete removes the focused card for everyone and offers undo, reachable by Tab.
    if !focus_is_on(&kim, &card).await? {
        tab_to(&kim, &card, 80).await?;
    }
    kim.press_key("Delete").await?;
    wait_card_gone(&kim, &id).await?;
    wait_card_gone(&watcher, &id).await?;
    let dialogs = ovaal_tests::board_page::dialogs_shown(&kim).await?;
    ensure!(
        dialogs.is_empty(),
        "Delete asked for confirmation: {dialogs:?}"
    );
    kim.wait_for("!!document.querySelector('#undo-toast')", WAIT)
        .await?;
    kim.screenshot(artifact("keyboard-undo-toast.png")).await?;
    tab_to(&kim, "#undo-toast-undo", 80).await?;
    kim.press_key("Enter").await?;
    wait_card_text(&kim, &id, "Wat heb je nu nodig van de groep?").await?;
    wait_card_text(&watcher, &id, "Wat heb je nu nodig van de groep?").await?;
    wait_card_in(&kim, &id, "centre").await?;
    wait_card_in(&watcher, &id, "centre").await?;

    assert_no_console_errors(&[("Kim", &kim), ("watcher", &watcher)]).await
}
