//! On a phone (375 × 667, and the narrowest common width, 320 px) every screen fits the
//! width: the start page, the join screen and the board with its form and cards never
//! scroll sideways, and a card can be written there. Screenshots of each land in
//! `tests/artifacts/`.

use anyhow::{Context, Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, add_card, artifact, assert_no_console_errors, assert_no_horizontal_overflow,
    fill_join_form, is_visible, open_join_screen, require_client, set_phone_viewport, take_seat,
    wait_card_text,
};
use ovaal_tests::browser::Browser;

#[tokio::test]
async fn every_screen_fits_a_phone_without_sideways_scrolling() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Leerkring op de telefoon").await?;
    let browser = Browser::launch().await?;
    let phone = browser.new_page(375, 667).await?;
    set_phone_viewport(&phone, 375, 667).await?;

    // The start page.
    phone.goto(&server.base_url()).await?;
    phone
        .wait_for("!!document.querySelector('#session-create')", WAIT)
        .await?;
    assert_no_horizontal_overflow(&phone, "start page at 375 px").await?;
    phone.screenshot(artifact("phone-375-start.png")).await?;

    // The join screen, then the board with a seat taken and a card written.
    open_join_screen(&phone, &session.participant_url).await?;
    assert_no_horizontal_overflow(&phone, "join screen at 375 px").await?;
    phone.screenshot(artifact("phone-375-join.png")).await?;
    fill_join_form(&phone, "Sanne").await?;
    take_seat(&phone, 3).await?;
    let long = "Wat zou je doen als je niet bang was om het verkeerd te doen?";
    let id = add_card(&phone, "question", long).await?;
    wait_card_text(&phone, &id, long).await?;
    // Phones start in the list view; then the table view.
    for view in ["list", "table"] {
        phone.click(&format!("button[data-view='{view}']")).await?;
        phone
            .wait_for(&format!("document.body.dataset.view === '{view}'"), WAIT)
            .await?;
        let what = format!("{view} view at 375 px");
        let width = assert_no_horizontal_overflow(&phone, &what).await?;
        ensure!(
            width.1 == 375,
            "the phone viewport is {} px wide, expected 375",
            width.1
        );
        // The new card is on screen, not off to the side: in the list as an item; on
        // the phone's table, whose seats show only their chips, counted on the chip
        // in front of Sanne's seat, which lists it when tapped.
        let shown = if view == "list" {
            format!(
                "[...document.querySelectorAll(\"[data-card-id='{id}']\")]\
                 .find(e => e.getClientRects().length > 0)"
            )
        } else {
            "document.querySelector(\".card[data-card-id='ID']\") && \
             document.querySelector(\".card[data-card-id='ID']\").getClientRects().length \
             ? document.querySelector(\".card[data-card-id='ID']\") \
             : document.querySelector(\".chip[data-place='seat:3']\")"
                .replace("ID", &id)
        };
        let inside = phone
            .eval(&format!(
                "(() => {{ const e = {shown}; if (!e) return null; \
                 const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= \
                 document.documentElement.clientWidth; }})()"
            ))
            .await?;
        ensure!(
            inside == true,
            "{what}: the new card is not shown within the screen ({inside})"
        );
        if view == "table" && is_visible(&phone, ".chip[data-place='seat:3']").await? {
            phone.click(".chip[data-place='seat:3']").await?;
            phone
                .wait_for(
                    &format!(
                        "!!document.querySelector(\"#place-list li.place-card[data-card-id='{id}']\")"
                    ),
                    WAIT,
                )
                .await
                .context("the chip in front of seat 3 does not list the new card")?;
            phone
                .screenshot(artifact("phone-375-place-list.png"))
                .await?;
            phone.press_key("Escape").await?;
            phone
                .wait_for(
                    "!document.querySelector('#place-dialog')?.isConnected || \
                     !document.querySelector('#place-dialog').getClientRects().length",
                    WAIT,
                )
                .await?;
        }
        phone.eval("window.scrollTo(0, 0)").await?;
        phone
            .screenshot(artifact(&format!("phone-375-{view}.png")))
            .await?;
    }

    // The narrowest phones: 320 px, both views.
    set_phone_viewport(&phone, 320, 568).await?;
    phone
        .wait_for("document.documentElement.clientWidth === 320", WAIT)
        .await?;
    for view in ["table", "list"] {
        phone.click(&format!("button[data-view='{view}']")).await?;
        phone
            .wait_for(&format!("document.body.dataset.view === '{view}'"), WAIT)
            .await?;
        assert_no_horizontal_overflow(&phone, &format!("{view} view at 320 px")).await?;
        phone.eval("window.scrollTo(0, 0)").await?;
        phone
            .screenshot(artifact(&format!("phone-320-{view}.png")))
            .await?;
    }
    phone.goto(&server.base_url()).await?;
    phone
        .wait_for("!!document.querySelector('#session-create')", WAIT)
        .await?;
    assert_no_horizontal_overflow(&phone, "start page at 320 px").await?;

    assert_no_console_errors(&[("phone", &phone)]).await
}
