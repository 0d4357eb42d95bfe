//! The method templates a facilitator starts from: each method's phases with their
//! names and instructions in Dutch and English, the card kinds that may be written,
//! how the case-holder takes part, private writing, and a default duration. The
//! facilitator can change the plan during the session; these are only the start.

use super::CardKind::{self, Action, Advice, Case, Insight, Mirror, Question, Theme};
use super::Method;
use super::phase::{Bilingual, CaseholderMode, Phase};

use CaseholderMode::{BackTurned, Listens, Speaks};

/// A compact row of a template table.
struct Row {
    id: &'static str,
    name: (&'static str, &'static str),
    instruction: (&'static str, &'static str),
    kinds: &'static [CardKind],
    caseholder: CaseholderMode,
    private: bool,
    minutes: u32,
}

const fn row(
    id: &'static str,
    name: (&'static str, &'static str),
    instruction: (&'static str, &'static str),
    kinds: &'static [CardKind],
    caseholder: CaseholderMode,
    private: bool,
    minutes: u32,
) -> Row {
    Row {
        id,
        name,
        instruction,
        kinds,
        caseholder,
        private,
        minutes,
    }
}

const ALL: &[CardKind] = &[Theme, Question, Advice, Case, Mirror, Insight, Action];

const INCIDENT: &[Row] = &[
    row(
        "review",
        ("Terugblik op eerder advies", "Review of earlier advice"),
        (
            "Wat heb je gedaan met het advies van de vorige keer?",
            "What did you do with the advice from last time?",
        ),
        &[Insight, Action],
        Speaks,
        false,
        5,
    ),
    row(
        "pitches",
        ("Casuspitches", "Case pitches"),
        (
            "Wie wil een casus inbrengen? Vertel in één minuut waar het om gaat.",
            "Who brings a case? Say in one minute what it is about.",
        ),
        &[Case, Theme],
        Speaks,
        false,
        10,
    ),
    row(
        "choose",
        ("Casus kiezen", "Choose a case"),
        (
            "Kies samen de casus; de inbrenger neemt plaats in de hete stoel.",
            "Choose the case together; its owner takes the hot seat.",
        ),
        &[Case],
        Speaks,
        false,
        5,
    ),
    row(
        "questions",
        ("Vragenronde", "Question round"),
        (
            "Stel feitelijke en verdiepende vragen. Nog geen adviezen.",
            "Ask factual and deepening questions. No advice yet.",
        ),
        &[Question],
        Speaks,
        false,
        15,
    ),
    row(
        "analysis",
        ("Analyse", "Analysis"),
        (
            "De groep analyseert zonder de inbrenger: wat speelt hier?",
            "The group analyses without the case-holder: what is going on?",
        ),
        &[Theme, Insight, Mirror],
        Listens,
        false,
        10,
    ),
    row(
        "advice",
        ("Adviesronde", "Advice round"),
        (
            "Geef je advies. De inbrenger luistert en reageert nog niet.",
            "Give your advice. The case-holder listens and does not respond yet.",
        ),
        &[Advice],
        Listens,
        false,
        10,
    ),
    row(
        "evaluation",
        ("Evaluatie", "Evaluation"),
        (
            "De inbrenger noemt de bruikbare adviezen en de eerste stap.",
            "The case-holder names the useful advice and a first step.",
        ),
        &[Insight, Action],
        Speaks,
        false,
        10,
    ),
];

const GOSSIP: &[Row] = &[
    row(
        "introduce",
        ("Inbreng", "The question"),
        (
            "De inbrenger vertelt de vraag.",
            "The case-holder introduces the question.",
        ),
        &[Case],
        Speaks,
        false,
        5,
    ),
    row(
        "questions",
        ("Open vragen", "Open questions"),
        (
            "Ieder stelt hooguit drie open vragen.",
            "Everyone asks at most three open questions.",
        ),
        &[Question],
        Speaks,
        false,
        10,
    ),
    row(
        "gossip",
        ("Roddelen", "Gossip"),
        (
            "De groep praat óver de inbrenger, die met de rug naar de groep zit en aantekeningen maakt.",
            "The group talks about the case-holder, who sits back-turned, silent, taking notes.",
        ),
        &[Mirror, Advice, Theme],
        BackTurned,
        false,
        15,
    ),
    row(
        "return",
        ("Terugkeer", "Return"),
        (
            "De inbrenger vertelt wat raakte, wat hij/zij van de adviezen vindt, en de actie.",
            "The case-holder says what touched them, their view of the advice, and their action.",
        ),
        &[Insight, Action],
        Speaks,
        false,
        10,
    ),
    row(
        "evaluation",
        ("Evaluatie", "Evaluation"),
        ("Hoe was dit voor iedereen?", "How was this for everyone?"),
        &[Insight],
        Speaks,
        false,
        5,
    ),
];

const SOCRATIC: &[Row] = &[
    row(
        "topic",
        (
            "Onderwerp en verhelderende vragen",
            "Topic and clarifying questions",
        ),
        (
            "De inbrenger vertelt; de groep stelt alleen verhelderende vragen.",
            "The case-holder tells; the group asks clarifying questions only.",
        ),
        &[Case, Question],
        Speaks,
        false,
        10,
    ),
    row(
        "open-questions",
        ("Open vragen", "Open questions"),
        (
            "Schrijf één tot drie open vragen, eerst ieder voor zich.",
            "Write one to three open questions, each on your own first.",
        ),
        &[Question],
        Speaks,
        true,
        10,
    ),
    row(
        "triage",
        ("Warm, neutraal, koud", "Warm, neutral, cold"),
        (
            "De inbrenger labelt de vragen en beantwoordt de warme.",
            "The case-holder labels the questions and answers the warm ones.",
        ),
        &[Insight],
        Speaks,
        false,
        15,
    ),
    row(
        "reformulate",
        ("Vraag herformuleren", "Reformulate the question"),
        (
            "De inbrenger herformuleert de vraag.",
            "The case-holder reformulates the question.",
        ),
        &[Case, Insight],
        Speaks,
        false,
        5,
    ),
    row(
        "strengths",
        ("Krachten en actieadvies", "Strengths and action advice"),
        (
            "Verken de krachten van de inbrenger en geef actiegericht advies.",
            "Explore the case-holder's strengths and give action advice.",
        ),
        &[Advice, Mirror],
        Listens,
        false,
        15,
    ),
    row(
        "next-action",
        ("Volgende actie", "Next action"),
        (
            "De inbrenger noemt de volgende stap.",
            "The case-holder names the next action.",
        ),
        &[Action],
        Speaks,
        false,
        5,
    ),
];

const BALINT: &[Row] = &[
    row(
        "tell",
        ("Casus vertellen", "Tell the case"),
        (
            "Vertel zonder aantekeningen, inclusief je gevoelens.",
            "Tell the case without notes, feelings included.",
        ),
        &[Case],
        Speaks,
        false,
        10,
    ),
    row(
        "associations",
        ("Eerste associaties", "First associations"),
        (
            "Schrijf je eerste associaties op, ieder voor zich.",
            "Write down your first associations, privately.",
        ),
        &[Mirror, Theme],
        Listens,
        true,
        5,
    ),
    row(
        "clarify",
        ("Verhelderende vragen", "Clarifying questions"),
        ("Stel verhelderende vragen.", "Ask clarifying questions."),
        &[Question],
        Speaks,
        false,
        10,
    ),
    row(
        "written-advice",
        ("Individueel advies", "Individual advice"),
        (
            "Schrijf ieder je eigen advies.",
            "Each of you writes your own advice.",
        ),
        &[Advice],
        Listens,
        true,
        10,
    ),
    row(
        "discussion",
        ("Groepsgesprek", "Group discussion"),
        (
            "De groep bespreekt; de inbrenger zwijgt.",
            "The group discusses; the case-holder stays silent.",
        ),
        &[Theme, Insight, Mirror],
        Listens,
        false,
        15,
    ),
    row(
        "decision",
        ("Besluit van de inbrenger", "The case-holder's decision"),
        (
            "Wat neem je mee, wat ga je doen?",
            "What do you take with you, what will you do?",
        ),
        &[Action, Insight],
        Speaks,
        false,
        5,
    ),
    row(
        "evaluation",
        ("Evaluatie", "Evaluation"),
        ("Hoe was deze ronde?", "How was this round?"),
        &[Insight],
        Speaks,
        false,
        5,
    ),
];

const CASE_CLINIC: &[Row] = &[
    row(
        "roles",
        ("Rollen", "Roles"),
        (
            "Kies de inbrenger, de tijdbewaker en de coaches.",
            "Choose the case-giver, the timekeeper and the coaches.",
        ),
        &[Theme],
        Speaks,
        false,
        3,
    ),
    row(
        "intention",
        ("Intentie", "Intention statement"),
        (
            "De inbrenger vertelt; de coaches stellen alleen verhelderende vragen.",
            "The case-giver speaks; coaches ask clarifying questions only.",
        ),
        &[Case, Question],
        Speaks,
        false,
        15,
    ),
    row(
        "stillness",
        ("Stilte", "Stillness"),
        (
            "Luister naar wat in je opkomt: een beeld, een gevoel, een gebaar. Alleen voor jezelf.",
            "Listen to what comes up: an image, a feeling, a gesture. For yourself only.",
        ),
        &[Mirror],
        Speaks,
        true,
        3,
    ),
    row(
        "mirroring",
        ("Spiegelen", "Mirroring"),
        ("Ik zie… Ik voel… Ik merk…", "I see… I sense… I feel…"),
        &[Mirror],
        Listens,
        false,
        12,
    ),
    row(
        "dialogue",
        ("Generatieve dialoog", "Generative dialogue"),
        (
            "Praat samen verder vanuit wat je gespiegeld hebt.",
            "Continue together from what was mirrored.",
        ),
        &[Insight, Theme, Question],
        Speaks,
        false,
        20,
    ),
    row(
        "closing",
        ("Afsluiting", "Closing"),
        (
            "Hoe zie ik nu de weg vooruit?",
            "How do I now see the way forward?",
        ),
        &[Insight, Action],
        Speaks,
        false,
        5,
    ),
];

const LEARNING_CIRCLE: &[Row] = &[
    row(
        "start",
        ("Startronde", "Start round"),
        (
            "Ieder brengt kort in wat er leeft: één kaart per persoon.",
            "Everyone briefly brings what is alive: one card each.",
        ),
        &[Theme],
        Speaks,
        false,
        10,
    ),
    row(
        "choose",
        ("Thema's kiezen", "Choose themes"),
        ("Kies één of twee thema's.", "Choose one or two themes."),
        &[Theme],
        Speaks,
        false,
        5,
    ),
    row(
        "deepen",
        ("Verdiepen", "Deepen"),
        (
            "Verdiep het thema met vragen; blijf uit het adviseren.",
            "Deepen the theme with questions; stay out of advising.",
        ),
        &[Question, Insight, Mirror],
        Speaks,
        false,
        40,
    ),
    row(
        "closing",
        ("Slotronde", "Closing round"),
        ("Wat neem je mee?", "What do you take with you?"),
        &[Insight, Action],
        Speaks,
        false,
        10,
    ),
];

const MC_SPONSOR_URGENTIE: &[Row] = &[
    row(
        "welcome",
        ("Welkom", "Welcome"),
        (
            "Kennismaking en doel van het traject.",
            "Introductions and the aim of the programme.",
        ),
        &[Theme],
        Speaks,
        false,
        15,
    ),
    row(
        "urgency",
        ("Urgentie van de sponsor", "The sponsor's urgency"),
        (
            "De sponsor vertelt waarom dit nu belangrijk is.",
            "The sponsor says why this matters now.",
        ),
        &[Theme, Case],
        Speaks,
        false,
        30,
    ),
    row(
        "questions",
        ("Vragen aan de sponsor", "Questions to the sponsor"),
        (
            "Stel je vragen over de opgave.",
            "Ask your questions about the challenge.",
        ),
        &[Question],
        Speaks,
        false,
        30,
    ),
    row(
        "themes",
        ("Thema's voor het traject", "Themes for the programme"),
        (
            "Welke thema's nemen we mee?",
            "Which themes do we take along?",
        ),
        &[Theme, Insight],
        Speaks,
        false,
        15,
    ),
];

/// The U-process of the three master sessions (Opgave, Omslag, Toekomst).
const MC_MASTER: &[Row] = &[
    row(
        "check-in",
        ("Inchecken", "Check-in"),
        (
            "Wat neem je mee uit de vorige sessie?",
            "What do you bring from the last session?",
        ),
        &[Insight, Action],
        Speaks,
        false,
        20,
    ),
    row(
        "presentation",
        ("Aanpak presenteren", "Present the approach"),
        (
            "De deelnemer in de hete stoel presenteert de aanpak.",
            "The participant in the hot seat presents their approach.",
        ),
        &[Case, Theme],
        Speaks,
        false,
        30,
    ),
    row(
        "questions",
        ("Vragen", "Questions"),
        (
            "Master en peers stellen vragen.",
            "The master and peers ask questions.",
        ),
        &[Question],
        Speaks,
        false,
        30,
    ),
    row(
        "feedback",
        (
            "Feedback van master en peers",
            "Feedback from master and peers",
        ),
        (
            "Geef feedback en advies; de deelnemer luistert.",
            "Give feedback and advice; the participant listens.",
        ),
        &[Advice, Mirror],
        Listens,
        false,
        40,
    ),
    row(
        "insights",
        ("Inzichten", "Insights"),
        (
            "Wat is de omslag? Wat wordt de volgende stap?",
            "What is the turning point? What is the next step?",
        ),
        &[Insight, Action],
        Speaks,
        false,
        20,
    ),
];

const MC_SPONSOR_OOGST: &[Row] = &[
    row(
        "harvest",
        ("Oogst presenteren", "Present the harvest"),
        (
            "De deelnemers presenteren wat het traject heeft opgeleverd.",
            "The participants present what the programme has yielded.",
        ),
        &[Insight, Action, Theme],
        Speaks,
        false,
        40,
    ),
    row(
        "sponsor-response",
        ("Reactie van de sponsor", "The sponsor's response"),
        (
            "De sponsor reageert en stelt vragen.",
            "The sponsor responds and asks questions.",
        ),
        &[Question, Insight],
        Speaks,
        false,
        30,
    ),
    row(
        "agreements",
        ("Afspraken", "Agreements"),
        (
            "Welke acties en afspraken nemen we mee?",
            "Which actions and agreements do we take along?",
        ),
        &[Action],
        Speaks,
        false,
        20,
    ),
];

const FREE: &[Row] = &[row(
    "free",
    ("Vrij bord", "Free board"),
    (
        "Alle kaartsoorten zijn toegestaan.",
        "All card kinds are allowed.",
    ),
    ALL,
    Speaks,
    false,
    0,
)];

fn rows(method: Method) -> &'static [Row] {
    match method {
        Method::Free => FREE,
        Method::Incident => INCIDENT,
        Method::Gossip => GOSSIP,
        Method::Socratic => SOCRATIC,
        Method::Balint => BALINT,
        Method::CaseClinic => CASE_CLINIC,
        Method::LearningCircle => LEARNING_CIRCLE,
        Method::MastercircleUrgentie => MC_SPONSOR_URGENTIE,
        Method::MastercircleOpgave | Method::MastercircleOmslag | Method::MastercircleToekomst => {
            MC_MASTER
        }
        Method::MastercircleOogst => MC_SPONSOR_OOGST,
    }
}

/// The phases a method starts with.
pub fn phases(method: Method) -> Vec<Phase> {
    rows(method)
        .iter()
        .map(|r| Phase {
            id: r.id.to_owned(),
            name: Bilingual::new(r.name.0, r.name.1),
            instruction: Bilingual::new(r.instruction.0, r.instruction.1),
            kinds: r.kinds.to_vec(),
            caseholder: r.caseholder,
            private: r.private,
            minutes: r.minutes,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_has_a_valid_plan() {
        for method in Method::ALL {
            let plan = phases(method);
            assert!(!plan.is_empty(), "{method}");
            let mut ids: Vec<&str> = plan.iter().map(|p| p.id.as_str()).collect();
            assert!(ids.iter().all(|id| Phase::valid_id(id)), "{method}");
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), plan.len(), "{method}: duplicate phase ids");
            for phase in &plan {
                assert!(!phase.kinds.is_empty(), "{method}/{}", phase.id);
                assert!(!phase.name.nl.is_empty() && !phase.name.en.is_empty());
                assert!(!phase.instruction.nl.is_empty() && !phase.instruction.en.is_empty());
            }
        }
    }

    #[test]
    fn the_incident_method_keeps_advice_out_of_the_question_round() {
        let plan = phases(Method::Incident);
        let questions = plan.iter().find(|p| p.id == "questions").unwrap();
        assert!(questions.allows(Question) && !questions.allows(Advice));
        let advice = plan.iter().find(|p| p.id == "advice").unwrap();
        assert_eq!(advice.caseholder, Listens);
        let total: u32 = plan.iter().map(|p| p.minutes).sum();
        assert_eq!(total, 65);
        let gossip = phases(Method::Gossip);
        assert!(gossip.iter().any(|p| p.caseholder == BackTurned));
        assert!(phases(Method::CaseClinic).iter().any(|p| p.private));
    }
}
