//! The methods a facilitator can pick when creating a session. Their phases arrive
//! with facilitation; here a method is a named choice stored in the control document,
//! with what a facilitator weighs before choosing it: its purpose and the group size
//! it suits (written once, in Dutch and English, for every page that describes it).

use std::fmt;
use std::str::FromStr;

use super::BoardError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Method {
    #[serde(rename = "free")]
    Free,
    #[serde(rename = "incident")]
    Incident,
    #[serde(rename = "gossip")]
    Gossip,
    #[serde(rename = "socratic")]
    Socratic,
    #[serde(rename = "balint")]
    Balint,
    #[serde(rename = "case-clinic")]
    CaseClinic,
    #[serde(rename = "learning-circle")]
    LearningCircle,
    #[serde(rename = "mastercircle-urgentie")]
    MastercircleUrgentie,
    #[serde(rename = "mastercircle-opgave")]
    MastercircleOpgave,
    #[serde(rename = "mastercircle-omslag")]
    MastercircleOmslag,
    #[serde(rename = "mastercircle-toekomst")]
    MastercircleToekomst,
    #[serde(rename = "mastercircle-oogst")]
    MastercircleOogst,
}

impl Method {
    pub const ALL: [Method; 12] = [
        Method::Free,
        Method::Incident,
        Method::Gossip,
        Method::Socratic,
        Method::Balint,
        Method::CaseClinic,
        Method::LearningCircle,
        Method::MastercircleUrgentie,
        Method::MastercircleOpgave,
        Method::MastercircleOmslag,
        Method::MastercircleToekomst,
        Method::MastercircleOogst,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Free => "free",
            Method::Incident => "incident",
            Method::Gossip => "gossip",
            Method::Socratic => "socratic",
            Method::Balint => "balint",
            Method::CaseClinic => "case-clinic",
            Method::LearningCircle => "learning-circle",
            Method::MastercircleUrgentie => "mastercircle-urgentie",
            Method::MastercircleOpgave => "mastercircle-opgave",
            Method::MastercircleOmslag => "mastercircle-omslag",
            Method::MastercircleToekomst => "mastercircle-toekomst",
            Method::MastercircleOogst => "mastercircle-oogst",
        }
    }
}

/// How many people a method is meant for, not counting the facilitator (nor, in a
/// Mastercircle, the master and sponsors, whom its purpose names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupSize {
    pub min: u32,
    pub max: u32,
}

impl Method {
    /// What the method is for, in Dutch and English: the sentence a facilitator reads
    /// when choosing it.
    pub fn purpose(self) -> (&'static str, &'static str) {
        match self {
            Method::Free => (
                "Een leeg bord zonder fasen: alle kaartsoorten mogen altijd. Voor een eigen werkvorm of een losse brainstorm.",
                "An empty board without phases: every card kind is allowed at any time. For a format of your own or a quick brainstorm.",
            ),
            Method::Incident => (
                "Eén inbrenger legt een concreet werkincident voor; de groep vraagt door, analyseert en geeft advies, en de inbrenger kiest wat bruikbaar is.",
                "One case-holder brings a concrete incident from work; the group asks questions, analyses and advises, and the case-holder picks what is useful.",
            ),
            Method::Gossip => (
                "De inbrenger draait zich om en luistert zwijgend terwijl de groep over de casus 'roddelt'; zo hoort hij of zij het eigen vraagstuk van buitenaf.",
                "The case-holder turns their back and listens in silence while the group 'gossips' about the case, hearing their own question from the outside.",
            ),
            Method::Socratic => (
                "Met open vragen onderzoekt de groep de vraag achter de vraag; de inbrenger kiest de warme vragen en herformuleert het vraagstuk.",
                "With open questions the group looks for the question behind the question; the case-holder picks the warm questions and reframes the issue.",
            ),
            Method::Balint => (
                "Aandacht voor wat een werkrelatie oproept: gevoelens en eerste associaties tellen mee, het advies wordt eerst ieder voor zich geschreven.",
                "Attention for what a working relationship stirs up: feelings and first associations count, and advice is first written alone.",
            ),
            Method::CaseClinic => (
                "Theory U (Presencing Institute): na stilte spiegelt de groep wat zij ziet, voelt en aanvoelt, en in een open dialoog ontstaat een nieuwe kijk op de weg vooruit.",
                "Theory U (Presencing Institute): after a silence the group mirrors what it sees, senses and feels, and an open dialogue opens a new view of the way forward.",
            ),
            Method::LearningCircle => (
                "Iedereen brengt in wat speelt; de groep kiest een of twee thema's en verdiept ze met vragen, zonder te adviseren.",
                "Everyone brings what is alive for them; the group picks one or two themes and deepens them with questions, without advising.",
            ),
            Method::MastercircleUrgentie => (
                "Eerste sessie van de Mastercircle: de sponsor vertelt waarom het traject nodig is en de deelnemers formuleren hun opgave.",
                "The Mastercircle's first session: the sponsor says why the programme matters and the participants state their challenge.",
            ),
            Method::MastercircleOpgave => (
                "Mastercircle met een master: een deelnemer in de hete stoel presenteert de aanpak van de opgave, master en peers geven feedback.",
                "Mastercircle with a master: a participant in the hot seat presents their approach to the challenge; the master and peers give feedback.",
            ),
            Method::MastercircleOmslag => (
                "Mastercircle met een master: zoeken naar de omslag in de aanpak, met feedback van master en peers.",
                "Mastercircle with a master: looking for the turning point in the approach, with feedback from the master and peers.",
            ),
            Method::MastercircleToekomst => (
                "Mastercircle met een master: de aanpak doortrekken naar de toekomst, met feedback van master en peers.",
                "Mastercircle with a master: carrying the approach into the future, with feedback from the master and peers.",
            ),
            Method::MastercircleOogst => (
                "Laatste sessie van de Mastercircle: de deelnemers dragen de oogst over aan de sponsor en maken afspraken.",
                "The Mastercircle's last session: the participants hand the harvest over to the sponsor and agree on next steps.",
            ),
        }
    }

    /// The group size the method suits: intervision 4–6, a learning circle 5–12, a
    /// Mastercircle about 6 (plus master, facilitator, sponsors).
    pub fn group_size(self) -> GroupSize {
        let (min, max) = match self {
            // The free board fits any group that fits around the table.
            Method::Free => (2, 14),
            Method::Incident | Method::Gossip | Method::Socratic => (4, 6),
            Method::Balint => (5, 8),
            // The Presencing Institute's clinics are small: a case-giver and 3–4 coaches.
            Method::CaseClinic => (4, 5),
            Method::LearningCircle => (5, 12),
            Method::MastercircleUrgentie
            | Method::MastercircleOpgave
            | Method::MastercircleOmslag
            | Method::MastercircleToekomst
            | Method::MastercircleOogst => (5, 7),
        };
        GroupSize { min, max }
    }
}

impl FromStr for Method {
    type Err = BoardError;
    fn from_str(s: &str) -> Result<Self, BoardError> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| BoardError::UnknownMethod(s.chars().take(40).collect()))
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_round_trip_through_str_and_serde() {
        for method in Method::ALL {
            assert_eq!(method.as_str().parse::<Method>().unwrap(), method);
            let json = serde_json::to_string(&method).unwrap();
            assert_eq!(json, format!("\"{}\"", method.as_str()));
        }
        assert!("scrum".parse::<Method>().is_err());
    }

    #[test]
    fn every_method_says_what_it_is_for_and_for_how_many() {
        for method in Method::ALL {
            let (nl, en) = method.purpose();
            assert!(!nl.is_empty() && !en.is_empty(), "{method}");
            assert_ne!(nl, en, "{method}: the Dutch purpose is the English one");
            let size = method.group_size();
            assert!(2 <= size.min && size.min <= size.max, "{method}: {size:?}");
        }
        assert_eq!(Method::Incident.group_size(), GroupSize { min: 4, max: 6 });
        assert_eq!(
            Method::LearningCircle.group_size(),
            GroupSize { min: 5, max: 12 }
        );
    }
}
