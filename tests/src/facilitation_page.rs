//! Helpers for browser tests of facilitation and the harvest: what the facilitator,
//! the case-holder and the others do and see while a method runs — phases, the hot
//! seat, the timer, private rounds, triage, ending a session, exporting, the next
//! session — plus the browser tricks these tests need: a page whose clock is wrong
//! ([`skew_clock`]), catching the files a page downloads ([`Downloads`]) and reloading
//! a page ([`reload`]).
//!
//! Everything goes through the page hooks in `docs/web-client.md` (`#phase-bar`,
//! `#phase-timer[data-remaining-ms]`, `button[data-hot-seat]`, ...), so a missing hook
//! fails with the selector that was waited for. Every wait has a deadline
//! ([`WAIT`]); nothing sleeps to synchronise (only [`holds_for`] watches a value for a
//! while, to show that it does not change).
//!
//! # Layout
//!
//! - here: who a page is ([`open_as`], [`three_people`]), composing, phases, the hot
//!   seat, the timer, screenshots of every page of a step;
//! - `cards`: whether a text is in a page at all, triage;
//! - `clock`: a wrong clock;
//! - `controls`: the facilitator's switches, links and people, confirmations, the
//!   harvest's buttons, deleting, and what the server stored;
//! - `downloads`: files a page downloads;
//! - `links`: board links a page shows, and the session in a link;
//! - `offline`: connection and saved state, reloading.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use serde_json::Value;

use crate::SessionLinks;
use crate::board_page::{self, WAIT, js};
use crate::browser::{Browser, Page};

mod cards;
mod clock;
mod controls;
mod downloads;
mod links;
mod offline;

pub use cards::{
    card_in_view, ensure_not_in_dom, label_question, mark_useful, text_in_dom, text_visible,
    triage_controls, wait_card, wait_label, wait_useful_mark,
};
pub use clock::{now_ms, page_clock_offset, skew_clock};
pub use controls::{
    LinkRow, byline, confirm, connection_failed, create_link, export_buttons, facilitation_of,
    link_rows, local_copy_keys, presence_ids, remove_person, revoke_link, set_switch,
    stored_facilitation, wait_byline, wait_confirm_dialog, wait_deleted, wait_export_buttons,
    wait_local_copy, wait_presence,
};
pub use downloads::Downloads;
pub use links::{session_in_link, shown_link};
pub use offline::{connection_state, reload, save_state, wait_for_service_worker, wait_save_state};

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

/// The seats [`three_people`] takes: the facilitator, the case-holder, the participant.
pub const THREE_SEATS: [u32; 3] = [0, 3, 5];

/// The three people most facilitation tests need, each in a browser context of their
/// own and seated ([`THREE_SEATS`]): the facilitator, the person who will bring the
/// case (in methods without a hot seat simply a second participant) and a
/// participant.
pub struct ThreePeople {
    pub facilitator: Page,
    pub caseholder: Page,
    pub participant: Page,
    /// The case-holder's participant id, read from the seat they took.
    pub caseholder_id: String,
    /// The participant's participant id, read from the seat they took.
    pub participant_id: String,
}

impl ThreePeople {
    /// The three pages named for screenshots and console checks.
    pub fn pages(&self) -> [(&'static str, &Page); 3] {
        [
            ("facilitator", &self.facilitator),
            ("caseholder", &self.caseholder),
            ("participant", &self.participant),
        ]
    }

    /// The two pages besides the facilitator's.
    pub fn others(&self) -> [&Page; 2] {
        [&self.caseholder, &self.participant]
    }
}

/// Opens `session` for three people named `names` (facilitator, case-holder,
/// participant): the facilitator through the facilitator link, the others through
/// the participant link, each seated at their place of [`THREE_SEATS`], in that order.
pub async fn three_people(
    browser: &Browser,
    session: &SessionLinks,
    names: [&str; 3],
) -> Result<ThreePeople> {
    let [facilitator_name, caseholder_name, participant_name] = names;
    let [facilitator_seat, caseholder_seat, participant_seat] = THREE_SEATS;
    let facilitator = browser.new_page(1280, 800).await?;
    let caseholder = browser.new_page(1280, 800).await?;
    let participant = browser.new_page(1280, 800).await?;
    open_as(
        &facilitator,
        Person::Facilitator,
        &session.facilitator_url,
        facilitator_name,
        Some(facilitator_seat),
    )
    .await?;
    let caseholder_id = open_as(
        &caseholder,
        Person::Participant,
        &session.participant_url,
        caseholder_name,
        Some(caseholder_seat),
    )
    .await?
    .with_context(|| format!("{caseholder_name}'s seat has no holder"))?;
    let participant_id = open_as(
        &participant,
        Person::Participant,
        &session.participant_url,
        participant_name,
        Some(participant_seat),
    )
    .await?
    .with_context(|| format!("{participant_name}'s seat has no holder"))?;
    Ok(ThreePeople {
        facilitator,
        caseholder,
        participant,
        caseholder_id,
        participant_id,
    })
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
// The timer

/// `#phase-timer[data-remaining-ms]` as a number, if the timer shows a value.
pub async fn remaining_ms(page: &Page) -> Result<Option<i64>> {
    let value = page
        .eval(
            "(() => { const v = document.querySelector('#phase-timer')?.dataset.remainingMs; \
             return v === undefined || v === '' ? null : Number(v); })()",
        )
        .await?;
    Ok(value
        .as_f64()
        .map(|v| ovaal_shared::float::to_i64(v.round())))
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
// Screenshots and steadiness

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
