//! Checks of the table's drawing from the page's own geometry (getBoundingClientRect
//! and elementFromPoint): nothing covers a card's text or a seat's name, every card is
//! on the table or counted on a chip. Each check returns what is wrong, so a test can
//! say all of it at once.

use anyhow::{Context, Result};
use serde_json::Value;

use crate::board_page::js;
use crate::browser::Page;

/// The points of a box that must show the box itself, as fractions of its size: the
/// middle, and near each corner of where the text is.
const PROBES: &str =
    "[[0.5, 0.5], [0.12, 0.3], [0.88, 0.3], [0.12, 0.8], [0.88, 0.8], [0.5, 0.15]]";

/// Every visible card whose box is covered at one of the probe points by anything
/// that is not the card itself (or inside it); and how many cards were checked.
pub async fn covered_cards(page: &Page) -> Result<(u64, Vec<String>)> {
    let value = page
        .eval(&format!(
            "(() => {{ const probes = {PROBES}; const problems = []; let checked = 0; \
             for (const c of document.querySelectorAll('#board .card')) {{ \
               if (c.hidden || c.getClientRects().length === 0) continue; \
               c.scrollIntoView({{ block: 'nearest', inline: 'nearest' }}); \
               const r = c.getBoundingClientRect(); checked++; \
               for (const [fx, fy] of probes) {{ \
                 const x = r.left + r.width * fx, y = r.top + r.height * fy; \
                 const hit = document.elementFromPoint(x, y); \
                 if (!hit || !(hit === c || c.contains(hit))) {{ \
                   const what = hit ? hit.tagName.toLowerCase() + '.' + (hit.getAttribute('class') || '') \
                     + (hit.closest('.card') ? ' of ' + hit.closest('.card').dataset.cardId : '') : 'nothing'; \
                   problems.push('card ' + c.dataset.cardId + ' at (' + fx + ',' + fy + ') shows ' + what); break; }} \
               }} }} \
             return [checked, problems]; }})()"
        ))
        .await?;
    let checked = value[0].as_u64().context("cards checked")?;
    Ok((checked, strings(&value[1])))
}

/// Every seat whose name label is covered, or that is not where a click lands, and
/// a hot-seat badge its words run out of or are squeezed into.
pub async fn covered_seats(page: &Page) -> Result<(u64, Vec<String>)> {
    let value = page
        .eval(&format!(
            "(() => {{ const probes = {PROBES}; const problems = []; let checked = 0; \
             for (const s of document.querySelectorAll('g.seat')) {{ \
               const label = s.querySelector('.seat-body'); \
               label.scrollIntoView({{ block: 'nearest', inline: 'nearest' }}); \
               const r = label.getBoundingClientRect(); checked++; \
               const t = s.querySelector('.seat-target').getBoundingClientRect(); \
               if (t.width < 24 || t.height < 24) problems.push('seat ' + s.dataset.seat + ' target is ' + t.width + 'x' + t.height); \
               const hot = s.querySelector('.seat-hot-label'); \
               if (s.dataset.hot === 'true' && hot) {{ \
                 const b = s.querySelector('.seat-hot-badge').getBoundingClientRect(); \
                 const w = hot.getBoundingClientRect(); \
                 if (hot.hasAttribute('textLength') || w.left < b.left - 0.5 || w.right > b.right + 0.5) \
                   problems.push('seat ' + s.dataset.seat + ' hot-seat badge does not fit its words'); }} \
               const name = s.querySelector('.seat-name').getBoundingClientRect(); \
               if (name.left < r.left - 1 || name.right > r.right + 1) \
                 problems.push('seat ' + s.dataset.seat + ' name runs out of its label'); \
               for (const [fx, fy] of probes) {{ \
                 const x = r.left + r.width * fx, y = r.top + r.height * fy; \
                 const hit = document.elementFromPoint(x, y); \
                 if (!hit || !s.contains(hit)) {{ \
                   problems.push('seat ' + s.dataset.seat + ' at (' + fx + ',' + fy + ') shows ' + \
                     (hit ? hit.tagName.toLowerCase() + '.' + (hit.getAttribute('class') || '') : 'nothing')); break; }} \
               }} }} \
             return [checked, problems]; }})()"
        ))
        .await?;
    let checked = value[0].as_u64().context("seats checked")?;
    Ok((checked, strings(&value[1])))
}

/// Every visible card whose kind icon overlaps the first line of its text (the text
/// must start after the icon, at every size); and how many cards were checked.
pub async fn icons_over_text(page: &Page) -> Result<(u64, Vec<String>)> {
    let value = page
        .eval(
            "(() => { const problems = []; let checked = 0; \
             for (const c of document.querySelectorAll('#board .card')) { \
               if (c.hidden || c.getClientRects().length === 0) continue; \
               const icon = c.querySelector('.card-icon'), text = c.querySelector('.card-text'); \
               if (!icon || !text || !text.firstChild) continue; \
               const range = document.createRange(); range.selectNodeContents(text); \
               const line = range.getClientRects()[0]; const i = icon.getBoundingClientRect(); \
               if (!line || i.width === 0) continue; checked++; \
               const apart = i.right <= line.left + 0.5 || line.right <= i.left + 0.5 \
                 || i.bottom <= line.top + 0.5 || line.bottom <= i.top + 0.5; \
               if (!apart) problems.push('card ' + c.dataset.cardId + ' (' + c.dataset.size + '): icon ' \
                 + [i.left, i.top, i.right, i.bottom].map(Math.round) + ' over its text ' \
                 + [line.left, line.top, line.right, line.bottom].map(Math.round)); } \
             return [checked, problems]; })()",
        )
        .await?;
    let checked = value[0].as_u64().context("cards checked")?;
    Ok((checked, strings(&value[1])))
}

/// What of the case in the table's centre can be read: whether the centre shows a
/// case card large, and how many lines of its text are in sight (all of them when the
/// whole text shows). Errors when the centre shows no case.
pub async fn centre_case_lines(page: &Page) -> Result<(u64, bool)> {
    let value = page
        .eval(
            "(() => { const c = document.querySelector('#board .card[data-place=\"centre\"][data-kind=\"case\"]'); \
             if (!c || c.hidden || c.getClientRects().length === 0) return null; \
             const t = c.querySelector('.card-text'); const box = c.getBoundingClientRect(); \
             const r = t.getBoundingClientRect(); const lh = parseFloat(getComputedStyle(t).lineHeight); \
             const seen = Math.min(r.bottom, box.bottom) - r.top; \
             const whole = t.scrollHeight <= t.clientHeight + 1 && r.bottom <= box.bottom + 1; \
             return [c.dataset.size, Math.floor((seen + 1) / lh), whole]; })()",
        )
        .await?;
    anyhow::ensure!(!value.is_null(), "the centre shows no case card");
    anyhow::ensure!(
        value[0].as_str() == Some("centre"),
        "the case in the centre is drawn {} (not large)",
        value[0]
    );
    Ok((
        value[1].as_u64().context("lines")?,
        value[2].as_bool().unwrap_or(false),
    ))
}

/// The places whose newest card of `ids` (the current round's, in the order they were
/// written) is not drawn large: those seats' current question cannot be read from
/// their place.
pub async fn places_without_a_large_newest(page: &Page, ids: &[String]) -> Result<Vec<String>> {
    let ids = Value::from(ids.to_vec()).to_string();
    let value = page
        .eval(&format!(
            "(() => {{ const newest = {{}}; \
             for (const id of {ids}) {{ \
               const c = document.querySelector('#board .card[data-card-id=\"' + id + '\"]'); \
               if (c) newest[c.dataset.place] = c; }} \
             return Object.entries(newest).filter(([, c]) => c.hidden || c.dataset.size !== 'large') \
               .map(([place, c]) => place + ': ' + (c.hidden ? 'hidden' : c.dataset.size)); }})()"
        ))
        .await?;
    Ok(strings(&value))
}

/// Cards of `ids` that are neither drawn nor counted: per place, the hidden ones must
/// be exactly as many as its "+N" chip says.
pub async fn unaccounted_cards(page: &Page, ids: &[String]) -> Result<Vec<String>> {
    let ids = Value::from(ids.to_vec()).to_string();
    let value = page
        .eval(&format!(
            "(() => {{ const ids = {ids}; const problems = []; const hidden = {{}}; \
             for (const id of ids) {{ \
               const c = document.querySelector('#board .card[data-card-id=\"' + id + '\"]'); \
               if (!c) {{ problems.push('card ' + id + ' is not on the page'); continue; }} \
               if (c.hidden) hidden[c.dataset.place] = (hidden[c.dataset.place] || 0) + 1; }} \
             for (const [place, n] of Object.entries(hidden)) {{ \
               const chip = document.querySelector('button.chip[data-chip=\"more\"][data-place=\"' + place + '\"]'); \
               const counted = chip ? Number(chip.dataset.count) : 0; \
               if (counted < n) problems.push(place + ': ' + n + ' current cards hidden, the +N chip counts ' + counted); }} \
             return problems; }})()"
        ))
        .await?;
    Ok(strings(&value))
}

/// Presses the first chip matching `selector` and returns how many cards it says it
/// stands for and how many its list shows; Escape closes the list again.
pub async fn open_chip(page: &Page, selector: &str) -> Result<(u64, u64)> {
    let count = page
        .eval(&format!(
            "Number(document.querySelector({})?.dataset.count ?? -1)",
            js(selector)
        ))
        .await?
        .as_i64()
        .context("chip count")?;
    anyhow::ensure!(count > 0, "no chip {selector}");
    page.click(selector).await?;
    let listed = page
        .wait_for(
            "(() => { const d = document.querySelector('#place-dialog'); \
             return d && d.isConnected ? document.querySelectorAll('#place-list li.place-card').length : null; })()",
            crate::board_page::WAIT,
        )
        .await
        .context("the chip opened no list")?;
    Ok((count as u64, listed.as_u64().unwrap_or(0)))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
