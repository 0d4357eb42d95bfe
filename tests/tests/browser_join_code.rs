//! Joining by code: someone in the room types the code from the projector on the start
//! page (`#join-code`, `#join-code-go`) and lands on the board as a participant, able
//! to write. A wrong code says so and leaves them on the start page.

use anyhow::{Context, Result, ensure};
use ovaal_tests::ProtocolClient;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{WAIT, add_card, artifact, fill_join_form, require_client};
use ovaal_tests::browser::Browser;
use ovaal_tests::scene::{create_session, ws_url};

#[tokio::test]
async fn a_typed_join_code_lands_on_the_board_as_participant() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = create_session(server.addr, "Intervisie met code", "free", 8).await?;
    let browser = Browser::launch().await?;
    let page = browser.new_page(375, 667).await?;

    // A code that opens nothing: an error, and still on the start page.
    page.goto(&server.base_url()).await?;
    page.type_text("#join-code", "ZZZZ-ZZZZ").await?;
    page.click("#join-code-go").await?;
    page.wait_for(
        "[...document.querySelectorAll('[role=alert]')].some(e => e.textContent.trim() !== '')",
        WAIT,
    )
    .await
    .context("a wrong join code showed no error")?;
    ensure!(
        page.eval("location.pathname").await? == "/",
        "a wrong join code left the start page"
    );
    page.screenshot(artifact("join-code-wrong.png")).await?;

    // The real code, typed as the room screen shows it.
    page.eval("document.querySelector('#join-code').value = ''")
        .await?;
    page.type_text("#join-code", &session.join_code).await?;
    page.click("#join-code-go").await?;
    page.wait_for(
        "document.body.dataset.page === 'board' && document.body.dataset.role === 'participant' \
         && !!document.querySelector('#join-name')",
        WAIT,
    )
    .await
    .context("the join code did not lead to the board's join screen as a participant")?;
    let path = page.eval("location.pathname").await?;
    ensure!(
        path == format!("/s/{}", session.links.id).as_str(),
        "the join code led to {path}"
    );
    page.wait_for("document.body.dataset.connection === 'connected'", WAIT)
        .await?;

    // A participant who can write: the facilitator receives the card.
    fill_join_form(&page, "Iris").await?;
    add_card(&page, "question", "Mag ik ook later instappen?").await?;
    let mut facilitator =
        ProtocolClient::connect(&ws_url(server.addr, &session), &session.links.facilitator).await?;
    facilitator
        .wait_until("the card written after joining by code", |c| {
            c.all_card_texts()
                .contains(&"Mag ik ook later instappen?".to_owned())
        })
        .await?;
    page.screenshot(artifact("join-code-board.png")).await?;
    // The browser logs the wrong code's 404 by itself; nothing else may be logged.
    let errors: Vec<String> = page
        .console_errors()
        .await
        .into_iter()
        .filter(|e| !(e.contains("404") && e.contains("/api/join/ZZZZZZZZ")))
        .collect();
    ensure!(
        errors.is_empty(),
        "the joiner page logged errors: {errors:?}"
    );
    Ok(())
}
