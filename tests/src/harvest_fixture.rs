//! The harvest tests' shared fixture: a realistic incident-method session whose cards
//! hold the texts that break exports (emoji, Arabic and Hebrew, quotes and commas, line
//! breaks, Markdown and HTML), written through the real protocol, and the helpers that
//! download, import and read its exports. The `export_*` tests each check one format or
//! concern against it.
//!
//! ## Layout
//! - [`session`]: building the session ([`incident_session`]) and changing it as the
//!   facilitator does ([`facilitate`]).
//! - [`download`]: exporting over HTTP ([`export`], [`export_ok`], which also keeps a
//!   copy in `tests/artifacts/`), importing, and the import round trip.
//! - [`read`]: reading an export back: a Markdown section, the PDF's text, the JSON's
//!   card texts.
//! - [`big_table`]: a real-size board (14 seats, 80 cards) built in memory, for the
//!   picture's layout; [`picture`]: checking a harvest PNG against that layout.

pub mod big_table;
pub mod download;
pub mod picture;
pub mod read;
pub mod session;

pub use download::{
    export, export_ok, import, import_and_compare, is_download_name, text, token_of,
    without_attendance,
};
pub use read::{card_texts, md_section, pdf_text};
pub use session::{Board, Ids, facilitate, incident_session};

pub const TITLE: &str = "Intervisie team Zuid: één casus";
pub const CASE: &str = "Hoe geef ik één collega feedback zonder de relatie te schaden?";
pub const OTHER_CASE: &str = "Mijn eigen casus: de planning";
pub const Q_QUOTES: &str = "Wat heb je al geprobeerd? \"Ja, maar…\", zei ze, en toen?";
pub const Q_LINES: &str = "Eerste regel\nTweede regel: # geen kop";
pub const Q_ARABIC: &str = "مرحبا — hoe voelde dat? 🤔🔥";
pub const Q_HEBREW: &str = "שלום: wie besluit er?";
pub const ADVICE: &str = "Plan één rustig gesprek, Zoë";
pub const MARKUP: &str = "<script>alert(1)</script> *vet* _schuin_ [link](http://x) `code` | pipe";
pub const MIRROR: &str = "Ik zie iemand die twijfelt";
pub const ACTION: &str = "Ik plan volgende week één gesprek";
pub const INSIGHT: &str = "Feedback mag kort zijn";
pub const NO_PHASE: &str = "Werkdruk";
pub const REVEALED: &str = "Eerste gedachte: durf";
/// Written in a private round that is never revealed: no export may contain it.
pub const SECRET: &str = "GEHEIM: niet exporteren";
