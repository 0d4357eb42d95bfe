//! The lid closes, the server restarts: the page says it is reconnecting, keeps
//! working offline, reconnects by itself, and the cards written meanwhile reach the
//! others.

use std::time::Duration;

use anyhow::{Result, ensure};
use ovaal_server::Limits;
use ovaal_tests::TestServer;
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::server::web_dist;

const WAIT: Duration = Duration::from_secs(30);

async fn join(page: &Page, url: &str, name: &str) -> Result<()> {
    page.goto(url).await?;
    page.wait_for("!!document.querySelector('#join-name')", WAIT)
        .await?;
    page.type_text("#join-name", name).await?;
    page.click("#join-submit").await?;
    page.wait_for(
        "!document.querySelector('#join-name') && document.body.dataset.connection === 'connected'",
        WAIT,
    )
    .await?;
    Ok(())
}

async fn add_card(page: &Page, text: &str) -> Result<()> {
    page.type_text("#card-text", text).await?;
    page.click("#card-add").await?;
    Ok(())
}

fn has_card(text: &str) -> String {
    format!(
        "[...document.querySelectorAll('.card .card-text')].some(t => t.textContent === {text:?})"
    )
}

#[tokio::test]
async fn pages_reconnect_and_send_what_was_written_offline() -> Result<()> {
    ensure!(
        web_dist().join("index.html").exists(),
        "run `cargo xtask build-web` first"
    );
    let server = TestServer::start().await?;
    let addr = server.addr;
    let session = server.create_session("Deksel dicht").await?;
    let browser = Browser::launch().await?;
    let anna = browser.new_page(1280, 800).await?;
    let bram = browser.new_page(1280, 800).await?;
    join(&anna, &session.participant_url, "Anna").await?;
    join(&bram, &session.participant_url, "Bram").await?;
    add_card(&anna, "voor de onderbreking").await?;
    bram.wait_for(&has_card("voor de onderbreking"), WAIT)
        .await?;

    // The server goes away; both pages notice and say so.
    let data = server.stop().await?.expect("temporary data dir");
    for page in [&anna, &bram] {
        page.wait_for(
            "['reconnecting', 'offline'].includes(document.body.dataset.connection)",
            WAIT,
        )
        .await?;
    }
    let pill = anna
        .eval("document.querySelector('#connection-pill').textContent")
        .await?;
    ensure!(
        pill.as_str().is_some_and(|t| !t.is_empty()),
        "no visible connection state"
    );
    // Anna keeps working offline; her card shows locally at once.
    add_card(&anna, "geschreven zonder verbinding").await?;
    anna.wait_for(&has_card("geschreven zonder verbinding"), WAIT)
        .await?;
    anna.screenshot(env!("CARGO_MANIFEST_DIR").to_owned() + "/artifacts/reconnecting.png")
        .await?;

    // The server is back on the same address: both reconnect without help and the
    // offline card reaches Bram.
    let server = TestServer::start_at(addr, data.path(), Limits::default()).await?;
    for page in [&anna, &bram] {
        page.wait_for("document.body.dataset.connection === 'connected'", WAIT)
            .await?;
    }
    bram.wait_for(&has_card("geschreven zonder verbinding"), WAIT)
        .await?;
    ensure!(bram.eval(&has_card("voor de onderbreking")).await? == true);
    drop(server);
    Ok(())
}
