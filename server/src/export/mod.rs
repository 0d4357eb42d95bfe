//! The harvest (oogst): a session's board exported from the server's stored copy, so
//! it works after everyone has left, organised the way a facilitator hands it over.
//! `docs/export.md` describes every format for people.
//!
//! ## Layout
//! - [`schema`]: the versioned JSON document (`"format": "ovaal-harvest"`,
//!   `"version": 2`) — the lossless, re-importable form, and the model every other
//!   format is rendered from.
//! - [`harvest`]: builds a [`schema::Harvest`] from the stored documents with the shared
//!   board readers; unrevealed private rounds are never read into it.
//! - [`entries`]: the cards flattened with their author, label and useful mark, grouped
//!   by phase in plan order.
//! - [`report`]: the harvest as a sequence of report blocks (title, participants, the
//!   case, phases, actions), shared by [`markdown`] and [`pdf`]; words in [`words`].
//! - [`markdown`], [`csv`]: text formats with their escaping ([`csv::Dialect`]: the
//!   separator of the export's language).
//! - [`attendance`]: who was there when, for the facilitator: a report section and
//!   `attendance.csv`.
//! - [`caseholder`]: the case-holder's own harvest (their case, labelled questions,
//!   useful advice, actions), for them and the facilitator.
//! - [`scene`]: the picture of the table as [`shapes`], drawn from the shared layout
//!   (`ovaal_shared::layout`) of the board [`table`] reads from the harvest, each card
//!   by [`picture_card`] and each "+N more" / "earlier" chip by [`picture_chip`];
//!   [`svg`] writes it as SVG, [`png`] rasterises it ([`raster`]), and the PDF draws it
//!   on its last page.
//! - [`font`]: the embedded fonts and their metrics; [`shape`]: a line as positioned
//!   glyphs (bidi runs, shaping, emoji fallback); [`wrap`]: line breaking; [`text`]:
//!   cleaning text for formats that cannot carry control characters.
//! - [`pdf`]: the PDF report (embedded, subsetted font with a `ToUnicode` map).
//! - [`import`]: a JSON export back into a new session, checked by [`validate`]
//!   (stored through `crate::session::create`); [`guarded`]: a failed export kept to
//!   its session; [`cli`]: `ovaal export`. The routes are `crate::http`'s
//!   (`http/export.rs`).
//!
//! ## Why these crates
//! Text must look the same in the PNG and the PDF on any server, so the font is
//! embedded: DejaVu Sans from the `dejavu` crate (Regular and Bold, about 1.4 MB of
//! the binary; wide coverage: Latin, Greek, Cyrillic, Hebrew, Arabic letters), read
//! with `ttf-parser`. A system font would make the export depend on what the host has
//! installed. The PNG is drawn with `ab_glyph_rasterizer` (a few hundred lines: coverage
//! of lines and curves), which is enough for an oval, rounded cards and glyph outlines,
//! and encoded with `png`, which the test crate builds anyway. `resvg`/`tiny-skia`
//! would draw the same with ten times the code to compile. The PDF is written with
//! `pdf-writer` (no dependencies beyond what the server has) and its font subsetted
//! with `subsetter` without its variable-font feature, so a report is tens of
//! kilobytes, not the font's 700 kB. Together these add about 10 s to a clean debug
//! build on two cores (measured in `docs/export.md`).
//!
//! Text drawn by the server is shaped: `unicode-bidi` orders a line's runs and
//! `rustybuzz` (HarfBuzz's shaping in pure Rust, on the same `ttf-parser`) joins
//! Arabic letters and places marks; a hand-written bidi would miss the rules for
//! numbers, neutrals and nesting, and no shaping means Arabic drawn unjoined. Emoji
//! come from two monochrome fallbacks, Noto Emoji (`epaint_default_fonts`, a data
//! crate) and a 235 kB Symbola subset for newer emoji (`fonts/`): outline fonts, so
//! the PNG fills them and the PDF embeds them like DejaVu.

pub mod attendance;
pub mod caseholder;
pub mod cli;
pub mod csv;
pub mod entries;
pub mod font;
pub mod guarded;
pub mod harvest;
pub mod import;
pub mod markdown;
pub mod pdf;
pub mod picture_card;
pub mod picture_chip;
pub mod png;
pub mod raster;
pub mod report;
pub mod scene;
pub mod schema;
pub mod shape;
pub mod shapes;
pub mod svg;
pub mod table;
pub mod text;
pub mod time;
pub mod validate;
pub mod words;
pub mod wrap;

pub use schema::Harvest;
pub use words::Lang;

/// Why an export could not be produced. None of these depend on the board's content:
/// every text, however odd, renders.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the embedded font cannot be read: {0}")]
    Font(String),
    #[error("the PNG could not be encoded: {0}")]
    Png(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    #[error("the export task failed: {0}")]
    Task(String),
    #[error("the JSON could not be written: {0}")]
    Json(#[from] serde_json::Error),
}

/// The export formats, shared with the page's download buttons; named `Format` here,
/// where every name is about exporting.
pub use ovaal_shared::export_format::{ExportFormat as Format, UnknownFormat};

/// Renders a harvest in a format. CPU-bound (the PNG and PDF take tens of
/// milliseconds): call it off the async runtime.
pub fn render(harvest: &Harvest, format: Format, lang: Lang) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Json => schema::to_json(harvest),
        Format::Markdown => Ok(markdown::render(harvest, lang).into_bytes()),
        Format::Csv => Ok(csv::render(harvest, lang).into_bytes()),
        Format::Svg => Ok(svg::render(&scene::build(harvest, lang)?).into_bytes()),
        Format::Png => png::render(&scene::build(harvest, lang)?),
        Format::Pdf => pdf::render(harvest, lang),
    }
}

/// What a download is, for its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    /// The whole harvest.
    Harvest,
    /// The case-holder's own harvest.
    Caseholder,
    /// The attendance record.
    Attendance,
}

/// The download's file name in the export's language: what it is, the session's date
/// in its time zone and the title, `oogst-2026-12-06-intervisie-team-noord.pdf`. Only
/// lowercase ASCII letters, digits and dashes before the extension, so it is safe in
/// a header, a shell and every file system.
pub fn file_name(
    what: Download,
    lang: Lang,
    title: &str,
    created_ms: i64,
    zone: crate::time_zone::TimeZone,
    ext: &str,
) -> String {
    let word = match (what, lang) {
        (Download::Harvest, Lang::Nl) => "oogst",
        (Download::Harvest, Lang::En) => "harvest",
        (Download::Caseholder, Lang::Nl) => "oogst-inbrenger",
        (Download::Caseholder, Lang::En) => "harvest-case-holder",
        (Download::Attendance, Lang::Nl) => "aanwezigheid",
        (Download::Attendance, Lang::En) => "attendance",
    };
    let date = time::date_in(created_ms, zone);
    format!("{word}-{date}-{}.{ext}", text::slug(title))
}

/// [`file_name`] for a built harvest: its session's title and the day it was made.
pub fn harvest_file_name(
    what: Download,
    lang: Lang,
    harvest: &Harvest,
    zone: crate::time_zone::TimeZone,
    ext: &str,
) -> String {
    let session = &harvest.session;
    file_name(what, lang, &session.title, session.created_ms, zone, ext)
}

/// The zone times are shown in: the one asked for, else the session's, else
/// `Europe/Amsterdam` for a Dutch export and UTC for an English one.
pub fn zone_for(
    asked: Option<crate::time_zone::TimeZone>,
    session: Option<crate::time_zone::TimeZone>,
    lang: Lang,
) -> crate::time_zone::TimeZone {
    use crate::time_zone::TimeZone;
    asked.or(session).unwrap_or(match lang {
        Lang::Nl => TimeZone::AMSTERDAM,
        Lang::En => TimeZone::Fixed(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_extension() {
        for f in Format::ALL {
            assert_eq!(f.ext().parse::<Format>().unwrap(), f);
        }
        assert_eq!("Markdown".parse::<Format>().unwrap(), Format::Markdown);
        assert!("docx".parse::<Format>().is_err());
    }

    #[test]
    fn file_names_follow_the_language_and_carry_date_and_title() {
        use crate::time_zone::TimeZone;
        // 2026-12-06 09:30 in Amsterdam.
        let created = 1_796_545_800_000;
        let zone = TimeZone::AMSTERDAM;
        let title = "Intervisie team Noord";
        assert_eq!(
            file_name(Download::Harvest, Lang::Nl, title, created, zone, "pdf"),
            "oogst-2026-12-06-intervisie-team-noord.pdf"
        );
        assert_eq!(
            file_name(Download::Harvest, Lang::En, title, created, zone, "csv"),
            "harvest-2026-12-06-intervisie-team-noord.csv"
        );
        assert_eq!(
            file_name(Download::Caseholder, Lang::Nl, title, created, zone, "md"),
            "oogst-inbrenger-2026-12-06-intervisie-team-noord.md"
        );
        assert_eq!(
            file_name(
                Download::Attendance,
                Lang::En,
                "\"../é\r\n;x",
                created,
                zone,
                "csv"
            ),
            "attendance-2026-12-06-e-x.csv"
        );
        // Late in the evening in UTC is the next day in Amsterdam.
        let late = 1_796_599_800_000;
        assert_eq!(
            file_name(Download::Harvest, Lang::Nl, title, late, zone, "pdf"),
            "oogst-2026-12-07-intervisie-team-noord.pdf"
        );
        assert_eq!(zone_for(None, None, Lang::Nl), TimeZone::AMSTERDAM);
        assert_eq!(zone_for(None, None, Lang::En), TimeZone::Fixed(0));
    }
}
