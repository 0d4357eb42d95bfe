//! Dutch strings of the start page's method preview, "mijn sessies" and sharing
//! (split from `nl.rs` to keep files short; the completeness test covers them).

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::SessionDateLabel => "Datum van de bijeenkomst",
        Key::MethodPreviewLabel => "Over deze methode",
        Key::MethodGroupSize => "Geschikt voor {min}–{max} deelnemers.",
        Key::MethodPhaseMinutes => "{minutes} min",
        Key::MethodTotal => "Samen ongeveer {minutes} minuten",
        Key::MethodNoPhases => {
            "Geen fasen: elke soort kaart mag op elk moment, en er is geen tijdschema."
        }
        Key::MySessionsTitle => "Mijn sessies",
        Key::MySessionsIntro => {
            "Sessies die je in deze browser hebt gemaakt, zodat je hun links terugvindt. Alleen dit apparaat bewaart deze lijst."
        }
        Key::MySessionOpen => "Links tonen",
        Key::MySessionRemove => "Verwijderen",
        Key::MySessionRemoveConfirm => {
            "“{title}” uit deze lijst halen? De sessie zelf blijft bestaan; deze browser vergeet de links."
        }
        Key::MySessionKeep => "Bewaren",
        Key::MySessionRemoveYes => "Uit de lijst halen",
        Key::MySessionRemoved => "“{title}” is uit je sessies gehaald.",
        Key::MySessionFromHarvest => "voortgezet uit een oogst",
        Key::LinksKeptNote => "Deze browser bewaart deze links ook onder ‘Mijn sessies’.",
        Key::ShareTitle => "Stuur naar je groep",
        Key::CopyAll => "Alle links kopiëren",
        Key::CopyInvitation => "Uitnodiging kopiëren",
        Key::CopiedAll => "Alle links gekopieerd, elk met zijn naam.",
        Key::CopiedInvitation => "Uitnodiging gekopieerd: plak hem in een mail of chat.",
        Key::CopiedLink => "Link gekopieerd.",
        Key::CopySelectHint => {
            "Deze browser laat de pagina niet kopiëren: de tekst is geselecteerd, druk op Ctrl+C (⌘C op een Mac)."
        }
        Key::AllLinksNote => "Houd de begeleiderslink voor jezelf: daarmee leid je de sessie.",
        Key::InvitationBody => {
            "Hallo,\n\nJe bent van harte uitgenodigd voor “{title}” op {date}. We werken samen op een gedeeld bord in Ovaal, waar je je vragen en ideeën op kaartjes schrijft. Je hebt geen account nodig.\n\nDoe mee via deze link: {link}"
        }
        Key::InvitationCode => "In de zaal? Ga naar {start} en typ de code {code}.",
        Key::InvitationClosing => "Tot dan!",
        _ => "",
    }
}
