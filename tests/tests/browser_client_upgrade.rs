//! A new build of the client reaches a page that ran the old one, and is never mixed
//! with it: the page and the service worker name the client's files with the build's
//! version (`/assets/…?v=…`, `xtask/src/version_stamp.rs`). After the server is
//! restarted on a new build, a reload loads the new build's files, the new service
//! worker replaces the old one and its cache, and a reload while the server is down
//! then comes from the new build's cache.
//!
//! The "new build" is the built client with another version written into it (what
//! the build does with changed files), so the test needs no second build.

use std::path::Path;

use anyhow::{Context, Result};
use ovaal_tests::TestServer;
use ovaal_tests::bench::static_floor::copy_dist;
use ovaal_tests::board_page::{WAIT, join, require_client};
use ovaal_tests::browser::Browser;
use ovaal_tests::facilitation_page::{
    add_card, reload, wait_card, wait_for_service_worker, wait_save_state,
};

const NEW_VERSION: &str = "feedfacecafebeef";

/// Writes `new` where the client in `web_dir` names its version, as a build of
/// changed files would. The `.gz` copies of those files go (the server then sends
/// them plain).
fn rebuild_as(web_dir: &Path, old: &str, new: &str) -> Result<()> {
    for file in ["index.html", "assets/boot.js", "assets/sw.js"] {
        let path = web_dir.join(file);
        let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        anyhow::ensure!(text.contains(old), "{file} does not name version {old}");
        std::fs::write(&path, text.replace(old, new))?;
        let _ = std::fs::remove_file(web_dir.join(format!("{file}.gz")));
    }
    std::fs::write(web_dir.join("version"), new)?;
    Ok(())
}

/// Whether the page's own load fetched the client's wasm under `version`.
fn loaded_wasm_of(version: &str) -> String {
    format!(
        "performance.getEntriesByType('resource')\
         .some(e => e.name.endsWith('/assets/ovaal_web_bg.wasm?v={version}'))"
    )
}

/// The service worker's caches, once they are exactly the one of `version`.
fn only_cache_of(version: &str) -> String {
    format!(
        "(async () => {{ const names = await caches.keys(); \
           return names.length === 1 && names[0] === 'ovaal-shell-{version}'; }})()"
    )
}

#[tokio::test]
async fn a_new_build_replaces_the_old_one_in_the_page_and_in_the_worker() -> Result<()> {
    require_client()?;
    let web = tempfile::tempdir()?;
    copy_dist(&ovaal_tests::server::web_dist(), web.path())?;
    let old = std::fs::read_to_string(web.path().join("version"))
        .context("the built client has no version file")?
        .trim()
        .to_owned();
    let web_dir = web.path().to_path_buf();
    let dir = web_dir.clone();
    let server = TestServer::start_configured(move |config| config.web_dir = dir).await?;
    let addr = server.addr;
    let session = server.create_session("Nieuwe versie").await?;
    let browser = Browser::launch().await?;
    let page = browser.new_page(1280, 800).await?;
    join(&page, &session.participant_url, "Noor", Some(1)).await?;
    let text = "Geschreven voor de nieuwe versie";
    add_card(&page, "theme", text).await?;
    wait_save_state(&page, "saved").await?;
    wait_for_service_worker(&page).await?;
    page.wait_for(&loaded_wasm_of(&old), WAIT)
        .await
        .context("the page did not load the wasm of its build's version")?;
    page.wait_for(&only_cache_of(&old), WAIT)
        .await
        .context("the worker keeps one cache, of its build")?;

    // The server is restarted on a new build.
    let data = server.stop().await?.context("the data directory")?;
    rebuild_as(&web_dir, &old, NEW_VERSION)?;
    let dir = web_dir.clone();
    let server =
        TestServer::start_at_with(addr, data.path(), move |config| config.web_dir = dir).await?;

    reload(&page).await?;
    wait_card(&page, text).await?;
    page.wait_for(&loaded_wasm_of(NEW_VERSION), WAIT)
        .await
        .context("after the upgrade the page did not load the new build's wasm")?;
    let mixed = page.eval(&loaded_wasm_of(&old)).await?;
    anyhow::ensure!(
        mixed == serde_json::Value::Bool(false),
        "after the upgrade the page also loaded the old build's wasm"
    );
    page.wait_for(&only_cache_of(NEW_VERSION), WAIT)
        .await
        .context("the new worker did not replace the old one's cache")?;
    wait_for_service_worker(&page).await?;

    // Without a server the page comes from the new build's cache.
    server.stop().await?;
    reload(&page).await?;
    wait_card(&page, text)
        .await
        .context("a reload without server after the upgrade did not show the board")?;
    page.wait_for(&loaded_wasm_of(NEW_VERSION), WAIT).await?;
    drop(data);
    Ok(())
}
