//! The server holds every write to the board schema (docs/board-schema.md) and to the
//! budgets, whoever sends it: content kinds the board never uses, values out of range,
//! keys it does not know, history it does not have. Refused writes are not applied,
//! relayed or stored; a write that changes nothing is never refused.

use ovaal_server::Limits;
use ovaal_server::config::Budget;
use ovaal_shared::DocName;
use ovaal_shared::board::facilitation::{read_facilitation, start_plan, write_locked, write_phase};
use ovaal_shared::board::schema::SchemaError;
use ovaal_shared::board::{CardKind, Method};
use ovaal_shared::permissions::Refusal;
use ovaal_tests::control::connect_facilitator;
use ovaal_tests::hostile::{card_fields, contains, raw_card};
use ovaal_tests::{ProtocolClient, TestServer};
use yrs::{Any, Array, Doc, Map, MapPrelim, ReadTxn, Text, Transact, XmlFragment};

/// An update made by `change` on a scratch document, so the sending client's own copy
/// stays as the server has it.
fn crafted(change: impl FnOnce(&Doc)) -> Vec<u8> {
    let doc = Doc::new();
    change(&doc);
    doc.transact()
        .encode_state_as_update_v1(&yrs::StateVector::default())
}

/// What a newcomer receives of `doc`.
async fn newcomer_state(url: &str, token: &str, doc: &DocName) -> anyhow::Result<Vec<u8>> {
    let mut newcomer = ProtocolClient::connect(url, token).await?;
    newcomer.send_step1(doc).await?;
    newcomer.round_trip().await?;
    Ok(newcomer.state_of(doc).unwrap_or_default())
}

#[tokio::test]
async fn content_the_board_does_not_use_is_refused_and_goes_nowhere() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Schema").await?;
    let url = server.ws_url(&session.id);
    let mut mallory = ProtocolClient::connect(&url, &session.participant).await?;
    let own = mallory.my_doc_name();
    let attempts: Vec<(&str, Vec<u8>, u32)> = vec![
        (
            "a text type",
            crafted(|d| {
                d.get_or_insert_text("cards")
                    .insert(&mut d.transact_mut(), 0, "XTEXT")
            }),
            SchemaError::Malformed(ovaal_shared::update::UpdateError::ContentKind(4)).code(),
        ),
        (
            "an array root",
            crafted(|d| {
                d.get_or_insert_array("cards")
                    .push_back(&mut d.transact_mut(), "XARRAY");
            }),
            22,
        ),
        (
            "an xml fragment",
            crafted(|d| {
                d.get_or_insert_xml_fragment("profile")
                    .push_back(&mut d.transact_mut(), yrs::XmlTextPrelim::new("XXML"));
            }),
            20,
        ),
        (
            "an unknown root",
            crafted(|d| {
                d.get_or_insert_map("evil")
                    .insert(&mut d.transact_mut(), "k", "XEVIL");
            }),
            22,
        ),
        (
            "an unknown profile key",
            crafted(|d| {
                d.get_or_insert_map("profile")
                    .insert(&mut d.transact_mut(), "admin", "XADMIN");
            }),
            22,
        ),
        (
            "a map nested in the profile",
            crafted(|d| {
                d.get_or_insert_map("profile").insert(
                    &mut d.transact_mut(),
                    "name",
                    MapPrelim::from([("x", "XNEST")]),
                );
            }),
            22,
        ),
        (
            "a card nested in a card",
            crafted(|d| {
                let mut fields = card_fields("XDEEP");
                fields.push(("kind", Any::from("theme")));
                let inner = MapPrelim::from_iter(fields);
                d.get_or_insert_map("cards").insert(
                    &mut d.transact_mut(),
                    "card-outer-1",
                    MapPrelim::from([("text", inner)]),
                );
            }),
            22,
        ),
        (
            "an array value",
            crafted(|d| {
                d.get_or_insert_map("profile").insert(
                    &mut d.transact_mut(),
                    "name",
                    Any::from(vec![Any::from("XARR")]),
                );
            }),
            20,
        ),
        (
            "a card of 281 characters",
            crafted(|d| {
                raw_card(
                    d,
                    "card-long-1",
                    card_fields(&format!("X{}", "a".repeat(280))),
                );
            }),
            23,
        ),
        (
            "a card of 900,000 characters",
            crafted(|d| {
                raw_card(
                    d,
                    "card-huge-1",
                    card_fields(&format!("X{}", "b".repeat(900_000))),
                );
            }),
            23,
        ),
        (
            "a card that starts with a tab",
            crafted(|d| {
                raw_card(d, "card-tab-01", card_fields("\tXTAB"));
            }),
            23,
        ),
        (
            "an unknown card kind",
            crafted(|d| {
                let mut fields = card_fields("XKIND");
                fields[0] = ("kind", Any::from("virus"));
                raw_card(d, "card-kind-1", fields);
            }),
            23,
        ),
        (
            "a position off the board",
            crafted(|d| {
                let mut fields = card_fields("XPOS");
                fields[2] = ("x", Any::from(7.5));
                raw_card(d, "card-pos-01", fields);
            }),
            23,
        ),
        (
            "a bad card id",
            crafted(|d| {
                raw_card(d, "short", card_fields("XID"));
            }),
            23,
        ),
        (
            "a name of 41 characters",
            crafted(|d| {
                d.get_or_insert_map("profile").insert(
                    &mut d.transact_mut(),
                    "name",
                    "X".repeat(41),
                );
            }),
            23,
        ),
    ];
    for (n, (what, update, code)) in attempts.iter().enumerate() {
        mallory.send_update(&own, update.clone()).await?;
        let got = mallory.refusal(n + 1).await?;
        assert_eq!(got, *code, "{what}: refusal code");
    }
    assert!(mallory.closed.is_none(), "refusals keep the connection");
    mallory.wait_stored().await?;
    // Nothing of it reached the document: a newcomer receives none of the markers.
    let state = newcomer_state(&url, &session.observer, &own).await?;
    assert!(
        !contains(&state, b"X"),
        "refused content reached a newcomer"
    );
    // And an honest card from the same person still lands.
    let mut honest = ProtocolClient::connect(&url, &session.participant).await?;
    honest.add_card(CardKind::Theme, "gewoon een thema").await?;
    honest.wait_stored().await?;
    assert!(honest.refusals.is_empty());
    Ok(())
}

#[tokio::test]
async fn budgets_limit_cards_and_bytes_and_say_so() -> anyhow::Result<()> {
    let budget = Budget {
        cards_per_document: 5,
        participant_bytes: 1536,
        facilitator_bytes: 64 * 1024,
        session_bytes: 3 * 1024,
        documents_per_session: 1000,
    };
    let server = TestServer::start_with(Limits {
        budget,
        ..Limits::default()
    })
    .await?;
    let session = server.create_session("Begroting").await?;
    let url = server.ws_url(&session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    for i in 0..5 {
        anna.add_card(CardKind::Question, &format!("vraag {i}"))
            .await?;
    }
    anna.wait_stored().await?;
    assert!(anna.refusals.is_empty());
    // The sixth card, sent from a scratch copy so Anna's own copy stays as stored.
    let own = anna.my_doc_name();
    let sixth = crafted(|d| {
        raw_card(d, "card-sixth-1", card_fields("vraag 6"));
    });
    anna.send_update(&own, sixth).await?;
    assert_eq!(
        anna.refusal(1).await?,
        SchemaError::TooManyCards { max: 5 }.code()
    );
    assert!(
        anna.refusals[0].2.contains('5'),
        "the reason names the limit"
    );

    // Bytes: long cards from a second person fill their document.
    let mut bram = ProtocolClient::connect(&url, &session.participant).await?;
    let long = "lang ".repeat(55);
    let mut refused = None;
    for _ in 0..5 {
        bram.add_card(CardKind::Advice, long.trim()).await?;
        bram.round_trip().await?;
        if let Some(r) = bram.refusals.first() {
            refused = Some(r.1);
            break;
        }
    }
    assert_eq!(
        refused,
        Some(SchemaError::DocumentFull { max_bytes: 0 }.code()),
        "a full document is refused"
    );
    // The session as a whole: more people, each within their own budget.
    let mut session_full = false;
    for _ in 0..6 {
        let mut next = ProtocolClient::connect(&url, &session.participant).await?;
        for _ in 0..3 {
            next.add_card(CardKind::Advice, long.trim()).await?;
        }
        next.round_trip().await?;
        if next
            .refusals
            .iter()
            .any(|r| r.1 == SchemaError::SessionFull { max_bytes: 0 }.code())
        {
            session_full = true;
            break;
        }
    }
    assert!(session_full, "the session budget is enforced");
    Ok(())
}

#[tokio::test]
async fn an_update_with_a_gap_is_answered_with_our_state_and_then_arrives() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Gat").await?;
    let url = server.ws_url(&session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    let mut watcher = ProtocolClient::connect(&url, &session.observer).await?;
    // Two cards; only the second is sent live, so it depends on one the server lacks.
    anna.add_card_offline(CardKind::Theme, "eerste")?;
    let own = anna.my_doc_name();
    let before = anna.doc(&own).transact().state_vector();
    anna.add_card_offline(CardKind::Theme, "tweede")?;
    let second = anna.doc(&own).transact().encode_state_as_update_v1(&before);
    anna.send_update(&own, second).await?;
    // The server asks for what it lacks; the client's answer brings both.
    // Anna answers the server's question (its Step1) with what it lacks.
    anna.round_trip().await?;
    watcher
        .wait_until("both cards", |c| c.all_card_texts().len() == 2)
        .await?;
    anna.wait_stored().await?;
    assert!(anna.refusals.is_empty(), "{:?}", anna.refusals);

    // A Step2 with a gap is refused (no loop of questions): a scratch copy's second
    // card without its first.
    let scratch = Doc::new();
    raw_card(&scratch, "card-gap-01", card_fields("eerst"));
    let middle = scratch.transact().state_vector();
    raw_card(&scratch, "card-gap-02", card_fields("daarna"));
    let only_second = scratch.transact().encode_state_as_update_v1(&middle);
    anna.send_step2(&own, only_second).await?;
    assert_eq!(anna.refusal(1).await?, SchemaError::MissingHistory.code());
    Ok(())
}

#[tokio::test]
async fn a_write_that_changes_nothing_is_not_refused_on_a_locked_board() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Slot").await?;
    let url = server.ws_url(&session.id);
    let mut facilitator = connect_facilitator(&url, &session.facilitator).await?;
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.add_card(CardKind::Theme, "voor het slot").await?;
    anna.wait_stored().await?;
    facilitator
        .edit(&DocName::Control, |d| write_locked(d, true))
        .await?;
    anna.wait_until("the lock", |c| {
        c.docs
            .get(&DocName::Control)
            .is_some_and(|d| read_facilitation(d).locked)
    })
    .await?;
    let own = anna.my_doc_name();
    // The empty update, and the whole state again (what a reconnect sends).
    anna.send_step2(&own, vec![0, 0]).await?;
    let whole = anna
        .doc(&own)
        .transact()
        .encode_state_as_update_v1(&yrs::StateVector::default());
    anna.send_step2(&own, whole).await?;
    anna.reconnect().await?;
    anna.round_trip().await?;
    anna.wait_stored().await?;
    assert!(anna.refusals.is_empty(), "{:?}", anna.refusals);
    // A real change is still refused.
    anna.add_card(CardKind::Theme, "na het slot").await?;
    assert_eq!(anna.refusal(1).await?, Refusal::BoardLocked.code());
    Ok(())
}

#[tokio::test]
async fn private_documents_exist_only_for_private_rounds_of_the_plan() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Privé").await?;
    let url = server.ws_url(&session.id);
    let mut facilitator = connect_facilitator(&url, &session.facilitator).await?;
    facilitator
        .edit(&DocName::Control, |d| {
            start_plan(d, Method::CaseClinic);
            write_phase(d, "stillness");
        })
        .await?;
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.wait_until("the plan", |c| {
        c.docs
            .get(&DocName::Control)
            .is_some_and(|d| read_facilitation(d).phase.as_deref() == Some("stillness"))
    })
    .await?;
    let real = DocName::Private {
        phase: "stillness".into(),
        owner: anna.participant().clone(),
    };
    anna.add_card_to(&real, CardKind::Mirror, "ik zie").await?;
    anna.round_trip().await?;
    assert!(anna.refusals.is_empty(), "{:?}", anna.refusals);
    for made_up in ["made-up-1", "made-up-2"] {
        let doc = DocName::Private {
            phase: made_up.into(),
            owner: anna.participant().clone(),
        };
        anna.add_card_to(&doc, CardKind::Mirror, "verzonnen")
            .await?;
    }
    assert_eq!(anna.refusal(2).await?, SchemaError::NotAPrivateRound.code());
    let late = ProtocolClient::connect(&url, &session.facilitator).await?;
    assert!(
        late.welcome
            .documents
            .iter()
            .all(|d| !matches!(d, DocName::Private { phase, .. } if phase.starts_with("made-up"))),
        "no document was created for a made-up round"
    );
    Ok(())
}

/// Found by the fuzz test: a struct the server already has, resent with its origin
/// rewritten to a client nobody has seen, was skipped by yrs and relayed as it came —
/// and the JavaScript yjs waited for that origin for ever.
#[tokio::test]
async fn a_known_struct_with_a_forged_origin_is_not_relayed() -> anyhow::Result<()> {
    use ovaal_shared::board::participant::write_profile;
    use ovaal_shared::board::{Location, Profile};
    use ovaal_shared::protocol::lib0::Encoder;
    let server = TestServer::start().await?;
    let session = server.create_session("Vervalst").await?;
    let url = server.ws_url(&session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    let own = anna.my_doc_name();
    let mut profile = Profile {
        name: "Anna".into(),
        seat: Some(1),
        location: Location::Room,
        seat_claimed_ms: 3,
    };
    anna.edit(&own, |d| write_profile(d, &profile)).await?;
    let before = anna.doc(&own).transact().state_vector();
    profile.name = "Anna B".into();
    anna.edit(&own, |d| write_profile(d, &profile)).await?;
    let overwrite = anna.doc(&own).transact().encode_state_as_update_v1(&before);
    anna.wait_stored().await?;
    let mut watcher = ProtocolClient::connect(&url, &session.observer).await?;
    watcher.send_step1(&own).await?;
    watcher.round_trip().await?;

    // The overwrite's origin is Anna's own earlier struct: point it at a stranger.
    let client = anna.doc(&own).client_id().get();
    let encode = |n: u64| {
        let mut e = Encoder::new();
        e.var_uint(n);
        e.finish()
    };
    let (real, forged) = (encode(client), encode(client ^ 1));
    assert_eq!(real.len(), forged.len());
    // The client id appears twice: in the block header, then as the origin's client.
    let at = overwrite
        .windows(real.len())
        .enumerate()
        .filter(|(_, w)| *w == real.as_slice())
        .map(|(i, _)| i)
        .nth(1)
        .expect("the origin names Anna's client");
    let mut bad = overwrite.clone();
    bad[at..at + real.len()].copy_from_slice(&forged);
    // Together with something new, so that the update is applied and relayed at all.
    let before = anna.doc(&own).transact().state_vector();
    profile.seat = Some(2);
    anna.edit_offline(&own, |d| write_profile(d, &profile));
    let next = anna.doc(&own).transact().encode_state_as_update_v1(&before);
    let both = yrs::merge_updates_v1([bad.as_slice(), next.as_slice()])?;
    watcher.received = Some(Vec::new());
    let mut facilitator = ProtocolClient::connect(&url, &session.facilitator).await?;
    facilitator.send_update(&own, both).await?;
    facilitator.round_trip().await?;
    facilitator.wait_stored().await?;
    watcher.round_trip().await?;
    let received = watcher.received.take().unwrap_or_default();
    assert!(
        !contains(&received, &forged),
        "the forged origin was relayed to another client"
    );
    Ok(())
}
