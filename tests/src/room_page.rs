//! Checks of the room screen as a projector shows it, from the page's own geometry:
//! the phase's instruction and the timer are large enough to read from the back of
//! the room, and the join code and the QR code lie wholly on the screen with nothing
//! over them — no notice, no card. Shared by the room-screen tests.

use anyhow::{Context, Result, ensure};

use crate::browser::Page;

/// The instruction's least font size on a 1080-pixel-high projector; lower screens
/// scale it by their height (18.7 px at 720).
pub const MIN_INSTRUCTION_1080: f64 = 28.0;

/// The instruction's least font size for a window `height` CSS pixels high.
pub fn least_instruction(height: u32) -> f64 {
    MIN_INSTRUCTION_1080 * f64::from(height.min(1080)) / 1080.0
}

/// The phase's instruction at least [`least_instruction`] for the window's height,
/// the timer at least twice that. Returns both sizes in px.
pub async fn assert_readable(room: &Page, height: u32) -> Result<(f64, f64)> {
    let sizes = room
        .eval(
            "[document.querySelector('#room-phase .room-phase-instruction'), \
             document.querySelector('#room-timer')].map(e => e ? parseFloat(getComputedStyle(e).fontSize) : null)",
        )
        .await?;
    let instruction = sizes[0]
        .as_f64()
        .context("the room screen shows no phase instruction")?;
    let timer = sizes[1]
        .as_f64()
        .context("the room screen shows no timer")?;
    let least = least_instruction(height);
    ensure!(
        instruction >= least,
        "the instruction is {instruction}px at {height} px high, at least {least:.1}px wanted"
    );
    ensure!(
        timer >= 2.0 * least,
        "the timer is {timer}px at {height} px high, at least {:.1}px wanted",
        2.0 * least
    );
    Ok((instruction, timer))
}

/// What is wrong with the join code and the QR code on screen, and whether a
/// "time is up" notice showed at that moment (one look at the page, so a notice that
/// goes away cannot make the check pass unseen). Each must lie wholly inside the
/// window, show itself at its centre and near its corners, and meet no notice.
pub async fn join_code_problems(room: &Page) -> Result<(Vec<String>, bool)> {
    let report = room
        .eval(
            "(() => { const problems = []; \
             const toasts = [...document.querySelectorAll('#notices .toast')].map(t => t.getBoundingClientRect()); \
             for (const s of ['#room-join-code', '#room-qr']) { \
               const e = document.querySelector(s); \
               if (!e) { problems.push(s + ' missing'); continue; } \
               const r = e.getBoundingClientRect(); \
               if (!(r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && \
                     r.right <= window.innerWidth && r.bottom <= window.innerHeight)) \
                 problems.push(s + ' not wholly on screen: ' + JSON.stringify({ left: r.left, top: r.top, \
                   right: r.right, bottom: r.bottom, width: window.innerWidth, height: window.innerHeight })); \
               for (const [fx, fy] of [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]]) { \
                 const hit = document.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy); \
                 if (!hit || !(hit === e || e.contains(hit))) { \
                   problems.push(s + ' at (' + fx + ',' + fy + ') shows ' + (hit ? hit.tagName.toLowerCase() + \
                     (hit.id ? '#' + hit.id : '') + '.' + (hit.getAttribute('class') || '') : 'nothing')); break; } } \
               for (const t of toasts) \
                 if (t.left < r.right && r.left < t.right && t.top < r.bottom && r.top < t.bottom) \
                   problems.push(s + ' meets a notice at ' + JSON.stringify(t)); \
             } \
             return [problems, !!document.querySelector('#notices .toast.timer')]; })()",
        )
        .await?;
    let problems = report[0]
        .as_array()
        .context("join code problems")?
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    Ok((problems, report[1] == true))
}

/// Fails unless the join code and the QR code are whole and clear (see
/// [`join_code_problems`]); `when` says at which moment, for the message.
pub async fn assert_join_code_in_view(room: &Page, when: &str) -> Result<()> {
    let (problems, _) = join_code_problems(room).await?;
    ensure!(
        problems.is_empty(),
        "at {when} the join code or the QR code is not fully visible: {problems:#?}"
    );
    Ok(())
}

/// As [`assert_join_code_in_view`], and a "time is up" notice must be showing at the
/// same moment.
pub async fn assert_join_code_clear_of_time_up(room: &Page, when: &str) -> Result<()> {
    let (problems, time_up) = join_code_problems(room).await?;
    ensure!(
        time_up,
        "at {when} the time-up notice was gone before the check"
    );
    ensure!(
        problems.is_empty(),
        "at {when}, with the time-up notice, the join code or the QR code is not fully \
         visible: {problems:#?}"
    );
    Ok(())
}

/// The server's clock as the tests' own (both run on this machine), in ms since the
/// Unix epoch, for timers the facilitator writes.
pub fn server_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
