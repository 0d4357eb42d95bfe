//! "People & links" on the facilitator's page:
//!
//! - a link made there (`#link-create-role`, `#link-create-label`, `#link-create`) is
//!   shown once and listed with its role and label, the server lists it too, and it
//!   opens the board in that role. Revoking asks first (declining keeps it); once
//!   revoked, the page that came in through it is told the link no longer works and
//!   gives up, nothing it writes reaches anyone, the link is gone from both lists and
//!   cannot connect — while the others, on other links, carry on; in Dutch the room
//!   screen's link reads "Zaalscherm", and a room screen made there opens the room view
//!   showing the join code made with it;
//! - removing a person (`button.remove-participant`, asked first) closes their page's
//!   connection with a message, for good (also after a reload); nothing they write
//!   reaches anyone, and they leave "who's here" on the other pages. Their cards stay.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use ovaal_tests::board_page::{
    WAIT, add_card as write_card, artifact, assert_no_console_errors, join, require_client,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{
    add_card, can_compose, connection_failed, create_link, ensure_not_in_dom, holds_for, link_rows,
    reload, remove_person, revoke_link, screenshot_all, seat_holder, three_people, wait_card,
    wait_confirm_dialog, wait_local_copy, wait_presence,
};
use ovaal_tests::http::with_token;
use ovaal_tests::{ProtocolClient, SessionLinks, TestServer};

/// The links the server lists for the session (`GET /api/sessions/{id}/links`).
async fn server_links(
    server: &TestServer,
    session: &SessionLinks,
) -> Result<Vec<serde_json::Value>> {
    let path = format!("/api/sessions/{}/links", session.id);
    let response = with_token(server.addr, "GET", &path, &session.facilitator, &[]).await?;
    ensure!(response.status == 200, "listing the links: {response:?}");
    Ok(serde_json::from_value(response.json()?)?)
}

/// Each role word in the panel (`.link-role`, `.person-role`, a default link's label)
/// as `[word, lines]`: how many lines its letters are spread over.
const ROLE_WORD_LINES_JS: &str = "[...document.querySelectorAll('#links-panel .link-label, \
     #links-panel .link-role, #links-panel .person-role')].flatMap(el => { \
       const node = el.firstChild; if (!node || node.nodeType !== 3) return []; \
       const m = /begeleider|deelnemers?|toeschouwers?|zaalscherm/i.exec(node.data); \
       if (!m) return []; \
       const r = document.createRange(); r.setStart(node, m.index); \
       r.setEnd(node, m.index + m[0].length); \
       const tops = new Set([...r.getClientRects()].map(c => Math.round(c.top))); \
       return [[m[0], tops.size]]; })";

/// The facilitator switches to Dutch: the links the server named in English
/// ("participants") read in Dutch, and in a panel 200px wide (narrower than a phone's)
/// no role word is cut over two lines. Switches back, so the rest of the scenario
/// reads as before.
async fn in_dutch_the_panel_speaks_dutch_and_keeps_role_words_whole(page: &Page) -> Result<()> {
    page.click("#lang-switch").await?;
    page.wait_for(
        "document.documentElement.lang === 'nl' && [...document.querySelectorAll(\
         '#links-panel .link-label')].some(l => l.textContent === 'Deelnemers')",
        WAIT,
    )
    .await
    .context("in Dutch, the participants' link is not labelled \"Deelnemers\"")?;
    let labels = page
        .eval("[...document.querySelectorAll('#links-panel .link-label')].map(l => l.textContent)")
        .await?;
    let english = [
        "facilitator",
        "participants",
        "observers",
        "room screen",
        "join code",
    ];
    ensure!(
        !labels
            .as_array()
            .into_iter()
            .flatten()
            .any(|l| english.iter().any(|e| l.as_str() == Some(*e))),
        "the Dutch page shows the server's English link names: {labels}"
    );
    // The room screen is its own link, named as the page names it, its role too, and
    // offered by that name when making a link.
    let room = page
        .eval(
            "[...document.querySelectorAll('#links-panel li.link-row[data-role=room_screen]')]\
             .map(r => [r.querySelector('.link-label')?.textContent, \
                        r.querySelector('.link-role')?.textContent])",
        )
        .await?;
    ensure!(
        room == serde_json::json!([["Zaalscherm", "zaalscherm"]]),
        "in Dutch the room screen's link reads {room} (one row: label, role)"
    );
    let offered = page
        .eval("document.querySelector('#link-create-role option[value=room_screen]')?.textContent")
        .await?;
    ensure!(
        offered == "zaalscherm",
        "the Dutch role choice offers the room screen as {offered}"
    );
    page.eval("document.querySelector('#links-panel').style.width = '200px'")
        .await?;
    let words = page.eval(ROLE_WORD_LINES_JS).await?;
    page.screenshot(artifact("links-0-narrow-dutch.png"))
        .await?;
    page.eval("document.querySelector('#links-panel').style.width = ''")
        .await?;
    let words = words.as_array().cloned().unwrap_or_default();
    ensure!(
        !words.is_empty() && words.iter().all(|w| w[1] == 1),
        "in a narrow panel a role word breaks over lines ([word, lines]): {words:?}"
    );
    page.click("#lang-switch").await?;
    page.wait_for("document.documentElement.lang === 'en'", WAIT)
        .await
        .context("the facilitator's page does not switch back to English")?;
    Ok(())
}

/// Fails unless every console error of a page that was shut out is the close it was
/// told about (the client logs why the server closed the connection).
async fn only_the_close_logged(who: &str, page: &Page, reason: &str) -> Result<()> {
    let errors = page.console_errors().await;
    ensure!(
        errors
            .iter()
            .all(|e| e.contains("Unauthorized") && e.contains(reason)),
        "{who}'s page logged other errors: {errors:?}"
    );
    Ok(())
}

/// Whatever a shut-out page still lets its person write reaches nobody: not the
/// server (a fresh facilitator's client, synced up to `synced`, lacks it) and not
/// `other`'s page.
/// A shut-out page no longer shows the board, offers no way to write, says why, and
/// has forgotten its local copy of the session.
async fn board_left_the_page(page: &Page, session: &str) -> Result<()> {
    page.wait_for(
        "document.body.dataset.page === 'shut-out' \
         && !!document.querySelector('#page-message')?.textContent.trim() \
         && !document.querySelector('#board, .card, #card-text, #people-list')",
        WAIT,
    )
    .await
    .context("the board is still on the page, or no message says why it went")?;
    wait_local_copy(page, session, false).await?;
    Ok(())
}

async fn writes_go_nowhere(
    server: &TestServer,
    session: &SessionLinks,
    shut_out: &Page,
    other: &Page,
    synced: &str,
    text: &str,
) -> Result<()> {
    if can_compose(shut_out).await? {
        write_card(shut_out, "question", text).await?;
    }
    let mut fresh =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.facilitator).await?;
    fresh
        .wait_until("the board so far", |c| {
            c.all_card_texts().iter().any(|t| t == synced)
        })
        .await?;
    fresh.round_trip().await?;
    fresh.drain_for(Duration::from_millis(100)).await?;
    let stored = fresh.all_card_texts();
    ensure!(
        !stored.iter().any(|t| t == text),
        "a card written on a shut-out page reached the server: {stored:?}"
    );
    ensure_not_in_dom(other, text, "a card written on a shut-out page").await
}

#[tokio::test]
async fn a_new_link_is_listed_and_revoking_it_shuts_its_page_out() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Wisselende groep").await?;
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let (fenna, carla, piet) = (&people.facilitator, &people.caseholder, &people.participant);

    // The list shows the session's links; the page's own one cannot be revoked.
    fenna
        .wait_for(
            "document.querySelectorAll('#links-panel li.link-row').length",
            WAIT,
        )
        .await
        .context("the facilitator's page lists no links")?;
    let before = link_rows(fenna).await?;
    ensure!(
        before
            .iter()
            .any(|r| r.role == "facilitator" && !r.revocable)
            && before
                .iter()
                .any(|r| r.role == "participant" && r.revocable),
        "the link list is not what the session has: {before:?}"
    );
    in_dutch_the_panel_speaks_dutch_and_keeps_role_words_whole(fenna).await?;

    // A second room screen made here comes with a join code of its own, which its
    // screen shows.
    let (screen_link, screen_row) = create_link(fenna, "room_screen", "Beamer zaal 2").await?;
    ensure!(
        screen_row.role == "room_screen" && screen_row.revocable,
        "the new room screen is listed as {screen_row:?}"
    );
    let code = screen_link
        .split_once("&join=")
        .map(|(_, code)| code.to_owned())
        .with_context(|| format!("the new room screen's link has no join code: {screen_link}"))?;
    let screen = browser.new_page(1280, 720).await?;
    screen.goto(&screen_link).await?;
    let shown = screen
        .wait_for(
            "document.body.dataset.page === 'room' && document.body.dataset.role === 'room_screen' \
             && document.querySelector('#room-join-code')?.textContent.trim() || null",
            WAIT,
        )
        .await
        .context("the new room-screen link does not open the room screen with its code")?;
    let shown: String = shown
        .as_str()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    ensure!(
        shown == code,
        "the new room screen shows the code {shown:?}, its link carries {code:?}"
    );

    // A master's link for a stand-in.
    let label = "Sanne (invaller)";
    let (link, row) = create_link(fenna, "master", label).await?;
    ensure!(
        row.role == "master" && row.label == label && row.revocable,
        "the new link is listed as {row:?}"
    );
    ensure!(
        !before.iter().any(|r| r.id == row.id),
        "the new link has the id of an old one"
    );
    let listed = server_links(&server, &session).await?;
    ensure!(
        listed
            .iter()
            .any(|l| l["id"] == row.id.as_str() && l["role"] == "master" && l["label"] == label),
        "the server does not list the new link: {listed:?}"
    );
    fenna
        .screenshot(artifact("links-1-created-facilitator.png"))
        .await?;

    // It opens the board as a master.
    let sanne = browser.new_page(1280, 800).await?;
    join(&sanne, &link, "Sanne", Some(6)).await?;
    sanne
        .wait_for("document.body.dataset.role === 'master'", WAIT)
        .await
        .context("the new link does not open the board as a master")?;
    fenna
        .wait_for(
            "!!document.querySelector(\"g.seat[data-seat='6']\")?.dataset.holder",
            WAIT,
        )
        .await
        .context("the facilitator does not see Sanne sit down")?;
    let sannes_id = seat_holder(fenna, 6).await?.context("seat 6's holder")?;
    wait_presence(fenna, &sannes_id, true).await?;
    let hers = "Ik val vandaag in voor Joost";
    add_card(&sanne, "question", hers).await?;
    wait_card(carla, hers).await?;

    // Revoking asks first; declining keeps the link working.
    let revoke = format!(
        "#links-panel li.link-row[data-link-id='{}'] button.link-revoke",
        row.id
    );
    fenna.click(&revoke).await?;
    wait_confirm_dialog(fenna).await?;
    fenna.click("#confirm-no").await?;
    fenna
        .wait_for(
            "!document.querySelector('#confirm-dialog')?.isConnected",
            WAIT,
        )
        .await
        .context("#confirm-no did not close the dialog")?;
    ensure!(
        link_rows(fenna).await?.iter().any(|r| r.id == row.id),
        "declining to revoke took the link off the list"
    );
    ensure!(
        server_links(&server, &session)
            .await?
            .iter()
            .any(|l| l["id"] == row.id.as_str()),
        "declining to revoke revoked the link on the server"
    );
    ensure!(
        sanne.eval("document.body.dataset.connection").await? == "connected",
        "declining to revoke dropped Sanne's page"
    );

    // Revoked: Sanne's page is told and gives up; the others carry on.
    revoke_link(fenna, &row.id).await?;
    let told = connection_failed(&sanne).await?;
    board_left_the_page(&sanne, &session.id.to_string())
        .await
        .context("Sanne's page after her link was revoked")?;
    holds_for(
        &sanne,
        "document.body.dataset.connection",
        Duration::from_secs(1),
    )
    .await
    .context("Sanne's page does not stay shut out")?;
    wait_presence(fenna, &sannes_id, false)
        .await
        .context("Sanne stays in the facilitator's \"who's here\" after her link was revoked")?;
    let later = "Wie heeft er nog een vraag?";
    add_card(piet, "question", later).await?;
    wait_card(carla, later).await?;
    for (who, page) in [("Carla", carla), ("Piet", piet)] {
        ensure!(
            page.eval("document.body.dataset.connection").await? == "connected",
            "revoking Sanne's link dropped {who}'s page"
        );
    }
    writes_go_nowhere(
        &server,
        &session,
        &sanne,
        carla,
        later,
        "Geschreven na het intrekken",
    )
    .await?;
    ensure!(
        !server_links(&server, &session)
            .await?
            .iter()
            .any(|l| l["id"] == row.id.as_str()),
        "the server still lists the revoked link"
    );
    let token = link
        .split_once("#token=")
        .map(|(_, t)| t.to_owned())
        .context("a token in the new link")?;
    ensure!(
        ProtocolClient::connect(&server.ws_url(&session.id), &token)
            .await
            .is_err(),
        "the revoked link still connects"
    );
    sanne
        .screenshot(artifact("links-2-revoked-sanne.png"))
        .await?;
    fenna
        .screenshot(artifact("links-2-revoked-facilitator.png"))
        .await?;
    println!("Sanne's page says: {told}");
    assert_no_console_errors(&people.pages()).await?;
    only_the_close_logged("Sanne", &sanne, "revoked").await
}

#[tokio::test]
async fn a_removed_person_is_told_writes_nothing_more_and_leaves_whos_here() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Iemand moet weg").await?;
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let (fenna, carla, piet) = (&people.facilitator, &people.caseholder, &people.participant);
    let piet_id = &people.participant_id;

    let his = "Mag ik iets vragen over de planning?";
    add_card(piet, "question", his).await?;
    wait_card(carla, his).await?;
    for (who, page) in [("Fenna", fenna), ("Carla", carla)] {
        wait_presence(page, piet_id, true)
            .await
            .with_context(|| format!("on {who}'s page before the removal"))?;
    }
    fenna
        .wait_for(
            &format!(
                "!!document.querySelector(\"#people-list button.remove-participant\
                 [data-participant='{piet_id}']\")"
            ),
            WAIT,
        )
        .await
        .context("the facilitator's #people-list offers no way to remove Piet")?;

    let held_by_piet = format!("!!document.querySelector(\"g.seat[data-holder='{piet_id}']\")");
    ensure!(
        carla.eval(&held_by_piet).await? == true,
        "Piet held no seat on Carla's page before his removal"
    );

    // Removing asks first, naming him; then his page is told and gives up.
    let asked = remove_person(fenna, piet_id).await?;
    ensure!(
        asked.contains("Piet"),
        "the confirmation does not name who is removed: {asked:?}"
    );
    let told = connection_failed(piet).await?;
    board_left_the_page(piet, &session.id.to_string())
        .await
        .context("Piet's page after his removal")?;
    fenna
        .wait_for(
            "document.querySelector('#notices')?.textContent.includes('Piet')",
            WAIT,
        )
        .await
        .context("the facilitator is not told that Piet was removed")?;

    // He leaves the table and the facilitator's people list — also after she reloads —
    // while his cards stay.
    for (who, page) in [("Fenna", fenna), ("Carla", carla)] {
        page.wait_for(&format!("!{held_by_piet}"), WAIT)
            .await
            .with_context(|| format!("Piet still holds a seat on {who}'s page"))?;
    }
    let listed = format!(
        "!!document.querySelector(\"#people-list li.person-row[data-participant='{piet_id}']\")"
    );
    fenna
        .wait_for(&format!("!{listed}"), WAIT)
        .await
        .context("the facilitator's people list still offers to remove Piet")?;
    reload(fenna).await?;
    fenna
        .wait_for(
            "document.querySelectorAll('#people-list li.person-row').length === 1",
            WAIT,
        )
        .await
        .context("after a reload the facilitator's people list is not just Carla")?;
    ensure!(
        fenna.eval(&listed).await? == false,
        "after a reload the facilitator's people list offers to remove Piet again"
    );

    // He leaves "who's here" on the others' pages; his cards stay.
    for (who, page) in [("Fenna", fenna), ("Carla", carla)] {
        wait_presence(page, piet_id, false)
            .await
            .with_context(|| format!("on {who}'s page after his removal"))?;
        wait_card(page, his).await?;
    }

    // Nothing he writes now reaches anyone.
    writes_go_nowhere(
        &server,
        &session,
        piet,
        carla,
        his,
        "Geschreven na het verwijderen",
    )
    .await?;
    screenshot_all("links", "3-removed", &people.pages()).await?;

    // For good: after a reload his page is shut out again.
    reload(piet).await?;
    let again = connection_failed(piet).await?;
    board_left_the_page(piet, &session.id.to_string())
        .await
        .context("Piet's page reloaded after his removal")?;
    holds_for(
        piet,
        "document.body.dataset.connection",
        Duration::from_secs(1),
    )
    .await
    .context("Piet's reloaded page does not stay shut out")?;
    println!("Piet's page says: {told} / after a reload: {again}");
    assert_no_console_errors(&[("Fenna", fenna), ("Carla", carla)]).await?;
    only_the_close_logged("Piet", piet, "removed").await
}
