//! The undo and redo buttons: offered to people who write, enabled when the undo
//! manager holds a step and this person may write their own document now.

use super::*;
use crate::board_model::undo_buttons::{UndoButtonsShown, UndoHeld};

fn buttons(f: &Fixture) -> UndoButtonsShown {
    *f.model.undo_buttons().get()
}

fn hold(f: &mut Fixture, can_undo: bool, can_redo: bool) {
    f.model.undo_held.set(UndoHeld { can_undo, can_redo });
    f.model.derive();
}

#[test]
fn a_writer_gets_the_buttons_enabled_by_what_the_manager_holds() {
    let mut f = Fixture::new("ann", Role::Participant);
    let shown = buttons(&f);
    assert!(shown.offered);
    assert!(!shown.undo && !shown.redo, "nothing to undo yet");
    hold(&mut f, true, false);
    assert_eq!(
        buttons(&f),
        UndoButtonsShown {
            offered: true,
            undo: true,
            redo: false
        }
    );
    hold(&mut f, false, true);
    assert!(!buttons(&f).undo && buttons(&f).redo);
}

#[test]
fn people_who_write_nothing_are_not_offered_undo() {
    for role in [Role::Observer, Role::RoomScreen] {
        let mut f = Fixture::new("obs", role);
        hold(&mut f, true, true);
        assert_eq!(buttons(&f), UndoButtonsShown::default(), "{role:?}");
    }
}

#[test]
fn a_locked_or_ended_board_disables_both() {
    let mut f = Fixture::new("ann", Role::Participant);
    hold(&mut f, true, true);
    write_locked(&f.control, true);
    f.read_control();
    let shown = buttons(&f);
    assert!(shown.offered && !shown.undo && !shown.redo, "locked");
    write_locked(&f.control, false);
    f.read_control();
    assert!(buttons(&f).undo && buttons(&f).redo);
    write_ended(&f.control);
    f.read_control();
    assert!(!buttons(&f).undo && !buttons(&f).redo, "ended");
}

#[test]
fn the_listening_case_holder_waits_and_the_facilitator_does_not() {
    let mut f = Fixture::new("ann", Role::Participant);
    write_hot_seat(&f.control, Some(&pid("ann")));
    write_phase(&f.control, "advice");
    f.read_control();
    hold(&mut f, true, false);
    assert!(!buttons(&f).undo, "the case-holder listens");
    write_phase(&f.control, "questions");
    f.read_control();
    assert!(buttons(&f).undo, "speaks again");

    let mut f = Fixture::new("fac", Role::Facilitator);
    write_phase(&f.control, "advice");
    f.read_control();
    hold(&mut f, true, true);
    assert!(buttons(&f).undo && buttons(&f).redo);
}

#[test]
fn the_part_moves_only_when_the_buttons_change() {
    let mut f = Fixture::new("ann", Role::Participant);
    hold(&mut f, true, false);
    let before = f.model.undo_buttons().version();
    f.seat("bob", "Bob", 1);
    f.card(own("bob"), "c1", CardKind::Question, "questions");
    assert_eq!(f.model.undo_buttons().version(), before);
    write_locked(&f.control, true);
    f.read_control();
    assert!(f.model.undo_buttons().version() > before);
}
