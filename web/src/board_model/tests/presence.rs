//! The presence part: who is here, the counts, and what this person is asked to do
//! next (join, take a seat) as the documents and the connection move.

use super::*;
use crate::board_model::header::Status;

/// Writes a profile without a seat: joined, not seated.
fn join(f: &mut Fixture, id: &str, name: &str) {
    let name_of_doc = own(id);
    let doc = f.docs.entry(name_of_doc.clone()).or_default();
    write_profile(
        doc,
        &Profile {
            name: name.to_owned(),
            seat: None,
            location: Location::Room,
            seat_claimed_ms: 0,
        },
    );
    f.model.read_doc(&name_of_doc, doc);
    f.model.derive();
}

fn connect(f: &mut Fixture, own_doc_ready: bool) {
    f.model.connection.set(Connection { own_doc_ready });
    f.model.derive();
}

fn shown(f: &Fixture) -> &presence::PresenceShown {
    f.model.presence().get()
}

#[test]
fn the_join_dialog_shows_once_the_own_document_arrived_until_a_profile_exists() {
    let mut f = Fixture::new("ann", Role::Participant);
    assert!(!shown(&f).needs_join, "not before the own document arrived");
    connect(&mut f, true);
    assert!(shown(&f).needs_join);
    assert_eq!(shown(&f).my_name, None);
    assert!(!shown(&f).menu);
    join(&mut f, "ann", "Ann");
    assert!(!shown(&f).needs_join);
    assert_eq!(shown(&f).my_name.as_deref(), Some("Ann"));
    assert!(shown(&f).menu);
}

#[test]
fn observers_are_never_asked_to_join_or_sit() {
    let mut f = Fixture::new("obs", Role::Observer);
    connect(&mut f, true);
    let part = shown(&f);
    assert!(!part.needs_join);
    assert!(!part.seat_prompt);
    assert!(!part.keys_hint);
    assert_eq!(part.hint, Key::ReadOnlyNotice);
}

#[test]
fn the_seat_prompt_shows_from_joining_until_seated() {
    let mut f = Fixture::new("ann", Role::Participant);
    connect(&mut f, true);
    assert!(!shown(&f).seat_prompt, "no prompt before the profile");
    assert_eq!(shown(&f).hint, Key::SeatHint);
    join(&mut f, "ann", "Ann");
    assert!(shown(&f).seat_prompt);
    assert!(!shown(&f).keys_hint);
    assert_eq!(shown(&f).hint, Key::SeatHint);
    f.seat("ann", "Ann", 2);
    let part = shown(&f);
    assert!(!part.seat_prompt);
    assert!(part.keys_hint);
    assert_eq!(part.my_seat, Some(2));
    assert_eq!(part.hint, Key::DragHint);
}

#[test]
fn the_hint_says_loading_until_the_role_is_known_and_a_failure_wins() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.model.who.set(Who {
        me: pid("ann"),
        role: None,
        live: false,
    });
    f.model.derive();
    assert_eq!(shown(&f).hint, Key::LoadingBoard);
    f.model.status.set(Status::Failed(Key::ErrorRoomFull));
    f.model.derive();
    assert_eq!(shown(&f).hint, Key::ErrorRoomFull);
}

#[test]
fn present_people_are_listed_me_first_then_by_name_and_counted_at_the_table() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("ann", "Ann", 0);
    f.seat("zed", "Zed", 3);
    let mut present = Present::new();
    for state in [
        here("zed", Role::Master, None),
        here("bob", Role::Participant, None),
        here("scr", Role::RoomScreen, None),
        // Another tab of this person: listed once, as "me".
        here("ann", Role::Participant, None),
    ] {
        present.insert(state.participant.clone(), state);
    }
    f.model.present.set(present);
    // This browser announces Ann (from her profile), listed first.
    connect(&mut f, true);
    let part = shown(&f);
    let order: Vec<&str> = part.people.iter().map(|p| p.state.name.as_str()).collect();
    assert_eq!(order, ["Ann", "bob", "scr", "zed"]);
    assert!(part.people[0].is_me);
    assert!(part.people[1..].iter().all(|p| !p.is_me));
    assert_eq!(part.at_table, 3, "the room screen is not at the table");
    let zed = &part.people[3];
    assert_eq!(zed.badge, Some(Role::Master));
    assert_eq!(zed.seat, Some(3));
    assert_eq!(zed.location, Some(Location::Room));
    assert_eq!(part.people[1].seat, None);
}

#[test]
fn someone_leaving_is_no_longer_listed_and_the_part_moves_only_then() {
    let mut f = Fixture::new("ann", Role::Participant);
    let bob = here("bob", Role::Participant, None);
    f.model
        .present
        .set([(bob.participant.clone(), bob)].into_iter().collect());
    f.model.derive();
    assert_eq!(shown(&f).people.len(), 1);
    let before = f.model.presence().version();
    // Reading an unrelated document leaves the part alone.
    f.card(own("ann"), "c1", CardKind::Question, "questions");
    assert_eq!(f.model.presence().version(), before);
    f.model.present.set(Present::new());
    f.model.derive();
    assert!(shown(&f).people.is_empty());
    assert_eq!(shown(&f).at_table, 0);
    assert!(f.model.presence().version() > before);
}

#[test]
fn the_hot_seat_is_marked_in_the_list() {
    let mut f = Fixture::new("ann", Role::Facilitator);
    f.seat("bob", "Bob", 1);
    write_hot_seat(&f.control, Some(&pid("bob")));
    f.read_control();
    let bob = here("bob", Role::Participant, None);
    f.model
        .present
        .set([(bob.participant.clone(), bob)].into_iter().collect());
    f.model.derive();
    assert!(shown(&f).people[0].hot);
}
