//! Continuing an arc from a JSON export alone: the facilitator exported the harvest and
//! deleted the session; months later, on the start page, "Continue from a harvest"
//! opens the file as a new board with new links, and "Start next session" there
//! carries its themes and actions into the next meeting, marked with where they came
//! from. A file that is not an export is refused with the server's reason and creates
//! nothing.

use anyhow::{Context, Result, ensure};
use ovaal_tests::board_page::{WAIT, assert_no_console_errors, join, js, require_client};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{session_in_link, shown_link};
use ovaal_tests::harvest_fixture::{self, ACTION, CASE, NO_PHASE, export_ok, incident_session};
use ovaal_tests::http::with_token;

/// The start page's error for the import, once it says something.
async fn import_error(page: &Page) -> Result<String> {
    let text = page
        .wait_for(
            "document.querySelector('#import-error')?.textContent.trim() || null",
            WAIT,
        )
        .await
        .context("#import-error stayed empty")?;
    Ok(text.as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_json_export_starts_the_next_session_of_the_arc() -> Result<()> {
    require_client()?;
    // The earlier session: exported, saved to a file, then deleted from the server.
    let board = incident_session().await?;
    let export = export_ok(&board, "json").await?;
    let files = tempfile::tempdir()?;
    let harvest_file = files.path().join("oogst-intervisie.json");
    std::fs::write(&harvest_file, &export.body)?;
    let wrong_file = files.path().join("notities.json");
    std::fs::write(
        &wrong_file,
        br#"{"format": "notes", "lines": ["not a harvest"]}"#,
    )?;
    let server = &board.server;
    let deleted = with_token(
        server.addr,
        "DELETE",
        &format!("/api/sessions/{}", board.session.id),
        &board.session.facilitator,
        b"",
    )
    .await?;
    ensure!(
        deleted.status == 204,
        "deleting the earlier session answered {}",
        deleted.status
    );

    let browser = Browser::launch().await?;
    let fenna = browser.new_page(1280, 900).await?;
    fenna.goto(&format!("{}/", server.base_url())).await?;

    fenna
        .screenshot(ovaal_tests::board_page::artifact("import-start-page.png"))
        .await?;
    // Nothing chosen, then a file that is not an export: clear refusals, no board.
    fenna.click("#import-go").await?;
    let nothing = import_error(&fenna).await?;
    ensure!(
        fenna
            .eval("document.querySelector('#import-error').dataset.i18n")
            .await?
            == "ImportNoFile",
        "without a file the start page says {nothing:?}"
    );
    fenna.choose_files("#import-file", &[&wrong_file]).await?;
    fenna.click("#import-go").await?;
    fenna
        .wait_for(
            "!!document.querySelector('#import-error .import-reason')",
            WAIT,
        )
        .await
        .context("a file that is not an export got no reason from the server")?;
    let refused = import_error(&fenna).await?;
    ensure!(
        refused.contains("format"),
        "the refusal does not name what is wrong with the file: {refused:?}"
    );
    ensure!(
        fenna
            .eval("document.querySelector('#links').hidden")
            .await?
            == true,
        "links were shown for a file that was refused"
    );
    fenna
        .screenshot(ovaal_tests::board_page::artifact("import-refused.png"))
        .await?;

    // The real export: a new board with new links.
    fenna.choose_files("#import-file", &[&harvest_file]).await?;
    fenna.click("#import-go").await?;
    let facilitator_link = shown_link(&fenna, "#link-facilitator").await?;
    let restored = session_in_link(&facilitator_link)?;
    ensure!(
        restored != board.session.id.to_string(),
        "the restored board reuses the deleted session's id"
    );
    ensure!(
        fenna
            .eval("document.querySelector('#import-error').textContent.trim()")
            .await?
            == "",
        "the error of the refused file is still shown after the import worked"
    );
    fenna
        .screenshot(ovaal_tests::board_page::artifact("import-links.png"))
        .await?;

    // On the restored board: the cards are there; the next session carries them on.
    join(&fenna, &facilitator_link, "Fenna", None).await?;
    for text in [CASE, ACTION, NO_PHASE] {
        fenna
            .wait_for(
                &format!(
                    "[...document.querySelectorAll('.card .card-text')].some(t => \
                     t.textContent === {})",
                    js(text)
                ),
                WAIT,
            )
            .await
            .with_context(|| format!("the restored board does not show {text:?}"))?;
    }
    fenna
        .screenshot(ovaal_tests::board_page::artifact(
            "import-restored-board.png",
        ))
        .await?;
    fenna.click("#next-session").await?;
    ovaal_tests::board_page::replace_text(&fenna, "#next-title", "Vervolg: wat deed je ermee?")
        .await?;
    fenna.click("#next-create").await?;
    let next_link = shown_link(&fenna, "#next-link-participant")
        .await
        .context("#next-links shows no participant link to the next session")?;
    ensure!(
        session_in_link(&next_link)? != restored,
        "the next session has the restored session's id"
    );

    let piet = browser.new_page(1280, 800).await?;
    watch_arc_at_first_carried_card(&piet).await?;
    join(&piet, &next_link, "Piet", Some(3)).await?;
    // The action and the theme come along by default, marked "from" the board they
    // were carried from; the case (neither) stays behind.
    for text in [ACTION, NO_PHASE] {
        piet.wait_for(
            &format!(
                "[...document.querySelectorAll('.card.carried')].some(c => \
                 c.dataset.fromSession === {} && \
                 c.querySelector('.card-text')?.textContent === {})",
                js(&restored),
                js(text)
            ),
            WAIT,
        )
        .await
        .with_context(|| format!("the next session does not show {text:?} as carried"))?;
    }
    ensure!(
        piet.eval(&format!(
            "[...document.querySelectorAll('.card .card-text')].some(t => t.textContent === {})",
            js(CASE)
        ))
        .await?
            == false,
        "the case card was carried into the next session, though it is no theme or action"
    );
    piet.wait_for(
        &format!(
            "document.querySelector('#arc-timeline')?.textContent.includes({})",
            js(harvest_fixture::TITLE)
        ),
        WAIT,
    )
    .await
    .context("#arc-timeline does not name the session the harvest came from")?;
    // The timeline's row was there when the first carried card was drawn (this
    // session alone until the arc arrived), so the table did not jump down later.
    ensure!(
        piet.eval("window.__arcAtFirstCarriedCard").await? == true,
        "#arc-timeline was hidden when the first carried card was drawn: the table moves \
         down when the arc arrives"
    );
    piet.screenshot(ovaal_tests::board_page::artifact("import-next-session.png"))
        .await?;
    // The browser logs the refused file's 400 by itself; nothing else may be logged.
    let errors: Vec<String> = fenna
        .console_errors()
        .await
        .into_iter()
        .filter(|e| !(e.contains("400") && e.contains("/api/sessions/import")))
        .collect();
    ensure!(
        errors.is_empty(),
        "the facilitator's page logged errors: {errors:?}"
    );
    assert_no_console_errors(&[("next", &piet)]).await
}

/// Records, in `window.__arcAtFirstCarriedCard`, whether the arc's timeline took its
/// place by the time the first carried card was in the page (a mutation observer
/// installed before the page's own scripts; it reads the page at the end of the task
/// that drew the card).
async fn watch_arc_at_first_carried_card(page: &Page) -> Result<()> {
    let script = "(() => {
        new MutationObserver((_, observer) => {
            if (!document.querySelector('.card.carried')) return;
            const arc = document.querySelector('#arc-timeline');
            window.__arcAtFirstCarriedCard =
                !!arc && !arc.hidden && arc.getBoundingClientRect().height > 0;
            observer.disconnect();
        }).observe(document, { subtree: true, childList: true });
    })()";
    page.run_before_page_scripts(script).await
}
