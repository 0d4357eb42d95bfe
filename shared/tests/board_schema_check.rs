//! The schema index on its own: what an update may depend on and where its structs
//! land, checked with updates made by `yrs` itself.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

use ovaal_shared::board::participant::{add_card, move_card, write_profile};
use ovaal_shared::board::schema::{DocKind, DocShadow, SchemaError};
use ovaal_shared::board::{CardKind, CardText, Location, Position, Profile, new_doc};
use ovaal_shared::update::parse_update;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, MapPrelim, ReadTxn, StateVector, Transact};

fn since(doc: &Doc, before: &StateVector) -> Vec<u8> {
    doc.transact().encode_state_as_update_v1(before)
}

fn card(doc: &Doc, id: &str, text: &str) -> Vec<u8> {
    let before = doc.transact().state_vector();
    add_card(
        doc,
        &id.parse().unwrap(),
        CardKind::Question,
        &CardText::new(text).unwrap(),
        Position::CENTRE,
        1,
    );
    since(doc, &before)
}

/// Checks and records, as the server does after applying.
fn accept(
    shadow: &mut DocShadow,
    update: &[u8],
) -> Result<ovaal_shared::board::schema::Verdict, SchemaError> {
    let parsed = parse_update(update)?;
    let resolved = shadow.check(&parsed)?;
    let verdict = resolved.verdict;
    shadow.record(resolved);
    Ok(verdict)
}

#[test]
fn new_cards_are_counted_and_duplicates_add_nothing() {
    let doc = new_doc();
    let mut shadow = DocShadow::new(DocKind::Participant);
    let first = card(&doc, "card-0001", "een");
    let verdict = accept(&mut shadow, &first).unwrap();
    assert!(verdict.adds && verdict.new_cards == 1);
    let again = accept(&mut shadow, &first).unwrap();
    assert!(again.is_noop(), "a duplicate adds nothing");
    let before = doc.transact().state_vector();
    move_card(
        &doc,
        &"card-0001".parse().unwrap(),
        Position { x: 0.1, y: 0.9 },
    )
    .unwrap();
    let moved = accept(&mut shadow, &since(&doc, &before)).unwrap();
    assert!(
        moved.adds && moved.new_cards == 0,
        "an overwrite inherits its place"
    );
}

#[test]
fn missing_history_is_refused_not_kept_pending() {
    let doc = new_doc();
    let shadow = DocShadow::new(DocKind::Participant);
    let _first = card(&doc, "card-0001", "een");
    let before = doc.transact().state_vector();
    let second = card(&doc, "card-0002", "twee");
    // The second card without the first: its clocks start beyond the state.
    let parsed = parse_update(&second).unwrap();
    assert_eq!(
        shadow.check(&parsed).err(),
        Some(SchemaError::MissingHistory)
    );
    // An overwrite whose origin the shadow never saw, from another client.
    let other = new_doc();
    let whole = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    other
        .transact_mut()
        .apply_update(yrs::Update::decode_v1(&whole).unwrap())
        .unwrap();
    let before_move = other.transact().state_vector();
    move_card(&other, &"card-0002".parse().unwrap(), Position::CENTRE).unwrap();
    let moved = since(&other, &before_move);
    let parsed = parse_update(&moved).unwrap();
    assert_eq!(
        shadow.check(&parsed).err(),
        Some(SchemaError::MissingHistory)
    );
    let _ = before;
}

#[test]
fn values_inherit_the_rule_of_their_key() {
    let doc = new_doc();
    let mut shadow = DocShadow::new(DocKind::Participant);
    let before = doc.transact().state_vector();
    write_profile(
        &doc,
        &Profile {
            name: "Anna".into(),
            seat: Some(2),
            location: Location::Room,
            seat_claimed_ms: 5,
        },
    );
    accept(&mut shadow, &since(&doc, &before)).unwrap();
    // Overwriting the name (an item whose origin is the old name) with 41 characters.
    let before = doc.transact().state_vector();
    doc.get_or_insert_map("profile")
        .insert(&mut doc.transact_mut(), "name", "n".repeat(41));
    let err = accept(&mut shadow, &since(&doc, &before)).unwrap_err();
    assert!(
        matches!(err, SchemaError::InvalidValue { field: "name", .. }),
        "{err}"
    );
}

#[test]
fn a_field_inside_a_value_or_a_card_inside_a_card_is_refused() {
    let doc = Doc::new();
    let before = doc.transact().state_vector();
    let cards = doc.get_or_insert_map("cards");
    cards.insert(
        &mut doc.transact_mut(),
        "card-0001",
        MapPrelim::from([("inner", MapPrelim::from([("text", "diep")]))]),
    );
    let shadow = DocShadow::new(DocKind::Participant);
    let update = since(&doc, &before);
    let parsed = parse_update(&update).unwrap();
    assert!(matches!(
        shadow.check(&parsed),
        Err(SchemaError::UnknownKey { .. } | SchemaError::Nesting(_))
    ));
}

#[test]
fn a_rebuilt_index_accepts_what_the_live_one_accepts() {
    let doc = new_doc();
    let mut live = DocShadow::new(DocKind::Participant);
    for i in 0..20 {
        accept(
            &mut live,
            &card(&doc, &format!("card-{i:04}"), &format!("kaart {i}")),
        )
        .unwrap();
    }
    let whole = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let rebuilt = DocShadow::rebuild(DocKind::Participant, &whole);
    assert!(rebuilt.is_indexed());
    let before = doc.transact().state_vector();
    move_card(
        &doc,
        &"card-0007".parse().unwrap(),
        Position { x: 0.2, y: 0.2 },
    )
    .unwrap();
    let update = since(&doc, &before);
    let parsed = parse_update(&update).unwrap();
    assert_eq!(
        live.check(&parsed).map(|r| r.verdict),
        rebuilt.check(&parsed).map(|r| r.verdict)
    );
    assert!(rebuilt.check(&parsed).is_ok());
}
