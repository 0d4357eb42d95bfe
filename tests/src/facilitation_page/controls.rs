//! The facilitator's controls outside the phase bar — the board's switches
//! (`#lock-board`, `#hide-names`, `#participants-export`), "People & links"
//! (`#links-panel`), the page's own confirmation dialog (`#confirm-dialog`), the
//! harvest panel's export buttons and deleting the session — what the other pages
//! show of them, and what the server stored.

use anyhow::{Context, Result, bail, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::facilitation::{Facilitation, read_facilitation};
use ovaal_shared::board::new_doc;
use serde::Deserialize;

use crate::ProtocolClient;
use crate::board_page::{WAIT, js, replace_text};
use crate::browser::Page;

// ---------------------------------------------------------------------------------
// Switches and the stored control document

/// Sets one of the facilitator panel's switches (`#lock-board`, `#hide-names`,
/// `#participants-export`) as a person would: clicks the checkbox when it is not
/// already `on`, then waits until it says so.
pub async fn set_switch(facilitator: &Page, switch: &str, on: bool) -> Result<()> {
    let checked = format!("document.querySelector({})?.checked", js(switch));
    facilitator
        .wait_for(&format!("typeof {checked} === 'boolean'"), WAIT)
        .await
        .with_context(|| format!("the facilitator's page has no switch {switch}"))?;
    if facilitator.eval(&checked).await? != on {
        facilitator.click(switch).await?;
    }
    facilitator
        .wait_for(&format!("{checked} === {on}"), WAIT)
        .await
        .with_context(|| format!("{switch} is not {} after clicking it", on_off(on)))?;
    Ok(())
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

/// What a protocol client holds of the facilitator's state (the control document;
/// an empty one until it arrived).
pub fn facilitation_of(client: &ProtocolClient) -> Facilitation {
    client
        .docs
        .get(&DocName::Control)
        .map(read_facilitation)
        .unwrap_or_else(|| read_facilitation(&new_doc()))
}

/// Waits until the control document a protocol client got from the server satisfies
/// `accept`, and returns it; at the deadline fails with what the server sent.
pub async fn stored_facilitation(
    client: &mut ProtocolClient,
    what: &str,
    accept: impl Fn(&Facilitation) -> bool,
) -> Result<Facilitation> {
    let waited = client
        .wait_until(what, |c| accept(&facilitation_of(c)))
        .await;
    if let Err(err) = waited {
        let now = facilitation_of(client);
        return Err(err.context(format!(
            "the server's control document says: phase {:?}, timer {:?}, locked {}, \
             hide_names {}, participants_export {}, ended {}",
            now.phase, now.timer, now.locked, now.hide_names, now.participants_export, now.ended
        )));
    }
    Ok(facilitation_of(client))
}

// ---------------------------------------------------------------------------------
// The confirmation dialog

/// Answers the page's own confirmation dialog: waits for `#confirm-dialog`, types
/// `typed` into `#confirm-typed` when given (deleting asks for the session's title),
/// presses `#confirm-yes` and waits until the dialog has closed. Returns what it
/// asked (`#confirm-text`).
pub async fn confirm(page: &Page, typed: Option<&str>) -> Result<String> {
    let question = wait_confirm_dialog(page).await?;
    if let Some(text) = typed {
        replace_text(page, "#confirm-typed", text).await?;
    }
    page.click("#confirm-yes").await?;
    page.wait_for(
        "!document.querySelector('#confirm-dialog')?.isConnected",
        WAIT,
    )
    .await
    .context("#confirm-dialog stays open after #confirm-yes")?;
    Ok(question)
}

/// Waits until `#confirm-dialog` is shown with a question; returns the question.
pub async fn wait_confirm_dialog(page: &Page) -> Result<String> {
    let question = page
        .wait_for(
            "(() => { const d = document.querySelector('#confirm-dialog'); \
             const t = document.querySelector('#confirm-text')?.textContent.trim(); \
             return d && d.getClientRects().length > 0 && t ? t : null; })()",
            WAIT,
        )
        .await
        .context("no #confirm-dialog asked anything")?;
    Ok(question.as_str().unwrap_or_default().to_owned())
}

// ---------------------------------------------------------------------------------
// People & links

/// One row of the facilitator's link list (`li.link-row`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LinkRow {
    pub id: String,
    pub role: String,
    pub label: String,
    /// It has a rendered `button.link-revoke` (the page's own link has none).
    pub revocable: bool,
}

const LINK_ROWS_JS: &str = "[...document.querySelectorAll('#links-panel li.link-row')].map(r => \
     ({ id: r.dataset.linkId, role: r.dataset.role, label: r.dataset.label, \
        revocable: !!r.querySelector('button.link-revoke') \
          && r.querySelector('button.link-revoke').getClientRects().length > 0 }))";

/// The links the facilitator's page lists now.
pub async fn link_rows(page: &Page) -> Result<Vec<LinkRow>> {
    let value = page.eval(LINK_ROWS_JS).await?;
    Ok(serde_json::from_value(value)?)
}

/// Makes a link with "People & links": chooses `role` in `#link-create-role`, types
/// `label`, presses `#link-create`; waits until `#link-created` shows the new link
/// and the list has a row for it. Returns the link and its row.
pub async fn create_link(page: &Page, role: &str, label: &str) -> Result<(String, LinkRow)> {
    let before = page
        .eval("document.querySelector('#link-created')?.textContent ?? ''")
        .await?;
    let chosen = page
        .wait_for(
            &format!(
                "(() => {{ const s = document.querySelector('#link-create-role'); \
                 if (!s) return null; s.value = {role}; \
                 s.dispatchEvent(new Event('change', {{ bubbles: true }})); \
                 return [s.value, [...s.options].map(o => o.value)]; }})()",
                role = js(role)
            ),
            WAIT,
        )
        .await
        .context("the facilitator's page has no #link-create-role")?;
    ensure!(
        chosen[0] == role,
        "#link-create-role does not offer {role:?}; it offers {}",
        chosen[1]
    );
    replace_text(page, "#link-create-label", label).await?;
    page.click("#link-create").await?;
    let link = page
        .wait_for(
            &format!(
                "(() => {{ const box = document.querySelector('#link-created'); \
                 const l = box?.textContent.trim(); \
                 return l && l !== {} && l.includes('#token=') \
                   && box.getClientRects().length > 0 ? l : null; }})()",
                js(before.as_str().unwrap_or_default().trim())
            ),
            WAIT,
        )
        .await
        .context("#link-created shows no new link")?;
    let row = page
        .wait_for(
            &format!(
                "{LINK_ROWS_JS}.find(r => r.role === {} && r.label === {}) ?? null",
                js(role),
                js(label)
            ),
            WAIT,
        )
        .await;
    let row = match row {
        Ok(row) => row,
        Err(err) => {
            let rows = link_rows(page).await?;
            return Err(err.context(format!(
                "the link list has no {role} link labelled {label:?}; it lists {rows:?}"
            )));
        }
    };
    Ok((
        link.as_str().unwrap_or_default().to_owned(),
        serde_json::from_value(row)?,
    ))
}

/// Revokes a link from the list (`button.link-revoke`, confirmed in the page's dialog);
/// waits until its row is gone. Returns what the dialog asked.
pub async fn revoke_link(page: &Page, link_id: &str) -> Result<String> {
    let row = format!("#links-panel li.link-row[data-link-id={}]", js(link_id));
    page.click(&format!("{row} button.link-revoke")).await?;
    let question = confirm(page, None).await?;
    page.wait_for(&format!("!document.querySelector({})", js(&row)), WAIT)
        .await
        .with_context(|| format!("the revoked link {link_id} is still listed"))?;
    Ok(question)
}

/// Removes a person from the session with their `button.remove-participant` in
/// `#people-list`, confirmed in the page's dialog. Returns what the dialog asked.
pub async fn remove_person(page: &Page, participant: &str) -> Result<String> {
    page.click(&format!(
        "#people-list button.remove-participant[data-participant={}]",
        js(participant)
    ))
    .await?;
    confirm(page, None).await
}

/// The participant ids `#presence-list` shows as here now.
pub async fn presence_ids(page: &Page) -> Result<Vec<String>> {
    let value = page
        .eval(
            "[...document.querySelectorAll('#presence-list li.presence-item[data-participant]')] \
             .map(li => li.dataset.participant)",
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until the page has given up on its connection (`body[data-connection=failed]`)
/// and `#connection-pill` says why; returns what it says.
pub async fn connection_failed(page: &Page) -> Result<String> {
    let said = page
        .wait_for(
            "(() => { const p = document.querySelector('#connection-pill'); \
             const t = p?.textContent.trim(); \
             return document.body.dataset.connection === 'failed' \
               && p.dataset.state === 'failed' && t ? t : null; })()",
            WAIT,
        )
        .await;
    match said {
        Ok(text) => Ok(text.as_str().unwrap_or_default().to_owned()),
        Err(err) => {
            let now = page
                .eval(
                    "[document.body.dataset.connection, \
                     document.querySelector('#connection-pill')?.textContent ?? null]",
                )
                .await?;
            Err(err.context(format!(
                "the page did not give up its connection; [data-connection, pill] = {now}"
            )))
        }
    }
}

// ---------------------------------------------------------------------------------
// The harvest panel and deleting

/// The export buttons the page offers now (`#harvest-panel button[data-format]`,
/// rendered), by id.
pub async fn export_buttons(page: &Page) -> Result<Vec<String>> {
    let value = page
        .eval(
            "[...document.querySelectorAll('#harvest-panel button[data-format]')] \
             .filter(b => b.getClientRects().length > 0 && !b.disabled).map(b => b.id)",
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until the page offers exactly the export buttons `expected` (ids, in page
/// order).
pub async fn wait_export_buttons(page: &Page, expected: &[&str]) -> Result<()> {
    let wanted = serde_json::to_string(expected)?;
    let waited = page
        .wait_for(
            &format!(
                "JSON.stringify([...document.querySelectorAll('#harvest-panel button[data-format]')] \
                 .filter(b => b.getClientRects().length > 0 && !b.disabled).map(b => b.id)) \
                 === {}",
                js(&wanted)
            ),
            WAIT,
        )
        .await;
    if let Err(err) = waited {
        let now = export_buttons(page).await?;
        return Err(err.context(format!(
            "the page offers the export buttons {now:?}, not {expected:?}"
        )));
    }
    Ok(())
}

/// Waits until the page shows only the "session deleted" message
/// (`body[data-page=deleted]`, `#page-message`) and holds no board any more; returns
/// the message.
pub async fn wait_deleted(page: &Page) -> Result<String> {
    let message = page
        .wait_for(
            "(() => { const m = document.querySelector('#page-message'); \
             const t = m?.textContent.trim(); \
             return document.body.dataset.page === 'deleted' && t \
               && m.getClientRects().length > 0 ? t : null; })()",
            WAIT,
        )
        .await;
    let message = match message {
        Ok(message) => message.as_str().unwrap_or_default().to_owned(),
        Err(err) => {
            let now = page
                .eval(
                    "[document.body.dataset.page ?? null, \
                     document.querySelector('#page-message')?.textContent ?? null, \
                     document.body.dataset.connection ?? null]",
                )
                .await?;
            return Err(err.context(format!(
                "the page does not show the deleted message; [data-page, #page-message, \
                 data-connection] = {now}"
            )));
        }
    };
    let leftovers = page
        .eval(
            "[...document.querySelectorAll('#board, .card, #card-text, #phase-panel, \
             #facilitator-panel, #harvest-panel')].map(e => e.id || e.className)",
        )
        .await?;
    if leftovers.as_array().is_some_and(|a| !a.is_empty()) {
        bail!("the deleted page still holds parts of the board: {leftovers}");
    }
    Ok(message)
}

// ---------------------------------------------------------------------------------
// Bylines

/// The byline a card shows on the table (`.card-author`, rendered and not empty), or
/// `None` when it shows none. A small card draws one line of text only and keeps its
/// byline in the page unrendered (its seat says whose it is); there the text counts.
pub async fn byline(page: &Page, card_id: &str) -> Result<Option<String>> {
    Ok(page
        .eval(&format!(
            "(() => {{ const c = document.querySelector({}); \
             const a = c?.querySelector('.card-author'); \
             const t = a?.textContent.trim(); \
             const small = c?.dataset.size === 'small'; \
             return a && t && (small || a.getClientRects().length > 0) && !a.closest('[hidden]') \
               ? t : null; }})()",
            js(&crate::board_page::card_selector(card_id))
        ))
        .await?
        .as_str()
        .map(str::to_owned))
}

/// Waits until the card shows a byline for which `accept` holds (`None`: no byline);
/// returns it.
pub async fn wait_byline(
    page: &Page,
    card_id: &str,
    what: &str,
    accept: impl Fn(Option<&str>) -> bool,
) -> Result<Option<String>> {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let now = byline(page, card_id).await?;
        if accept(now.as_deref()) {
            return Ok(now);
        }
        if std::time::Instant::now() >= deadline {
            bail!("card {card_id} never showed {what}; its byline is {now:?}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Waits until `#presence-list` lists `participant` as here (`here`) or not.
pub async fn wait_presence(page: &Page, participant: &str, here: bool) -> Result<()> {
    let listed = format!(
        "[...document.querySelectorAll('#presence-list li.presence-item')] \
         .some(li => li.dataset.participant === {})",
        js(participant)
    );
    let condition = if here { listed } else { format!("!{listed}") };
    if let Err(err) = page.wait_for(&condition, WAIT).await {
        let now = presence_ids(page).await?;
        return Err(err.context(format!(
            "\"who's here\" never {} {participant}; it lists {now:?}",
            if here { "listed" } else { "dropped" }
        )));
    }
    Ok(())
}

/// The keys of the page's local copy of the board (IndexedDB `ovaal` → `docs`) that
/// belong to `session` (`{session}/{participant}/…`).
pub async fn local_copy_keys(page: &Page, session: &str) -> Result<Vec<String>> {
    let value = page
        .eval(&format!(
            "new Promise((resolve, reject) => {{ \
               const open = indexedDB.open('ovaal'); \
               open.onerror = () => reject(open.error); \
               open.onsuccess = () => {{ \
                 const db = open.result; \
                 if (!db.objectStoreNames.contains('docs')) {{ db.close(); resolve([]); return; }} \
                 const keys = db.transaction('docs').objectStore('docs').getAllKeys(); \
                 keys.onerror = () => reject(keys.error); \
                 keys.onsuccess = () => {{ db.close(); \
                   resolve(keys.result.map(String).filter(k => k.startsWith({} + '/'))); }}; \
               }}; \
             }})",
            js(session)
        ))
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until the page's local copy holds something of `session` (`present`) or
/// nothing; returns the keys it holds then.
pub async fn wait_local_copy(page: &Page, session: &str, present: bool) -> Result<Vec<String>> {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let keys = local_copy_keys(page, session).await?;
        if keys.is_empty() != present {
            return Ok(keys);
        }
        if std::time::Instant::now() >= deadline {
            bail!(
                "the page's local copy of {session} {}: {keys:?}",
                if present {
                    "stays empty"
                } else {
                    "is not cleared"
                }
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
