//! The board survives a reload without a server: the page keeps its documents in
//! IndexedDB, so when the server is gone and the person reloads, the board comes back
//! from the browser's own storage (cards and all, honestly marked as not connected).
//! The client has no service worker, so the page's own files are served by a stand-in
//! that answers every API address, the WebSocket included, with 503 (`ShellOnly`).
//! A card written then waits (`#save-state` says `pending`) and reaches the others
//! once the server is back on the same address (`saved`).

use anyhow::{Context, Result, ensure};
use ovaal_server::Limits;
use ovaal_tests::board_page::{WAIT, card_id, join, require_client};
use ovaal_tests::browser::Browser;
use ovaal_tests::facilitation_page::{
    ShellOnly, add_card, connection_state, reload, save_state, wait_card, wait_save_state,
    wait_stored_locally,
};
use ovaal_tests::{ProtocolClient, TestServer};

/// What the page shows and what its IndexedDB holds (for a failure message).
const PAGE_AND_STORE_JS: &str = "(async () => { \
    const page = { cards: document.querySelectorAll('.card').length, \
      join: !!document.querySelector('#join-name'), \
      connection: document.body.dataset.connection }; \
    try { const db = await new Promise((ok, no) => { const r = indexedDB.open('ovaal'); \
        r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); }); \
      const keys = await new Promise((ok, no) => { \
        const r = db.transaction('docs').objectStore('docs').getAllKeys(); \
        r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); }); \
      return { page, keys }; \
    } catch (e) { return { page, store: String(e) }; } })()";

#[tokio::test]
async fn a_reload_without_server_shows_the_board_from_indexeddb() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let addr = server.addr;
    let session = server.create_session("Trein zonder wifi").await?;
    let browser = Browser::launch().await?;
    let anna = browser.new_page(1280, 800).await?;
    join(&anna, &session.participant_url, "Anna", Some(2)).await?;
    let before = "Geschreven voor de storing";
    add_card(&anna, "theme", before).await?;
    wait_save_state(&anna, "saved").await?;
    // The local copy is written 400 ms after a change (and, not reliably, when the page
    // is left): a reload sooner may come back without the card.
    wait_stored_locally(&anna, before).await?;

    // The server goes away; Anna reloads. (Only the page's own files can still be
    // fetched — see `ShellOnly` for why.)
    let data = server
        .stop()
        .await?
        .context("the temporary data directory")?;
    anna.wait_for("document.body.dataset.connection !== 'connected'", WAIT)
        .await?;
    let shell = ShellOnly::start_at(addr).await?;
    reload(&anna).await?;
    if let Err(err) = wait_card(&anna, before).await {
        let shown = anna.eval(PAGE_AND_STORE_JS).await?;
        return Err(err.context(format!(
            "after a reload without server the board does not show the stored card; \
             the page and its IndexedDB: {shown}"
        )));
    }
    let state = connection_state(&anna).await?;
    ensure!(
        state != "connected",
        "the reloaded page claims to be connected to a server that is down"
    );
    ensure!(
        anna.eval("!document.querySelector('#join-name')").await? == true,
        "the reloaded page asks for a name again"
    );
    anna.screenshot(ovaal_tests::board_page::artifact("offline-reloaded.png"))
        .await?;

    // Written offline: kept, waiting to be sent.
    let offline = "Geschreven zonder server";
    add_card(&anna, "question", offline).await?;
    let pending = save_state(&anna).await?;
    ensure!(
        pending.as_deref() == Some("pending"),
        "#save-state says {pending:?} for a card the server has not stored"
    );

    // The server is back: the page reconnects by itself and its card arrives.
    shell.stop().await?;
    let server = TestServer::start_at(addr, data.path(), Limits::default()).await?;
    anna.wait_for("document.body.dataset.connection === 'connected'", WAIT)
        .await
        .context("the reloaded page did not reconnect")?;
    wait_save_state(&anna, "saved").await?;
    let mut bram =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.participant).await?;
    bram.wait_until("both of Anna's cards", |c| {
        let texts = c.all_card_texts();
        texts.iter().any(|t| t == before) && texts.iter().any(|t| t == offline)
    })
    .await?;
    card_id(&anna, offline).await?;
    anna.screenshot(ovaal_tests::board_page::artifact("offline-back.png"))
        .await?;
    // The server saying it shuts down, and failed loads while it was down, are
    // expected; nothing else is.
    let errors: Vec<String> = anna
        .console_errors()
        .await
        .into_iter()
        .filter(|e| {
            !["ShuttingDown", "ERR_CONNECTION_REFUSED", "WebSocket", "503"]
                .iter()
                .any(|expected| e.contains(expected))
        })
        .collect();
    ensure!(errors.is_empty(), "the page logged errors: {errors:?}");
    Ok(())
}
