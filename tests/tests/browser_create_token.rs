//! A server started with a creation key: the start page asks for it when the server
//! wants it, makes the session with it, remembers it across a reload (no second
//! question), asks again when it is wrong, and the import asks for it too. The pages
//! run under the server's Content-Security-Policy: the check that a blocked inline
//! style is reported proves the harness would see any violation.

use anyhow::{Context, Result, ensure};
use ovaal_server::config::CreateToken;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{WAIT, artifact, require_client};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{session_in_link, shown_link};
use ovaal_tests::http::with_token;

const KEY: &str = "sleutel-van-de-school-42";

/// Waits until the prompt shows `message` (an i18n key name).
async fn prompt_says(page: &Page, message: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "(() => {{ const p = document.querySelector('#create-token-panel'); \
             return p && !p.hidden && document.activeElement?.id === 'create-token' && \
             document.querySelector('#create-token-message').dataset.i18n === '{message}'; }})()"
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("the start page does not ask for the key with {message}"))?;
    Ok(())
}

async fn create(page: &Page, title: &str) -> Result<()> {
    page.wait_for("!!document.querySelector('#session-title')", WAIT)
        .await?;
    page.type_text("#session-title", title).await?;
    page.click("#session-create").await
}

async fn kept_key(page: &Page) -> Result<serde_json::Value> {
    page.eval("localStorage.getItem('ovaal:create-token')")
        .await
}

#[tokio::test]
async fn the_start_page_asks_for_the_creation_key_once_and_remembers_it() -> Result<()> {
    require_client()?;
    let server =
        TestServer::start_configured(|config| config.create_token = Some(CreateToken::new(KEY)))
            .await?;
    let start = format!("{}/", server.base_url());
    let browser = Browser::launch().await?;

    let fenna = browser.new_page(1440, 900).await?;
    fenna.goto(&start).await?;
    create(&fenna, "Intervisie team Zuid").await?;
    prompt_says(&fenna, "CreateTokenNeeded").await?;
    fenna
        .screenshot(artifact("create-token-prompt-1440.png"))
        .await?;

    // A wrong key: asked again, saying so, and not kept.
    fenna.type_text("#create-token", "geraden").await?;
    fenna.press_key("Enter").await?;
    prompt_says(&fenna, "CreateTokenWrong").await?;
    ensure!(
        kept_key(&fenna).await?.is_null(),
        "a wrong key is still kept"
    );
    fenna
        .screenshot(artifact("create-token-wrong-1440.png"))
        .await?;

    // The right key makes the session that was asked for, and is kept.
    fenna.type_text("#create-token", KEY).await?;
    fenna.click("#create-token-save").await?;
    let link = shown_link(&fenna, "#link-facilitator").await?;
    ensure!(kept_key(&fenna).await? == KEY, "the key is not kept");
    ensure!(
        fenna
            .eval("document.querySelector('#create-token-panel').hidden")
            .await?
            == true,
        "the prompt stays open after the session was made"
    );

    // After a reload: no question, the kept key is sent.
    fenna.goto("about:blank").await?;
    fenna.goto(&start).await?;
    create(&fenna, "Leerkring").await?;
    let second = shown_link(&fenna, "#link-facilitator").await?;
    ensure!(second != link, "no second session was made");
    ensure!(
        fenna
            .eval("document.querySelector('#create-token-panel').hidden")
            .await?
            == true,
        "the start page asked again though it kept the key"
    );

    // The harness sees what the policy blocks: an inline style attribute.
    fenna
        .eval("document.body.setAttribute('style', 'outline: 1px solid red')")
        .await?;
    let blocked = fenna
        .wait_for_csp_violation()
        .await
        .context("an inline style attribute was not reported as a CSP violation")?;
    ensure!(
        blocked.contains("style-src"),
        "the report does not name style-src: {blocked}"
    );

    // On a phone, in a browser that has no key yet, the import asks for it too.
    let token = session_token(&link)?;
    let id = session_in_link(&link)?;
    let exported = with_token(
        server.addr,
        "GET",
        &format!("/api/sessions/{id}/export.json"),
        &token,
        b"",
    )
    .await?;
    ensure!(exported.status == 200, "export: {}", exported.status);
    let files = tempfile::tempdir()?;
    let harvest = files.path().join("oogst.json");
    std::fs::write(&harvest, &exported.body)?;

    let piet = browser.new_page(375, 667).await?;
    piet.goto(&start).await?;
    piet.wait_for("!!document.querySelector('#import-file')", WAIT)
        .await?;
    piet.choose_files("#import-file", &[&harvest]).await?;
    piet.click("#import-go").await?;
    prompt_says(&piet, "CreateTokenNeeded").await?;
    piet.screenshot(artifact("create-token-prompt-375.png"))
        .await?;
    piet.type_text("#create-token", KEY).await?;
    piet.press_key("Enter").await?;
    let imported = shown_link(&piet, "#link-facilitator")
        .await
        .context("the import did not go on once the key was typed")?;
    ensure!(imported != link && imported != second);
    ensure!(kept_key(&piet).await? == KEY);
    Ok(())
}

fn session_token(link: &str) -> Result<String> {
    Ok(link
        .split_once("#token=")
        .context("no token in the link")?
        .1
        .to_owned())
}
