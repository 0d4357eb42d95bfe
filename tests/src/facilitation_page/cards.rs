//! Cards on a facilitated board: what may be written now, whether a text is in a
//! page at all, and the case-holder's triage (labels on questions, "useful" on advice).

use anyhow::{Context, Result, bail};

use crate::board_page::{self, WAIT, js};
use crate::browser::Page;

/// Whether `text` occurs anywhere in what the page renders as text
/// (`document.body.innerText`) or in its markup (`outerHTML`, which also holds hidden
/// elements, attributes and `<template>`s) — the strict "not in the DOM at all" check.
pub async fn text_in_dom(page: &Page, text: &str) -> Result<bool> {
    let found = page
        .eval(&format!(
            "(() => {{ const t = {}; return document.body.innerText.includes(t) \
             || document.documentElement.outerHTML.includes(t); }})()",
            js(text)
        ))
        .await?;
    Ok(found == true)
}

/// Fails when `text` is anywhere in the page's DOM ([`text_in_dom`]), naming the
/// elements that hold it (`tag#id.class`, hidden or not) so the leak is easy to find.
pub async fn ensure_not_in_dom(page: &Page, text: &str, what: &str) -> Result<()> {
    if !text_in_dom(page, text).await? {
        return Ok(());
    }
    let holders = page
        .eval(&format!(
            "(() => {{ const t = {}; const name = e => e.tagName.toLowerCase() + \
             (e.id ? '#' + e.id : '') + \
             (e.classList?.length ? '.' + [...e.classList].join('.') : '') + \
             (e.hidden || e.closest?.('[hidden]') ? ' (hidden)' : '') + \
             (e.getClientRects?.().length === 0 ? ' (not rendered)' : ''); \
             const all = [...document.querySelectorAll('*')].filter(e => \
               [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.includes(t)) \
               || [...e.attributes].some(a => a.value.includes(t))); \
             return all.slice(0, 6).map(e => {{ const path = []; \
               for (let p = e; p && p !== document.body && path.length < 4; p = p.parentElement) \
                 path.unshift(name(p)); return path.join(' > '); }}); }})()",
            js(text)
        ))
        .await?;
    bail!("{what} ({text:?}) is in the page's DOM, in: {holders}")
}

/// Whether the page renders `text` as visible text (`document.body.innerText`).
pub async fn text_visible(page: &Page, text: &str) -> Result<bool> {
    Ok(page
        .eval(&format!("document.body.innerText.includes({})", js(text)))
        .await?
        == true)
}

/// Waits until a card with this text is shown on the page.
pub async fn wait_card(page: &Page, text: &str) -> Result<()> {
    page.wait_for(&format!("!!{}", board_page::card_with_text_js(text)), WAIT)
        .await
        .with_context(|| format!("no card reads {text:?}"))?;
    Ok(())
}

/// The card `card_id` in the view the page shows now: `.card` on the table,
/// `li.list-card` in the list.
pub async fn card_in_view(page: &Page, card_id: &str) -> Result<String> {
    let view = page.eval("document.body.dataset.view ?? 'table'").await?;
    Ok(match view.as_str() {
        Some("list") => format!("li.list-card[data-card-id='{card_id}']"),
        _ => board_page::card_selector(card_id),
    })
}

/// The case-holder labels the question card `card_id` (`button[data-label]` on the
/// card, in the view shown now), and waits until the button says so and the card
/// shows the label (`.card-label[data-label]`).
pub async fn label_question(page: &Page, card_id: &str, label: &str) -> Result<()> {
    let card = card_in_view(page, card_id).await?;
    let button = format!("{card} button[data-label={}]", js(label));
    page.click(&button).await?;
    page.wait_for(
        &format!(
            "(() => {{ const c = document.querySelector({}); \
             return c?.querySelector({})?.getAttribute('aria-pressed') === 'true' \
             && c.querySelector('.card-label')?.dataset.label === {}; }})()",
            js(&card),
            js(&format!("button[data-label={}]", js(label))),
            js(label)
        ),
        WAIT,
    )
    .await
    .with_context(|| {
        format!("card {card_id} does not show the label {label:?} after clicking it")
    })?;
    Ok(())
}

/// Waits until the card shows `label` (`.card-label[data-label]`).
pub async fn wait_label(page: &Page, card_id: &str, label: &str) -> Result<()> {
    let card = board_page::card_selector(card_id);
    let shown = page
        .wait_for(
            &format!(
                "(() => {{ const m = document.querySelector({})?.querySelector('.card-label'); \
                 return !!m && m.dataset.label === {} && !m.hidden; }})()",
                js(&card),
                js(label)
            ),
            WAIT,
        )
        .await;
    if let Err(err) = shown {
        let html = page
            .eval(&format!(
                "document.querySelector({})?.outerHTML ?? 'no such card'",
                js(&card)
            ))
            .await?;
        return Err(err.context(format!(
            "card {card_id} does not show the label {label:?}; it is {html}"
        )));
    }
    Ok(())
}

/// The case-holder marks the advice card `card_id` useful (`button.card-useful`, in
/// the view shown now), and waits until the button says so (`aria-pressed="true"`).
pub async fn mark_useful(page: &Page, card_id: &str) -> Result<()> {
    let card = card_in_view(page, card_id).await?;
    let button = format!("{card} button.card-useful");
    page.click(&button).await?;
    page.wait_for(
        &format!(
            "document.querySelector({})?.getAttribute('aria-pressed') === 'true'",
            js(&button)
        ),
        WAIT,
    )
    .await
    .context("the useful button is not pressed after clicking it")?;
    Ok(())
}

/// Waits until the card shows the useful mark (`.card-useful-mark`, rendered).
pub async fn wait_useful_mark(page: &Page, card_id: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "(() => {{ const m = document.querySelector({})?.querySelector('.card-useful-mark'); \
             return !!m && m.getClientRects().length > 0 && !m.hidden; }})()",
            js(&board_page::card_selector(card_id))
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("card {card_id} does not show the useful mark"))?;
    Ok(())
}

/// How many triage controls (label buttons, useful buttons) the page offers that a
/// person could use: present, rendered and enabled.
pub async fn triage_controls(page: &Page) -> Result<u64> {
    page.eval(
        "[...document.querySelectorAll('button[data-label], button.card-useful')] \
         .filter(b => b.getClientRects().length > 0 && !b.disabled).length",
    )
    .await?
    .as_u64()
    .context("a count")
}
