//! One row per card, RFC 4180: comma-separated, CRLF line ends, a field quoted when it
//! holds a comma, a quote, CR or LF, with quotes doubled. UTF-8 without a byte-order
//! mark. Card text is written exactly as stored (line breaks included, inside quotes).
//!
//! Rows follow the report: phases in plan order, cards outside the plan last, oldest
//! card first within a phase. `kind` and `label` use the schema's values (`question`,
//! `warm`), `phase` the phase's name in the chosen language. Cards carried over from
//! earlier sessions come last, with the session they come from in `carried_from`.

use super::entries::Board;
use super::schema::Harvest;
use super::time;
use super::words::{self, Lang};

pub const HEADER: [&str; 16] = [
    "phase_number",
    "phase_id",
    "phase",
    "kind",
    "text",
    "author",
    "author_id",
    "label",
    "useful",
    "private",
    "created_at",
    "created_ms",
    "x",
    "y",
    "card_id",
    "carried_from",
];

pub fn render(harvest: &Harvest, lang: Lang) -> String {
    let board = Board::new(harvest);
    let mut out = String::new();
    push_row(&mut out, HEADER.iter().map(|s| (*s).to_owned()));
    let other = words::words(lang).other_cards;
    for section in board.sections() {
        let (number, phase_id, phase_name) = match section.phase {
            Some((n, phase)) => (
                n.to_string(),
                phase.id.clone(),
                phase.name.get(lang.code()).to_owned(),
            ),
            None => (String::new(), String::new(), other.to_owned()),
        };
        for entry in section.entries {
            let card = entry.card;
            let author = board.author_shown(entry);
            let author_id = author.as_ref().map(|_| entry.author.to_string());
            push_row(
                &mut out,
                [
                    number.clone(),
                    // The card's own phase id, also when it is no longer in the plan.
                    card.phase.clone().unwrap_or_else(|| phase_id.clone()),
                    phase_name.clone(),
                    card.kind.as_str().to_owned(),
                    card.text.clone(),
                    author.unwrap_or_default(),
                    author_id.unwrap_or_default(),
                    entry
                        .label
                        .map(|l| l.as_str().to_owned())
                        .unwrap_or_default(),
                    entry.useful.to_string(),
                    entry.private.to_string(),
                    time::iso_millis(card.created_ms),
                    card.created_ms.to_string(),
                    card.x.to_string(),
                    card.y.to_string(),
                    card.id.to_string(),
                    String::new(),
                ]
                .into_iter(),
            );
        }
    }
    // Cards carried over from earlier sessions of the arc, last.
    let carried = words::words(lang).carried;
    for card in &harvest.carried {
        push_row(
            &mut out,
            [
                String::new(),
                String::new(),
                carried.to_owned(),
                card.kind.as_str().to_owned(),
                card.text.clone(),
                board.carried_author(card).unwrap_or_default(),
                String::new(),
                String::new(),
                "false".to_owned(),
                "false".to_owned(),
                time::iso_millis(card.created_ms),
                card.created_ms.to_string(),
                card.x.to_string(),
                card.y.to_string(),
                card.id.to_string(),
                card.from_title.clone(),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field_of(&field));
    }
    out.push_str("\r\n");
}

/// One field, quoted when it must be.
pub fn field_of(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field_of("plain één 🤔"), "plain één 🤔");
        assert_eq!(field_of("a,b"), "\"a,b\"");
        assert_eq!(field_of("zei \"ja\""), "\"zei \"\"ja\"\"\"");
        assert_eq!(field_of("regel\nregel"), "\"regel\nregel\"");
        assert_eq!(field_of(""), "");
    }
}
