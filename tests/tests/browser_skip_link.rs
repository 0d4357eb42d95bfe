//! The skip link: the first Tab on the board page lands on "Skip to writing a card"
//! (out of sight until then, in sight once focused), and Enter puts the caret in the
//! card's text box — on a laptop in English, and on a Dutch phone, where the form first
//! has to open. Pages that only read (an observer's) offer no such link.

use anyhow::{Context, Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, join, prefer_language, require_client,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::reload;

/// Whether the skip link's box lies inside the window.
const SKIP_IN_SIGHT_JS: &str = "(() => { const l = document.querySelector('#skip-to-compose'); \
     if (!l) return false; const r = l.getBoundingClientRect(); \
     return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 \
       && r.bottom <= innerHeight && r.right <= innerWidth; })()";

/// Reloads the page (so the focus starts at the top), then: the link is out of sight,
/// the first Tab reaches it (in sight, saying `label`), Enter moves the focus into the
/// text box. Saves a screenshot of the focused link as `{name}.png`.
async fn first_tab_skips_to_the_form(page: &Page, label: &str, name: &str) -> Result<()> {
    reload(page).await?;
    page.wait_for(
        "document.body.dataset.connection === 'connected' \
         && document.body.dataset.role === 'participant' \
         && !document.querySelector('#join-name') \
         && document.querySelector('#skip-to-compose')?.hidden === false",
        WAIT,
    )
    .await
    .context("the board did not come back with a skip link after the reload")?;
    ensure!(
        page.eval(SKIP_IN_SIGHT_JS).await? == false,
        "the skip link is in sight before anyone tabbed to it"
    );
    page.press_key("Tab").await?;
    let focused = page.eval("document.activeElement?.id ?? null").await?;
    ensure!(
        focused == "skip-to-compose",
        "the first Tab lands on {focused}, not on the skip link"
    );
    let text = page
        .eval("document.activeElement.textContent.trim()")
        .await?;
    ensure!(text == label, "the skip link says {text}, not {label:?}");
    ensure!(
        page.eval(SKIP_IN_SIGHT_JS).await? == true,
        "the focused skip link is not in sight"
    );
    page.screenshot(artifact(&format!("{name}.png"))).await?;
    page.press_key("Enter").await?;
    page.wait_for(
        "document.activeElement?.id === 'card-text' \
         && document.activeElement.getClientRects().length > 0",
        WAIT,
    )
    .await
    .context("Enter on the skip link did not put the focus in a visible #card-text")?;
    Ok(())
}

#[tokio::test]
async fn the_first_tab_offers_to_skip_to_writing_a_card() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Met het toetsenbord").await?;
    let browser = Browser::launch().await?;

    // A laptop, in English.
    let kim = browser.new_page(1280, 800).await?;
    prefer_language(&kim, "en-GB").await?;
    join(&kim, &session.participant_url, "Kim", Some(2)).await?;
    first_tab_skips_to_the_form(&kim, "Skip to writing a card", "skip-link-laptop").await?;

    // A phone, in Dutch: the form sits behind "write a card" and opens.
    let bram = browser.new_page(375, 667).await?;
    prefer_language(&bram, "nl-NL").await?;
    join(&bram, &session.participant_url, "Bram", Some(4)).await?;
    ensure!(
        bram.eval("document.body.dataset.compose ?? null").await? != "open",
        "the phone's form is open before the skip link was used"
    );
    first_tab_skips_to_the_form(&bram, "Direct naar een kaart schrijven", "skip-link-phone")
        .await?;
    ensure!(
        bram.eval("document.body.dataset.compose ?? null").await? == "open",
        "the skip link focused the text box without opening the phone's form"
    );
    bram.screenshot(artifact("skip-link-phone-form.png"))
        .await?;

    // An observer writes nothing: no skip link to a form.
    let watcher = browser.new_page(1280, 800).await?;
    watcher.goto(&session.observer_url).await?;
    watcher
        .wait_for("document.body.dataset.role === 'observer'", WAIT)
        .await?;
    ensure!(
        watcher
            .eval("document.querySelector('#skip-to-compose')?.getClientRects().length ?? 0")
            .await?
            == 0,
        "the observer's page offers to skip to a form it does not have"
    );
    watcher.press_key("Tab").await?;
    ensure!(
        watcher.eval("document.activeElement?.id ?? null").await? != "skip-to-compose",
        "the observer's first Tab lands on the skip link"
    );
    assert_no_console_errors(&[("laptop", &kim), ("phone", &bram), ("observer", &watcher)]).await
}
