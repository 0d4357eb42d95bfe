//! "Start next session" after an incident-method session: the dialog suggests the
//! next title ("… — 2"), lists this session's cards by phase in the plan's order and
//! within a phase by kind (the case before the theme), shows the case-holder's marks
//! (the useful advice, the warm question), and ticks themes, actions and the useful
//! advice to begin with. The facilitator unticks the theme and ticks the warm
//! question; the new session then carries exactly the ticked cards — read from the
//! server by a protocol client on the new session's own facilitator link.

use std::collections::BTreeSet;

use anyhow::{Context, Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::Method;
use ovaal_shared::board::carried::read_carried;
use ovaal_tests::board_page::{WAIT, artifact, assert_no_console_errors, js, require_client};
use ovaal_tests::facilitation_page::{
    ThreePeople, add_card, jump_to_phase, label_question, mark_useful, put_in_hot_seat, shown_link,
    three_people, wait_card, wait_label, wait_useful_mark,
};
use ovaal_tests::{ProtocolClient, TestServer};
use serde_json::Value;

#[tokio::test]
async fn the_next_session_dialog_suggests_groups_preselects_and_carries_the_choice() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Intervisie team Zuid", Method::Incident)
        .await?;
    let browser = ovaal_tests::browser::Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let ThreePeople {
        facilitator: fenna,
        caseholder: carla,
        participant: piet,
        caseholder_id: carla_id,
        participant_id: piet_id,
    } = &people;
    let everyone = [carla, piet];

    // A session's worth of cards, over four phases.
    jump_to_phase(fenna, "pitches", &everyone).await?;
    let theme = add_card(piet, "theme", "Werkdruk in het team").await?;
    let case = add_card(carla, "case", "Mijn team loopt vast in de planning").await?;
    put_in_hot_seat(fenna, carla_id, &everyone).await?;
    jump_to_phase(fenna, "questions", &everyone).await?;
    let warm = add_card(piet, "question", "Wat heb je al geprobeerd?").await?;
    let plain = add_card(piet, "question", "Wie beslist er over de planning?").await?;
    jump_to_phase(fenna, "advice", &everyone).await?;
    let unused = add_card(piet, "advice", "Plan een teamdag").await?;
    let useful = add_card(piet, "advice", "Vraag je leidinggevende om hulp").await?;
    jump_to_phase(fenna, "evaluation", &everyone).await?;
    // The case-holder triages in the evaluation, in the list view (new cards lie on
    // top of each other in front of their author's seat).
    carla.click("button[data-view='list']").await?;
    carla
        .wait_for("document.body.dataset.view === 'list'", WAIT)
        .await?;
    wait_card(carla, "Vraag je leidinggevende om hulp").await?;
    label_question(carla, &warm, "warm").await?;
    mark_useful(carla, &useful).await?;
    wait_label(fenna, &warm, "warm").await?;
    wait_useful_mark(fenna, &useful).await?;
    let action = add_card(carla, "action", "Ik plan volgende week een gesprek").await?;
    wait_card(fenna, "Ik plan volgende week een gesprek").await?;

    let key = |author: &str, card: &str| format!("{author}/{card}");
    let (theme_k, case_k) = (key(piet_id, &theme), key(carla_id, &case));
    let (warm_k, plain_k) = (key(piet_id, &warm), key(piet_id, &plain));
    let (unused_k, useful_k) = (key(piet_id, &unused), key(piet_id, &useful));
    let action_k = key(carla_id, &action);

    fenna.click("#next-session").await?;
    fenna
        .wait_for(
            "document.querySelectorAll('#next-dialog input.next-carry').length === 7",
            WAIT,
        )
        .await
        .context("the next-session dialog does not offer the session's seven cards")?;
    let title = fenna
        .eval("document.querySelector('#next-title').value")
        .await?;
    ensure!(
        title == "Intervisie team Zuid — 2",
        "the next session's title is suggested as {title}"
    );

    // By phase, in the plan's order; within a phase by kind, then by time.
    let shown = fenna
        .eval(
            "[...document.querySelectorAll('#next-dialog fieldset.next-group')].map(g => \
             [g.dataset.phaseId ?? null, [...g.querySelectorAll('input.next-carry')] \
               .map(i => i.dataset.cardKey)])",
        )
        .await?;
    let expected = serde_json::json!([
        ["pitches", [case_k, theme_k]],
        ["questions", [warm_k, plain_k]],
        ["advice", [unused_k, useful_k]],
        ["evaluation", [action_k]],
    ]);
    ensure!(
        shown == expected,
        "the cards are listed as {shown}, expected {expected}"
    );
    let legends = fenna
        .eval(
            "[...document.querySelectorAll('#next-dialog .next-group-name')].map(l => l.textContent)",
        )
        .await?;
    ensure!(
        legends
            == serde_json::json!([
                "Case pitches",
                "Question round",
                "Advice round",
                "Evaluation"
            ]),
        "the groups are named {legends}"
    );

    // Ticked to begin with: the theme, the action, the useful advice.
    let ticked = |page_value: Value| -> BTreeSet<String> {
        page_value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    let checked_js = "[...document.querySelectorAll('#next-dialog input.next-carry:checked')] \
                      .map(i => i.dataset.cardKey)";
    let checked = ticked(fenna.eval(checked_js).await?);
    let wanted: BTreeSet<String> = [&theme_k, &action_k, &useful_k]
        .into_iter()
        .cloned()
        .collect();
    ensure!(
        checked == wanted,
        "ticked to begin with: {checked:?}, expected {wanted:?}"
    );

    // The case-holder's marks, with their words.
    let mark = |card_key: &str| {
        format!(
            "[...document.querySelector('#next-dialog input[data-card-key=\"{card_key}\"]')\
             .closest('label').querySelectorAll('.next-mark')].map(m => \
             [m.dataset.mark, m.dataset.label ?? null, m.textContent.trim()])"
        )
    };
    let marks = [
        fenna.eval(&mark(&useful_k)).await?,
        fenna.eval(&mark(&warm_k)).await?,
        fenna.eval(&mark(&unused_k)).await?,
    ];
    ensure!(
        marks
            == [
                serde_json::json!([["useful", null, "👍 useful"]]),
                serde_json::json!([["label", "warm", "🔥 warm"]]),
                serde_json::json!([]),
            ],
        "the marks in the dialog are {marks:?}"
    );
    fenna
        .screenshot(artifact("next-session-dialog.png"))
        .await?;

    // Leave the theme behind, take the warm question along.
    let input = |card_key: &str| format!("#next-dialog input[data-card-key={}]", js(card_key));
    fenna.click(&input(&theme_k)).await?;
    fenna.click(&input(&warm_k)).await?;
    fenna.click("#next-create").await?;
    let link = shown_link(fenna, "#next-link-facilitator")
        .await
        .context("the new session's facilitator link is not shown")?;
    let token = link
        .split_once("#token=")
        .map(|(_, t)| t.to_owned())
        .context("no token in the new facilitator link")?;
    let id = link
        .split("/s/")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .context("no session id in the new link")?;
    let mut next = ProtocolClient::connect(&server.ws_url(&id.parse()?), &token).await?;
    next.round_trip().await?;
    let carried: BTreeSet<String> = read_carried(next.doc(&DocName::Carried))
        .into_iter()
        .map(|c| c.text)
        .collect();
    let expected: BTreeSet<String> = [
        "Wat heb je al geprobeerd?",
        "Vraag je leidinggevende om hulp",
        "Ik plan volgende week een gesprek",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    ensure!(
        carried == expected,
        "the next session carries {carried:?}, expected {expected:?}"
    );
    assert_no_console_errors(&people.pages()).await
}
