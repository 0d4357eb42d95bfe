//! The list view's seats: labels with "you", empty seats, online and away, badges,
//! the hot seat, and which empty seats this person may take.

use super::*;

fn seats(f: &Fixture) -> &Vec<crate::board_model::list_seats::ListSeat> {
    f.model.list_seats().get()
}

fn present(f: &mut Fixture, states: &[PresenceState]) {
    f.model.present.set(
        states
            .iter()
            .map(|s| (s.participant.clone(), s.clone()))
            .collect(),
    );
    f.model.derive();
}

#[test]
fn seats_are_labelled_with_their_holder_and_you() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("ann", "Ann", 0);
    f.seat("bob", "Bob", 2);
    let s = seats(&f);
    assert_eq!(s.len(), 6);
    assert_eq!(s[0].label, "Seat 1 · Ann (you)");
    assert_eq!(s[1].label, "Seat 2 · empty seat");
    assert_eq!(s[2].label, "Seat 3 · Bob");
    assert_eq!(s[1].details, "");
    assert!(
        s.iter()
            .enumerate()
            .all(|(i, seat)| seat.index as usize == i)
    );
}

#[test]
fn holders_are_online_when_present_and_i_am_when_live() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("ann", "Ann", 0);
    f.seat("bob", "Bob", 1);
    f.seat("cas", "Cas", 2);
    present(&mut f, &[here("bob", Role::Sponsor, None)]);
    let s = seats(&f);
    assert_eq!(s[0].details, "remote, online", "this person, connected");
    assert_eq!(s[1].details, "remote, online, sponsor");
    assert_eq!(s[2].details, "remote, not connected");
    f.model.who.set(Who {
        me: pid("ann"),
        role: Some(Role::Participant),
        live: false,
    });
    f.model.derive();
    assert_eq!(seats(&f)[0].details, "remote, not connected");
}

#[test]
fn empty_seats_may_be_taken_by_who_writes_and_joined() {
    let mut f = Fixture::new("ann", Role::Participant);
    assert!(seats(&f).iter().all(|s| !s.can_take), "not joined yet");
    f.seat("ann", "Ann", 0);
    let s = seats(&f);
    assert!(!s[0].can_take, "a held seat");
    assert!(s[1..].iter().all(|s| s.can_take));

    let mut obs = Fixture::new("obs", Role::Observer);
    obs.seat("obs", "Olga", 0);
    assert!(seats(&obs).iter().all(|s| !s.can_take));
}

#[test]
fn the_hot_seat_is_marked_and_the_words_follow_the_language() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("bob", "Bob", 1);
    write_hot_seat(&f.control, Some(&pid("bob")));
    f.read_control();
    assert!(seats(&f)[1].hot);
    assert!(!seats(&f)[0].hot);
    let before = f.model.list_seats().version();
    f.model.lang.set(Lang::Nl);
    f.model.derive();
    assert!(f.model.list_seats().version() > before);
    assert_eq!(seats(&f)[0].label, "Stoel 1 · vrije stoel");
}
