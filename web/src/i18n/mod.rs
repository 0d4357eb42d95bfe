//! Every visible string of the client, in English and Dutch.
//!
//! Strings are looked up by [`Key`]; each language is one exhaustive `match`, so a key
//! without a translation is a compile error rather than an empty label. Parameters are
//! written `{name}` and filled with [`fill`]. The DOM layer marks translated nodes with
//! `data-i18n` so that switching language relabels the page in place instead of
//! rebuilding it (which would lose focus, drafts and drags).

mod en;
mod en_flow;
mod en_guide;
mod en_room;
mod en_start;
mod keys;
mod link_labels;
mod nl;
mod nl_flow;
mod nl_guide;
mod nl_room;
mod nl_start;
mod shared_words;

pub use keys::Key;
pub use link_labels::default_link_label;

use ovaal_shared::Role;
use ovaal_shared::board::phase::CaseholderMode;
use ovaal_shared::board::triage::Label;
use ovaal_shared::board::{CardKind, Location, Method};
use ovaal_shared::protocol::ErrorCode;

/// The languages the interface speaks: the same as the harvest's.
pub use ovaal_shared::words::Lang;

/// The string for `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    if let Some(w) = shared_words::word_of(key) {
        return ovaal_shared::words::word(lang, w);
    }
    match lang {
        Lang::En => en::text(key),
        Lang::Nl => nl::text(key),
    }
}

/// Replaces each `{name}` in `template` with its value. Unknown placeholders stay as
/// they are so a mistake is visible instead of silently dropping text.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The compose box's placeholder: what the current phase asks for ("Schrijf je vraag
/// of advies…"), so a person does not read "theme, question or advice" in a phase that
/// takes only questions. More than three kinds read as a card in general.
pub fn compose_placeholder(lang: Lang, kinds: &[CardKind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| t(lang, kind_key(*k))).collect();
    match names.as_slice() {
        [] => t(lang, Key::CardTextPlaceholder).to_owned(),
        [one] => tf(lang, Key::ComposeAsk, &[("kinds", one)]),
        [first @ .., last] if names.len() <= 3 => {
            let list = format!("{} {} {last}", first.join(", "), t(lang, Key::ListOr));
            tf(lang, Key::ComposeAsk, &[("kinds", &list)])
        }
        _ => t(lang, Key::CardTextPlaceholder).to_owned(),
    }
}

/// Shorthand for `fill(t(lang, key), args)`.
pub fn tf(lang: Lang, key: Key, args: &[(&str, &str)]) -> String {
    fill(t(lang, key), args)
}

pub fn method_key(method: Method) -> Key {
    match method {
        Method::Free => Key::MethodFree,
        Method::Incident => Key::MethodIncident,
        Method::Gossip => Key::MethodGossip,
        Method::Socratic => Key::MethodSocratic,
        Method::Balint => Key::MethodBalint,
        Method::CaseClinic => Key::MethodCaseClinic,
        Method::LearningCircle => Key::MethodLearningCircle,
        Method::MastercircleUrgentie => Key::MethodMastercircleUrgentie,
        Method::MastercircleOpgave => Key::MethodMastercircleOpgave,
        Method::MastercircleOmslag => Key::MethodMastercircleOmslag,
        Method::MastercircleToekomst => Key::MethodMastercircleToekomst,
        Method::MastercircleOogst => Key::MethodMastercircleOogst,
    }
}

pub fn kind_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Theme => Key::KindTheme,
        CardKind::Question => Key::KindQuestion,
        CardKind::Advice => Key::KindAdvice,
        CardKind::Case => Key::KindCase,
        CardKind::Mirror => Key::KindMirror,
        CardKind::Insight => Key::KindInsight,
        CardKind::Action => Key::KindAction,
    }
}

/// The icon shown next to a card kind's label, so kinds are told apart by more than
/// colour alone.
pub fn kind_icon(kind: CardKind) -> &'static str {
    match kind {
        CardKind::Theme => "🏷️",
        CardKind::Question => "❓",
        CardKind::Advice => "💡",
        CardKind::Case => "📌",
        CardKind::Mirror => "🪞",
        CardKind::Insight => "✨",
        CardKind::Action => "👣",
    }
}

pub fn role_key(role: Role) -> Key {
    match role {
        Role::Facilitator => Key::RoleFacilitator,
        Role::Participant => Key::RoleParticipant,
        Role::Master => Key::RoleMaster,
        Role::Sponsor => Key::RoleSponsor,
        Role::Observer => Key::RoleObserver,
        Role::RoomScreen => Key::RoleRoomScreen,
    }
}

/// The badge icon of a role with a badge (masters and sponsors); empty otherwise.
pub fn role_icon(role: Role) -> &'static str {
    match role {
        Role::Master => "★",
        Role::Sponsor => "◆",
        _ => "",
    }
}

pub fn location_key(location: Location) -> Key {
    match location {
        Location::Room => Key::LocationRoom,
        Location::Remote => Key::LocationRemote,
    }
}

/// What to tell a person whose connection the server ended for good.
pub fn error_key(code: ErrorCode) -> Key {
    match code {
        ErrorCode::VersionMismatch => Key::ErrorVersion,
        ErrorCode::Unauthorized => Key::ErrorUnauthorized,
        ErrorCode::UnknownSession => Key::ErrorUnknownSession,
        ErrorCode::ParticipantKeyMismatch => Key::ErrorKeyMismatch,
        ErrorCode::RoomFull | ErrorCode::ParticipantFull | ErrorCode::LinkFull => {
            Key::ErrorRoomFull
        }
        ErrorCode::MalformedMessage | ErrorCode::MessageTooLarge | ErrorCode::HelloExpected => {
            Key::ErrorProtocol
        }
        ErrorCode::TooSlow
        | ErrorCode::ShuttingDown
        | ErrorCode::Internal
        | ErrorCode::SessionDamaged => Key::ErrorServer,
    }
}

/// The message for a refused write, by its code (a permission
/// [`ovaal_shared::permissions::Refusal`] or a board schema refusal); unknown codes
/// fall back to the server's own (English) reason.
pub fn refusal_key(code: u32) -> Option<Key> {
    use ovaal_shared::board::schema::code as schema;
    use ovaal_shared::permissions::Refusal;
    if let Some(refusal) = Refusal::from_code(code) {
        return Some(match refusal {
            Refusal::ReadOnlyRole => Key::RefusedReadOnly,
            Refusal::FacilitatorOnly => Key::RefusedFacilitatorOnly,
            Refusal::NotYourDocument => Key::RefusedNotYours,
            Refusal::BoardLocked => Key::RefusedLocked,
            Refusal::CaseholderListens => Key::RefusedListens,
            Refusal::NotCaseholder => Key::RefusedNotCaseholder,
            Refusal::SponsorNotNow => Key::RefusedSponsor,
            Refusal::SessionEnded => Key::RefusedEnded,
            Refusal::TooFast => Key::RefusedTooFast,
        });
    }
    match code {
        schema::MALFORMED | schema::OUTSIDE_SCHEMA | schema::INVALID_VALUE | schema::UNINDEXED => {
            Some(Key::RefusedInvalid)
        }
        schema::MISSING_HISTORY => Some(Key::RefusedMissingHistory),
        schema::TOO_MANY_CARDS => Some(Key::RefusedTooManyCards),
        schema::DOCUMENT_FULL => Some(Key::RefusedDocumentFull),
        schema::SESSION_FULL => Some(Key::RefusedSessionFull),
        schema::NOT_A_PRIVATE_ROUND => Some(Key::RefusedNotPrivateRound),
        _ => None,
    }
}

/// A triage label's word (shown next to its icon, never by colour alone).
pub fn label_key(label: Label) -> Key {
    match label {
        Label::Warm => Key::LabelWarm,
        Label::Neutral => Key::LabelNeutral,
        Label::Cold => Key::LabelCold,
    }
}

/// The icon of a triage label.
pub fn label_icon(label: Label) -> &'static str {
    match label {
        Label::Warm => "🔥",
        Label::Neutral => "◐",
        Label::Cold => "❄️",
    }
}

pub fn caseholder_key(mode: CaseholderMode) -> Key {
    match mode {
        CaseholderMode::Speaks => Key::CaseholderSpeaks,
        CaseholderMode::Listens => Key::CaseholderListens,
        CaseholderMode::BackTurned => Key::CaseholderBackTurned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::permissions::Refusal;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn the_placeholder_names_what_the_phase_asks_for() {
        use CardKind::*;
        assert_eq!(
            compose_placeholder(Lang::Nl, &[Question]),
            "Schrijf je vraag…"
        );
        assert_eq!(
            compose_placeholder(Lang::Nl, &[Question, Advice]),
            "Schrijf je vraag of advies…"
        );
        assert_eq!(
            compose_placeholder(Lang::En, &[Theme, Question, Advice]),
            "Write your theme, question or advice…"
        );
        assert_eq!(
            compose_placeholder(Lang::En, &CardKind::ALL),
            "Write your card…"
        );
        assert_eq!(compose_placeholder(Lang::Nl, &[]), "Schrijf je kaart…");
    }

    #[test]
    fn every_key_has_text_in_every_language() {
        for &key in Key::ALL {
            for lang in Lang::ALL {
                assert!(
                    !t(lang, key).trim().is_empty(),
                    "{key:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn translations_use_the_same_placeholders() {
        for &key in Key::ALL {
            assert_eq!(
                placeholders(t(Lang::En, key)),
                placeholders(t(Lang::Nl, key)),
                "{key:?} has different placeholders"
            );
        }
    }

    #[test]
    fn dutch_uses_the_agreed_words() {
        assert_eq!(t(Lang::Nl, Key::RoleFacilitator), "begeleider");
        assert_eq!(t(Lang::Nl, Key::RoleParticipant), "deelnemer");
        assert_eq!(t(Lang::Nl, Key::RoleObserver), "toeschouwer");
        assert_eq!(t(Lang::Nl, Key::RoleRoomScreen), "zaalscherm");
        assert_eq!(t(Lang::Nl, Key::KindQuestion), "vraag");
        assert_eq!(t(Lang::Nl, Key::KindAdvice), "advies");
        assert_eq!(t(Lang::Nl, Key::KindTheme), "thema");
        assert_eq!(t(Lang::Nl, Key::ConnConnected), "verbonden");
        assert!(t(Lang::Nl, Key::ConnReconnecting).starts_with("opnieuw verbinden…"));
        assert_eq!(t(Lang::Nl, Key::HotSeat), "hete stoel");
        assert_eq!(t(Lang::Nl, Key::CaseHolder), "inbrenger");
        assert_eq!(t(Lang::Nl, Key::ViewRoom), "Zaalscherm");
        assert_eq!(t(Lang::Nl, Key::MoveCard), "Kaart verplaatsen naar…");
        assert_eq!(t(Lang::Nl, Key::TableCentre), "Tafelmidden");
        assert_eq!(t(Lang::Nl, Key::Undo), "Ongedaan maken");
        assert_eq!(t(Lang::Nl, Key::Redo), "Opnieuw");
        assert_eq!(t(Lang::Nl, Key::Reveal), "Onthullen");
        assert_eq!(t(Lang::Nl, Key::LockBoard), "Bord vergrendelen");
        assert_eq!(t(Lang::Nl, Key::HideNames), "Namen verbergen");
        assert_eq!(t(Lang::Nl, Key::HarvestTitle), "Oogst");
        assert_eq!(t(Lang::Nl, Key::EndSession), "Sessie beëindigen");
        assert_eq!(
            t(Lang::Nl, Key::BackTurnedTitle),
            "Luisteren — maak aantekeningen"
        );
        assert_eq!(t(Lang::En, Key::BackTurnedTitle), "Listening — take notes");
        assert_eq!(t(Lang::Nl, Key::TimerLabel), "Timer");
    }

    #[test]
    fn the_page_says_the_harvests_words() {
        use ovaal_shared::words::{Word, word};
        for lang in Lang::ALL {
            // The harvest prints `word(lang, …)`; the page must print the same.
            assert_eq!(t(lang, Key::Useful), word(lang, Word::Useful));
            assert_eq!(
                t(lang, location_key(Location::Room)),
                word(lang, Word::Location(Location::Room))
            );
            for kind in CardKind::ALL {
                assert_eq!(t(lang, kind_key(kind)), word(lang, Word::Kind(kind)));
            }
            for label in Label::ALL {
                assert_eq!(t(lang, label_key(label)), word(lang, Word::Label(label)));
            }
            for role in Role::ALL {
                assert_eq!(t(lang, role_key(role)), word(lang, Word::Role(role)));
            }
            // The mark's button and its label say the same word, capitalised or not.
            let useful = word(lang, Word::Useful);
            assert_eq!(t(lang, Key::MarkUseful).to_lowercase(), useful);
            assert!(t(lang, Key::MarkUsefulLabel).contains(useful));
        }
        assert_eq!(t(Lang::Nl, Key::Useful), "bruikbaar");
        assert_eq!(t(Lang::Nl, Key::LocationRoom), "in de zaal");
    }

    #[test]
    fn language_detection() {
        assert_eq!(Lang::from_tag("nl-BE"), Lang::Nl);
        assert_eq!(Lang::from_tag("NL"), Lang::Nl);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(Lang::En.other(), Lang::Nl);
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(fill("attempt {n} of {n}", &[("n", "2")]), "attempt 2 of 2");
        assert_eq!(fill("{unknown}", &[("n", "2")]), "{unknown}");
    }

    #[test]
    fn every_enum_value_has_a_label() {
        for method in Method::ALL {
            assert!(!t(Lang::Nl, method_key(method)).is_empty());
        }
        for kind in CardKind::ALL {
            assert!(!kind_icon(kind).is_empty());
        }
        for refusal in [
            Refusal::ReadOnlyRole,
            Refusal::FacilitatorOnly,
            Refusal::NotYourDocument,
            Refusal::BoardLocked,
            Refusal::CaseholderListens,
            Refusal::NotCaseholder,
            Refusal::SponsorNotNow,
            Refusal::SessionEnded,
        ] {
            assert!(refusal_key(refusal.code()).is_some());
        }
    }
}
