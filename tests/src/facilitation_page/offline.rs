//! The page and its server apart: connection and "saved" state, and reloading.

use anyhow::{Context, Result};

use crate::board_page::{WAIT, js};
use crate::browser::Page;

/// `<body data-connection>` now.
pub async fn connection_state(page: &Page) -> Result<String> {
    Ok(page
        .eval("document.body.dataset.connection ?? ''")
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// `#save-state[data-state]` now (`saved`, `pending`, ...), if shown.
pub async fn save_state(page: &Page) -> Result<Option<String>> {
    Ok(page
        .eval("document.querySelector('#save-state')?.dataset.state ?? null")
        .await?
        .as_str()
        .map(str::to_owned))
}

/// Waits until `#save-state[data-state]` is `state`.
pub async fn wait_save_state(page: &Page, state: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "document.querySelector('#save-state')?.dataset.state === {}",
            js(state)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("#save-state never said {state:?}"))?;
    Ok(())
}

/// Reloads the page as a person pressing F5 would, and waits for the load event
/// (navigating to the same address with a `#fragment` would not reload).
pub async fn reload(page: &Page) -> Result<()> {
    let url = page
        .eval("location.href")
        .await?
        .as_str()
        .context("location.href")?
        .to_owned();
    page.goto("about:blank").await?;
    page.goto(&url).await
}

/// Waits until the service worker controls the page: it has installed, so the page's
/// own files are kept for a load without server.
pub async fn wait_for_service_worker(page: &Page) -> Result<()> {
    page.wait_for("navigator.serviceWorker?.controller != null", WAIT)
        .await
        .context("no service worker took control of the page")?;
    Ok(())
}
