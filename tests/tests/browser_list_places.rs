//! The list view groups by person and by kind, never by where a card's stored position
//! happens to lie: a card dragged across the table still shows under its author; a card
//! moved to another place ("move to…", its stored `place`) shows under that place with
//! its author named; the hot seat's case lies in the table centre; within a person the
//! cards go by kind. Card text is `dir="auto"`: Hebrew reads right to left.

use anyhow::{Context, Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::arrangement::move_to_place;
use ovaal_shared::board::control::write_hot_seat;
use ovaal_shared::board::participant::move_card;
use ovaal_shared::board::{CardKind, Position};
use ovaal_shared::layout::Place;
use ovaal_tests::board_page::{WAIT, artifact, assert_no_console_errors, js, require_client};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::control::connect_facilitator;
use ovaal_tests::facilitation_page::{Person, open_as};
use ovaal_tests::scene::{create_session, ws_url};
use ovaal_tests::{ProtocolClient, TestServer};

const HEBREW: &str = "מה היית עושה אחרת?";

#[tokio::test]
async fn the_list_groups_by_person_and_moved_cards_by_their_place() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = create_session(server.addr, "Intervisie", "free", 8).await?;
    let url = ws_url(server.addr, &session);
    let mut anna = ProtocolClient::connect(&url, &session.links.participant).await?;
    anna.join_table("Anna", 1).await?;
    // Written advice first, theme last: the list shows them by kind.
    let advice = anna.add_card(CardKind::Advice, "Neem pauzes").await?;
    let question = anna.add_card(CardKind::Question, HEBREW).await?;
    let theme = anna.add_card(CardKind::Theme, "Werkdruk").await?;
    let mut bram = ProtocolClient::connect(&url, &session.links.participant).await?;
    bram.join_table("Bram", 4).await?;
    let case = bram.add_card(CardKind::Case, "Nee zeggen").await?;
    let to_anna = bram
        .add_card(CardKind::Advice, "Vraag het haar zelf")
        .await?;
    // Dragged: Anna's theme lies far from her seat now (stored position only).
    let mine = anna.my_doc_name();
    anna.edit(&mine, |doc| {
        move_card(doc, &theme, Position { x: 0.9, y: 0.9 }).expect("Anna's theme");
    })
    .await?;
    // Moved: Bram's advice goes to Anna's place.
    let brams = bram.my_doc_name();
    bram.edit(&brams, |doc| {
        move_to_place(doc, &to_anna, Place::Seat(1), None).expect("Bram's advice");
    })
    .await?;
    for client in [&mut anna, &mut bram] {
        client.round_trip().await?;
        ensure!(client.refusals.is_empty(), "{:?}", client.refusals);
    }

    let browser = Browser::launch().await?;
    let fien = browser.new_page(1280, 900).await?;
    open_as(
        &fien,
        Person::Facilitator,
        &session.links.facilitator_url,
        "Fien",
        Some(0),
    )
    .await?;
    fien.click("button[data-view='list']").await?;
    let seat1 = "li.list-group[data-group='seat-1']";
    let seat4 = "li.list-group[data-group='seat-4']";
    wait_cards(
        &fien,
        seat1,
        &[
            theme.as_str(),
            question.as_str(),
            advice.as_str(),
            to_anna.as_str(),
        ],
    )
    .await
    .context("Anna's group: her cards by kind (the dragged theme too), then Bram's moved advice")?;
    wait_cards(&fien, seat4, &[case.as_str()]).await?;
    let byline = fien
        .eval(&format!(
            "document.querySelector({}).textContent",
            js(&format!(
                "{seat1} li.list-card[data-card-id='{to_anna}'] .list-card-author"
            ))
        ))
        .await?;
    let byline = byline.as_str().unwrap_or_default();
    ensure!(
        byline.contains("Bram"),
        "the moved card does not name its author: {byline:?}"
    );

    // The hot seat's case lies in the centre.
    let mut facilitator = connect_facilitator(&url, &session.links.facilitator).await?;
    let bram_id = bram.participant().clone();
    facilitator
        .edit(&DocName::Control, |doc| write_hot_seat(doc, Some(&bram_id)))
        .await?;
    facilitator.round_trip().await?;
    wait_cards(
        &fien,
        "li.list-group[data-group='centre']",
        &[case.as_str()],
    )
    .await
    .context("the hot seat's case is not in the table centre")?;
    wait_cards(&fien, seat4, &[]).await?;

    // Hebrew reads right to left.
    let direction = fien
        .eval(&format!(
            "(() => {{ const t = document.querySelector({}); \
             return [t.getAttribute('dir'), getComputedStyle(t).direction]; }})()",
            js(&format!(
                "li.list-card[data-card-id='{question}'] .list-card-text"
            ))
        ))
        .await?;
    ensure!(
        direction == serde_json::json!(["auto", "rtl"]),
        "the Hebrew card's [dir, direction] is {direction}"
    );
    fien.screenshot(artifact("list-places.png")).await?;
    assert_no_console_errors(&[("facilitator", &fien)]).await
}

/// Waits until the group `group` lists exactly the cards `ids`, in this order.
async fn wait_cards(page: &Page, group: &str, ids: &[&str]) -> Result<()> {
    let expected = serde_json::to_string(ids)?;
    let listed = format!(
        "JSON.stringify([...document.querySelectorAll({})].map(li => li.dataset.cardId))",
        js(&format!("{group} li.list-card"))
    );
    page.wait_for(&format!("{listed} === {}", js(&expected)), WAIT)
        .await
        .map(|_| ())
        .with_context(|| format!("{group} does not list {expected}"))
}
