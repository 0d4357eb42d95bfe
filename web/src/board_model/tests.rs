//! The board model on the host, from real `yrs` documents written with the shared
//! board functions: which cards show with which looks, the seats, the phase bar, who
//! may write what, the add-card form, and switching the language.

use ovaal_shared::board::control::{write_hot_seat, write_settings};
use ovaal_shared::board::facilitation::{
    reveal, write_ended, write_hide_names, write_locked, write_participants_export, write_phase,
    write_plan, write_sponsor_phases,
};
use ovaal_shared::board::participant::{add_card_with, mark_removed, write_profile};
use ovaal_shared::board::phase::{Bilingual, CaseholderMode, Phase};
use ovaal_shared::board::triage::{Label, write_label};
use ovaal_shared::board::{
    CardKind, CardText, Location, Method, NewCard, Position, Profile, SessionSettings,
};
use ovaal_shared::export_format::ExportFormat;
use ovaal_shared::permissions::Refusal;
use ovaal_shared::protocol::presence::PresenceState;
use ovaal_shared::{CardId, DocName, ParticipantId, Role};
use yrs::Doc;

use super::card_looks::TriageTools;
use super::*;
use crate::i18n::Key;

/// Ids are at least eight characters; the short names keep the tests readable.
fn pid(s: &str) -> ParticipantId {
    format!("{s:x<8}").parse().unwrap()
}

fn cid(s: &str) -> CardId {
    format!("{s:x<8}").parse().unwrap()
}

fn bi(en: &str, nl: &str) -> Bilingual {
    Bilingual {
        en: en.to_owned(),
        nl: nl.to_owned(),
    }
}

fn phase(id: &str, kinds: &[CardKind], caseholder: CaseholderMode, private: bool) -> Phase {
    Phase {
        id: id.to_owned(),
        name: bi(&format!("{id} en"), &format!("{id} nl")),
        instruction: bi("Write.", "Schrijf."),
        kinds: kinds.to_vec(),
        caseholder,
        private,
        minutes: 0,
    }
}

/// A plan of three phases: questions (everyone speaks), advice (the case-holder
/// listens), a private round of advice.
fn plan() -> Vec<Phase> {
    vec![
        phase(
            "questions",
            &[CardKind::Question],
            CaseholderMode::Speaks,
            false,
        ),
        phase(
            "advice",
            &[CardKind::Advice],
            CaseholderMode::Listens,
            false,
        ),
        phase("solo", &[CardKind::Advice], CaseholderMode::Speaks, true),
        phase(
            "gossip",
            &[CardKind::Advice],
            CaseholderMode::BackTurned,
            false,
        ),
    ]
}

/// A board of six seats with a plan, in its first phase.
struct Fixture {
    model: BoardModel,
    control: Doc,
    /// Each participant's and private document, kept so profiles and cards add up.
    docs: std::collections::BTreeMap<DocName, Doc>,
}

impl Fixture {
    fn new(me: &str, role: Role) -> Self {
        let mut model = BoardModel::new(Lang::En, pid(me));
        model.who.set(Who {
            me: pid(me),
            role: Some(role),
            live: true,
        });
        let control = Doc::new();
        write_settings(
            &control,
            &SessionSettings {
                title: "Thursday".to_owned(),
                method: Method::Incident,
                seats: 6,
            },
        );
        write_plan(&control, &plan());
        write_phase(&control, "questions");
        let mut fixture = Self {
            model,
            control,
            docs: Default::default(),
        };
        fixture.read_control();
        fixture
    }

    fn read_control(&mut self) {
        self.model.read_doc(&DocName::Control, &self.control);
        self.model.derive();
    }

    fn seat(&mut self, id: &str, name: &str, seat: u32) {
        let name_of_doc = own(id);
        let doc = self.docs.entry(name_of_doc.clone()).or_default();
        write_profile(
            doc,
            &Profile {
                name: name.to_owned(),
                seat: Some(seat),
                location: Location::Remote,
                seat_claimed_ms: 1,
            },
        );
        self.model.read_doc(&name_of_doc, doc);
        self.model.derive();
    }

    /// Writes a card into `doc` and reads it.
    fn card(&mut self, doc: DocName, card: &str, kind: CardKind, phase: &str) {
        let yd = self.docs.entry(doc.clone()).or_default();
        add_card_with(
            yd,
            &NewCard {
                id: cid(card),
                kind,
                text: CardText::new("What did you feel?").unwrap(),
                position: Position::CENTRE,
                created_ms: 5,
                phase: Some(phase.to_owned()),
            },
        );
        self.model.read_doc(&doc, yd);
        self.model.derive();
    }

    fn shown(&self, doc: &DocName) -> &Vec<card_looks::ShownCard> {
        self.model
            .looks()
            .find(|(d, _)| *d == doc)
            .map(|(_, part)| part.get())
            .unwrap()
    }

    fn version(&self, doc: &DocName) -> u64 {
        self.model
            .looks()
            .find(|(d, _)| *d == doc)
            .map(|(_, part)| part.version())
            .unwrap()
    }
}

fn own(id: &str) -> DocName {
    DocName::Participant(pid(id))
}

#[test]
fn cards_show_with_bylines_until_names_are_hidden() {
    let mut f = Fixture::new("me", Role::Participant);
    f.seat("anna", "Anna", 0);
    f.card(own("anna"), "c1", CardKind::Question, "questions");
    let look = &f.shown(&own("anna"))[0].look;
    assert_eq!(look.byline, "by Anna");
    assert_eq!(look.phase, "questions en");
    assert!(!look.editable && !look.movable, "not my card");
    f.card(own("me"), "c2", CardKind::Question, "questions");
    let mine = &f.shown(&own("me"))[0].look;
    assert!(mine.editable && mine.movable);
    assert_eq!(mine.byline, "by someone", "my profile has not arrived");

    let before = f.version(&own("anna"));
    write_hide_names(&f.control, true);
    f.read_control();
    assert_eq!(f.shown(&own("anna"))[0].look.byline, "");
    assert!(f.version(&own("anna")) > before);
}

#[test]
fn an_unrelated_change_leaves_a_documents_looks_alone() {
    let mut f = Fixture::new("me", Role::Participant);
    f.seat("anna", "Anna", 0);
    f.card(own("anna"), "c1", CardKind::Question, "questions");
    let before = f.version(&own("anna"));
    let seats_before = f.model.seats().version();
    // Another card document changes: Anna's cards look the same, the seats too.
    f.card(own("bob"), "c2", CardKind::Question, "questions");
    assert_eq!(f.version(&own("anna")), before);
    assert_eq!(f.model.seats().version(), seats_before);
    // Nothing changed at all: deriving again moves nothing.
    let phase_bar = f.model.phase_bar().version();
    f.model.derive();
    assert_eq!(f.model.phase_bar().version(), phase_bar);
    assert_eq!(f.version(&own("anna")), before);
}

#[test]
fn a_private_card_says_only_you_until_the_round_is_revealed() {
    let mut f = Fixture::new("me", Role::Participant);
    write_phase(&f.control, "solo");
    f.read_control();
    let private = DocName::Private {
        phase: "solo".to_owned(),
        owner: pid("me"),
    };
    assert_eq!(f.model.rights().target_doc(), private);
    f.card(private.clone(), "p1", CardKind::Advice, "solo");
    assert_eq!(f.shown(&private)[0].look.note, "🔒 only you see this");
    reveal(&f.control, "solo");
    f.read_control();
    assert_eq!(f.shown(&private)[0].look.note, "");
}

#[test]
fn the_caseholder_triages_and_sees_nothing_when_back_turned() {
    let mut f = Fixture::new("me", Role::Participant);
    f.seat("me", "Me", 1);
    f.card(own("anna"), "c1", CardKind::Question, "questions");
    assert_eq!(f.shown(&own("anna"))[0].look.tools, TriageTools::None);
    write_hot_seat(&f.control, Some(&pid("me")));
    f.read_control();
    assert_eq!(f.shown(&own("anna"))[0].look.tools, TriageTools::Labels);

    let triage = Doc::new();
    write_label(&triage, &pid("anna"), &cid("c1"), Some(Label::Warm));
    f.model.read_doc(&DocName::Triage, &triage);
    f.model.derive();
    assert_eq!(f.shown(&own("anna"))[0].look.label, Some(Label::Warm));

    write_phase(&f.control, "gossip");
    f.read_control();
    assert!(f.model.rights().back_turned());
    assert!(
        f.shown(&own("anna")).is_empty(),
        "a back-turned page shows no cards"
    );
}

#[test]
fn seats_show_holders_the_hot_seat_presence_and_badges() {
    let mut f = Fixture::new("me", Role::Participant);
    assert!(!f.model.seats().get().can_sit, "no profile yet");
    f.seat("me", "Me", 0);
    f.seat("anna", "Anna", 2);
    f.seat("sam", "Sam", 3);
    write_hot_seat(&f.control, Some(&pid("anna")));
    f.read_control();
    let mut present = Present::new();
    present.insert(pid("sam").to_string(), here("sam", Role::Sponsor, None));
    f.model.present.set(present);
    f.model.derive();

    let seats = f.model.seats().get();
    assert!(seats.can_sit);
    assert_eq!(seats.seats.len(), 6);
    assert!(
        seats.seats[0].mine && seats.seats[0].online,
        "live on my own seat"
    );
    assert_eq!(seats.seats[1], SeatInfo::default());
    assert_eq!(seats.seats[2].name, "Anna");
    assert!(seats.seats[2].hot && !seats.seats[2].online);
    assert!(seats.seats[3].online);
    assert_eq!(seats.seats[3].badge, Some(Role::Sponsor));
    assert_eq!(seats.seats[3].location, Some(Location::Remote));

    // Removed people keep their profile (and seat claim) in their document.
    let gone = Doc::new();
    mark_removed(&gone);
    f.model.read_doc(&own("bob"), &gone);
    f.model.derive();
    assert!(f.model.people.get().removed.contains(&pid("bob")));
}

#[test]
fn the_phase_bar_follows_the_plan_and_offers_controls_to_the_facilitator() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    let bar = f.model.phase_bar().get();
    assert_eq!(bar.current.as_deref(), Some("questions"));
    assert_eq!(bar.kinds, vec![CardKind::Question]);
    assert!(bar.controls && !bar.ended && !bar.locked);
    assert_eq!(bar.room_text(), ("questions en", "Write."));

    write_locked(&f.control, true);
    write_phase(&f.control, "advice");
    f.read_control();
    let bar = f.model.phase_bar().get();
    assert!(bar.locked);
    assert_eq!(bar.kinds, vec![CardKind::Advice]);

    write_ended(&f.control);
    f.read_control();
    let bar = f.model.phase_bar().get();
    assert!(
        bar.ended && !bar.controls,
        "an ended session has no controls"
    );

    let participant = Fixture::new("me", Role::Participant);
    assert!(!participant.model.phase_bar().get().controls);
}

#[test]
fn who_may_write_where_by_role_phase_and_private_round() {
    let mut f = Fixture::new("me", Role::Participant);
    let r = f.model.rights();
    assert!(r.may_write(&own("me")));
    assert!(!r.may_write(&own("anna")));
    assert!(!r.may_write(&DocName::Control));
    assert!(!r.may_write(&DocName::Triage), "not the case-holder");

    let observer = Fixture::new("obs", Role::Observer);
    assert_eq!(
        observer.model.rights().refusal(&own("obs")),
        Some(Refusal::ReadOnlyRole)
    );
    assert!(!observer.model.rights().may_write(&own("obs")));

    let facilitator = Fixture::new("fac", Role::Facilitator);
    assert!(facilitator.model.rights().may_write(&own("anna")));
    assert!(facilitator.model.rights().offers_spotlight());

    // A private round: one's own private document, nobody else's.
    write_phase(&f.control, "solo");
    f.read_control();
    let r = f.model.rights();
    let mine = DocName::Private {
        phase: "solo".to_owned(),
        owner: pid("me"),
    };
    let theirs = DocName::Private {
        phase: "solo".to_owned(),
        owner: pid("anna"),
    };
    assert!(r.may_write(&mine));
    assert_eq!(r.refusal(&theirs), Some(Refusal::NotYourDocument));

    // The listening case-holder, and a locked board.
    write_hot_seat(&f.control, Some(&pid("me")));
    write_phase(&f.control, "advice");
    f.read_control();
    assert_eq!(
        f.model.rights().refusal(&own("me")),
        Some(Refusal::CaseholderListens)
    );
    assert_eq!(
        f.model.rights().caseholder_mode(),
        Some(CaseholderMode::Listens)
    );
    write_hot_seat(&f.control, None);
    write_locked(&f.control, true);
    f.read_control();
    assert_eq!(
        f.model.rights().refusal(&own("me")),
        Some(Refusal::BoardLocked)
    );

    // A sponsor outside their phases.
    let mut sponsor = Fixture::new("sp", Role::Sponsor);
    write_sponsor_phases(&sponsor.control, Some(&["advice".to_owned()]));
    sponsor.read_control();
    assert_eq!(
        sponsor.model.rights().refusal(&own("sp")),
        Some(Refusal::SponsorNotNow)
    );
    write_phase(&sponsor.control, "advice");
    sponsor.read_control();
    assert!(sponsor.model.rights().may_write(&own("sp")));
}

#[test]
fn the_compose_form_offers_the_phases_kinds_or_says_why_not() {
    let mut f = Fixture::new("me", Role::Participant);
    let compose = f.model.compose().get();
    assert_eq!(compose.kinds, vec![CardKind::Question]);
    assert_eq!(compose.note, None);

    write_hot_seat(&f.control, Some(&pid("me")));
    write_phase(&f.control, "advice");
    f.read_control();
    let compose = f.model.compose().get();
    assert_eq!(compose.kinds, vec![CardKind::Advice]);
    assert_eq!(compose.note, Some(Key::CaseholderListensNote));

    // In a private round the case-holder writes to their private document.
    write_phase(&f.control, "solo");
    f.read_control();
    assert_eq!(f.model.compose().get().note, None);

    write_ended(&f.control);
    f.read_control();
    assert_eq!(f.model.compose().get().note, Some(Key::RefusedEnded));

    let observer = Fixture::new("obs", Role::Observer);
    assert_eq!(
        *observer.model.compose().get(),
        ComposeStateDefault::default()
    );
}

type ComposeStateDefault = compose::ComposeState;

#[test]
fn switching_the_language_derives_every_worded_part_again() {
    let mut f = Fixture::new("me", Role::Participant);
    f.seat("anna", "Anna", 0);
    f.card(own("anna"), "c1", CardKind::Question, "questions");
    let carried_like = own("bob"); // no profile: "someone"
    f.card(carried_like.clone(), "c2", CardKind::Question, "questions");
    let (anna, bar, compose) = (
        f.version(&own("anna")),
        f.model.phase_bar().version(),
        f.model.compose().version(),
    );

    f.model.lang.set(Lang::Nl);
    f.model.derive();
    assert_eq!(f.shown(&own("anna"))[0].look.byline, "door Anna");
    assert_eq!(f.shown(&own("anna"))[0].look.phase, "questions nl");
    assert_eq!(f.shown(&carried_like)[0].look.byline, "door iemand");
    assert_eq!(
        f.model.phase_bar().get().room_text(),
        ("questions nl", "Schrijf.")
    );
    assert!(f.version(&own("anna")) > anna);
    assert!(f.model.phase_bar().version() > bar);
    assert!(f.model.compose().version() > compose);

    // Back again: the same looks as at first.
    f.model.lang.set(Lang::En);
    f.model.derive();
    assert_eq!(f.shown(&own("anna"))[0].look.byline, "by Anna");
}

#[test]
fn exports_are_offered_by_role_and_the_facilitators_switches() {
    let facilitator = Fixture::new("fac", Role::Facilitator);
    let offers = facilitator.model.harvest_offers().get();
    assert_eq!(offers.exports, ExportFormat::ALL.to_vec());
    assert!(offers.facilitator && !offers.caseholder);

    let mut f = Fixture::new("me", Role::Participant);
    assert!(
        f.model.harvest_offers().get().exports.is_empty(),
        "not allowed yet"
    );
    write_participants_export(&f.control, true);
    write_hot_seat(&f.control, Some(&pid("me")));
    f.read_control();
    let offers = f.model.harvest_offers().get();
    assert_eq!(offers.exports, ExportFormat::ALL.to_vec());
    assert!(offers.caseholder && !offers.facilitator);
    write_hide_names(&f.control, true);
    f.read_control();
    let exports = &f.model.harvest_offers().get().exports;
    assert!(!exports.is_empty());
    assert!(exports.iter().all(|x| !x.always_names_authors()));
    assert!(exports.len() < ExportFormat::ALL.len());

    let observer = Fixture::new("obs", Role::Observer);
    assert!(observer.model.harvest_offers().get().exports.is_empty());
}

/// A presence state as a browser announces it.
fn here(id: &str, role: Role, ready: Option<&str>) -> PresenceState {
    PresenceState {
        participant: pid(id).to_string(),
        name: id.to_owned(),
        role: role.as_str().to_owned(),
        location: "room".to_owned(),
        ready: ready.map(str::to_owned),
    }
}

#[test]
fn the_private_round_strip_counts_ready_writers_for_the_facilitator() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    assert_eq!(*f.model.private_round().get(), None, "not a private phase");
    f.seat("anna", "Anna", 0);
    f.seat("bob", "Bob", 1);
    write_phase(&f.control, "solo");
    f.read_control();
    let mut present = Present::new();
    present.insert(
        pid("anna").to_string(),
        here("anna", Role::Participant, Some("solo")),
    );
    present.insert(pid("bob").to_string(), here("bob", Role::Participant, None));
    // A screen watching is no writer, and not seated.
    present.insert(
        pid("screen").to_string(),
        here("screen", Role::RoomScreen, Some("solo")),
    );
    f.model.present.set(present);
    f.model.derive();
    let strip = f.model.private_round().get().clone().unwrap();
    assert_eq!(strip.count, Some((1, 2)));
    assert!(strip.can_reveal && strip.can_ready.is_none() && !strip.revealed);

    reveal(&f.control, "solo");
    f.read_control();
    let strip = f.model.private_round().get().clone().unwrap();
    assert!(strip.revealed && !strip.can_reveal);

    let mut writer = Fixture::new("anna", Role::Participant);
    write_phase(&writer.control, "solo");
    writer.read_control();
    assert_eq!(
        writer
            .model
            .private_round()
            .get()
            .as_ref()
            .unwrap()
            .can_ready,
        Some(false)
    );
    writer.model.ready.set(Some("solo".to_owned()));
    writer.model.derive();
    let strip = writer.model.private_round().get().clone().unwrap();
    assert_eq!(strip.can_ready, Some(true));
    assert_eq!(strip.count, None, "only the facilitator sees the count");
}

#[test]
fn a_view_draws_a_part_once_per_version() {
    let drawn = Drawn::default();
    let mut part = Versioned::new(1);
    assert!(drawn.moved(&[part.version()]), "never drawn");
    assert!(!drawn.moved(&[part.version()]));
    assert!(!part.set(1), "the same value moves nothing");
    assert!(!drawn.moved(&[part.version()]));
    assert!(part.set(2));
    assert!(drawn.moved(&[part.version()]));
}

use seats::SeatInfo;

mod arc;
mod card_places;
mod facilitator;
mod list_seats;
mod own_presence;
mod page_mode;
mod presence;
mod spotlight;
mod undo;
mod words;
