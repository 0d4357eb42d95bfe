//! A write the server refuses for the board's budgets is shown to the writer, in the
//! page's language — not only logged.

use std::time::Duration;

use anyhow::{Context, Result};
use ovaal_server::Limits;
use ovaal_server::config::Budget;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{add_card, join, prefer_language, require_client};
use ovaal_tests::browser::Browser;

const WAIT: Duration = Duration::from_secs(20);

#[tokio::test]
async fn a_card_over_the_limit_is_refused_with_a_dutch_message() -> Result<()> {
    require_client()?;
    let server = TestServer::start_with(Limits {
        budget: Budget {
            cards_per_document: 2,
            ..Budget::DEFAULT
        },
        ..Limits::default()
    })
    .await?;
    let session = server.create_session("Begrensd").await?;
    let browser = Browser::launch().await?;
    let page = browser.new_page(1280, 800).await?;
    prefer_language(&page, "nl-NL").await?;
    join(&page, &session.participant_url, "Noor", None).await?;
    add_card(&page, "theme", "eerste thema").await?;
    add_card(&page, "theme", "tweede thema").await?;
    add_card(&page, "theme", "derde thema").await?;
    page.wait_for(
        "[...document.querySelectorAll('.toast-text')].some(t => \
         t.textContent.includes('maximale aantal kaarten'))",
        WAIT,
    )
    .await
    .context("the page did not show the card limit in Dutch")?;
    Ok(())
}
