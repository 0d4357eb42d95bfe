//! Dutch strings (Nederlands).

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::AppName => "Ovaal",
        Key::Tagline => "Een gedeelde tafel voor intervisie",
        Key::SwitchLanguage => "EN",
        Key::SwitchLanguageLabel => "EN — English: schakel de taal over naar Engels",
        Key::LandingTitle => "Nieuwe sessie starten",
        Key::LandingIntro => {
            "Maak een bord voor je intervisie of leerkring. Je krijgt vier links: één voor jou als begeleider, één voor de deelnemers, één voor toeschouwers en één voor het zaalscherm, met een code voor wie in de zaal zit."
        }
        Key::SessionTitleLabel => "Titel van de sessie",
        Key::SessionTitlePlaceholder => "bijv. Intervisie team Noord",
        Key::MethodLabel => "Werkvorm",
        Key::CreateSession => "Sessie aanmaken",
        Key::Creating => "Bezig met aanmaken…",
        Key::TitleInvalid => "Een titel heeft 1 tot {max} tekens nodig.",
        Key::RequestFailed => "De server is niet bereikbaar. Probeer het opnieuw.",
        Key::SessionReady => "Je sessie staat klaar",
        Key::LinksIntro => {
            "Deel deze links. Wie een link opent, doet mee in die rol: houd de link voor de begeleider dus voor jezelf."
        }
        Key::LinkFacilitator => "Begeleider",
        Key::LinkFacilitatorHint => "Voor jou: je leidt de sessie.",
        Key::LinkParticipant => "Deelnemers",
        Key::LinkParticipantHint => "Voor iedereen aan tafel: neem plaats en schrijf kaarten.",
        Key::LinkObserver => "Toeschouwers",
        Key::LinkObserverHint => "Alleen lezen: voor wie van elders meekijkt.",
        Key::Copy => "Kopiëren",
        Key::Copied => "Gekopieerd",
        Key::CopyFailed => "Kopiëren lukte niet: selecteer de link en kopieer hem zelf.",
        Key::CreateAnother => "Nog een sessie aanmaken",
        Key::LinkIncomplete => "Deze link is onvolledig — vraag de begeleider om de link.",
        Key::LinkInvalid => "Deze link klopt niet — vraag de begeleider om de link.",
        Key::ConnConnecting => "verbinden…",
        Key::ConnConnected => "verbonden",
        Key::ConnReconnecting => "opnieuw verbinden… (poging {n})",
        Key::ConnOffline => "offline",
        Key::ErrorVersion => "Ovaal is bijgewerkt — laad de pagina opnieuw.",
        Key::ErrorUnauthorized => {
            "Deze link is niet (meer) geldig — vraag de begeleider om een nieuwe link."
        }
        Key::ErrorUnknownSession => "Deze sessie bestaat niet (meer).",
        Key::ErrorKeyMismatch => {
            "Deze identiteit wordt al ergens anders gebruikt. Laad de pagina opnieuw om als nieuwe deelnemer mee te doen."
        }
        Key::ErrorRoomFull => "De sessie is vol. We proberen het opnieuw…",
        Key::ErrorProtocol => "De verbinding is misgegaan — laad de pagina opnieuw.",
        Key::ErrorServer => "De server had een probleem. We proberen het opnieuw…",
        Key::RefusedReadOnly => "Niet opgeslagen: dit bord is voor jou alleen-lezen.",
        Key::RefusedFacilitatorOnly => "Niet opgeslagen: alleen de begeleider kan dit wijzigen.",
        Key::RefusedNotYours => "Niet opgeslagen: je kunt alleen je eigen kaarten wijzigen.",
        Key::RefusedOther => "Niet opgeslagen: {reason}",
        Key::JoinTitle => "Aanschuiven aan tafel",
        Key::JoinIntro => {
            "Laat de groep weten wie je bent. Daarna kun je een stoel aan tafel kiezen."
        }
        Key::NameLabel => "Je naam",
        Key::NameInvalid => "Vul een naam in van 1 tot {max} tekens.",
        Key::WhereLabel => "Waar ben je?",
        Key::JoinSubmit => "Aanschuiven",
        Key::BoardLabel => "De ovale tafel met stoelen en kaarten",
        Key::LoadingBoard => "Het bord wordt geladen…",
        Key::ReadOnlyNotice => "Je kijkt mee: dit bord is alleen-lezen.",
        Key::SeatEmpty => "vrije stoel",
        Key::SeatTake => "Neem stoel {n}",
        Key::SeatTakenBy => "Stoel {n}: {name}, {location}, {presence}",
        Key::SeatYours => "jouw stoel",
        Key::SeatPrompt => "Kies een vrije stoel aan tafel",
        Key::SeatPromptHow => "Tik op een lege stoel of op „Neem stoel …” om te gaan zitten.",
        Key::SeatHint => "Klik op een vrije stoel om te gaan zitten.",
        Key::PresenceOnline => "online",
        Key::PresenceAway => "niet verbonden",
        Key::You => "jij",
        Key::Someone => "iemand",
        Key::RoomScreen => "Zaalscherm",
        Key::AddCardTitle => "Kaart toevoegen",
        Key::CardKindLabel => "Soort",
        Key::CardTextLabel => "Tekst",
        Key::CardTextPlaceholder => "Schrijf je kaart…",
        Key::CardAdd => "Toevoegen",
        Key::CardEmpty => "Een kaart heeft tekst nodig.",
        Key::CardTooLong => "Een kaart bevat maximaal {max} tekens.",
        Key::CardBy => "door {name}",
        Key::CardEditLabel => "Tekst van de kaart",
        Key::Edit => "Bewerken",
        Key::Delete => "Verwijderen",
        Key::Save => "Opslaan",
        Key::Cancel => "Annuleren",
        Key::ConfirmDelete => "Deze kaart verwijderen?",
        Key::DragHint => "Sleep je kaarten om ze te verplaatsen; dubbelklik om te bewerken.",
        Key::AnnounceNewCard => "Nieuwe kaart ({kind}) van {name}: {text}",
        Key::WhoIsHere => "Wie is er",
        Key::NobodyHere => "Er is nog niemand verbonden.",
        Key::SeatTakeLabel => "vrij — neem stoel {n}",
        Key::Dismiss => "Sluiten",
        Key::ViewSwitchLabel => "Weergave",
        Key::ViewTable => "Tafel",
        Key::ViewList => "Lijst",
        Key::ViewRoom => "Zaalscherm",
        Key::Undo => "Ongedaan maken",
        Key::Redo => "Opnieuw",
        Key::UndoTitle => "Je laatste wijziging ongedaan maken (Ctrl+Z)",
        Key::RedoTitle => "Opnieuw doen (Ctrl+Shift+Z of Ctrl+Y)",
        Key::Undone => "Ongedaan gemaakt.",
        Key::Redone => "Opnieuw gedaan.",
        Key::CardDeleted => "Kaart verwijderd.",
        Key::CardRestored => "Kaart teruggezet.",
        Key::MoveCard => "Kaart verplaatsen naar…",
        Key::MoveCardTo => "Kaart verplaatst naar {place}.",
        Key::TableCentre => "Tafelmidden",
        Key::SeatNumber => "Stoel {n}",
        Key::SeatNumberName => "Stoel {n} · {name}",
        Key::HotSeat => "hete stoel",
        Key::HotSeatBadge => "hete stoel · inbrenger",
        Key::TableSettingsTitle => "Tafel",
        Key::SeatCountLabel => "Stoelen aan tafel",
        Key::SeatCountOption => "{n} stoelen",
        Key::MeButtonLabel => "Jouw profiel: naam, zaal of op afstand, stoel",
        Key::MeTitle => "Jouw profiel",
        Key::LeaveSeat => "Stoel verlaten",
        Key::NoSeatYet => "Je hebt nog geen stoel: kies een vrije stoel aan tafel.",
        Key::YourSeatIs => "Je zit op stoel {n}.",
        Key::ProfileSaved => "Opgeslagen.",
        Key::ListTitle => "Het bord als lijst",
        Key::GroupLabel => "Kaarten groeperen",
        Key::GroupByPlace => "Per persoon",
        Key::GroupByKind => "Per soort",
        Key::NoCards => "Nog geen kaarten.",
        Key::WriteCard => "Schrijf een kaart",
        Key::SkipToCompose => "Direct naar een kaart schrijven",
        Key::HereNow => "nu aanwezig",
        Key::RoomJoinTitle => "Schuif aan",
        Key::RoomJoinHow => "Scan de QR-code, of open Ovaal en typ deze code:",
        Key::RoomQrLabel => "QR-code met de link om als deelnemer mee te doen",
        Key::RoomPhaseLabel => "Fase",
        Key::RoomTimerLabel => "Timer",
        Key::JoinCodeTitle => "Meedoen met een code",
        Key::JoinCodeIntro => {
            "Een code gekregen van het zaalscherm of de begeleider? Typ hem hier."
        }
        Key::JoinCodeLabel => "Code",
        Key::JoinCodeGo => "Meedoen",
        Key::JoinCodeUnknown => {
            "Met deze code open je geen sessie. Controleer de code en probeer het opnieuw."
        }
        Key::JoinCodeInvalid => "Een code heeft 8 letters en cijfers, zoals K7PM-4QXA.",
        Key::LinkRoomScreen => "Zaalscherm",
        Key::LinkRoomScreenHint => "Alleen lezen, voor de beamer: toont de code en een QR-code.",
        Key::JoinCodeShown => "Code voor mensen in de zaal:",
        Key::CardKeysHint => {
            "Tab naar een kaart: ← → naar de vorige of volgende plek, Alt+↑ ↓ eerder of later op die plek, Enter bewerkt, Delete verwijdert."
        }
        Key::EditCard => "Kaart bewerken",
        Key::DeleteCard => "Kaart verwijderen",
        Key::CardAria => "{kind} van {name}",
        _ => super::nl_flow::text(key),
    }
}
