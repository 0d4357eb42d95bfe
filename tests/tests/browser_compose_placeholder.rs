//! The compose box asks for what the current phase asks for: in a Dutch page the
//! question round's placeholder says "Schrijf je vraag…", the case pitches' says
//! "casus of thema", never "thema, vraag of advies" in every phase.

use anyhow::{Result, ensure};
use ovaal_shared::board::Method;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{WAIT, js, prefer_language, require_client};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{Person, jump_to_phase, open_as};

async fn wait_placeholder(page: &Page, expected: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "document.querySelector('#card-text')?.placeholder === {}",
            js(expected)
        ),
        WAIT,
    )
    .await
    .map_err(|e| e.context(format!("#card-text never says {expected:?}")))?;
    Ok(())
}

#[tokio::test]
async fn the_placeholder_names_the_phases_kinds_in_dutch() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Vragen stellen", Method::Incident)
        .await?;
    let browser = Browser::launch().await?;
    let fenna = browser.new_page(1280, 900).await?;
    let piet = browser.new_page(1280, 900).await?;
    for page in [&fenna, &piet] {
        prefer_language(page, "nl-NL").await?;
    }
    open_as(
        &fenna,
        Person::Facilitator,
        &session.facilitator_url,
        "Fenna",
        Some(0),
    )
    .await?;
    open_as(
        &piet,
        Person::Participant,
        &session.participant_url,
        "Piet",
        Some(2),
    )
    .await?;
    ensure!(piet.eval("document.documentElement.lang").await? == "nl");

    jump_to_phase(&fenna, "pitches", &[&piet]).await?;
    wait_placeholder(&piet, "Schrijf je thema of casus…").await?;
    jump_to_phase(&fenna, "questions", &[&piet]).await?;
    wait_placeholder(&piet, "Schrijf je vraag…").await?;
    jump_to_phase(&fenna, "analysis", &[&piet]).await?;
    wait_placeholder(&piet, "Schrijf je thema, spiegel of inzicht…").await?;

    // The language switch relabels it.
    piet.click("#lang-switch").await?;
    wait_placeholder(&piet, "Write your theme, mirror or insight…").await?;
    Ok(())
}
