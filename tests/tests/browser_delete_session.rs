//! Deleting a session from the facilitator's page (`#delete-session`): the page asks
//! for the session's title and refuses a wrong one (nothing is deleted); with the right
//! one every open page — the facilitator's, both participants' and the room screen —
//! shows only the "deleted" message and forgets its local copy, a protocol client is
//! dropped with `UnknownSession`, every address of the session answers
//! `404 unknown_session` (docs/api.md), and a link to it opened later says so.

use anyhow::{Context, Result, ensure};
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::board_page::{WAIT, assert_no_console_errors, replace_text, require_client};
use ovaal_tests::browser::Browser;
use ovaal_tests::facilitation_page::{
    Person, add_card, confirm, open_as, screenshot_all, three_people, wait_card,
    wait_confirm_dialog, wait_deleted, wait_local_copy,
};
use ovaal_tests::http::{get, with_token};
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn deleting_the_session_empties_every_open_page_and_every_address() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let title = "Intervisie team Noord";
    let session = server.create_session(title).await?;
    let id = session.id.to_string();
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let (fenna, carla, piet) = (&people.facilitator, &people.caseholder, &people.participant);
    let room = browser.new_page(1280, 800).await?;
    open_as(&room, Person::Observer, &session.observer_url, "", None).await?;
    let mut listener =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.participant).await?;
    let pages = [
        ("facilitator", fenna),
        ("caseholder", carla),
        ("participant", piet),
        ("room", &room),
    ];

    let text = "Wat neem je mee uit deze ronde?";
    add_card(piet, "question", text).await?;
    wait_card(carla, text).await?;
    listener
        .wait_until("Piet's card", |c| {
            c.all_card_texts().iter().any(|t| t == text)
        })
        .await?;
    for (who, page) in [("Carla", carla), ("Piet", piet)] {
        wait_local_copy(page, &id, true)
            .await
            .with_context(|| format!("{who}'s page before the deletion"))?;
    }
    let session_path = format!("/api/sessions/{id}");
    let status = |token: &str| {
        let (addr, path, token) = (server.addr, session_path.clone(), token.to_owned());
        async move { with_token(addr, "GET", &path, &token, &[]).await }
    };

    // The wrong title deletes nothing.
    fenna.click("#delete-session").await?;
    let asked = wait_confirm_dialog(fenna).await?;
    ensure!(!asked.is_empty(), "deleting does not say what it will do");
    replace_text(fenna, "#confirm-typed", "Intervisie team Zuid").await?;
    fenna.click("#confirm-yes").await?;
    fenna
        .wait_for(
            "(() => { const e = document.querySelector('#confirm-error'); \
             return !!e && e.getClientRects().length > 0 && e.textContent.trim() !== ''; })()",
            WAIT,
        )
        .await
        .context("a wrong title gets no #confirm-error")?;
    ensure!(
        fenna
            .eval("!!document.querySelector('#confirm-dialog')?.isConnected")
            .await?
            == true,
        "the dialog closed on a wrong title"
    );
    screenshot_all("delete", "1-wrong-title", &[("facilitator", fenna)]).await?;
    ensure!(
        status(&session.participant).await?.status == 200,
        "a wrong title deleted the session"
    );
    for (who, page) in pages {
        ensure!(
            page.eval("document.body.dataset.page").await? != "deleted",
            "a wrong title put the deleted message on the {who}'s page"
        );
    }

    // The right title: every open page shows only the message, and forgets the board.
    confirm(fenna, Some(title)).await?;
    let mut messages = Vec::new();
    for (who, page) in pages {
        let message = wait_deleted(page)
            .await
            .with_context(|| format!("on the {who}'s page"))?;
        ensure!(
            !message.contains(text),
            "the {who}'s deleted page still shows the card"
        );
        messages.push(message);
    }
    ensure!(
        messages.windows(2).all(|w| w[0] == w[1]),
        "the pages say different things: {messages:?}"
    );
    for (who, page) in [("Carla", carla), ("Piet", piet)] {
        wait_local_copy(page, &id, false)
            .await
            .with_context(|| format!("{who}'s page after the deletion"))?;
    }
    screenshot_all("delete", "2-deleted", &pages).await?;
    let closed = listener.wait_closed().await?;
    ensure!(
        closed.error.as_ref().map(|(code, _)| *code) == Some(ErrorCode::UnknownSession),
        "a connected client was dropped with {closed:?}, not UnknownSession"
    );

    // Every address of the session answers 404 unknown_session.
    for (what, response) in [
        (
            "the session (participant)",
            status(&session.participant).await?,
        ),
        (
            "the session (facilitator)",
            status(&session.facilitator).await?,
        ),
        (
            "the links",
            with_token(
                server.addr,
                "GET",
                &format!("{session_path}/links"),
                &session.facilitator,
                &[],
            )
            .await?,
        ),
        (
            "the JSON export",
            with_token(
                server.addr,
                "GET",
                &format!("{session_path}/export.json"),
                &session.facilitator,
                &[],
            )
            .await?,
        ),
        (
            "the arc",
            with_token(
                server.addr,
                "GET",
                &format!("{session_path}/arc"),
                &session.participant,
                &[],
            )
            .await?,
        ),
        (
            "ending it",
            with_token(
                server.addr,
                "POST",
                &format!("{session_path}/end"),
                &session.facilitator,
                &[],
            )
            .await?,
        ),
        (
            "the WebSocket address",
            get(server.addr, &format!("{session_path}/ws"), &[]).await?,
        ),
    ] {
        ensure!(
            response.status == 404,
            "{what} answers {} after the deletion, not 404",
            response.status
        );
        let code = response.json()?["error"]["code"].clone();
        ensure!(
            code == "unknown_session",
            "{what} answers 404 with code {code}, not unknown_session"
        );
    }
    ensure!(
        ProtocolClient::connect(&server.ws_url(&session.id), &session.participant)
            .await
            .is_err(),
        "the deleted session still takes a connection"
    );

    // A link to it opened later (a bookmark, an old e-mail) says the session is gone,
    // rather than trying to connect for ever; it shows no board.
    let later = browser.new_page(1280, 800).await?;
    later.goto(&session.participant_url).await?;
    let gone = wait_deleted(&later)
        .await
        .context("a link to the deleted session, opened later")?;
    ensure!(
        later.eval("document.body.dataset.connection").await? != "connected",
        "a page of the deleted session claims to be connected"
    );
    later
        .screenshot(ovaal_tests::board_page::artifact(
            "delete-3-opened-later.png",
        ))
        .await?;
    println!("A link opened after the deletion says: {gone}");

    assert_no_console_errors(&pages).await
}
