//! Helpers for browser tests of facilitation and the harvest: what the facilitator,
//! the case-holder and the others do and see while a method runs — phases, the hot
//! seat, the timer, private rounds, triage, ending a session, exporting, the next
//! session — plus the browser tricks these tests need: a page whose clock is wrong
//! ([`skew_clock`]), catching the files a page downloads ([`Downloads`]), the page's
//! own files served while its server is down ([`ShellOnly`]) and looking into the
//! page's IndexedDB copy ([`wait_stored_locally`]).
//!
//! Everything goes through the page hooks in `docs/web-client.md` (`#phase-bar`,
//! `#phase-timer[data-remaining-ms]`, `button[data-hot-seat]`, ...), so a missing hook
//! fails with the selector that was waited for. Every wait has a deadline
//! ([`WAIT`]); nothing sleeps to synchronise (only [`holds_for`] watches a value for a
//! while, to show that it does not change).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};

use crate::board_page::{self, WAIT, js};
use crate::browser::Page;

/// Who a page is in a facilitated session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    Facilitator,
    Participant,
    Observer,
}

impl Person {
    /// The value of `<body data-role>` for this person.
    pub fn role(self) -> &'static str {
        match self {
            Person::Facilitator => "facilitator",
            Person::Participant => "participant",
            Person::Observer => "observer",
        }
    }
}

/// Opens `url` as `person`: writing roles fill in the join screen with `name` and, when
/// `seat` is given, sit down there. Returns the page's participant id (read from the
/// seat it took, or from `<body data-participant>` when seated nowhere).
pub async fn open_as(
    page: &Page,
    person: Person,
    url: &str,
    name: &str,
    seat: Option<u32>,
) -> Result<Option<String>> {
    if person == Person::Observer {
        page.goto(url).await?;
        page.wait_for("document.body.dataset.connection === 'connected'", WAIT)
            .await
            .context("the observer's board did not connect")?;
        return Ok(None);
    }
    board_page::join(page, url, name, seat).await?;
    page.wait_for(
        &format!("document.body.dataset.role === {}", js(person.role())),
        WAIT,
    )
    .await
    .with_context(|| format!("{name}'s page does not say it is a {}", person.role()))?;
    let id = match seat {
        Some(seat) => seat_holder(page, seat).await?,
        None => page
            .eval("document.body.dataset.participant ?? null")
            .await?
            .as_str()
            .map(str::to_owned),
    };
    Ok(id)
}

/// The participant id holding `seat`, as this page shows it.
pub async fn seat_holder(page: &Page, seat: u32) -> Result<Option<String>> {
    Ok(page
        .eval(&format!(
            "document.querySelector({})?.dataset.holder || null",
            js(&board_page::seat_selector(seat))
        ))
        .await?
        .as_str()
        .map(str::to_owned))
}

/// Writes a card of `kind` with the compose form; returns its id once it shows.
pub async fn add_card(page: &Page, kind: &str, text: &str) -> Result<String> {
    let offered = kinds_offered(page).await?;
    ensure!(
        offered.iter().any(|k| k == kind),
        "the compose form does not offer {kind:?} now (it offers {offered:?})"
    );
    board_page::add_card(page, kind, text).await
}

/// The card kinds the compose form offers now: the enabled, visible options of
/// `#card-kind`.
pub async fn kinds_offered(page: &Page) -> Result<Vec<String>> {
    let value = page
        .eval(
            "[...(document.querySelector('#card-kind')?.options ?? [])] \
             .filter(o => !o.disabled && !o.hidden).map(o => o.value)",
        )
        .await?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// Whether this page can write a card now: the compose form is shown and enabled.
pub async fn can_compose(page: &Page) -> Result<bool> {
    let value = page
        .eval(
            "(() => { const t = document.querySelector('#card-text'); \
             const a = document.querySelector('#card-add'); \
             const shown = e => !!e && e.getClientRects().length > 0 && !e.closest('[hidden]') \
             && !e.closest('[inert]'); \
             return shown(t) && shown(a) && !t.disabled && !a.disabled && !t.readOnly; })()",
        )
        .await?;
    Ok(value == true)
}

// ---------------------------------------------------------------------------------
// Phases

/// The id of the phase `#phase-bar` marks as current (`aria-current="step"`), if any.
pub async fn current_phase(page: &Page) -> Result<Option<String>> {
    Ok(page
        .eval(
            "document.querySelector('#phase-bar li[aria-current=\"step\"]')\
             ?.dataset.phaseId ?? null",
        )
        .await?
        .as_str()
        .map(str::to_owned))
}

/// Waits until the page shows `phase` as the current one.
pub async fn wait_phase(page: &Page, phase: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "document.querySelector('#phase-bar li[aria-current=\"step\"]')\
             ?.dataset.phaseId === {}",
            js(phase)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("the page does not show phase {phase:?} as current in #phase-bar"))?;
    Ok(())
}

/// The phase ids `#phase-bar` lists, in order.
pub async fn phase_ids(page: &Page) -> Result<Vec<String>> {
    let value = page
        .wait_for(
            "(() => { const ids = [...document.querySelectorAll('#phase-bar li[data-phase-id]')] \
             .map(li => li.dataset.phaseId); return ids.length ? ids : null; })()",
            WAIT,
        )
        .await
        .context("#phase-bar lists no li[data-phase-id]")?;
    Ok(serde_json::from_value(value)?)
}

/// The facilitator moves to the next phase with `#phase-next`; waits until every page
/// in `everyone` shows it. Returns the new phase id.
pub async fn next_phase(facilitator: &Page, everyone: &[&Page]) -> Result<String> {
    let ids = phase_ids(facilitator).await?;
    let now = current_phase(facilitator).await?;
    let next = match &now {
        None => ids.first().cloned(),
        Some(now) => ids
            .iter()
            .position(|id| id == now)
            .and_then(|i| ids.get(i + 1))
            .cloned(),
    }
    .with_context(|| format!("there is no phase after {now:?} in {ids:?}"))?;
    facilitator.click("#phase-next").await?;
    for page in std::iter::once(&facilitator).chain(everyone) {
        wait_phase(page, &next).await?;
    }
    Ok(next)
}

/// The facilitator jumps straight to `phase` (`button[data-jump-phase]`); waits until
/// every page in `everyone` shows it.
pub async fn jump_to_phase(facilitator: &Page, phase: &str, everyone: &[&Page]) -> Result<()> {
    facilitator
        .click(&format!("button[data-jump-phase={}]", js(phase)))
        .await?;
    for page in std::iter::once(&facilitator).chain(everyone) {
        wait_phase(page, phase).await?;
    }
    Ok(())
}

/// `<body data-caseholder-mode>` (`speaks`, `listens`, `back-turned`), if set.
pub async fn caseholder_mode(page: &Page) -> Result<Option<String>> {
    Ok(page
        .eval("document.body.dataset.caseholderMode ?? null")
        .await?
        .as_str()
        .map(str::to_owned))
}

// ---------------------------------------------------------------------------------
// The hot seat

/// The facilitator puts `participant` in the hot seat (`button[data-hot-seat]`), and
/// waits until each page in `everyone` marks that person's seat as the hot one.
pub async fn put_in_hot_seat(
    facilitator: &Page,
    participant: &str,
    everyone: &[&Page],
) -> Result<()> {
    facilitator
        .click(&format!("button[data-hot-seat={}]", js(participant)))
        .await?;
    let hot = format!(
        "document.querySelector('g.seat[data-hot=\"true\"]')?.dataset.holder === {}",
        js(participant)
    );
    for page in std::iter::once(&facilitator).chain(everyone) {
        page.wait_for(&hot, WAIT)
            .await
            .with_context(|| format!("the page does not show {participant} in the hot seat"))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// Cards and triage

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

// ---------------------------------------------------------------------------------
// The timer

/// `#phase-timer[data-remaining-ms]` as a number, if the timer shows a value.
pub async fn remaining_ms(page: &Page) -> Result<Option<i64>> {
    let value = page
        .eval(
            "(() => { const v = document.querySelector('#phase-timer')?.dataset.remainingMs; \
             return v === undefined || v === '' ? null : Number(v); })()",
        )
        .await?;
    Ok(value.as_f64().map(|v| v.round() as i64))
}

/// Reads the remaining time on several pages as close together as the DevTools round
/// trips allow; returns the values and how long the reading took, so a caller can
/// allow for it.
pub async fn remaining_on(pages: &[&Page]) -> Result<(Vec<i64>, Duration)> {
    let started = Instant::now();
    let mut values = Vec::with_capacity(pages.len());
    for page in pages {
        values.push(
            remaining_ms(page)
                .await?
                .context("#phase-timer has no data-remaining-ms")?,
        );
    }
    Ok((values, started.elapsed()))
}

/// Waits until the page's timer shows a value (`data-remaining-ms` is set) for which
/// `accept` holds; returns it.
pub async fn wait_remaining(page: &Page, what: &str, accept: impl Fn(i64) -> bool) -> Result<i64> {
    let deadline = Instant::now() + WAIT;
    loop {
        let now = remaining_ms(page).await?;
        if let Some(ms) = now
            && accept(ms)
        {
            return Ok(ms);
        }
        if Instant::now() >= deadline {
            bail!("timed out waiting for the timer to show {what}; it shows {now:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

// ---------------------------------------------------------------------------------
// A wrong clock

/// Makes this page's clock run `offset_ms` ahead (negative: behind) from the next
/// navigation on: `Date.now()`, `new Date()`, `Date()` and `performance.timeOrigin`
/// are shifted, as on a laptop whose clock is wrong. Installed with
/// `Page.addScriptToEvaluateOnNewDocument`, so it runs before the page's own scripts.
pub async fn skew_clock(page: &Page, offset_ms: i64) -> Result<()> {
    let script = format!(
        "(() => {{
            const offset = {offset_ms};
            const RealDate = Date;
            const realNow = RealDate.now.bind(RealDate);
            const skewedNow = () => realNow() + offset;
            const Skewed = new Proxy(RealDate, {{
                construct(target, args, newTarget) {{
                    return args.length
                        ? Reflect.construct(target, args, newTarget)
                        : Reflect.construct(target, [skewedNow()], newTarget);
                }},
                apply() {{ return new RealDate(skewedNow()).toString(); }},
                get(target, prop, receiver) {{
                    if (prop === 'now') return skewedNow;
                    return Reflect.get(target, prop, receiver);
                }},
            }});
            globalThis.Date = Skewed;
            const origin = performance.timeOrigin + offset;
            try {{
                Object.defineProperty(performance, 'timeOrigin', {{ get: () => origin }});
            }} catch (e) {{}}
            globalThis.__ovaalClockOffsetMs = offset;
        }})()"
    );
    page.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": script }),
    )
    .await?;
    Ok(())
}

/// Milliseconds since the Unix epoch on the test's (and the in-process server's) clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// How far the page's `Date.now()` is from the test's clock, in ms (bounded by the
/// DevTools round trip).
pub async fn page_clock_offset(page: &Page) -> Result<i64> {
    let before = now_ms();
    let page_now = page
        .eval("Date.now()")
        .await?
        .as_f64()
        .context("Date.now()")? as i64;
    let after = now_ms();
    Ok(page_now - (before + after) / 2)
}

// ---------------------------------------------------------------------------------
// Downloads

/// Catches what a page downloads: sets the page's download behaviour to save into a
/// fresh temporary directory, named by the download's own file name.
pub struct Downloads {
    dir: tempfile::TempDir,
}

impl Downloads {
    /// Starts catching this page's downloads.
    pub async fn catch(page: &Page) -> Result<Downloads> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().to_string_lossy().into_owned();
        // `Browser.setDownloadBehavior` for the page's own browser context; the page's
        // session answers for the context it lives in.
        let info = page.call("Target.getTargetInfo", json!({})).await?;
        let context = info["targetInfo"]["browserContextId"].as_str();
        let browser_wide = match context {
            Some(context) => page
                .call(
                    "Browser.setDownloadBehavior",
                    json!({ "behavior": "allow", "downloadPath": path,
                            "browserContextId": context }),
                )
                .await
                .is_ok(),
            None => false,
        };
        if !browser_wide {
            page.call(
                "Page.setDownloadBehavior",
                json!({ "behavior": "allow", "downloadPath": path }),
            )
            .await
            .context("neither Browser.setDownloadBehavior nor Page.setDownloadBehavior works")?;
        }
        Ok(Downloads { dir })
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Completed downloads so far (Chromium writes `*.crdownload` until done).
    pub fn files(&self) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(self.dir.path())? {
            let path = entry?.path();
            let partial = path
                .extension()
                .is_some_and(|e| e == "crdownload" || e == "tmp");
            if !partial && path.is_file() {
                files.push(path);
            }
        }
        files.sort();
        Ok(files)
    }

    /// Waits for a completed, non-empty download whose name ends with `suffix`
    /// (e.g. `.pdf`) and returns its bytes and name.
    pub async fn wait_file(&self, suffix: &str) -> Result<(PathBuf, Vec<u8>)> {
        let deadline = Instant::now() + WAIT;
        loop {
            for path in self.files()? {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                if name.is_some_and(|n| n.ends_with(suffix)) {
                    let bytes = std::fs::read(&path)?;
                    if !bytes.is_empty() {
                        return Ok((path, bytes));
                    }
                }
            }
            if Instant::now() >= deadline {
                bail!(
                    "no download ending in {suffix:?} arrived in {}; there are {:?}",
                    self.dir.path().display(),
                    self.files()?
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

// ---------------------------------------------------------------------------------
// Connection and saving

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

/// Waits until the page's local copy in IndexedDB (database `ovaal`, store `docs`,
/// see `web/src/local_store.rs`) holds `text` in one of its documents. The copy is
/// written a moment (400 ms) after a change, so a reload sooner than that may come
/// back without the change; tests that reload wait for this first.
pub async fn wait_stored_locally(page: &Page, text: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "(async () => {{ const db = await new Promise((ok, no) => {{ \
               const r = indexedDB.open('ovaal'); r.onsuccess = () => ok(r.result); \
               r.onerror = () => no(r.error); }}); \
             if (!db.objectStoreNames.contains('docs')) {{ db.close(); return false; }} \
             const values = await new Promise((ok, no) => {{ \
               const r = db.transaction('docs').objectStore('docs').getAll(); \
               r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); }}); \
             db.close(); const t = {}; \
             return values.some(v => v instanceof Uint8Array \
               && new TextDecoder().decode(v).includes(t)); }})()",
            js(text)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("{text:?} never reached the page's local copy (IndexedDB)"))?;
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

/// Screenshots every page for one step of a flow, as
/// `tests/artifacts/<flow>-<step>-<who>.png`.
pub async fn screenshot_all(flow: &str, step: &str, pages: &[(&str, &Page)]) -> Result<()> {
    for (who, page) in pages {
        page.screenshot(board_page::artifact(&format!("{flow}-{step}-{who}.png")))
            .await?;
    }
    Ok(())
}

/// Checks that `expression` keeps the value it has now for `duration`: the way to
/// show that something does *not* change (a paused timer), polled like
/// [`Page::wait_for`]. Returns the value.
pub async fn holds_for(page: &Page, expression: &str, duration: Duration) -> Result<Value> {
    let first = page.eval(expression).await?;
    let until = Instant::now() + duration;
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let now = page.eval(expression).await?;
        ensure!(
            now == first,
            "`{expression}` changed from {first} to {now} within {duration:?}"
        );
    }
    Ok(first)
}

// ---------------------------------------------------------------------------------
// The page without its server

/// Serves only the web client's own files (`index.html` for every page address, the
/// files under `assets/`) and answers every `/api/…` address — the sync WebSocket
/// included — with `503`: the server is down, but the page can still be loaded, as it
/// could from a cache or a separate static host. The client has no service worker, so
/// with nothing at all listening a reload would show the browser's error page; this
/// keeps the test about what it is for: the board coming back from IndexedDB.
pub struct ShellOnly {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl ShellOnly {
    pub async fn start_at(addr: std::net::SocketAddr) -> Result<ShellOnly> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr} for the page's files"))?;
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = &mut stopped => break,
                    accepted = listener.accept() => {
                        if let Ok((socket, _)) = accepted {
                            tokio::spawn(serve_shell(socket));
                        }
                    }
                }
            }
        });
        Ok(ShellOnly {
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Stops listening and frees the address for the real server.
    pub async fn stop(mut self) -> Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.context("the page-files server")?;
        }
        Ok(())
    }
}

impl Drop for ShellOnly {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn serve_shell(mut socket: tokio::net::TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let dist = crate::server::web_dist();
    let (status, kind, body) = if path.starts_with("/api/") {
        (
            "503 Service Unavailable",
            "application/json",
            br#"{"error":{"code":"down","message":"the server is down"}}"#.to_vec(),
        )
    } else if let Some(name) = path.strip_prefix("/assets/") {
        let file = (!name.contains("..") && !name.is_empty())
            .then(|| std::fs::read(dist.join("assets").join(name)).ok())
            .flatten();
        match file {
            Some(bytes) => ("200 OK", content_type(name), bytes),
            None => ("404 Not Found", "text/plain", b"not found".to_vec()),
        }
    } else {
        match std::fs::read(dist.join("index.html")) {
            Ok(bytes) => ("200 OK", "text/html; charset=utf-8", bytes),
            Err(_) => ("404 Not Found", "text/plain", b"not built".to_vec()),
        }
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\n\
         cache-control: no-cache\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = socket.write_all(response.as_bytes()).await;
    let _ = socket.write_all(&body).await;
    let _ = socket.shutdown().await;
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("wasm") => "application/wasm",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}
