//! The facilitator's panels and people list: only for the facilitator, hidden once
//! the session ended, following the control document and who joined.

use ovaal_shared::board::facilitation::write_timer_sound;

use super::*;

fn panels(f: &Fixture) -> Option<&facilitator_panels::FacilitatorPanels> {
    f.model.facilitator_panels().get().as_ref()
}

#[test]
fn other_roles_get_no_facilitator_panels_and_no_people_list() {
    for role in [
        Role::Participant,
        Role::Master,
        Role::Sponsor,
        Role::Observer,
        Role::RoomScreen,
    ] {
        let mut f = Fixture::new("ann", role);
        f.seat("bob", "Bob", 1);
        assert_eq!(panels(&f), None, "{role:?}");
        assert_eq!(*f.model.people_panel().get(), None, "{role:?}");
    }
}

#[test]
fn the_panels_follow_the_switches_the_plan_and_the_hot_seat() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    f.seat("bob", "Bob", 3);
    f.seat("ann", "Ann", 1);
    write_locked(&f.control, true);
    write_hide_names(&f.control, true);
    write_participants_export(&f.control, true);
    write_timer_sound(&f.control, true);
    write_sponsor_phases(&f.control, Some(&["advice".to_owned()]));
    write_hot_seat(&f.control, Some(&pid("bob")));
    write_phase(&f.control, "advice");
    f.read_control();
    let part = panels(&f).unwrap();
    assert!(part.locked && part.hide_names && part.participants_export && part.timer_sound);
    let seated: Vec<(&str, &str)> = part
        .seated
        .iter()
        .map(|(id, name)| (id.as_str(), name.as_str()))
        .collect();
    assert_eq!(
        seated,
        [(pid("ann").as_str(), "Ann"), (pid("bob").as_str(), "Bob")],
        "in seat order"
    );
    assert_eq!(part.hot, Some(pid("bob")));
    assert_eq!(part.plan, plan());
    assert_eq!(part.current_phase.as_deref(), Some("advice"));
    assert_eq!(part.sponsor_phases, Some(vec!["advice".to_owned()]));
    assert!(part.shown);
}

#[test]
fn an_ended_board_hides_the_facilitators_panels() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    assert!(panels(&f).unwrap().shown);
    let before = f.model.facilitator_panels().version();
    write_ended(&f.control);
    f.read_control();
    assert!(!panels(&f).unwrap().shown);
    assert!(f.model.facilitator_panels().version() > before);
}

#[test]
fn seated_names_follow_the_language_until_the_profile_arrives() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    // A seat claimed in a profile without a name yet is not possible; a holder whose
    // profile is there is named by it, in any language.
    f.seat("ann", "Ann", 0);
    f.model.lang.set(Lang::Nl);
    f.model.derive();
    let part = panels(&f).unwrap();
    assert_eq!(part.lang, Lang::Nl);
    assert_eq!(part.seated[0].1, "Ann");
}

#[test]
fn the_people_list_holds_who_joined_but_not_the_facilitator_nor_the_removed() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    f.seat("fac", "Fay", 0);
    f.seat("ann", "Ann", 1);
    f.seat("bob", "Bob", 2);
    f.seat("cas", "Cas", 3);
    let doc = f.docs.get(&own("cas")).unwrap();
    mark_removed(doc);
    f.model.read_doc(&own("cas"), doc);
    let mut present = Present::new();
    let ann = here("ann", Role::Master, None);
    present.insert(ann.participant.clone(), ann);
    f.model.present.set(present);
    f.model.derive();
    let list = f.model.people_panel().get().as_ref().unwrap();
    let rows: Vec<(&str, Option<Role>)> = list
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(rows, [("Ann", Some(Role::Master)), ("Bob", None)]);

    // Bob arrives: his role shows.
    let bob = here("bob", Role::Participant, None);
    let mut present = f.model.present.get().clone();
    present.insert(bob.participant.clone(), bob);
    f.model.present.set(present);
    f.model.derive();
    let list = f.model.people_panel().get().as_ref().unwrap();
    assert_eq!(list.people[1].role, Some(Role::Participant));
}
