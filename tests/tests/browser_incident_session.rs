//! A whole incident-method session in three browsers — the facilitator, the person who
//! brings the case and a participant — driven only through the page:
//!
//! - the facilitator walks the phases with `#phase-next`; every page follows and names
//!   the phase, its instruction and the card kinds it allows;
//! - the case-holder writes a case card; the facilitator puts them in the hot seat and
//!   every page shows it;
//! - in the question round advice cannot even be chosen; in the advice round the
//!   case-holder listens: their compose form is gone and `body[data-caseholder-mode]`
//!   says `listens`;
//! - in the evaluation the case-holder labels the question warm and marks the advice
//!   useful — the participant sees both and has no controls for them — and writes
//!   their next step as an action card.
//!
//! Every phase of every page is screenshotted to `tests/artifacts/incident-*.png`.

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::Method;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{WAIT, assert_no_console_errors, card_id, require_client};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{
    add_card, can_compose, caseholder_mode, current_phase, kinds_offered, label_question,
    mark_useful, next_phase, phase_ids, put_in_hot_seat, screenshot_all, three_people,
    triage_controls, wait_label, wait_phase, wait_useful_mark,
};

/// The incident method's phases, as the template in `shared` names them.
const PHASES: [&str; 7] = [
    "review",
    "pitches",
    "choose",
    "questions",
    "analysis",
    "advice",
    "evaluation",
];

/// What every page says about the current phase: the instruction and the kinds.
async fn phase_texts(page: &Page) -> Result<(String, String)> {
    let value = page
        .wait_for(
            "(() => { const i = document.querySelector('#phase-instruction')?.textContent.trim(); \
             const k = document.querySelector('#phase-kinds')?.textContent.trim(); \
             return i && k ? [i, k] : null; })()",
            WAIT,
        )
        .await
        .context("#phase-instruction or #phase-kinds is missing or empty")?;
    Ok((
        value[0].as_str().unwrap_or_default().to_owned(),
        value[1].as_str().unwrap_or_default().to_owned(),
    ))
}

#[tokio::test]
async fn an_incident_session_runs_from_review_to_evaluation() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Intervisie team Zuid", Method::Incident)
        .await?;
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let (fenna, carla, piet) = (&people.facilitator, &people.caseholder, &people.participant);
    let carla_id = &people.caseholder_id;
    let pages = people.pages();
    let others = people.others();
    let shoot = |step: &'static str| screenshot_all("incident", step, &pages);

    // Everyone starts in the first phase of the plan, and sees the same plan.
    let plan = phase_ids(fenna).await?;
    ensure!(plan == PHASES, "the facilitator's phase bar lists {plan:?}");
    for (who, page) in pages {
        wait_phase(page, "review").await?;
        ensure!(
            phase_ids(page).await? == PHASES,
            "the {who}'s phase bar differs"
        );
        let (instruction, kinds) = phase_texts(page).await?;
        ensure!(
            !instruction.is_empty() && !kinds.is_empty(),
            "the {who} is not told what to do"
        );
    }
    // Only the facilitator runs the phases.
    for page in others {
        ensure!(
            page.eval(
                "![...document.querySelectorAll('#phase-next, #phase-prev, [data-jump-phase], \
                 #timer-start, button[data-hot-seat]')].some(e => e.getClientRects().length > 0)"
            )
            .await?
                == true,
            "a participant's page offers the facilitator's phase controls"
        );
    }
    shoot("1-review").await?;

    // Case pitches: Carla brings a case; everyone sees it.
    ensure!(next_phase(fenna, &others).await? == "pitches");
    let case = "Mijn teamleider geeft geen feedback meer sinds de reorganisatie";
    add_card(carla, "case", case).await?;
    for page in [fenna, piet] {
        card_id(page, case).await?;
    }
    shoot("2-pitches").await?;

    // Choose: the facilitator puts Carla in the hot seat, which every page shows.
    ensure!(next_phase(fenna, &others).await? == "choose");
    put_in_hot_seat(fenna, carla_id, &others).await?;
    shoot("3-choose").await?;

    // Question round: questions, and no advice to choose from.
    ensure!(next_phase(fenna, &others).await? == "questions");
    let offered = kinds_offered(piet).await?;
    ensure!(
        offered.iter().any(|k| k == "question") && !offered.iter().any(|k| k == "advice"),
        "in the question round the kind select offers {offered:?}"
    );
    let question = "Wanneer kreeg je voor het laatst feedback?";
    let question_id = add_card(piet, "question", question).await?;
    for page in [fenna, carla] {
        card_id(page, question).await?;
    }
    shoot("4-questions").await?;

    // Analysis without the case-holder.
    ensure!(next_phase(fenna, &others).await? == "analysis");
    ensure!(
        caseholder_mode(carla).await?.as_deref() == Some("listens"),
        "in the analysis the case-holder's page is not in listening mode"
    );
    shoot("5-analysis").await?;

    // Advice round: Piet advises; Carla listens and cannot add a card.
    ensure!(next_phase(fenna, &others).await? == "advice");
    let advice = "Plan zelf een gesprek in en vraag concreet om feedback";
    let advice_id = add_card(piet, "advice", advice).await?;
    carla
        .wait_for("document.body.dataset.caseholderMode === 'listens'", WAIT)
        .await
        .context("the case-holder's page does not say body[data-caseholder-mode=listens]")?;
    ensure!(
        !can_compose(carla).await?,
        "the listening case-holder can still write a card"
    );
    ensure!(
        can_compose(piet).await?,
        "the participant cannot write advice in the advice round"
    );
    card_id(carla, advice).await?;
    shoot("6-advice").await?;

    // Evaluation: Carla triages and names her next step.
    ensure!(next_phase(fenna, &others).await? == "evaluation");
    ensure!(
        caseholder_mode(carla).await?.as_deref() != Some("listens"),
        "the case-holder still only listens in the evaluation"
    );
    // Piet's two cards lie on top of each other in front of his seat (new cards
    // start at the same place), so Carla triages in the list view.
    carla.click("button[data-view='list']").await?;
    carla
        .wait_for("document.body.dataset.view === 'list'", WAIT)
        .await?;
    label_question(carla, &question_id, "warm").await?;
    mark_useful(carla, &advice_id).await?;
    wait_label(piet, &question_id, "warm").await?;
    wait_useful_mark(piet, &advice_id).await?;
    wait_label(fenna, &question_id, "warm").await?;
    for (who, page) in [("participant", piet), ("facilitator", fenna)] {
        let controls = triage_controls(page).await?;
        ensure!(
            controls == 0,
            "the {who} has {controls} triage controls; only the case-holder labels"
        );
    }
    let action = "Volgende week vraag ik mijn teamleider om een gesprek";
    add_card(carla, "action", action).await?;
    for page in [fenna, piet] {
        card_id(page, action).await?;
    }
    ensure!(
        current_phase(piet).await?.as_deref() == Some("evaluation"),
        "the participant left the evaluation by itself"
    );
    shoot("7-evaluation").await?;

    assert_no_console_errors(&pages).await
}
