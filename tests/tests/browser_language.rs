//! The language switch: a Dutch browser gets the board in Dutch; the switch turns every
//! visible label into English and sets `<html lang>`, for this person only, remembered
//! across a reload, and back again.

use anyhow::{Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, add_card, artifact, assert_no_console_errors, fill_join_form, open_join_screen,
    prefer_language, require_client, text_of,
};
use ovaal_tests::browser::{Browser, Page};

/// The labels the test watches, by selector.
const LABELS: [&str; 6] = [
    "#card-add",
    "#connection-pill",
    "#lang-switch",
    ".card .card-kind-label",
    "label[for='card-text']",
    "#compose-panel .panel-title",
];

async fn labels(page: &Page) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for selector in LABELS {
        let text = text_of(page, selector).await?;
        let text = text.as_str().unwrap_or_default().to_owned();
        ensure!(!text.is_empty(), "`{selector}` shows no text");
        out.push(text);
    }
    Ok(out)
}

async fn lang(page: &Page) -> Result<String> {
    Ok(page
        .eval("document.documentElement.lang")
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

#[tokio::test]
async fn the_switch_flips_every_label_and_html_lang() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Taal wisselen").await?;
    let browser = Browser::launch().await?;
    let noor = browser.new_page(1280, 800).await?;
    let other = browser.new_page(1280, 800).await?;
    for page in [&noor, &other] {
        prefer_language(page, "nl-NL").await?;
    }

    // A Dutch browser gets Dutch from the start.
    open_join_screen(&noor, &session.participant_url).await?;
    ensure!(
        lang(&noor).await? == "nl",
        "a Dutch browser got <html lang={:?}>",
        lang(&noor).await?
    );
    fill_join_form(&noor, "Noor").await?;
    add_card(&noor, "question", "Wat vind je zelf?").await?;
    open_join_screen(&other, &session.participant_url).await?;
    fill_join_form(&other, "Otto").await?;
    other
        .wait_for("!!document.querySelector('.card .card-kind-label')", WAIT)
        .await?;
    let dutch = labels(&noor).await?;
    ensure!(
        dutch[0] == "Toevoegen",
        "the Add button reads {:?} in Dutch",
        dutch[0]
    );
    noor.screenshot(artifact("language-nl.png")).await?;

    // The switch: every watched label changes, <html lang> says English.
    noor.click("#lang-switch").await?;
    noor.wait_for("document.documentElement.lang === 'en'", WAIT)
        .await?;
    let english = labels(&noor).await?;
    for ((selector, nl), en) in LABELS.iter().zip(&dutch).zip(&english) {
        ensure!(
            nl != en,
            "`{selector}` still reads {en:?} after switching to English"
        );
    }
    ensure!(
        english[0] == "Add",
        "the Add button reads {:?} in English",
        english[0]
    );
    noor.screenshot(artifact("language-en.png")).await?;

    // Only for Noor: the other person keeps Dutch.
    let others = labels(&other).await?;
    ensure!(
        others == dutch,
        "switching Noor's language changed Otto's page: {others:?}"
    );
    ensure!(
        lang(&other).await? == "nl",
        "Otto's Dutch page has <html lang={:?}>",
        lang(&other).await?
    );

    // Remembered across a reload; and back to Dutch.
    noor.goto("about:blank").await?;
    noor.goto(&session.participant_url).await?;
    noor.wait_for(
        "document.body.dataset.connection === 'connected' && !!document.querySelector('#card-add')",
        WAIT,
    )
    .await?;
    ensure!(
        lang(&noor).await? == "en",
        "after a reload the page is in {:?}, not the chosen English",
        lang(&noor).await?
    );
    noor.click("#lang-switch").await?;
    noor.wait_for("document.documentElement.lang === 'nl'", WAIT)
        .await?;
    ensure!(
        text_of(&noor, "#card-add").await? == "Toevoegen",
        "switching back did not restore Dutch"
    );
    assert_no_console_errors(&[("Noor", &noor), ("Otto", &other)]).await
}
