//! Links a page shows (after creating a session, importing one, or starting the next
//! one) and the session they lead to.

use anyhow::{Context, Result};

use crate::board_page::{WAIT, js};
use crate::browser::Page;

/// Waits until the element `selector` shows a board link (one with `#token=`) and
/// returns it.
pub async fn shown_link(page: &Page, selector: &str) -> Result<String> {
    let link = page
        .wait_for(
            &format!(
                "(() => {{ const l = document.querySelector({})?.textContent.trim(); \
                 return l && l.includes('#token=') ? l : null; }})()",
                js(selector)
            ),
            WAIT,
        )
        .await
        .with_context(|| format!("{selector} shows no link to a board"))?;
    Ok(link.as_str().unwrap_or_default().to_owned())
}

/// The session id in a board link (`…/s/{id}#token=…`).
pub fn session_in_link(link: &str) -> Result<String> {
    Ok(link
        .split("/s/")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .with_context(|| format!("no session id in {link:?}"))?
        .to_owned())
}
