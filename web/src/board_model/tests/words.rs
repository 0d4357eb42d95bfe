//! The language as a model input: switching it moves every part that shows words,
//! and no part without words; the header's words from local state (the connection,
//! the save state) are derived with it.

use super::*;
use crate::board_model::header::Status;
use crate::saves::SaveState;

/// The version of every part the model derives, by name.
fn versions(m: &BoardModel) -> Vec<(&'static str, u64)> {
    let mut all = vec![
        ("seats", m.seats().version()),
        ("phase bar", m.phase_bar().version()),
        ("compose", m.compose().version()),
        ("page mode", m.page_mode().version()),
        ("presence", m.presence().version()),
        ("header", m.header().version()),
        ("own presence", m.own_presence().version()),
        ("undo buttons", m.undo_buttons().version()),
        ("harvest offers", m.harvest_offers().version()),
        ("private round", m.private_round().version()),
    ];
    all.extend(m.looks().map(|(_, part)| ("looks", part.version())));
    all
}

fn moved_by(f: &mut Fixture, change: impl FnOnce(&mut BoardModel)) -> Vec<&'static str> {
    let before = versions(&f.model);
    change(&mut f.model);
    f.model.derive();
    let after = versions(&f.model);
    before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| b.0)
        .collect()
}

#[test]
fn switching_the_language_moves_every_part_with_words_and_no_other() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.seat("ann", "Ann", 0);
    f.card(own("ann"), "c1", CardKind::Question, "questions");
    f.model.undo_held.set(super::super::undo_buttons::UndoHeld {
        can_undo: true,
        can_redo: false,
    });
    f.model.derive();
    let moved = moved_by(&mut f, |m| {
        m.lang.set(Lang::Nl);
    });
    assert_eq!(
        moved,
        [
            "seats",
            "phase bar",
            "compose",
            "page mode",
            "presence",
            "header",
            "looks"
        ],
        "a writer's own presence has no words of the page's language"
    );
}

#[test]
fn an_observers_announced_name_follows_the_language() {
    let mut f = Fixture::new("obs", Role::Observer);
    let moved = moved_by(&mut f, |m| {
        m.lang.set(Lang::Nl);
    });
    assert!(moved.contains(&"own presence"), "{moved:?}");
}

#[test]
fn the_connection_pill_and_the_save_state_are_worded_in_the_language() {
    let mut f = Fixture::new("ann", Role::Participant);
    let moved = moved_by(&mut f, |m| {
        m.status.set(Status::Reconnecting(3));
        m.saves.set(SaveState::Pending);
    });
    assert_eq!(moved, ["header"], "nothing else shows them");
    let header = f.model.header().get();
    assert_eq!(header.status_text, "reconnecting… (attempt 3)");
    assert_eq!(header.method, Some("Incident method"));
    let save = header.save.as_ref().unwrap();
    assert_eq!(
        (save.state, save.text),
        (SaveState::Pending, "Not yet saved")
    );

    f.model.lang.set(Lang::Nl);
    f.model.derive();
    let header = f.model.header().get();
    assert_eq!(header.method, Some("Incidentmethode"));
    assert_eq!(header.save.as_ref().unwrap().text, "Nog niet opgeslagen");
    assert_ne!(header.status_text, "reconnecting… (attempt 3)");
}

#[test]
fn the_save_state_shows_only_to_people_who_write() {
    let f = Fixture::new("obs", Role::Observer);
    assert_eq!(f.model.header().get().save, None);
    let f = Fixture::new("ann", Role::Participant);
    assert!(f.model.header().get().save.is_some());
}

#[test]
fn a_failed_connection_is_the_hint_and_the_pill_in_the_language() {
    let mut f = Fixture::new("ann", Role::Participant);
    f.model.status.set(Status::Failed(Key::ErrorRoomFull));
    f.model.derive();
    assert_eq!(f.model.presence().get().hint, Key::ErrorRoomFull);
    let en = f.model.header().get().status_text.clone();
    f.model.lang.set(Lang::Nl);
    f.model.derive();
    assert_ne!(f.model.header().get().status_text, en);
}
