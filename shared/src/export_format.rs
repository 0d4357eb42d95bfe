//! The formats a harvest is exported in: the server's export routes
//! (`/api/sessions/{id}/export.{ext}`, and the case-holder's own harvest's
//! `caseholder.{ext}`) and command line, and the page's download buttons, list the
//! same ones from here. Their names on the buttons are words
//! ([`crate::words::Word::Format`]).

use std::fmt;
use std::str::FromStr;

use crate::Role;

/// The facilitator's settings that decide who may download what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportSettings {
    /// Participants may download the harvest too (`participants_export`).
    pub participants_export: bool,
    /// The facilitator hid who wrote each card (`hide_names`).
    pub hide_names: bool,
}

/// The export formats, in the order of the buttons, named by their file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Json,
    Markdown,
    Csv,
    Svg,
    Png,
    Pdf,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Json,
        ExportFormat::Markdown,
        ExportFormat::Csv,
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Pdf,
    ];

    /// The formats of the case-holder's own harvest
    /// (`/api/sessions/{id}/caseholder.{ext}`), in the order of its buttons.
    pub const CASEHOLDER: [ExportFormat; 2] = [ExportFormat::Markdown, ExportFormat::Pdf];

    /// The file extension, also the name used in the URL and on the command line.
    pub fn ext(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Pdf => "pdf",
        }
    }

    /// The `Content-Type` the server answers a download with.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Json => "application/json",
            ExportFormat::Markdown => "text/markdown; charset=utf-8",
            ExportFormat::Csv => "text/csv; charset=utf-8; header=present",
            ExportFormat::Svg => "image/svg+xml",
            ExportFormat::Png => "image/png",
            ExportFormat::Pdf => "application/pdf",
        }
    }

    /// Whether the format names who wrote each card even when the facilitator hides
    /// names (only the lossless JSON does: it is the session's backup). The server
    /// refuses it to participants while names are hidden, and the page offers it
    /// only when it would be given.
    pub fn always_names_authors(self) -> bool {
        self == ExportFormat::Json
    }

    /// Whether someone in `role` may download this format: the facilitator always;
    /// a participant (with or without a badge) when the facilitator allowed it, but not
    /// a format that names authors the facilitator hid; observers and the room screen
    /// never. The server answers by this rule and the page offers its buttons by it.
    pub fn may_download(self, role: Role, settings: ExportSettings) -> bool {
        match role {
            Role::Facilitator => true,
            _ if role.is_participant() => {
                settings.participants_export
                    && !(self.always_names_authors() && settings.hide_names)
            }
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}: use json, md, csv, svg, png or pdf")]
pub struct UnknownFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, UnknownFormat> {
        let s = s.trim().to_ascii_lowercase();
        let s = if s == "markdown" { "md".to_owned() } else { s };
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.ext() == s)
            .ok_or_else(|| UnknownFormat(s.chars().take(20).collect()))
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.ext())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_reads_back_from_its_extension() {
        for format in ExportFormat::ALL {
            assert_eq!(format.ext().parse::<ExportFormat>(), Ok(format));
            assert_eq!(format.to_string(), format.ext());
        }
        assert_eq!(
            " Markdown ".parse::<ExportFormat>(),
            Ok(ExportFormat::Markdown)
        );
        assert!("docx".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn extensions_and_content_types_are_distinct() {
        let exts: std::collections::HashSet<_> =
            ExportFormat::ALL.iter().map(|f| f.ext()).collect();
        let types: std::collections::HashSet<_> =
            ExportFormat::ALL.iter().map(|f| f.content_type()).collect();
        assert_eq!(exts.len(), ExportFormat::ALL.len());
        assert_eq!(types.len(), ExportFormat::ALL.len());
    }

    #[test]
    fn who_may_download_what() {
        let offered = |role: Role, participants_export, hide_names| -> Vec<ExportFormat> {
            let settings = ExportSettings {
                participants_export,
                hide_names,
            };
            ExportFormat::ALL
                .into_iter()
                .filter(|f| f.may_download(role, settings))
                .collect()
        };
        for (export, hidden) in [(false, false), (true, true)] {
            assert_eq!(
                offered(Role::Facilitator, export, hidden),
                ExportFormat::ALL
            );
            assert!(offered(Role::Observer, export, hidden).is_empty());
            assert!(offered(Role::RoomScreen, export, hidden).is_empty());
        }
        for role in [Role::Participant, Role::Master, Role::Sponsor] {
            assert!(offered(role, false, false).is_empty(), "{role}");
            assert_eq!(offered(role, true, false), ExportFormat::ALL, "{role}");
            let without_json = offered(role, true, true);
            assert_eq!(without_json.len(), ExportFormat::ALL.len() - 1, "{role}");
            assert!(!without_json.contains(&ExportFormat::Json), "{role}");
        }
    }

    #[test]
    fn only_the_backup_names_authors_when_names_are_hidden() {
        let naming: Vec<_> = ExportFormat::ALL
            .into_iter()
            .filter(|f| f.always_names_authors())
            .collect();
        assert_eq!(naming, [ExportFormat::Json]);
    }
}
