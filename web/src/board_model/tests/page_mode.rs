//! The page's mode: back-turned, the sound button, undo, ended and locked.

use ovaal_shared::board::facilitation::write_timer_sound;

use super::*;

fn mode(f: &Fixture) -> &page_mode::PageMode {
    f.model.page_mode().get()
}

#[test]
fn the_case_holder_turns_their_back_in_a_back_turned_phase_until_the_end() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("ann", "Ann", 0);
    write_hot_seat(&f.control, Some(&pid("ann")));
    f.read_control();
    assert!(!mode(&f).back_turned, "questions: the case-holder speaks");
    assert_eq!(mode(&f).caseholder_mode, Some(CaseholderMode::Speaks));
    write_phase(&f.control, "gossip");
    f.read_control();
    assert!(mode(&f).back_turned);
    assert_eq!(mode(&f).caseholder_mode, Some(CaseholderMode::BackTurned));
    write_ended(&f.control);
    f.read_control();
    assert!(!mode(&f).back_turned);
    assert!(mode(&f).ended);
}

#[test]
fn others_never_turn_their_back() {
    let mut f = Fixture::new("bob", Role::Participant);
    write_hot_seat(&f.control, Some(&pid("ann")));
    write_phase(&f.control, "gossip");
    f.read_control();
    assert!(!mode(&f).back_turned);
    assert_eq!(mode(&f).caseholder_mode, None);
}

#[test]
fn the_sound_button_is_offered_to_pages_that_do_not_write_when_the_tone_is_wanted() {
    let mut screen = Fixture::new("scr", Role::RoomScreen);
    assert!(!mode(&screen).sound_button, "the tone is off");
    write_timer_sound(&screen.control, true);
    screen.read_control();
    assert!(mode(&screen).sound_button);
    write_ended(&screen.control);
    screen.read_control();
    assert!(!mode(&screen).sound_button, "nothing to time after the end");

    let mut writer = Fixture::new("ann", Role::Facilitator);
    write_timer_sound(&writer.control, true);
    writer.read_control();
    assert!(!mode(&writer).sound_button);
}

#[test]
fn undo_waits_while_the_own_document_may_not_be_written() {
    let mut f = Fixture::new("ann", Role::Participant);
    assert!(mode(&f).may_undo);
    write_locked(&f.control, true);
    f.read_control();
    assert!(!mode(&f).may_undo);
    assert!(mode(&f).locked);
    write_locked(&f.control, false);
    f.read_control();
    assert!(mode(&f).may_undo);
    assert!(!mode(&Fixture::new("obs", Role::Observer)).may_undo);
}
