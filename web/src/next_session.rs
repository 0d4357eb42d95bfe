//! What the "start next session" dialog offers, decided without the page (tested on
//! the host): the title it suggests, and the cards that can come along, grouped by the
//! phase they were written in (in the plan's order) and within a phase by kind (the
//! harvest's order, [`CardKind::IN_A_PHASE`]), with the case-holder's marks and what
//! is ticked to begin with: themes, actions and the advice the case-holder found
//! useful — what a group usually picks up again next time.

use ovaal_shared::board::phase::Phase;
use ovaal_shared::board::triage::{Label, Triage};
use ovaal_shared::board::{CardKind, Method, SessionSettings};

use crate::card_model::BoardCard;
use crate::i18n::{self, Lang};
use ovaal_shared::board::arc::next_method;

/// Between a title and what makes it the next one ("Intervisie Zuid — 2").
const SEPARATOR: &str = " — ";

/// The title the next session starts with. In a Mastercircle the next step's name:
/// in place of this step's name where the title has it ("Team Zuid — Urgentie" →
/// "Team Zuid — Opgave"), else after the title. Otherwise the next number ("Intervisie
/// Zuid" → "Intervisie Zuid — 2" → "Intervisie Zuid — 3"). Never longer than a
/// title may be.
pub fn next_title(lang: Lang, title: &str, method: Method) -> String {
    let title = title.trim();
    let next = next_method(method);
    let suggested = if next != method {
        let to = step_name(lang, next);
        let replaced = Lang::ALL.into_iter().find_map(|l| {
            let from = step_name(l, method);
            let at = title.rfind(from)?;
            Some(format!("{}{to}{}", &title[..at], &title[at + from.len()..]))
        });
        match replaced {
            Some(title) => title,
            None if title.is_empty() => to.to_owned(),
            None => format!("{title}{SEPARATOR}{to}"),
        }
    } else {
        let (base, number) = match title.rsplit_once(SEPARATOR) {
            Some((base, n)) if !base.trim().is_empty() => match n.trim().parse::<u32>() {
                Ok(n) => (base, n.saturating_add(1)),
                Err(_) => (title, 2),
            },
            _ => (title, 2),
        };
        format!("{base}{SEPARATOR}{number}")
    };
    fit(&suggested)
}

/// A Mastercircle step's own name ("Opgave"), without "Mastercircle: ".
fn step_name(lang: Lang, method: Method) -> &'static str {
    let full = i18n::t(lang, i18n::method_key(method));
    full.split_once(": ").map_or(full, |(_, step)| step)
}

/// Cuts a title to the longest a session's title may be (at a character boundary).
fn fit(title: &str) -> String {
    title
        .chars()
        .take(SessionSettings::MAX_TITLE_CHARS)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// One card that can come along.
#[derive(Debug, Clone, PartialEq)]
pub struct CarryItem {
    /// `<participantId>/<cardId>`, as the server and the triage document name it.
    pub key: String,
    pub kind: CardKind,
    pub text: String,
    pub author: String,
    /// Ticked when the dialog opens.
    pub chosen: bool,
    /// The case-holder marked this advice as useful.
    pub useful: bool,
    /// How this question landed with the case-holder.
    pub label: Option<Label>,
}

/// The cards written in one phase (`phase: None`: outside the plan's phases).
#[derive(Debug, Clone, PartialEq)]
pub struct CarryGroup {
    pub phase: Option<String>,
    /// The phase's name in the page's language; empty for the group outside phases.
    pub name: String,
    pub items: Vec<CarryItem>,
}

/// Whether a card is ticked to begin with.
fn chosen_first(kind: CardKind, useful: bool) -> bool {
    matches!(kind, CardKind::Theme | CardKind::Action) || (kind == CardKind::Advice && useful)
}

/// The groups for `cards` (this session's own cards; carried ones travel anyway).
/// `author` names a card's author.
pub fn carry_groups(
    lang: Lang,
    cards: &[&BoardCard],
    plan: &[Phase],
    triage: &Triage,
    author: impl Fn(&BoardCard) -> String,
) -> Vec<CarryGroup> {
    let rank = |kind: CardKind| {
        CardKind::IN_A_PHASE
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(usize::MAX)
    };
    let mut sorted: Vec<&&BoardCard> = cards.iter().filter(|c| c.carried.is_none()).collect();
    ovaal_shared::sort::sort_by_key(&mut sorted, |c| (rank(c.kind), c.created_ms));
    let item = |card: &BoardCard| {
        let key = card.triage_key()?;
        let (useful, label) = match &card.author {
            Some(a) => (triage.is_useful(a, &card.id), triage.label(a, &card.id)),
            None => (false, None),
        };
        Some(CarryItem {
            chosen: chosen_first(card.kind, useful),
            useful: useful && card.kind == CardKind::Advice,
            label: label.filter(|_| card.kind == CardKind::Question),
            key,
            kind: card.kind,
            text: card.text.clone(),
            author: author(card),
        })
    };
    let in_plan = |card: &BoardCard| {
        card.phase
            .as_deref()
            .is_some_and(|p| plan.iter().any(|phase| phase.id == p))
    };
    let mut groups: Vec<CarryGroup> = plan
        .iter()
        .map(|phase| CarryGroup {
            phase: Some(phase.id.clone()),
            name: phase.name.get(lang.tag()).to_owned(),
            items: sorted
                .iter()
                .filter(|c| c.phase.as_deref() == Some(phase.id.as_str()))
                .filter_map(|c| item(c))
                .collect(),
        })
        .collect();
    groups.push(CarryGroup {
        phase: None,
        name: String::new(),
        items: sorted
            .iter()
            .filter(|c| !in_plan(c))
            .filter_map(|c| item(c))
            .collect(),
    });
    groups.retain(|g| !g.items.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::board::Position;
    use ovaal_shared::board::templates::phases;
    use ovaal_shared::board::triage::card_key;
    use ovaal_shared::{CardId, DocName, ParticipantId};

    #[test]
    fn titles_count_on_or_take_the_next_step() {
        let en = Lang::En;
        assert_eq!(
            next_title(en, "Intervisie Zuid", Method::Incident),
            "Intervisie Zuid — 2"
        );
        assert_eq!(
            next_title(en, "Intervisie Zuid — 2", Method::Incident),
            "Intervisie Zuid — 3"
        );
        assert_eq!(
            next_title(en, "Jaar — plan", Method::Free),
            "Jaar — plan — 2"
        );
        let nl = Lang::Nl;
        assert_eq!(
            next_title(nl, "Team Zuid — Urgentie", Method::MastercircleUrgentie),
            "Team Zuid — Opgave"
        );
        // A Dutch title on an English page keeps its place for the step.
        assert_eq!(
            next_title(en, "Mastercircle: Urgentie", Method::MastercircleUrgentie),
            "Mastercircle: Challenge"
        );
        assert_eq!(
            next_title(nl, "Leiderschap", Method::MastercircleOmslag),
            "Leiderschap — Toekomst"
        );
        let long = "x".repeat(SessionSettings::MAX_TITLE_CHARS);
        assert_eq!(
            next_title(en, &long, Method::Incident).chars().count(),
            SessionSettings::MAX_TITLE_CHARS
        );
    }

    fn card(author: &ParticipantId, n: u8, kind: CardKind, phase: &str, at: i64) -> BoardCard {
        BoardCard {
            id: CardId::from_random([n; 16]),
            doc: DocName::Participant(author.clone()),
            author: Some(author.clone()),
            kind,
            text: format!("{kind} {n}"),
            position: Position::CENTRE,
            created_ms: at,
            phase: (!phase.is_empty()).then(|| phase.to_owned()),
            carried: None,
            arranged: Default::default(),
        }
    }

    #[test]
    fn cards_are_grouped_by_phase_sorted_by_kind_and_preselected() {
        let anna: ParticipantId = "anna-12345".parse().unwrap();
        let plan = phases(Method::Incident);
        let (questions, advice) = ("questions", "advice");
        assert!(plan.iter().any(|p| p.id == questions) && plan.iter().any(|p| p.id == advice));
        let cards = [
            card(&anna, 1, CardKind::Action, advice, 9),
            card(&anna, 2, CardKind::Advice, advice, 5),
            card(&anna, 3, CardKind::Advice, advice, 4),
            card(&anna, 4, CardKind::Question, questions, 3),
            card(&anna, 5, CardKind::Theme, "", 1),
            card(&anna, 6, CardKind::Question, questions, 2),
        ];
        let mut triage = Triage::default();
        triage.useful.insert(card_key(&anna, &cards[1].id), true);
        triage
            .labels
            .insert(card_key(&anna, &cards[3].id), Label::Warm);
        let refs: Vec<&BoardCard> = cards.iter().collect();
        let groups = carry_groups(Lang::En, &refs, &plan, &triage, |_| "Anna".into());
        let shape: Vec<(Option<&str>, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                (
                    g.phase.as_deref(),
                    g.items.iter().map(|i| i.text.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (Some(questions), vec!["question 6", "question 4"]),
                (Some(advice), vec!["advice 3", "advice 2", "action 1"]),
                (None, vec!["theme 5"]),
            ]
        );
        let chosen: Vec<&str> = groups
            .iter()
            .flat_map(|g| &g.items)
            .filter(|i| i.chosen)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(chosen, ["advice 2", "action 1", "theme 5"]);
        let warm = &groups[0].items[1];
        assert_eq!((warm.label, warm.useful), (Some(Label::Warm), false));
        assert!(groups[1].items[1].useful && !groups[1].items[0].useful);
        assert_eq!(groups[1].name, "Advice round");
    }
}
