//! The keys whose text is a domain word from `ovaal_shared::words`, which the harvest
//! uses too: the page and the harvest cannot drift to synonyms ("nuttig" here,
//! "bruikbaar" there) because neither has its own copy.

use super::Key;
use ovaal_shared::Role;
use ovaal_shared::board::triage::Label;
use ovaal_shared::board::{CardKind, Location, Method};
use ovaal_shared::words::Word;

/// The shared word behind `key`, if its text is one.
pub(super) fn word_of(key: Key) -> Option<Word> {
    Some(match key {
        Key::RoleFacilitator => Word::Role(Role::Facilitator),
        Key::RoleParticipant => Word::Role(Role::Participant),
        Key::RoleMaster => Word::Role(Role::Master),
        Key::RoleSponsor => Word::Role(Role::Sponsor),
        Key::RoleObserver => Word::Role(Role::Observer),
        Key::RoleRoomScreen => Word::Role(Role::RoomScreen),
        Key::KindTheme => Word::Kind(CardKind::Theme),
        Key::KindQuestion => Word::Kind(CardKind::Question),
        Key::KindAdvice => Word::Kind(CardKind::Advice),
        Key::KindCase => Word::Kind(CardKind::Case),
        Key::KindMirror => Word::Kind(CardKind::Mirror),
        Key::KindInsight => Word::Kind(CardKind::Insight),
        Key::KindAction => Word::Kind(CardKind::Action),
        Key::LocationRoom => Word::Location(Location::Room),
        Key::LocationRemote => Word::Location(Location::Remote),
        Key::LabelWarm => Word::Label(Label::Warm),
        Key::LabelNeutral => Word::Label(Label::Neutral),
        Key::LabelCold => Word::Label(Label::Cold),
        Key::Useful => Word::Useful,
        Key::CaseHolder => Word::Caseholder,
        Key::SeatFree => Word::FreeSeat,
        Key::HarvestTitle => Word::Harvest,
        Key::PhasesLabel | Key::MethodPhasesHeading => Word::Phases,
        Key::MethodFree => Word::Method(Method::Free),
        Key::MethodIncident => Word::Method(Method::Incident),
        Key::MethodGossip => Word::Method(Method::Gossip),
        Key::MethodSocratic => Word::Method(Method::Socratic),
        Key::MethodBalint => Word::Method(Method::Balint),
        Key::MethodCaseClinic => Word::Method(Method::CaseClinic),
        Key::MethodLearningCircle => Word::Method(Method::LearningCircle),
        Key::MethodMastercircleUrgentie => Word::Method(Method::MastercircleUrgentie),
        Key::MethodMastercircleOpgave => Word::Method(Method::MastercircleOpgave),
        Key::MethodMastercircleOmslag => Word::Method(Method::MastercircleOmslag),
        Key::MethodMastercircleToekomst => Word::Method(Method::MastercircleToekomst),
        Key::MethodMastercircleOogst => Word::Method(Method::MastercircleOogst),
        _ => return None,
    })
}
