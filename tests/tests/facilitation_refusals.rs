//! Over a raw protocol connection, a participant or observer who tries to run the
//! session, touch someone else's cards or labels, or write when they may not, is
//! refused: not applied, not sent to anyone, not stored, and told why.

use ovaal_tests::control::wait_for_control;
use std::time::Duration;

use ovaal_shared::board::control::{read_hot_seat, write_hot_seat};
use ovaal_shared::board::facilitation::{
    Timer, read_facilitation, write_locked, write_phase, write_plan, write_timer,
};
use ovaal_shared::board::participant::{delete_card, move_card};
use ovaal_shared::board::{CardKind, Method, Position, templates};
use ovaal_shared::permissions::Refusal;
use ovaal_shared::{DocName, ParticipantId};
use ovaal_tests::{ProtocolClient, TestServer};
use yrs::{Map, Transact};

/// Sends a write and expects exactly this refusal for it.
async fn expect_refused(
    client: &mut ProtocolClient,
    doc: &DocName,
    refusal: Refusal,
    what: &str,
    change: impl FnOnce(&yrs::Doc),
) -> anyhow::Result<()> {
    let before = client.refusals.len();
    client.edit(doc, change).await?;
    client
        .wait_until(what, |c| c.refusals.len() > before)
        .await?;
    let (refused_doc, code, reason) = &client.refusals[before];
    assert_eq!(refused_doc, doc, "{what}");
    assert_eq!(*code, refusal.code(), "{what}: {reason}");
    assert!(!reason.is_empty(), "{what}: the sender is told why");
    Ok(())
}

fn author(c: &ProtocolClient) -> ParticipantId {
    c.participant().clone()
}

#[tokio::test]
async fn participants_cannot_run_the_session_or_touch_what_is_not_theirs() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Incidentmethode", Method::Incident)
        .await?;
    let url = server.ws_url(&session.id);
    let mut facilitator = ProtocolClient::connect(&url, &session.facilitator).await?;
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    let mut bram = ProtocolClient::connect(&url, &session.participant).await?;
    let mut observer = ProtocolClient::connect(&url, &session.observer).await?;
    for c in [&mut facilitator, &mut anna, &mut bram, &mut observer] {
        wait_for_control(c).await?;
    }
    let card = anna
        .add_card(CardKind::Question, "Wat wil je bereiken?")
        .await?;
    let annas = anna.my_doc_name();
    bram.wait_until("Anna's card", |c| c.all_card_texts().len() == 1)
        .await?;
    let control = DocName::Control;

    // Running the session is the facilitator's: phase, timer, plan, lock, hot seat.
    let bram_id = author(&bram);
    expect_refused(
        &mut bram,
        &control,
        Refusal::FacilitatorOnly,
        "phase",
        |d| write_phase(d, "advice"),
    )
    .await?;
    expect_refused(
        &mut bram,
        &control,
        Refusal::FacilitatorOnly,
        "timer",
        |d| write_timer(d, Timer::start(99, 0)),
    )
    .await?;
    expect_refused(&mut bram, &control, Refusal::FacilitatorOnly, "plan", |d| {
        write_plan(d, &templates::phases(Method::Free))
    })
    .await?;
    expect_refused(&mut bram, &control, Refusal::FacilitatorOnly, "lock", |d| {
        write_locked(d, true)
    })
    .await?;
    expect_refused(
        &mut bram,
        &control,
        Refusal::FacilitatorOnly,
        "hot seat",
        move |d| write_hot_seat(d, Some(&bram_id)),
    )
    .await?;
    // Someone else's card: change, move, delete.
    let id = card.clone();
    expect_refused(
        &mut bram,
        &annas,
        Refusal::NotYourDocument,
        "move",
        move |d| move_card(d, &id, Position::CENTRE).expect("card is known locally"),
    )
    .await?;
    let id = card.clone();
    expect_refused(
        &mut bram,
        &annas,
        Refusal::NotYourDocument,
        "delete",
        move |d| delete_card(d, &id).expect("card is known locally"),
    )
    .await?;
    // Observers write nothing at all.
    expect_refused(
        &mut observer,
        &control,
        Refusal::ReadOnlyRole,
        "observer control",
        |d| write_locked(d, true),
    )
    .await?;
    let observers_own = observer.my_doc_name();
    let before = observer.refusals.len();
    observer
        .add_card_to(&observers_own, CardKind::Theme, "stiekem")
        .await?;
    observer
        .wait_until("a refusal", |c| c.refusals.len() > before)
        .await?;
    assert_eq!(observer.refusals[before].1, Refusal::ReadOnlyRole.code());

    // The case-holder's labels are theirs alone.
    let anna_id = author(&anna);
    facilitator
        .edit(&control, move |d| {
            write_hot_seat(d, Some(&anna_id));
            write_phase(d, "questions");
        })
        .await?;
    for c in [&mut anna, &mut bram] {
        c.wait_until("Anna in the hot seat", |c| {
            c.docs
                .get(&DocName::Control)
                .and_then(read_hot_seat)
                .as_ref()
                == Some(c.participant())
                || c.docs
                    .get(&DocName::Control)
                    .and_then(read_hot_seat)
                    .is_some()
        })
        .await?;
    }
    let label_key = format!("{}/{card}", author(&anna));
    let key = label_key.clone();
    expect_refused(
        &mut bram,
        &DocName::Triage,
        Refusal::NotCaseholder,
        "label by a participant",
        move |d| {
            d.get_or_insert_map("labels")
                .insert(&mut d.transact_mut(), key.as_str(), "cold");
        },
    )
    .await?;
    let key = label_key.clone();
    expect_refused(
        &mut facilitator,
        &DocName::Triage,
        Refusal::NotCaseholder,
        "label by the facilitator",
        move |d| {
            d.get_or_insert_map("labels")
                .insert(&mut d.transact_mut(), key.as_str(), "cold");
        },
    )
    .await?;
    let key = label_key.clone();
    anna.edit(&DocName::Triage, move |d| {
        d.get_or_insert_map("labels")
            .insert(&mut d.transact_mut(), key.as_str(), "warm");
    })
    .await?;
    bram.wait_until("the case-holder's label", |c| {
        c.docs.contains_key(&DocName::Triage)
    })
    .await?;

    // In the advice round the case-holder listens and adds no cards.
    facilitator
        .edit(&control, |d| write_phase(d, "advice"))
        .await?;
    anna.wait_until("the advice round", |c| {
        c.docs
            .get(&DocName::Control)
            .and_then(|d| read_facilitation(d).phase)
            == Some("advice".into())
    })
    .await?;
    let before = anna.refusals.len();
    anna.add_card(CardKind::Advice, "mijn eigen advies").await?;
    anna.wait_until("a refusal", |c| c.refusals.len() > before)
        .await?;
    assert_eq!(anna.refusals[before].1, Refusal::CaseholderListens.code());

    // A locked board: only the facilitator writes.
    facilitator
        .edit(&control, |d| write_locked(d, true))
        .await?;
    bram.wait_until("the lock", |c| {
        c.docs
            .get(&DocName::Control)
            .is_some_and(|d| read_facilitation(d).locked)
    })
    .await?;
    let before = bram.refusals.len();
    bram.add_card(CardKind::Advice, "te laat").await?;
    bram.wait_until("a refusal", |c| c.refusals.len() > before)
        .await?;
    assert_eq!(bram.refusals[before].1, Refusal::BoardLocked.code());
    facilitator
        .add_card(CardKind::Insight, "de begeleider mag")
        .await?;

    // None of the refused writes reached anyone or the store.
    let mut late = ProtocolClient::connect(&url, &session.observer).await?;
    late.wait_until("the honest cards", |c| c.all_card_texts().len() == 2)
        .await?;
    late.drain_for(Duration::from_millis(200)).await?;
    assert_eq!(
        late.all_card_texts(),
        ["Wat wil je bereiken?", "de begeleider mag"]
    );
    let f = read_facilitation(late.doc(&control));
    assert_eq!(f.phase.as_deref(), Some("advice"));
    assert!(
        matches!(f.timer, Timer::Idle),
        "a participant's timer was applied"
    );
    assert_eq!(
        f.plan,
        templates::phases(Method::Incident),
        "a participant's plan was applied"
    );
    assert_eq!(
        read_hot_seat(late.doc(&control)).as_ref(),
        Some(&author(&anna)),
        "a participant's hot seat was applied"
    );
    let triage = late.doc(&DocName::Triage);
    let labels = triage.get_or_insert_map("labels");
    let value = labels
        .get(&triage.transact(), label_key.as_str())
        .map(|v| v.to_string(&triage.transact()));
    assert_eq!(
        value.as_deref(),
        Some("warm"),
        "someone else's label was applied"
    );
    Ok(())
}
