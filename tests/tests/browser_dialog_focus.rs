//! The focus never falls out of a dialog onto the page, with the keyboard alone:
//!
//! - the plan editor's phase form: after Cancel (and after Save) the focus is back on
//!   the button that opened the form ("add a phase", or that phase's edit button); Tab
//!   stays inside the dialog, Escape closes it and gives the focus back to "edit plan";
//! - removing a phase puts the focus on the same button of the phase now in its place;
//! - even with the focus on the page's body while the dialog is open, Tab brings it
//!   back in and Escape closes the dialog;
//! - the same mistake elsewhere: revoking a link (confirmed in the dialog) leaves the
//!   focus in the links panel, and ending the session moves it from the hidden "End
//!   session" on to "Start next session".

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::Method;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{WAIT, artifact, assert_no_console_errors, js, require_client};
use ovaal_tests::browser::Browser;
use ovaal_tests::browser::Page;
use ovaal_tests::facilitation_page::{
    Person, create_link, link_rows, open_as, wait_confirm_dialog,
};

/// Puts the focus on `selector` and presses `key` there (Enter on a button clicks it).
async fn press_on(page: &Page, selector: &str, key: &str) -> Result<()> {
    let found = page
        .eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; \
             e.focus(); return document.activeElement === e; }})()",
            js(selector)
        ))
        .await?;
    ensure!(found == true, "cannot focus {selector}");
    page.press_key(key).await
}

/// Waits until the focus is on an element matching `selector`.
async fn wait_focus(page: &Page, selector: &str, what: &str) -> Result<()> {
    page.wait_for(
        &format!("!!document.activeElement?.matches({})", js(selector)),
        WAIT,
    )
    .await
    .map(|_| ())
    .with_context(|| format!("{what}: the focus is not on {selector}"))
}

async fn focused(page: &Page) -> Result<String> {
    Ok(page
        .eval("document.activeElement?.outerHTML?.slice(0, 120) ?? 'nothing'")
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

const PLAN_OPEN: &str = "!!document.querySelector('#plan-dialog')?.isConnected";

/// Presses Tab `times` times; after each the focus must still be inside the plan editor.
async fn tab_stays_inside(page: &Page, times: usize) -> Result<()> {
    for i in 1..=times {
        page.press_key("Tab").await?;
        let inside = page
            .eval("!!document.activeElement?.closest('#plan-dialog')")
            .await?;
        ensure!(
            inside == true,
            "Tab {i} left the plan editor for {}",
            focused(page).await?
        );
    }
    Ok(())
}

#[tokio::test]
async fn the_focus_stays_in_dialogs_and_comes_back_to_what_opened_them() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Fasen bijstellen", Method::Incident)
        .await?;
    let browser = Browser::launch().await?;
    let fenna = browser.new_page(1280, 900).await?;
    open_as(
        &fenna,
        Person::Facilitator,
        &session.facilitator_url,
        "Fenna",
        Some(0),
    )
    .await?;

    // Open the plan editor, then the form for a new phase, then Cancel.
    press_on(&fenna, "#plan-edit", "Enter").await?;
    fenna
        .wait_for(PLAN_OPEN, WAIT)
        .await
        .context("#plan-edit did not open the plan editor")?;
    press_on(&fenna, "#plan-add", "Enter").await?;
    wait_focus(&fenna, "#phase-name-nl", "the new phase's form opened").await?;
    press_on(&fenna, "#phase-form-cancel", "Enter").await?;
    fenna
        .wait_for(
            "document.querySelector('#phase-form')?.hidden === true",
            WAIT,
        )
        .await
        .context("Cancel did not close the phase form")?;
    wait_focus(
        &fenna,
        "#plan-dialog #plan-add",
        "after Cancel on a new phase",
    )
    .await?;
    fenna
        .screenshot(artifact("dialog-focus-1-after-cancel.png"))
        .await?;
    tab_stays_inside(&fenna, 40).await?;

    // Editing a phase: Cancel goes back to that phase's edit button.
    let second = fenna
        .eval("document.querySelectorAll('#plan-list li.plan-row')[1]?.dataset.phaseId ?? null")
        .await?;
    let second = second
        .as_str()
        .context("the plan has no second phase")?
        .to_owned();
    let edit = format!("li.plan-row[data-phase-id={}] .plan-edit", js(&second));
    press_on(&fenna, &edit, "Enter").await?;
    wait_focus(&fenna, "#phase-name-nl", "the phase's form opened").await?;
    press_on(&fenna, "#phase-form-cancel", "Enter").await?;
    wait_focus(&fenna, &edit, "after Cancel on an edited phase").await?;

    // Saving does the same (the list is drawn anew, the focus finds the new button).
    press_on(&fenna, &edit, "Enter").await?;
    wait_focus(&fenna, "#phase-name-nl", "the phase's form opened again").await?;
    fenna
        .eval(
            "(() => { const i = document.querySelector('#phase-name-en'); \
             i.value = 'Pitches, shorter'; i.dispatchEvent(new Event('input')); })()",
        )
        .await?;
    press_on(&fenna, "#phase-save", "Enter").await?;
    fenna
        .wait_for(
            &format!(
                "document.querySelector('#phase-form')?.hidden === true && \
                 document.querySelector({})?.textContent.includes('Pitches, shorter')",
                js(&format!(
                    "li.plan-row[data-phase-id={}] .plan-name",
                    js(&second)
                ))
            ),
            WAIT,
        )
        .await
        .context("saving the phase did not close the form with the new name listed")?;
    wait_focus(&fenna, &edit, "after saving an edited phase").await?;

    // Removing the last phase: the focus goes to the remove button now last.
    let rows = "document.querySelectorAll('#plan-list li.plan-row').length";
    let before = fenna.eval(rows).await?.as_u64().context("rows")?;
    press_on(
        &fenna,
        "#plan-list li.plan-row:last-child .plan-remove",
        "Enter",
    )
    .await?;
    fenna
        .wait_for(&format!("{rows} === {}", before - 1), WAIT)
        .await
        .context("the phase was not removed")?;
    wait_focus(
        &fenna,
        "#plan-list li.plan-row:last-child .plan-remove",
        "after removing the last phase",
    )
    .await?;

    // Escape closes the editor and gives the focus back to "edit plan".
    fenna.press_key("Escape").await?;
    fenna
        .wait_for(&format!("!{PLAN_OPEN}"), WAIT)
        .await
        .context("Escape did not close the plan editor")?;
    wait_focus(&fenna, "#plan-edit", "after Escape").await?;

    // With the focus lost to the page's body, Tab comes back in and Escape still works.
    press_on(&fenna, "#plan-edit", "Enter").await?;
    fenna.wait_for(PLAN_OPEN, WAIT).await?;
    fenna.eval("document.activeElement.blur()").await?;
    ensure!(
        fenna
            .eval("document.activeElement === document.body")
            .await?
            == true,
        "the focus did not leave the dialog for the test"
    );
    fenna.press_key("Tab").await?;
    ensure!(
        fenna
            .eval("!!document.activeElement?.closest('#plan-dialog')")
            .await?
            == true,
        "Tab from the page's body went to {} instead of into the open dialog",
        focused(&fenna).await?
    );
    fenna.eval("document.activeElement.blur()").await?;
    fenna.press_key("Escape").await?;
    fenna
        .wait_for(&format!("!{PLAN_OPEN}"), WAIT)
        .await
        .context("Escape with the focus on the page's body did not close the dialog")?;

    // Revoking a link: its row goes, the focus stays in the panel.
    let (_, row) = create_link(&fenna, "participant", "Team Noord").await?;
    let revoke = format!(
        "li.link-row[data-link-id={}] button.link-revoke",
        js(&row.id)
    );
    press_on(&fenna, &revoke, "Enter").await?;
    wait_confirm_dialog(&fenna).await?;
    press_on(&fenna, "#confirm-yes", "Enter").await?;
    fenna
        .wait_for(&format!("!document.querySelector({})", js(&revoke)), WAIT)
        .await
        .context("the revoked link stays listed")?;
    ensure!(
        !link_rows(&fenna).await?.iter().any(|r| r.id == row.id),
        "the revoked link is still a row"
    );
    wait_focus(
        &fenna,
        "#links-panel button.link-revoke, #links-refresh",
        "after revoking a link",
    )
    .await?;

    // Ending the session hides "End session"; the focus moves on to the next session.
    press_on(&fenna, "#end-session", "Enter").await?;
    wait_confirm_dialog(&fenna).await?;
    press_on(&fenna, "#confirm-yes", "Enter").await?;
    fenna
        .wait_for(
            "document.querySelector('#end-session')?.getClientRects().length === 0",
            WAIT,
        )
        .await
        .context("ending did not hide \"End session\"")?;
    wait_focus(&fenna, "#next-session", "after ending the session").await?;
    fenna
        .screenshot(artifact("dialog-focus-2-ended.png"))
        .await?;
    assert_no_console_errors(&[("facilitator", &fenna)]).await
}
