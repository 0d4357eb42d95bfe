//! The domain words the board page and the harvest both show, in the two languages
//! the board speaks. They live here, once, so a facilitator who reads "bruikbaar" on
//! the table reads "bruikbaar" in the harvest too, not a synonym chosen elsewhere.
//!
//! Words are lower case, as they appear inside a sentence or on a chip; a heading or
//! a button capitalises them where it shows them. Names are written as they are named:
//! methods ("Incidentmethode", "Case Clinic") and file formats ("Markdown", "PDF").

use crate::Role;
use crate::board::triage::Label;
use crate::board::{CardKind, Location, Method};
use crate::export_format::ExportFormat;

/// The languages the board speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Nl,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Nl];

    /// The BCP 47 tag, for `<html lang>`, the stored choice and the plan's phase names.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// Anything starting with "nl" (nl, nl-NL, nl-BE) is Dutch, everything else
    /// English, so the page and the harvest decide alike.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("nl") {
            Lang::Nl
        } else {
            Lang::En
        }
    }

    /// The other language, for the NL/EN switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Nl,
            Lang::Nl => Lang::En,
        }
    }
}

/// A domain word shared by the page and the harvest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// A card kind, singular ("vraag").
    Kind(CardKind),
    /// A card kind as a heading over its cards ("vragen").
    Kinds(CardKind),
    Role(Role),
    /// The person whose case the session is about.
    Caseholder,
    /// A triage label on a question.
    Label(Label),
    /// The case-holder's mark on advice they can use.
    Useful,
    Location(Location),
    /// A free seat's label on the table ("vrij").
    FreeSeat,
    /// A method's name ("Incidentmethode"), on the page's method choice and the
    /// harvest's title.
    Method(Method),
    /// An export format's name, on its download button ("Markdown").
    Format(ExportFormat),
    /// What a session leaves behind ("Oogst"): the harvest panel's and the harvest's
    /// title.
    Harvest,
    /// A method's phases, as a heading ("Fasen"): the plan, the method's description,
    /// the report's section.
    Phases,
}

impl Word {
    /// Every word, for the tests that check both languages have it.
    pub fn all() -> Vec<Word> {
        let mut all = Vec::new();
        for kind in CardKind::ALL {
            all.push(Word::Kind(kind));
            all.push(Word::Kinds(kind));
        }
        all.extend(Role::ALL.map(Word::Role));
        all.extend(Label::ALL.map(Word::Label));
        all.extend([Location::Room, Location::Remote].map(Word::Location));
        all.extend(Method::ALL.map(Word::Method));
        all.extend(ExportFormat::ALL.map(Word::Format));
        all.extend([
            Word::Caseholder,
            Word::Useful,
            Word::FreeSeat,
            Word::Harvest,
            Word::Phases,
        ]);
        all
    }
}

/// `w` in `lang`. A `const fn` so fixed word tables (the harvest's) can use it.
pub const fn word(lang: Lang, w: Word) -> &'static str {
    let (nl, en) = match w {
        Word::Kind(kind) => match kind {
            CardKind::Theme => ("thema", "theme"),
            CardKind::Question => ("vraag", "question"),
            CardKind::Advice => ("advies", "advice"),
            CardKind::Case => ("casus", "case"),
            CardKind::Mirror => ("spiegel", "mirror"),
            CardKind::Insight => ("inzicht", "insight"),
            CardKind::Action => ("actie", "action"),
        },
        Word::Kinds(kind) => match kind {
            CardKind::Theme => ("thema's", "themes"),
            CardKind::Question => ("vragen", "questions"),
            CardKind::Advice => ("adviezen", "advice"),
            CardKind::Case => ("casus", "cases"),
            CardKind::Mirror => ("spiegels", "mirrors"),
            CardKind::Insight => ("inzichten", "insights"),
            CardKind::Action => ("acties", "actions"),
        },
        Word::Role(role) => match role {
            Role::Facilitator => ("begeleider", "facilitator"),
            Role::Participant => ("deelnemer", "participant"),
            Role::Master => ("master", "master"),
            Role::Sponsor => ("opdrachtgever", "sponsor"),
            Role::Observer => ("toeschouwer", "observer"),
            Role::RoomScreen => ("zaalscherm", "room screen"),
        },
        Word::Caseholder => ("inbrenger", "case-holder"),
        Word::Label(label) => match label {
            Label::Warm => ("warm", "warm"),
            Label::Neutral => ("neutraal", "neutral"),
            Label::Cold => ("koud", "cold"),
        },
        // "Bruikbaar" is what the incident method asks the case-holder: which advice
        // can you use? "Nuttig" says less (advice can be useful in general).
        Word::Useful => ("bruikbaar", "useful"),
        Word::Location(location) => match location {
            // "Zaal", as in the room screen (zaalscherm) the people there look at.
            Location::Room => ("in de zaal", "in the room"),
            Location::Remote => ("op afstand", "remote"),
        },
        Word::FreeSeat => ("vrij", "free"),
        Word::Harvest => ("Oogst", "Harvest"),
        Word::Phases => ("Fasen", "Phases"),
        Word::Method(method) => match method {
            Method::Free => ("Vrij bord", "Free board"),
            Method::Incident => ("Incidentmethode", "Incident method"),
            Method::Gossip => ("Roddelmethode", "Gossip method"),
            Method::Socratic => ("Socratische intervisie", "Socratic intervision"),
            Method::Balint => ("Balintmethode", "Balint method"),
            Method::CaseClinic => ("Case Clinic", "Case Clinic"),
            Method::LearningCircle => ("Leerkring", "Learning circle"),
            Method::MastercircleUrgentie => ("Mastercircle: Urgentie", "Mastercircle: Urgency"),
            Method::MastercircleOpgave => ("Mastercircle: Opgave", "Mastercircle: Challenge"),
            Method::MastercircleOmslag => ("Mastercircle: Omslag", "Mastercircle: Turning point"),
            Method::MastercircleToekomst => ("Mastercircle: Toekomst", "Mastercircle: Future"),
            Method::MastercircleOogst => ("Mastercircle: Oogst", "Mastercircle: Harvest"),
        },
        // Names of file formats, the same in both languages.
        Word::Format(format) => match format {
            ExportFormat::Json => ("JSON", "JSON"),
            ExportFormat::Markdown => ("Markdown", "Markdown"),
            ExportFormat::Csv => ("CSV", "CSV"),
            ExportFormat::Svg => ("SVG", "SVG"),
            ExportFormat::Png => ("PNG", "PNG"),
            ExportFormat::Pdf => ("PDF", "PDF"),
        },
    };
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// `text` with its first letter upper case, for a heading or a button.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_exists_in_both_languages() {
        for w in Word::all() {
            for lang in Lang::ALL {
                assert!(
                    !word(lang, w).trim().is_empty(),
                    "{w:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn dutch_uses_the_agreed_words() {
        assert_eq!(word(Lang::Nl, Word::Useful), "bruikbaar");
        assert_eq!(word(Lang::Nl, Word::Location(Location::Room)), "in de zaal");
        assert_eq!(word(Lang::Nl, Word::Role(Role::Facilitator)), "begeleider");
        assert_eq!(
            word(Lang::En, Word::Method(Method::MastercircleOmslag)),
            "Mastercircle: Turning point"
        );
        assert_eq!(
            capitalised(word(Lang::Nl, Word::Kinds(CardKind::Theme))),
            "Thema's"
        );
    }

    #[test]
    fn languages_are_read_from_tags() {
        assert_eq!(Lang::from_tag("nl-BE"), Lang::Nl);
        assert_eq!(Lang::from_tag("NL"), Lang::Nl);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(Lang::En.other(), Lang::Nl);
    }
}
