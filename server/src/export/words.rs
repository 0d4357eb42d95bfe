//! The words of the report, the CSV headers' phase names and the picture, in the two
//! languages the board speaks. Phase names come from the plan, which carries both;
//! the domain words (kinds, methods, labels, the useful mark, room or remote, a free
//! seat) come from
//! `ovaal_shared::words`, which the page uses too, so both say the same word.

use ovaal_shared::board::triage::Label;
use ovaal_shared::board::{CardKind, Location, Method};
pub use ovaal_shared::words::Lang;
use ovaal_shared::words::{Word, capitalised, word};

/// Fixed words of the report.
pub struct Words {
    pub harvest: &'static str,
    pub date: &'static str,
    pub method: &'static str,
    pub exported: &'static str,
    pub participants: &'static str,
    pub no_participants: &'static str,
    pub caseholder: &'static str,
    pub the_case: &'static str,
    pub no_case: &'static str,
    pub no_caseholder: &'static str,
    pub phases: &'static str,
    pub other_cards: &'static str,
    pub no_cards: &'static str,
    pub actions: &'static str,
    pub no_actions: &'static str,
    pub seat: &'static str,
    pub names_hidden: &'static str,
    pub private_round: &'static str,
    pub the_table: &'static str,
    pub free_seat: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub by: &'static str,
    pub carried: &'static str,
    /// On a chip: "+7 more" (current cards that did not fit).
    pub more: &'static str,
    /// On a chip: "3 earlier" (earlier-phase cards folded away).
    pub earlier: &'static str,
}

const EN: Words = Words {
    harvest: word(Lang::En, Word::Harvest),
    date: "Date",
    method: "Method",
    exported: "Exported",
    participants: "Participants",
    no_participants: "Nobody took a seat.",
    caseholder: word(Lang::En, Word::Caseholder),
    the_case: "The case",
    no_case: "No case card was written.",
    no_caseholder: "Nobody sat in the hot seat.",
    phases: word(Lang::En, Word::Phases),
    other_cards: "Other cards",
    no_cards: "No cards.",
    actions: "Actions of the case-holder",
    no_actions: "The case-holder wrote no action cards.",
    seat: "seat",
    names_hidden: "The facilitator hid the authors' names.",
    private_round: "private round, revealed",
    the_table: "The table",
    free_seat: word(Lang::En, Word::FreeSeat),
    page: "Page",
    of: "of",
    by: "by",
    carried: "Carried over from earlier sessions",
    more: "more",
    earlier: "earlier",
};

const NL: Words = Words {
    harvest: word(Lang::Nl, Word::Harvest),
    date: "Datum",
    method: "Methode",
    exported: "Geëxporteerd",
    participants: "Deelnemers",
    no_participants: "Niemand nam plaats.",
    caseholder: word(Lang::Nl, Word::Caseholder),
    the_case: "De casus",
    no_case: "Er is geen casuskaart geschreven.",
    no_caseholder: "Niemand zat in de hete stoel.",
    phases: word(Lang::Nl, Word::Phases),
    other_cards: "Overige kaarten",
    no_cards: "Geen kaarten.",
    actions: "Acties van de inbrenger",
    no_actions: "De inbrenger schreef geen actiekaarten.",
    seat: "stoel",
    names_hidden: "De begeleider heeft de namen van de schrijvers verborgen.",
    private_round: "privéronde, onthuld",
    the_table: "De tafel",
    free_seat: word(Lang::Nl, Word::FreeSeat),
    page: "Pagina",
    of: "van",
    by: "door",
    carried: "Meegenomen uit eerdere sessies",
    more: "meer",
    earlier: "eerder",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Nl => &NL,
    }
}

/// A method's name, as the page's method choice says it.
pub fn method_name(method: Method, lang: Lang) -> &'static str {
    word(lang, Word::Method(method))
}

/// A kind's name for a card's label (singular).
pub fn kind_name(kind: CardKind, lang: Lang) -> &'static str {
    word(lang, Word::Kind(kind))
}

/// A kind's name as a heading over its cards (plural).
pub fn kind_heading(kind: CardKind, lang: Lang) -> String {
    capitalised(word(lang, Word::Kinds(kind)))
}

pub fn label_name(label: Label, lang: Lang) -> &'static str {
    word(lang, Word::Label(label))
}

pub fn useful(lang: Lang) -> &'static str {
    word(lang, Word::Useful)
}

pub fn location_name(location: Location, lang: Lang) -> &'static str {
    word(lang, Word::Location(location))
}

/// A role as the page names it ("opdrachtgever", "zaalscherm").
pub fn role_name(role: ovaal_shared::Role, lang: Lang) -> &'static str {
    word(lang, Word::Role(role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_like_the_board() {
        assert_eq!(Lang::from_tag("nl-BE"), Lang::Nl);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(words(Lang::Nl).harvest, "Oogst");
        assert_eq!(kind_heading(CardKind::Advice, Lang::En), "Advice");
        assert_eq!(kind_heading(CardKind::Theme, Lang::Nl), "Thema's");
    }

    #[test]
    fn the_harvest_says_the_pages_words() {
        // The page's i18n delegates these to the same `word`; both must print it.
        for lang in Lang::ALL {
            assert_eq!(useful(lang), word(lang, Word::Useful));
            assert_eq!(
                location_name(Location::Room, lang),
                word(lang, Word::Location(Location::Room))
            );
            assert_eq!(words(lang).caseholder, word(lang, Word::Caseholder));
        }
        assert_eq!(useful(Lang::Nl), "bruikbaar");
        assert_eq!(location_name(Location::Room, Lang::Nl), "in de zaal");
    }
}
