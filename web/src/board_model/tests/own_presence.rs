//! What this browser announces about this person: derived from the role, the
//! profile, the ready round, the language and whether a join code opened the page.

use super::*;

fn own(f: &Fixture) -> Option<&PresenceState> {
    f.model.own_presence().get().as_ref()
}

fn as_role(f: &mut Fixture, me: &str, role: Option<Role>) {
    f.model.who.set(Who {
        me: pid(me),
        role,
        live: true,
    });
    f.model.derive();
}

#[test]
fn a_writer_announces_nothing_until_their_profile_exists_then_their_name_and_place() {
    let mut f = Fixture::new("ann", Role::Participant);
    assert_eq!(own(&f), None, "not joined yet");
    f.seat("ann", "Ann", 2);
    let state = own(&f).unwrap();
    assert_eq!(state.participant, pid("ann").to_string());
    assert_eq!(state.name, "Ann");
    assert_eq!(state.role, "participant");
    assert_eq!(state.location, "remote");
    assert_eq!(state.ready, None);
}

#[test]
fn nothing_is_announced_before_the_role_is_known() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("ann", "Ann", 2);
    as_role(&mut f, "ann", None);
    assert_eq!(own(&f), None);
}

#[test]
fn an_observer_says_so_in_the_pages_language() {
    let mut f = Fixture::new("obs", Role::Observer);
    let state = own(&f).unwrap();
    assert_eq!(state.name, "Observer");
    assert_eq!(
        (state.role.as_str(), state.location.as_str()),
        ("observer", "room")
    );
    let before = f.model.own_presence().version();
    f.model.lang.set(Lang::Nl);
    f.model.derive();
    assert_eq!(own(&f).unwrap().name, "Toeschouwer");
    assert!(f.model.own_presence().version() > before);
}

#[test]
fn a_room_screen_and_an_observers_link_with_a_join_code_announce_a_room_screen() {
    let f = Fixture::new("scr", Role::RoomScreen);
    assert_eq!(own(&f).unwrap().name, "Room screen");
    assert_eq!(own(&f).unwrap().role, "room_screen");

    let mut f = Fixture::new("obs", Role::Observer);
    f.model.join_code.set(true);
    f.model.derive();
    assert_eq!(own(&f).unwrap().name, "Room screen");
    assert_eq!(own(&f).unwrap().role, "observer");
}

#[test]
fn the_ready_round_is_announced_by_writers_only() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("ann", "Ann", 0);
    f.model.ready.set(Some("solo".to_owned()));
    f.model.derive();
    assert_eq!(own(&f).unwrap().ready.as_deref(), Some("solo"));

    let mut f = Fixture::new("obs", Role::Observer);
    f.model.ready.set(Some("solo".to_owned()));
    f.model.derive();
    assert_eq!(own(&f).unwrap().ready, None);
}

#[test]
fn the_own_line_in_the_list_is_the_derived_state_while_connected() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("ann", "Ann", 0);
    let first = &f.model.presence().get().people[0];
    assert!(first.is_me);
    assert_eq!(Some(&first.state), own(&f));
    f.model.who.set(Who {
        me: pid("ann"),
        role: Some(Role::Participant),
        live: false,
    });
    f.model.derive();
    assert!(
        f.model.presence().get().people.is_empty(),
        "not announced while offline"
    );
}

#[test]
fn unrelated_changes_leave_the_own_state_alone() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("ann", "Ann", 0);
    let before = f.model.own_presence().version();
    f.seat("bob", "Bob", 1);
    write_phase(&f.control, "advice");
    f.read_control();
    assert_eq!(f.model.own_presence().version(), before);
}
