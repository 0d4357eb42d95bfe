//! The list view is a full way to work with the board, live: cards written on the table
//! appear in the list under their author's seat, and under their new place once moved;
//! in the list a person edits, moves (to
//! the table centre) and deletes their own cards, and the table on another page follows.
//! Other people's cards offer no tools.

use anyhow::{Context, Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, add_card, artifact, assert_no_console_errors, drag_to_seat, join, js, replace_text,
    require_client, wait_card_gone, wait_card_in, wait_card_text,
};
use ovaal_tests::browser::{Browser, Page};

fn list_card(id: &str) -> String {
    format!("#list-view li.list-card[data-card-id='{id}']")
}

/// Waits until the list shows the card in `group` with `text`.
async fn wait_listed(page: &Page, id: &str, group: &str, text: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "(() => {{ const c = document.querySelector({}); return !!c && \
             c.closest('li.list-group')?.dataset.group === {} && \
             c.querySelector('.list-card-text')?.textContent === {}; }})()",
            js(&list_card(id)),
            js(group),
            js(text)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("the list does not show {text:?} under {group}"))?;
    Ok(())
}

#[tokio::test]
async fn the_list_view_follows_and_changes_the_board_live() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Het bord als lijst").await?;
    let browser = Browser::launch().await?;
    let anna = browser.new_page(1280, 800).await?;
    let bram = browser.new_page(1280, 800).await?;
    join(&anna, &session.participant_url, "Anna", Some(1)).await?;
    join(&bram, &session.participant_url, "Bram", Some(4)).await?;
    bram.click("button[data-view='list']").await?;
    bram.wait_for(
        "document.body.dataset.view === 'list' && !!document.querySelector('#list-view')",
        WAIT,
    )
    .await?;

    // Written on the table, listed under the author's seat, as the right kind.
    let annas = add_card(&anna, "question", "Wat wil je bereiken?").await?;
    wait_listed(&bram, &annas, "seat-1", "Wat wil je bereiken?").await?;
    let kind = bram
        .eval(&format!(
            "document.querySelector({}).dataset.kind",
            js(&list_card(&annas))
        ))
        .await?;
    ensure!(kind == "question", "listed as kind {kind}");
    let tools = bram
        .eval(&format!(
            "[...document.querySelectorAll({})].filter(b => b.getClientRects().length > 0).length",
            js(&format!(
                "{} .list-edit, {} .list-move, {} .list-delete",
                list_card(&annas),
                list_card(&annas),
                list_card(&annas)
            ))
        ))
        .await?;
    ensure!(tools == 0, "Bram is offered tools on Anna's card");

    // Written in the list view, shown on Anna's table.
    let brams = add_card(&bram, "advice", "Vraag het haar zelf.").await?;
    wait_listed(&bram, &brams, "seat-4", "Vraag het haar zelf.").await?;
    wait_card_text(&anna, &brams, "Vraag het haar zelf.").await?;

    // Edit in the list.
    bram.click(&format!("{} .list-edit", list_card(&brams)))
        .await?;
    replace_text(
        &bram,
        &format!("{} .list-edit-text", list_card(&brams)),
        "Vraag het haar zelf, vandaag nog.",
    )
    .await?;
    bram.click(&format!("{} .list-save", list_card(&brams)))
        .await?;
    wait_listed(&bram, &brams, "seat-4", "Vraag het haar zelf, vandaag nog.").await?;
    wait_card_text(&anna, &brams, "Vraag het haar zelf, vandaag nog.").await?;

    // Move to the table centre from the list.
    bram.click(&format!("{} .list-move", list_card(&brams)))
        .await?;
    bram.click("#move-menu button[data-target='centre']")
        .await?;
    wait_listed(&bram, &brams, "centre", "Vraag het haar zelf, vandaag nog.").await?;
    wait_card_in(&anna, &brams, "centre")
        .await
        .context("moved to the centre from the list, but not on Anna's table")?;

    // Moved on the table, listed under its new place.
    drag_to_seat(&anna, &annas, 2).await?;
    wait_card_in(&anna, &annas, "seat:2").await?;
    wait_listed(&bram, &annas, "seat-2", "Wat wil je bereiken?")
        .await
        .context("a card dragged onto seat 2 on the table")?;
    bram.screenshot(artifact("list-view-bram.png")).await?;

    // Delete from the list; undo brings it back for both.
    bram.click(&format!("{} .list-delete", list_card(&brams)))
        .await?;
    wait_card_gone(&anna, &brams).await?;
    bram.wait_for(
        &format!("!document.querySelector({})", js(&list_card(&brams))),
        WAIT,
    )
    .await?;
    bram.click("#undo-toast-undo").await?;
    wait_listed(&bram, &brams, "centre", "Vraag het haar zelf, vandaag nog.").await?;
    wait_card_text(&anna, &brams, "Vraag het haar zelf, vandaag nog.").await?;

    assert_no_console_errors(&[("Anna", &anna), ("Bram", &bram)]).await
}
