//! The harvest report as a list of blocks, organised the way a facilitator hands a
//! harvest over: the session, who took part, the case and its case-holder, then every
//! phase of the plan with the cards written in it (questions with the case-holder's
//! labels, advice with the useful ones marked, …), cards outside the plan, and the
//! case-holder's actions. Markdown and PDF render the same blocks, so they never say
//! different things.
//!
//! All text in the blocks is plain (not escaped); each format escapes it its own way.

use super::entries::{Board, Entry};
use super::schema::Harvest;
use super::text::one_line;
use super::time;
use super::words::{self, Lang, kind_heading, label_name, location_name, method_name};
use ovaal_shared::board::CardKind;

/// The order kinds are listed in within a phase (shared with the page's choice of
/// cards for the next session).
pub const KIND_ORDER: [CardKind; 7] = CardKind::IN_A_PHASE;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The report's title (once, first).
    Title(String),
    /// Label/value lines under the title.
    Meta(Vec<(String, String)>),
    /// 2: a part of the report, 3: a phase, 4: a kind of card within a phase.
    Heading(u8, String),
    Paragraph(String),
    /// A remark in a quieter voice ("No cards.").
    Note(String),
    Item(Item),
}

/// A card, or a line of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The card's text; may hold line breaks.
    pub text: String,
    /// Shown before the text: the label, the useful mark, "private round".
    pub marks: Vec<String>,
    /// Shown after the text: the author, unless names are hidden.
    pub by: Option<String>,
    pub kind: Option<CardKind>,
}

fn card_item(board: &Board<'_>, entry: &Entry<'_>, lang: Lang) -> Block {
    let mut marks = Vec::new();
    if let Some(label) = entry.label {
        marks.push(label_name(label, lang).to_owned());
    }
    if entry.useful {
        marks.push(format!("★ {}", words::useful(lang)));
    }
    if entry.private {
        marks.push(words::words(lang).private_round.to_owned());
    }
    Block::Item(Item {
        text: entry.card.text.clone(),
        marks,
        by: board.author_shown(entry),
        kind: Some(entry.card.kind),
    })
}

fn plain_item(text: String) -> Block {
    Block::Item(Item {
        text,
        marks: Vec::new(),
        by: None,
        kind: None,
    })
}

/// Cards grouped by kind, in [`KIND_ORDER`], each group under a level-4 heading.
fn by_kind(out: &mut Vec<Block>, board: &Board<'_>, entries: &[&Entry<'_>], lang: Lang) {
    if entries.is_empty() {
        out.push(Block::Note(words::words(lang).no_cards.to_owned()));
        return;
    }
    for kind in KIND_ORDER {
        let of_kind: Vec<&&Entry<'_>> = entries.iter().filter(|e| e.card.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.push(Block::Heading(4, kind_heading(kind, lang)));
        out.extend(of_kind.into_iter().map(|e| card_item(board, e, lang)));
    }
}

/// "2025-03-14T09:26:53.589Z" as "2025-03-14 09:26 UTC".
fn readable_instant(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16)) {
        (Some(date), Some(clock)) => format!("{date} {clock} UTC"),
        _ => one_line(iso),
    }
}

pub fn build(harvest: &Harvest, lang: Lang) -> Vec<Block> {
    let w = words::words(lang);
    let board = Board::new(harvest);
    let caseholder = board.caseholder();
    let caseholder_name = caseholder.map(|id| board.name_of(id));
    let mut out = vec![
        Block::Title(format!(
            "{}: {}",
            w.harvest,
            one_line(&harvest.session.title)
        )),
        Block::Meta(vec![
            (w.date.to_owned(), time::date(harvest.session.created_ms)),
            (
                w.method.to_owned(),
                method_name(harvest.session.method, lang).to_owned(),
            ),
            (
                capitalised(w.caseholder),
                caseholder_name.clone().unwrap_or_else(|| "—".to_owned()),
            ),
            (
                w.exported.to_owned(),
                readable_instant(&harvest.exported_at),
            ),
        ]),
    ];

    // Who took part: everyone with a profile, by seat, then name.
    out.push(Block::Heading(2, w.participants.to_owned()));
    let mut people: Vec<_> = harvest
        .participants
        .iter()
        .filter_map(|p| p.profile.as_ref().map(|profile| (p, profile)))
        .collect();
    people.sort_by_key(|(p, profile)| (profile.seat.unwrap_or(u32::MAX), board.name_of(&p.id)));
    if people.is_empty() {
        out.push(Block::Note(w.no_participants.to_owned()));
    }
    for (p, profile) in people {
        let mut line = vec![
            board.name_of(&p.id),
            location_name(profile.location, lang).to_owned(),
        ];
        if let Some(seat) = profile.seat {
            line[1] = format!("{}, {} {}", line[1], w.seat, seat + 1);
        }
        if caseholder == Some(&p.id) {
            line.push(w.caseholder.to_owned());
        }
        out.push(plain_item(line.join(" — ")));
    }
    if harvest.facilitation.hide_names {
        out.push(Block::Note(w.names_hidden.to_owned()));
    }

    // Who was there when (the facilitator's exports only).
    out.extend(super::attendance::blocks(harvest, lang));

    // The case: the case-holder's case cards (or every case card when they wrote none).
    out.push(Block::Heading(2, w.the_case.to_owned()));
    out.push(match &caseholder_name {
        Some(name) => Block::Paragraph(format!("{}: {name}", capitalised(w.caseholder))),
        None => Block::Note(w.no_caseholder.to_owned()),
    });
    let cases: Vec<&Entry<'_>> = board
        .entries()
        .iter()
        .filter(|e| e.card.kind == CardKind::Case)
        .collect();
    let theirs: Vec<&Entry<'_>> = cases
        .iter()
        .copied()
        .filter(|e| Some(e.author) == caseholder)
        .collect();
    let shown = if theirs.is_empty() { cases } else { theirs };
    if shown.is_empty() {
        out.push(Block::Note(w.no_case.to_owned()));
    }
    out.extend(shown.into_iter().map(|e| card_item(&board, e, lang)));

    // What earlier sessions of the arc handed over.
    let origins = board.carried_by_origin();
    if !origins.is_empty() {
        out.push(Block::Heading(2, w.carried.to_owned()));
        for (origin, cards) in origins {
            out.push(Block::Heading(3, one_line(origin)));
            for kind in KIND_ORDER {
                let of_kind: Vec<_> = cards.iter().filter(|c| c.kind == kind).collect();
                if of_kind.is_empty() {
                    continue;
                }
                out.push(Block::Heading(4, kind_heading(kind, lang)));
                out.extend(of_kind.into_iter().map(|c| {
                    Block::Item(Item {
                        text: c.text.clone(),
                        marks: Vec::new(),
                        by: board.carried_author(c),
                        kind: Some(c.kind),
                    })
                }));
            }
        }
    }

    // Every phase of the plan, then the cards outside it.
    out.push(Block::Heading(2, w.phases.to_owned()));
    for section in board.sections() {
        let title = match section.phase {
            Some((n, phase)) => format!("{n}. {}", one_line(phase.name.get(lang.tag()))),
            None => w.other_cards.to_owned(),
        };
        out.push(Block::Heading(3, title));
        by_kind(&mut out, &board, &section.entries, lang);
    }

    // What the case-holder takes home.
    out.push(Block::Heading(2, w.actions.to_owned()));
    let actions: Vec<&Entry<'_>> = board
        .entries()
        .iter()
        .filter(|e| e.card.kind == CardKind::Action && Some(e.author) == caseholder)
        .collect();
    if actions.is_empty() {
        out.push(Block::Note(w.no_actions.to_owned()));
    }
    out.extend(actions.into_iter().map(|e| card_item(&board, e, lang)));
    out
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
