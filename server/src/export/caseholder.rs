//! The case-holder's own harvest: what the person in the hot seat takes home, which
//! they may download from their own page while the session runs — their case, the
//! questions they labelled (warm first), the advice they found useful and their
//! actions. Nothing else of the board: not the other cards, not who else wrote what
//! beyond the author of each card shown (and no author while names are hidden).
//!
//! Rendered as report blocks, so the Markdown and the PDF writers of the full report
//! draw it the same way.

use super::entries::{Board, Entry};
use super::report::{Block, Item};
use super::schema::Harvest;
use super::text::one_line;
use super::time;
use super::words::{self, Lang, label_name};
use super::{ExportError, markdown, pdf};
use ovaal_shared::ParticipantId;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::triage::Label;
use ovaal_shared::words::capitalised;

struct Words {
    title: &'static str,
    questions: &'static str,
    no_questions: &'static str,
    useful_advice: &'static str,
    no_advice: &'static str,
    actions: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Nl => Words {
            title: "Oogst van de inbrenger",
            questions: "Vragen, met jouw label",
            no_questions: "Je hebt geen vragen gelabeld.",
            useful_advice: "Adviezen die je bruikbaar vond",
            no_advice: "Je hebt geen advies als bruikbaar gemarkeerd.",
            actions: "Jouw acties",
        },
        Lang::En => Words {
            title: "The case-holder's harvest",
            questions: "Questions, with your label",
            no_questions: "You labelled no questions.",
            useful_advice: "Advice you found useful",
            no_advice: "You marked no advice as useful.",
            actions: "Your actions",
        },
    }
}

const LABEL_ORDER: [Label; 3] = [Label::Warm, Label::Neutral, Label::Cold];

fn item(board: &Board<'_>, entry: &Entry<'_>, marks: Vec<String>) -> Block {
    Block::Item(Item {
        text: entry.card.text.clone(),
        marks,
        by: board.author_shown(entry),
        kind: Some(entry.card.kind),
    })
}

/// The blocks for the person in the hot seat (`caseholder`).
pub fn build(harvest: &Harvest, caseholder: &ParticipantId, lang: Lang) -> Vec<Block> {
    let w = words(lang);
    let common = words::words(lang);
    let board = Board::new(harvest);
    let entries = board.entries();
    let theirs = |kind: CardKind| -> Vec<&Entry<'_>> {
        entries
            .iter()
            .filter(|e| e.card.kind == kind && e.author == caseholder)
            .collect()
    };
    let mut out = vec![
        Block::Title(format!("{}: {}", w.title, one_line(&harvest.session.title))),
        Block::Meta(vec![
            (
                common.date.to_owned(),
                time::date(harvest.session.created_ms),
            ),
            (capitalised(common.caseholder), board.name_of(caseholder)),
        ]),
        Block::Heading(2, common.the_case.to_owned()),
    ];
    let cases = theirs(CardKind::Case);
    if cases.is_empty() {
        out.push(Block::Note(common.no_case.to_owned()));
    }
    out.extend(cases.into_iter().map(|e| item(&board, e, Vec::new())));

    out.push(Block::Heading(2, w.questions.to_owned()));
    let mut labelled = 0;
    for label in LABEL_ORDER {
        for entry in entries
            .iter()
            .filter(|e| e.card.kind == CardKind::Question && e.label == Some(label))
        {
            labelled += 1;
            out.push(item(
                &board,
                entry,
                vec![label_name(label, lang).to_owned()],
            ));
        }
    }
    if labelled == 0 {
        out.push(Block::Note(w.no_questions.to_owned()));
    }

    out.push(Block::Heading(2, w.useful_advice.to_owned()));
    let useful: Vec<&Entry<'_>> = entries
        .iter()
        .filter(|e| e.card.kind == CardKind::Advice && e.useful)
        .collect();
    if useful.is_empty() {
        out.push(Block::Note(w.no_advice.to_owned()));
    }
    out.extend(useful.into_iter().map(|e| item(&board, e, Vec::new())));

    out.push(Block::Heading(2, w.actions.to_owned()));
    let actions = theirs(CardKind::Action);
    if actions.is_empty() {
        out.push(Block::Note(common.no_actions.to_owned()));
    }
    out.extend(actions.into_iter().map(|e| item(&board, e, Vec::new())));
    out
}

/// The formats the case-holder's harvest comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseholderFormat {
    Markdown,
    Pdf,
}

impl CaseholderFormat {
    /// How the case-holder's harvest is drawn in `format`, one of
    /// [`super::Format::CASEHOLDER`] (the list the page's buttons show too).
    pub fn of(format: super::Format) -> Option<CaseholderFormat> {
        match format {
            super::Format::Markdown => Some(CaseholderFormat::Markdown),
            super::Format::Pdf => Some(CaseholderFormat::Pdf),
            _ => None,
        }
    }

    pub fn format(self) -> super::Format {
        match self {
            CaseholderFormat::Markdown => super::Format::Markdown,
            CaseholderFormat::Pdf => super::Format::Pdf,
        }
    }
}

pub fn render(
    harvest: &Harvest,
    caseholder: &ParticipantId,
    format: CaseholderFormat,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let blocks = build(harvest, caseholder, lang);
    match format {
        CaseholderFormat::Markdown => Ok(markdown::render_blocks(&blocks).into_bytes()),
        CaseholderFormat::Pdf => pdf::render_blocks(&blocks, lang, &harvest.exported_at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Format;

    #[test]
    fn every_format_the_page_offers_is_drawn_and_no_other() {
        for format in Format::ALL {
            let drawn = CaseholderFormat::of(format);
            assert_eq!(drawn.is_some(), Format::CASEHOLDER.contains(&format));
            assert!(drawn.is_none_or(|d| d.format() == format));
        }
    }
}
