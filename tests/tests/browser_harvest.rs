//! The harvest from the facilitator's page: the export buttons download real files
//! (caught by the browser's download handling: a JSON export naming the cards and a
//! PDF); "End session" puts the ended banner on both participants' pages and takes
//! away their writing; "Start next session" makes the arc's next session, whose board
//! shows the carried theme marked with the session it came from.

use anyhow::{Context, Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, assert_no_console_errors, card_id, join, js, replace_text, require_client,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{
    Downloads, ThreePeople, add_card, can_compose, screenshot_all, session_in_link, shown_link,
    three_people,
};

/// Clicks an export button and returns the file it downloads.
async fn export(page: &Page, downloads: &Downloads, button: &str, ext: &str) -> Result<Vec<u8>> {
    page.click(button).await?;
    let (path, bytes) = downloads
        .wait_file(ext)
        .await
        .with_context(|| format!("{button} downloaded nothing"))?;
    println!(
        "{button} downloaded {} ({} bytes)",
        path.display(),
        bytes.len()
    );
    Ok(bytes)
}

#[tokio::test]
async fn export_end_and_start_the_next_session() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Leerkring ronde 1").await?;
    let browser = Browser::launch().await?;
    // No hot seat here: the "case-holder" is simply a second participant.
    let ThreePeople {
        facilitator: fenna,
        caseholder: anna,
        participant: piet,
        participant_id: piet_id,
        ..
    } = three_people(&browser, &session, ["Fenna", "Anna", "Piet"]).await?;
    let theme = "Werkdruk in het team";
    let question = "Hoe verdelen we de taken eerlijker?";
    add_card(&piet, "theme", theme).await?;
    let question_id = add_card(&piet, "question", question).await?;
    card_id(&fenna, theme).await?;
    card_id(&fenna, question).await?;

    // Export: the files arrive, with content.
    let downloads = Downloads::catch(&fenna).await?;
    let json = export(&fenna, &downloads, "#export-json", ".json").await?;
    let harvest: serde_json::Value =
        serde_json::from_slice(&json).context("the JSON export is not JSON")?;
    let text = harvest.to_string();
    ensure!(
        text.contains(theme) && text.contains(question),
        "the JSON export lacks the cards: {}",
        &text[..text.len().min(400)]
    );
    let pdf = export(&fenna, &downloads, "#export-pdf", ".pdf").await?;
    ensure!(
        pdf.starts_with(b"%PDF-") && pdf.len() > 1_000,
        "the PDF export is not a PDF ({} bytes)",
        pdf.len()
    );
    screenshot_all("harvest", "1-exported", &[("facilitator", &fenna)]).await?;

    // End the session (confirmed in the page's own dialog): the participants' pages
    // say so and write no more.
    fenna.click("#end-session").await?;
    fenna.click("#confirm-yes").await?;
    for page in [&piet, &anna, &fenna] {
        page.wait_for(
            "(() => { const b = document.querySelector('#ended-banner'); \
             return !!b && b.getClientRects().length > 0 && b.textContent.trim() !== ''; })()",
            WAIT,
        )
        .await
        .context("no #ended-banner after ending the session")?;
    }
    for (who, page) in [("Piet", &piet), ("Anna", &anna)] {
        ensure!(
            !can_compose(page).await?,
            "{who} can still write after the session ended"
        );
        ensure!(
            page.eval(
                "[...document.querySelectorAll('.card-edit, .card-delete, .card-move')] \
                 .filter(b => b.getClientRects().length > 0 && !b.disabled).length"
            )
            .await?
                == 0,
            "{who}'s page still offers edit, move or delete on cards after the end"
        );
    }
    screenshot_all(
        "harvest",
        "2-ended",
        &[
            ("facilitator", &fenna),
            ("participant", &piet),
            ("second-participant", &anna),
        ],
    )
    .await?;

    // The next session: the question is carried on purpose, the theme by default.
    fenna.click("#next-session").await?;
    replace_text(&fenna, "#next-title", "Leerkring ronde 2").await?;
    let carry = format!(
        "input.next-carry[data-card-key={}]",
        js(&format!("{piet_id}/{question_id}"))
    );
    fenna.click(&carry).await?;
    ensure!(
        fenna
            .eval(&format!("document.querySelector({}).checked", js(&carry)))
            .await?
            == true,
        "the carry checkbox for the question did not get checked"
    );
    fenna.click("#next-create").await?;
    let participant_link = shown_link(&fenna, "#next-link-participant")
        .await
        .context("#next-links shows no participant link to the new session")?;
    let new_session = session_in_link(&participant_link)?;
    ensure!(
        new_session != session.id.to_string(),
        "the next session has the old session's id"
    );
    screenshot_all("harvest", "3-next-created", &[("facilitator", &fenna)]).await?;

    // Whoever opens the new session sees the carried cards, marked with their origin.
    let next = browser.new_page(1280, 800).await?;
    join(&next, &participant_link, "Piet", Some(4)).await?;
    for text in [theme, question] {
        next.wait_for(
            &format!(
                "[...document.querySelectorAll('.card.carried')].some(c => \
                 c.dataset.fromSession === {} && \
                 c.querySelector('.card-text')?.textContent === {})",
                js(&session.id.to_string()),
                js(text)
            ),
            WAIT,
        )
        .await
        .with_context(|| {
            format!("the new session does not show {text:?} as carried from the first")
        })?;
    }
    next.wait_for(
        "document.querySelectorAll('#arc-timeline li, #arc-timeline [data-session]').length >= 2",
        WAIT,
    )
    .await
    .context("#arc-timeline does not show both sessions of the arc")?;
    // The timeline follows a language switch like the rest of the page.
    let was_dutch = next.eval("document.documentElement.lang").await? == "nl";
    next.click("#lang-switch").await?;
    let this_session = if was_dutch {
        "this session"
    } else {
        "deze sessie"
    };
    next.wait_for(
        &format!(
            "!!document.querySelector('#arc-timeline li[aria-current] .arc-details')\
             ?.textContent.includes({})",
            js(this_session)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("#arc-timeline does not say {this_session:?} after the switch"))?;
    screenshot_all("harvest", "4-next-session", &[("next", &next)]).await?;
    assert_no_console_errors(&[
        ("facilitator", &fenna),
        ("participant", &piet),
        ("second participant", &anna),
        ("next", &next),
    ])
    .await
}
