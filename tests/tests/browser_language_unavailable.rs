//! Dutch is not compiled into the client: its texts file is fetched when Dutch is
//! chosen. When that fetch fails the page says so next to the switch and stays in
//! English; once the file can be had, the same switch turns the page Dutch.

use anyhow::{Context, Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_horizontal_overflow, require_client, set_phone_viewport, text_of,
};
use ovaal_tests::browser::Browser;
use serde_json::json;

const TEXTS: &str = "*/assets/texts-nl.txt";

#[tokio::test]
async fn a_failed_fetch_of_the_dutch_texts_keeps_the_page_in_english() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let browser = Browser::launch().await?;
    let page = browser.new_page(1280, 800).await?;
    // Blocked from the first request on: the service worker cannot keep the file
    // either (its install needs every file), so nothing answers for it.
    page.call("Network.enable", json!({})).await?;
    page.call("Network.setBlockedURLs", json!({ "urls": [TEXTS] }))
        .await?;
    page.goto(&format!("{}/", server.base_url())).await?;
    page.wait_for("document.querySelector('#lang-switch') !== null", WAIT)
        .await?;
    let title_before = text_of(&page, "h1, h2").await?;

    page.click("#lang-switch").await?;
    page.wait_for(
        "document.querySelector('#lang-status')?.textContent.includes('Dutch could not be loaded')",
        WAIT,
    )
    .await
    .context("the page did not say that Dutch could not be loaded")?;
    let lang = page.eval("document.documentElement.lang").await?;
    ensure!(lang == "en", "after the failed fetch <html lang={lang}>");
    let switch = text_of(&page, "#lang-switch").await?;
    ensure!(
        switch == "NL",
        "after the failed fetch the switch says {switch}"
    );
    let title_after = text_of(&page, "h1, h2").await?;
    ensure!(
        title_after == title_before,
        "the page changed its words without Dutch: {title_before} → {title_after}"
    );
    page.screenshot(artifact("language-unavailable.png"))
        .await?;
    // On a phone the message fits beside the switch without widening the page.
    set_phone_viewport(&page, 375, 667).await?;
    assert_no_horizontal_overflow(&page, "the start page saying Dutch could not be loaded").await?;
    page.screenshot(artifact("language-unavailable-375.png"))
        .await?;

    // The file is reachable again: the same switch now turns the page Dutch.
    page.call("Network.setBlockedURLs", json!({ "urls": [] }))
        .await?;
    page.click("#lang-switch").await?;
    page.wait_for(
        "document.documentElement.lang === 'nl' \
         && document.querySelector('#lang-switch')?.textContent.trim() === 'EN' \
         && !document.querySelector('#lang-status')?.textContent",
        WAIT,
    )
    .await
    .context("with the file reachable the page did not switch to Dutch")?;
    let title_dutch = text_of(&page, "h1, h2").await?;
    ensure!(
        title_dutch != title_before,
        "the page says {title_dutch} in Dutch as in English"
    );
    Ok(())
}
