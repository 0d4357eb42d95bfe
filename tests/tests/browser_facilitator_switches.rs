//! The facilitator panel's three switches, each seen from the other pages and checked
//! against the control document the server holds:
//!
//! - `#lock-board`: the participants' pages say the board is locked, offer no form
//!   and no card tools, and a drag or an arrow key moves nothing; the facilitator
//!   still writes. Unlocking gives writing and moving back.
//! - `#hide-names`: no card carries its author's name any more (not on the table, not
//!   in the list, not in the live region), while the seats keep their names;
//!   switching back brings the bylines back.
//! - `#participants-export`: a participant's page offers the harvest only while it is
//!   on, and then the download really works — and the server answers the
//!   participant's own token accordingly (no JSON while names are hidden).

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use ovaal_shared::ParticipantId;
use ovaal_tests::board_page::{
    WAIT, assert_no_console_errors, card_place, card_place_js, card_selector, delta_to_seat,
    drag_over, drag_to_seat, is_visible, js, require_client, seat_selector, wait_card_in,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{
    Downloads, add_card, can_compose, holds_for, screenshot_all, set_switch, stored_facilitation,
    three_people, wait_byline, wait_card, wait_export_buttons,
};
use ovaal_tests::http::with_token;
use ovaal_tests::{ProtocolClient, TestServer};

/// Every export button, in the order the harvest panel shows them.
const ALL_EXPORTS: [&str; 6] = [
    "#export-json",
    "#export-md",
    "#export-csv",
    "#export-svg",
    "#export-png",
    "#export-pdf",
];

/// The ids (without `#`) of `buttons`.
fn ids<'a>(buttons: &[&'a str]) -> Vec<&'a str> {
    buttons.iter().map(|b| b.trim_start_matches('#')).collect()
}

/// The card tools (edit, move, delete) the page offers that a person could use.
async fn card_tools(page: &Page) -> Result<u64> {
    page.eval(
        "[...document.querySelectorAll('.card-edit, .card-move, .card-delete')] \
         .filter(b => b.getClientRects().length > 0 && !b.disabled).length",
    )
    .await?
    .as_u64()
    .context("a count")
}

/// `[data-editable, data-movable]` of a card on the table.
async fn card_permissions(page: &Page, card_id: &str) -> Result<serde_json::Value> {
    page.eval(&format!(
        "(() => {{ const c = document.querySelector({}); \
         return c ? [c.dataset.editable, c.dataset.movable] : null; }})()",
        js(&card_selector(card_id))
    ))
    .await
}

#[tokio::test]
async fn a_locked_board_takes_writing_and_moving_away_until_it_is_unlocked() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Slot op het bord").await?;
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let (fenna, carla, piet) = (&people.facilitator, &people.caseholder, &people.participant);
    let mut watcher =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;

    let piet_id: ParticipantId = people
        .participant_id
        .parse()
        .map_err(|e| anyhow::anyhow!("Piet's seat holder is not a participant id: {e:?}"))?;
    // Whether the server has Piet's card, and the place it was moved to.
    let stored_at = |c: &ProtocolClient, card: &str| {
        c.cards_of(&piet_id)
            .into_iter()
            .any(|k| k.id.as_str() == card)
            .then(|| c.stored_place(card))
    };

    let question = "Wie bewaakt de pauzes?";
    let card = add_card(piet, "question", question).await?;
    wait_card(carla, question).await?;
    let placed = card_place(piet, &card).await?;
    watcher
        .wait_until("Piet's card", |c| stored_at(c, &card).is_some())
        .await?;
    let stored_before = stored_at(&watcher, &card).context("Piet's card")?;
    ensure!(
        card_permissions(piet, &card).await? == serde_json::json!(["true", "true"]),
        "Piet cannot edit or move his own card on an open board"
    );

    // Lock: the server holds it, and both participants' pages say so and offer nothing.
    set_switch(fenna, "#lock-board", true).await?;
    stored_facilitation(&mut watcher, "the board locked", |f| f.locked).await?;
    for (who, page) in [("Carla", carla), ("Piet", piet)] {
        page.wait_for("document.body.dataset.locked === 'true'", WAIT)
            .await
            .with_context(|| format!("{who}'s page does not say body[data-locked=true]"))?;
        page.wait_for(
            "(() => { const b = document.querySelector('#locked-banner'); \
             return !!b && b.getClientRects().length > 0 && b.textContent.trim() !== ''; })()",
            WAIT,
        )
        .await
        .with_context(|| format!("{who}'s page shows no #locked-banner"))?;
        page.wait_for(
            "(() => { const n = document.querySelector('#compose-note'); \
             return !!n && n.getClientRects().length > 0 && n.textContent.trim() !== ''; })()",
            WAIT,
        )
        .await
        .with_context(|| format!("{who}'s page does not say why they cannot write"))?;
        ensure!(
            !can_compose(page).await?,
            "{who} can still write a card on a locked board"
        );
        ensure!(
            page.eval("!document.querySelector('#phase-kinds')?.getClientRects().length")
                .await?
                == true,
            "{who}'s page still says what they may write now on a locked board"
        );
        ensure!(
            card_tools(page).await? == 0,
            "{who}'s page offers card tools on a locked board"
        );
    }
    ensure!(
        card_permissions(piet, &card).await? == serde_json::json!(["false", "false"]),
        "on a locked board Piet's card still says it is editable or movable"
    );

    // A drag and the arrow keys move nothing, on his page or anywhere else.
    let (dx, dy) = delta_to_seat(piet, &card, 1).await?;
    drag_over(piet, &card_selector(&card), dx, dy).await?;
    let focused = piet
        .eval(&format!(
            "(() => {{ const c = document.querySelector({}); c.focus(); \
             return document.activeElement === c; }})()",
            js(&card_selector(&card))
        ))
        .await?;
    ensure!(focused == true, "Piet's card cannot take the focus");
    piet.press_key("ArrowRight").await?;
    piet.press_key("ArrowDown").await?;
    let at = holds_for(piet, &card_place_js(&card), Duration::from_secs(1)).await?;
    ensure!(
        at == placed.as_str(),
        "a locked card moved on Piet's page: {placed} -> {at}"
    );
    wait_card_in(carla, &card, &placed).await?;
    watcher.round_trip().await?;
    ensure!(
        stored_at(&watcher, &card) == Some(stored_before),
        "the server has Piet's locked card somewhere else: {:?}",
        stored_at(&watcher, &card)
    );

    // The facilitator still writes: the lock is for the others.
    ensure!(
        can_compose(fenna).await?,
        "the facilitator cannot write on the board she locked"
    );
    let notice = "Pauze om elf uur";
    add_card(fenna, "theme", notice).await?;
    wait_card(piet, notice).await?;
    screenshot_all("switches", "lock-1-locked", &people.pages()).await?;

    // Unlock: writing and moving come back, and reach the others and the server.
    set_switch(fenna, "#lock-board", false).await?;
    stored_facilitation(&mut watcher, "the board unlocked", |f| !f.locked).await?;
    for (who, page) in [("Carla", carla), ("Piet", piet)] {
        page.wait_for(
            "!document.body.dataset.locked && \
             !document.querySelector('#locked-banner')?.getClientRects().length",
            WAIT,
        )
        .await
        .with_context(|| format!("{who}'s page still says the board is locked"))?;
        ensure!(
            can_compose(page).await?,
            "{who} cannot write after the board was unlocked"
        );
        ensure!(
            page.eval("!!document.querySelector('#phase-kinds')?.getClientRects().length")
                .await?
                == true,
            "after unlocking {who}'s page does not say what they may write"
        );
    }
    ensure!(
        card_permissions(piet, &card).await? == serde_json::json!(["true", "true"]),
        "after unlocking Piet's card is still not editable or movable"
    );
    drag_to_seat(piet, &card, 1).await?;
    wait_card_in(piet, &card, "seat:1").await?;
    wait_card_in(carla, &card, "seat:1").await?;
    watcher
        .wait_until("Piet's card stored in front of seat 1", |c| {
            stored_at(c, &card) == Some(Some("seat:1".to_owned()))
        })
        .await?;
    let after_unlock = "Wie neemt de notulen?";
    add_card(piet, "question", after_unlock).await?;
    wait_card(carla, after_unlock).await?;
    screenshot_all("switches", "lock-2-unlocked", &people.pages()).await?;
    assert_no_console_errors(&people.pages()).await
}

#[tokio::test]
async fn hidden_names_take_every_byline_off_the_cards_until_shown_again() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Namen verborgen").await?;
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let (fenna, carla, piet) = (&people.facilitator, &people.caseholder, &people.participant);
    let mut watcher =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;

    let piets = "Hoe houd jij je grenzen aan?";
    let carlas = "Grenzen stellen";
    let piets_card = add_card(piet, "question", piets).await?;
    let carlas_card = add_card(carla, "theme", carlas).await?;
    for page in [fenna, carla, piet] {
        wait_card(page, piets).await?;
        wait_card(page, carlas).await?;
    }
    // Names show before: the bylines carry them.
    for (who, page) in [("Carla", carla), ("Fenna", fenna)] {
        wait_byline(page, &piets_card, "Piet's name", |b| {
            b.is_some_and(|b| b.contains("Piet"))
        })
        .await
        .with_context(|| format!("on {who}'s page before hiding names"))?;
    }
    wait_byline(piet, &carlas_card, "Carla's name", |b| {
        b.is_some_and(|b| b.contains("Carla"))
    })
    .await?;

    // Hide names: no card says who wrote it, on nobody's page.
    set_switch(fenna, "#hide-names", true).await?;
    stored_facilitation(&mut watcher, "names hidden", |f| f.hide_names).await?;
    for (who, page, card, name) in [
        ("Carla", carla, &piets_card, "Piet"),
        ("Fenna", fenna, &piets_card, "Piet"),
        ("Piet", piet, &carlas_card, "Carla"),
        ("Fenna", fenna, &carlas_card, "Carla"),
    ] {
        wait_byline(page, card, "no byline", |b| b.is_none())
            .await
            .with_context(|| format!("on {who}'s page with names hidden"))?;
        let markup = page
            .eval(&format!(
                "document.querySelector({})?.outerHTML ?? ''",
                js(&card_selector(card))
            ))
            .await?;
        ensure!(
            !markup.as_str().unwrap_or_default().contains(name),
            "with names hidden, {name}'s card on {who}'s page still names them: {markup}"
        );
    }
    // The seats keep their names.
    ensure!(
        carla
            .eval(&format!(
                "document.querySelector({})?.textContent.includes('Piet')",
                js(&seat_selector(5))
            ))
            .await?
            == true,
        "with names hidden, Piet's seat lost his name"
    );
    // The list view names nobody either.
    carla.click("button[data-view='list']").await?;
    let list_author = carla
        .wait_for(
            &format!(
                "document.querySelector(\"li.list-card[data-card-id='{piets_card}']\") \
                 ?.querySelector('.list-card-author')?.textContent ?? null"
            ),
            WAIT,
        )
        .await
        .context("the list view does not show Piet's card")?;
    ensure!(
        !list_author.as_str().unwrap_or_default().contains("Piet"),
        "the list view names Piet while names are hidden: {list_author}"
    );
    // A new card is announced without a name.
    let later = "Wat vraagt dat van jou?";
    add_card(piet, "question", later).await?;
    let announced = carla
        .wait_for(
            &format!(
                "(() => {{ const t = document.querySelector('#announcer')?.textContent ?? ''; \
                 return t.includes({}) ? t : null; }})()",
                js(later)
            ),
            WAIT,
        )
        .await
        .context("Piet's new card was not announced to Carla")?;
    ensure!(
        !announced.as_str().unwrap_or_default().contains("Piet"),
        "with names hidden the announcement names the author: {announced}"
    );
    screenshot_all("switches", "names-1-hidden", &people.pages()).await?;

    // Names back: the bylines return.
    carla.click("button[data-view='table']").await?;
    set_switch(fenna, "#hide-names", false).await?;
    stored_facilitation(&mut watcher, "names shown", |f| !f.hide_names).await?;
    for (who, page, card, name) in [
        ("Carla", carla, &piets_card, "Piet"),
        ("Fenna", fenna, &piets_card, "Piet"),
        ("Piet", piet, &carlas_card, "Carla"),
    ] {
        wait_byline(page, card, "the author's name again", |b| {
            b.is_some_and(|b| b.contains(name))
        })
        .await
        .with_context(|| format!("on {who}'s page after showing names again"))?;
    }
    screenshot_all("switches", "names-2-shown", &people.pages()).await?;
    assert_no_console_errors(&people.pages()).await
}

#[tokio::test]
async fn participants_download_the_harvest_only_while_the_facilitator_allows_it() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Oogst voor iedereen").await?;
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let (fenna, piet) = (&people.facilitator, &people.participant);
    let mut watcher =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;
    let export = |ext: &str| format!("/api/sessions/{}/export.{ext}", session.id);
    let as_participant = |ext: &'static str| {
        let path = export(ext);
        let addr = server.addr;
        let token = session.participant.clone();
        async move { with_token(addr, "GET", &path, &token, &[]).await }
    };

    let text = "Wat is voor jou een goede werkdag?";
    add_card(piet, "question", text).await?;
    wait_card(fenna, text).await?;

    // Not allowed (the default): no harvest on Piet's page, and the server refuses him.
    wait_export_buttons(fenna, &ids(&ALL_EXPORTS)).await?;
    wait_export_buttons(piet, &[]).await?;
    ensure!(
        !is_visible(piet, "#harvest-panel").await?,
        "a participant's page shows the harvest panel before it was allowed"
    );
    let refused = as_participant("md").await?;
    ensure!(
        refused.status == 403,
        "the server gave a participant the harvest before it was allowed: {}",
        refused.status
    );

    // Allowed: the page offers every format, the download arrives, the server agrees.
    set_switch(fenna, "#participants-export", true).await?;
    stored_facilitation(&mut watcher, "participants may export", |f| {
        f.participants_export
    })
    .await?;
    wait_export_buttons(piet, &ids(&ALL_EXPORTS)).await?;
    for facilitators_only in ["#end-session", "#next-session", "#delete-session"] {
        ensure!(
            !is_visible(piet, facilitators_only).await?,
            "a participant's page offers {facilitators_only}"
        );
    }
    let downloads = Downloads::catch(piet).await?;
    piet.click("#export-csv").await?;
    let (path, csv) = downloads
        .wait_file(".csv")
        .await
        .context("Piet's CSV button downloaded nothing")?;
    let csv = String::from_utf8(csv).context("the CSV is not UTF-8")?;
    ensure!(
        csv.contains(text),
        "Piet's CSV ({}) lacks his card: {csv}",
        path.display()
    );
    piet.click("#export-json").await?;
    let (_, json) = downloads
        .wait_file(".json")
        .await
        .context("Piet's JSON button downloaded nothing")?;
    let json: serde_json::Value =
        serde_json::from_slice(&json).context("Piet's JSON export is not JSON")?;
    ensure!(
        json.to_string().contains(text),
        "Piet's JSON export lacks his card"
    );
    let allowed = as_participant("md").await?;
    ensure!(
        allowed.status == 200 && String::from_utf8_lossy(&allowed.body).contains(text),
        "the server refused the allowed Markdown to a participant: {} {}",
        allowed.status,
        String::from_utf8_lossy(&allowed.body)
    );
    screenshot_all("switches", "export-1-allowed", &people.pages()).await?;

    // With names hidden the JSON (which names every author) goes, on the page and on
    // the server; the other formats stay.
    set_switch(fenna, "#hide-names", true).await?;
    wait_export_buttons(piet, &ids(&ALL_EXPORTS[1..])).await?;
    let json = as_participant("json").await?;
    ensure!(
        json.status == 403,
        "with names hidden the server gave a participant the JSON: {}",
        json.status
    );
    ensure!(
        as_participant("csv").await?.status == 200,
        "with names hidden the server refused a participant the CSV"
    );
    set_switch(fenna, "#hide-names", false).await?;
    wait_export_buttons(piet, &ids(&ALL_EXPORTS)).await?;

    // Switched off again: the harvest leaves Piet's page and the server refuses again.
    set_switch(fenna, "#participants-export", false).await?;
    stored_facilitation(&mut watcher, "participants may not export", |f| {
        !f.participants_export
    })
    .await?;
    wait_export_buttons(piet, &[]).await?;
    ensure!(
        !is_visible(piet, "#harvest-panel").await?,
        "the harvest panel stays on a participant's page after it was switched off"
    );
    let refused = as_participant("csv").await?;
    ensure!(
        refused.status == 403,
        "the server still gives a participant the harvest after it was switched off: {}",
        refused.status
    );
    wait_export_buttons(fenna, &ids(&ALL_EXPORTS)).await?;
    screenshot_all("switches", "export-2-off", &people.pages()).await?;
    assert_no_console_errors(&people.pages()).await
}
