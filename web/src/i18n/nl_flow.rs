//! Dutch strings of facilitation and the harvest (split from `nl.rs` to keep
//! files short; the completeness test covers both).

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::PhaseNone => "Er is nog geen fase gestart.",
        Key::PhaseStep => "Fase {n} van {total}",
        Key::PhaseInstructionMore => "meer",
        Key::PhaseInstructionLess => "minder",
        Key::MayWriteNow => "Nu mag je schrijven:",
        Key::PhasePrev => "Vorige fase",
        Key::PhaseNext => "Volgende fase",
        Key::PhaseJumpLabel => "Naar fase {n}: {name}",
        Key::AnnouncePhase => "Fase: {name}. {instruction}",
        Key::PhasePrivateBadge => "privé",
        Key::PhaseRevealedBadge => "onthuld",
        Key::CurrentPhaseMark => "nu",
        Key::TimerLabel => "Timer",
        Key::TimerStart => "Starten",
        Key::TimerResume => "Hervatten",
        Key::TimerPause => "Pauzeren",
        Key::TimerReset => "Stoppen",
        Key::TimerAdd1 => "+1 min",
        Key::TimerAdd5 => "+5 min",
        Key::TimerAdd1Label => "Eén minuut erbij",
        Key::TimerAdd5Label => "Vijf minuten erbij",
        Key::TimerIdle => "niet gestart",
        Key::TimerPaused => "gepauzeerd",
        Key::TimerDone => "De tijd is om",
        Key::TimerDoneAnnounce => "De tijd voor {phase} is om.",
        Key::TimerRemaining => "resterende tijd",
        Key::PrivateNotice => {
            "Privéronde: alleen jij ziet je kaarten tot de begeleider ze onthult."
        }
        Key::PrivateRevealedNotice => "Deze ronde is onthuld: iedereen ziet de kaarten.",
        Key::ReadyToggle => "Ik ben klaar",
        Key::ReadyCount => "{ready}/{total} klaar",
        Key::Reveal => "Onthullen",
        Key::AnnounceReveal => "De kaarten van {phase} zijn onthuld.",
        Key::OnlyYou => "🔒 alleen jij ziet dit",
        Key::CaseholderListensNote => {
            "Je bent de inbrenger en luistert in deze fase: de anderen schrijven, jij neemt het in je op."
        }
        Key::RefusedLocked => "De begeleider heeft het bord vergrendeld.",
        Key::RefusedListens => "De inbrenger luistert in deze fase en voegt geen kaarten toe.",
        Key::RefusedNotCaseholder => "Alleen de inbrenger labelt de kaarten.",
        Key::RefusedSponsor => "Sponsors doen mee in andere fasen: straks kun je weer schrijven.",
        Key::RefusedEnded => {
            "Deze sessie is beëindigd: het bord kan gelezen en geëxporteerd worden, niet veranderd."
        }
        Key::RefusedTooFast => {
            "Niet opgeslagen: te veel wijzigingen tegelijk. Wacht even en probeer het opnieuw."
        }
        Key::RefusedInvalid => "Niet opgeslagen: deze wijziging past niet op het bord.",
        Key::RefusedMissingHistory => {
            "Niet opgeslagen: deze pagina loopt achter op het bord. Laad de pagina opnieuw en probeer het nog eens."
        }
        Key::RefusedTooManyCards => {
            "Niet opgeslagen: je hebt het maximale aantal kaarten geschreven. Verwijder er eerst één."
        }
        Key::RefusedDocumentFull => {
            "Niet opgeslagen: jouw deel van het bord is vol. Verwijder kaarten om ruimte te maken."
        }
        Key::RefusedSessionFull => {
            "Niet opgeslagen: het bord van deze sessie is vol. Vraag de begeleider om op te ruimen."
        }
        Key::RefusedNotPrivateRound => "Niet opgeslagen: privénotities horen bij een privéronde.",
        Key::BackTurnedTitle => "Luisteren — maak aantekeningen",
        Key::BackTurnedIntro => {
            "Je zit met je rug naar de groep en luistert. Alleen jij ziet je aantekeningen."
        }
        Key::NoteLabel => "Aantekening",
        Key::NoteAdd => "Aantekening toevoegen",
        Key::NotesTitle => "Je aantekeningen",
        Key::NoNotes => "Nog geen aantekeningen.",
        Key::LabelGroup => "Hoe kwam deze vraag binnen?",
        Key::MarkUseful => "Bruikbaar",
        Key::MarkUsefulLabel => "Markeer dit advies als bruikbaar",
        Key::HotSeatTitle => "Hete stoel",
        Key::HotSeatPut => "{name} in de hete stoel zetten",
        Key::HotSeatClear => "Hete stoel leegmaken",
        Key::HotSeatNobody => "Nog niemand heeft plaatsgenomen.",
        Key::AnnounceHotSeat => "{name} zit nu in de hete stoel.",
        Key::AnnounceHotSeatEmpty => "De hete stoel is leeg.",
        Key::FacilitatorTitle => "Begeleiding",
        Key::LockBoard => "Bord vergrendelen",
        Key::HideNames => "Namen verbergen",
        Key::ParticipantsExport => "Deelnemers mogen de oogst downloaden",
        Key::SponsorPhasesTitle => "Sponsors mogen schrijven in",
        Key::SponsorAll => "elke fase",
        Key::LockedBanner => "Het bord is vergrendeld: alleen de begeleider verandert het nu.",
        Key::PlanEdit => "Plan bewerken",
        Key::PlanTitle => "Het plan",
        Key::PlanMoveUp => "Omhoog",
        Key::PlanMoveDown => "Omlaag",
        Key::PlanAddPhase => "Fase toevoegen",
        Key::PhaseFormNew => "Nieuwe fase",
        Key::PhaseFormEdit => "Fase bewerken: {name}",
        Key::PhaseNameNl => "Naam (Nederlands)",
        Key::PhaseNameEn => "Naam (Engels)",
        Key::PhaseInstructionNl => "Instructie (Nederlands)",
        Key::PhaseInstructionEn => "Instructie (Engels)",
        Key::PhaseKindsLabel => "Kaartsoorten die geschreven mogen worden",
        Key::PhaseCaseholderLabel => "De inbrenger",
        Key::CaseholderSpeaks => "praat mee",
        Key::CaseholderListens => "luistert (voegt geen kaarten toe)",
        Key::CaseholderBackTurned => "zit met de rug naar de groep en maakt aantekeningen",
        Key::PhasePrivateLabel => "Privé schrijven, later onthullen",
        Key::PhaseMinutesLabel => "Minuten",
        Key::PhaseSave => "Fase opslaan",
        Key::PlanNoName => "Een fase heeft een naam nodig.",
        Key::PlanNoKinds => "Kies minstens één kaartsoort.",
        Key::PlanRemovingCurrent => "De huidige fase kan niet worden verwijderd.",
        Key::PlanLastPhase => "Een plan heeft minstens één fase nodig.",
        Key::Close => "Sluiten",
        Key::LinksTitle => "Mensen & links",
        Key::LinksLoading => "De links worden geladen…",
        Key::LinksFailed => "De links konden niet worden geladen: {reason}",
        Key::LinksRefresh => "Vernieuwen",
        Key::LinkCreateRole => "Rol voor een nieuwe link",
        Key::LinkLabelField => "Label (optioneel)",
        Key::LinkCreate => "Link maken",
        Key::LinkCreatedNote => "Kopieer deze link nu: hij wordt maar één keer getoond.",
        Key::LinkRevoke => "Intrekken",
        Key::LinkRevokeLabel => "De link {label} intrekken",
        Key::LinkRevokeConfirm => {
            "Deze link intrekken? Iedereen die hem gebruikt, wordt meteen losgekoppeld."
        }
        Key::LinkRevoked => "De link is ingetrokken.",
        Key::LinkThisPage => "de link van deze pagina",
        Key::LinkJoinCode => "Code voor de zaal",
        Key::ActionFailed => "Dat lukte niet: {reason}",
        Key::PeopleTitle => "Mensen in deze sessie",
        Key::RemovePerson => "Verwijderen",
        Key::RemovePersonLabel => "{name} uit de sessie verwijderen",
        Key::RemovePersonConfirm => {
            "{name} uit deze sessie verwijderen? De kaarten blijven; onder deze identiteit kan diegene niet terugkomen."
        }
        Key::PersonRemoved => "{name} is verwijderd.",
        Key::ExportIntro => "Het bord downloaden",
        Key::ExportLabel => "De oogst downloaden als {format}",
        Key::ExportStarted => "Het downloaden is begonnen.",
        Key::CaseholderHarvestIntro => {
            "Je eigen oogst als inbrenger: je casus, je gelabelde vragen, de adviezen die je bruikbaar vond en je acties"
        }
        Key::CaseholderHarvestLabel => "Mijn oogst downloaden als {format}",
        Key::EndSession => "Sessie beëindigen",
        Key::EndConfirm => {
            "Sessie beëindigen? Niemand kan nog schrijven, jij ook niet; het bord blijft leesbaar en kan geëxporteerd worden."
        }
        Key::EndedBanner => "Deze sessie is beëindigd — het bord is alleen-lezen.",
        Key::DeleteSession => "Sessie definitief verwijderen",
        Key::DeleteConfirmText => {
            "Dit verwijdert het bord, de kaarten en de links voorgoed. Typ de titel van de sessie ter bevestiging:"
        }
        Key::DeleteConfirmButton => "Definitief verwijderen",
        Key::DeleteMismatch => "Dat is niet de titel van de sessie.",
        Key::DeletedPage => {
            "Deze sessie is verwijderd. Het bord, de kaarten en de links bestaan niet meer."
        }
        Key::NextSession => "Volgende sessie starten",
        Key::NextTitleLabel => "Titel van de volgende sessie",
        Key::NextCarryTitle => "Kaarten die meegaan",
        Key::NextCarryHint => {
            "Al aangevinkt: thema's, acties en de adviezen die de inbrenger bruikbaar vond. Kaarten uit eerdere sessies gaan altijd mee."
        }
        Key::NextOtherCards => "Overige kaarten",
        Key::NextNoCards => "Deze sessie heeft geen eigen kaarten.",
        Key::NextCreate => "Volgende sessie maken",
        Key::NextCreated => "De volgende sessie staat klaar. Deel de links:",
        Key::CarriedFrom => "uit {title}",
        Key::CarriedGroup => "Uit eerdere sessies",
        Key::ArcTitle => "Het traject",
        Key::ArcThis => "deze sessie",
        Key::ArcEnded => "afgerond",
        Key::Saved => "Opgeslagen",
        Key::NotSaved => "Nog niet opgeslagen",
        Key::AnnounceNewCardAnon => "Nieuwe kaart ({kind}): {text}",
        Key::ConfirmTitle => "Weet je het zeker?",
        Key::JoinCodeTooMany => {
            "Te veel verkeerde codes vanaf dit netwerk. Wacht een minuut, of scan de QR-code \
             op het zaalscherm."
        }
        Key::CreateTokenTitle => "Deze server vraagt om een aanmaaksleutel",
        Key::CreateTokenNeeded => {
            "Alleen wie de sleutel heeft van de beheerder van deze Ovaal kan hier sessies \
             starten. Typ hem één keer: deze browser onthoudt hem."
        }
        Key::CreateTokenWrong => {
            "Dit is niet de aanmaaksleutel van deze server. Controleer hem bij de beheerder \
             van deze Ovaal en typ hem opnieuw."
        }
        Key::CreateTokenLabel => "Aanmaaksleutel",
        Key::CreateTokenSave => "Sleutel gebruiken",
        Key::CreateTooMany => {
            "Vanaf dit netwerk zijn net veel sessies gestart. Wacht een minuut en probeer het \
             opnieuw."
        }
        Key::ImportTitle => "Verder vanaf een oogst",
        Key::ImportIntro => {
            "De JSON-export van een eerdere sessie bewaard? Open die als nieuw bord met \
             nieuwe links. Daar neemt “Volgende sessie starten” de thema's en acties mee \
             naar de volgende bijeenkomst."
        }
        Key::ImportLabel => "Oogstbestand (.json)",
        Key::ImportGo => "Openen als nieuw bord",
        Key::ImportNoFile => "Kies eerst het JSON-bestand van een Ovaal-export.",
        Key::ImportTooLarge => "Dit bestand is te groot voor een Ovaal-export (hooguit 16 MiB).",
        Key::ImportRejected => "Ovaal kan dit bestand niet openen:",
        Key::ImportReading => "Het bestand wordt gelezen…",
        Key::ImportSending => "Het bord wordt gemaakt…",
        Key::HotSeatShort => "hete stoel",
        Key::ChipMoreLabel => "nog {n} kaarten bij {place} — toon ze",
        Key::ChipEarlierLabel => "{n} kaarten uit eerdere fases bij {place} — toon ze",
        Key::PlaceCards => "Kaarten op deze plek",
        Key::PlaceOpenLabel => "{place}: toon de {n} kaarten",
        Key::PlaceEmpty => "Hier liggen nog geen kaarten.",
        Key::MoveUp => "Omhoog (eerder op deze plek)",
        Key::MoveDown => "Omlaag (later op deze plek)",
        Key::MovedUp => "Kaart omhoog verplaatst.",
        Key::MovedDown => "Kaart omlaag verplaatst.",
        _ => super::nl_room::text(key),
    }
}
