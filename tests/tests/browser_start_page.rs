//! A facilitator's start page, in Dutch: the method preview shows the incident
//! method's phases with their minutes before anything is made, and changes with the
//! method; the intro names as many links as the page then shows; a new session warns
//! before the page is left until its links are copied; "copy all" and the invitation
//! put the expected text on the clipboard; after a reload the session is under "mijn
//! sessies" with its links, which open the board; removing it asks first, with the
//! focus on "keep". Screenshots at 1440×900 and on a 375×667 phone.

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::{Method, templates};
use ovaal_tests::TestServer;
use ovaal_tests::axe::{self, Violation};
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, assert_no_horizontal_overflow, js, prefer_language,
    require_client, set_phone_viewport, text_of,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::shown_link;

const TITLE: &str = "Intervisie team Noord";

/// Chooses a method in the picker as a person does (the page hears `change`).
async fn choose_method(page: &Page, method: Method) -> Result<()> {
    page.eval(&format!(
        "(() => {{ const s = document.querySelector('#session-method'); s.value = {}; \
         s.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()",
        js(method.as_str())
    ))
    .await?;
    page.wait_for(
        &format!(
            "document.querySelector('#method-preview')?.dataset.method === {}",
            js(method.as_str())
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("the preview did not follow the choice of {method}"))?;
    Ok(())
}

/// The preview's phases: `[id, minutes, text]` per row.
async fn previewed_phases(page: &Page) -> Result<Vec<(String, u32, String)>> {
    let rows = page
        .eval(
            "[...document.querySelectorAll('#method-phases li')].map(li => \
             [li.dataset.phaseId, Number(li.dataset.minutes), li.textContent])",
        )
        .await?;
    rows.as_array()
        .into_iter()
        .flatten()
        .map(|row| {
            Ok((
                row[0].as_str().unwrap_or_default().to_owned(),
                u32::try_from(row[1].as_u64().unwrap_or_default())?,
                row[2].as_str().unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

async fn create(page: &Page, title: &str, method: Method) -> Result<String> {
    choose_method(page, method).await?;
    page.eval("document.querySelector('#session-title').value = ''")
        .await?;
    page.type_text("#session-title", title).await?;
    page.click("#session-create").await?;
    page.wait_for(
        &format!(
            "document.querySelector('#links .session-name')?.textContent === {}",
            js(title)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("no links for {title}"))?;
    shown_link(page, "#link-participant").await
}

/// Whether leaving now would ask: a `beforeunload` the page cancels.
async fn would_ask_before_leaving(page: &Page) -> Result<bool> {
    let asked = page
        .eval(
            "(() => { const e = new Event('beforeunload', { cancelable: true }); \
             window.dispatchEvent(e); return e.defaultPrevented; })()",
        )
        .await?;
    let marked = page
        .eval("document.body.dataset.leaveWarning === 'armed'")
        .await?;
    ensure!(
        asked == marked,
        "body[data-leave-warning] says {marked}, the page's handler {asked}"
    );
    Ok(asked == true)
}

/// Presses a share button and returns what landed on the clipboard.
async fn copy_with(page: &Page, button: &str) -> Result<String> {
    page.eval("navigator.clipboard.writeText('')").await?;
    page.eval("document.querySelector('#copy-status').textContent = ''")
        .await?;
    page.click(button).await?;
    page.wait_for(
        "document.querySelector('#copy-status')?.dataset.state === 'ok' && \
         document.querySelector('#copy-status').textContent !== ''",
        WAIT,
    )
    .await
    .with_context(|| format!("{button} did not say it copied"))?;
    let text = page.eval("navigator.clipboard.readText()").await?;
    Ok(text.as_str().unwrap_or_default().to_owned())
}

/// No serious or critical axe violation on the page as it is now.
async fn accessible(page: &Page, view: &str) -> Result<()> {
    let source = axe::axe_source()?;
    let failing: Vec<Violation> = axe::run(page, &source)
        .await?
        .into_iter()
        .filter(Violation::fails)
        .collect();
    ensure!(failing.is_empty(), "{}", axe::report(view, &failing));
    Ok(())
}

fn link_count_word(intro: &str) -> Option<usize> {
    let words = [("twee", 2), ("drie", 3), ("vier", 4), ("vijf", 5)];
    words
        .iter()
        .find(|(word, _)| intro.contains(&format!("{word} links")))
        .map(|(_, n)| *n)
}

#[tokio::test]
async fn the_start_page_keeps_my_sessions_and_shares_their_links() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let start = format!("{}/", server.base_url());
    let browser = Browser::launch().await?;
    let fenna = browser.new_page(1440, 900).await?;
    prefer_language(&fenna, "nl-NL").await?;
    fenna
        .grant_permissions(&["clipboardReadWrite", "clipboardSanitizedWrite"])
        .await?;
    fenna.goto(&start).await?;
    fenna
        .wait_for("!!document.querySelector('#method-preview p')", WAIT)
        .await?;

    // The free board (the first choice) says it has no phases.
    ensure!(
        fenna
            .eval(
                "!!document.querySelector('#method-no-phases') && \
                 !document.querySelector('#method-phases')"
            )
            .await?
            == true,
        "the free board's preview does not say it has no phases"
    );

    // The incident method: purpose, group size, every phase with its minutes.
    choose_method(&fenna, Method::Incident).await?;
    let shown = previewed_phases(&fenna).await?;
    let plan = templates::phases(Method::Incident);
    ensure!(
        shown.len() == plan.len(),
        "the preview lists {} phases, the incident method has {}",
        shown.len(),
        plan.len()
    );
    for ((id, minutes, text), phase) in shown.iter().zip(&plan) {
        ensure!(
            *id == phase.id && *minutes == phase.minutes,
            "preview row {id}/{minutes} for {}",
            phase.id
        );
        ensure!(
            text.contains(&phase.name.nl) && text.contains(&format!("{} min", phase.minutes)),
            "the row of {} reads {text:?}",
            phase.id
        );
    }
    let size = text_of(&fenna, "#method-group-size").await?;
    ensure!(
        size.as_str().is_some_and(|s| s.contains("4–6")),
        "the incident method's group size reads {size}"
    );
    let purpose = text_of(&fenna, "#method-purpose").await?;
    ensure!(
        purpose.as_str() == Some(Method::Incident.purpose().0),
        "the purpose reads {purpose}"
    );
    let described = fenna
        .eval("document.querySelector('#session-method').getAttribute('aria-describedby')")
        .await?;
    ensure!(
        described == "method-purpose",
        "the picker is described by {described}"
    );

    // Another method, another plan.
    choose_method(&fenna, Method::Gossip).await?;
    let gossip: Vec<String> = previewed_phases(&fenna)
        .await?
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    let expected: Vec<String> = templates::phases(Method::Gossip)
        .into_iter()
        .map(|p| p.id)
        .collect();
    ensure!(gossip == expected, "the gossip preview lists {gossip:?}");

    // The intro names as many links as creating shows.
    let intro = text_of(&fenna, "#landing-intro").await?;
    let intro = intro.as_str().unwrap_or_default().to_owned();
    let promised = link_count_word(&intro).with_context(|| format!("intro: {intro:?}"))?;
    let participant = create(&fenna, TITLE, Method::Incident).await?;
    let rows = fenna
        .eval("document.querySelectorAll('#links .link-row').length")
        .await?;
    ensure!(
        rows.as_u64() == Some(promised as u64),
        "the intro promises {promised} links, the page shows {rows}"
    );

    // Fresh links: leaving asks; copying the invitation counts as having them.
    ensure!(
        would_ask_before_leaving(&fenna).await?,
        "new links were not guarded"
    );
    let invitation = copy_with(&fenna, "#copy-invitation").await?;
    let join_code = text_of(&fenna, "#created-join-code").await?;
    let join_code = join_code.as_str().unwrap_or_default().to_owned();
    let facilitator = shown_link(&fenna, "#link-facilitator").await?;
    for part in [
        TITLE,
        participant.as_str(),
        join_code.as_str(),
        "uitgenodigd",
    ] {
        ensure!(
            invitation.contains(part),
            "the invitation lacks {part:?}:\n{invitation}"
        );
    }
    ensure!(
        !invitation.contains(&facilitator),
        "the invitation gives away the facilitator link"
    );
    ensure!(
        !would_ask_before_leaving(&fenna).await?,
        "still guarded after copying"
    );
    let all = copy_with(&fenna, "#copy-all").await?;
    for part in [
        format!("Begeleider: {facilitator}"),
        format!("Deelnemers: {participant}"),
        "Toeschouwers: ".to_owned(),
        "Zaalscherm: ".to_owned(),
        join_code.clone(),
    ] {
        ensure!(all.contains(&part), "copy all lacks {part:?}:\n{all}");
    }
    // Where the page may not use the Clipboard API, the text box copies the old way
    // or stays selected for Ctrl+C.
    fenna
        .eval(
            "navigator.clipboard.writeText = () => Promise.reject(new Error('not allowed')); \
             document.querySelector('#copy-status').textContent = ''",
        )
        .await?;
    fenna.click("#copy-invitation").await?;
    let fallback = fenna
        .wait_for(
            "(() => { const s = document.querySelector('#copy-status'); \
             const box = document.querySelector('#copy-fallback'); \
             if (s.dataset.state === 'ok' && s.textContent && box.hidden) return 'copied'; \
             if (s.dataset.state === 'problem' && !box.hidden && \
                 document.activeElement === box && \
                 box.selectionEnd - box.selectionStart === box.value.length) return box.value; \
             return null; })()",
            WAIT,
        )
        .await
        .context("without the Clipboard API the invitation was neither copied nor selected")?;
    let fallback = match fallback.as_str() {
        Some("copied") => fenna.eval("navigator.clipboard.readText()").await?,
        _ => fallback,
    };
    ensure!(
        fallback.as_str() == Some(invitation.as_str()),
        "the fallback holds {fallback}"
    );
    accessible(&fenna, "a new session's links").await?;
    fenna
        .screenshot(artifact("start-page-links-1440.png"))
        .await?;

    // Two more sessions; leaving the last one's uncopied links asks, and leaves.
    fenna.click("#create-another").await?;
    create(&fenna, "Leerkring zorgteam", Method::LearningCircle).await?;
    fenna.click("#create-another").await?;
    create(&fenna, "Balintgroep huisartsen", Method::Balint).await?;
    ensure!(would_ask_before_leaving(&fenna).await?);
    fenna.goto("about:blank").await?;
    ensure!(
        fenna.leave_prompts().await == 1,
        "leaving uncopied links asked {} times",
        fenna.leave_prompts().await
    );

    // After a reload: my sessions, newest first, and the links open again.
    fenna.goto(&start).await?;
    fenna
        .wait_for(
            "document.querySelectorAll('#my-sessions:not([hidden]) li.my-session').length === 3",
            WAIT,
        )
        .await
        .context("my sessions does not list the three sessions")?;
    let titles = fenna
        .eval("[...document.querySelectorAll('.my-session-title')].map(t => t.textContent)")
        .await?;
    ensure!(
        titles == serde_json::json!(["Balintgroep huisartsen", "Leerkring zorgteam", TITLE]),
        "my sessions lists {titles}"
    );
    let meta = text_of(&fenna, "li.my-session:last-child .my-session-meta").await?;
    ensure!(
        meta.as_str().is_some_and(|m| m.contains("Incidentmethode")),
        "the row says {meta}"
    );
    choose_method(&fenna, Method::Incident).await?;
    accessible(&fenna, "start page with my sessions").await?;
    fenna.screenshot(artifact("start-page-1440.png")).await?;
    set_phone_viewport(&fenna, 375, 667).await?;
    assert_no_horizontal_overflow(&fenna, "the start page on a phone").await?;
    fenna.screenshot(artifact("start-page-375.png")).await?;
    fenna
        .eval("document.querySelector('#method-preview').scrollIntoView()")
        .await?;
    fenna
        .screenshot(artifact("start-page-375-method.png"))
        .await?;
    fenna
        .eval("document.querySelector('#my-sessions').scrollIntoView()")
        .await?;
    fenna
        .screenshot(artifact("start-page-375-sessions.png"))
        .await?;

    // The oldest is the first one made; reached with the keyboard.
    fenna
        .eval("document.querySelector('li.my-session:last-child .my-session-open').focus()")
        .await?;
    fenna.press_key("Enter").await?;
    let reopened = shown_link(&fenna, "#link-participant").await?;
    ensure!(
        reopened == participant,
        "my sessions reopened {reopened}, not {participant}"
    );
    ensure!(
        !would_ask_before_leaving(&fenna).await?,
        "reopened links are guarded as if new"
    );
    assert_no_horizontal_overflow(&fenna, "the reopened links on a phone").await?;
    fenna
        .screenshot(artifact("start-page-375-links.png"))
        .await?;
    let href = fenna
        .eval("document.querySelector('#link-participant').href")
        .await?;
    ensure!(href == participant.as_str(), "the link opens {href}");
    let joiner = browser.new_page(1280, 800).await?;
    joiner.goto(&participant).await?;
    joiner
        .wait_for(
            "document.body.dataset.page === 'board' && document.body.dataset.connection === 'connected'",
            WAIT,
        )
        .await
        .context("the kept participant link did not open the board")?;

    // Removing asks in the row, the focus on "keep"; Escape keeps, "remove" removes.
    fenna.set_viewport(1440, 900).await?;
    fenna.click("#create-another").await?;
    let last_remove = "li.my-session:last-child .my-session-remove";
    fenna.click(last_remove).await?;
    fenna
        .wait_for(
            "document.activeElement?.matches('li.my-session:last-child .my-session-keep')",
            WAIT,
        )
        .await
        .context("the question does not focus the safe answer")?;
    let question = text_of(&fenna, ".my-session-question").await?;
    ensure!(
        question.as_str().is_some_and(|q| q.contains(TITLE)),
        "the question reads {question}"
    );
    accessible(&fenna, "removing from my sessions").await?;
    fenna
        .screenshot(artifact("start-page-remove-1440.png"))
        .await?;
    fenna.press_key("Escape").await?;
    fenna
        .wait_for(
            &format!(
                "!document.querySelector('.my-session-confirm') && document.activeElement?.matches({})",
                js(last_remove)
            ),
            WAIT,
        )
        .await
        .context("Escape did not keep the session and give the focus back")?;
    fenna.click(last_remove).await?;
    fenna
        .click("li.my-session:last-child .my-session-remove-yes")
        .await?;
    fenna
        .wait_for(
            "document.querySelectorAll('li.my-session').length === 2 && \
             document.querySelector('#my-sessions-status').textContent !== ''",
            WAIT,
        )
        .await
        .context("the session was not removed")?;
    let kept = fenna
        .eval("JSON.parse(localStorage.getItem('ovaal:my-sessions')).map(s => s.title)")
        .await?;
    ensure!(
        kept == serde_json::json!(["Balintgroep huisartsen", "Leerkring zorgteam"]),
        "localStorage keeps {kept}"
    );

    // The preview follows the language switch (its texts are not labels).
    fenna.click("#lang-switch").await?;
    fenna
        .wait_for(
            &format!(
                "document.querySelector('#method-purpose')?.textContent === {}",
                js(Method::Incident.purpose().1)
            ),
            WAIT,
        )
        .await
        .context("the preview stayed Dutch after switching to English")?;
    let english = text_of(&fenna, "#landing-intro").await?;
    ensure!(
        english.as_str().is_some_and(|t| t.contains("four links")),
        "the English intro reads {english}"
    );
    assert_no_console_errors(&[("facilitator", &fenna), ("participant", &joiner)]).await
}
