//! The language reaches what a page tells the others: an observer announces itself
//! as "Toeschouwer" in Dutch, and once its page switches to English the others' "who's
//! here" list says "Observer" — the announced presence is derived with the language
//! and sent when it moves, like any view of the board that shows words.

use std::time::Duration;

use anyhow::{Context, Result};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, assert_no_console_errors, js, prefer_language, require_client,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{Person, open_as};

/// Sooner than the presence heartbeat (`HEARTBEAT_MS`, 15 s) would repeat the state
/// anyway: the switch itself must send it.
const BEFORE_HEARTBEAT: Duration = Duration::from_secs(10);

/// Waits until the "who's here" list names someone `name`.
async fn wait_listed(page: &Page, name: &str, within: Duration) -> Result<()> {
    page.wait_for(
        &format!(
            "[...document.querySelectorAll('#presence-list .presence-name')].some(n => n.textContent.trim() === {})",
            js(name)
        ),
        within,
    )
    .await
    .map(|_| ())
    .with_context(|| format!("the facilitator's list did not name {name:?} in time"))
}

#[tokio::test]
async fn an_observers_announced_name_follows_its_language() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Taal van aanwezigheid").await?;
    let browser = Browser::launch().await?;
    let facilitator = browser.new_page(1280, 800).await?;
    let observer = browser.new_page(1280, 800).await?;
    for page in [&facilitator, &observer] {
        prefer_language(page, "nl-NL").await?;
    }
    open_as(
        &facilitator,
        Person::Facilitator,
        &session.facilitator_url,
        "Fenna",
        Some(0),
    )
    .await?;
    open_as(&observer, Person::Observer, &session.observer_url, "", None).await?;
    wait_listed(&facilitator, "Toeschouwer", WAIT).await?;

    observer.click("#lang-switch").await?;
    wait_listed(&facilitator, "Observer", BEFORE_HEARTBEAT).await?;
    // The facilitator's own page stays Dutch: only the observer's words moved.
    facilitator
        .wait_for("document.documentElement.lang === 'nl'", WAIT)
        .await?;
    assert_no_console_errors(&[("Fenna", &facilitator), ("observer", &observer)]).await
}
