//! A newcomer on a phone (375 and 390 px wide, Dutch): after the join screen the board
//! says "Kies een vrije stoel aan tafel" and the focus is on that prompt, not on the
//! page body; after taking a seat the focus again lands on something useful. The header
//! stays within two rows with the name whole, the profile panel's fields are on screen,
//! and no keyboard or double-click hints show. Screenshots land in `tests/artifacts/`.

use anyhow::{Context, Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, assert_no_horizontal_overflow, fill_join_form,
    is_visible, open_join_screen, prefer_language, require_client, set_phone_viewport, take_seat,
};
use ovaal_tests::browser::{Browser, Page};

/// Two rows of header on a phone: about 50 px each, plus padding.
const HEADER_MAX_PX: f64 = 120.0;

/// What has the focus: "BODY", or the tag and id of the element.
async fn focused(page: &Page) -> Result<String> {
    let value = page
        .eval(
            "(() => { const a = document.activeElement; \
             return !a || a === document.body ? 'BODY' : a.tagName + '#' + a.id; })()",
        )
        .await?;
    Ok(value.as_str().unwrap_or("BODY").to_owned())
}

/// Fails when any element matching `selector` lies (partly) outside the viewport.
async fn assert_inside_viewport(page: &Page, selector: &str, what: &str) -> Result<()> {
    let outside = page
        .eval(&format!(
            "[...document.querySelectorAll({sel})].map(e => {{ \
             const r = e.getBoundingClientRect(); \
             return r.left < 0 || r.top < 0 || r.right > window.innerWidth || \
             r.bottom > window.innerHeight || r.width === 0 \
             ? [r.left, r.top, r.right, r.bottom] : null; }}).filter(Boolean)",
            sel = serde_json::Value::String(selector.to_owned())
        ))
        .await?;
    ensure!(
        outside.as_array().is_some_and(Vec::is_empty),
        "{what}: `{selector}` is not inside the viewport: {outside}"
    );
    Ok(())
}

/// The header is at most two rows and shows the name whole.
async fn assert_header_fits(page: &Page, name: &str, what: &str) -> Result<()> {
    let height = page
        .eval("document.querySelector('.topbar').getBoundingClientRect().height")
        .await?
        .as_f64()
        .context("no header height")?;
    ensure!(
        height <= HEADER_MAX_PX,
        "{what}: the header is {height} px high (more than two rows)"
    );
    let shown = page
        .eval(
            "(() => { const n = document.querySelector('#me-button .me-name'); \
             return n ? [n.textContent, n.scrollWidth, n.clientWidth, \
             n.getBoundingClientRect().right <= window.innerWidth] : null; })()",
        )
        .await?;
    ensure!(
        shown[0] == name && shown[1].as_f64() <= shown[2].as_f64() && shown[3] == true,
        "{what}: the name in the header is cut or off screen: {shown}"
    );
    Ok(())
}

/// No visible hint speaks of keys, dragging or double-clicking.
async fn assert_no_keyboard_hints(page: &Page, what: &str) -> Result<()> {
    let hints = page
        .eval(
            "[...document.querySelectorAll('.board-hint')] \
             .filter(e => e.getClientRects().length > 0) \
             .map(e => e.textContent) \
             .filter(t => /dubbelklik|sleep|tab naar|enter|delete|alt\\+/i.test(t))",
        )
        .await?;
    ensure!(
        hints.as_array().is_some_and(Vec::is_empty),
        "{what}: keyboard or mouse hints are shown on a phone: {hints}"
    );
    Ok(())
}

async fn newcomer_at(browser: &Browser, url: &str, width: u32, seat: u32) -> Result<Page> {
    let name = "Marieke de Vries";
    let page = browser.new_page(width, 667).await?;
    prefer_language(&page, "nl-NL").await?;
    set_phone_viewport(&page, width, 667).await?;
    open_join_screen(&page, url).await?;
    fill_join_form(&page, name).await?;

    // The next step is said, and the focus is on it.
    page.wait_for(
        "(() => { const p = document.querySelector('#seat-prompt'); \
         return !!p && p.getClientRects().length > 0 && \
         p.textContent.includes('Kies een vrije stoel aan tafel'); })()",
        WAIT,
    )
    .await
    .with_context(|| format!("{width} px: no seat prompt after joining"))?;
    let after_join = focused(&page).await?;
    ensure!(
        after_join != "BODY",
        "{width} px: the focus fell to the page body after joining"
    );
    page.screenshot(artifact(&format!("newcomer-{width}-prompt.png")))
        .await?;
    assert_header_fits(&page, name, &format!("{width} px, just joined")).await?;
    assert_no_horizontal_overflow(&page, &format!("{width} px, just joined")).await?;

    take_seat(&page, seat).await?;
    let after_seat = focused(&page).await?;
    ensure!(
        after_seat != "BODY",
        "{width} px: the focus fell to the page body after taking a seat"
    );
    page.wait_for(
        "document.querySelector('#seat-prompt')?.getClientRects().length === 0",
        WAIT,
    )
    .await
    .with_context(|| format!("{width} px: the seat prompt stayed after sitting down"))?;
    assert_header_fits(&page, name, &format!("{width} px, seated")).await?;

    for view in ["list", "table"] {
        page.click(&format!("button[data-view='{view}']")).await?;
        page.wait_for(&format!("document.body.dataset.view === '{view}'"), WAIT)
            .await?;
        let what = format!("{width} px, {view} view");
        page.eval("window.scrollTo(0, 0)").await?;
        page.screenshot(artifact(&format!("newcomer-{width}-{view}.png")))
            .await?;
        assert_no_keyboard_hints(&page, &what).await?;
        assert_header_fits(&page, name, &what).await?;
    }

    // The profile panel: its name and location fields are on screen.
    page.click("#me-button").await?;
    page.wait_for(
        "!!document.querySelector('#me-menu') && \
         !document.querySelector('#me-menu').hidden",
        WAIT,
    )
    .await?;
    let what = format!("{width} px, me menu");
    assert_inside_viewport(&page, "#me-name", &what).await?;
    assert_inside_viewport(&page, "input[name=me-location]", &what).await?;
    ensure!(
        is_visible(&page, "#me-save").await?,
        "{what}: no save button"
    );
    page.screenshot(artifact(&format!("newcomer-{width}-me-menu.png")))
        .await?;
    page.press_key("Escape").await?;
    page.wait_for("document.querySelector('#me-menu').hidden", WAIT)
        .await?;
    Ok(page)
}

#[tokio::test]
async fn a_newcomer_on_a_phone_is_guided_to_a_seat() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Leerkring nieuwkomers").await?;
    let browser = Browser::launch().await?;
    let small = newcomer_at(&browser, &session.participant_url, 375, 1).await?;
    let wider = newcomer_at(&browser, &session.participant_url, 390, 2).await?;
    assert_no_console_errors(&[("375 px", &small), ("390 px", &wider)]).await
}
