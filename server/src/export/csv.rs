//! One row per card, RFC 4180 with the separator a spreadsheet of the export's language
//! expects ([`Dialect`]): CRLF line ends, a field quoted when it holds the separator, a
//! quote, CR or LF, with quotes doubled. UTF-8 with a byte-order mark, which is how
//! Excel knows the file is UTF-8 when it is opened with a double click. Card text is
//! written as stored (line breaks included, inside quotes), with one
//! exception: a field a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return) gets a `'` in front, as OWASP advises against
//! CSV injection. Anyone at the table writes cards, and the file is opened by a
//! facilitator who trusts it; the JSON export keeps the exact text.
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

/// The UTF-8 byte-order mark every CSV starts with.
pub const BOM: char = '\u{FEFF}';

/// How a spreadsheet in the export's language reads a CSV. Excel takes its list
/// separator and decimal sign from the computer's region: a Dutch one splits fields on
/// `;` and writes `0,25`, an English one splits on `,` and writes `0.25`. A CSV in the
/// other convention opens as one column of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub separator: char,
    pub decimal: char,
}

impl Dialect {
    pub fn of(lang: Lang) -> Self {
        match lang {
            Lang::Nl => Dialect {
                separator: ';',
                decimal: ',',
            },
            Lang::En => Dialect {
                separator: ',',
                decimal: '.',
            },
        }
    }

    /// A fraction the way this spreadsheet reads numbers.
    pub fn number(self, value: f64) -> String {
        let text = value.to_string();
        if self.decimal == '.' {
            text
        } else {
            text.replace('.', &self.decimal.to_string())
        }
    }
}

/// A CSV being written: the byte-order mark, then rows.
pub struct Writer {
    dialect: Dialect,
    out: String,
}

impl Writer {
    pub fn new(lang: Lang) -> Self {
        Writer {
            dialect: Dialect::of(lang),
            out: BOM.to_string(),
        }
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    pub fn row(&mut self, fields: impl Iterator<Item = String>) {
        push_row(&mut self.out, self.dialect.separator, fields);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

pub fn render(harvest: &Harvest, lang: Lang) -> String {
    let board = Board::new(harvest);
    let mut csv = Writer::new(lang);
    let dialect = csv.dialect();
    csv.row(HEADER.iter().map(|s| (*s).to_owned()));
    let other = words::words(lang).other_cards;
    for section in board.sections() {
        let (number, phase_id, phase_name) = match section.phase {
            Some((n, phase)) => (
                n.to_string(),
                phase.id.clone(),
                phase.name.get(lang.tag()).to_owned(),
            ),
            None => (String::new(), String::new(), other.to_owned()),
        };
        for entry in section.entries {
            let card = entry.card;
            let author = board.author_shown(entry);
            let author_id = author.as_ref().map(|_| entry.author.to_string());
            csv.row(
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
                    dialect.number(card.x),
                    dialect.number(card.y),
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
        csv.row(
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
                dialect.number(card.x),
                dialect.number(card.y),
                card.id.to_string(),
                card.from_title.clone(),
            ]
            .into_iter(),
        );
    }
    csv.finish()
}

fn push_row(out: &mut String, separator: char, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(separator);
        }
        out.push_str(&field_of(&defused(&field), separator));
    }
    out.push_str("\r\n");
}

/// What a spreadsheet would take as a formula, made text: `'` in front. Numbers the
/// export writes itself (`-0.25` for a position) are left alone: they are not
/// formulas, and a quote would turn them into text.
pub fn defused(value: &str) -> std::borrow::Cow<'_, str> {
    let starts_formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_formula && !is_plain_number(value) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// `-12`, `-0.25`, `-0,25`: a minus, digits, at most one decimal sign.
fn is_plain_number(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let mut parts = digits.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next().unwrap_or_default();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// One field, quoted when it must be.
pub fn field_of(value: &str, separator: char) -> String {
    if value.contains([separator, '"', '\r', '\n']) {
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
        assert_eq!(field_of("plain één 🤔", ','), "plain één 🤔");
        assert_eq!(field_of("a,b", ','), "\"a,b\"");
        assert_eq!(field_of("a,b", ';'), "a,b");
        assert_eq!(field_of("a;b", ';'), "\"a;b\"");
        assert_eq!(field_of("zei \"ja\"", ','), "\"zei \"\"ja\"\"\"");
        assert_eq!(field_of("regel\nregel", ';'), "\"regel\nregel\"");
        assert_eq!(field_of("", ','), "");
    }

    #[test]
    fn formulas_are_defused_and_numbers_are_not() {
        for formula in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-1+cmd|' /C calc'!A0",
            "@SUM(A1)",
            "\tindent",
            "\rline",
            "- a bullet",
            "-",
        ] {
            assert_eq!(defused(formula), format!("'{formula}"), "{formula:?}");
        }
        for kept in [
            "-0.25", "-0,25", "-12", "0.5", "plain", "a=b", "", "'quoted", "1e5",
        ] {
            assert_eq!(defused(kept), kept, "{kept:?}");
        }
        let row = {
            let mut out = String::new();
            push_row(
                &mut out,
                ',',
                ["=1,2".to_owned(), "-0.5".to_owned()].into_iter(),
            );
            out
        };
        assert_eq!(row, "\"'=1,2\",-0.5\r\n");
    }

    #[test]
    fn dutch_csv_uses_semicolons_and_decimal_commas() {
        let mut csv = Writer::new(Lang::Nl);
        let number = csv.dialect().number(-0.25);
        csv.row(["a,b".to_owned(), number].into_iter());
        assert_eq!(csv.finish(), "\u{FEFF}a,b;-0,25\r\n");
        let mut csv = Writer::new(Lang::En);
        let number = csv.dialect().number(0.5);
        csv.row(["a;b".to_owned(), number].into_iter());
        assert_eq!(csv.finish(), "\u{FEFF}a;b,0.5\r\n");
    }
}
