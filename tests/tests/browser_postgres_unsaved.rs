//! While PostgreSQL is away nothing is acknowledged, and the page says so: the save
//! state reads "not yet saved" (in the page's language) instead of "saved". Once the
//! database is back the card is stored and the page says "saved"; a second node that
//! loads the session from the database alone shows the card.

use std::time::Duration;

use anyhow::{Context, Result};
use ovaal_server::config::DatabaseUrl;
use ovaal_tests::board_page::{add_card, join, prefer_language, require_client};
use ovaal_tests::browser::Browser;
use ovaal_tests::postgres::TestPostgres;
use ovaal_tests::{ProtocolClient, TestServer};

/// Long enough for a loaded machine; the store retries while the database is away.
const WAIT: Duration = Duration::from_secs(40);

fn save_state_is(state: &str) -> String {
    format!("document.getElementById('save-state')?.dataset.state === '{state}'")
}

#[tokio::test]
async fn the_page_says_not_yet_saved_while_postgres_is_away_and_saved_after() -> Result<()> {
    require_client()?;
    let pg = TestPostgres::start()?;
    let database = pg.create_database()?;
    let url: DatabaseUrl = database.parse()?;
    let node = TestServer::start_configured({
        let url = url.clone();
        move |config| config.database = Some(url)
    })
    .await?;
    let session = node.create_session("Intervisie").await?;
    let browser = Browser::launch().await?;
    let page = browser.new_page(1280, 800).await?;
    prefer_language(&page, "nl-NL").await?;
    join(&page, &session.participant_url, "Noor", None).await?;
    add_card(&page, "theme", "voor de storing").await?;
    page.wait_for(&save_state_is("saved"), WAIT)
        .await
        .context("the first card was never shown as saved")?;

    pg.stop_server()?;
    add_card(&page, "theme", "tijdens de storing").await?;
    page.wait_for(
        &format!(
            "{} && document.getElementById('save-state').textContent.includes('Nog niet opgeslagen')",
            save_state_is("pending")
        ),
        WAIT,
    )
    .await
    .context("the page did not say the card is not yet saved while PostgreSQL was away")?;

    pg.start_server()?;
    page.wait_for(&save_state_is("saved"), WAIT)
        .await
        .context("the page did not say saved once PostgreSQL was back")?;

    // A second node reads the session from the database only.
    let second = TestServer::start_configured(move |config| config.database = Some(url)).await?;
    let mut reader =
        ProtocolClient::connect(&second.ws_url(&session.id), &session.observer).await?;
    reader
        .wait_until("the card written while the database was away", |c| {
            c.all_card_texts().iter().any(|t| t == "tijdens de storing")
        })
        .await?;
    Ok(())
}
