//! Confirmations of what cannot be undone start on the safe answer: revoking a link
//! and ending the session open `#confirm-dialog` with the focus on `#confirm-no`, so a
//! stray Enter cancels; the revoke question names the link it revokes; Escape closes
//! the dialog and nothing happened.

use anyhow::{Context, Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{WAIT, js, require_client};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{
    Person, create_link, link_rows, open_as, wait_confirm_dialog,
};

async fn focused_id(page: &Page) -> Result<String> {
    Ok(page
        .eval("document.activeElement?.id ?? ''")
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

async fn wait_closed(page: &Page) -> Result<()> {
    page.wait_for(
        "!document.querySelector('#confirm-dialog')?.getClientRects().length",
        WAIT,
    )
    .await
    .context("#confirm-dialog stays open")?;
    Ok(())
}

#[tokio::test]
async fn destructive_confirmations_focus_the_safe_button_and_name_the_link() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Veilig nee").await?;
    let browser = Browser::launch().await?;
    let fenna = browser.new_page(1280, 900).await?;
    open_as(
        &fenna,
        Person::Facilitator,
        &session.facilitator_url,
        "Fenna",
        Some(0),
    )
    .await?;
    let (_, row) = create_link(&fenna, "participant", "Team Noord").await?;

    let revoke = format!(
        "li.link-row[data-link-id={}] button.link-revoke",
        js(&row.id)
    );
    fenna.click(&revoke).await?;
    let question = wait_confirm_dialog(&fenna).await?;
    ensure!(
        question.contains("Team Noord"),
        "the revoke question does not name the link: {question:?}"
    );
    ensure!(
        focused_id(&fenna).await? == "confirm-no",
        "revoking starts on {:?}, not on cancel",
        focused_id(&fenna).await?
    );
    fenna.press_key("Escape").await?;
    wait_closed(&fenna).await?;
    ensure!(
        link_rows(&fenna).await?.iter().any(|r| r.id == row.id),
        "Escape revoked the link"
    );

    fenna.click("#end-session").await?;
    wait_confirm_dialog(&fenna).await?;
    ensure!(
        focused_id(&fenna).await? == "confirm-no",
        "ending starts on {:?}, not on cancel",
        focused_id(&fenna).await?
    );
    // A stray Enter on the focused button cancels.
    fenna.press_key("Enter").await?;
    wait_closed(&fenna).await?;
    ensure!(
        fenna
            .eval("document.body.dataset.ended ?? null")
            .await?
            .is_null(),
        "Enter in the end dialog ended the session"
    );
    Ok(())
}
