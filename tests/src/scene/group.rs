//! Who sits at the scene's table and what they wrote: a Dutch intervision group of a
//! district-nursing organisation, 45 minutes into an incident-method session. Texts
//! vary in length the way real cards do (a word, a line, a long question), one has an
//! emoji.

use ovaal_shared::board::{CardKind, Location};

use CardKind::{Action, Case, Insight, Question, Theme};

/// One person of the scene (the two who join in a browser are not here: the
/// facilitator takes seat [`FACILITATOR_SEAT`], a participant on a phone seat
/// [`PHONE_SEAT`]).
pub struct Person {
    pub name: &'static str,
    pub seat: u32,
    pub location: Location,
    /// Their cards, in the order they wrote them, each with the phase it was written in.
    pub cards: &'static [(&'static str, CardKind, &'static str)],
}

/// Seats at the table: all of them taken.
pub const SEATS: u32 = 12;

/// Where the facilitator sits when they join in a browser.
pub const FACILITATOR_SEAT: u32 = 0;

/// Where the participant on a phone sits.
pub const PHONE_SEAT: u32 = 4;

/// The name of the person in the hot seat; their case lies in the table's centre.
pub const HOT_SEAT: &str = "Bram";

/// The theme the group chose for the case, moved to the centre.
pub const CHOSEN_THEME: &str = "Feedback geven aan een ervaren collega";

/// The phases the scene went through, in order; the last is the current one.
pub const PHASES: [&str; 3] = ["review", "pitches", "questions"];

/// The session the carried cards come from.
pub const EARLIER_TITLE: &str = "Intervisie team Zuid — oktober";

/// Cards carried over from the group's previous session: (kind, text, author).
pub const CARRIED: [(CardKind, &str, &str); 5] = [
    (Theme, "Grenzen stellen zonder schuldgevoel", "Anouk"),
    (
        Action,
        "Ik bespreek de werkverdeling met mijn leidinggevende vóór de kerstplanning",
        "Eva",
    ),
    (
        Action,
        "Elke vrijdag tien minuten terugblik met het team",
        "Daan",
    ),
    (Insight, "Niet alles hoeft vandaag opgelost", "Ilse"),
    (
        Action,
        "Eén keer per week zonder telefoon de wijk in",
        "Hans",
    ),
];

const R: &str = "review";
const P: &str = "pitches";
const Q: &str = "questions";

pub const PEOPLE: [Person; 10] = [
    Person {
        name: "Anouk",
        seat: 1,
        location: Location::Room,
        cards: &[
            (
                R,
                Insight,
                "Het hielp om het hardop tegen het team te zeggen.",
            ),
            (
                R,
                Action,
                "Ik oefen met 'nee, tenzij' in plaats van 'ja, maar'",
            ),
            (P, Theme, "Grenzen stellen"),
            (Q, Question, "Wat weet je van haar kant van het verhaal?"),
            (Q, Question, "Sinds wanneer speelt dit?"),
            (Q, Question, "Wie in het team heeft er het meeste last van?"),
        ],
    },
    Person {
        name: "Bram",
        seat: 2,
        location: Location::Remote,
        cards: &[
            (
                R,
                Insight,
                "Het teamoverleg is korter sinds we met een agenda werken.",
            ),
            (
                P,
                Case,
                "Een ervaren collega verschuift steeds afspraken in de planning zonder te \
                 overleggen. Ik ben coördinator, geen leidinggevende. Hoe spreek ik haar \
                 aan zonder dat het team in twee kampen uiteenvalt?",
            ),
        ],
    },
    Person {
        name: "Chantal",
        seat: 3,
        location: Location::Room,
        cards: &[
            (
                R,
                Insight,
                "Ik heb het advies van vorige keer gebruikt en het werkte: kort en concreet.",
            ),
            (P, Theme, "Loyaliteit aan het team"),
            (
                Q,
                Question,
                "Heb je haar al eens gevraagd waarom ze de afspraken verschuift?",
            ),
            (
                Q,
                Question,
                "Wat gebeurt er met jou als je haar naam in het rooster ziet staan?",
            ),
            (Q, Question, "Wat is je rol hierin: coördinator of collega?"),
        ],
    },
    Person {
        name: "Daan",
        seat: 5,
        location: Location::Remote,
        cards: &[
            (R, Insight, "Twee keer gelukt, daarna weer vergeten 🙈"),
            (P, Theme, "Samenwerken op afstand"),
            (
                Q,
                Question,
                "Hoe reageren de anderen als zij de planning omgooit?",
            ),
            (Q, Question, "Wat gebeurt er als je niets doet?"),
            (Q, Question, "Wat zou je leidinggevende hiervan zeggen?"),
        ],
    },
    Person {
        name: "Eva",
        seat: 6,
        location: Location::Room,
        cards: &[
            (
                R,
                Insight,
                "Het gesprek met mijn leidinggevende viel mee: ze had zelf ook al \
                 zorgen over de werkdruk.",
            ),
            (R, Action, "In januari samen de taken opnieuw verdelen"),
            (
                P,
                Case,
                "Hoe houd ik mijn grenzen vast nu er twee collega's uitvallen?",
            ),
            (Q, Question, "Wanneer ging het wél goed tussen jullie?"),
            (Q, Question, "Wat heb je zelf al geprobeerd?"),
            (
                Q,
                Question,
                "Wat maakt dat je dit nu inbrengt, en niet een half jaar geleden?",
            ),
        ],
    },
    Person {
        name: "Fatima",
        seat: 7,
        location: Location::Room,
        cards: &[
            (
                R,
                Insight,
                "Mijn teamleider reageerde anders dan ik dacht: opgelucht.",
            ),
            (P, Theme, CHOSEN_THEME),
            (Q, Question, "Hoe lang werkt ze al in het team? En jij?"),
            (Q, Question, "Weet je leidinggevende hiervan?"),
            (
                Q,
                Question,
                "Wat zou je het liefst tegen haar zeggen, als je wist dat het goed zou vallen?",
            ),
        ],
    },
    Person {
        name: "Hans",
        seat: 8,
        location: Location::Remote,
        cards: &[
            (
                R,
                Action,
                "Ik vraag Jeroen om me er volgende maand aan te herinneren",
            ),
            (P, Theme, "Werkdruk"),
            (Q, Question, "Gaat het om de planning, of om iets anders?"),
            (
                Q,
                Question,
                "Welke afspraken over de planning staan op papier?",
            ),
            (
                Q,
                Question,
                "Wat zou een goede uitkomst zijn, voor jou én voor haar?",
            ),
        ],
    },
    Person {
        name: "Ilse",
        seat: 9,
        location: Location::Room,
        cards: &[
            (R, Insight, "Ik merk dat ik minder snel ja zeg."),
            (
                R,
                Action,
                "Mijn agenda heeft nu elke dinsdag een blok voor uitwerken",
            ),
            (P, Theme, "Verandermoeheid"),
            (Q, Question, "Wat voel je als je hierover vertelt?"),
            (
                Q,
                Question,
                "Je zegt dat het team in twee kampen uiteen kan vallen. Aan welke signalen \
                 merk je dat nu al? Hoor je dat van je collega's zelf, of vul je het voor \
                 hen in?",
            ),
            (Q, Question, "Wat heb je van haar nodig?"),
        ],
    },
    Person {
        name: "Jeroen",
        seat: 10,
        location: Location::Room,
        cards: &[
            (R, Insight, "Nog niet aan toegekomen."),
            (
                R,
                Action,
                "Ik plan het gesprek met mijn teamleider in de week na de kerst",
            ),
            (P, Theme, "Vertrouwen"),
            (Q, Question, "Hoe denk je dat zij dit zelf beleeft?"),
            (
                Q,
                Question,
                "Wat is het ergste dat kan gebeuren als je haar aanspreekt?",
            ),
            (
                Q,
                Question,
                "Wat wil je aan het eind van deze sessie weten?",
            ),
        ],
    },
    Person {
        name: "Karim",
        seat: 11,
        location: Location::Remote,
        cards: &[
            (
                R,
                Insight,
                "De reorganisatie slokte alles op; het advies ligt nog op de plank.",
            ),
            (
                P,
                Case,
                "Mijn nieuwe teamleider besluit alles zonder ons. Wat kan ik doen?",
            ),
            (P, Theme, "Nieuwe leiding"),
            (Q, Question, "Merken cliënten hier iets van?"),
            (Q, Question, "Hoe gaat het met jou, los van dit alles?"),
            (Q, Question, "Wie zou je hierin kunnen steunen?"),
        ],
    },
];

/// The card the participant on the phone writes during the screenshots.
pub const PHONE_QUESTION: &str = "Wat zou je tegen haar willen zeggen?";
