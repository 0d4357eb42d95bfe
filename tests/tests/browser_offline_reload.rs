//! The board survives a reload without a server: the service worker (`web/static/sw.js`)
//! keeps the page's own files, and the page keeps its documents in IndexedDB. With the
//! server stopped — nothing listening at all — the person reloads, sees the board
//! (honestly marked as not connected), writes cards, reloads right after writing — or
//! has the tab killed — and keeps them; once the server is back on the same address
//! they reach the others.

use anyhow::{Context, Result, ensure};
use ovaal_server::Limits;
use ovaal_shared::board::CardKind;
use ovaal_tests::board_page::{WAIT, card_id, join, require_client};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{
    add_card, connection_state, reload, save_state, wait_card, wait_for_service_worker,
    wait_save_state,
};
use ovaal_tests::{ProtocolClient, TestServer};

/// What the page shows and what its IndexedDB holds (for a failure message).
const PAGE_AND_STORE_JS: &str = "(async () => { \
    const page = { cards: [...document.querySelectorAll('.card')].map(c => c.textContent), \
      join: !!document.querySelector('#join-name'), \
      connection: document.body.dataset.connection }; \
    try { const db = await new Promise((ok, no) => { const r = indexedDB.open('ovaal'); \
        r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); }); \
      const keys = await new Promise((ok, no) => { \
        const r = db.transaction('docs').objectStore('docs').getAllKeys(); \
        r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); }); \
      return { page, keys }; \
    } catch (e) { return { page, store: String(e) }; } })()";

/// Cards written offline, each followed at once by a reload.
const WRITTEN_OFFLINE: [&str; 3] = [
    "Geschreven zonder server",
    "Nog een vraag, meteen herladen",
    "Derde kaart: \"quotes\", emoji 🌧️",
];

#[tokio::test]
async fn a_reload_without_server_shows_the_board_and_keeps_cards_written_offline() -> Result<()> {
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
    wait_for_service_worker(&anna).await?;

    // The server goes away completely.
    let data = server
        .stop()
        .await?
        .context("the temporary data directory")?;
    anna.wait_for("document.body.dataset.connection !== 'connected'", WAIT)
        .await?;

    // Each card is written and the page reloaded right away, with no time for a
    // delayed write: the local copy must have it already.
    let mut written = vec![before];
    for text in WRITTEN_OFFLINE {
        add_card(&anna, "question", text).await?;
        let pending = save_state(&anna).await?;
        ensure!(
            pending.as_deref() == Some("pending"),
            "#save-state says {pending:?} for a card the server has not stored"
        );
        written.push(text);
        reload(&anna).await?;
        expect_offline_board(&anna, &written).await?;
    }
    anna.screenshot(ovaal_tests::board_page::artifact("offline-reloaded.png"))
        .await?;

    // The tab is killed right after a card is written (no `pagehide`, no unload):
    // opened again, the card is there all the same.
    let url = anna.eval("location.href").await?;
    let url = url.as_str().context("location.href")?.to_owned();
    let crashed = "Geschreven vlak voor de crash";
    add_card(&anna, "question", crashed).await?;
    anna.crash().await?;
    anna.goto(&url).await?;
    written.push(crashed);
    expect_offline_board(&anna, &written).await?;

    // The server is back: the page reconnects by itself and the cards arrive.
    let server = TestServer::start_at(addr, data.path(), Limits::default()).await?;
    anna.wait_for("document.body.dataset.connection === 'connected'", WAIT)
        .await
        .context("the reloaded page did not reconnect")?;
    wait_save_state(&anna, "saved").await?;
    let mut bram =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.participant).await?;
    bram.wait_until("all of Anna's cards", |c| {
        let texts = c.all_card_texts();
        written.iter().all(|w| texts.iter().any(|t| t == w))
    })
    .await?;
    for text in &written {
        card_id(&anna, text).await?;
    }
    anna.screenshot(ovaal_tests::board_page::artifact("offline-back.png"))
        .await?;
    // The server saying it shuts down, and failed loads while it was down, are
    // expected; nothing else is.
    let errors: Vec<String> = anna
        .console_errors()
        .await
        .into_iter()
        .filter(|e| {
            ![
                "ShuttingDown",
                "ERR_CONNECTION_REFUSED",
                "WebSocket",
                "Failed to fetch",
            ]
            .iter()
            .any(|expected| e.contains(expected))
        })
        .collect();
    ensure!(errors.is_empty(), "the page logged errors: {errors:?}");
    Ok(())
}

/// Whether this browser's IndexedDB holds a document of the board (a key
/// `{session}/{participant}/doc/…`).
const STORE_HAS_A_DOC_JS: &str = "(async () => { \
    const db = await new Promise((ok, no) => { const r = indexedDB.open('ovaal'); \
      r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); }); \
    if (!db.objectStoreNames.contains('docs')) return false; \
    const keys = await new Promise((ok, no) => { \
      const r = db.transaction('docs').objectStore('docs').getAllKeys(); \
      r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); }); \
    return keys.some(k => String(k).includes('/doc/')); })()";

/// A slow disk on the first load of the tab: the page's IndexedDB database is handed
/// over only once the board's cards are on the page (after the welcome), so the
/// board arrives before the local copy is open. Later loads of the tab (the reload
/// below) open it at once.
const SLOW_FIRST_OPEN_JS: &str = "(() => { \
    if (sessionStorage.getItem('slow-open-done')) return; \
    const open = IDBFactory.prototype.open; \
    IDBFactory.prototype.open = function (...args) { \
      const request = open.apply(this, args); \
      Object.defineProperty(request, 'onsuccess', { set(handler) { \
        request.addEventListener('success', (event) => { \
          const later = () => document.querySelectorAll('.card').length >= 2 \
            ? (sessionStorage.setItem('slow-open-done', '1'), handler(event)) \
            : setTimeout(later, 20); \
          later(); }); } }); \
      return request; }; })()";

/// A first visit connects before its local copy's database is even open (a new
/// identity has no copy to wait for). What the welcome brought must still reach the
/// copy, without the person writing anything: a reload while the server is down then
/// shows the board they were looking at. The database opens only after the board
/// arrived ([`SLOW_FIRST_OPEN_JS`]), the order that once left the copy empty.
#[tokio::test]
async fn a_first_visit_keeps_the_board_it_was_sent_without_writing() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Eerste bezoek").await?;
    let mut bram =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.participant).await?;
    bram.join_table("Bram", 1).await?;
    let texts = ["Wat maakt dit lastig?", "Wie heeft je geholpen?"];
    for text in texts {
        bram.add_card(CardKind::Question, text).await?;
    }
    bram.wait_stored().await?;

    let browser = Browser::launch().await?;
    let noor = browser.new_page(1280, 800).await?;
    noor.run_before_page_scripts(SLOW_FIRST_OPEN_JS).await?;
    noor.goto(&session.participant_url).await?;
    for text in texts {
        wait_card(&noor, text).await?;
    }
    wait_for_service_worker(&noor).await?;
    noor.wait_for(STORE_HAS_A_DOC_JS, WAIT)
        .await
        .context("the board sent on a first visit never reached the local copy")?;

    drop(bram);
    server.stop().await?;
    reload(&noor).await?;
    for text in texts {
        wait_card(&noor, text)
            .await
            .context("a reload without server after a first visit lost the board")?;
    }
    Ok(())
}

/// After a reload with the server down: the board shows every card in `texts`, says
/// it is not connected, that cards wait to be sent, and does not ask for a name again.
async fn expect_offline_board(page: &Page, texts: &[&str]) -> Result<()> {
    for text in texts {
        if let Err(err) = wait_card(page, text).await {
            let shown = page.eval(PAGE_AND_STORE_JS).await?;
            return Err(err.context(format!(
                "after a reload without server the board lacks {text:?}; \
                 the page and its IndexedDB: {shown}"
            )));
        }
    }
    let state = connection_state(page).await?;
    ensure!(
        state != "connected",
        "the reloaded page claims to be connected to a server that is down"
    );
    ensure!(
        page.eval("!document.querySelector('#join-name')").await? == true,
        "the reloaded page asks for a name again"
    );
    wait_save_state(page, "pending")
        .await
        .context("after the reload the page does not say its cards wait to be sent")?;
    Ok(())
}
