//! Helpers for browser tests of the board page: joining, writing, finding and reading
//! cards, keys with modifiers, layout checks. They use the DOM hooks the web client
//! documents (`#join-name`, `g.seat[data-seat]`, `.card[data-card-id]`, ...), so a test
//! reads as what a person does, and a missing hook fails with the selector it waited for.
//!
//! Every wait has a deadline ([`WAIT`]); nothing sleeps.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use serde_json::{Value, json};

use crate::browser::Page;
use crate::server::web_dist;

/// How long a browser condition may take. Generous for slow CI machines; a passing
/// test never waits this long.
pub const WAIT: Duration = Duration::from_secs(20);

/// A path in `tests/artifacts/` (gitignored) for screenshots a test leaves behind.
pub fn artifact(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts")
        .join(name)
}

/// Fails with the fix when the web client has not been built.
pub fn require_client() -> Result<()> {
    let index = web_dist().join("index.html");
    ensure!(
        index.exists(),
        "the web client is not built ({} is missing): run `cargo xtask build-web`, \
         or run the tests with `cargo xtask test`",
        index.display()
    );
    Ok(())
}

/// A selector or text as a JavaScript string literal (JSON strings are valid JS).
pub fn js(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

/// Opens a link and waits for the board to be connected and asking for a name.
pub async fn open_join_screen(page: &Page, url: &str) -> Result<()> {
    page.goto(url).await?;
    page.wait_for("document.body.dataset.connection === 'connected'", WAIT)
        .await
        .context("the board did not connect")?;
    page.wait_for("!!document.querySelector('#join-name')", WAIT)
        .await
        .context("no join screen")?;
    Ok(())
}

/// Opens a link, enters a name on the join screen (remote) and, when `seat` is given,
/// takes that seat, waiting until the seat shows a holder.
pub async fn join(page: &Page, url: &str, name: &str, seat: Option<u32>) -> Result<()> {
    open_join_screen(page, url).await?;
    fill_join_form(page, name).await?;
    if let Some(seat) = seat {
        take_seat(page, seat).await?;
    }
    Ok(())
}

/// Fills in the join screen that is showing and waits until it is gone.
pub async fn fill_join_form(page: &Page, name: &str) -> Result<()> {
    page.type_text("#join-name", name).await?;
    page.click("input[name=location][value=remote]").await?;
    page.click("#join-submit").await?;
    page.wait_for("!document.querySelector('#join-name')", WAIT)
        .await
        .context("the join screen did not close")?;
    Ok(())
}

/// Takes a seat as the current view offers it: the seat on the table, or the list
/// view's "take this seat" button (phones start in the list); waits until the seat
/// shows a holder.
pub async fn take_seat(page: &Page, seat: u32) -> Result<()> {
    let selector = seat_selector(seat);
    let on_table = page
        .eval(&format!(
            "(() => {{ const s = document.querySelector({}); \
             return !!s && s.getBoundingClientRect().width > 0; }})()",
            js(&selector)
        ))
        .await?;
    if on_table == true {
        // The seat is offered once this person's profile is in (the join dialog
        // closes first); a press before that would be a click on a free seat nobody
        // may take.
        page.wait_for(
            &format!(
                "!!document.querySelector({})?.classList.contains('clickable')",
                js(&selector)
            ),
            WAIT,
        )
        .await
        .with_context(|| format!("seat {seat} was not offered"))?;
        page.click(&selector).await?;
    } else {
        page.click(&format!(".list-take-seat[data-seat='{seat}']"))
            .await?;
    }
    page.wait_for(
        &format!(
            "!!document.querySelector({})?.dataset.holder",
            js(&selector)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("seat {seat} did not get a holder"))?;
    Ok(())
}

/// Whether the first element matching `selector` is rendered (has a layout box).
pub async fn is_visible(page: &Page, selector: &str) -> Result<bool> {
    Ok(page
        .eval(&format!(
            "(() => {{ const e = document.querySelector({}); \
             return !!e && e.getClientRects().length > 0; }})()",
            js(selector)
        ))
        .await?
        == true)
}

pub fn seat_selector(seat: u32) -> String {
    format!("g.seat[data-seat='{seat}']")
}

/// Opens the form if needed (`#compose-open` on phones), chooses a card kind in
/// `#card-kind`, types `text`, clicks Add, and returns the new
/// card's id once it is on this page's board.
pub async fn add_card(page: &Page, kind: &str, text: &str) -> Result<String> {
    // On a phone the form opens from a "write a card" button.
    if !is_visible(page, "#card-text").await? && is_visible(page, "#compose-open").await? {
        page.click("#compose-open").await?;
    }
    let chosen = page
        .eval(&format!(
            "(() => {{ const s = document.querySelector('#card-kind'); s.value = {kind}; \
             s.dispatchEvent(new Event('change', {{ bubbles: true }})); \
             return [s.value, [...s.options].map(o => o.value)]; }})()",
            kind = js(kind)
        ))
        .await?;
    ensure!(
        chosen[0] == kind,
        "the form does not offer the kind {kind:?} now; it offers {}",
        chosen[1]
    );
    page.type_text("#card-text", text).await?;
    page.click("#card-add").await?;
    card_id(page, text)
        .await
        .with_context(|| format!("the new card {text:?} did not appear"))
}

/// A JavaScript expression for the first `.card` whose `.card-text` is `text`, or null.
pub fn card_with_text_js(text: &str) -> String {
    format!(
        "[...document.querySelectorAll('.card')].find(c => \
         c.querySelector('.card-text')?.textContent === {text})",
        text = js(text)
    )
}

/// Waits for a card with this text and returns its `data-card-id`.
pub async fn card_id(page: &Page, text: &str) -> Result<String> {
    let id = page
        .wait_for(
            &format!("{}?.dataset.cardId ?? null", card_with_text_js(text)),
            WAIT,
        )
        .await?;
    id.as_str()
        .map(str::to_owned)
        .context("data-card-id is not a string")
}

pub fn card_selector(id: &str) -> String {
    format!(".card[data-card-id='{id}']")
}

/// A JavaScript expression: `[x, y]` of the card's middle in CSS px of the board (the
/// box the table's layout gave it), or null while it is not on the page. Equal pages
/// of equal size draw equal boards, so the numbers compare across them.
pub fn card_position_js(id: &str) -> String {
    format!(
        "(() => {{ const c = document.querySelector({sel}); \
         return c && !c.hidden && c.style.left ? [parseFloat(c.style.left) + c.offsetWidth / 2, \
         parseFloat(c.style.top) + c.offsetHeight / 2] : null; }})()",
        sel = js(&card_selector(id))
    )
}

/// The card's middle in CSS px of the board, once it is drawn.
pub async fn card_position(page: &Page, id: &str) -> Result<(f64, f64)> {
    let value = page.wait_for(&card_position_js(id), WAIT).await?;
    pair(&value)
}

/// Waits until the card is drawn at `at` (within 1 px) on this page.
pub async fn wait_card_at(page: &Page, id: &str, at: (f64, f64)) -> Result<()> {
    page.wait_for(
        &format!(
            "(() => {{ const p = {}; return !!p && Math.abs(p[0] - {}) < 1 && \
             Math.abs(p[1] - {}) < 1; }})()",
            card_position_js(id),
            at.0,
            at.1
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("card {id} did not arrive at {at:?}"))?;
    Ok(())
}

/// Waits until the card is drawn more than `min` px away from `from`, and returns
/// where.
pub async fn wait_card_moved(
    page: &Page,
    id: &str,
    from: (f64, f64),
    min: f64,
) -> Result<(f64, f64)> {
    let value = page
        .wait_for(
            &format!(
                "(() => {{ const p = {}; return p && Math.hypot(p[0] - {}, p[1] - {}) > {} \
                 ? p : null; }})()",
                card_position_js(id),
                from.0,
                from.1,
                min
            ),
            WAIT,
        )
        .await
        .with_context(|| format!("card {id} did not move away from {from:?}"))?;
    pair(&value)
}

/// A JavaScript expression: the card's place as the table draws it (`centre`,
/// `seat:<n>`), or null while the card is not on the page.
pub fn card_place_js(id: &str) -> String {
    format!(
        "(() => {{ const c = document.querySelector({sel}); \
         return c && c.dataset.place ? c.dataset.place : null; }})()",
        sel = js(&card_selector(id))
    )
}

/// The card's place, once it is on the page.
pub async fn card_place(page: &Page, id: &str) -> Result<String> {
    let value = page.wait_for(&card_place_js(id), WAIT).await?;
    Ok(value.as_str().context("a place")?.to_owned())
}

/// Waits until the card lies in `place` on this page.
pub async fn wait_card_in(page: &Page, id: &str, place: &str) -> Result<()> {
    page.wait_for(&format!("{} === {}", card_place_js(id), js(place)), WAIT)
        .await
        .with_context(|| format!("card {id} did not arrive in {place}"))?;
    Ok(())
}

/// The place ← (`forward` false) or → (`forward` true) on a focused card moves it to:
/// the centre, then the seats clockwise, round again, as the web client documents.
pub fn step_place(place: &str, seats: u32, forward: bool) -> String {
    let len = seats.max(1) + 1;
    let index = match place.strip_prefix("seat:") {
        Some(n) => n.parse::<u32>().map_or(0, |n| n.min(len - 2) + 1),
        None => 0,
    };
    let next = if forward {
        (index + 1) % len
    } else {
        (index + len - 1) % len
    };
    if next == 0 {
        "centre".to_owned()
    } else {
        format!("seat:{}", next - 1)
    }
}

/// The pointer movement (CSS px) that takes a card's middle onto seat `seat`'s label.
pub async fn delta_to_seat(page: &Page, id: &str, seat: u32) -> Result<(f64, f64)> {
    let delta = page
        .eval(&format!(
            "(() => {{ const c = document.querySelector({card}).getBoundingClientRect(); \
             const s = document.querySelector({seat}).getBoundingClientRect(); \
             return [s.left + s.width / 2 - (c.left + c.width / 2), \
                     s.top + s.height / 2 - (c.top + c.height / 2)]; }})()",
            card = js(&card_selector(id)),
            seat = js(&format!("{} .seat-body", seat_selector(seat)))
        ))
        .await?;
    pair(&delta)
}

/// Drags a card by the pointer onto seat `seat`'s label.
pub async fn drag_to_seat(page: &Page, id: &str, seat: u32) -> Result<()> {
    let (dx, dy) = delta_to_seat(page, id, seat).await?;
    page.drag(&card_selector(id), dx, dy).await
}

/// Clicks one of a card's tools (`edit`, `delete`, `move`): first the card, as a
/// person does, because a small card shows its tools only while it has the focus.
/// (Several pages share one headless browser, and only a page that counts as focused
/// matches `:focus-within`, hence the focus emulation.)
pub async fn click_card_tool(page: &Page, id: &str, tool: &str) -> Result<()> {
    page.call(
        "Emulation.setFocusEmulationEnabled",
        json!({ "enabled": true }),
    )
    .await?;
    page.eval(&format!(
        "document.querySelector({})?.focus()",
        js(&card_selector(id))
    ))
    .await?;
    page.click(&format!("{} .card-{tool}", card_selector(id)))
        .await
}

/// Edits a card as its author does: the pencil opens its text, the whole text is
/// replaced by `text`, Save writes it. Returns once Save is pressed; wait for the text
/// where it should show ([`wait_card_text`]).
pub async fn edit_card_text(page: &Page, id: &str, text: &str) -> Result<()> {
    click_card_tool(page, id, "edit").await?;
    replace_text(
        page,
        &format!("{} .card-edit-text", card_selector(id)),
        text,
    )
    .await?;
    page.click(&format!("{} .card-save", card_selector(id)))
        .await
}

/// Waits until the card with this id shows `text`.
pub async fn wait_card_text(page: &Page, id: &str, text: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "document.querySelector({})?.querySelector('.card-text')?.textContent === {}",
            js(&card_selector(id)),
            js(text)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("card {id} does not read {text:?}"))?;
    Ok(())
}

/// Waits until no card with this id is shown.
pub async fn wait_card_gone(page: &Page, id: &str) -> Result<()> {
    page.wait_for(
        &format!("!document.querySelector({})", js(&card_selector(id))),
        WAIT,
    )
    .await
    .with_context(|| format!("card {id} is still shown"))?;
    Ok(())
}

/// How many `.card` elements the page shows.
pub async fn card_count(page: &Page) -> Result<u64> {
    page.eval("document.querySelectorAll('.card').length")
        .await?
        .as_u64()
        .context("card count")
}

/// Replaces the whole value of a text field as a person would: focus, select all,
/// type (one `insertText`, with `beforeinput`/`input` events).
pub async fn replace_text(page: &Page, selector: &str, text: &str) -> Result<()> {
    let focused = page
        .wait_for(
            &format!(
                "(() => {{ const el = document.querySelector({}); if (!el) return false; \
                 el.focus(); el.select(); return document.activeElement === el; }})()",
                js(selector)
            ),
            WAIT,
        )
        .await
        .with_context(|| format!("cannot focus `{selector}`"))?;
    ensure!(focused == true, "`{selector}` did not take the focus");
    page.call("Input.insertText", json!({ "text": text }))
        .await?;
    Ok(())
}

/// Modifier keys for [`press_key_with`], as CDP's bit mask.
#[derive(Debug, Clone, Copy)]
pub struct Modifiers(u8);

impl Modifiers {
    pub const CTRL: Modifiers = Modifiers(2);
    pub const SHIFT: Modifiers = Modifiers(8);
    pub const CTRL_SHIFT: Modifiers = Modifiers(2 | 8);
}

/// Presses a letter key with modifiers held, e.g. Ctrl+Z, on the focused element.
/// (Plain keys: [`Page::press_key`].)
pub async fn press_key_with(page: &Page, letter: char, modifiers: Modifiers) -> Result<()> {
    ensure!(
        letter.is_ascii_alphabetic(),
        "press_key_with takes a letter"
    );
    let upper = letter.to_ascii_uppercase();
    let shifted = modifiers.0 & 8 != 0;
    let key = if shifted {
        upper.to_string()
    } else {
        letter.to_ascii_lowercase().to_string()
    };
    let code = format!("Key{upper}");
    let key_code = u32::from(upper);
    for kind in ["rawKeyDown", "keyUp"] {
        page.call(
            "Input.dispatchKeyEvent",
            json!({
                "type": kind,
                "key": key,
                "code": code,
                "windowsVirtualKeyCode": key_code,
                "nativeVirtualKeyCode": key_code,
                "modifiers": modifiers.0,
            }),
        )
        .await?;
    }
    Ok(())
}

/// Presses Tab until the focused element matches `selector` (at most `max_tabs` times)
/// and returns how many presses it took: keyboard-only reachability.
pub async fn tab_to(page: &Page, selector: &str, max_tabs: usize) -> Result<usize> {
    let matches = format!(
        "!!document.activeElement && document.activeElement.matches({})",
        js(selector)
    );
    for presses in 1..=max_tabs {
        page.press_key("Tab").await?;
        if page.eval(&matches).await? == true {
            return Ok(presses);
        }
    }
    let last = page
        .eval("document.activeElement?.outerHTML?.slice(0, 160) ?? null")
        .await?;
    anyhow::bail!("`{selector}` was not reached with {max_tabs} Tab presses; focus is on {last}")
}

/// Asserts the page does not scroll sideways: nothing sticks out to the right.
/// Returns `(scrollWidth, clientWidth)`.
pub async fn assert_no_horizontal_overflow(page: &Page, what: &str) -> Result<(u64, u64)> {
    let widths = page
        .eval(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth, \
             document.body.scrollWidth]",
        )
        .await?;
    let scroll = widths[0].as_u64().context("scrollWidth")?;
    let client = widths[1].as_u64().context("clientWidth")?;
    if scroll > client {
        let culprits = page
            .eval(
                "[...document.querySelectorAll('body *')].filter(e => \
                 e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5) \
                 .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + \
                 (e.classList.length ? '.' + [...e.classList].join('.') : '') + ' right=' + \
                 Math.round(e.getBoundingClientRect().right))",
            )
            .await?;
        anyhow::bail!(
            "{what}: the page scrolls sideways (scrollWidth {scroll} > clientWidth {client}); \
             sticking out: {culprits}"
        );
    }
    Ok((scroll, client))
}

/// Fails when any page logged an error (uncaught exception, `console.error`, failed
/// request).
pub async fn assert_no_console_errors(pages: &[(&str, &Page)]) -> Result<()> {
    for (who, page) in pages {
        let errors = page.console_errors().await;
        ensure!(
            errors.is_empty(),
            "the {who} page logged errors: {errors:?}"
        );
    }
    Ok(())
}

fn pair(value: &Value) -> Result<(f64, f64)> {
    let pair = value.as_array().context("a [left, top] pair")?;
    Ok((
        pair.first().and_then(Value::as_f64).context("left")?,
        pair.get(1).and_then(Value::as_f64).context("top")?,
    ))
}

/// Replaces `alert`, `confirm` and `prompt` in the current document with stand-ins that
/// record the question and answer "no": a blocking dialog would stall every DevTools
/// command, so a test that does not expect one fails clearly instead (see
/// [`dialogs_shown`]). Call it again after a navigation.
pub async fn record_dialogs(page: &Page) -> Result<()> {
    page.eval(
        "(() => { window.__dialogs = []; \
         for (const name of ['alert', 'confirm', 'prompt']) \
         window[name] = (message) => { window.__dialogs.push(name + ': ' + message); \
         return name === 'prompt' ? null : false; }; })()",
    )
    .await?;
    Ok(())
}

/// The dialogs the page tried to open since [`record_dialogs`].
pub async fn dialogs_shown(page: &Page) -> Result<Vec<String>> {
    let value = page.eval("window.__dialogs ?? []").await?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// Emulates a phone: a `width` × `height` CSS-pixel screen at device scale 2 with mobile
/// viewport rules (the page's `<meta name="viewport">` applies, as on a real phone).
pub async fn set_phone_viewport(page: &Page, width: u32, height: u32) -> Result<()> {
    page.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": 2, "mobile": true }),
    )
    .await?;
    Ok(())
}

/// Makes the page's browser prefer a language (`navigator.language`, `Accept-Language`),
/// as a browser set to that language would; takes effect from the next navigation.
pub async fn prefer_language(page: &Page, tag: &str) -> Result<()> {
    let agent = page.eval("navigator.userAgent").await?;
    let agent = agent.as_str().context("navigator.userAgent")?.to_owned();
    page.call(
        "Emulation.setUserAgentOverride",
        json!({ "userAgent": agent, "acceptLanguage": tag }),
    )
    .await?;
    Ok(())
}

/// The trimmed text of the first element matching `selector` (null when there is none).
pub async fn text_of(page: &Page, selector: &str) -> Result<Value> {
    page.eval(&format!(
        "document.querySelector({})?.textContent.trim() ?? null",
        js(selector)
    ))
    .await
}

/// Drags with the mouse from the centre of the element matching `selector` by
/// (`dx`, `dy`) CSS pixels, whatever lies on top there: unlike [`Page::drag`] it does
/// not require the element to be the one under the pointer, so it can prove that a
/// read-only page ignores the attempt.
pub async fn drag_over(page: &Page, selector: &str, dx: f64, dy: f64) -> Result<()> {
    let centre = page
        .wait_for(
            &format!(
                "(() => {{ const e = document.querySelector({}); if (!e) return null; \
                 const r = e.getBoundingClientRect(); \
                 return r.width > 0 ? [r.left + r.width / 2, r.top + r.height / 2] : null; }})()",
                js(selector)
            ),
            WAIT,
        )
        .await
        .with_context(|| format!("no rendered element matches `{selector}`"))?;
    let (x, y) = pair(&centre)?;
    let mouse = |kind: &'static str, x: f64, y: f64, buttons: u8, clicks: u8| json!({ "type": kind, "x": x, "y": y, "button": if kind == "mouseMoved" && buttons == 0 { "none" } else { "left" }, "buttons": buttons, "clickCount": clicks });
    page.call("Input.dispatchMouseEvent", mouse("mouseMoved", x, y, 0, 0))
        .await?;
    page.call(
        "Input.dispatchMouseEvent",
        mouse("mousePressed", x, y, 1, 1),
    )
    .await?;
    for step in 1..=10 {
        let f = f64::from(step) / 10.0;
        page.call(
            "Input.dispatchMouseEvent",
            mouse("mouseMoved", x + dx * f, y + dy * f, 1, 0),
        )
        .await?;
    }
    page.call(
        "Input.dispatchMouseEvent",
        mouse("mouseReleased", x + dx, y + dy, 0, 1),
    )
    .await?;
    Ok(())
}
