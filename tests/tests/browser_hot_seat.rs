//! The hot seat shows distinctly, live, in both views: when the facilitator puts a
//! participant in the hot seat, that person's seat gets the hot-seat ring and badge on
//! the table (and only that seat), the list marks their group, and taking them out of
//! the hot seat removes the marks everywhere.

use anyhow::{Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::control::write_hot_seat;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, join, require_client, take_seat,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::control::connect_facilitator;

/// `[seat index, visible badge text]` of every seat marked hot.
async fn hot_seats(page: &Page) -> Result<serde_json::Value> {
    page.eval(
        "[...document.querySelectorAll('g.seat')].filter(s => s.dataset.hot === 'true' \
         || s.classList.contains('hot')).map(s => [Number(s.dataset.seat), \
         s.querySelector('.seat-hot-label')?.textContent ?? ''])",
    )
    .await
}

#[tokio::test]
async fn the_hot_seat_is_marked_for_everyone_in_both_views() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Wie zit in de hete stoel?").await?;
    let browser = Browser::launch().await?;
    let bram = browser.new_page(1280, 800).await?;
    let anna = browser.new_page(1280, 800).await?;
    join(&bram, &session.participant_url, "Bram", Some(2)).await?;
    join(&anna, &session.participant_url, "Anna", None).await?;
    take_seat(&anna, 5).await?;
    ensure!(
        hot_seats(&anna)
            .await?
            .as_array()
            .is_some_and(Vec::is_empty),
        "a seat is marked hot before anyone was put in the hot seat"
    );

    // The facilitator puts Bram (the holder of seat 2) in the hot seat.
    let bram_id = bram
        .eval("document.querySelector(\"g.seat[data-seat='2']\").dataset.holder")
        .await?;
    let bram_id: ovaal_shared::ParticipantId = bram_id
        .as_str()
        .unwrap_or_default()
        .parse()
        .map_err(|e| anyhow::anyhow!("seat 2's holder is not a participant id: {e:?}"))?;
    let mut facilitator =
        connect_facilitator(&server.ws_url(&session.id), &session.facilitator).await?;
    facilitator
        .edit(&DocName::Control, |doc| write_hot_seat(doc, Some(&bram_id)))
        .await?;
    for page in [&anna, &bram] {
        page.wait_for(
            "document.querySelector(\"g.seat[data-seat='2']\")?.dataset.hot === 'true'",
            WAIT,
        )
        .await?;
    }
    let hot = hot_seats(&anna).await?;
    let hot = hot.as_array().cloned().unwrap_or_default();
    ensure!(
        hot.len() == 1 && hot[0][0] == 2,
        "exactly seat 2 should be hot, got {hot:?}"
    );
    ensure!(
        hot[0][1].as_str().is_some_and(|t| !t.trim().is_empty()),
        "the hot seat has no visible badge text"
    );
    anna.screenshot(artifact("hot-seat-table.png")).await?;

    // The list view marks Bram's group.
    anna.click("button[data-view='list']").await?;
    anna.wait_for(
        "(() => { const g = document.querySelector(\"li.list-group[data-group='seat-2'] .hot-badge\"); \
         return !!g && !g.hidden && g.textContent.trim() !== ''; })()",
        WAIT,
    )
    .await?;
    let other_badges = anna
        .eval(
            "[...document.querySelectorAll('li.list-group .hot-badge')].filter(b => !b.hidden \
             && b.closest('li.list-group').dataset.group !== 'seat-2').length",
        )
        .await?;
    ensure!(other_badges == 0, "other list groups are marked hot too");
    anna.screenshot(artifact("hot-seat-list.png")).await?;

    // Out of the hot seat: the marks go, everywhere.
    facilitator
        .edit(&DocName::Control, |doc| write_hot_seat(doc, None))
        .await?;
    bram.wait_for(
        "!document.querySelector(\"g.seat[data-seat='2']\")?.dataset.hot",
        WAIT,
    )
    .await?;
    anna.wait_for(
        "[...document.querySelectorAll('li.list-group .hot-badge')].every(b => b.hidden)",
        WAIT,
    )
    .await?;
    assert_no_console_errors(&[("Anna", &anna), ("Bram", &bram)]).await
}
