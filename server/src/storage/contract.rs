//! What every [`Storage`] backend does, as scenarios run against each: the SQLite
//! store's unit tests call [`run_all`] with temporary stores, and
//! `tests/tests/postgres_storage.rs` with fresh PostgreSQL databases. A backend that
//! passes them can stand in for another behind the storage worker.
//!
//! Compiled for this crate's tests and, through the `contract` feature, for the
//! end-to-end tests crate; never into the server binary.
// Test scenarios: a failed step panics the test that runs them, as in any test (clippy
// counts only `#[cfg(test)]` code as test code, and this is also built for `tests/`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test scenarios, never compiled into the server binary"
)]

use ovaal_shared::board::Method;
use ovaal_shared::{DocName, ParticipantId, Role};
use yrs::{Doc, Map, ReadTxn, Transact};

use super::attendance::MERGE_GAP_MS;
use super::{
    AppendUpdate, AttendanceEvent, KeyCheck, LinkRecord, NewLink, SessionRecord, Storage, compact,
};

/// Every scenario, each on a store `open` makes fresh (empty) for it.
pub fn run_all(mut open: impl FnMut() -> Box<dyn Storage>) {
    sessions_links_and_keys(open().as_mut());
    visits_merge_quick_returns_and_go_with_their_session(open().as_mut());
    compaction_keeps_the_document_and_later_appends(open().as_mut());
    updates_load_in_order_per_document_and_session(open().as_mut());
    ending_retention_arcs_and_deletion(open().as_mut());
}

pub fn session(id: &str) -> SessionRecord {
    SessionRecord {
        id: id.parse().expect("a valid session id"),
        title: "Intervisie".into(),
        method: Method::Incident,
        created_ms: 1,
        ended_ms: None,
        time_zone: Some(crate::time_zone::TimeZone::AMSTERDAM),
    }
}

pub fn link(id: &str, role: Role, hash: u8) -> NewLink {
    NewLink {
        record: LinkRecord {
            id: id.into(),
            role,
            label: format!("{role} link"),
            created_ms: i64::from(hash),
        },
        token_hash: [hash; 32],
    }
}

pub fn sessions_links_and_keys(store: &mut dyn Storage) {
    let s = session("session-1");
    store
        .create_session(&s, &[link("obs", Role::Observer, 1)], &[])
        .unwrap();
    let stored = store.session(&s.id).unwrap().unwrap();
    assert_eq!(
        (stored.title.as_str(), stored.method, stored.time_zone),
        ("Intervisie", Method::Incident, s.time_zone)
    );
    assert!(
        store
            .session(&"nobody-here".parse().unwrap())
            .unwrap()
            .is_none()
    );
    let (session_id, found) = store.link_for_token(&[1; 32]).unwrap().unwrap();
    assert_eq!(
        (session_id, found.role, found.id.as_str()),
        (s.id.clone(), Role::Observer, "obs")
    );
    assert!(store.link_for_token(&[2; 32]).unwrap().is_none());

    store
        .add_link(&s.id, &link("sponsor", Role::Participant, 3))
        .unwrap();
    let ids: Vec<String> = store
        .links(&s.id)
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(ids, ["obs", "sponsor"]);
    assert!(store.revoke_link(&s.id, "obs").unwrap());
    assert!(!store.revoke_link(&s.id, "obs").unwrap());
    assert!(store.link_for_token(&[1; 32]).unwrap().is_none());
    // Every role is stored and read back as itself (the room screen's too).
    for (n, role) in Role::ALL.into_iter().enumerate() {
        let hash = 40 + u8::try_from(n).unwrap();
        store
            .add_link(&s.id, &link(&format!("role-{n}"), role, hash))
            .unwrap();
        let (_, found) = store.link_for_token(&[hash; 32]).unwrap().unwrap();
        assert_eq!(found.role, role);
    }

    let p: ParticipantId = "person-01".parse().unwrap();
    let mut check = |key: u8| store.check_participant_key(&s.id, &p, &[key; 32]).unwrap();
    assert_eq!(check(5), KeyCheck::Bound);
    assert_eq!(check(5), KeyCheck::Matches);
    assert_eq!(check(6), KeyCheck::Mismatch);
    assert!(store.remove_participant(&s.id, &p).unwrap());
    assert_eq!(
        store.check_participant_key(&s.id, &p, &[5; 32]).unwrap(),
        KeyCheck::Removed
    );
    let stranger: ParticipantId = "never-joined".parse().unwrap();
    assert!(!store.remove_participant(&s.id, &stranger).unwrap());
}

pub fn visits_merge_quick_returns_and_go_with_their_session(store: &mut dyn Storage) {
    let s = session("session-1");
    store.create_session(&s, &[], &[]).unwrap();
    let anna: ParticipantId = "anna-0001".parse().unwrap();
    let joined = |role: Role, at_ms: i64| AttendanceEvent::Joined {
        session: s.id.clone(),
        participant: anna.clone(),
        role,
        at_ms,
        merge_gap_ms: MERGE_GAP_MS,
    };
    let left = |at_ms: i64| AttendanceEvent::Left {
        session: s.id.clone(),
        participant: anna.clone(),
        role: Role::Participant,
        at_ms,
    };
    for event in [
        joined(Role::Participant, 1_000),
        left(5_000),
        // Back within the gap: the same visit.
        joined(Role::Participant, 5_000 + MERGE_GAP_MS),
        left(600_000),
        // After a break: a second visit.
        joined(Role::Participant, 600_001 + MERGE_GAP_MS),
        // The same id through the facilitator's link is another role: its own visit.
        joined(Role::Facilitator, 700_000),
    ] {
        store.record_attendance(&event).unwrap();
    }
    let summary: Vec<(Role, i64, Option<i64>)> = store
        .attendance(&s.id)
        .unwrap()
        .iter()
        .map(|v| (v.role, v.joined_ms, v.left_ms))
        .collect();
    assert_eq!(
        summary,
        [
            (Role::Participant, 1_000, Some(600_000)),
            (Role::Facilitator, 700_000, None),
            (Role::Participant, 600_001 + MERGE_GAP_MS, None),
        ]
    );
    assert!(store.delete_session(&s.id).unwrap());
    assert!(store.attendance(&s.id).unwrap().is_empty());
    // A join racing the deletion leaves nothing behind.
    store
        .record_attendance(&joined(Role::Participant, 800_000))
        .unwrap();
    assert!(store.attendance(&s.id).unwrap().is_empty());
}

/// An update to a document, as a client would send it.
fn edit(doc: &Doc, key: &str) -> Vec<u8> {
    let map = doc.get_or_insert_map("m");
    let before = doc.transact().state_vector();
    map.insert(&mut doc.transact_mut(), key, 1);
    doc.transact().encode_state_as_update_v1(&before)
}

pub fn compaction_keeps_the_document_and_later_appends(store: &mut dyn Storage) {
    let s = session("session-1");
    store.create_session(&s, &[], &[]).unwrap();
    let doc = Doc::new();
    let mut append = |key: &str| {
        let update = edit(&doc, key);
        store
            .append(&[AppendUpdate {
                session: s.id.clone(),
                doc: DocName::Control,
                update,
            }])
            .unwrap();
    };
    append("a");
    append("b");
    store.compact(&s.id).unwrap();
    // Compacting with nothing new is a no-op.
    store.compact(&s.id).unwrap();
    let loaded = store.load(&s.id).unwrap();
    assert_eq!(loaded.len(), 1);
    assert!(loaded[0].1.snapshot.is_some());
    assert!(loaded[0].1.updates.is_empty());
    let update = edit(&doc, "c");
    store
        .append(&[AppendUpdate {
            session: s.id.clone(),
            doc: DocName::Control,
            update,
        }])
        .unwrap();
    let loaded = store.load(&s.id).unwrap();
    assert_eq!(loaded[0].1.updates.len(), 1);
    let restored = compact::restore(&loaded[0].1).unwrap();
    let keys = restored
        .get_or_insert_map("m")
        .keys(&restored.transact())
        .count();
    assert_eq!(keys, 3);
    assert_eq!(
        restored.transact().state_vector(),
        doc.transact().state_vector()
    );
}

pub fn updates_load_in_order_per_document_and_session(store: &mut dyn Storage) {
    let one = session("session-1");
    let two = session("session-2");
    let author = DocName::Participant("anna-0001".parse().unwrap());
    store
        .create_session(&one, &[], &[(DocName::Control, vec![0, 0])])
        .unwrap();
    store.create_session(&two, &[], &[]).unwrap();
    let update = |session: &SessionRecord, doc: &DocName, byte: u8| AppendUpdate {
        session: session.id.clone(),
        doc: doc.clone(),
        update: vec![byte],
    };
    // One batch over two sessions and two documents, interleaved.
    store
        .append(&[
            update(&two, &DocName::Control, 20),
            update(&one, &author, 10),
            update(&one, &DocName::Control, 11),
            update(&two, &DocName::Control, 21),
            update(&one, &author, 12),
        ])
        .unwrap();
    store.append(&[update(&one, &author, 13)]).unwrap();
    let loaded = store.load(&one.id).unwrap();
    let docs: Vec<(DocName, Vec<Vec<u8>>)> = loaded
        .into_iter()
        .map(|(name, stored)| (name, stored.updates))
        .collect();
    assert_eq!(
        docs,
        [
            (DocName::Control, vec![vec![0, 0], vec![11]]),
            (author, vec![vec![10], vec![12], vec![13]]),
        ]
    );
    let loaded = store.load(&two.id).unwrap();
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].1.updates, [vec![20], vec![21]]);
    assert!(
        store
            .load(&"nobody-here".parse().unwrap())
            .unwrap()
            .is_empty()
    );
}

pub fn ending_retention_arcs_and_deletion(store: &mut dyn Storage) {
    let first = session("arc-first");
    let second = session("arc-second");
    store
        .create_session(
            &first,
            &[link("f", Role::Facilitator, 7)],
            &[(DocName::Control, vec![1])],
        )
        .unwrap();
    store.create_session(&second, &[], &[]).unwrap();
    store.set_previous(&second.id, &first.id).unwrap();
    let arc: Vec<String> = store
        .arc(&second.id)
        .unwrap()
        .into_iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(arc, ["arc-first", "arc-second"]);

    assert!(store.end_session(&first.id, 1_000).unwrap());
    // Ending twice keeps the first time.
    assert!(store.end_session(&first.id, 2_000).unwrap());
    assert_eq!(
        store.session(&first.id).unwrap().unwrap().ended_ms,
        Some(1_000)
    );
    assert!(
        !store
            .end_session(&"nobody-here".parse().unwrap(), 1)
            .unwrap()
    );
    assert_eq!(store.ended_before(1_000).unwrap().len(), 0);
    let due: Vec<String> = store
        .ended_before(1_001)
        .unwrap()
        .into_iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(due, ["arc-first"]);

    let p: ParticipantId = "person-01".parse().unwrap();
    store
        .check_participant_key(&first.id, &p, &[9; 32])
        .unwrap();
    assert!(store.delete_session(&first.id).unwrap());
    assert!(!store.delete_session(&first.id).unwrap());
    assert!(store.session(&first.id).unwrap().is_none());
    assert!(store.link_for_token(&[7; 32]).unwrap().is_none());
    assert!(store.load(&first.id).unwrap().is_empty());
    // The same id may be used again, with nothing of the old one attached.
    store.create_session(&first, &[], &[]).unwrap();
    assert_eq!(
        store
            .check_participant_key(&first.id, &p, &[8; 32])
            .unwrap(),
        KeyCheck::Bound
    );
    // A deleted earlier session ends the arc.
    assert!(store.delete_session(&first.id).unwrap());
    assert_eq!(store.arc(&second.id).unwrap().len(), 1);
}
