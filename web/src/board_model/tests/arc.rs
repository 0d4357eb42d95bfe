//! The arc: wanted on an Oogst and when cards were carried over, and the fetched arc
//! drawn in the model's language.

use ovaal_shared::board::carried::{CarriedCard, add_carried};
use ovaal_shared::http_api::ArcEntry;

use super::*;

fn with_method(method: Method) -> Fixture {
    let mut f = Fixture::new("fac", Role::Facilitator);
    write_settings(
        &f.control,
        &SessionSettings {
            title: "Arc".to_owned(),
            method,
            seats: 6,
        },
    );
    f.read_control();
    f
}

#[test]
fn the_arc_is_wanted_on_an_oogst_only_among_the_methods() {
    assert!(
        *with_method(Method::MastercircleOogst)
            .model
            .arc_wanted()
            .get()
    );
    for method in Method::ALL
        .into_iter()
        .filter(|m| *m != Method::MastercircleOogst)
    {
        assert!(!*with_method(method).model.arc_wanted().get(), "{method:?}");
    }
}

#[test]
fn the_arc_is_wanted_once_cards_were_carried_over() {
    let mut f = with_method(Method::Incident);
    let carried = Doc::new();
    f.model.read_doc(&DocName::Carried, &carried);
    f.model.derive();
    assert!(!*f.model.arc_wanted().get(), "an empty carried document");
    add_carried(
        &carried,
        &CarriedCard {
            id: cid("k1"),
            kind: CardKind::Action,
            text: "Call".into(),
            author_name: "Bram".into(),
            from_session: "earlier1".into(),
            from_title: "Earlier".into(),
            position: Position::CENTRE,
            created_ms: 2,
        },
    );
    f.model.read_doc(&DocName::Carried, &carried);
    f.model.derive();
    assert!(*f.model.arc_wanted().get());
}

#[test]
fn the_fetched_arc_is_drawn_in_the_language_and_follows_a_switch() {
    let mut f = with_method(Method::MastercircleOogst);
    f.model.set_this_session("thisone1".parse().unwrap());
    f.model.derive();
    let entry = ArcEntry {
        id: "earlier1".parse().unwrap(),
        title: "Opgave".to_owned(),
        method: Method::MastercircleOpgave,
        created_ms: 3,
        ended_ms: Some(4),
    };
    f.model.set_arc(vec![entry.clone()]);
    f.model.derive();
    let shown = f.model.arc_shown().get().as_ref().unwrap();
    assert_eq!(shown.entries, std::slice::from_ref(&entry));
    assert_eq!(shown.lang, Lang::En);
    let before = f.model.arc_shown().version();
    f.model.lang.set(Lang::Nl);
    f.model.derive();
    assert!(f.model.arc_shown().version() > before);
    assert_eq!(f.model.arc_shown().get().as_ref().unwrap().lang, Lang::Nl);
    // Fetching the same arc again does not move it.
    let before = f.model.arc_shown().version();
    f.model.set_arc(vec![entry]);
    f.model.derive();
    assert_eq!(f.model.arc_shown().version(), before);
}

#[test]
fn until_the_arc_arrives_a_wanted_timeline_shows_this_session_alone() {
    let mut f = with_method(Method::MastercircleOogst);
    f.model.set_this_session("thisone1".parse().unwrap());
    f.model.derive();
    let shown = f.model.arc_shown().get().clone().unwrap();
    assert_eq!(shown.entries.len(), 1, "this session holds the row's place");
    let this = &shown.entries[0];
    assert_eq!(this.id.as_str(), "thisone1");
    assert_eq!(this.title, "Arc");
    assert_eq!(this.method, Method::MastercircleOogst);
    assert_eq!(this.ended_ms, None);

    // A session without an arc shows none, fetched or not.
    let mut plain = with_method(Method::Incident);
    plain.model.set_this_session("thisone1".parse().unwrap());
    plain.model.derive();
    assert_eq!(*plain.model.arc_shown().get(), None);
}
